// ozjt-insight: the contract management information service on its own.
#include "services/insight/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::insight::InsightModuleEntry()},
                                    "OZJT contract management information (ozjt.insight.v1)");
}
