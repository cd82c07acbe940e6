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

// numerator / denominator rounded half away from zero (denominator > 0).
int64_t DivideRoundHalfUp(__int128 numerator, __int128 denominator);

}  // namespace ozjt::platform
