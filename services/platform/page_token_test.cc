#include "services/platform/page_token.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

const std::string kSecretA = "a-page-token-secret-of-at-least-32-bytes";
const std::string kSecretB = "another-deployments-secret-32-bytes-long";

PageTokenKeys Keys(const std::vector<std::string>& secrets) {
  auto keys = PageTokenKeys::FromSecrets(secrets);
  EXPECT_TRUE(keys.ok()) << keys.status();
  return *keys;
}

TEST(PageSizeTest, ZeroMeansDefaultAndLargeIsClamped) {
  EXPECT_EQ(*PageSize(0, 50, 500), 50);
  EXPECT_EQ(*PageSize(7, 50, 500), 7);
  EXPECT_EQ(*PageSize(100000, 50, 500), 500);
  EXPECT_EQ(PageSize(-1, 50, 500).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageSizeTest, NegativeIsExplainedInDutch) {
  EXPECT_EQ(DutchOf(PageSize(-1, 50, 500).status()),
            "Het aantal resultaten per pagina (--page-size) mag niet negatief zijn.");
}

TEST(PageTokenTest, RoundTripsThePosition) {
  std::string fp = QueryFingerprint({"ListProviders", "zorg", "0153"});
  std::string token = EncodePageToken(fp, {"Zorggroep \"A\"; B", "42"});
  auto pos = DecodePageToken(token, fp, 2);
  ASSERT_TRUE(pos.ok()) << pos.status();
  EXPECT_EQ(*pos, (std::vector<std::string>{"Zorggroep \"A\"; B", "42"}));
}

TEST(PageTokenTest, EmptyTokenIsTheFirstPage) {
  auto pos = DecodePageToken("", "x", 2);
  ASSERT_TRUE(pos.ok());
  EXPECT_TRUE(pos->empty());
}

TEST(PageTokenTest, TokenFromOtherFiltersIsRefused) {
  std::string token = EncodePageToken(QueryFingerprint({"ListProviders", "a"}), {"n", "1"});
  auto pos = DecodePageToken(token, QueryFingerprint({"ListProviders", "b"}), 2);
  EXPECT_EQ(pos.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(pos.status().message().find("page_token"), std::string::npos);
  EXPECT_EQ(ViolationsOf(pos.status()).at(0).field, "page_token");
  EXPECT_NE(DutchOf(pos.status()).find("andere lijst of andere zoekvoorwaarden"),
            std::string::npos);
}

TEST(PageTokenTest, TokenFromAnotherListIsRefused) {
  // Same filter values (an id), another list: the versions of provider 5 are not those of
  // contract 5.
  std::string token = EncodePageToken(QueryFingerprint({"ListProviderVersions", "5"}), {"3"});
  auto pos = DecodePageToken(token, QueryFingerprint({"ListContractVersions", "5"}), 1);
  EXPECT_EQ(pos.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageTokenTest, GarbageIsRefused) {
  // The last three were valid tokens before they were sealed: base64 of readable JSON.
  for (const char* bad : {"!!!", "bm90IGpzb24", "WyJ4Il0", "WzEsMl0", "WyJ4IiwibiIsIjEiXQ"}) {
    auto pos = DecodePageToken(bad, "x", 2);
    EXPECT_EQ(pos.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(DutchOf(pos.status()).find("vervolgtoken"), std::string::npos) << bad;
  }
}

TEST(PageTokenTest, ContentIsNotReadable) {
  const PageTokenKeys keys = Keys({kSecretA});
  const std::string fp = QueryFingerprint({"ListProviders", ""});
  const std::string token = keys.Seal(fp, {"Zorggroep Twente", "4242"});
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  for (const std::string& secret : {std::string("Zorggroep"), std::string("4242"), fp}) {
    EXPECT_EQ(token.find(secret), std::string::npos) << secret;
    EXPECT_EQ(raw.find(secret), std::string::npos) << secret;
  }
  // Two tokens for the same position differ (a fresh nonce each time).
  EXPECT_NE(token, keys.Seal(fp, {"Zorggroep Twente", "4242"}));
}

TEST(PageTokenTest, EveryEditedByteIsRefused) {
  const PageTokenKeys keys = Keys({kSecretA});
  const std::string fp = QueryFingerprint({"ListAuditRecords", "contract"});
  const std::string token = keys.Seal(fp, {"1000"});
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string edited = raw;
    edited[i] = static_cast<char>(edited[i] ^ 0x01);
    auto pos = keys.Open(absl::WebSafeBase64Escape(edited), fp, 1);
    EXPECT_EQ(pos.status().code(), absl::StatusCode::kInvalidArgument) << "byte " << i;
  }
  // Shortened and lengthened.
  EXPECT_FALSE(keys.Open(token.substr(0, token.size() - 2), fp, 1).ok());
  EXPECT_FALSE(keys.Open(token + "AA", fp, 1).ok());
  EXPECT_TRUE(keys.Open(token, fp, 1).ok());
}

TEST(PageTokenTest, TokenFromAnotherSecretIsRefused) {
  const std::string fp = QueryFingerprint({"ListProviders"});
  const std::string token = Keys({kSecretB}).Seal(fp, {"n", "1"});
  auto pos = Keys({kSecretA}).Open(token, fp, 2);
  EXPECT_EQ(pos.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolationsOf(pos.status()).at(0).field, "page_token");
}

TEST(PageTokenTest, RotatedSecretStillOpensOldTokens) {
  const std::string fp = QueryFingerprint({"ListProviders"});
  const std::string old_token = Keys({kSecretA}).Seal(fp, {"n", "1"});
  const PageTokenKeys rotated = Keys({kSecretB, kSecretA});
  auto pos = rotated.Open(old_token, fp, 2);
  ASSERT_TRUE(pos.ok()) << pos.status();
  EXPECT_EQ(*pos, (std::vector<std::string>{"n", "1"}));
  // New tokens are sealed with the new secret: once the old one is dropped they still open.
  const std::string new_token = rotated.Seal(fp, {"m", "2"});
  EXPECT_TRUE(Keys({kSecretB}).Open(new_token, fp, 2).ok());
  EXPECT_FALSE(Keys({kSecretA}).Open(new_token, fp, 2).ok());
}

TEST(PageTokenTest, SecretIsTrimmedAndMustBeLongEnough) {
  EXPECT_EQ(PageTokenKeys::FromSecrets({}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PageTokenKeys::FromSecrets({"short"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(PageTokenKeys::FromSecrets({std::string(40, ' ') + "x"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  const std::string fp = QueryFingerprint({"ListProviders"});
  const std::string token = Keys({kSecretA + "\n"}).Seal(fp, {"n", "1"});
  EXPECT_TRUE(Keys({kSecretA}).Open(token, fp, 2).ok());
}

TEST(PageTokenTest, NewSecretsDifferAndAreAccepted) {
  const std::string a = NewPageTokenSecret(), b = NewPageTokenSecret();
  EXPECT_NE(a, b);
  EXPECT_TRUE(PageTokenKeys::FromSecrets({a}).ok());
}

TEST(PageTokenTest, ProcessKeysCanBeSet) {
  const std::string fp = QueryFingerprint({"ListProviders"});
  SetPageTokenKeys(Keys({kSecretA}));
  const std::string token = EncodePageToken(fp, {"n", "1"});
  EXPECT_TRUE(Keys({kSecretA}).Open(token, fp, 2).ok());
  SetPageTokenKeys(Keys({kSecretB}));
  EXPECT_EQ(DecodePageToken(token, fp, 2).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(FingerprintTest, DependsOnOrderAndBoundaries) {
  EXPECT_NE(QueryFingerprint({"ab", "c"}), QueryFingerprint({"a", "bc"}));
  EXPECT_NE(QueryFingerprint({"a", "b"}), QueryFingerprint({"b", "a"}));
  EXPECT_NE(QueryFingerprint({"a;", ""}), QueryFingerprint({"a", ";"}));
  EXPECT_EQ(QueryFingerprint({"a", "b"}), QueryFingerprint({"a", "b"}));
}

}  // namespace
}  // namespace ozjt::platform
