// PostgreSQL stopped and restarted under a running server: calls fail with UNAVAILABLE while
// it is down and succeed again afterwards, without restarting the server.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "grpc/health/v1/health.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
using platform::Role;
using testing::TestServer;

TEST(RestartTest, ServerRecoversWhenPostgresComesBack) {
  testing::PrivateCluster cluster;
  TestServer server(cluster.conninfo());
  auto stub = reg::ProviderRegistry::NewStub(server.Channel());
  const std::string token = server.Token(Role::kOzjtContractManager);

  reg::CreateProviderRequest create;
  auto* p = create.mutable_provider();
  p->set_display_name("Herstart (fictief)");
  p->set_kvk_number("40000001");
  p->set_legal_form(reg::LEGAL_FORM_STICHTING);
  p->add_laws(reg::LAW_JEUGDWET);
  p->set_tier(reg::TIER_LOCAL);
  reg::Provider created;
  ASSERT_TRUE(stub->CreateProvider(TestServer::Context(token).get(), create, &created).ok());
  // Use several pooled connections so that more than one goes stale.
  for (int i = 0; i < 4; ++i) {
    reg::ListProvidersResponse r;
    ASSERT_TRUE(stub->ListProviders(TestServer::Context(token).get(), {}, &r).ok());
  }

  cluster.Restart();
  reg::GetProviderRequest get;
  get.set_name(created.name());
  for (int i = 0; i < 10; ++i) {
    reg::Provider out;
    grpc::Status s = stub->GetProvider(TestServer::Context(token).get(), get, &out);
    ASSERT_TRUE(s.ok()) << "call " << i << " after restart: " << s.error_message();
    EXPECT_EQ(out.kvk_number(), "40000001");
  }

  cluster.Stop();
  reg::Provider out;
  grpc::Status down = stub->GetProvider(TestServer::Context(token).get(), get, &out);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE) << down.error_message();
  create.mutable_provider()->set_kvk_number("40000002");
  down = stub->CreateProvider(TestServer::Context(token).get(), create, &out);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE) << down.error_message();

  // Health turns NOT_SERVING while the database is down (checked every 2 s).
  auto health = grpc::health::v1::Health::NewStub(server.Channel());
  grpc::health::v1::HealthCheckResponse h;
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(health->Check(TestServer::Context("").get(), {}, &h).ok());
    if (h.status() == grpc::health::v1::HealthCheckResponse::NOT_SERVING) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(h.status(), grpc::health::v1::HealthCheckResponse::NOT_SERVING);

  cluster.Start();
  grpc::Status up = stub->GetProvider(TestServer::Context(token).get(), get, &out);
  EXPECT_TRUE(up.ok()) << up.error_message();
  // The create that failed during the outage left nothing behind; a retry now succeeds.
  ASSERT_TRUE(stub->CreateProvider(TestServer::Context(token).get(), create, &out).ok());
  pqxx::connection c(cluster.conninfo());
  pqxx::nontransaction tx(c);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM registry.provider")[0][0].as<int>(), 2);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM audit.audit_record")[0][0].as<int>(), 2);
}

}  // namespace
}  // namespace ozjt
