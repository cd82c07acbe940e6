// The registry as the host serves it: services ozjt.registry.v1.ProviderRegistry and
// ozjt.registry.v1.ReferenceData, under the name "registry".
#pragma once

#include "services/platform/server.h"

namespace ozjt::registry {

platform::ModuleEntry RegistryModuleEntry();

}  // namespace ozjt::registry
