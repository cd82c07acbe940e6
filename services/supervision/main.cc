// ozjt-supervision: the supervision service on its own.
#include "services/supervision/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::supervision::SupervisionModuleEntry()},
                                    "OZJT quality supervision (ozjt.supervision.v1)");
}
