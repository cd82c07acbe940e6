#include "services/platform/auth.h"

#include <jwt.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

struct RoleEntry {
  Role role;
  absl::string_view name;
  absl::string_view dutch;  // what a person reads, as the web page's login names it
};
constexpr RoleEntry kRoles[] = {
    {Role::kOzjtContractManager, "ozjt_contract_manager", "Contractmanager OZJT"},
    {Role::kToezichthouder, "toezichthouder", "Toezichthouder"},
    {Role::kGemeenteContractManager, "gemeente_contract_manager", "Contractmanager gemeente"},
    {Role::kScreeningOfficer, "screening_officer", "Screeningsfunctionaris"},
    {Role::kAuditor, "auditor", "Auditor"},
    {Role::kAdmin, "admin", "Beheerder"},
};

bool IsCbsCode(absl::string_view s) {
  if (s.size() != 4) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

struct JwtDeleter {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

// Kind of key in a PEM: EVP_PKEY_RSA, EVP_PKEY_EC, or 0 when it is not a key of that kind.
int PemKeyType(const std::string& pem, bool is_private) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return 0;
  EVP_PKEY* key = is_private ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                             : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return 0;
  int type = EVP_PKEY_base_id(key);
  EVP_PKEY_free(key);
  return type;
}

// What a person reads about a token that is refused: what to do next.
constexpr char kInvalidTokenDutch[] =
    "Uw token is ongeldig: het is beschadigd of niet door deze omgeving uitgegeven. Log opnieuw "
    "in, of vraag de beheerder om een nieuw token.";
constexpr char kOtherIssuerDutch[] =
    "Uw token is voor een andere omgeving uitgegeven. Log opnieuw in bij deze omgeving, of vraag "
    "de beheerder om een nieuw token.";
constexpr char kExpiredDutch[] =
    "Uw token is verlopen. Log opnieuw in, of vraag de beheerder om een nieuw token.";
constexpr char kNotYetValidDutch[] =
    "Uw token is nog niet geldig. Controleer of de klok van uw computer goed staat, of vraag de "
    "beheerder om een nieuw token.";

absl::Status Unauthenticated(absl::string_view why, std::string_view dutch = kInvalidTokenDutch) {
  return WithDutch(absl::UnauthenticatedError(absl::StrCat("invalid token: ", why)), dutch);
}

// The signing algorithm a token's header names: RS256 or ES256, anything else refused (before
// any key is tried).
absl::StatusOr<jwt_alg_t> AcceptedAlgorithm(absl::string_view token) {
  if (token.size() > size_t{16} * 1024) return Unauthenticated("too long");
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) {
    return Unauthenticated("not a signed JWT (header.payload.signature)");
  }
  std::string header_text;
  if (!absl::WebSafeBase64Unescape(parts[0], &header_text)) {
    return Unauthenticated("header is not base64url");
  }
  nlohmann::json header = nlohmann::json::parse(header_text, nullptr, /*allow_exceptions=*/false);
  if (!header.is_object() || !header.contains("alg") || !header["alg"].is_string()) {
    return Unauthenticated("header has no algorithm");
  }
  const std::string alg = header["alg"].get<std::string>();
  if (alg == "RS256") {
    return JWT_ALG_RS256;
  } else if (alg == "ES256") {
    return JWT_ALG_ES256;
  } else {
    return Unauthenticated(absl::StrCat("algorithm ", alg, " not accepted (RS256 or ES256 only)"));
  }
}

// The claims of a token signed with `alg` by one of `keys`.
absl::StatusOr<nlohmann::json> VerifiedClaims(absl::string_view token, jwt_alg_t expected_alg,
                                              const std::vector<std::string>& keys) {
  const std::string token_str(token);
  JwtPtr verified;
  for (const auto& key : keys) {
    jwt_t* raw = nullptr;
    int rc = jwt_decode(&raw, token_str.c_str(), reinterpret_cast<const unsigned char*>(key.data()),
                        static_cast<int>(key.size()));
    JwtPtr candidate(raw);
    if (rc == 0 && candidate && jwt_get_alg(candidate.get()) == expected_alg) {
      verified = std::move(candidate);
      break;
    }
  }
  if (!verified) return Unauthenticated("signature does not match any configured key");

  char* grants_raw = jwt_get_grants_json(verified.get(), nullptr);
  if (grants_raw == nullptr) return Unauthenticated("no claims");
  nlohmann::json claims = nlohmann::json::parse(grants_raw, nullptr, false);
  free(grants_raw);
  if (!claims.is_object()) return Unauthenticated("claims are not a JSON object");

  return claims;
}

