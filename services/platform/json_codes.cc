#include "services/platform/json_codes.h"

#include "absl/strings/str_format.h"

namespace ozjt::platform {

nlohmann::json DayJson(absl::CivilDay d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

nlohmann::json DayJson(const std::optional<absl::CivilDay>& d) {
  return d ? DayJson(*d) : nlohmann::json(nullptr);
}

absl::CivilDay DayOf(const nlohmann::json& j) {
  absl::CivilDay d;
  if (!absl::ParseCivilTime(j.get<std::string>(), &d)) throw std::runtime_error("bad date");
  return d;
}

std::optional<absl::CivilDay> OptionalDayOf(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return DayOf(j);
}

}  // namespace ozjt::platform
