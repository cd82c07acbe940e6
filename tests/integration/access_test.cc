// Every RPC, called with every role, without a token and with a forged one: allowed roles get
// an answer, other roles PERMISSION_DENIED, no or bad token UNAUTHENTICATED.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <set>

#include "ozjt/audit/v1/audit.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
namespace aud = audit::v1;
using platform::Role;
using testing::TestServer;

struct Rpc {
  std::string name;
  std::set<Role> allowed;
  std::function<grpc::Status(const std::string& token)> call;
};

const std::set<Role> kEveryone = {
    Role::kOzjtContractManager, Role::kToezichthouder, Role::kGemeenteContractManager,
    Role::kScreeningOfficer,    Role::kAuditor,        Role::kAdmin};
const std::set<Role> kWriters = {Role::kOzjtContractManager, Role::kAdmin};
const std::set<Role> kAuditReaders = {Role::kAuditor, Role::kAdmin};

class AccessTest : public testing::ServerSuite {
 protected:
  static reg::Provider Sample() {
    static std::atomic<int> n{0};
    reg::Provider p;
    p.set_display_name("Toegang " + std::to_string(n) + " (fictief)");
    p.set_kvk_number(std::to_string(60000000 + n++));
    p.set_legal_form(reg::LEGAL_FORM_BV);
    p.add_laws(reg::LAW_WMO);
    p.add_municipality_codes("0153");
    p.set_tier(reg::TIER_LOCAL);
    return p;
  }

