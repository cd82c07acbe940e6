// The contract management information service end to end (servers see 2026-11-25): message
// files streamed in chunks, imported once, refused whole with path and rule; the worked
// examples of the README (a wait of 21 days, a correction, a credit, a rejection) from the
// figures of a quarter; the BSN never stored; who sees what.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/insight/v1/insight.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/insight/ijw_writer.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ct = contracts::v1;
namespace in = insight::v1;
namespace reg = registry::v1;
using absl::CivilDay;
using platform::Role;
using testing::TestServer;

insight::Header HeaderOf(insight::MessageType type, const std::string& id, CivilDay dated,
                         const std::string& municipality = "0153") {
  insight::Header h;
  h.type = type;
  const bool from_municipality = type == 301 || type == 325;
  h.sender = from_municipality ? municipality : "99000001";
  h.receiver = from_municipality ? "99000001" : municipality;
  h.identification = id;
  h.dated = dated;
  return h;
}

insight::Allocation Allocation(int64_t number, CivilDay allocated_on, int64_t volume = 3) {
  insight::Allocation a;
  a.number = number;
  a.product = {"45", "45A03"};
  a.allocated_on = allocated_on;
  a.allocated_at = "10:15:00";
  a.starts_on = CivilDay(2026, 1, 19);
  a.ends_on = CivilDay(2026, 7, 19);
  a.volume = volume;
  a.unit = "04";
  a.frequency = "2";
  return a;
}

insight::CareLine Start(int64_t number, CivilDay begins_on, int status = 1) {
  insight::CareLine l;
  l.number = number;
  l.product = {"45", "45A03"};
  l.begins_on = begins_on;
  l.status = status;
  return l;
}

insight::ClaimLine Line(const std::string& bsn, const std::string& reference, int64_t volume,
                        int64_t amount) {
  insight::ClaimLine l;
  l.client = bsn;
  l.reference = reference;
  l.number = 100001;
  l.product = {"45", "45A03"};
  l.from = CivilDay(2026, 2, 1);
  l.to = CivilDay(2026, 2, 28);
  l.volume = volume;
  l.unit = "04";
  l.tariff_cents = 8950;
  l.amount_cents = amount;
  return l;
}

insight::Claim ClaimOf(const std::string& number, std::vector<insight::ClaimLine> lines) {
  insight::Claim c;
  c.number = number;
  c.period_from = CivilDay(2026, 2, 1);
  c.period_to = CivilDay(2026, 2, 28);
  for (const auto& l : lines) c.total_cents += l.amount_cents;
  c.lines = std::move(lines);
  return c;
}

struct File {
  std::string name;
  std::string xml;
};

// docs ijw.md section 12: allocated 12-01, started 02-02, February claimed 11 hours. Each test
// (ctest runs each in a process of its own, on the suite's database) uses a municipality of its
// own; the identifications start with `id`.
std::vector<File> WorkedExample(const std::string& municipality = "0153",
                                const std::string& id = "T") {
  return {
      {"voorbeeld/jw301.xml",
       insight::WriteAllocations(
           HeaderOf(301, id + "301000001", CivilDay(2026, 1, 12), municipality), "999900006",
           {Allocation(100001, CivilDay(2026, 1, 12))})},
      {"voorbeeld/jw305.xml",
       insight::WriteCareLines(HeaderOf(305, id + "305000001", CivilDay(2026, 2, 4), municipality),
                               "999900006", {Start(100001, CivilDay(2026, 2, 2))})},
      {"voorbeeld/jw323.xml",
       insight::WriteClaim(HeaderOf(323, id + "323000001", CivilDay(2026, 3, 5), municipality),
                           ClaimOf("D202602001", {Line("999900006", "P2026020001", 11, 98450)}))},
  };
}

class InsightTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    stub_ = in::InsightService::NewStub(server_->Channel());
    static bool registered = false;
    if (!registered) {
      auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
      reg::CreateProviderRequest req;
      *req.mutable_provider() = testing::MinimalProvider("71000001", "Jeugdhulp Oost (fictief)");
      req.mutable_provider()->add_agb_codes("99000001");
      reg::Provider out;
      grpc::Status s = stub->CreateProvider(TestServer::Context(manager_).get(), req, &out);
      ASSERT_TRUE(s.ok()) << s.error_message();
      provider_ = out.name();
      registered = true;
    }
  }

  // Streams `files`, each in chunks of `chunk` bytes.
  grpc::Status Import(const std::vector<File>& files, in::ImportMessagesResponse* out,
                      bool validate_only = false, const std::string& token = "",
                      size_t chunk = 200) {
    auto ctx = TestServer::Context(token.empty() ? manager_ : token);
    auto writer = stub_->ImportMessages(ctx.get(), out);
    for (const File& f : files) {
      size_t at = 0;
      do {
        in::ImportMessagesRequest q;
        q.set_file_name(f.name);
        q.set_data(f.xml.substr(at, chunk));
        q.set_validate_only(validate_only);
        if (!writer->Write(q)) break;
        at += chunk;
      } while (at < f.xml.size());
    }
    writer->WritesDone();
    return writer->Finish();
  }

  in::ImportMessagesResponse MustImport(const std::vector<File>& files) {
    in::ImportMessagesResponse out;
    grpc::Status s = Import(files, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Figures(const std::string& municipality, const std::string& quarter,
                       in::QuarterFigures* out, const std::string& token = "") {
    in::GetQuarterFiguresRequest q;
    q.set_municipality_code(municipality);
    q.set_quarter(quarter);
    return stub_->GetQuarterFigures(TestServer::Context(token.empty() ? manager_ : token).get(), q,
                                    out);
  }

  in::QuarterFigures MustFigures(const std::string& municipality, const std::string& quarter,
                                 const std::string& token = "") {
    in::QuarterFigures out;
    grpc::Status s = Figures(municipality, quarter, &out, token);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // A contract of the provider in `municipality` with the worked example's tariff line (45A03,
  // hours, EUR 89.50 from 2025).
  std::string ContractWithTariff(const std::string& reference, const std::string& municipality) {
    auto contracts = ct::ContractService::NewStub(server_->Channel());
    ct::CreateContractRequest create;
    ct::Contract& c = *create.mutable_contract();
    c = testing::MinimalContract(reference, "Begeleiding Oost");
    c.set_domain(ct::CONTRACT_DOMAIN_BOTH);
    c.add_providers(provider_);
    c.mutable_participations(0)->set_municipality_code(municipality);
    c.set_value_cents(100000000);
    c.set_status(ct::CONTRACT_STATUS_ACTIVE);
    ct::Contract created;
    grpc::Status s =
        contracts->CreateContract(TestServer::Context(manager_).get(), create, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
    ct::CreateTariffLineRequest line;
    auto* l = line.mutable_line();
    l->set_contract(created.name());
    l->set_law(ct::TARIFF_LAW_JEUGDWET);
    l->set_variant(ct::VARIANT_INSPANNINGSGERICHT);
    l->set_product_category("45");
    l->set_product_code("45A03");
    l->set_description("Begeleiding individueel");
    l->set_unit("04");
    l->set_amount_cents(8950);
    *l->mutable_valid_from() = testing::Date(2025, 1, 1);
    ct::TariffLine made;
    s = ct::TariffService::NewStub(server_->Channel())
            ->CreateTariffLine(TestServer::Context(manager_).get(), line, &made);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return created.name();
  }

  grpc::Status SetCeiling(const std::string& contract, const std::string& municipality,
                          int64_t cents, in::SpendingCeiling* out, const std::string& token = "") {
    in::SetSpendingCeilingRequest q;
    q.set_contract(contract);
    q.set_provider(provider_);
    q.set_municipality_code(municipality);
    q.set_year(2026);
    q.set_amount_cents(cents);
    return stub_->SetSpendingCeiling(TestServer::Context(token.empty() ? manager_ : token).get(), q,
                                     out);
  }

  grpc::Status Step(const std::string& name, in::CeilingStep step, const std::string& day,
                    in::SpendingCeiling* out) {
    in::RecordCeilingStepRequest q;
    q.set_name(name);
    q.set_step(step);
    q.set_day(day);
    return stub_->RecordCeilingStep(TestServer::Context(manager_).get(), q, out);
  }

  grpc::Status Ceilings(const std::string& municipality, const std::string& token,
                        in::ListSpendingCeilingsResponse* out) {
    in::ListSpendingCeilingsRequest q;
    q.set_year(2026);
    q.set_municipality_code(municipality);
    return stub_->ListSpendingCeilings(TestServer::Context(token).get(), q, out);
  }

  std::string manager_;
  static std::string provider_;
  std::unique_ptr<in::InsightService::Stub> stub_;
};

std::string InsightTest::provider_;

// Each test imports what it needs, in a municipality of its own.
TEST_F(InsightTest, TheWorkedExampleImportedInChunksAndMeasured) {
  in::ImportMessagesResponse r = MustImport(WorkedExample());
  ASSERT_EQ(r.files_size(), 3);
  EXPECT_EQ(r.imported(), 3);
  EXPECT_EQ(r.refused(), 0);
  EXPECT_EQ(r.files(0).outcome(), in::OUTCOME_IMPORTED);
  EXPECT_EQ(r.files(0).message_type(), "JW301");
  EXPECT_EQ(r.files(0).sender(), "0153");
  EXPECT_EQ(r.files(2).items(), 1);

  in::QuarterFigures q = MustFigures("0153", "2026-K1");
  EXPECT_EQ(q.municipality_name(), "Enschede");
  EXPECT_EQ(q.quarter(), "2026-K1");
  EXPECT_FALSE(q.suppressed());
  ASSERT_EQ(q.rows_size(), 1);
  const in::FigureRow& row = q.rows(0);
  EXPECT_EQ(row.agb_code(), "99000001");
  EXPECT_EQ(row.provider_name(), "Jeugdhulp Oost (fictief)");
  EXPECT_EQ(row.law(), "jw");
  EXPECT_EQ(row.product_code(), "45A03");
  EXPECT_EQ(row.clients_allocated().value(), 1);
  EXPECT_EQ(row.allocations().value(), 1);
  ASSERT_EQ(row.volumes_size(), 1);
  EXPECT_EQ(row.volumes(0).unit_name(), "uren");
  EXPECT_DOUBLE_EQ(row.volumes(0).allocated(), 30.9);  // 3 h x 72 days / 7
  EXPECT_EQ(row.volumes(0).delivered(), 11);
  EXPECT_EQ(row.declared_cents(), 98450);
  EXPECT_EQ(row.pending_cents(), 98450);
  EXPECT_EQ(row.starts(), 1);
  EXPECT_EQ(row.wait_median_days(), 21);
  EXPECT_EQ(row.within_norm(), 1);
  EXPECT_EQ(q.total().declared_cents(), 98450);
  // The region holds Enschede's figures (and the other tests' municipalities'); Tubbergen has
  // none.
  EXPECT_GE(MustFigures("", "2026-K1").total().declared_cents(), 98450);
  EXPECT_EQ(MustFigures("1700", "2026-K1").rows_size(), 0);
}

TEST_F(InsightTest, TheSameMessagesAgainCountOnce) {
  EXPECT_EQ(MustImport(WorkedExample("0147", "B")).imported(), 3);
  in::ImportMessagesResponse r = MustImport(WorkedExample("0147", "B"));
  EXPECT_EQ(r.imported(), 0);
  EXPECT_EQ(r.already_imported(), 3);
  EXPECT_EQ(r.files(1).outcome(), in::OUTCOME_ALREADY_IMPORTED);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM insight.message WHERE municipality_code = '0147'"),
            "3");
  EXPECT_EQ(MustFigures("0147", "2026-K1").total().declared_cents(), 98450);
}

TEST_F(InsightTest, ABadFileIsRefusedWholeAndTheOthersImported) {
  const std::string bad_bsn = absl::StrReplaceAll(
      insight::WriteAllocations(HeaderOf(301, "C301000002", CivilDay(2026, 1, 13), "0164"),
                                "999900006", {Allocation(100002, CivilDay(2026, 1, 13))}),
      {{"<m:Bsn>999900006<", "<m:Bsn>999900007<"}});
  const std::string good =
      insight::WriteAllocations(HeaderOf(301, "C301000003", CivilDay(2026, 1, 14), "0164"),
                                "999900018", {Allocation(100003, CivilDay(2026, 1, 14))});
  const std::string count_0164 =
      "SELECT count(*) FROM insight.message WHERE municipality_code = '0164'";
  in::ImportMessagesResponse r;
  // The validation alone writes nothing.
  ASSERT_TRUE(Import({{"a.xml", bad_bsn}, {"b.xml", good}, {"c.xml", "geen xml"}}, &r, true).ok());
  EXPECT_EQ(r.files(1).outcome(), in::OUTCOME_VALID);
  EXPECT_EQ(r.refused(), 2);
  EXPECT_EQ(db_->Query(count_0164), "0");

  r = MustImport({{"a.xml", bad_bsn}, {"b.xml", good}, {"c.xml", "geen xml"}});
  ASSERT_EQ(r.files_size(), 3);
  EXPECT_EQ(r.files(0).outcome(), in::OUTCOME_REFUSED);
  EXPECT_EQ(r.files(0).path(), "Bericht/Client/Bsn");
  EXPECT_EQ(r.files(0).dutch(), "het BSN voldoet niet aan de elfproef");
  EXPECT_EQ(r.files(1).outcome(), in::OUTCOME_IMPORTED);
  EXPECT_EQ(r.files(2).outcome(), in::OUTCOME_REFUSED);
  EXPECT_EQ(r.imported(), 1);
  EXPECT_EQ(r.refused(), 2);
  // Nothing of the refused allocation 100002 is stored.
  EXPECT_EQ(db_->Query("SELECT count(*) FROM insight.allocation WHERE number = 100002"), "0");
  EXPECT_EQ(db_->Query(count_0164), "1");
}

TEST_F(InsightTest, ACorrectionACreditAndARejectionChangeTheFigures) {
  MustImport(WorkedExample("0141", "D"));
  std::vector<File> files = {
      // 20-01: allocation 100001 re-sent with 6 hours a week.
      {"d/301.xml",
       insight::WriteAllocations(HeaderOf(301, "D301000004", CivilDay(2026, 1, 20), "0141"),
                                 "999900006", {Allocation(100001, CivilDay(2026, 1, 20), 6)})},
      // The start of 02-02 deleted and sent again as 09-02.
      {"d/305.xml",
       insight::WriteCareLines(
           HeaderOf(305, "D305000002", CivilDay(2026, 2, 11), "0141"), "999900006",
           {Start(100001, CivilDay(2026, 2, 2), 3), Start(100001, CivilDay(2026, 2, 9))})},
      // A credit of 2 of the 11 hours, and a second claim line.
      {"d/323.xml",
       insight::WriteClaim(HeaderOf(323, "D323000002", CivilDay(2026, 3, 20), "0141"),
                           ClaimOf("D202603001", {[] {
                                                    auto credit = Line("999900006", "P2026030001",
                                                                       -2, -17900);
                                                    credit.previous_reference = "P2026020001";
                                                    return credit;
                                                  }(),
                                                  Line("999900006", "P2026030002", 1, 8950)}))},
  };
  in::ImportMessagesResponse r = MustImport(files);
  EXPECT_EQ(r.imported(), 3);
  in::FigureRow row = MustFigures("0141", "2026-K1").rows(0);
  EXPECT_DOUBLE_EQ(row.volumes(0).allocated(), 61.7);  // 6 h x 72 days / 7
  EXPECT_EQ(row.allocations().value(), 1);
  EXPECT_EQ(row.wait_median_days(), 20);  // 09-02 - 20-01
  EXPECT_EQ(row.declared_cents(), 98450 - 17900 + 8950);
  EXPECT_EQ(row.volumes(0).delivered(), 11 - 2 + 1);
  EXPECT_EQ(row.pending_cents(), 98450 - 17900 + 8950);

  // The municipality answers the second claim and rejects its second line (0611).
  const insight::Claim second = ClaimOf("D202603001", {Line("999900006", "P2026030001", -2, -17900),
                                                       Line("999900006", "P2026030002", 1, 8950)});
  r = MustImport({{"d/325.xml", insight::WriteClaimAnswer(
                                    HeaderOf(325, "D325000001", CivilDay(2026, 3, 27), "0141"),
                                    HeaderOf(323, "D323000002", CivilDay(2026, 3, 20), "0141"),
                                    second, {{"P2026030002", "0611"}})}});
  EXPECT_EQ(r.imported(), 1);
  row = MustFigures("0141", "2026-K1").rows(0);
  EXPECT_EQ(row.rejected_cents(), 8950);
  EXPECT_EQ(row.granted_cents(), -17900);
  EXPECT_EQ(row.pending_cents(), 98450);
  EXPECT_EQ(row.volumes(0).delivered(), 9);
}

TEST_F(InsightTest, NoBsnIsStoredAndEveryImportIsAudited) {
  const std::string audits =
      "SELECT count(*) FROM audit.audit_record WHERE entity_type = 'insight_import'";
  const int before = std::stoi(db_->Query(audits));
  EXPECT_EQ(MustImport(WorkedExample("0163", "E")).imported(), 3);
  // One record for the group of three, naming each message and no person.
  EXPECT_EQ(std::stoi(db_->Query(audits)), before + 1);
  EXPECT_EQ(db_->Query("SELECT jsonb_array_length(after_json->'messages') FROM audit.audit_record "
                       "WHERE entity_type = 'insight_import' ORDER BY id DESC LIMIT 1"),
            "3");
  for (const char* table : {"allocation", "care_line", "claim_line"}) {
    EXPECT_EQ(db_->Query(absl::StrCat("SELECT count(*) FROM insight.", table,
                                      " WHERE client !~ '^[0-9a-f]{64}$'")),
              "0")
        << table;
  }
  EXPECT_EQ(db_->Query("SELECT count(*) FROM (SELECT to_jsonb(t)::text AS j FROM "
                       "insight.allocation t UNION ALL SELECT to_jsonb(t)::text FROM "
                       "insight.claim_line t UNION ALL SELECT after_json::text FROM "
                       "audit.audit_record t) x WHERE j LIKE '%99990%'"),
            "0");
  EXPECT_EQ(db_->Query("SELECT DISTINCT key_version FROM insight.message"), "1");
}

TEST_F(InsightTest, AMunicipalUserSeesTheirOwnMunicipalitySuppressed) {
  MustImport(WorkedExample("0158", "F"));
  const std::string haaksbergen = server_->Token(Role::kGemeenteContractManager, "0158");
  in::QuarterFigures q = MustFigures("", "2026-K1", haaksbergen);
  EXPECT_EQ(q.municipality_code(), "0158");
  EXPECT_TRUE(q.suppressed());
  ASSERT_EQ(q.rows_size(), 1);
  // One client: "<5", the row's money and waits hidden, and the total's too.
  EXPECT_EQ(q.rows(0).clients_allocated().shown(), "<5");
  EXPECT_EQ(q.rows(0).clients_allocated().value(), 0);
  EXPECT_TRUE(q.rows(0).suppressed());
  EXPECT_EQ(q.rows(0).declared_cents(), 0);
  EXPECT_EQ(q.rows(0).wait_median_days(), 0);
  EXPECT_EQ(q.rows(0).volumes_size(), 0);
  EXPECT_TRUE(q.total().suppressed());
  EXPECT_EQ(q.total().declared_cents(), 0);
  // Another municipality or the region: refused.
  in::QuarterFigures other;
  grpc::Status s = Figures("0164", "2026-K1", &other, haaksbergen);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(testing::DutchMessage(s), "U ziet alleen de cijfers van uw eigen gemeente.");
}

TEST_F(InsightTest, BadRequestsNameTheField) {
  in::QuarterFigures q;
  grpc::Status s = Figures("0153", "2026-K5", &q);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"quarter"});
  s = Figures("9999", "2026-K1", &q);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"municipality_code"});
  in::ImportMessagesResponse r;
  s = Import({}, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Import({{"", "<x/>"}}, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"file_name"});
}

