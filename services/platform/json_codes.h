// Dates and enum codes in the JSON bodies services store (jsonb columns) and audit. Reading
// throws std::runtime_error on a malformed value, which the stores turn into INTERNAL: a stored
// body that does not parse is a bug, not a user's mistake.
//
//   {"opened", DayJson(c.opened)}, {"closed", DayJson(c.closed)}
//   c.closed = OptionalDayOf(j.at("closed"));  c.status = EnumOf(kStatuses, j.at("status"));
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/platform/codes.h"

namespace ozjt::platform {

// A stored body parsed without exceptions: a discarded value (not an object) when it is not
// JSON or holds a number with a fraction or exponent. Bodies hold integers only (ids, cents,
// hundredths, days), and converting a float out of range to an integer is undefined behaviour.
nlohmann::json ParseStoredJson(absl::string_view text);

// "YYYY-MM-DD", or null for no day.
nlohmann::json DayJson(absl::CivilDay d);
nlohmann::json DayJson(const std::optional<absl::CivilDay>& d);
absl::CivilDay DayOf(const nlohmann::json& j);
std::optional<absl::CivilDay> OptionalDayOf(const nlohmann::json& j);

// The enum value whose code is the JSON string `j`.
template <typename E, size_t N>
E EnumOf(const CodeName<E> (&table)[N], const nlohmann::json& j) {
  std::optional<E> v = ParseCode(table, j.get<std::string>());
  if (!v) throw std::runtime_error("unknown code " + j.get<std::string>());
  return *v;
}

}  // namespace ozjt::platform
