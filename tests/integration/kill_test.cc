// The host process killed with SIGKILL during a write load, then started again (issue 10): no
// partial change survives (each acknowledged provider is there with exactly one audit record;
// every stored provider has its audit record and its history), and the audit chain verifies.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/audit/chain.h"
#include "services/platform/auth.h"
#include "tests/testing/host_process.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
using platform::Role;
using testing::TestServer;

TEST(KillTest, HostKilledDuringWritesLeavesNoPartialChange) {
  testing::TestDatabase db("kill");
  auto keys = platform::GenerateKeyPair(platform::KeyType::kEc);
  ASSERT_TRUE(keys.ok());
  const std::string key_file = testing::TempFile(keys->public_pem, ".pub");
  platform::TokenRequest tr;
  tr.subject = "load";
  tr.role = Role::kOzjtContractManager;
  tr.issued_at = std::chrono::system_clock::now();
  const std::string token = *platform::IssueToken(keys->private_pem, tr);

  testing::HostProcess host(OZJT_HOST_BINARY);
  host.Start(db.conninfo(), key_file);
  std::atomic<bool> stop{false};
  std::atomic<int> next{0}, failed{0};
  std::mutex mu;
  std::vector<std::string> acknowledged;
  std::vector<std::thread> writers;
  auto channel = host.Channel();
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&] {
      auto stub = reg::ProviderRegistry::NewStub(channel);
      while (!stop) {
        const std::string kvk = std::to_string(42000000 + next++);
        reg::CreateProviderRequest create;
        *create.mutable_provider() =
            testing::MinimalProvider(kvk, "Afgebroken " + kvk + " (fictief)");
        reg::Provider out;
        auto ctx = TestServer::Context(token);
        ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
        grpc::Status s = stub->CreateProvider(ctx.get(), create, &out);
        if (s.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acknowledged.push_back(kvk);
        } else {
          ++failed;
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  host.Kill();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GT(acknowledged.size(), 10u);
  EXPECT_GT(failed.load(), 0);  // calls after the kill fail

  // Started again on the same database: everything acknowledged is there, nothing half.
  host.Start(db.conninfo(), key_file);
  pqxx::connection c(db.conninfo());
  {
    pqxx::nontransaction tx(c);
    for (const auto& kvk : acknowledged) {
      EXPECT_EQ(
          tx.exec("SELECT count(*) FROM registry.provider WHERE kvk_number = '" + kvk + "'")[0][0]
              .as<int>(),
          1)
          << kvk;
    }
    EXPECT_EQ(tx.exec("SELECT count(*) FROM registry.provider p WHERE (SELECT count(*) FROM "
                      "audit.audit_record a WHERE a.entity_type = 'provider' AND a.entity_id = "
                      "p.id::text) <> 1")[0][0]
                  .as<int>(),
              0);
    EXPECT_EQ(tx.exec("SELECT count(*) FROM audit.audit_record")[0][0].as<int>(),
              tx.exec("SELECT count(*) FROM registry.provider")[0][0].as<int>());
  }
  pqxx::read_transaction chain_tx(c);
  const audit::ChainReport chain = audit::VerifyAuditChain(chain_tx);
  EXPECT_TRUE(chain.intact) << chain.reason;
  // And the restarted host serves.
  auto stub = reg::ProviderRegistry::NewStub(host.Channel());
  reg::GetProviderRequest get;
  get.set_name("providers/1");
  reg::Provider out;
  EXPECT_TRUE(stub->GetProvider(TestServer::Context(token).get(), get, &out).ok());
  host.Stop();
}

}  // namespace
}  // namespace ozjt