// The README's ceiling example: EUR 1,400.00 for 2026; February's 11 hours at EUR 89.50 use 70%
// of it, and the allocation's value to 19 July takes the forecast over it.
TEST_F(InsightTest, ASpendingCeilingCrossesSeventyPercentWithItsClocksOnTheAgenda) {
  ASSERT_EQ(MustImport(WorkedExample("0173", "C")).imported(), 3);
  const std::string contract = ContractWithTariff("BR-2026", "0173");
  in::SpendingCeiling c;
  grpc::Status s = SetCeiling(contract, "0173", 140000, &c);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(c.contract_reference(), "BR-2026");
  EXPECT_EQ(c.provider_name(), "Jeugdhulp Oost (fictief)");
  EXPECT_EQ(c.municipality_name(), "Oldenzaal");
  EXPECT_EQ(c.starts_on(), "2026-01-01");
  EXPECT_EQ(c.spent_cents(), 98450);
  EXPECT_EQ(c.used_percent(), 70);
  EXPECT_TRUE(c.seventy_percent());
  EXPECT_EQ(c.forecast_from(), "2026-03-01");
  EXPECT_EQ(c.forecast_cents(), 98450 + 540836);
  EXPECT_TRUE(c.forecast_overrun());
  ASSERT_EQ(c.clocks_size(), 3);
  EXPECT_EQ(c.clocks(0).due(), "2025-07-01");
  EXPECT_EQ(c.clocks(0).kind(), "intention");
  // Setting it again changes the amount of the same ceiling: below 70% now.
  in::SpendingCeiling more;
  ASSERT_TRUE(SetCeiling(contract, "0173", 200000, &more).ok());
  EXPECT_EQ(more.name(), c.name());
  EXPECT_FALSE(more.seventy_percent());

  // The notice, then the consultation's clock on the agenda.
  in::SpendingCeiling noticed;
  ASSERT_TRUE(Step(c.name(), in::CEILING_STEP_NOTIFIED, "2026-03-10", &noticed).ok());
  EXPECT_EQ(noticed.notified_on(), "2026-03-10");
  ASSERT_EQ(noticed.clocks_size(), 4);
  EXPECT_EQ(noticed.clocks(3).due(), "2026-03-24");
  in::SpendingCeiling refused;
  s = Step(c.name(), in::CEILING_STEP_DECIDED, "2026-03-30", &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::DutchMessage(s),
            "Leg eerst het overleg vast; het besluit over aanpassing volgt daarop.");
  ct::ListAgendaRequest window;
  *window.mutable_start_date() = testing::Date(2026, 3, 1);
  *window.mutable_end_date() = testing::Date(2026, 4, 30);
  window.add_kinds(ct::AGENDA_KIND_SPENDING_CEILING);
  window.set_municipality_code("0173");
  for (const std::string& token :
       {manager_, server_->Token(Role::kGemeenteContractManager, "0173")}) {
    ct::ListAgendaResponse agenda;
    s = ct::ContractService::NewStub(server_->Channel())
            ->ListAgenda(TestServer::Context(token).get(), window, &agenda);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_EQ(agenda.items_size(), 1);
    EXPECT_EQ(agenda.items(0).date().day(), 24);
    EXPECT_EQ(agenda.items(0).contract_reference(), "BR-2026");
    EXPECT_EQ(agenda.items(0).summary(),
              "Overleg met de aanbieder over de bestedingsruimte 2026 (binnen 2 weken na de "
              "melding, art. 1.5.7): Jeugdhulp Oost (fictief), Oldenzaal");
  }

  // The municipality sees its own ceilings, not another's; it may not set one.
  const std::string oldenzaal = server_->Token(Role::kGemeenteContractManager, "0173");
  in::ListSpendingCeilingsResponse own;
  ASSERT_TRUE(Ceilings("", oldenzaal, &own).ok());
  ASSERT_EQ(own.ceilings_size(), 1);
  EXPECT_EQ(own.ceilings(0).spent_cents(), 98450);
  EXPECT_EQ(Ceilings("0153", oldenzaal, &own).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(SetCeiling(contract, "0173", 1, &refused, oldenzaal).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Ceilings("", server_->Token(Role::kScreeningOfficer), &own).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Bad input: the field and the rule; a municipality the contract has no tariff for.
  EXPECT_EQ(testing::ViolationFields(SetCeiling(contract, "0173", 0, &refused)),
            std::vector<std::string>{"amount_cents"});
  EXPECT_EQ(testing::ViolationFields(SetCeiling("contracten/1", "0173", 100, &refused)),
            std::vector<std::string>{"contract"});
  s = SetCeiling(contract, "0153", 100, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Step("spendingCeilings/999999", in::CEILING_STEP_NOTIFIED, "2026-03-10", &refused)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      testing::ViolationFields(Step(c.name(), in::CEILING_STEP_NOTIFIED, "10-03-2026", &refused)),
      std::vector<std::string>{"day"});
}

// The reports over gRPC: OZJT's exact, the municipality's suppressed, every format.
TEST_F(InsightTest, TheReportOfAQuarterOrHalfYearInEveryFormat) {
  ASSERT_EQ(MustImport(WorkedExample("0189", "R")).imported(), 3);
  auto report = [&](const std::string& token, const std::string& municipality,
                    const std::string& period, in::ReportFormat format, in::ReportFile* out) {
    in::GetReportRequest q;
    q.set_municipality_code(municipality);
    q.set_period(period);
    q.set_format(format);
    return stub_->GetReport(TestServer::Context(token).get(), q, out);
  };
  in::ReportFile exact;
  ASSERT_TRUE(report(manager_, "0189", "2026-K1", in::REPORT_FORMAT_CSV, &exact).ok());
  EXPECT_EQ(exact.file_name(), "contractinformatie-wierden-2026-k1.csv");
  EXPECT_EQ(exact.content_type(), "text/csv; charset=utf-8");
  EXPECT_FALSE(exact.suppressed());
  EXPECT_NE(exact.content().find(";Jeugdhulp Oost (fictief);Jeugdwet 45 45A03;1;1;1;0;984,50;0,00;"
                                 "0,00;984,50;21;21;1 van 1\r\n"),
            std::string::npos)
      << exact.content();
  const std::string wierden = server_->Token(Role::kGemeenteContractManager, "0189");
  in::ReportFile own;
  ASSERT_TRUE(report(wierden, "", "2026-H1", in::REPORT_FORMAT_CSV, &own).ok());
  EXPECT_TRUE(own.suppressed());
  EXPECT_EQ(own.file_name(), "contractinformatie-wierden-2026-h1.csv");
  EXPECT_NE(own.content().find("Jeugdwet 45 45A03;<5;<5;<5;0;x;x;x;x;x;x;x\r\n"), std::string::npos)
      << own.content();
  EXPECT_NE(own.content().find("Totaal;;;x;x;x;x;x;x;x;x;x;x;x\r\n"), std::string::npos);
  in::ReportFile pdf, svg;
  ASSERT_TRUE(report(wierden, "", "2026-H1", in::REPORT_FORMAT_PDF, &pdf).ok());
  EXPECT_EQ(pdf.content().substr(0, 5), "%PDF-");
  EXPECT_EQ(pdf.content_type(), "application/pdf");
  ASSERT_TRUE(report(wierden, "", "2026-K1", in::REPORT_FORMAT_SVG, &svg).ok());
  EXPECT_EQ(svg.content().substr(0, 4), "<svg");
  EXPECT_EQ(svg.content().find("984,50"), std::string::npos);  // a small row's money
  EXPECT_EQ(report(wierden, "0153", "2026-K1", in::REPORT_FORMAT_CSV, &own).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(testing::ViolationFields(report(manager_, "", "2026-H3", in::REPORT_FORMAT_CSV, &own)),
            std::vector<std::string>{"period"});
  EXPECT_EQ(testing::ViolationFields(
                report(manager_, "", "2026-K1", in::REPORT_FORMAT_UNSPECIFIED, &own)),
            std::vector<std::string>{"format"});
}

TEST(InsightWithoutKey, ImportsAreRefusedReadsWork) {
  testing::TestDatabase db("insight_no_key");
  const char* before = std::getenv("OZJT_INSIGHT_KEY_FILE");
  const std::string kept = before ? before : "";
  setenv("OZJT_INSIGHT_KEY_FILE", "", 1);
  TestServer server(db.conninfo());
  if (before) setenv("OZJT_INSIGHT_KEY_FILE", kept.c_str(), 1);
  auto stub = in::InsightService::NewStub(server.Channel());
  const std::string token = server.Token(Role::kOzjtContractManager, "");
  in::ImportMessagesResponse r;
  auto ctx = TestServer::Context(token);
  auto writer = stub->ImportMessages(ctx.get(), &r);
  in::ImportMessagesRequest chunk;
  chunk.set_file_name("a.xml");
  chunk.set_data(WorkedExample()[0].xml);
  writer->Write(chunk);
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(testing::DutchMessage(s).find("OZJT_INSIGHT_KEY_FILE"), std::string::npos);
  EXPECT_EQ(db.Query("SELECT count(*) FROM insight.message"), "0");
  in::GetQuarterFiguresRequest q;
  q.set_quarter("2026-K1");
  in::QuarterFigures out;
  EXPECT_TRUE(stub->GetQuarterFigures(TestServer::Context(token).get(), q, &out).ok());
}

}  // namespace
}  // namespace ozjt
