// Safe retries (issue 22 item 4, AIP-155): a change sent again with the same request_id gets
// the first answer and changes nothing again, also when the first answer was lost after the
// change committed (the session-kill fault test below); a key is the caller's own, is refused
// for another request, and is forgotten after OZJT_IDEMPOTENCY_HOURS.
#include "services/platform/idempotency.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "ozjt/accountregion/v1/accountregion.grpc.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/jzplus/v1/jzplus.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"
#include "services/platform/db.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ct = contracts::v1;
using platform::Role;
using testing::TestServer;

// A note on `contract` with `text`, sent with `key`.
ct::CreateContractNoteRequest NoteRequest(const std::string& contract, const std::string& text,
                                          const std::string& key) {
  ct::CreateContractNoteRequest req;
  req.mutable_note()->set_contract(contract);
  req.mutable_note()->set_municipality_code("0153");
  req.mutable_note()->set_text(text);
  req.set_request_id(key);
  return req;
}

class IdempotencyTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    stub_ = ct::ContractService::NewStub(server_->Channel());
    if (contract_.empty()) {
      ct::CreateContractRequest create;
      *create.mutable_contract() = testing::MinimalContract("IDEM-1", "Herhaalde verzoeken");
      ct::Contract c;
      ASSERT_TRUE(stub_->CreateContract(TestServer::Context(manager_).get(), create, &c).ok());
      contract_ = c.name();
    }
  }
  std::string Notes(const std::string& text) const {
    return db_->Query("SELECT count(*) FROM contracts.note WHERE text = '" + text + "'");
  }
  grpc::Status Send(const ct::CreateContractNoteRequest& req, ct::ContractNote* out,
                    const std::string& token = "") {
    return stub_->CreateContractNote(TestServer::Context(token.empty() ? manager_ : token).get(),
                                     req, out);
  }

  static std::string contract_;
  std::string manager_;
  std::unique_ptr<ct::ContractService::Stub> stub_;
};
std::string IdempotencyTest::contract_;

TEST_F(IdempotencyTest, RetryWithTheSameKeyGetsTheFirstAnswerAndWritesOnce) {
  const auto req = NoteRequest(contract_, "Eenmaal", "5f0c1c9e-6a43-4a8e-9a57-1b7c0a9d2e01");
  ct::ContractNote first, again;
  ASSERT_TRUE(Send(req, &first).ok());
  grpc::Status s = Send(req, &again);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(again.name(), first.name());
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(Notes("Eenmaal"), "1");
  EXPECT_EQ(
      db_->Query("SELECT count(*) FROM audit.audit_record WHERE entity_type = 'contract_note' AND "
                 "after_json->>'text' = 'Eenmaal'"),
      "1");
  // Without a key every request is a change of its own.
  ct::ContractNote a, b;
  ASSERT_TRUE(Send(NoteRequest(contract_, "Zonder sleutel", ""), &a).ok());
  ASSERT_TRUE(Send(NoteRequest(contract_, "Zonder sleutel", ""), &b).ok());
  EXPECT_NE(a.name(), b.name());
}

TEST_F(IdempotencyTest, KeyUsedForAnotherRequestIsRefusedAndChangesNothing) {
  ct::ContractNote out;
  ASSERT_TRUE(Send(NoteRequest(contract_, "Eerste tekst", "key-other-1"), &out).ok());
  grpc::Status s = Send(NoteRequest(contract_, "Tweede tekst", "key-other-1"), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"request_id"});
  EXPECT_NE(testing::DutchMessage(s).find("al gebruikt voor een ander verzoek"), std::string::npos)
      << testing::DutchMessage(s);
  EXPECT_EQ(Notes("Tweede tekst"), "0");
  // Another method with the same key is another request too.
  ct::CreateContractRequest create;
  *create.mutable_contract() = testing::MinimalContract("IDEM-2", "Zelfde sleutel");
  create.set_request_id("key-other-1");
  ct::Contract c;
  s = stub_->CreateContract(TestServer::Context(manager_).get(), create, &c);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(db_->Query("SELECT count(*) FROM contracts.contract WHERE reference = 'IDEM-2'"), "0");
}

