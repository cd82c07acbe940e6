// What every fuzz target shares: the reference data of the migrations (Twente's
// municipalities, a few regions), a fixed day, and the input as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace ozjt::fuzz {

inline const std::map<std::string, std::string>& Municipalities() {
  static const auto* m = new std::map<std::string, std::string>{
      {"0141", "Almelo"},     {"0147", "Borne"},          {"1774", "Dinkelland"},
      {"0153", "Enschede"},   {"0158", "Haaksbergen"},    {"0163", "Hellendoorn"},
      {"0164", "Hengelo"},    {"1735", "Hof van Twente"}, {"0168", "Losser"},
      {"0173", "Oldenzaal"},  {"1742", "Rijssen-Holten"}, {"0183", "Tubbergen"},
      {"1700", "Twenterand"}, {"0189", "Wierden"}};
  return *m;
}

inline std::set<std::string> MunicipalityCodes() {
  std::set<std::string> codes;
  for (const auto& [code, name] : Municipalities()) codes.insert(code);
  return codes;
}

inline std::set<std::string> RegionCodes() {
  return {"TWENTE", "ACHTERHOEK", "IJSSELLAND", "AMSTERDAM", "DRENTHE"};
}

inline absl::CivilDay Today() { return absl::CivilDay(2026, 11, 26); }

// Whether `text` (a status message or a row error) quotes SQL or the database: no answer may
// (issue 22). A word the fuzzer's own `input` holds may be echoed (a message names the value
// it refuses); any other is a database text passed on.
inline bool QuotesSql(absl::string_view text, absl::string_view input) {
  for (const char* word : {"SELECT", "INSERT", "UPDATE", "DELETE", "ERROR:", "pqxx"}) {
    if (text.find(word) != absl::string_view::npos && input.find(word) == absl::string_view::npos) {
      return true;
    }
  }
  return false;
}

inline absl::string_view Text(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace ozjt::fuzz
