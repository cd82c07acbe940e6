// The Jeugdzorg Plus inflow CSV import: any bytes give rows and row errors or
// INVALID_ARGUMENT; a good row never has a negative count or an unknown municipality.
#include <cstdlib>

#include "services/jzplus/inflow.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fuzz = ozjt::fuzz;
  namespace jzplus = ozjt::jzplus;
  jzplus::ImportRefs refs;
  refs.municipalities = fuzz::Municipalities();
  refs.provider_by_kvk = {{"12345678", 1}, {"87654321", 2}};
  refs.today = fuzz::Today();
  auto parsed = jzplus::ParseInflowCsv(fuzz::Text(data, size), refs);
  if (!parsed.ok()) {
    if (!absl::IsInvalidArgument(parsed.status())) std::abort();
    return 0;
  }
  for (const auto& row : parsed->rows) {
    if (refs.municipalities.count(row.municipality_code) == 0) std::abort();
    if (row.placements < 0 || row.young_people < 0) std::abort();
  }
  return 0;
}
