// Platform parts against a real PostgreSQL: migrations, the connection pool, and the page-token
// secrets a server is configured with (OZJT_PAGE_TOKEN_KEYS).
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <thread>

#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/platform/db.h"
#include "services/platform/migrations.h"
#include "services/platform/page_token.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

TEST(MigrationsTest, TwoProcessesStartingTogetherApplyEachMigrationOnce) {
  testing::TestDatabase db("migrate_race");
  absl::Status a, b;
  std::thread t1([&] { a = platform::ApplyMigrations(db.conninfo()); });
  std::thread t2([&] { b = platform::ApplyMigrations(db.conninfo()); });
  t1.join();
  t2.join();
  EXPECT_TRUE(a.ok()) << a;
  EXPECT_TRUE(b.ok()) << b;
  EXPECT_EQ(db.Query("SELECT count(*) FROM public.schema_migrations"),
            std::to_string(platform::AllMigrations().size()));
  EXPECT_EQ(db.Query("SELECT count(*) FROM registry.municipality"), "14");
  // And a third run later is a no-op.
  EXPECT_TRUE(platform::ApplyMigrations(db.conninfo()).ok());
  EXPECT_EQ(db.Query("SELECT count(*) FROM registry.municipality"), "14");
}

TEST(MigrationsTest, UnreachableDatabaseIsUnavailable) {
  EXPECT_EQ(platform::ApplyMigrations("host=/nonexistent dbname=x connect_timeout=1").code(),
            absl::StatusCode::kUnavailable);
}

TEST(PoolTest, FailedCallbackRollsBackEverything) {
  testing::TestDatabase db("pool_rollback");
  ASSERT_TRUE(platform::ApplyMigrations(db.conninfo()).ok());
  db.Exec("CREATE TABLE public.t (x int); GRANT ALL ON public.t TO ozjt_app");
  platform::Pool pool({db.conninfo(), 2});
  absl::Status s = pool.Write(platform::NoDeadline(), [](pqxx::work& tx) {
    tx.exec("INSERT INTO public.t VALUES (1)");
    return absl::FailedPreconditionError("rule broken after the first write");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(db.Query("SELECT count(*) FROM public.t"), "0");
  s = pool.Write(platform::NoDeadline(), [](pqxx::work& tx) -> absl::Status {
    tx.exec("INSERT INTO public.t VALUES (2)");
    tx.exec("INSERT INTO public.t VALUES ('not a number')");
    return absl::OkStatus();
  });
  EXPECT_NE(s.code(), absl::StatusCode::kOk);
  EXPECT_EQ(db.Query("SELECT count(*) FROM public.t"), "0");
}

// CallTransaction (ServeWrite's): the writes of one call commit together, only at Commit.
class CallTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(platform::ApplyMigrations(db_.conninfo()).ok());
    db_.Exec("CREATE TABLE public.t (x int CHECK (x < 100)); GRANT ALL ON public.t TO ozjt_app");
  }
  absl::Status Insert(int x) {
    return pool_.Write(platform::NoDeadline(), [x](pqxx::work& tx) {
      tx.exec("INSERT INTO public.t VALUES (" + std::to_string(x) + ")");
      return absl::OkStatus();
    });
  }
  std::string Count() const { return db_.Query("SELECT count(*) FROM public.t"); }
  testing::TestDatabase db_{"call_tx"};
  platform::Pool pool_{{db_.conninfo(), 2}};
};

