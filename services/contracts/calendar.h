// Dates and exact decimals for contracts: calendar-month arithmetic for terms and notice
// deadlines, and percentages and measurements as integer hundredths (never binary floating
// point).
//
//   NoticeDeadline(CivilDay(2024, 12, 31), 3) == CivilDay(2024, 9, 30)
//   ParseHundredths("4.94") == 494;  FormatHundredths(630) == "6.30"
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace ozjt::contracts {

using Day = absl::CivilDay;

// `day` moved by `months` calendar months; a day past the end of the target month becomes its
// last day (31 January + 1 month = 28/29 February).
Day AddMonths(Day day, int months);

// The last day to give notice for a term ending at the end of `end`: (end + 1 day) minus
// `notice_months` calendar months, minus 1 day (docs/domain.md section 4).
Day NoticeDeadline(Day end, int notice_months);

// The new last day after extending a term ending on `end` by `months` calendar months: a term
// ending on the last day of a month ends on the last day of the target month (2024-12-31 + 12
// = 2025-12-31, 2025-06-30 + 6 = 2025-12-31); otherwise on the same day (2024-02-28 + 12 =
// 2025-02-28).
Day ExtendedEnd(Day end, int months);

// "YYYY-MM-DD".
std::string FormatDay(Day day);
// Dutch notation "30-09-2024" (dd-mm-jjjj), for every date a person reads.
std::string DutchDay(Day day);
// Cents as Dutch euros, for every amount a person reads: 3242 -> "€ 32,42",
// 123450 -> "€ 1.234,50", -5 -> "-€ 0,05". (A candidate for services/platform.)
std::string FormatEuro(int64_t cents);
// Hundredths of a percent in Dutch notation: 630 -> "6,30%".
std::string DutchPercent(int64_t hundredths);

// A real calendar date from year, month, day, or nullopt (e.g. 30 February, year 0).
std::optional<Day> MakeDay(int year, int month, int day);

// "4.94" -> 494, "-0.5" -> -50, "6" -> 600. At most 2 decimals; nullopt for anything else.
std::optional<int64_t> ParseHundredths(absl::string_view text);
// 630 -> "6.30", -5 -> "-0.05".
std::string FormatHundredths(int64_t hundredths);

// numerator / denominator rounded half away from zero (denominator > 0).
int64_t DivideRoundHalfUp(__int128 numerator, __int128 denominator);

}  // namespace ozjt::contracts
