#include "services/platform/auth.h"

#include <gtest/gtest.h>
#include <jwt.h>

#include "absl/strings/escaping.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

using Clock = std::chrono::system_clock;

class AuthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = new KeyPair(*GenerateKeyPair(KeyType::kRsa));
    ec_ = new KeyPair(*GenerateKeyPair(KeyType::kEc));
    other_ = new KeyPair(*GenerateKeyPair(KeyType::kRsa));
  }
  static TokenVerifier Verifier() {
    return *TokenVerifier::FromPems({rsa_->public_pem, ec_->public_pem}, {});
  }
  static TokenRequest Request(Role role = Role::kOzjtContractManager) {
    TokenRequest r;
    r.subject = "anna";
    r.role = role;
    r.issued_at = Clock::now();
    return r;
  }
  static KeyPair* rsa_;
  static KeyPair* ec_;
  static KeyPair* other_;
};
KeyPair* AuthTest::rsa_ = nullptr;
KeyPair* AuthTest::ec_ = nullptr;
KeyPair* AuthTest::other_ = nullptr;

TEST_F(AuthTest, Rs256TokenIsAccepted) {
  auto token = IssueToken(rsa_->private_pem, Request());
  ASSERT_TRUE(token.ok()) << token.status();
  auto caller = Verifier().Verify(*token, Clock::now());
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "anna");
  EXPECT_EQ(caller->role, Role::kOzjtContractManager);
  EXPECT_TRUE(caller->municipality_code.empty());
}

TEST_F(AuthTest, Es256TokenIsAccepted) {
  auto token = IssueToken(ec_->private_pem, Request(Role::kToezichthouder));
  ASSERT_TRUE(token.ok()) << token.status();
  auto caller = Verifier().Verify(*token, Clock::now());
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->role, Role::kToezichthouder);
}

TEST_F(AuthTest, MunicipalTokenCarriesTheMunicipality) {
  TokenRequest r = Request(Role::kGemeenteContractManager);
  r.municipality_code = "0153";
  auto caller = Verifier().Verify(*IssueToken(rsa_->private_pem, r), Clock::now());
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_TRUE(caller->IsMunicipal());
  EXPECT_EQ(caller->municipality_code, "0153");
}

