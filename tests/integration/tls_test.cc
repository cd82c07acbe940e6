// Server TLS from configuration: a client that trusts the certificate gets through; a
// plaintext client does not.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
using platform::Role;
using testing::TestServer;

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(TlsTest, TlsClientConnectsAndPlaintextClientDoesNot) {
  const std::string cert = testing::TempFile("", ".crt"), key = testing::TempFile("", ".key");
  ASSERT_EQ(std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
                         "-days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost "
                         "-keyout " +
                         key + " -out " + cert + " 2>/dev/null")
                            .c_str()),
            0);
  testing::TestDatabase db("tls");
  TestServer server(db.conninfo(), {"registry"}, cert, key);
  const std::string token = server.Token(Role::kAuditor);

  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = Read(cert);
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  auto secure = grpc::CreateCustomChannel(server.address(), grpc::SslCredentials(ssl), args);
  auto stub = reg::ReferenceData::NewStub(secure);
  reg::ListMunicipalitiesResponse resp;
  grpc::Status s = stub->ListMunicipalities(TestServer::Context(token).get(), {}, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.municipalities_size(), 14);

  auto plain = reg::ReferenceData::NewStub(server.Channel());
  auto ctx = TestServer::Context(token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  EXPECT_EQ(plain->ListMunicipalities(ctx.get(), {}, &resp).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace ozjt
