// ozjt-accountregion: the account-holding-region service on its own.
#include "services/accountregion/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::accountregion::AccountRegionModuleEntry()},
                                    "OZJT account-holding region (ozjt.accountregion.v1)");
}
