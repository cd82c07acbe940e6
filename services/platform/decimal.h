// Exact decimals and money as every service handles them: percentages and measurements as
// integer hundredths, amounts as integer cents, rounding half away from zero (never binary
// floating point), and the Dutch notation a person reads.
//
//   ParseHundredths("4.94") == 494;  FormatHundredths(630) == "6.30";  DutchPercent(630) == "6,30%"
//   FormatEuro(123450) == "€ 1.234,50";  DivideRoundHalfUp(5, 2) == 3
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace ozjt::platform {

// "4.94" -> 494, "-0.5" -> -50, "6" -> 600. At most 2 decimals; nullopt for anything else.
std::optional<int64_t> ParseHundredths(absl::string_view text);
// 630 -> "6.30", -5 -> "-0.05".
std::string FormatHundredths(int64_t hundredths);

// Cents as Dutch euros, for every amount a person reads: 3242 -> "€ 32,42",
// 123450 -> "€ 1.234,50", -5 -> "-€ 0,05".
std::string FormatEuro(int64_t cents);
// Hundredths of a percent in Dutch notation: 630 -> "6,30%".
std::string DutchPercent(int64_t hundredths);

// numerator / denominator rounded half away from zero (denominator > 0). The quotient must fit
// in int64_t; where it may not (amounts from a caller), use CheckedDivideRoundHalfUp.
int64_t DivideRoundHalfUp(__int128 numerator, __int128 denominator);
// The same, or nullopt when the quotient does not fit in int64_t (never a wrapped value).
std::optional<int64_t> CheckedDivideRoundHalfUp(__int128 numerator, __int128 denominator);

// The largest amount of money, in cents, that any service accepts in one figure (a tariff, a
// contract value, a turnover, a balance-sheet item): EUR 10.000.000.000,00. Ten times the
// budget of the whole region and far above any youth-care provider's turnover, yet small
// enough that every sum of up to a million such amounts, and every amount times a percentage
// in hundredths, stays far inside int64_t (10^12 x 10^6 = 10^18 < 9.2 x 10^18). Amounts
// beyond it are refused where they enter (INVALID_ARGUMENT naming the bound).
inline constexpr int64_t kMaxAmountCents = 1'000'000'000'000;
// Whether -kMaxAmountCents <= cents <= kMaxAmountCents.
inline bool AmountInRange(int64_t cents) {
  return cents >= -kMaxAmountCents && cents <= kMaxAmountCents;
}
// The bound as a person reads it: "€ 10.000.000.000,00".
std::string MaxAmountText();

}  // namespace ozjt::platform
