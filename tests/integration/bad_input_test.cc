// Bad input that attacks rather than errs (issue 10): SQL in every string filter is just text;
// oversized strings and messages are refused before any work; page tokens are opaque and an
// edited one, or one from another list, is refused (issue 18).
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
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

TEST_F(BadInputTest, PageTokensAreOpaqueAndEditedOnesAreRefused) {
  for (int i = 0; i < 3; ++i) {
    reg::CreateProviderRequest req;
    *req.mutable_provider() =
        testing::MinimalProvider("8100010" + std::to_string(i), "Bladzijde " + std::to_string(i));
    reg::Provider out;
    ASSERT_TRUE(providers_->CreateProvider(TestServer::Context(token_).get(), req, &out).ok());
  }
  reg::ListProvidersRequest q;
  q.mutable_filter()->set_display_name_contains("Bladzijde");
  q.set_page_size(1);
  reg::ListProvidersResponse first;
  ASSERT_TRUE(providers_->ListProviders(TestServer::Context(token_).get(), q, &first).ok());
  ASSERT_EQ(first.providers_size(), 1);
  const std::string token = first.next_page_token();
  ASSERT_FALSE(token.empty());

  // Nothing of the last item can be read from the token, decoded or not (before: base64 of
  // ["<fingerprint>","Bladzijde 0","<id>"]).
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  const std::string id = first.providers(0).name().substr(std::string("providers/").size());
  for (const std::string& hidden : {std::string("Bladzijde"), "\"" + id + "\""}) {
    EXPECT_EQ(token.find(hidden), std::string::npos) << hidden;
    EXPECT_EQ(raw.find(hidden), std::string::npos) << hidden;
  }

  // The token as issued continues the list.
  q.set_page_token(token);
  reg::ListProvidersResponse second;
  ASSERT_TRUE(providers_->ListProviders(TestServer::Context(token_).get(), q, &second).ok());
  ASSERT_EQ(second.providers_size(), 1);
  EXPECT_NE(second.providers(0).name(), first.providers(0).name());

  // One changed byte anywhere: INVALID_ARGUMENT on page_token, explained in Dutch.
  for (size_t i : {size_t{0}, raw.size() / 2, raw.size() - 1}) {
    std::string edited = raw;
    edited[i] = static_cast<char>(edited[i] ^ 0x20);
    q.set_page_token(absl::WebSafeBase64Escape(edited));
    reg::ListProvidersResponse out;
    grpc::Status s = providers_->ListProviders(TestServer::Context(token_).get(), q, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "byte " << i;
    EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"page_token"});
    ASSERT_EQ(testing::ViolationDescriptions(s).size(), 1u);
    EXPECT_EQ(
        testing::ViolationDescriptions(s)[0],
        "Dit vervolgtoken is niet door deze dienst uitgegeven of is gewijzigd. Vraag de lijst "
        "opnieuw op vanaf het begin (zonder --page-token).");
    EXPECT_EQ(out.providers_size(), 0);
  }

  // A token of one list is refused by another (the audit log) with the same page size.
  auto audit = aud::AuditLog::NewStub(server_->Channel());
  aud::ListAuditRecordsRequest aq;
  aq.set_page_token(token);
  aud::ListAuditRecordsResponse aout;
  grpc::Status s = audit->ListAuditRecords(TestServer::Context(token_).get(), aq, &aout);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"page_token"});
  EXPECT_NE(testing::DutchMessage(s).find("andere lijst"), std::string::npos)
      << testing::DutchMessage(s);
}

}  // namespace
}  // namespace ozjt
