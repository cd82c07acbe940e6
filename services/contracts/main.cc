// ozjt-contracts: the contracts service on its own.
#include "services/contracts/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::contracts::ContractsModuleEntry()},
                                    "OZJT contracts (ozjt.contracts.v1)");
}
