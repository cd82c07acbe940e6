// Who is calling: roles, the verified caller, and JWT verification and issuing.
//
//   OZJT_ASSIGN_OR_RETURN(TokenVerifier verifier, TokenVerifier::FromPems(pems, policy));
//   absl::StatusOr<Caller> caller = verifier.Verify(bearer_token, Clock::now());
//
// Tokens are JWTs signed with RS256 or ES256 and verified against configured public keys
// (libjwt). Claims: sub (who), role (one of the roles below), municipality (CBS code; required
// for gemeente_contract_manager), iss and aud (must match the configuration), exp (required),
// nbf and iat (optional). Any other algorithm, "none" included, is refused before any key is
// tried, so a public key can never be used as an HMAC secret.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ozjt::platform {

enum class Role {
  kOzjtContractManager,      // OZJT contract manager: everything, all municipalities
  kToezichthouder,           // quality supervisor: records findings
  kGemeenteContractManager,  // one municipality's contract manager: own municipality only
  kScreeningOfficer,         // KIT/Bibob screening
  kAuditor,                  // read-only, incl. the audit log
  kAdmin,                    // operations
};

// The role's name in tokens and logs, e.g. "ozjt_contract_manager".
absl::string_view RoleName(Role role);
// The role as a person reads it, e.g. "Contractmanager OZJT".
absl::string_view DutchRoleName(Role role);
// The role with that name, or nullopt.
std::optional<Role> ParseRole(absl::string_view name);
// Every role, for access tables and tests.
const std::vector<Role>& AllRoles();

// The verified caller of an RPC.
struct Caller {
  std::string subject;
  Role role = Role::kAuditor;
  // CBS code; set only for kGemeenteContractManager.
  std::string municipality_code;
  bool IsMunicipal() const { return role == Role::kGemeenteContractManager; }
};

// What a token must say besides its signature.
struct TokenPolicy {
  std::string issuer = "ozjt-local";
  std::string audience = "ozjt-contracts";
  // Tolerated clock difference for nbf and iat.
  std::chrono::seconds leeway{30};
};

class TokenVerifier {
 public:
  // Keys are PEM public keys (RSA or EC P-256). INVALID_ARGUMENT when none is given or one is
  // not a public key.
  static absl::StatusOr<TokenVerifier> FromPems(std::vector<std::string> public_key_pems,
                                                TokenPolicy policy);
  // Same, reading each PEM from a file. NOT_FOUND naming a file that cannot be read.
  static absl::StatusOr<TokenVerifier> FromPemFiles(const std::vector<std::string>& paths,
                                                    TokenPolicy policy);

  // The caller named by a valid token; UNAUTHENTICATED with the reason otherwise.
  // A token whose signature and claims were verified before is found in a cache by its exact
  // text and only its times (exp, nbf, iat) are checked again: libjwt parses the PEM key on
  // every signature check (about 0.5-0.8 ms, more than the rest of a read call).
  absl::StatusOr<Caller> Verify(absl::string_view token,
                                std::chrono::system_clock::time_point now) const;

  // Most verified tokens kept; when full, the cache starts again empty.
  static constexpr size_t kMaxCachedTokens = 10000;

 private:
  // What a verified token says, for the cache: the caller and its time claims.
  struct Verified {
    Caller caller;
    long long exp = 0;
    std::optional<long long> nbf;
    std::optional<long long> iat;
  };
  struct Cache;
  TokenVerifier(std::vector<std::string> keys, TokenPolicy policy);
  // Signature and claims, without the cache.
  absl::StatusOr<Verified> VerifyFully(absl::string_view token) const;
  // The time claims against `now` (with the policy's leeway).
  absl::Status CheckTimes(const Verified& v, long long now_s) const;

  std::vector<std::string> keys_;
  TokenPolicy policy_;
  std::shared_ptr<Cache> cache_;  // shared by copies of this verifier
};

// What to put in a token.
struct TokenRequest {
  std::string subject;
  Role role = Role::kAuditor;
  std::string municipality_code;  // required for kGemeenteContractManager
  std::string issuer = "ozjt-local";
  std::string audience = "ozjt-contracts";
  std::chrono::system_clock::time_point issued_at;
  std::chrono::seconds lifetime{8 * 3600};
};

// A new signing key pair in PEM: RSA 2048 (RS256) or EC P-256 (ES256).
struct KeyPair {
  std::string private_pem;
  std::string public_pem;
};
enum class KeyType { kRsa, kEc };
absl::StatusOr<KeyPair> GenerateKeyPair(KeyType type);

// Signs a token with a PEM private key (RSA: RS256, EC P-256: ES256). INVALID_ARGUMENT for a
// bad key or a municipal role without a 4-digit municipality code.
absl::StatusOr<std::string> IssueToken(const std::string& private_key_pem,
                                       const TokenRequest& request);

}  // namespace ozjt::platform
