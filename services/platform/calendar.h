// Days as every service handles them: calendar-month arithmetic, the one day codec
// ("YYYY-MM-DD" in the database, JSON bodies, protos' text and configuration) and the Dutch
// notation a person reads (dd-mm-jjjj). One format, one way to fail:
//
//   ParseDay("2024-02-30") == std::nullopt      (a user's input: say so, name the field)
//   StoredDay("2024-02-30") throws runtime_error (a stored value: a bug, the store's INTERNAL)
//   AddMonths(Day(2025, 1, 31), 1) == Day(2025, 2, 28);  DutchDay(Day(2024, 9, 30)) == "30-09-2024"
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace ozjt::platform {

using Day = absl::CivilDay;

// `day` moved by `months` calendar months; a day past the end of the target month becomes its
// last day (31 January + 1 month = 28/29 February).
Day AddMonths(Day day, int months);

// A real calendar date from year, month, day, or nullopt (e.g. 30 February, year 0). Years
// 1900-2200 only: nothing OZJT contracts lies outside them.
std::optional<Day> MakeDay(int year, int month, int day);

// "YYYY-MM-DD".
std::string FormatDay(Day day);
// "YYYY-MM-DD" exactly (a real date, years 1900-2200), or nullopt for anything else.
std::optional<Day> ParseDay(absl::string_view text);
// A day read back from storage (a date column as text, a JSON body): "YYYY-MM-DD", or
// std::runtime_error, which the stores turn into INTERNAL.
Day StoredDay(absl::string_view text);

// Dutch notation "30-09-2024" (dd-mm-jjjj), for every date a person reads.
std::string DutchDay(Day day);

}  // namespace ozjt::platform
