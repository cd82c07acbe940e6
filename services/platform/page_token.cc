#include "services/platform/page_token.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/config.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

// Token layout (before base64url): version | nonce | AES-256-GCM ciphertext | tag. The
// plaintext is the JSON array [fingerprint, position...]; the version byte is authenticated
// as additional data.
constexpr unsigned char kVersion = 1;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr size_t kMaxTokenChars = 4096;
constexpr absl::string_view kKeyPurpose = "ozjt page token v1";

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

absl::Status NotOurs() {
  return InvalidField("page_token", "is not a token this service issued, or was changed",
                      "Dit vervolgtoken is niet door deze dienst uitgegeven of is gewijzigd. "
                      "Vraag de lijst opnieuw op vanaf het begin (zonder --page-token).");
}

void RandomBytes(unsigned char* out, size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) {
    // Without randomness no token can be sealed safely; this never happens on Linux.
    std::abort();
  }
}

}  // namespace

absl::StatusOr<int> PageSize(int requested, int fallback, int max) {
  if (requested < 0) {
    return InvalidField("page_size", "must not be negative",
                        "Het aantal resultaten per pagina (--page-size) mag niet negatief zijn.");
  }
  if (requested == 0) return fallback;
  return requested > max ? max : requested;
}

std::string QueryFingerprint(const std::vector<std::string>& filter_values) {
  // SHA-256 over each value's length and bytes: stable across builds and processes, and no
  // two different value lists share it.
  std::string input;
  for (const auto& v : filter_values) absl::StrAppend(&input, v.size(), ":", v, ";");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), length < 16 ? length : 16));
}

absl::StatusOr<PageTokenKeys> PageTokenKeys::FromSecrets(const std::vector<std::string>& secrets) {
  if (secrets.empty()) return absl::InvalidArgumentError("no page-token secret given");
  std::vector<Key> keys;
  for (size_t i = 0; i < secrets.size(); ++i) {
    const absl::string_view secret = absl::StripAsciiWhitespace(secrets[i]);
    if (secret.size() < kMinSecretBytes) {
      return absl::InvalidArgumentError(absl::StrCat(
          "page-token secret ", i + 1, " is shorter than ", kMinSecretBytes, " bytes"));
    }
    // The AES key is HMAC-SHA256(secret, purpose): any secret text gives a full-strength key
    // that is used for nothing else.
    Key key;
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(kKeyPurpose.data()), kKeyPurpose.size(), key.data(),
         &length);
    keys.push_back(key);
  }
  return PageTokenKeys(std::move(keys));
}

absl::StatusOr<PageTokenKeys> PageTokenKeys::FromFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> secrets;
  for (const auto& path : paths) {
    absl::StatusOr<std::string> text = ReadSettingFile(path);
    if (!text.ok()) return text.status();
    if (absl::StripAsciiWhitespace(*text).size() < kMinSecretBytes) {
      return absl::InvalidArgumentError(absl::StrCat("page-token secret file ", path,
                                                     " holds fewer than ", kMinSecretBytes,
                                                     " bytes (make one with: ozjt-admin keygen)"));
    }
    secrets.push_back(*std::move(text));
  }
  return FromSecrets(secrets);
}

PageTokenKeys PageTokenKeys::Random() { return *FromSecrets({NewPageTokenSecret()}); }

std::string NewPageTokenSecret() {
  unsigned char bytes[32];
  RandomBytes(bytes, sizeof bytes);
  return absl::StrCat(
      absl::Base64Escape(absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes)),
      "\n");
}

std::string PageTokenKeys::Seal(absl::string_view fingerprint,
                                const std::vector<std::string>& position) const {
  nlohmann::json j = nlohmann::json::array();
  j.push_back(std::string(fingerprint));
  for (const auto& p : position) j.push_back(p);
  // Positions are column values (valid UTF-8 in PostgreSQL); should one not be, it is
  // replaced rather than thrown (found by the fuzzer).
  const std::string plain = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  std::string out(1 + kNonceBytes + plain.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  bytes[0] = kVersion;
  unsigned char* nonce = bytes + 1;
  unsigned char* cipher = nonce + kNonceBytes;
  RandomBytes(nonce, kNonceBytes);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, keys_.front().data(), nonce) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes, 1) == 1 &&
      EVP_EncryptUpdate(ctx.get(), cipher, &len,
                        reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), cipher + len, &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, cipher + plain.size()) == 1;
  if (!ok) std::abort();  // only on memory exhaustion
  return absl::WebSafeBase64Escape(out);
}

