// The account-holding-region service end to end (servers see 2026-11-25).
#include <gtest/gtest.h>

#include <atomic>

#include "ozjt/accountregion/v1/accountregion.grpc.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ar = accountregion::v1;
namespace reg = registry::v1;
namespace ct = contracts::v1;
using platform::Role;
using testing::TestServer;
using testing::ViolationFields;

google::type::Date D(int y, int m, int d) { return testing::Date(y, m, d); }

class AccountRegionTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    stub_ = ar::AccountRegionService::NewStub(server_->Channel());
  }

  // A provider active in `municipality` with 2025 turnover in two regions.
  std::string Provider(const std::string& name, int64_t twente, int64_t other,
                       const std::string& municipality = "0153",
                       const char* other_region = "DRENTHE") {
    static std::atomic<int> n{0};
    auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
    reg::CreateProviderRequest req;
    auto* p = req.mutable_provider();
    p->set_display_name(name);
    p->set_kvk_number(std::to_string(20000000 + n++));
    p->set_legal_form(reg::LEGAL_FORM_STICHTING);
    p->add_laws(reg::LAW_JEUGDWET);
    p->add_municipality_codes(municipality);
    p->set_tier(reg::TIER_STRATEGIC);
    auto* t = p->add_turnover();
    t->set_year(2025);
    t->set_total_cents(twente + other);
    auto* r1 = t->add_per_region();
    r1->set_region_code("TWENTE");
    r1->set_amount_cents(twente);
    auto* r2 = t->add_per_region();
    r2->set_region_code(other_region);
    r2->set_amount_cents(other);
    reg::Provider out;
    EXPECT_TRUE(stub->CreateProvider(TestServer::Context(manager_).get(), req, &out).ok());
    return out.name();
  }

  ar::AccountRegion Region(const std::string& provider, const std::string& token = "") {
    ar::GetAccountRegionRequest q;
    q.set_provider(provider);
    ar::AccountRegion out;
    grpc::Status s = stub_->GetAccountRegion(
        TestServer::Context(token.empty() ? manager_ : token).get(), q, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::string manager_;
  std::unique_ptr<ar::AccountRegionService::Stub> stub_;
};

TEST_F(AccountRegionTest, DerivedRegionAndAssignmentOverride) {
  const std::string p = Provider("Regio Test (fictief)", 300'000'000, 100'000'000);
  ar::AccountRegion r = Region(p);
  EXPECT_EQ(r.derived_region_code(), "TWENTE");
  EXPECT_EQ(r.derived_from_year(), 2025);
  EXPECT_EQ(r.region_code(), "TWENTE");
  EXPECT_EQ(r.basis(), "derived");
  EXPECT_TRUE(r.monitored());  // EUR 4M > EUR 2M
  ar::ListPortfolioResponse portfolio;
  ASSERT_TRUE(stub_->ListPortfolio(TestServer::Context(manager_).get(), {}, &portfolio).ok());
  bool found = false;
  for (const auto& a : portfolio.providers()) found |= a.provider() == p;
  EXPECT_TRUE(found);

  ar::CreateAssignmentRequest assign;
  auto* a = assign.mutable_assignment();
  a->set_provider(p);
  a->set_region_code("DRENTHE");
  a->set_basis(ar::ASSIGNMENT_BASIS_AGREED);
  *a->mutable_valid_from() = D(2026, 1, 1);
  ar::Assignment out;
  ASSERT_TRUE(stub_->CreateAssignment(TestServer::Context(manager_).get(), assign, &out).ok());
  r = Region(p);
  EXPECT_EQ(r.region_code(), "DRENTHE");
  EXPECT_EQ(r.basis(), "assignment");
  EXPECT_EQ(r.derived_region_code(), "TWENTE");  // both visible
  ASSERT_TRUE(stub_->ListPortfolio(TestServer::Context(manager_).get(), {}, &portfolio).ok());
  for (const auto& x : portfolio.providers()) EXPECT_NE(x.provider(), p);

  a->set_region_code("ATLANTIS");
  a->set_basis(ar::ASSIGNMENT_BASIS_UNSPECIFIED);
  EXPECT_EQ(
      ViolationFields(stub_->CreateAssignment(TestServer::Context(manager_).get(), assign, &out)),
      (std::vector<std::string>{"assignment.region_code", "assignment.basis"}));
}

TEST_F(AccountRegionTest, TiesWithoutHistoryGoToTheFirstRegionCode) {
  const std::string p = Provider("Gelijkspel (fictief)", 100, 100, "0153", "ACHTERHOEK");
  EXPECT_EQ(Region(p).derived_region_code(), "ACHTERHOEK");  // alphabetical without history
}

TEST_F(AccountRegionTest, StatementsRatiosAndEarlyWarnings) {
  const std::string p = Provider("Verlieslijder (fictief)", 300'000'000, 100'000'000);
  const int64_t results[] = {-1000, -2000, -3000};
  for (int i = 0; i < 3; ++i) {
    ar::CreateFinancialStatementRequest req;
    auto* s = req.mutable_statement();
    s->set_provider(p);
    s->set_period(std::to_string(2023 + i));
    s->set_equity_cents(500);
    s->set_total_assets_cents(10000);
    s->set_current_assets_cents(2900);
    s->set_current_liabilities_cents(10000);
    s->set_revenue_cents(100000);
    s->set_net_result_cents(results[i]);
    ar::FinancialStatement out;
    ASSERT_TRUE(
        stub_->CreateFinancialStatement(TestServer::Context(manager_).get(), req, &out).ok());
    EXPECT_EQ(out.solvency().percent(), "5.00");
    EXPECT_EQ(out.solvency().class_(), ar::RATIO_CLASS_WEAK);
    EXPECT_EQ(out.current_ratio().class_(), ar::RATIO_CLASS_WORST);  // 29% < 30%
    if (i == 2) {
      EXPECT_EQ(stub_->CreateFinancialStatement(TestServer::Context(manager_).get(), req, &out)
                    .error_code(),
                grpc::StatusCode::ALREADY_EXISTS);
      s->set_period("2027");
      EXPECT_EQ(ViolationFields(stub_->CreateFinancialStatement(TestServer::Context(manager_).get(),
                                                                req, &out)),
                std::vector<std::string>{"statement.period"});
      s->set_period("2026-Q1");
      s->set_current_assets_cents(20000);
      EXPECT_EQ(ViolationFields(stub_->CreateFinancialStatement(TestServer::Context(manager_).get(),
                                                                req, &out)),
                std::vector<std::string>{"statement.current_assets_cents"});
    }
  }
  ar::ListEarlyWarningsResponse warnings;
  ASSERT_TRUE(stub_->ListEarlyWarnings(TestServer::Context(manager_).get(), {}, &warnings).ok());
  const ar::EarlyWarning* mine = nullptr;
  for (const auto& w : warnings.warnings()) {
    if (w.provider().provider() == p) mine = &w;
  }
  ASSERT_NE(mine, nullptr);
  // Current ratio 29% and profitability -3% in the worst class (5 each), three years of losses (5).
  EXPECT_EQ(mine->score(), 15);
  bool losses = false;
  for (const auto& reason : mine->reasons()) losses |= reason == "Drie opeenvolgende jaren verlies";
  EXPECT_TRUE(losses);
}

TEST_F(AccountRegionTest, CaseStepsNeedTheirPrerequisitesAndShowInTheAgenda) {
  const std::string p = Provider("Zorgelijk (fictief)", 300'000'000, 100'000'000, "0168");
  ar::OpenCaseRequest open;
  open.set_provider(p);
  *open.mutable_date() = D(2026, 11, 1);
  open.set_step(3);
  ar::ContinuityCase c;
  grpc::Status refused = stub_->OpenCase(TestServer::Context(manager_).get(), open, &c);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  // In Dutch, naming the CLI flag rather than the proto field.
  EXPECT_EQ(testing::DutchMessage(refused),
            "Vanaf trede 3 (zorgelijk) moet de aanbieder een herstelplan indienen: geef de "
            "uiterste datum op met --plan-due.");
  open.set_step(1);
  ASSERT_TRUE(stub_->OpenCase(TestServer::Context(manager_).get(), open, &c).ok());
  refused = stub_->OpenCase(TestServer::Context(manager_).get(), open, &c);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(testing::DutchMessage(refused),
            "Zorgelijk (fictief) heeft al een open continuïteitscasus; zie ozjt cases list.");
  ar::MoveCaseStepRequest move;
  move.set_case_(c.name());
  move.set_step(3);
  *move.mutable_date() = D(2026, 11, 10);
  move.set_version(1);
  EXPECT_EQ(stub_->MoveCaseStep(TestServer::Context(manager_).get(), move, &c).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  *move.mutable_recovery_plan_due() = D(2026, 12, 20);
  ASSERT_TRUE(stub_->MoveCaseStep(TestServer::Context(manager_).get(), move, &c).ok());
  EXPECT_EQ(c.step(), 3);
  EXPECT_EQ(c.steps_size(), 2);
  EXPECT_EQ(stub_->MoveCaseStep(TestServer::Context(manager_).get(), move, &c).error_code(),
            grpc::StatusCode::ABORTED);  // stale version

  ar::UpdateCaseRequest update;
  update.set_case_(c.name());
  update.set_version(2);
  update.mutable_region_informed()->set_region_code("DRENTHE");
  *update.mutable_region_informed()->mutable_date() = D(2026, 11, 11);
  ASSERT_TRUE(stub_->UpdateCase(TestServer::Context(manager_).get(), update, &c).ok());
  EXPECT_EQ(c.regions_informed_size(), 1);
  update.mutable_action()->set_text("Herstelplan besproken");
  *update.mutable_action()->mutable_date() = D(2026, 11, 12);
  update.set_version(3);
  EXPECT_EQ(stub_->UpdateCase(TestServer::Context(manager_).get(), update, &c).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);  // two things at once
  update.clear_region_informed();
  ASSERT_TRUE(stub_->UpdateCase(TestServer::Context(manager_).get(), update, &c).ok());
  EXPECT_EQ(c.actions_size(), 1);

  // The recovery plan is due in the agenda, for OZJT, not for the municipality.
  auto contracts = ct::ContractService::NewStub(server_->Channel());
  ct::ListAgendaRequest agenda;
  agenda.add_kinds(ct::AGENDA_KIND_RECOVERY_PLAN_DUE);
  ct::ListAgendaResponse items;
  ASSERT_TRUE(contracts->ListAgenda(TestServer::Context(manager_).get(), agenda, &items).ok());
  bool due = false;
  for (const auto& i : items.items()) due |= i.subject() == c.name() && i.date().day() == 20;
  EXPECT_TRUE(due);
  const std::string losser = server_->Token(Role::kGemeenteContractManager, "0168");
  ASSERT_TRUE(contracts->ListAgenda(TestServer::Context(losser).get(), agenda, &items).ok());
  EXPECT_EQ(items.items_size(), 0);

  // A municipal user sees that a case is open and its step, nothing more; never the figures.
  ar::ListCasesRequest list;
  list.set_provider(p);
  ar::ListCasesResponse cases;
  ASSERT_TRUE(stub_->ListCases(TestServer::Context(losser).get(), list, &cases).ok());
  ASSERT_EQ(cases.cases_size(), 1);
  EXPECT_EQ(cases.cases(0).step(), 3);
  EXPECT_EQ(cases.cases(0).status(), ar::CASE_STATUS_OPEN);
  EXPECT_EQ(cases.cases(0).steps_size(), 0);
  EXPECT_EQ(cases.cases(0).actions_size(), 0);
  EXPECT_EQ(cases.cases(0).regions_informed_size(), 0);
  EXPECT_FALSE(cases.cases(0).has_recovery_plan_due());
  ar::ListFinancialStatementsRequest fin;
  fin.set_provider(p);
  ar::ListFinancialStatementsResponse statements;
  EXPECT_EQ(stub_->ListFinancialStatements(TestServer::Context(losser).get(), fin, &statements)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const std::string enschede = server_->Token(Role::kGemeenteContractManager, "0153");
  EXPECT_EQ(stub_->ListCases(TestServer::Context(enschede).get(), list, &cases).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Step 6 is bankruptcy and closes the case.
  move.set_step(6);
  move.set_version(4);
  *move.mutable_date() = D(2026, 11, 24);
  ASSERT_TRUE(stub_->MoveCaseStep(TestServer::Context(manager_).get(), move, &c).ok());
  EXPECT_EQ(c.status(), ar::CASE_STATUS_BANKRUPTCY);
  EXPECT_EQ(c.closed().day(), 24);
  move.set_step(5);
  move.set_version(5);
  EXPECT_EQ(stub_->MoveCaseStep(TestServer::Context(manager_).get(), move, &c).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(AccountRegionTest, SignalsNeedSourceCategoryAndPastDates) {
  const std::string p = Provider("Signaal (fictief)", 100, 50);
  ar::CreateSignalRequest req;
  auto* s = req.mutable_signal();
  s->set_provider(p);
  *s->mutable_reported_date() = D(2026, 12, 1);
  *s->mutable_written_confirmation_date() = D(2026, 11, 1);
  ar::Signal out;
  grpc::Status bad = stub_->CreateSignal(TestServer::Context(manager_).get(), req, &out);
  EXPECT_EQ(ViolationFields(bad),
            (std::vector<std::string>{"signal.source", "signal.category", "signal.description",
                                      "signal.reported_date", "signal.written_confirmation_date"}));
  // Each in Dutch, dates as dd-mm-jjjj.
  EXPECT_EQ(testing::ViolationDescriptions(bad),
            (std::vector<std::string>{
                "Kies de bron van het signaal (bijvoorbeeld provider, accountant of supervisor).",
                "Kies het soort signaal (bijvoorbeeld liquidity of three_years_losses).",
                "Beschrijf het signaal in 1 tot 2000 tekens.",
                "De meldingsdatum 01-12-2026 ligt in de toekomst.",
                // One sentence over two lines, not a missing comma.
                // NOLINTNEXTLINE(bugprone-suspicious-missing-comma)
                "De schriftelijke bevestiging (01-11-2026) kan niet voor de melding (01-12-2026) "
                "liggen."}));
  s->set_source(ar::SIGNAL_SOURCE_ACCOUNTANT);
  s->set_category(ar::SIGNAL_CATEGORY_LIQUIDITY);
  s->set_description("Accountant meldt twijfel over continuïteit");
  *s->mutable_reported_date() = D(2026, 10, 1);
  ASSERT_TRUE(stub_->CreateSignal(TestServer::Context(manager_).get(), req, &out).ok());
  EXPECT_EQ(out.recorded_by(), "anna.ozjt");
  ar::ListSignalsRequest list;
  list.set_provider(p);
  ar::ListSignalsResponse signals;
  ASSERT_TRUE(stub_->ListSignals(TestServer::Context(manager_).get(), list, &signals).ok());
  ASSERT_EQ(signals.signals_size(), 1);
  EXPECT_EQ(signals.signals(0).category(), ar::SIGNAL_CATEGORY_LIQUIDITY);
}

TEST_F(AccountRegionTest, TurnoverImportIsAllOrNothing) {
  const std::string p = Provider("Omzetimport (fictief)", 100, 50);
  auto registry = reg::ProviderRegistry::NewStub(server_->Channel());
  reg::GetProviderRequest get;
  get.set_name(p);
  reg::Provider provider;
  ASSERT_TRUE(registry->GetProvider(TestServer::Context(manager_).get(), get, &provider).ok());
  const std::string kvk = provider.kvk_number();
  reg::ImportTurnoverRequest req;
  req.set_csv("kvk_nummer;jaar;regio;omzet_cent\n" + kvk + ";2024;TWENTE;700\n" + kvk +
              ";2024;ACHTERHOEK;900\n" + kvk + ";2024;TOTAAL;2000\n12345678;2024;TWENTE;1\n");
  reg::ImportTurnoverResponse resp;
  ASSERT_TRUE(registry->ImportTurnover(TestServer::Context(manager_).get(), req, &resp).ok());
  EXPECT_FALSE(resp.committed());
  ASSERT_EQ(resp.errors_size(), 1);
  EXPECT_EQ(resp.errors(0).line(), 5);
  EXPECT_EQ(resp.errors(0).dutch(),
            "regel 5, kolom kvk_nummer: Er is geen aanbieder met KvK-nummer 12345678; registreer "
            "die eerst (ozjt providers create of ozjt providers import).");
  ASSERT_TRUE(registry->GetProvider(TestServer::Context(manager_).get(), get, &provider).ok());
  EXPECT_EQ(provider.turnover_size(), 1);
  req.set_csv("kvk_nummer;jaar;regio;omzet_cent\n" + kvk + ";2024;TWENTE;700\n" + kvk +
              ";2024;ACHTERHOEK;900\n" + kvk + ";2024;TOTAAL;2000\n");
  ASSERT_TRUE(registry->ImportTurnover(TestServer::Context(manager_).get(), req, &resp).ok());
  EXPECT_TRUE(resp.committed());
  EXPECT_EQ(resp.providers_updated(), 1);
  ASSERT_TRUE(registry->GetProvider(TestServer::Context(manager_).get(), get, &provider).ok());
  ASSERT_EQ(provider.turnover_size(), 2);
  EXPECT_EQ(provider.turnover(0).year(), 2024);
  EXPECT_EQ(provider.turnover(0).total_cents(), 2000);
  req.set_csv("kvk_nummer;jaar;regio;omzet_cent\n" + kvk + ";2024;ATLANTIS;-5\n");
  ASSERT_TRUE(registry->ImportTurnover(TestServer::Context(manager_).get(), req, &resp).ok());
  EXPECT_EQ(resp.errors_size(), 2);  // region and amount
}

}  // namespace
}  // namespace ozjt
