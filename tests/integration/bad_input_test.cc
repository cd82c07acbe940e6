// Bad input that attacks rather than errs (issue 10): SQL in every string filter is just text;
// oversized strings and messages are refused before any work; page tokens are opaque and an
// edited one, or one from another list, is refused (issue 18). Control characters, amounts
// and counts out of range, and text that is not UTF-8 are INVALID_ARGUMENT naming the field,
// the line or the bound, never INTERNAL, and no answer quotes SQL (issue 22).
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "ozjt/audit/v1/audit.grpc.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/jzplus/v1/jzplus.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace reg = registry::v1;
namespace ct = contracts::v1;
namespace aud = audit::v1;
namespace jz = jzplus::v1;
using namespace std::string_literals;
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

// Text that would reveal SQL or the database's internals in an answer.
bool QuotesSql(const grpc::Status& s) {
  const std::string all = s.error_message() + " " + testing::DutchMessage(s);
  for (const char* word : {"SELECT", "INSERT", "UPDATE", "ERROR:", "DETAIL:", "pqxx", "contracts.",
                           "tariff_line", "violates"}) {
    if (all.find(word) != std::string::npos) return true;
  }
  return false;
}

class RangesTest : public BadInputTest {
 protected:
  void SetUp() override {
    BadInputTest::SetUp();
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    contracts_ = ct::ContractService::NewStub(server_->Channel());
    tariffs_ = ct::TariffService::NewStub(server_->Channel());
  }
  ct::Contract CreateContract(const std::string& reference) {
    ct::CreateContractRequest create;
    *create.mutable_contract() = testing::MinimalContract(reference, "Bereik en tekens");
    ct::Contract created;
    grpc::Status s =
        contracts_->CreateContract(TestServer::Context(manager_).get(), create, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return created;
  }
  ct::CreateTariffLineRequest LineFor(const ct::Contract& c, int64_t cents) {
    ct::CreateTariffLineRequest req;
    auto* l = req.mutable_line();
    l->set_contract(c.name());
    l->set_law(ct::TARIFF_LAW_WMO);
    l->set_variant(ct::VARIANT_INSPANNINGSGERICHT);
    l->set_product_category("01");
    l->set_product_code("01HH1");
    l->set_description("Hulp bij het huishouden");
    l->set_unit("04");
    l->set_amount_cents(cents);
    *l->mutable_valid_from() = testing::Date(2025, 1, 1);
    return req;
  }
  std::string manager_;
  std::unique_ptr<ct::ContractService::Stub> contracts_;
  std::unique_ptr<ct::TariffService::Stub> tariffs_;
};

TEST_F(RangesTest, NulInANoteIsInvalidArgumentNamingTheField) {
  ct::Contract c = CreateContract("NUL-1");
  ct::CreateContractNoteRequest note;
  note.mutable_note()->set_contract(c.name());
  note.mutable_note()->set_municipality_code("0153");
  note.mutable_note()->set_text("Afspraak\0gemaakt"s);
  ct::ContractNote out;
  grpc::Status s = contracts_->CreateContractNote(TestServer::Context(manager_).get(), note, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"note.text"});
  ASSERT_EQ(testing::ViolationDescriptions(s).size(), 1u);
  EXPECT_EQ(testing::ViolationDescriptions(s)[0],
            "Deze tekst bevat een onzichtbaar stuurteken (NUL) op positie 9; haal het weg en "
            "probeer het opnieuw.");
  // Other control characters (escape, DEL, a C1 control), in a filter too; tab and line breaks
  // in a note are fine.
  for (const std::string& bad : {"a\x1b[31m"s, "a\x7f"s, "a\xc2\x85"s}) {
    note.mutable_note()->set_text(bad);
    EXPECT_EQ(contracts_->CreateContractNote(TestServer::Context(manager_).get(), note, &out)
                  .error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
    reg::ListProvidersRequest q;
    q.mutable_filter()->set_display_name_contains(bad);
    reg::ListProvidersResponse listed;
    grpc::Status f = providers_->ListProviders(TestServer::Context(token_).get(), q, &listed);
    EXPECT_EQ(f.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(testing::ViolationFields(f),
              std::vector<std::string>{"filter.display_name_contains"});
  }
  note.mutable_note()->set_text("Eerste regel\n\tTweede regel\r\n");
  EXPECT_TRUE(contracts_->CreateContractNote(TestServer::Context(manager_).get(), note, &out).ok());
  // Without a valid token the text is not looked at: UNAUTHENTICATED first.
  note.mutable_note()->set_text("\0"s);
  EXPECT_EQ(contracts_->CreateContractNote(TestServer::Context("").get(), note, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(RangesTest, TextThatIsNotUtf8IsInvalidArgumentNotInternal) {
  reg::ListProvidersRequest q;
  q.mutable_filter()->set_display_name_contains("Zorg \xff\xfe");
  reg::ListProvidersResponse listed;
  grpc::Status s = providers_->ListProviders(TestServer::Context(token_).get(), q, &listed);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_NE(testing::DutchMessage(s).find("UTF-8"), std::string::npos) << testing::DutchMessage(s);
}

TEST_F(RangesTest, TariffOf9e18CentsIsRefusedNamingTheBound) {
  ct::Contract c = CreateContract("BEREIK-1");
  ct::TariffLine out;
  grpc::Status s = tariffs_->CreateTariffLine(TestServer::Context(manager_).get(),
                                              LineFor(c, 9'000'000'000'000'000'000), &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"line.amount_cents"});
  EXPECT_EQ(testing::ViolationDescriptions(s),
            std::vector<std::string>{"Het tarief is ten hoogste € 10.000.000.000,00."});
  EXPECT_NE(s.error_message().find("1000000000000"), std::string::npos) << s.error_message();
  // A floor and a contract value likewise.
  ct::CreateTariffFloorRequest floor;
  floor.mutable_floor()->set_product_category("01");
  floor.mutable_floor()->set_product_code("01HH1");
  floor.mutable_floor()->set_year(2026);
  floor.mutable_floor()->set_floor_cents(9'000'000'000'000'000'000);
  ct::TariffFloor f;
  s = tariffs_->CreateTariffFloor(TestServer::Context(manager_).get(), floor, &f);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"floor.floor_cents"});
  EXPECT_EQ(db_->Query("SELECT count(*) FROM contracts.tariff_line WHERE contract_id = " +
                       c.name().substr(10)),
            "0");
}

TEST_F(RangesTest, IndexationThatWouldOverflowIsRefusedWithoutSqlText) {
  ct::Contract c = CreateContract("BEREIK-2");
  ct::TariffLine line;
  ASSERT_TRUE(
      tariffs_->CreateTariffLine(TestServer::Context(manager_).get(), LineFor(c, 3050), &line)
          .ok());
  // A tariff stored before amounts were bounded (written here as the superuser).
  db_->Exec("UPDATE contracts.tariff_line SET amount_cents = 9000000000000000000 WHERE id = " +
            line.name().substr(12));
  for (const char* component : {"OVA", "PCC"}) {
    ct::CreateIndexFigureRequest req;
    req.mutable_figure()->set_component(component);
    req.mutable_figure()->set_year(2026);
    req.mutable_figure()->set_kind(ct::FIGURE_KIND_FORECAST);
    req.mutable_figure()->set_percent("3.00");
    ct::IndexFigure out;
    grpc::Status s = tariffs_->CreateIndexFigure(TestServer::Context(manager_).get(), req, &out);
    ASSERT_TRUE(s.ok() || s.error_code() == grpc::StatusCode::ALREADY_EXISTS) << s.error_message();
  }
  ct::PreviewIndexationRequest preview;
  preview.set_contract(c.name());
  preview.set_year(2026);
  ct::IndexationPreview p;
  grpc::Status s = tariffs_->PreviewIndexation(TestServer::Context(manager_).get(), preview, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  for (const auto& l : p.lines()) EXPECT_GT(l.new_amount_cents(), 0);  // never wrapped
  ct::ApplyIndexationRequest apply;
  apply.set_contract(c.name());
  apply.set_year(2026);
  apply.set_expected_index_percent("3.00");
  s = tariffs_->ApplyIndexation(TestServer::Context(manager_).get(), apply, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << s.error_message();
  EXPECT_FALSE(QuotesSql(s)) << s.error_message() << " / " << testing::DutchMessage(s);
  EXPECT_NE(testing::DutchMessage(s).find("€ 10.000.000.000,00"), std::string::npos)
      << testing::DutchMessage(s);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM contracts.tariff_line WHERE contract_id = " +
                       c.name().substr(10)),
            "1");
}

TEST_F(RangesTest, DatabaseRefusalNeverQuotesSql) {
  // A value only the database refuses (a CHECK the service does not know of, added here): the
  // answer names no SQL, constraint or row; before, it quoted PostgreSQL's whole message.
  db_->Exec("ALTER TABLE registry.provider ADD CONSTRAINT test_no_z CHECK (name !~ 'Zzz')");
  reg::CreateProviderRequest req;
  *req.mutable_provider() = testing::MinimalProvider("81000901", "Zzz Zorg (fictief)");
  reg::Provider out;
  grpc::Status s = providers_->CreateProvider(TestServer::Context(token_).get(), req, &out);
  db_->Exec("ALTER TABLE registry.provider DROP CONSTRAINT test_no_z");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
  EXPECT_FALSE(QuotesSql(s)) << s.error_message();
  EXPECT_EQ(s.error_message().find("Zzz"), std::string::npos) << s.error_message();
}

TEST_F(RangesTest, JzplusCountAboveTheBoundNamesTheCsvLine) {
  auto registry = reg::ProviderRegistry::NewStub(server_->Channel());
  reg::CreateProviderRequest create;
  *create.mutable_provider() = testing::MinimalProvider("70000901", "Bereik JZ+ (fictief)");
  create.mutable_provider()->clear_laws();
  create.mutable_provider()->add_laws(reg::LAW_JEUGDWET);
  reg::Provider provider;
  ASSERT_TRUE(
      registry->CreateProvider(TestServer::Context(manager_).get(), create, &provider).ok());
  auto stub = jz::InflowService::NewStub(server_->Channel());
  jz::ImportInflowRequest q;
  q.set_csv(
      "jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n"
      "2025;1;0153;70000901;machtiging;3;2\n"
      "2025;2;0153;70000901;machtiging;2147483648;1\n");
  jz::ImportInflowResponse r;
  grpc::Status s = stub->ImportInflow(TestServer::Context(manager_).get(), q, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();  // row errors are the answer, not a failed call
  ASSERT_EQ(r.errors_size(), 1);
  EXPECT_EQ(r.errors(0).line(), 3);
  EXPECT_EQ(r.errors(0).field(), "plaatsingen");
  EXPECT_EQ(r.errors(0).dutch(),
            "regel 3, kolom plaatsingen: Het aantal plaatsingen (2147483648) is ten hoogste "
            "1.000.000.");
  EXPECT_FALSE(r.committed());
  EXPECT_EQ(db_->Query("SELECT count(*) FROM jzplus.inflow"), "0");
  // The same count sent as a row.
  q.clear_csv();
  auto* row = q.add_rows();
  row->set_year(2025);
  row->set_quarter(2);
  row->set_municipality_code("0153");
  row->set_provider(provider.name());
  row->set_authorisation(jz::AUTHORISATION_REGULAR);
  row->set_placements(int64_t{1} << 40);
  row->set_young_people(1);
  s = stub->ImportInflow(TestServer::Context(manager_).get(), q, &r);
  ASSERT_TRUE(s.ok()) << s.error_message();
  ASSERT_EQ(r.errors_size(), 1);
  EXPECT_EQ(r.errors(0).field(), "rows[0].placements");
}

}  // namespace
}  // namespace ozjt
