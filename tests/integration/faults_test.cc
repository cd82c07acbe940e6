// Faults under load (issue 10): many clients updating the same contract at once lose no
// update; every accepted update is in the history and the final version counts them.
// Lost database connections (issue 22): whenever the connection dies (killed mid-request,
// killed while idle in the pool, PostgreSQL down) the answer is UNAVAILABLE, never INTERNAL,
// quotes no SQL, and a new connection runs as the services' role again.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/platform/db.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ct = contracts::v1;
using platform::Role;
using testing::TestServer;

class FaultsTest : public testing::ServerSuite {};

TEST_F(FaultsTest, ConcurrentUpdatesOfOneContractLoseNothing) {
  const std::string token = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
  auto stub = ct::ContractService::NewStub(server_->Channel());
  ct::CreateContractRequest create;
  *create.mutable_contract() = testing::MinimalContract("FAULT-1", "Gelijktijdig");
  ct::Contract created;
  ASSERT_TRUE(stub->CreateContract(TestServer::Context(token).get(), create, &created).ok());

  // 8 clients, 10 updates each: read, change the title, write with the version read; on
  // ABORTED (someone else was first) read again and retry.
  constexpr int kClients = 8, kUpdates = 10;
  std::atomic<int> accepted{0}, aborted{0}, other{0};
  std::vector<std::thread> clients;
  for (int k = 0; k < kClients; ++k) {
    clients.emplace_back([&, k] {
      auto s = ct::ContractService::NewStub(server_->Channel());
      for (int u = 0; u < kUpdates;) {
        ct::GetContractRequest get;
        get.set_name(created.name());
        ct::Contract current;
        if (!s->GetContract(TestServer::Context(token).get(), get, &current).ok()) {
          ++other;
          return;
        }
        ct::UpdateContractRequest req;
        req.mutable_contract()->set_name(created.name());
        req.mutable_contract()->set_version(current.version());
        req.mutable_contract()->set_title("Client " + std::to_string(k) + " update " +
                                          std::to_string(u));
        req.mutable_update_mask()->add_paths("title");
        ct::Contract out;
        grpc::Status st = s->UpdateContract(TestServer::Context(token).get(), req, &out);
        if (st.ok()) {
          ++accepted;
          ++u;
        } else if (st.error_code() == grpc::StatusCode::ABORTED) {
          ++aborted;
        } else {
          ++other;
          return;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(accepted.load(), kClients * kUpdates);
  const std::string id = created.name().substr(10);
  EXPECT_EQ(db_->Query("SELECT version FROM contracts.contract WHERE id = " + id),
            std::to_string(1 + kClients * kUpdates));
  EXPECT_EQ(db_->Query("SELECT count(*) FROM contracts.contract_version WHERE contract_id = " + id),
            std::to_string(1 + kClients * kUpdates));
  // Every accepted title is in the history exactly once.
  EXPECT_EQ(db_->Query("SELECT count(DISTINCT snapshot->>'title') FROM contracts.contract_version "
                       "WHERE contract_id = " +
                       id),
            std::to_string(1 + kClients * kUpdates));
  EXPECT_EQ(db_->Query("SELECT count(*) FROM audit.audit_record WHERE entity_type = 'contract' AND "
                       "entity_id = '" +
                       id + "'"),
            std::to_string(1 + kClients * kUpdates));
}

bool QuotesSql(absl::string_view text) {
  for (const char* word : {"SELECT", "INSERT", "UPDATE", "ERROR:", "pqxx", "terminating"}) {
    if (text.find(word) != absl::string_view::npos) return true;
  }
  return false;
}

TEST_F(FaultsTest, ConnectionKilledMidRequestIsUnavailable) {
  platform::Pool pool({db_->conninfo(), 1});
  absl::Status s = pool.Write(platform::NoDeadline(), [&](pqxx::work& tx) {
    const std::string pid = tx.exec("SELECT pg_backend_pid()")[0][0].as<std::string>();
    db_->Exec("SELECT pg_terminate_backend(" + pid + ")");
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << s;
  EXPECT_FALSE(QuotesSql(s.message())) << s;
  // The next call opens a new connection, as the services' role.
  std::string user;
  ASSERT_TRUE(pool.Read(platform::NoDeadline(),
                        [&](pqxx::transaction_base& tx) {
                          user = tx.exec("SELECT current_user")[0][0].as<std::string>();
                          return absl::OkStatus();
                        })
                  .ok());
  EXPECT_EQ(user, "ozjt_app");
}

TEST_F(FaultsTest, ConnectionKilledWhileIdleIsReplacedWithTheServicesRole) {
  platform::Pool pool({db_->conninfo(), 1});
  std::string pid;
  ASSERT_TRUE(pool.Write(platform::NoDeadline(),
                         [&](pqxx::work& tx) {
                           pid = tx.exec("SELECT pg_backend_pid()")[0][0].as<std::string>();
                           return absl::OkStatus();
                         })
                  .ok());
  db_->Exec("SELECT pg_terminate_backend(" + pid + ")");
  // libpqxx 6 would reconnect by itself inside BEGIN, without SET ROLE: the call then ran as
  // the login role (a superuser here). The pool opens its own connection instead.
  std::string user, new_pid;
  absl::Status s = pool.Write(platform::NoDeadline(), [&](pqxx::work& tx) {
    user = tx.exec("SELECT current_user")[0][0].as<std::string>();
    new_pid = tx.exec("SELECT pg_backend_pid()")[0][0].as<std::string>();
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_NE(new_pid, pid);
  EXPECT_EQ(user, "ozjt_app");
}

TEST_F(FaultsTest, WriteOnAStaleConnectionWhilePostgresIsDownIsUnavailable) {
  testing::PrivateCluster cluster;
  platform::PoolOptions options{cluster.conninfo(), 1};
  options.role = "";
  platform::Pool pool(options);
  auto write = [&] {
    return pool.Write(platform::NoDeadline(), [](pqxx::work& tx) {
      tx.exec("SELECT 1");
      return absl::OkStatus();
    });
  };
  ASSERT_TRUE(write().ok());
  cluster.Stop();  // the pooled connection is now stale and cannot be reopened
  for (int i = 0; i < 3; ++i) {
    absl::Status s = write();
    EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << "call " << i << ": " << s;
  }
  cluster.Start();
  EXPECT_TRUE(write().ok());
}

TEST_F(FaultsTest, RpcWhoseConnectionDiesIsUnavailableWithoutSql) {
  const std::string token = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
  auto stub = registry::v1::ProviderRegistry::NewStub(server_->Channel());
  // Hold the provider table, so that the create waits in PostgreSQL; then kill every
  // connection that waits on it (the pool retries once on a new connection: kill that too).
  pqxx::connection holder(db_->conninfo());
  pqxx::work hold(holder);
  hold.exec("LOCK TABLE registry.provider IN ACCESS EXCLUSIVE MODE");
  auto call = std::async(std::launch::async, [&] {
    registry::v1::CreateProviderRequest req;
    *req.mutable_provider() = testing::MinimalProvider("82000001", "Verbroken (fictief)");
    registry::v1::Provider out;
    return stub->CreateProvider(TestServer::Context(token).get(), req, &out);
  });
  int killed = 0;
  for (int i = 0;
       i < 300 && call.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready; ++i) {
    killed += std::stoi(
        db_->Query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                   "current_database() AND wait_event_type = 'Lock' AND pid <> " +
                   std::to_string(holder.backendpid())));
  }
  grpc::Status s = call.get();
  hold.abort();
  EXPECT_GE(killed, 1);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  EXPECT_FALSE(QuotesSql(s.error_message())) << s.error_message();
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider WHERE kvk_number = '82000001'"),
            "0");
}

}  // namespace
}  // namespace ozjt