TEST_F(CallTransactionTest, WritesCommitTogetherAtCommitAndReadsSeeThem) {
  platform::CallTransaction call(pool_, platform::NoDeadline());
  ASSERT_TRUE(Insert(1).ok());
  ASSERT_TRUE(Insert(2).ok());
  EXPECT_EQ(Count(), "0");  // nothing committed yet
  std::string seen;
  ASSERT_TRUE(pool_
                  .Read(platform::NoDeadline(),
                        [&](pqxx::transaction_base& tx) {
                          seen = tx.exec("SELECT count(*) FROM public.t")[0][0].as<std::string>();
                          return absl::OkStatus();
                        })
                  .ok());
  EXPECT_EQ(seen, "2");
  ASSERT_TRUE(call.Commit([](pqxx::work& tx) {
                    tx.exec("INSERT INTO public.t VALUES (3)");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Count(), "3");
}

TEST_F(CallTransactionTest, FailedFirstWriteUndoesItsWorkAndALaterOneFailsTheCall) {
  {
    platform::CallTransaction call(pool_, platform::NoDeadline());
    EXPECT_EQ(Insert(100).code(), absl::StatusCode::kInvalidArgument);  // the check refuses it
    ASSERT_TRUE(Insert(1).ok());
    ASSERT_TRUE(call.Commit([](pqxx::work&) { return absl::OkStatus(); }).ok());
  }
  EXPECT_EQ(Count(), "1");
  platform::CallTransaction call(pool_, platform::NoDeadline());
  ASSERT_TRUE(Insert(2).ok());
  EXPECT_EQ(pool_
                .Write(platform::NoDeadline(),
                       [](pqxx::work& tx) {
                         tx.exec("INSERT INTO public.t VALUES (7)");
                         return absl::FailedPreconditionError("a rule after the insert");
                       })
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Insert(3).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(call.Commit([](pqxx::work&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(), "1");  // nothing of the failed call
}

TEST_F(CallTransactionTest, WithoutCommitEverythingRollsBackAndTheConnectionIsReturned) {
  {
    platform::CallTransaction call(pool_, platform::NoDeadline());
    ASSERT_TRUE(Insert(1).ok());
  }
  EXPECT_EQ(Count(), "0");
  // Both connections are free again, and writes outside a call commit on their own.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Insert(i).ok());
  EXPECT_EQ(Count(), "3");
}

TEST_F(CallTransactionTest, FinishThatFailsRollsBackTheWrites) {
  platform::CallTransaction call(pool_, platform::NoDeadline());
  ASSERT_TRUE(Insert(1).ok());
  EXPECT_EQ(call.Commit([](pqxx::work&) { return absl::AbortedError("twin"); }).code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(Count(), "0");
}

TEST_F(CallTransactionTest, LostConnectionIsUnavailableAndNothingCommits) {
  platform::CallTransaction call(pool_, platform::NoDeadline());
  std::string pid;
  ASSERT_TRUE(pool_
                  .Write(platform::NoDeadline(),
                         [&](pqxx::work& tx) {
                           tx.exec("INSERT INTO public.t VALUES (1)");
                           pid = tx.exec("SELECT pg_backend_pid()")[0][0].as<std::string>();
                           return absl::OkStatus();
                         })
                  .ok());
  db_.Exec("SELECT pg_terminate_backend(" + pid + ", 5000)");  // waits until it is gone
  EXPECT_EQ(Insert(2).code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(call.Commit([](pqxx::work&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(Count(), "0");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(Insert(i).ok()) << i;  // new connections
}

TEST(PoolTest, ServiceRoleCannotChangeSchemaOrAudit) {
  testing::TestDatabase db("pool_role");
  ASSERT_TRUE(platform::ApplyMigrations(db.conninfo()).ok());
  platform::Pool pool({db.conninfo(), 1});
  absl::Status s = pool.Write(platform::NoDeadline(), [](pqxx::work& tx) {
    tx.exec("DROP TABLE registry.provider_version");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << s;
}

TEST(PoolTest, DeadlineBecomesStatementTimeout) {
  testing::TestDatabase db("pool_deadline");
  ASSERT_TRUE(platform::ApplyMigrations(db.conninfo()).ok());
  platform::Pool pool({db.conninfo(), 1});
  auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(200);
  const auto start = std::chrono::steady_clock::now();
  absl::Status s = pool.Read(deadline, [](pqxx::transaction_base& tx) {
    tx.exec("SELECT pg_sleep(5)");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded) << s;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  // The connection is usable afterwards, without the timeout.
  s = pool.Read(platform::NoDeadline(), [](pqxx::transaction_base& tx) {
    tx.exec("SELECT pg_sleep(0.3)");
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST(PoolTest, StatementTimeoutIsTheRemainingTimeRoundedUpToAStep) {
  EXPECT_EQ(platform::StatementTimeoutMs(0), 0);
  EXPECT_EQ(platform::StatementTimeoutMs(1), 1);
  EXPECT_EQ(platform::StatementTimeoutMs(3), 5);
  EXPECT_EQ(platform::StatementTimeoutMs(200), 200);
  EXPECT_EQ(platform::StatementTimeoutMs(201), 500);
  EXPECT_EQ(platform::StatementTimeoutMs(29996), 50000);
  EXPECT_EQ(platform::StatementTimeoutMs(50001), 100000);
  EXPECT_EQ(platform::StatementTimeoutMs(long{1} << 40), 2147483647);
}

TEST(PoolTest, DeadlineTimeoutIsSetOnlyWhenItsStepChanges) {
  testing::TestDatabase db("pool_timeout_step");
  ASSERT_TRUE(platform::ApplyMigrations(db.conninfo()).ok());
  platform::Pool pool({db.conninfo(), 1});
  // What the session's timeout is, and how many SETs the connection has seen (a SET changes
  // the setting's source line in pg_settings only when it runs; the value tells the step).
  auto timeout_in = [&](platform::Deadline deadline, bool write) {
    std::string shown;
    auto show = [&](pqxx::transaction_base& tx) {
      shown = tx.exec1("SHOW statement_timeout")[0].as<std::string>();
      return absl::OkStatus();
    };
    absl::Status s = write ? pool.Write(deadline, [&](pqxx::work& tx) { return show(tx); })
                           : pool.Read(deadline, show);
    EXPECT_TRUE(s.ok()) << s;
    return shown;
  };
  auto in = [](int seconds) {
    return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
  };
  EXPECT_EQ(timeout_in(in(30), false), "50s");
  EXPECT_EQ(timeout_in(in(30), true), "50s");  // a write's transaction sees the session's
  EXPECT_EQ(timeout_in(in(1), true), "1s");
  // A write that fails (its transaction rolls back) leaves the session's timeout as it was.
  absl::Status failed = pool.Write(in(2), [](pqxx::work& tx) {
    tx.exec("SELECT 1/0");
    return absl::OkStatus();
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(timeout_in(in(2), false), "2s");
  EXPECT_EQ(timeout_in(platform::NoDeadline(), false), "0");
}

TEST(PoolTest, BusyPoolFailsWithResourceExhaustedAfterTheWait) {
  testing::TestDatabase db("pool_busy");
  ASSERT_TRUE(platform::ApplyMigrations(db.conninfo()).ok());
  platform::PoolOptions options{db.conninfo(), 1};
  options.acquire_timeout = std::chrono::milliseconds(100);
  platform::Pool pool(options);
  std::thread holder([&] {
    (void)pool.Read(platform::NoDeadline(), [](pqxx::transaction_base& tx) {
      tx.exec("SELECT pg_sleep(1)");
      return absl::OkStatus();
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  absl::Status s =
      pool.Read(platform::NoDeadline(), [](pqxx::transaction_base&) { return absl::OkStatus(); });
  holder.join();
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted) << s;
}

// A server started with the same secret file opens the page tokens of another (a restarted
// process, another replica); with another secret, or none configured, it refuses them; a secret
// file that cannot be read or is too short stops the start naming the setting.
TEST(PageTokenKeysTest, ConfiguredSecretOpensTokensAcrossProcessesAndOtherSecretsDoNot) {
  namespace reg = registry::v1;
  testing::TestDatabase db("page_token_keys");
  const platform::KeyPair keys = *platform::GenerateKeyPair(platform::KeyType::kEc);
  const std::string public_key = testing::TempFile(keys.public_pem, ".pub");
  const std::string secret = testing::TempFile(platform::NewPageTokenSecret(), ".key");
  const std::string other_secret = testing::TempFile(platform::NewPageTokenSecret(), ".key");
  const std::string short_secret = testing::TempFile("too short\n", ".key");
  platform::TokenRequest who;
  who.subject = "ops";
  who.role = platform::Role::kAdmin;
  who.issued_at = std::chrono::system_clock::now();
  const std::string bearer = *platform::IssueToken(keys.private_pem, who);
  auto start = [&](std::vector<std::string> page_token_keys) {
    platform::ServerConfig config;
    config.database_url = db.conninfo();
    config.listen = "127.0.0.1:0";
    config.services = {"registry"};
    config.jwt_public_key_files = {public_key};
    config.http_listen = "";
    config.page_token_key_files = std::move(page_token_keys);
    return platform::Host::Start(config, testing::AllModules());
  };
  auto list = [&](platform::Host& host, const std::string& page_token,
                  reg::ListProvidersResponse* out) {
    auto stub = reg::ProviderRegistry::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(host.port()), grpc::InsecureChannelCredentials()));
    reg::ListProvidersRequest q;
    q.set_page_size(1);
    q.set_page_token(page_token);
    return stub->ListProviders(testing::TestServer::Context(bearer).get(), q, out);
  };

  std::string token;
  {
    auto first = start({secret});
    ASSERT_TRUE(first.ok()) << first.status();
    auto stub = reg::ProviderRegistry::NewStub((*first)->InProcessChannel());
    for (const char* kvk : {"82000001", "82000002"}) {
      reg::CreateProviderRequest req;
      *req.mutable_provider() = testing::MinimalProvider(kvk, std::string("Replica ") + kvk);
      reg::Provider out;
      ASSERT_TRUE(stub->CreateProvider(testing::TestServer::Context(bearer).get(), req, &out).ok());
    }
    reg::ListProvidersResponse page;
    ASSERT_TRUE(list(**first, "", &page).ok());
    token = page.next_page_token();
    ASSERT_FALSE(token.empty());
    (*first)->Shutdown(std::chrono::milliseconds(100));
  }
  // A new process would start with a random secret of its own.
  platform::SetPageTokenKeys(platform::PageTokenKeys::Random());
  {
    auto same = start({secret});
    ASSERT_TRUE(same.ok()) << same.status();
    reg::ListProvidersResponse page;
    grpc::Status s = list(**same, token, &page);
    EXPECT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(page.providers_size(), 1);
    EXPECT_EQ(page.providers(0).display_name(), "Replica 82000002");
    (*same)->Shutdown(std::chrono::milliseconds(100));
  }
  {
    // Rotation: the new secret first, the old one still opens what it sealed.
    auto rotated = start({other_secret, secret});
    ASSERT_TRUE(rotated.ok()) << rotated.status();
    reg::ListProvidersResponse page;
    EXPECT_TRUE(list(**rotated, token, &page).ok());
    (*rotated)->Shutdown(std::chrono::milliseconds(100));
  }
  {
    auto other = start({other_secret});
    ASSERT_TRUE(other.ok()) << other.status();
    reg::ListProvidersResponse page;
    grpc::Status s = list(**other, token, &page);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"page_token"});
    (*other)->Shutdown(std::chrono::milliseconds(100));
  }
  for (const std::string& bad : {std::string("/nonexistent/page-token.key"), short_secret}) {
    auto refused = start({bad});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(refused.status().message().find("OZJT_PAGE_TOKEN_KEYS"), std::string::npos)
        << refused.status();
  }
  for (const auto& f : {public_key, secret, other_secret, short_secret}) std::remove(f.c_str());
}

TEST(PageTokenKeysTest, SettingIsReadFromTheEnvironment) {
  const char* const kNames[] = {"OZJT_DATABASE_URL", "OZJT_JWT_PUBLIC_KEYS",
                                "OZJT_PAGE_TOKEN_KEYS"};
  std::vector<std::optional<std::string>> saved;
  for (const char* name : kNames) {
    const char* v = std::getenv(name);
    saved.push_back(v ? std::optional<std::string>(v) : std::nullopt);
  }
  setenv("OZJT_DATABASE_URL", "dbname=x", 1);
  setenv("OZJT_JWT_PUBLIC_KEYS", "/k.pub", 1);
  setenv("OZJT_PAGE_TOKEN_KEYS", "/new.key, /old.key", 1);
  auto config = platform::ConfigFromEnvironment();
  unsetenv("OZJT_PAGE_TOKEN_KEYS");
  auto unset = platform::ConfigFromEnvironment();
  for (size_t i = 0; i < saved.size(); ++i) {
    if (saved[i]) {
      setenv(kNames[i], saved[i]->c_str(), 1);
    } else {
      unsetenv(kNames[i]);
    }
  }
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->page_token_key_files, (std::vector<std::string>{"/new.key", "/old.key"}));
  ASSERT_TRUE(unset.ok()) << unset.status();
  EXPECT_TRUE(unset->page_token_key_files.empty());
}

}  // namespace
}  // namespace ozjt