// The caller a token's claims name: subject, role and, for a municipal role, the municipality.
absl::Status ReadCaller(const nlohmann::json& claims, Caller& caller) {
  if (!claims.contains("sub") || !claims["sub"].is_string() ||
      claims["sub"].get<std::string>().empty() || claims["sub"].get<std::string>().size() > 200) {
    return Unauthenticated("no subject (sub)");
  }
  caller.subject = claims["sub"].get<std::string>();
  if (!claims.contains("role") || !claims["role"].is_string()) {
    return Unauthenticated("no role");
  }
  std::optional<Role> role = ParseRole(claims["role"].get<std::string>());
  if (!role) return Unauthenticated("unknown role");
  caller.role = *role;
  if (caller.IsMunicipal()) {
    if (!claims.contains("municipality") || !claims["municipality"].is_string() ||
        !IsCbsCode(claims["municipality"].get<std::string>())) {
      return Unauthenticated("municipal role without a 4-digit municipality code");
    }
    caller.municipality_code = claims["municipality"].get<std::string>();
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view RoleName(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.name;
  }
  return "unknown";
}

absl::string_view DutchRoleName(Role role) {
  for (const auto& r : kRoles) {
    if (r.role == role) return r.dutch;
  }
  return "onbekend";
}

std::optional<Role> ParseRole(absl::string_view name) {
  for (const auto& r : kRoles) {
    if (r.name == name) return r.role;
  }
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = [] {
    std::vector<Role> all;
    for (const auto& r : kRoles) all.push_back(r.role);
    return all;
  }();
  return kAll;
}

absl::StatusOr<TokenVerifier> TokenVerifier::FromPems(std::vector<std::string> pems,
                                                      TokenPolicy policy) {
  if (pems.empty()) return absl::InvalidArgumentError("no token verification key configured");
  for (size_t i = 0; i < pems.size(); ++i) {
    int type = PemKeyType(pems[i], /*is_private=*/false);
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) {
      return absl::InvalidArgumentError(
          absl::StrCat("verification key ", i + 1, " is not an RSA or EC public key in PEM"));
    }
  }
  return TokenVerifier(std::move(pems), std::move(policy));
}

absl::StatusOr<TokenVerifier> TokenVerifier::FromPemFiles(const std::vector<std::string>& paths,
                                                          TokenPolicy policy) {
  std::vector<std::string> pems;
  for (const auto& path : paths) {
    std::ifstream in(path);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read key file ", path));
    std::stringstream ss;
    ss << in.rdbuf();
    pems.push_back(ss.str());
  }
  return FromPems(std::move(pems), std::move(policy));
}

struct TokenVerifier::Cache {
  std::mutex mu;
  std::unordered_map<std::string, Verified> tokens;
};

TokenVerifier::TokenVerifier(std::vector<std::string> keys, TokenPolicy policy)
    : keys_(std::move(keys)), policy_(std::move(policy)), cache_(std::make_shared<Cache>()) {}

absl::StatusOr<Caller> TokenVerifier::Verify(absl::string_view token,
                                             std::chrono::system_clock::time_point now) const {
  if (token.empty()) {
    return WithDutch(absl::UnauthenticatedError("missing bearer token"),
                     "U bent niet ingelogd: er is geen token meegestuurd. Log in, of zet uw token "
                     "in OZJT_TOKEN.");
  }
  const long long now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const std::string key(token.substr(0, 16 * 1024 + 1));
  {
    std::lock_guard<std::mutex> lock(cache_->mu);
    auto it = cache_->tokens.find(key);
    if (it != cache_->tokens.end()) {
      OZJT_RETURN_IF_ERROR(CheckTimes(it->second, now_s));
      return it->second.caller;
    }
  }
  OZJT_ASSIGN_OR_RETURN(Verified v, VerifyFully(token));
  OZJT_RETURN_IF_ERROR(CheckTimes(v, now_s));
  std::lock_guard<std::mutex> lock(cache_->mu);
  if (cache_->tokens.size() >= kMaxCachedTokens) cache_->tokens.clear();
  cache_->tokens.emplace(key, v);
  return v.caller;
}

absl::Status TokenVerifier::CheckTimes(const Verified& v, long long now_s) const {
  const long long leeway = policy_.leeway.count();
  if (v.exp <= now_s) return Unauthenticated("expired", kExpiredDutch);
  if (v.nbf && *v.nbf > now_s + leeway) return Unauthenticated("not yet valid", kNotYetValidDutch);
  if (v.iat && *v.iat > now_s + leeway) {
    return Unauthenticated("issued in the future", kNotYetValidDutch);
  }
  return absl::OkStatus();
}

