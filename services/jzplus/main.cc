// ozjt-jzplus: the Jeugdzorg Plus inflow service on its own.
#include "services/jzplus/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::jzplus::InflowModuleEntry()},
                                    "OZJT Jeugdzorg Plus inflow (ozjt.jzplus.v1)");
}
