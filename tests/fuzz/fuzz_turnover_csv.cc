// The turnover CSV import of the account-holding region: any bytes give a parsed import or
// INVALID_ARGUMENT; totals are never below the sum of nothing (no negative amounts pass), no
// amount above EUR 10.000.000.000,00 passes, and a control character is INVALID_ARGUMENT.
#include <cstdlib>

#include "services/platform/csv.h"
#include "services/platform/decimal.h"
#include "services/registry/provider_csv.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fuzz = ozjt::fuzz;
  namespace registry = ozjt::registry;
  const registry::ReferenceCodes refs{fuzz::MunicipalityCodes(), fuzz::RegionCodes()};
  auto parsed = registry::ParseTurnoverCsv(fuzz::Text(data, size), refs);
  if (!parsed.ok()) {
    if (!absl::IsInvalidArgument(parsed.status())) std::abort();
    if (fuzz::QuotesSql(parsed.status().message(), fuzz::Text(data, size))) std::abort();
    return 0;
  }
  if (ozjt::platform::IsValidUtf8(fuzz::Text(data, size)) &&
      ozjt::platform::FindControlCharacter(fuzz::Text(data, size))) {
    std::abort();
  }
  for (const auto& [kvk, years] : parsed->by_kvk) {
    if (kvk.empty() || parsed->first_line.count(kvk) == 0) std::abort();
    for (const auto& t : years) {
      if (!parsed->errors.empty()) break;  // an import with errors writes nothing
      if (t.total_cents < 0 || t.total_cents > ozjt::platform::kMaxAmountCents) std::abort();
      for (const auto& r : t.per_region) {
        if (r.amount_cents < 0 || r.amount_cents > ozjt::platform::kMaxAmountCents) std::abort();
      }
    }
  }
  return 0;
}
