// ozjt-screening: the screening service on its own.
#include "services/screening/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::screening::ScreeningModuleEntry()},
                                    "OZJT KIT screening (ozjt.screening.v1)");
}
