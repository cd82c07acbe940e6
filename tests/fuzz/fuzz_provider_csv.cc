// The provider register's CSV import: any bytes give a parsed import or INVALID_ARGUMENT,
// every good row passes the same validation as a created provider.
#include <cstdlib>

#include "services/registry/provider.h"
#include "services/registry/provider_csv.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fuzz = ozjt::fuzz;
  namespace registry = ozjt::registry;
  const registry::ReferenceCodes refs{fuzz::MunicipalityCodes(), fuzz::RegionCodes()};
  auto parsed = registry::ParseProviderCsv(fuzz::Text(data, size), refs);
  if (!parsed.ok()) {
    if (!absl::IsInvalidArgument(parsed.status())) std::abort();
    return 0;
  }
  std::vector<registry::Provider> providers;
  for (auto& row : parsed->rows) {
    if (!registry::Validate(row.provider, refs, "provider").ok()) std::abort();
    providers.push_back(row.provider);
  }
  // What is exported reads back as the same rows.
  auto again = registry::ParseProviderCsv(registry::ProviderCsv(providers), refs);
  if (!again.ok() || again->rows.size() != providers.size()) std::abort();
  return 0;
}
