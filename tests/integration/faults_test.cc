// Faults under load (issue 10): many clients updating the same contract at once lose no
// update; every accepted update is in the history and the final version counts them.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
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
  auto* c = create.mutable_contract();
  c->set_reference("FAULT-1");
  c->set_title("Gelijktijdig");
  c->set_kind(ct::CONTRACT_KIND_SINGLE);
  c->set_domain(ct::CONTRACT_DOMAIN_WMO);
  c->set_family(ct::CONTRACT_FAMILY_GENERAL);
  auto* p = c->add_participations();
  p->set_municipality_code("0153");
  *p->mutable_valid_from() = testing::Date(2025, 1, 1);
  *c->mutable_start_date() = testing::Date(2025, 1, 1);
  *c->mutable_end_date() = testing::Date(2027, 12, 31);
  c->set_status(ct::CONTRACT_STATUS_DRAFT);
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

}  // namespace
}  // namespace ozjt
