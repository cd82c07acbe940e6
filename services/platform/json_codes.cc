#include "services/platform/json_codes.h"

#include "absl/strings/str_format.h"
#include "services/platform/calendar.h"

namespace ozjt::platform {

nlohmann::json ParseStoredJson(absl::string_view text) {
  bool has_float = false;
  nlohmann::json j = nlohmann::json::parse(
      text.begin(), text.end(),
      [&has_float](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        if (event == nlohmann::json::parse_event_t::value && parsed.is_number_float()) {
          has_float = true;
        }
        return true;
      },
      /*allow_exceptions=*/false);
  if (has_float) return nlohmann::json(nlohmann::json::value_t::discarded);
  return j;
}

nlohmann::json DayJson(absl::CivilDay d) { return FormatDay(d); }

nlohmann::json DayJson(const std::optional<absl::CivilDay>& d) {
  return d ? DayJson(*d) : nlohmann::json(nullptr);
}

absl::CivilDay DayOf(const nlohmann::json& j) { return StoredDay(j.get<std::string>()); }

std::optional<absl::CivilDay> OptionalDayOf(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return DayOf(j);
}

}  // namespace ozjt::platform