TEST_F(IdempotencyTest, KeysAreEachCallersOwn) {
  const auto req = NoteRequest(contract_, "Per persoon", "shared-key-1");
  ct::ContractNote anna, bert;
  ASSERT_TRUE(Send(req, &anna).ok());
  const std::string other = server_->Token(Role::kOzjtContractManager, "", "bert.ozjt");
  ASSERT_TRUE(Send(req, &bert, other).ok());
  EXPECT_NE(anna.name(), bert.name());
  EXPECT_EQ(Notes("Per persoon"), "2");
}

TEST_F(IdempotencyTest, UnusableKeyIsRefused) {
  ct::ContractNote out;
  for (const std::string& key :
       {std::string("met spatie"), std::string(101, 'a'), std::string("ä")}) {
    grpc::Status s = Send(NoteRequest(contract_, "Slechte sleutel", key), &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << key;
    EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"request_id"}) << key;
  }
  EXPECT_EQ(Notes("Slechte sleutel"), "0");
}

TEST_F(IdempotencyTest, FailedChangeKeepsNoAnswer) {
  // A note on a contract that does not exist: NOT_FOUND, and nothing is kept for the key, so
  // the same request fails the same way again (it is not answered with a success).
  const auto req = NoteRequest("contracts/999999", "Nergens", "key-failed-1");
  ct::ContractNote out;
  EXPECT_EQ(Send(req, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Send(req, &out).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM platform.request_answer WHERE request_id = "
                       "'key-failed-1'"),
            "0");
}

TEST_F(IdempotencyTest, TwinsSentAtOnceWriteOnce) {
  const auto req = NoteRequest(contract_, "Tegelijk", "key-twins-1");
  constexpr int kTwins = 8;
  std::vector<std::string> names(kTwins);
  std::vector<grpc::Status> statuses(kTwins);
  std::vector<std::thread> twins;
  for (int i = 0; i < kTwins; ++i) {
    twins.emplace_back([&, i] {
      ct::ContractNote out;
      statuses[i] = Send(req, &out);
      names[i] = out.name();
    });
  }
  for (auto& t : twins) t.join();
  for (int i = 0; i < kTwins; ++i) {
    EXPECT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    EXPECT_EQ(names[i], names[0]) << i;
  }
  EXPECT_EQ(Notes("Tegelijk"), "1");
}

TEST_F(IdempotencyTest, AnswersOlderThanTheWindowAreForgotten) {
  const auto req = NoteRequest(contract_, "Na twee dagen", "key-old-1");
  ct::ContractNote first, later;
  ASSERT_TRUE(Send(req, &first).ok());
  platform::Pool pool({db_->conninfo(), 1});
  ASSERT_EQ(*platform::ForgetAnswersOlderThan(pool, 48), 0);  // still young: kept
  db_->Exec(
      "UPDATE platform.request_answer SET answered_at = now() - interval '49 hours' WHERE "
      "request_id = 'key-old-1'");
  ASSERT_EQ(*platform::ForgetAnswersOlderThan(pool, 48), 1);
  ASSERT_TRUE(Send(req, &later).ok());  // a new change: the key was forgotten
  EXPECT_NE(later.name(), first.name());
}

// Every method that creates or changes something takes a key; the reads do not.
TEST(IdempotencyKeys, EveryChangingMethodTakesARequestId) {
  const char* names[] = {
      "ozjt.accountregion.v1.AccountRegionService",
      "ozjt.contracts.v1.ContractService",
      "ozjt.contracts.v1.TariffService",
      "ozjt.contracts.v1.VervoerService",
      "ozjt.jzplus.v1.InflowService",
      "ozjt.registry.v1.ProviderRegistry",
      "ozjt.registry.v1.ReferenceData",
      "ozjt.screening.v1.ScreeningService",
      "ozjt.supervision.v1.SupervisionService",
  };
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  for (const char* name : names) {
    services.push_back(google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name));
    ASSERT_NE(services.back(), nullptr) << name;
  }
  int changing = 0;
  for (const auto* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      const std::string& name = m->name();
      const bool read = name.rfind("Get", 0) == 0 || name.rfind("List", 0) == 0 ||
                        name.rfind("Export", 0) == 0 || name.rfind("Preview", 0) == 0;
      // Syncing turns each unconsumed mutation into a review once, however often it runs.
      const bool idempotent_by_nature = name == "SyncContractMutations";
      const bool has_key = m->input_type()->FindFieldByName("request_id") != nullptr;
      EXPECT_EQ(has_key, !read && !idempotent_by_nature) << m->full_name();
      if (has_key) ++changing;
    }
  }
  EXPECT_EQ(changing, 42);
}

