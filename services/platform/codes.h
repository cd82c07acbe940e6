// Stable text codes for enums (stored in the database, written in JSON and CSV), in one
// table per enum:
//
//   constexpr CodeName<Tier> kTiers[] = {{Tier::kStrategic, "strategic"}, ...};
//   CodeOf(kTiers, Tier::kLocal) == "local";  ParseCode(kTiers, "local") == Tier::kLocal
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace ozjt::platform {

template <typename E>
struct CodeName {
  E value;
  const char* code;
};

// The code of `value`; "" when the table does not have it (the unspecified value).
template <typename E, size_t N>
std::string CodeOf(const CodeName<E> (&table)[N], E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.code;
  }
  return "";
}

// The value with code `code` (exact match), or nullopt.
template <typename E, size_t N>
std::optional<E> ParseCode(const CodeName<E> (&table)[N], absl::string_view code) {
  for (const auto& entry : table) {
    if (code == entry.code) return entry.value;
  }
  return std::nullopt;
}

}  // namespace ozjt::platform
