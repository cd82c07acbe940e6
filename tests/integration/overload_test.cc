// Bounded overload (issue 22 item 3): each class of methods (reads, heavy reads, changes) has a
// call budget; a call that finds its class's budget spent waits at most OZJT_CALL_QUEUE_MS and
// is then RESOURCE_EXHAUSTED, while the other classes go on.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ct = contracts::v1;
using platform::Role;
using testing::TestServer;
using Clock = std::chrono::steady_clock;

TEST(OverloadTest, HeavyReadsBeyondTheBudgetAreRefusedQuicklyWhileOtherCallsGoOn) {
  testing::TestDatabase db("overload");
  platform::CallBudgets budgets;
  budgets.heavy_reads = 1;
  budgets.queue_ms = 100;
  TestServer server(db.conninfo(), {}, "", "", absl::CivilDay(2026, 11, 25), budgets);
  const std::string token = server.Token(Role::kOzjtContractManager, "", "anna.ozjt");
  auto contracts = ct::ContractService::NewStub(server.Channel());
  auto agenda = [&]() {
    ct::ListAgendaRequest req;
    ct::ListAgendaResponse resp;
    return contracts->ListAgenda(TestServer::Context(token).get(), req, &resp);
  };
  ASSERT_TRUE(agenda().ok());

  // The contracts table held, so the first agenda call waits in PostgreSQL and keeps the one
  // place of its class.
  pqxx::connection holder(db.conninfo());
  pqxx::work hold(holder);
  hold.exec("LOCK TABLE contracts.contract IN ACCESS EXCLUSIVE MODE");
  auto first = std::async(std::launch::async, agenda);
  for (int i = 0;
       i < 200 && db.Query("SELECT count(*) FROM pg_stat_activity WHERE "
                           "wait_event_type = 'Lock' AND datname = current_database()") == "0";
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  const auto start = Clock::now();
  grpc::Status second = agenda();
  const auto waited = Clock::now() - start;
  EXPECT_EQ(second.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << second.error_message();
  EXPECT_GE(waited, std::chrono::milliseconds(90));   // it waited for a place ...
  EXPECT_LT(waited, std::chrono::milliseconds(600));  // ... about OZJT_CALL_QUEUE_MS, no more
  EXPECT_NE(testing::DutchMessage(second).find("te druk"), std::string::npos)
      << testing::DutchMessage(second);

  // Reads and changes of the other classes go on meanwhile.
  auto registry = registry::v1::ProviderRegistry::NewStub(server.Channel());
  registry::v1::CreateProviderRequest create;
  *create.mutable_provider() = testing::MinimalProvider("83000001", "Tijdens de drukte (fictief)");
  registry::v1::Provider provider;
  grpc::Status s = registry->CreateProvider(TestServer::Context(token).get(), create, &provider);
  EXPECT_TRUE(s.ok()) << s.error_message();
  registry::v1::GetProviderRequest get;
  get.set_name(provider.name());
  s = registry->GetProvider(TestServer::Context(token).get(), get, &provider);
  EXPECT_TRUE(s.ok()) << s.error_message();

  hold.abort();
  EXPECT_TRUE(first.get().ok());
  EXPECT_TRUE(agenda().ok());  // the place is free again
}

}  // namespace
}  // namespace ozjt
