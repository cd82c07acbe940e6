// The gateway's settings; its API is tested over real gRPC and PostgreSQL in
// tests/integration/web_test.cc and in a real browser in tests/web/.
#include "services/web/gateway.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace ozjt::web {
namespace {

class WebConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* v :
         {"OZJT_WEB_LISTEN", "OZJT_WEB_DEV_LOGIN", "OZJT_WEB_DEV_SIGNING_KEY", "OZJT_TLS_CERT",
          "OZJT_TLS_KEY", "OZJT_WEB_UPSTREAM", "OZJT_TLS_CA", "OZJT_HTTP_MAX_CONNECTIONS",
          "OZJT_HTTP_KEEP_ALIVE_SECONDS", "OZJT_HTTP_READ_TIMEOUT_SECONDS",
          "OZJT_HTTP_WRITE_TIMEOUT_SECONDS", "OZJT_HTTP_MAX_BODY_BYTES"}) {
      unsetenv(v);
    }
    setenv("OZJT_JWT_PUBLIC_KEYS", "/etc/ozjt/keys/idp.pub", 1);
  }
};

TEST_F(WebConfigTest, OffUnlessAskedForAndNeverWithDevLoginByDefault) {
  auto c = WebConfigFromEnvironment();
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->listen.empty());
  EXPECT_FALSE(c->dev_login);
  EXPECT_EQ(c->upstream, "127.0.0.1:50051");
  setenv("OZJT_WEB_LISTEN", "127.0.0.1:8080", 1);
  EXPECT_EQ(WebConfigFromEnvironment()->listen, "127.0.0.1:8080");
  setenv("OZJT_WEB_LISTEN", "off", 1);
  EXPECT_TRUE(WebConfigFromEnvironment()->listen.empty());
}

TEST_F(WebConfigTest, DevLoginNeedsAKeyAndIsRefusedWithTls) {
  setenv("OZJT_WEB_DEV_LOGIN", "1", 1);
  auto c = WebConfigFromEnvironment();
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("OZJT_WEB_DEV_SIGNING_KEY"), std::string::npos);
  setenv("OZJT_WEB_DEV_SIGNING_KEY", "/tmp/signing.key", 1);
  EXPECT_TRUE(WebConfigFromEnvironment().ok());
  setenv("OZJT_TLS_CERT", "/etc/ozjt/tls/server.crt", 1);
  setenv("OZJT_TLS_KEY", "/etc/ozjt/tls/server.key", 1);
  c = WebConfigFromEnvironment();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("refused with TLS"), std::string::npos);
  setenv("OZJT_WEB_DEV_LOGIN", "yes", 1);
  EXPECT_FALSE(WebConfigFromEnvironment().ok());
}

TEST_F(WebConfigTest, HttpLimitsHaveDefaultsAndNameEachBadVariable) {
  auto c = WebConfigFromEnvironment();
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->limits.max_connections, 512);
  EXPECT_EQ(c->limits.keep_alive_seconds, 5);
  EXPECT_EQ(c->limits.read_timeout_seconds, 10);
  EXPECT_EQ(c->limits.write_timeout_seconds, 10);
  EXPECT_EQ(c->limits.max_body_bytes, 1048576);
  setenv("OZJT_HTTP_MAX_CONNECTIONS", "2000", 1);
  setenv("OZJT_HTTP_MAX_BODY_BYTES", "2097152", 1);
  EXPECT_EQ(WebConfigFromEnvironment()->limits.max_connections, 2000);
  EXPECT_EQ(WebConfigFromEnvironment()->limits.max_body_bytes, 2097152);
  setenv("OZJT_HTTP_KEEP_ALIVE_SECONDS", "0", 1);
  setenv("OZJT_HTTP_READ_TIMEOUT_SECONDS", "ten", 1);
  c = WebConfigFromEnvironment();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("OZJT_HTTP_KEEP_ALIVE_SECONDS: a whole number from 1 to 300"),
            std::string::npos)
      << c.status();
  EXPECT_NE(c.status().message().find("OZJT_HTTP_READ_TIMEOUT_SECONDS"), std::string::npos);
}

// The page has no commands or flags: their hints go, the rest of the sentence stays.
TEST(ForThePageTest, DropsTheHintsForCliUsers) {
  EXPECT_EQ(
      ForThePage("Contract 7 is intussen gewijzigd; lees het opnieuw (ozjt contracts get 7)."),
      "Contract 7 is intussen gewijzigd; lees het opnieuw.");
  EXPECT_EQ(ForThePage("Geef de versie op die u las (--version; zie ozjt cases list)."),
            "Geef de versie op die u las.");
  EXPECT_EQ(ForThePage("De datum (--date) ligt in de toekomst (na 01-12-2026)."),
            "De datum ligt in de toekomst (na 01-12-2026).");
  EXPECT_EQ(ForThePage("Laad de demo (ozjt-admin seed-demo)"), "Laad de demo");
  EXPECT_EQ(ForThePage("De datum op het document (--document-date, 24-11-2026) ligt na de "
                       "ontvangstdatum (--received, 20-11-2026)."),
            "De datum op het document (24-11-2026) ligt na de ontvangstdatum (20-11-2026).");
  EXPECT_EQ(ForThePage("Kies (--condition, één keer per voorwaarde)."),
            "Kies (één keer per voorwaarde).");
  EXPECT_EQ(ForThePage("Onvolledig (haakje"), "Onvolledig (haakje");
  EXPECT_EQ(ForThePage("Via de dienst (ozjt.screening.v1)."), "Via de dienst (ozjt.screening.v1).");
  EXPECT_EQ(ForThePage(""), "");
}

}  // namespace
}  // namespace ozjt::web
