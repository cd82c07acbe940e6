// The token parser. The first byte picks the mode:
//   even: the rest is a bearer token as a client sends it (header, payload, signature);
//   odd:  the rest is a claims object, signed with the trusted key, so that every claim rule
//         is reached (a fuzzer never forges a signature).
// Every answer is a caller or UNAUTHENTICATED; a caller always has an expiry in the future and,
// when municipal, a 4-digit municipality.
#include <jwt.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "services/platform/auth.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

using ozjt::platform::KeyPair;
using ozjt::platform::TokenVerifier;

const KeyPair& TrustedKey() {
  static const KeyPair* key = [] {
    auto k = ozjt::platform::GenerateKeyPair(ozjt::platform::KeyType::kEc);
    if (!k.ok()) std::abort();
    return new KeyPair(*k);
  }();
  return *key;
}

const TokenVerifier& Verifier() {
  static const TokenVerifier* v = [] {
    auto made = TokenVerifier::FromPems({TrustedKey().public_pem}, {});
    if (!made.ok()) std::abort();
    return new TokenVerifier(*made);
  }();
  return *v;
}

// The claims signed with the trusted key, or "" when libjwt takes them not as an object.
std::string Signed(const std::string& claims) {
  jwt_t* jwt = nullptr;
  if (jwt_new(&jwt) != 0) std::abort();
  std::string token;
  const std::string& pem = TrustedKey().private_pem;
  if (jwt_add_grants_json(jwt, claims.c_str()) == 0 &&
      jwt_set_alg(jwt, JWT_ALG_ES256, reinterpret_cast<const unsigned char*>(pem.data()),
                  static_cast<int>(pem.size())) == 0) {
    char* out = jwt_encode_str(jwt);
    if (out != nullptr) token = out;
    free(out);
  }
  jwt_free(jwt);
  return token;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool sign = data[0] % 2 == 1;
  std::string rest(ozjt::fuzz::Text(data + 1, size - 1));
  if (sign) {
    if (rest.find('\0') != std::string::npos) return 0;  // not a C string for libjwt
    rest = Signed(rest);
    if (rest.empty()) return 0;
  }
  // 2026-11-26 12:00 UTC.
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1795694400));
  auto caller = Verifier().Verify(rest, now);
  if (!caller.ok()) {
    if (!absl::IsUnauthenticated(caller.status())) std::abort();
    return 0;
  }
  if (!sign) std::abort();  // an unsigned or foreign token was taken
  if (caller->subject.empty()) std::abort();
  if (caller->IsMunicipal()) {
    const std::string& m = caller->municipality_code;
    if (m.size() != 4) std::abort();
    for (char ch : m) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(ch))) std::abort();
    }
  } else if (!caller->municipality_code.empty()) {
    std::abort();
  }
  return 0;
}
