#include "services/platform/calendar.h"

#include <stdexcept>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace ozjt::platform {

Day AddMonths(Day day, int months) {
  const absl::CivilMonth target = absl::CivilMonth(day) + months;
  const Day first_of_next = Day(target + 1);
  const Day last = first_of_next - 1;
  const Day wanted(target.year(), target.month(), day.day());
  // CivilDay normalises 31 February to early March: clamp to the month's last day instead.
  return absl::CivilMonth(wanted) == target ? wanted : last;
}

std::optional<Day> MakeDay(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  Day d(year, month, day);
  if (d.year() != year || d.month() != month || d.day() != day) return std::nullopt;
  return d;
}

std::string FormatDay(Day day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::optional<Day> ParseDay(absl::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  int year = 0, month = 0, day = 0;
  if (!absl::SimpleAtoi(text.substr(0, 4), &year) || !absl::SimpleAtoi(text.substr(5, 2), &month) ||
      !absl::SimpleAtoi(text.substr(8, 2), &day)) {
    return std::nullopt;
  }
  return MakeDay(year, month, day);
}

Day StoredDay(absl::string_view text) {
  std::optional<Day> d = ParseDay(text);
  if (!d) throw std::runtime_error(absl::StrCat("stored date is not YYYY-MM-DD: ", text));
  return *d;
}

std::string DutchDay(Day day) {
  return absl::StrFormat("%02d-%02d-%04d", day.day(), day.month(), day.year());
}

}  // namespace ozjt::platform
