// ozjt-registry: the provider registry on its own.
#include "services/registry/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::registry::RegistryModuleEntry()},
                                    "OZJT provider registry (ozjt.registry.v1)");
}
