// Platform parts against a real PostgreSQL: migrations and the connection pool.
#include <gtest/gtest.h>

#include <thread>

#include "services/platform/db.h"
#include "services/platform/migrations.h"
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

}  // namespace
}  // namespace ozjt
