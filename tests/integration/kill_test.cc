// The host process killed with SIGKILL during a write load, then started again (issue 10): no
// partial change survives (each acknowledged provider is there with exactly one audit record;
// every stored provider has its audit record and its history), and the audit chain verifies.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <pqxx/pqxx>
#include <regex>
#include <thread>

#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/audit/chain.h"
#include "services/platform/auth.h"
#include "tests/testing/test_env.h"

extern char** environ;

namespace ozjt {
namespace {

namespace reg = registry::v1;
using platform::Role;
using testing::TestServer;

// ozjt-host as a child process; its gRPC port from the "serving" line on standard output.
struct HostProcess {
  pid_t pid = 0;
  int port = 0;

  void Start(const std::string& conninfo, const std::string& key_file) {
    int out[2];
    ASSERT_EQ(pipe(out), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> env = {
        "OZJT_DATABASE_URL=" + conninfo, "OZJT_JWT_PUBLIC_KEYS=" + key_file,
        "OZJT_LISTEN=127.0.0.1:0",       "OZJT_HTTP_LISTEN=off",
        "OZJT_SERVICES=registry,audit",  "OZJT_SUPERVISION_SYNC_SECONDS=0"};
    for (char** e = environ; *e; ++e) {
      if (std::string(*e).rfind("PG", 0) == 0) env.push_back(*e);
    }
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string binary = OZJT_HOST_BINARY;
    char* argv[] = {binary.data(), nullptr};
    ASSERT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, envp.data()), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[4096];
    const std::regex port_re("\"port\":([0-9]+)");
    while (fgets(line, sizeof line, f)) {
      std::cmatch m;
      if (std::regex_search(line, m, port_re)) {
        port = std::stoi(m[1]);
        break;
      }
    }
    fclose(f);
    ASSERT_GT(port, 0) << "ozjt-host did not start";
  }
  void Kill() {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  void Stop() {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
  std::shared_ptr<grpc::Channel> Channel() const {
    return grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                               grpc::InsecureChannelCredentials());
  }
};

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

  HostProcess host;
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
  auto chain = audit::VerifyAuditChain(c);
  ASSERT_TRUE(chain.ok());
  EXPECT_TRUE(chain->intact) << chain->reason;
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
