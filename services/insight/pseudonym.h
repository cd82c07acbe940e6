// Pseudonyms of BSNs: HMAC-SHA256 under a key that lives in a file outside the database, named
// in the configuration (OZJT_INSIGHT_KEY_FILE) and read by the insight service only. Every
// message row records the key version (OZJT_INSIGHT_KEY_VERSION) its pseudonyms were made
// with; rotating the key is re-importing under a new version (README, "Privacy").
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ozjt::insight {

class Pseudonymiser {
 public:
  // The key is the file's bytes (at least 32); FAILED_PRECONDITION otherwise.
  static absl::StatusOr<Pseudonymiser> FromFile(const std::string& path, int version);
  // For tests.
  Pseudonymiser(std::string key, int version) : key_(std::move(key)), version_(version) {}

  // Lower-case hex of HMAC-SHA256(key, bsn): 64 characters.
  std::string Of(absl::string_view bsn) const;
  int version() const { return version_; }

 private:
  std::string key_;
  int version_;
};

}  // namespace ozjt::insight
