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
    for (const char* v : {"OZJT_WEB_LISTEN", "OZJT_WEB_DEV_LOGIN", "OZJT_WEB_DEV_SIGNING_KEY",
                          "OZJT_TLS_CERT", "OZJT_TLS_KEY", "OZJT_WEB_UPSTREAM", "OZJT_TLS_CA"}) {
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

}  // namespace
}  // namespace ozjt::web
