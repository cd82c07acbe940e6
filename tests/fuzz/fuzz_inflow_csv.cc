// The Jeugdzorg Plus inflow CSV import: any bytes give rows and row errors or
// INVALID_ARGUMENT; a good row never has a negative count, a count above 1.000.000 or an unknown
// municipality; a file with a control character (NUL, ...) is INVALID_ARGUMENT naming its line.
#include <cstdlib>

#include "absl/strings/match.h"
#include "services/jzplus/inflow.h"
#include "services/platform/csv.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fuzz = ozjt::fuzz;
  namespace jzplus = ozjt::jzplus;
  jzplus::ImportRefs refs;
  refs.municipalities = fuzz::Municipalities();
  refs.provider_by_kvk = {{"12345678", 1}, {"87654321", 2}};
  refs.today = fuzz::Today();
  const absl::string_view text = fuzz::Text(data, size);
  auto parsed = jzplus::ParseInflowCsv(text, refs);
  if (!parsed.ok()) {
    if (!absl::IsInvalidArgument(parsed.status())) std::abort();
    if (fuzz::QuotesSql(parsed.status().message(), text)) std::abort();
    return 0;
  }
  // Text that is UTF-8 and holds a control character never parses.
  if (ozjt::platform::IsValidUtf8(text) && ozjt::platform::FindControlCharacter(text)) std::abort();
  for (const auto& row : parsed->rows) {
    if (refs.municipalities.count(row.municipality_code) == 0) std::abort();
    if (row.placements < 0 || row.young_people < 0) std::abort();
    if (row.placements > 1'000'000 || row.young_people > 1'000'000) std::abort();
  }
  for (const auto& e : parsed->errors) {
    if (e.line < 1 || fuzz::QuotesSql(e.description, text)) std::abort();
  }
  return 0;
}
