// The platform's shared state under concurrent use: the connection pool, the per-call path
// (token cache, call metrics and log line), the process page-token keys and the versioned
// cache. Each test runs several threads at once; ops/test.sh also runs this binary built with
// ThreadSanitizer (the `tsan` preset), where any data race fails the run.
// The pool test needs PostgreSQL (PGHOST etc., as for the other pg tests).
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/platform/auth.h"
#include "services/platform/call.h"
#include "services/platform/db.h"
#include "services/platform/migrations.h"
#include "services/platform/page_token.h"
#include "services/platform/versioned_cache.h"

namespace ozjt::platform {
namespace {

namespace reg = ::ozjt::registry::v1;
using Clock = std::chrono::system_clock;

// Runs `fn(thread_index)` on `threads` threads at once and waits for all of them.
void RunTogether(int threads, const std::function<void(int)>& fn) {
  std::vector<std::thread> running;
  running.reserve(threads);
  for (int t = 0; t < threads; ++t) running.emplace_back(fn, t);
  for (auto& t : running) t.join();
}

TEST(ConcurrencyTest, PoolServesMoreCallersThanConnections) {
  PoolOptions options;
  options.conninfo = "";  // PGHOST, PGUSER, PGDATABASE from the environment
  options.size = 3;
  options.acquire_timeout = std::chrono::seconds(30);
  options.role = "";
  Pool pool(options);
  pool.AddStatements({{"echo", "SELECT $1::int"}});
  constexpr int kThreads = 6, kCalls = 25;
  std::atomic<int> ok{0};
  RunTogether(kThreads, [&](int t) {
    // One caller registers a statement while the others hold connections.
    if (t == 0) pool.AddStatements({{"twice", "SELECT 2 * $1::int"}});
    for (int i = 0; i < kCalls; ++i) {
      const int n = t * 1000 + i;
      auto read = [&](pqxx::transaction_base& tx) -> absl::Status {
        if (tx.exec_prepared1("echo", n)[0].as<int>() != n) return absl::InternalError("echo");
        return absl::OkStatus();
      };
      absl::Status s = i % 5 == 0 ? pool.Write(NoDeadline(), read) : pool.Read(NoDeadline(), read);
      if (s.ok()) ++ok;
    }
  });
  EXPECT_EQ(ok.load(), kThreads * kCalls);
  // The statement registered during the load is prepared on every connection.
  RunTogether(options.size, [&](int) {
    EXPECT_TRUE(pool.Read(NoDeadline(),
                          [](pqxx::transaction_base& tx) {
                            return tx.exec_prepared1("twice", 21)[0].as<int>() == 42
                                       ? absl::OkStatus()
                                       : absl::InternalError("twice");
                          })
                    .ok());
  });
}

// A database of its own for one test, dropped at the end.
class ScratchDatabase {
 public:
  ScratchDatabase() : name_("t_concurrency_" + std::to_string(getpid())) {
    pqxx::connection admin("dbname=postgres");
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
    tx.exec("CREATE DATABASE " + tx.quote_name(name_));
  }
  ~ScratchDatabase() {
    try {
      pqxx::connection admin("dbname=postgres");
      pqxx::nontransaction tx(admin);
      tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
    } catch (const std::exception&) {
    }
  }
  std::string conninfo() const { return "dbname=" + name_; }

 private:
  std::string name_;
};

TEST(ConcurrencyTest, ServersStartingTogetherApplyEachMigrationOnce) {
  ScratchDatabase db;
  std::vector<absl::Status> results(3);
  RunTogether(3, [&](int t) { results[t] = ApplyMigrations(db.conninfo()); });
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  pqxx::connection c(db.conninfo());
  pqxx::nontransaction tx(c);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM public.schema_migrations")[0].as<size_t>(),
            AllMigrations().size());
}

// A registry service whose GetProvider answers through Platform::Serve and does nothing else.
class ServeOnly : public reg::ProviderRegistry::Service {
 public:
  explicit ServeOnly(Platform& platform) : platform_(platform) {}
  grpc::Status GetProvider(grpc::ServerContext* context, const reg::GetProviderRequest*,
                           reg::Provider* out) override {
    static const MethodPolicy kPolicy{"/ozjt.registry.v1.ProviderRegistry/GetProvider",
                                      {Role::kOzjtContractManager}};
    return platform_.Serve(context, kPolicy, [&](const RequestInfo& r) -> absl::Status {
      out->set_display_name(r.caller.subject);
      return absl::OkStatus();
    });
  }

