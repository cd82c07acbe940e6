#include "services/platform/page_token.h"

#include <nlohmann/json.hpp>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/platform/status.h"

namespace ozjt::platform {

absl::StatusOr<int> PageSize(int requested, int fallback, int max) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  if (requested == 0) return fallback;
  return requested > max ? max : requested;
}

std::string QueryFingerprint(const std::vector<std::string>& filter_values) {
  // FNV-1a over the values with a separator: stable across builds and processes.
  uint64_t h = 1469598103934665603ULL;
  for (const auto& v : filter_values) {
    for (unsigned char c : v) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;
    h *= 1099511628211ULL;
  }
  return absl::StrCat(absl::Hex(h, absl::kZeroPad16));
}

std::string EncodePageToken(absl::string_view fingerprint,
                            const std::vector<std::string>& position) {
  nlohmann::json j = nlohmann::json::array();
  j.push_back(std::string(fingerprint));
  for (const auto& p : position) j.push_back(p);
  // Positions are column values (valid UTF-8 in PostgreSQL); should one not be, it is
  // replaced rather than thrown (found by the fuzzer).
  return absl::WebSafeBase64Escape(
      j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view token,
                                                         absl::string_view fingerprint,
                                                         size_t parts) {
  std::vector<std::string> out;
  if (token.empty()) return out;
  std::string text;
  if (token.size() > 4096 || !absl::WebSafeBase64Unescape(token, &text)) {
    return InvalidField("page_token", "is not a token this service issued");
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array() || j.size() != parts + 1) {
    return InvalidField("page_token", "is not a token this service issued");
  }
  for (const auto& e : j) {
    if (!e.is_string()) return InvalidField("page_token", "is not a token this service issued");
  }
  if (j[0].get<std::string>() != fingerprint) {
    return InvalidField("page_token", "was issued for other filters; start again without it");
  }
  for (size_t i = 1; i < j.size(); ++i) out.push_back(j[i].get<std::string>());
  return out;
}

}  // namespace ozjt::platform