// The session-kill fault test: every commit waits for a synchronous standby that does not
// exist, and is then either released (the answer arrives) or its session is killed (the change
// has committed but the answer is lost: "outcome unknown"). Writers retry UNAVAILABLE with the
// same key, as the CLI and the web page do. Every change is then stored exactly once.
TEST(IdempotencyFaults, AnswersLostAfterCommitAreRetriedWithoutDuplicates) {
  testing::PrivateCluster cluster;
  TestServer server(cluster.conninfo());
  const std::string token = server.Token(Role::kOzjtContractManager, "", "anna.ozjt");
  auto stub = ct::ContractService::NewStub(server.Channel());
  ct::CreateContractRequest create;
  *create.mutable_contract() = testing::MinimalContract("KILL-1", "Verloren antwoorden");
  ct::Contract contract;
  ASSERT_TRUE(stub->CreateContract(TestServer::Context(token).get(), create, &contract).ok());

  pqxx::connection admin(cluster.conninfo());
  auto exec = [&](const std::string& sql) {
    pqxx::nontransaction tx(admin);
    return tx.exec(sql);
  };
  exec("ALTER SYSTEM SET synchronous_standby_names = 'ozjt_no_standby'");
  exec("SELECT pg_reload_conf()");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  std::atomic<bool> done{false};
  std::atomic<int> killed{0}, released{0};
  std::thread killer([&] {
    while (!done) {
      pqxx::result waiting = exec(
          "SELECT pid FROM pg_stat_activity WHERE wait_event = 'SyncRep' AND pid <> "
          "pg_backend_pid()");
      for (const auto& row : waiting) {
        const std::string pid = row[0].as<std::string>();
        const bool kill = (killed + released) % 2 == 0;
        exec((kill ? "SELECT pg_terminate_backend(" : "SELECT pg_cancel_backend(") + pid + ")");
        ++(kill ? killed : released);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });

  constexpr int kWriters = 4, kNotes = 10, kAttempts = 30;
  std::atomic<int> unavailable{0}, failed{0};
  std::mutex mu;
  std::map<std::string, std::string> acknowledged;  // text -> note name answered
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto s = ct::ContractService::NewStub(server.Channel());
      for (int n = 0; n < kNotes; ++n) {
        const std::string text = "Notitie " + std::to_string(w) + "-" + std::to_string(n);
        const auto req = NoteRequest(contract.name(), text,
                                     "kill-" + std::to_string(w) + "-" + std::to_string(n));
        grpc::Status st;
        ct::ContractNote out;
        for (int attempt = 0; attempt < kAttempts; ++attempt) {
          st = s->CreateContractNote(TestServer::Context(token).get(), req, &out);
          if (st.error_code() != grpc::StatusCode::UNAVAILABLE) break;
          ++unavailable;
        }
        if (!st.ok()) {
          ++failed;
          ADD_FAILURE() << text << ": " << st.error_message();
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        acknowledged[text] = out.name();
      }
    });
  }
  for (auto& t : writers) t.join();
  done = true;
  killer.join();
  exec("ALTER SYSTEM RESET synchronous_standby_names");
  exec("SELECT pg_reload_conf()");

  EXPECT_EQ(failed.load(), 0);
  EXPECT_GE(killed.load(), 5) << "too few answers were lost to test anything";
  EXPECT_GE(unavailable.load(), 5);
  ASSERT_EQ(acknowledged.size(), static_cast<size_t>(kWriters * kNotes));
  pqxx::result rows = exec(
      "SELECT text, count(*), min(id) FROM contracts.note WHERE text LIKE 'Notitie %' "
      "GROUP BY text");
  EXPECT_EQ(rows.size(), acknowledged.size());
  for (const auto& row : rows) {
    const std::string text = row[0].as<std::string>();
    EXPECT_EQ(row[1].as<int>(), 1) << "duplicated: " << text;
    EXPECT_EQ(acknowledged[text], "contractNotes/" + row[2].as<std::string>()) << text;
  }
  std::cout << "fault test: " << kWriters * kNotes << " notes, " << killed.load()
            << " sessions killed waiting for their commit, " << unavailable.load()
            << " UNAVAILABLE answers retried, " << rows.size() << " notes stored" << std::endl;
}

}  // namespace
}  // namespace ozjt