 private:
  Platform& platform_;
};

TEST(ConcurrencyTest, ConcurrentCallsShareTokenCacheMetricsAndLog) {
  auto keys = GenerateKeyPair(KeyType::kEc);
  ASSERT_TRUE(keys.ok()) << keys.status();
  auto verifier = TokenVerifier::FromPems({keys->public_pem}, {});
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  TokenRequest allowed;
  allowed.subject = "anna";
  allowed.role = Role::kOzjtContractManager;
  allowed.issued_at = Clock::now();
  TokenRequest denied = allowed;
  denied.subject = "bert";
  denied.role = Role::kAuditor;
  const std::string allowed_token = *IssueToken(keys->private_pem, allowed);
  const std::string denied_token = *IssueToken(keys->private_pem, denied);

  PoolOptions options;
  options.conninfo = "host=/nonexistent";  // never opened: the calls do not use the database
  Pool pool(options);
  auto metrics = std::make_shared<prometheus::Registry>();
  Platform platform(pool, *verifier, metrics);
  ServeOnly service(platform);
  grpc::ServerBuilder builder;
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  std::shared_ptr<grpc::Channel> channel = server->InProcessChannel(grpc::ChannelArguments());

  constexpr int kThreads = 6, kCalls = 40;
  std::atomic<int> ok{0}, refused{0}, unauthenticated{0}, scrapes{0};
  RunTogether(kThreads + 1, [&](int t) {
    if (t == kThreads) {  // a metrics scrape while the calls run
      while (ok + refused + unauthenticated < kThreads * kCalls) {
        if (!metrics->Collect().empty()) ++scrapes;
        std::this_thread::yield();
      }
      return;
    }
    auto stub = reg::ProviderRegistry::NewStub(channel);
    for (int i = 0; i < kCalls; ++i) {
      grpc::ClientContext context;
      const int kind = (t + i) % 3;
      if (kind == 0) context.AddMetadata("authorization", "Bearer " + allowed_token);
      if (kind == 1) context.AddMetadata("authorization", "Bearer " + denied_token);
      reg::Provider out;
      grpc::Status s = stub->GetProvider(&context, reg::GetProviderRequest(), &out);
      if (kind == 0 && s.ok() && out.display_name() == "anna") ++ok;
      if (kind == 1 && s.error_code() == grpc::StatusCode::PERMISSION_DENIED) ++refused;
      if (kind == 2 && s.error_code() == grpc::StatusCode::UNAUTHENTICATED) ++unauthenticated;
    }
  });
  EXPECT_EQ(ok + refused + unauthenticated, kThreads * kCalls);
  EXPECT_EQ(ok.load(), kThreads * kCalls / 3);
  EXPECT_GT(scrapes.load(), 0);
  server->Shutdown();
}

TEST(ConcurrencyTest, PageTokenKeysChangeWhileTokensAreMade) {
  const std::string secret_a = "a-page-token-secret-of-at-least-32-bytes";
  const std::string secret_b = "another-deployments-secret-32-bytes-long";
  auto both = PageTokenKeys::FromSecrets({secret_a, secret_b});
  ASSERT_TRUE(both.ok()) << both.status();
  SetPageTokenKeys(*both);
  std::atomic<int> round_trips{0};
  RunTogether(4, [&](int t) {
    for (int i = 0; i < 50; ++i) {
      if (t == 0 && i % 10 == 0) {
        // Rotation: the first secret signs, both open.
        auto keys = PageTokenKeys::FromSecrets(i % 20 == 0 ? std::vector{secret_b, secret_a}
                                                           : std::vector{secret_a, secret_b});
        SetPageTokenKeys(*keys);
      }
      const std::string fp = QueryFingerprint({"List", std::to_string(t)});
      auto pos = DecodePageToken(EncodePageToken(fp, {std::to_string(i)}), fp, 1);
      if (pos.ok() && (*pos)[0] == std::to_string(i)) ++round_trips;
    }
  });
  EXPECT_EQ(round_trips.load(), 4 * 50);
}

TEST(ConcurrencyTest, VersionedCacheUnderReadersAndWriters) {
  VersionedCache<std::string> cache(16);
  std::atomic<int> stale{0};
  RunTogether(4, [&](int t) {
    for (int i = 0; i < 2000; ++i) {
      const int64_t id = i % 40, version = i % 3;
      if ((i + t) % 2 == 0) {
        cache.Put(id, version, 7, std::make_shared<const std::string>(std::to_string(version)));
      } else if (auto hit = cache.Find(id, version, 7); hit && *hit != std::to_string(version)) {
        ++stale;
      }
    }
  });
  EXPECT_EQ(stale.load(), 0);
}

// A cache nobody used for a while is emptied (the host's watcher, every 2 s); one in use keeps
// its entries.
TEST(ConcurrencyTest, IdleCachesAreForgottenAndBusyOnesKept) {
  VersionedCache<std::string> idle(16);
  VersionedCache<std::string> busy(16);
  idle.Put(1, 1, 7, std::make_shared<const std::string>("een"));
  busy.Put(1, 1, 7, std::make_shared<const std::string>("een"));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  ASSERT_NE(busy.Find(1, 1, 7), nullptr);
  ForgetIdleCaches(std::chrono::milliseconds(500));
  EXPECT_EQ(idle.size(), 0u);
  EXPECT_EQ(idle.Find(1, 1, 7), nullptr);
  EXPECT_EQ(busy.size(), 1u);
  ASSERT_NE(busy.Find(1, 1, 7), nullptr);
  EXPECT_EQ(*busy.Find(1, 1, 7), "een");
}

}  // namespace
}  // namespace ozjt::platform
