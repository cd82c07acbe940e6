// Request fields the contracts handlers share: a number with at most two decimals (percentages,
// KPI norms and values) read into hundredths.
#include "services/contracts/handler_fields.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/contracts/term.h"
#include "services/platform/status.h"

namespace ozjt::contracts {

absl::StatusOr<int64_t> Hundredths(const std::string& text, const std::string& field) {
  std::optional<int64_t> h = ParseHundredths(text);
  if (!h) {
    return platform::InvalidField(
        field, "a number with at most 2 decimals, e.g. 95.00",
        absl::StrCat("'", text, "' is geen getal met hoogstens 2 decimalen (bijvoorbeeld 95,00)."));
  }
  return *h;
}

}  // namespace ozjt::contracts