absl::StatusOr<TokenVerifier::Verified> TokenVerifier::VerifyFully(absl::string_view token) const {
  OZJT_ASSIGN_OR_RETURN(const jwt_alg_t expected_alg, AcceptedAlgorithm(token));
  OZJT_ASSIGN_OR_RETURN(const nlohmann::json claims, VerifiedClaims(token, expected_alg, keys_));

  Verified v;
  if (!claims.contains("exp") || !claims["exp"].is_number_integer()) {
    return Unauthenticated("no expiry (exp)");
  }
  v.exp = claims["exp"].get<long long>();
  if (claims.contains("nbf")) {
    if (!claims["nbf"].is_number_integer()) return Unauthenticated("nbf is not a number");
    v.nbf = claims["nbf"].get<long long>();
  }
  if (claims.contains("iat")) {
    if (!claims["iat"].is_number_integer()) return Unauthenticated("iat is not a number");
    v.iat = claims["iat"].get<long long>();
  }
  if (!claims.contains("iss") || claims["iss"] != policy_.issuer) {
    return Unauthenticated("wrong issuer", kOtherIssuerDutch);
  }
  bool audience_ok = false;
  if (claims.contains("aud")) {
    const auto& aud = claims["aud"];
    if (aud.is_string()) audience_ok = aud == policy_.audience;
    if (aud.is_array()) {
      for (const auto& a : aud) audience_ok = audience_ok || a == policy_.audience;
    }
  }
  if (!audience_ok) return Unauthenticated("wrong audience", kOtherIssuerDutch);

  OZJT_RETURN_IF_ERROR(ReadCaller(claims, v.caller));
  return v;
}

absl::StatusOr<KeyPair> GenerateKeyPair(KeyType type) {
  EVP_PKEY* raw = type == KeyType::kRsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
  if (raw == nullptr) return absl::InternalError("key generation failed");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, &EVP_PKEY_free);
  auto to_pem = [&](bool is_private) -> std::string {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    int ok = is_private ? PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0,
                                                   nullptr, nullptr)
                        : PEM_write_bio_PUBKEY(bio.get(), key.get());
    if (ok != 1) return "";
    char* data = nullptr;
    long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, len);
  };
  KeyPair pair{to_pem(true), to_pem(false)};
  if (pair.private_pem.empty() || pair.public_pem.empty()) {
    return absl::InternalError("cannot write key as PEM");
  }
  return pair;
}

absl::StatusOr<std::string> IssueToken(const std::string& private_key_pem,
                                       const TokenRequest& request) {
  const int type = PemKeyType(private_key_pem, /*is_private=*/true);
  jwt_alg_t alg;
  if (type == EVP_PKEY_RSA) {
    alg = JWT_ALG_RS256;
  } else if (type == EVP_PKEY_EC) {
    alg = JWT_ALG_ES256;
  } else {
    return absl::InvalidArgumentError("signing key is not an RSA or EC private key in PEM");
  }
  if (request.subject.empty()) {
    return InvalidField("subject", "required", "Geef op voor wie het token is.");
  }
  if (request.role == Role::kGemeenteContractManager && !IsCbsCode(request.municipality_code)) {
    return InvalidField("municipality",
                        "a gemeente_contract_manager token needs a 4-digit CBS code",
                        "Een token voor een contractmanager van een gemeente noemt de gemeente met "
                        "haar CBS-code van 4 cijfers, bijvoorbeeld 0153 voor Enschede.");
  }
  const long long iat =
      std::chrono::duration_cast<std::chrono::seconds>(request.issued_at.time_since_epoch())
          .count();
  nlohmann::json claims = {
      {"sub", request.subject},
      {"role", std::string(RoleName(request.role))},
      {"iss", request.issuer},
      {"aud", request.audience},
      {"iat", iat},
      {"nbf", iat},
      {"exp", iat + request.lifetime.count()},
  };
  if (request.role == Role::kGemeenteContractManager) {
    claims["municipality"] = request.municipality_code;
  }
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  JwtPtr jwt(raw);
  if (jwt_add_grants_json(jwt.get(), claims.dump().c_str()) != 0 ||
      jwt_set_alg(jwt.get(), alg, reinterpret_cast<const unsigned char*>(private_key_pem.data()),
                  static_cast<int>(private_key_pem.size())) != 0) {
    return absl::InternalError("cannot build token");
  }
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) return absl::InternalError("cannot sign token");
  std::string out(encoded);
  free(encoded);
  return out;
}

}  // namespace ozjt::platform