TEST_F(AuthTest, MunicipalTokenWithoutMunicipalityCannotBeIssued) {
  EXPECT_EQ(IssueToken(rsa_->private_pem, Request(Role::kGemeenteContractManager)).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// Signs arbitrary claims with libjwt directly, to build tokens IssueToken would never make.
std::string Sign(const std::string& claims_json, jwt_alg_t alg, const std::string& key) {
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  jwt_add_grants_json(jwt, claims_json.c_str());
  jwt_set_alg(jwt, alg, reinterpret_cast<const unsigned char*>(key.data()),
              static_cast<int>(key.size()));
  char* s = jwt_encode_str(jwt);
  std::string out(s);
  free(s);
  jwt_free(jwt);
  return out;
}

std::string Claims(long long exp_offset, const std::string& extra = "") {
  long long now =
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
  return R"({"sub":"x","role":"admin","iss":"ozjt-local","aud":"ozjt-contracts","exp":)" +
         std::to_string(now + exp_offset) + extra + "}";
}

void ExpectRefused(const TokenVerifier& v, const std::string& token, const std::string& why) {
  auto caller = v.Verify(token, Clock::now());
  EXPECT_EQ(caller.status().code(), absl::StatusCode::kUnauthenticated) << why;
}

TEST_F(AuthTest, ForgedAndInvalidTokensAreRefused) {
  TokenVerifier v = Verifier();
  ExpectRefused(v, "", "empty");
  ExpectRefused(v, "abc", "not a JWT");
  ExpectRefused(v, Sign(Claims(3600), JWT_ALG_RS256, other_->private_pem), "wrong key");
  ExpectRefused(v, Sign(Claims(-10), JWT_ALG_RS256, rsa_->private_pem), "expired");
  ExpectRefused(v, Sign(Claims(3600, R"(,"nbf":9999999999)"), JWT_ALG_RS256, rsa_->private_pem),
                "not yet valid");
  ExpectRefused(v,
                Sign(R"({"sub":"x","role":"admin","iss":"ozjt-local","aud":"ozjt-contracts"})",
                     JWT_ALG_RS256, rsa_->private_pem),
                "no exp");
  std::string wrong_iss = Claims(3600);
  wrong_iss.replace(wrong_iss.find("ozjt-local"), 10, "evil-corp1");
  ExpectRefused(v, Sign(wrong_iss, JWT_ALG_RS256, rsa_->private_pem), "wrong issuer");
  std::string wrong_aud = Claims(3600);
  wrong_aud.replace(wrong_aud.find("ozjt-contracts"), 14, "something-else");
  ExpectRefused(v, Sign(wrong_aud, JWT_ALG_RS256, rsa_->private_pem), "wrong audience");
  std::string municipal_without = Claims(3600);
  municipal_without.replace(municipal_without.find("admin"), 5, "gemeente_contract_manager");
  ExpectRefused(v, Sign(municipal_without, JWT_ALG_RS256, rsa_->private_pem),
                "municipal without municipality");
  std::string unknown_role = Claims(3600);
  unknown_role.replace(unknown_role.find("admin"), 5, "superuser");
  ExpectRefused(v, Sign(unknown_role, JWT_ALG_RS256, rsa_->private_pem), "unknown role");
  // The classic confusion: HS256 with the public key as the HMAC secret.
  ExpectRefused(v, Sign(Claims(3600), JWT_ALG_HS256, rsa_->public_pem), "HS256 with public key");
  // alg none, no signature.
  std::string header = absl::WebSafeBase64Escape(R"({"alg":"none","typ":"JWT"})");
  std::string payload = absl::WebSafeBase64Escape(Claims(3600));
  ExpectRefused(v, header + "." + payload + ".", "alg none, empty signature");
  ExpectRefused(v, header + "." + payload + ".c2ln", "alg none with junk signature");
}

// A refused token tells the person, in Dutch, what to do: log in again or ask for a new token.
TEST_F(AuthTest, RefusedTokensSayInDutchWhatToDo) {
  TokenVerifier v = Verifier();
  auto expired = v.Verify(Sign(Claims(-10), JWT_ALG_RS256, rsa_->private_pem), Clock::now());
  EXPECT_EQ(DutchOf(expired.status()),
            "Uw token is verlopen. Log opnieuw in, of vraag de beheerder om een nieuw token.");
  auto forged = v.Verify(Sign(Claims(3600), JWT_ALG_RS256, other_->private_pem), Clock::now());
  EXPECT_NE(DutchOf(forged.status()).find("Uw token is ongeldig"), std::string::npos);
  EXPECT_NE(DutchOf(forged.status()).find("nieuw token"), std::string::npos);
  std::string wrong_iss = Claims(3600);
  wrong_iss.replace(wrong_iss.find("ozjt-local"), 10, "evil-corp1");
  auto other = v.Verify(Sign(wrong_iss, JWT_ALG_RS256, rsa_->private_pem), Clock::now());
  EXPECT_NE(DutchOf(other.status()).find("andere omgeving"), std::string::npos);
  auto early = v.Verify(
      Sign(Claims(3600, R"(,"nbf":9999999999)"), JWT_ALG_RS256, rsa_->private_pem), Clock::now());
  EXPECT_NE(DutchOf(early.status()).find("nog niet geldig"), std::string::npos);
  EXPECT_NE(DutchOf(v.Verify("", Clock::now()).status()).find("niet ingelogd"), std::string::npos);
  // The English stays for logs.
  EXPECT_NE(expired.status().message().find("expired"), std::string::npos);
}

TEST_F(AuthTest, TamperedPayloadIsRefused) {
  std::string token = *IssueToken(rsa_->private_pem, Request(Role::kAuditor));
  size_t a = token.find('.'), b = token.rfind('.');
  std::string payload = absl::WebSafeBase64Escape(Claims(3600));  // claims role admin
  ExpectRefused(Verifier(), token.substr(0, a + 1) + payload + token.substr(b), "tampered");
}

// A verified token is cached by its text; its times are checked on every use, and a token
// changed in any way is verified in full (and refused).
TEST_F(AuthTest, CachedTokenStillExpiresAndTamperingIsStillCaught) {
  TokenVerifier v = Verifier();
  TokenRequest r = Request(Role::kAuditor);
  r.lifetime = std::chrono::seconds(60);
  const std::string token = *IssueToken(rsa_->private_pem, r);
  const auto now = Clock::now();
  ASSERT_TRUE(v.Verify(token, now).ok());
  auto again = v.Verify(token, now + std::chrono::seconds(30));  // from the cache
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->subject, "anna");
  EXPECT_EQ(again->role, Role::kAuditor);
  auto late = v.Verify(token, now + std::chrono::seconds(120));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(late.status().message().find("expired"), std::string::npos);
  EXPECT_EQ(v.Verify(token, now - std::chrono::seconds(300)).status().code(),
            absl::StatusCode::kUnauthenticated);  // issued in the future, seen from then
  size_t a = token.find('.'), b = token.rfind('.');
  std::string payload = absl::WebSafeBase64Escape(Claims(3600));  // claims role admin
  ExpectRefused(v, token.substr(0, a + 1) + payload + token.substr(b), "tampered after caching");
  ExpectRefused(v, token + "x", "signature changed after caching");
}

TEST_F(AuthTest, VerifierNeedsPublicKeys) {
  EXPECT_EQ(TokenVerifier::FromPems({}, {}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TokenVerifier::FromPems({"not a key"}, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : AllRoles()) EXPECT_EQ(ParseRole(RoleName(r)), r);
  EXPECT_EQ(AllRoles().size(), 6u);
  EXPECT_FALSE(ParseRole("root").has_value());
}

}  // namespace
}  // namespace ozjt::platform
