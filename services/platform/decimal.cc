#include "services/platform/decimal.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"

namespace ozjt::platform {

std::optional<int64_t> ParseHundredths(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 15) return std::nullopt;
  int64_t whole = 0, frac = 0;
  int frac_digits = -1;  // -1: no decimal point seen
  for (char c : text) {
    if (c == '.' || c == ',') {  // a Dutch decimal comma is accepted too
      if (frac_digits >= 0) return std::nullopt;
      frac_digits = 0;
      continue;
    }
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (frac_digits < 0) {
      whole = whole * 10 + (c - '0');
    } else {
      if (++frac_digits > 2) return std::nullopt;
      frac = frac * 10 + (c - '0');
    }
  }
  if (frac_digits == 0) return std::nullopt;  // "6." is not a number
  if (frac_digits == 1) frac *= 10;
  const int64_t value = whole * 100 + frac;
  return negative ? -value : value;
}

std::string FormatHundredths(int64_t h) {
  const bool negative = h < 0;
  const uint64_t a = negative ? -static_cast<uint64_t>(h) : static_cast<uint64_t>(h);
  return absl::StrFormat("%s%d.%02d", negative ? "-" : "", a / 100, a % 100);
}

std::string FormatEuro(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t c = negative ? -static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  std::string whole = std::to_string(c / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(i, ".");
  return absl::StrFormat("%s\u20ac %s,%02d", negative ? "-" : "", whole, c % 100);
}

std::string DutchPercent(int64_t hundredths) {
  std::string text = FormatHundredths(hundredths);
  for (char& ch : text) {
    if (ch == '.') ch = ',';
  }
  return text + "%";
}

namespace {
// |numerator / denominator| rounded half away from zero, and its sign. `numerator` is at most
// about 2^126 in magnitude for every caller, so 2 * a cannot overflow.
__int128 RoundedQuotient(__int128 numerator, __int128 denominator) {
  const bool negative = numerator < 0;
  const __int128 a = negative ? -numerator : numerator;
  const __int128 q = a / denominator + ((a % denominator) * 2 >= denominator ? 1 : 0);
  return negative ? -q : q;
}
}  // namespace

int64_t DivideRoundHalfUp(__int128 numerator, __int128 denominator) {
  return static_cast<int64_t>(RoundedQuotient(numerator, denominator));
}

std::optional<int64_t> CheckedDivideRoundHalfUp(__int128 numerator, __int128 denominator) {
  const __int128 q = RoundedQuotient(numerator, denominator);
  if (q > std::numeric_limits<int64_t>::max() || q < std::numeric_limits<int64_t>::min()) {
    return std::nullopt;
  }
  return static_cast<int64_t>(q);
}

std::string MaxAmountText() { return FormatEuro(kMaxAmountCents); }

}  // namespace ozjt::platform
