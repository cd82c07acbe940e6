// Bad input that attacks rather than errs (issue 10): SQL in every string filter is just text;
// oversized strings and messages are refused before any work.
#include <gtest/gtest.h>

#include "ozjt/audit/v1/audit.grpc.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
namespace ct = contracts::v1;
namespace aud = audit::v1;
using platform::Role;
using testing::TestServer;

class BadInputTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    token_ = server_->Token(Role::kAdmin, "", "ops");
    providers_ = reg::ProviderRegistry::NewStub(server_->Channel());
    reg::CreateProviderRequest req;
    *req.mutable_provider() = testing::MinimalProvider("81000001", "O'Brien & Zn. 100% (fictief)");
    reg::Provider out;
    providers_->CreateProvider(TestServer::Context(token_).get(), req, &out);  // once
  }
  std::string token_;
  std::unique_ptr<reg::ProviderRegistry::Stub> providers_;
};

const char* const kInjections[] = {
    "'; DROP TABLE registry.provider; --",
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    "x' UNION SELECT id::text FROM audit.audit_record --",
};

TEST_F(BadInputTest, SqlInStringFiltersIsJustText) {
  auto contracts = ct::ContractService::NewStub(server_->Channel());
  auto audit = aud::AuditLog::NewStub(server_->Channel());
  const std::string providers_before = db_->Query("SELECT count(*) FROM registry.provider");
  for (const char* attack : kInjections) {
    reg::ListProvidersRequest q;
    q.mutable_filter()->set_display_name_contains(attack);
    reg::ListProvidersResponse out;
    grpc::Status s = providers_->ListProviders(TestServer::Context(token_).get(), q, &out);
    EXPECT_TRUE(s.ok()) << attack << ": " << s.error_message();
    // '%' and '_' match literally, not as wildcards: only the name with a real '%' in it.
    EXPECT_EQ(out.providers_size(), std::string(attack) == "%" ? 1 : 0) << attack;
    ct::ListContractsRequest cq;
    cq.mutable_filter()->set_text(attack);
    ct::ListContractsResponse cout;
    EXPECT_TRUE(contracts->ListContracts(TestServer::Context(token_).get(), cq, &cout).ok())
        << attack;
    EXPECT_EQ(cout.contracts_size(), 0) << attack;
    aud::ListAuditRecordsRequest aq;
    aq.set_actor(attack);
    aud::ListAuditRecordsResponse aout;
    EXPECT_TRUE(audit->ListAuditRecords(TestServer::Context(token_).get(), aq, &aout).ok())
        << attack;
    EXPECT_EQ(aout.records_size(), 0) << attack;
  }
  // Quotes, ampersands and percent signs in real names are found as they are.
  for (const char* part : {"O'Brien", "100%", "& Zn."}) {
    reg::ListProvidersRequest q;
    q.mutable_filter()->set_display_name_contains(part);
    reg::ListProvidersResponse out;
    ASSERT_TRUE(providers_->ListProviders(TestServer::Context(token_).get(), q, &out).ok());
    EXPECT_EQ(out.providers_size(), 1) << part;
  }
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider"), providers_before);
}

TEST_F(BadInputTest, OversizedStringsAndMessagesAreRefused) {
  // A 1 MB name: INVALID_ARGUMENT naming the field.
  reg::CreateProviderRequest req;
  *req.mutable_provider() = testing::MinimalProvider("81000002", std::string(1 << 20, 'a'));
  reg::Provider out;
  grpc::Status s = providers_->CreateProvider(TestServer::Context(token_).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"provider.display_name"});
  // An over-long filter.
  reg::ListProvidersRequest q;
  q.mutable_filter()->set_display_name_contains(std::string(5000, 'x'));
  reg::ListProvidersResponse listed;
  EXPECT_EQ(providers_->ListProviders(TestServer::Context(token_).get(), q, &listed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // A message over the server's 17 MiB limit: RESOURCE_EXHAUSTED, and nothing written.
  reg::ImportProvidersRequest big;
  big.set_csv(std::string(18 << 20, 'x'));
  reg::ImportProvidersResponse imported;
  EXPECT_EQ(
      providers_->ImportProviders(TestServer::Context(token_).get(), big, &imported).error_code(),
      grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider WHERE kvk_number = '81000002'"),
            "0");
}

}  // namespace
}  // namespace ozjt