  std::vector<Rpc> Rpcs() {
    auto providers = reg::ProviderRegistry::NewStub(server_->Channel());
    auto reference = reg::ReferenceData::NewStub(server_->Channel());
    auto audit = aud::AuditLog::NewStub(server_->Channel());
    std::shared_ptr<reg::ProviderRegistry::Stub> p(std::move(providers));
    std::shared_ptr<reg::ReferenceData::Stub> r(std::move(reference));
    std::shared_ptr<aud::AuditLog::Stub> a(std::move(audit));
    // One provider in Enschede (0153): the municipal token below is for 0153.
    reg::CreateProviderRequest create;
    *create.mutable_provider() = Sample();
    reg::Provider existing;
    EXPECT_TRUE(p->CreateProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), create,
                                  &existing)
                    .ok());
    const std::string name = existing.name();
    return {
        {"GetProvider", kEveryone,
         [=](const std::string& t) {
           reg::GetProviderRequest q;
           q.set_name(name);
           reg::Provider out;
           return p->GetProvider(TestServer::Context(t).get(), q, &out);
         }},
        {"ListProviders", kEveryone,
         [=](const std::string& t) {
           reg::ListProvidersResponse out;
           return p->ListProviders(TestServer::Context(t).get(), {}, &out);
         }},
        {"CreateProvider", kWriters,
         [=](const std::string& t) {
           reg::CreateProviderRequest q;
           *q.mutable_provider() = Sample();
           reg::Provider out;
           return p->CreateProvider(TestServer::Context(t).get(), q, &out);
         }},
        {"UpdateProvider", kWriters,
         [=](const std::string& t) {
           reg::GetProviderRequest g;
           g.set_name(name);
           reg::Provider current;
           p->GetProvider(TestServer::Context(server_->Token(Role::kAdmin)).get(), g, &current);
           reg::UpdateProviderRequest q;
           q.mutable_provider()->set_name(name);
           q.mutable_provider()->set_version(current.version());
           q.mutable_provider()->set_display_name(current.display_name() + "!");
           q.mutable_update_mask()->add_paths("display_name");
           reg::Provider out;
           return p->UpdateProvider(TestServer::Context(t).get(), q, &out);
         }},
        {"ListProviderHistory", kEveryone,
         [=](const std::string& t) {
           reg::ListProviderHistoryRequest q;
           q.set_name(name);
           reg::ListProviderHistoryResponse out;
           return p->ListProviderHistory(TestServer::Context(t).get(), q, &out);
         }},
        {"ImportProviders", kWriters,
         [=](const std::string& t) {
           reg::Provider s = Sample();
           reg::ImportProvidersRequest q;
           q.set_csv("kvk_nummer;naam;rechtsvorm;agb_codes;wetten;gemeenten;niveau;status\n" +
                     s.kvk_number() + ";" + s.display_name() + ";bv;;wmo;0153;lokaal;\n");
           reg::ImportProvidersResponse out;
           return p->ImportProviders(TestServer::Context(t).get(), q, &out);
         }},
        {"ExportProviders", kEveryone,
         [=](const std::string& t) {
           reg::ExportProvidersResponse out;
           return p->ExportProviders(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListMunicipalities", kEveryone,
         [=](const std::string& t) {
           reg::ListMunicipalitiesResponse out;
           return r->ListMunicipalities(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListRegions", kEveryone,
         [=](const std::string& t) {
           reg::ListRegionsResponse out;
           return r->ListRegions(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListProductCategories", kEveryone,
         [=](const std::string& t) {
           reg::ListProductCategoriesResponse out;
           return r->ListProductCategories(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListUnits", kEveryone,
         [=](const std::string& t) {
           reg::ListUnitsResponse out;
           return r->ListUnits(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListJointTasks", kEveryone,
         [=](const std::string& t) {
           reg::ListJointTasksResponse out;
           return r->ListJointTasks(TestServer::Context(t).get(), {}, &out);
         }},
        {"ListAuditRecords", kAuditReaders,
         [=](const std::string& t) {
           aud::ListAuditRecordsResponse out;
           return a->ListAuditRecords(TestServer::Context(t).get(), {}, &out);
         }},
    };
  }
};

TEST_F(AccessTest, EveryRpcAllowsExactlyItsRoles) {
  for (const Rpc& rpc : Rpcs()) {
    for (Role role : platform::AllRoles()) {
      grpc::Status s = rpc.call(server_->Token(role, "0153"));
      if (rpc.allowed.count(role)) {
        EXPECT_TRUE(s.ok()) << rpc.name << " as " << platform::RoleName(role) << ": "
                            << s.error_message();
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << rpc.name << " as " << platform::RoleName(role);
      }
    }
  }
}

TEST_F(AccessTest, EveryRpcRefusesMissingAndForgedTokens) {
  // A token signed by a key the server does not know.
  platform::KeyPair stranger = *platform::GenerateKeyPair(platform::KeyType::kRsa);
  platform::TokenRequest req;
  req.subject = "mallory";
  req.role = Role::kAdmin;
  req.issued_at = std::chrono::system_clock::now();
  const std::string forged = *platform::IssueToken(stranger.private_pem, req);
  // An expired token signed by the right key.
  platform::KeyPair right = server_->keys();
  req.issued_at = std::chrono::system_clock::now() - std::chrono::hours(9);
  const std::string expired = *platform::IssueToken(right.private_pem, req);
  for (const Rpc& rpc : Rpcs()) {
    EXPECT_EQ(rpc.call("").error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
    EXPECT_EQ(rpc.call(forged).error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
    EXPECT_EQ(rpc.call(expired).error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
    EXPECT_EQ(rpc.call("garbage").error_code(), grpc::StatusCode::UNAUTHENTICATED) << rpc.name;
  }
}

TEST_F(AccessTest, RefusedCallsChangeNothing) {
  const std::string before = db_->Query("SELECT count(*) FROM audit.audit_record");
  for (const Rpc& rpc : Rpcs()) {
    if (rpc.allowed.count(Role::kToezichthouder)) continue;
    rpc.call(server_->Token(Role::kToezichthouder));
    rpc.call("");
  }
  // Rpcs() itself creates one provider (one audit record) per call.
  EXPECT_EQ(std::stoi(db_->Query("SELECT count(*) FROM audit.audit_record")),
            std::stoi(before) + 1);
}

}  // namespace
}  // namespace ozjt
