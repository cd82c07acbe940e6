// Request validation of the provider register: a provider in the register's JSON form (every
// field CreateProvider and UpdateProvider take) goes through Prepare, as a create does. A
// prepared provider validates again and survives its stored form unchanged.
#include <cstdlib>

#include "services/registry/provider.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fuzz = ozjt::fuzz;
  namespace registry = ozjt::registry;
  auto provider = registry::FromJson(fuzz::Text(data, size));
  if (!provider.ok()) return 0;
  const registry::ReferenceCodes refs{fuzz::MunicipalityCodes(), fuzz::RegionCodes()};
  absl::Status prepared = registry::Prepare(*provider, refs, "provider");
  if (!prepared.ok()) {
    if (!absl::IsInvalidArgument(prepared)) std::abort();
    return 0;
  }
  if (!registry::Validate(*provider, refs, "provider").ok()) std::abort();
  const std::string stored = registry::ToJson(*provider);
  auto back = registry::FromJson(stored);
  if (!back.ok() || registry::ToJson(*back) != stored) std::abort();
  return 0;
}
