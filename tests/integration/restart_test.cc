// PostgreSQL stopped and restarted under a running server: calls fail with UNAVAILABLE while
// it is down and succeed again afterwards, without restarting the server.
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

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

// PostgreSQL restarted in the middle of a write load: every write the clients saw
// acknowledged is there afterwards with its audit record, failures during the outage are
// UNAVAILABLE, and the server serves again without a restart.
TEST(RestartTest, AcknowledgedWritesSurviveARestartUnderLoad) {
  testing::PrivateCluster cluster;
  TestServer server(cluster.conninfo());
  const std::string token = server.Token(Role::kOzjtContractManager);
  std::atomic<bool> stop{false};
  std::atomic<int> next{0};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::map<grpc::StatusCode, int> failures;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&] {
      auto stub = reg::ProviderRegistry::NewStub(server.Channel());
      while (!stop) {
        const std::string kvk = std::to_string(41000000 + next++);
        reg::CreateProviderRequest create;
        *create.mutable_provider() =
            testing::MinimalProvider(kvk, "Belasting " + kvk + " (fictief)");
        reg::Provider out;
        grpc::Status s = stub->CreateProvider(TestServer::Context(token).get(), create, &out);
        std::lock_guard<std::mutex> lock(mu);
        if (s.ok()) {
          acknowledged.push_back(kvk);
        } else {
          ++failures[s.error_code()];
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  cluster.Restart();
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  const size_t before_stop = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return acknowledged.size();
  }();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  for (auto& t : writers) t.join();
  EXPECT_GT(acknowledged.size(), before_stop);  // writes go on after the restart
  std::cout << "acknowledged " << acknowledged.size() << ", failed "
            << failures[grpc::StatusCode::UNAVAILABLE] << " (UNAVAILABLE)" << std::endl;
  for (const auto& [code, n] : failures) {
    EXPECT_EQ(code, grpc::StatusCode::UNAVAILABLE) << n << " calls failed otherwise";
  }
  pqxx::connection c(cluster.conninfo());
  pqxx::nontransaction tx(c);
  for (const auto& kvk : acknowledged) {
    EXPECT_EQ(
        tx.exec("SELECT count(*) FROM registry.provider WHERE kvk_number = '" + kvk + "'")[0][0]
            .as<int>(),
        1)
        << kvk << " was acknowledged";
  }
  // Data and audit agree: one creation record per stored provider, none for anything else.
  EXPECT_EQ(tx.exec("SELECT count(*) FROM registry.provider p WHERE (SELECT count(*) FROM "
                    "audit.audit_record a WHERE a.entity_type = 'provider' AND a.entity_id = "
                    "p.id::text) <> 1")[0][0]
                .as<int>(),
            0);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM audit.audit_record")[0][0].as<int>(),
            tx.exec("SELECT count(*) FROM registry.provider")[0][0].as<int>());
}

}  // namespace
}  // namespace ozjt
