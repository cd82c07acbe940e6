#include "services/insight/pseudonym.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace ozjt::insight {

absl::StatusOr<Pseudonymiser> Pseudonymiser::FromFile(const std::string& path, int version) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::FailedPreconditionError(absl::StrCat("OZJT_INSIGHT_KEY_FILE: cannot read ", path));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string key = ss.str();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() < 32) {
    return absl::FailedPreconditionError(
        absl::StrCat("OZJT_INSIGHT_KEY_FILE: ", path, " holds ", key.size(),
                     " bytes; the pseudonym key is at least 32 (openssl rand -hex 32 > FILE)"));
  }
  if (version < 1) {
    return absl::FailedPreconditionError("OZJT_INSIGHT_KEY_VERSION: a whole number from 1");
  }
  return Pseudonymiser(std::move(key), version);
}

std::string Pseudonymiser::Of(absl::string_view bsn) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(bsn.data()), bsn.size(), digest, &length);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace ozjt::insight