absl::StatusOr<std::vector<std::string>> PageTokenKeys::Open(absl::string_view token,
                                                             absl::string_view fingerprint,
                                                             size_t parts) const {
  std::vector<std::string> out;
  if (token.empty()) return out;
  std::string raw;
  if (token.size() > kMaxTokenChars || !absl::WebSafeBase64Unescape(token, &raw) ||
      raw.size() < 1 + kNonceBytes + kTagBytes || static_cast<unsigned char>(raw[0]) != kVersion) {
    return NotOurs();
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  const unsigned char* nonce = bytes + 1;
  const unsigned char* cipher = nonce + kNonceBytes;
  const size_t cipher_size = raw.size() - 1 - kNonceBytes - kTagBytes;
  unsigned char tag[kTagBytes];
  std::copy(cipher + cipher_size, cipher + cipher_size + kTagBytes, tag);

  std::string plain;
  bool opened = false;
  for (const Key& key : keys_) {
    plain.assign(cipher_size + 16, '\0');
    auto* p = reinterpret_cast<unsigned char*>(plain.data());
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int len = 0, final_len = 0;
    opened = ctx &&
             EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
             EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
             EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce) == 1 &&
             EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes, 1) == 1 &&
             EVP_DecryptUpdate(ctx.get(), p, &len, cipher, static_cast<int>(cipher_size)) == 1 &&
             EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag) == 1 &&
             EVP_DecryptFinal_ex(ctx.get(), p + len, &final_len) == 1;
    if (opened) {
      plain.resize(len + final_len);
      break;
    }
  }
  if (!opened) return NotOurs();

  nlohmann::json j = nlohmann::json::parse(plain, nullptr, false);
  if (!j.is_array() || j.empty()) return NotOurs();
  for (const auto& e : j) {
    if (!e.is_string()) return NotOurs();
  }
  if (j[0].get<std::string>() != fingerprint || j.size() != parts + 1) {
    return InvalidField("page_token",
                        "was issued for another list or other filters; start again "
                        "without it",
                        "Dit vervolgtoken hoort bij een andere lijst of andere zoekvoorwaarden. "
                        "Vraag de lijst opnieuw op vanaf het begin (zonder --page-token).");
  }
  for (size_t i = 1; i < j.size(); ++i) out.push_back(j[i].get<std::string>());
  return out;
}

namespace {
std::mutex process_keys_mu;
std::shared_ptr<const PageTokenKeys>& ProcessKeysSlot() {
  static std::shared_ptr<const PageTokenKeys> keys;
  return keys;
}
std::shared_ptr<const PageTokenKeys> ProcessKeys() {
  std::lock_guard<std::mutex> lock(process_keys_mu);
  auto& slot = ProcessKeysSlot();
  if (!slot) slot = std::make_shared<const PageTokenKeys>(PageTokenKeys::Random());
  return slot;
}
}  // namespace

void SetPageTokenKeys(PageTokenKeys keys) {
  std::lock_guard<std::mutex> lock(process_keys_mu);
  ProcessKeysSlot() = std::make_shared<const PageTokenKeys>(std::move(keys));
}

std::string EncodePageToken(absl::string_view fingerprint,
                            const std::vector<std::string>& position) {
  return ProcessKeys()->Seal(fingerprint, position);
}

absl::StatusOr<std::vector<std::string>> DecodePageToken(absl::string_view token,
                                                         absl::string_view fingerprint,
                                                         size_t parts) {
  if (token.empty()) return std::vector<std::string>{};
  return ProcessKeys()->Open(token, fingerprint, parts);
}

std::string EncodeIdPageToken(absl::string_view fingerprint, int64_t last_id) {
  return EncodePageToken(fingerprint, {absl::StrCat(last_id)});
}

absl::StatusOr<int64_t> DecodeIdPageToken(absl::string_view token, absl::string_view fingerprint) {
  OZJT_ASSIGN_OR_RETURN(std::vector<std::string> position, DecodePageToken(token, fingerprint, 1));
  if (position.empty()) return 0;
  int64_t id = 0;
  // A sealed token holds what this service put in; anything else is not ours.
  if (!absl::SimpleAtoi(position[0], &id) || id <= 0) return NotOurs();
  return id;
}

}  // namespace ozjt::platform
