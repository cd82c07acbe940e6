// The agenda and its iCalendar feed over the demo data of every service (what `ozjt-admin
// seed-demo` loads; servers see 2026-11-25): every item of every kind names a subject that
// exists and that the caller who listed it may open, and the feed says what and whom.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "ozjt/accountregion/v1/accountregion.grpc.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/insight/v1/insight.grpc.pb.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"
#include "services/accountregion/demo_data.h"
#include "services/accountregion/pg_store.h"
#include "services/contracts/demo_data.h"
#include "services/contracts/pg_store.h"
#include "services/insight/demo_data.h"
#include "services/insight/pg_store.h"
#include "services/platform/audit.h"
#include "services/platform/migrations.h"
#include "services/platform/status.h"
#include "services/registry/demo_data.h"
#include "services/registry/directory.h"
#include "services/registry/pg_store.h"
#include "services/registry/registry.h"
#include "services/screening/demo_data.h"
#include "services/screening/pg_store.h"
#include "services/supervision/demo_data.h"
#include "services/supervision/pg_store.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ct = contracts::v1;
namespace ar = accountregion::v1;
namespace sc = screening::v1;
namespace sv = supervision::v1;
using platform::Role;
using testing::TestServer;

// The demo data of every service, as `ozjt-admin seed-demo` loads it.
absl::Status LoadAllDemoData(const std::string& conninfo) {
  platform::Pool pool({conninfo, 1});
  pool.AddStatements(platform::AuditStatements());
  registry::PgProviderStore providers(pool);
  OZJT_ASSIGN_OR_RETURN(auto refs, providers.LoadReferenceCodes(platform::NoDeadline()));
  registry::Registry reg(providers, refs);
  platform::RequestInfo r;
  r.caller = {"system:demo-seed", Role::kAdmin, ""};
  r.method = "agenda test";
  r.request_id = "seed-demo";
  r.today = absl::CivilDay(2026, 11, 25);
  OZJT_RETURN_IF_ERROR(reg.AddMissing(r, registry::DemoProviders()).status());
  std::unique_ptr<registry::Directory> directory = registry::MakeDirectory(pool);
  contracts::PgContractStore contract_store(pool);
  OZJT_RETURN_IF_ERROR(contracts::LoadDemoContracts(r, contract_store, *directory).status());
  accountregion::PgAccountRegionStore region_store(pool);
  OZJT_RETURN_IF_ERROR(accountregion::LoadDemoContinuity(r, region_store, *directory).status());
  screening::PgScreeningStore screening_store(pool);
  OZJT_RETURN_IF_ERROR(screening::LoadDemoScreening(r, screening_store, *directory).status());
  supervision::PgSupervisionStore supervision_store(pool);
  OZJT_RETURN_IF_ERROR(supervision::LoadDemoSupervision(r, supervision_store, *directory).status());
  insight::PgInsightStore insight_store(pool);
  OZJT_RETURN_IF_ERROR(insight::LoadDemoCeilings(r, insight_store).status());
  return absl::OkStatus();
}

struct Caller {
  std::string label;
  Role role;
  std::string municipality;
};

// Every role that reads the agenda; supervision items go to OZJT roles and supervisors,
// evidence requests to screening officers and auditors.
const std::vector<Caller>& Callers() {
  static const std::vector<Caller> kCallers = {
      {"OZJT-contractmanager", Role::kOzjtContractManager, ""},
      {"toezichthouder", Role::kToezichthouder, ""},
      {"contractmanager Enschede", Role::kGemeenteContractManager, "0153"},
      {"contractmanager Hengelo", Role::kGemeenteContractManager, "0164"},
      {"screeningsfunctionaris", Role::kScreeningOfficer, ""},
      {"auditor", Role::kAuditor, ""},
      {"beheerder", Role::kAdmin, ""},
  };
  return kCallers;
}

// "investigations/5/plans/1" -> {"investigations", "5", "plans", "1"}.
std::vector<std::string> Parts(const std::string& name) { return absl::StrSplit(name, '/'); }

// iCalendar content lines, unfolded (RFC 5545 3.1) and unescaped enough to compare.
std::vector<std::string> Unfolded(const std::string& ics) {
  std::vector<std::string> out;
  for (absl::string_view line : absl::StrSplit(ics, "\r\n")) {
    if (!line.empty() && line[0] == ' ' && !out.empty()) {
      out.back() += std::string(line.substr(1));
    } else {
      out.emplace_back(line);
    }
  }
  return out;
}

class AgendaTest : public testing::ServerSuite {
 protected:
  static void SetUpTestSuite() {
    ServerSuite::SetUpTestSuite();
    loaded_ = new absl::Status(LoadAllDemoData(db_->conninfo()));
    if (loaded_->ok()) *loaded_ = AddLineBelowFloor();
  }
  static void TearDownTestSuite() {
    delete loaded_;
    loaded_ = nullptr;
    ServerSuite::TearDownTestSuite();
  }

  // The demo has no tariff below its floor in the coming year: the OZJT contract manager adds
  // one to HO-2023 (a 2027 floor for a product and a 2027 line under it).
  static absl::Status AddLineBelowFloor() {
    auto contracts = ct::ContractService::NewStub(server_->Channel());
    auto tariffs = ct::TariffService::NewStub(server_->Channel());
    const std::string manager = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    ct::ListContractsRequest find;
    find.mutable_filter()->set_text("HO-2023");
    ct::ListContractsResponse found;
    grpc::Status s = contracts->ListContracts(TestServer::Context(manager).get(), find, &found);
    std::string ho;
    for (const auto& c : found.contracts()) {
      if (c.reference() == "HO-2023") ho = c.name();
    }
    if (!s.ok() || ho.empty()) return absl::NotFoundError("no HO-2023");
    ct::CreateTariffFloorRequest floor;
    floor.mutable_floor()->set_product_category("01");
    floor.mutable_floor()->set_product_code("01HH3");
    floor.mutable_floor()->set_year(2027);
    floor.mutable_floor()->set_floor_cents(3600);
    ct::TariffFloor f;
    s = tariffs->CreateTariffFloor(TestServer::Context(manager).get(), floor, &f);
    if (!s.ok()) return absl::InternalError(s.error_message());
    ct::CreateTariffLineRequest line;
    auto* l = line.mutable_line();
    l->set_contract(ho);
    l->set_law(ct::TARIFF_LAW_WMO);
    l->set_variant(ct::VARIANT_INSPANNINGSGERICHT);
    l->set_product_category("01");
    l->set_product_code("01HH3");
    l->set_description("Hulp bij het huishouden, tijdelijk");
    l->set_unit("04");
    l->set_amount_cents(3500);
    *l->mutable_valid_from() = testing::Date(2027, 1, 1);
    ct::TariffLine created;
    s = tariffs->CreateTariffLine(TestServer::Context(manager).get(), line, &created);
    if (!s.ok()) return absl::InternalError(s.error_message());
    return absl::OkStatus();
  }

  void SetUp() override {
    ASSERT_TRUE(loaded_->ok()) << *loaded_;
    contracts_ = ct::ContractService::NewStub(server_->Channel());
    tariffs_ = ct::TariffService::NewStub(server_->Channel());
    supervision_ = sv::SupervisionService::NewStub(server_->Channel());
    regions_ = ar::AccountRegionService::NewStub(server_->Channel());
    screening_ = sc::ScreeningService::NewStub(server_->Channel());
  }

  std::string Token(const Caller& c) {
    return server_->Token(c.role, c.municipality, "agenda." + std::to_string(int(c.role)));
  }

  // The agenda from 01-06-2026 to 31-12-2027: today's signals and overdue items, and the
  // deadlines of the coming year.
  ct::ListAgendaResponse Agenda(const std::string& token) {
    ct::ListAgendaRequest q;
    *q.mutable_start_date() = testing::Date(2026, 6, 1);
    *q.mutable_end_date() = testing::Date(2027, 12, 31);
    ct::ListAgendaResponse out;
    grpc::Status s = contracts_->ListAgenda(TestServer::Context(token).get(), q, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  // Opens what the item names, as `token`; "" when it could be opened, else what went wrong.
  std::string Open(const std::string& token, const ct::AgendaItem& item) {
    if (!item.contract().empty()) {
      ct::GetContractRequest q;
      q.set_name(item.contract());
      ct::Contract c;
      grpc::Status s = contracts_->GetContract(TestServer::Context(token).get(), q, &c);
      if (!s.ok()) return absl::StrCat(item.contract(), ": ", s.error_message());
    }
    const std::string& subject = item.subject();
    if (subject.empty()) return item.contract().empty() ? "no contract and no subject" : "";
    const std::vector<std::string> part = Parts(subject);
    int64_t id = 0;
    if (part.size() < 2 || !absl::SimpleAtoi(part[1], &id) || id <= 0) {
      return absl::StrCat("subject ", subject, " names no existing resource");
    }
    if (part[0] == "legalSteps") {
      ct::ListLegalStepsRequest q;
      q.set_contract(item.contract());
      ct::ListLegalStepsResponse out;
      grpc::Status s = contracts_->ListLegalSteps(TestServer::Context(token).get(), q, &out);
      if (!s.ok()) return absl::StrCat(subject, ": ", s.error_message());
      for (const auto& step : out.steps()) {
        if (step.name() == subject) return "";
      }
      return absl::StrCat(subject, " is not a legal step of ", item.contract());
    }
    if (part[0] == "tariffLines") {
      ct::ListTariffLinesRequest q;
      q.set_contract(item.contract());
      ct::ListTariffLinesResponse out;
      grpc::Status s = tariffs_->ListTariffLines(TestServer::Context(token).get(), q, &out);
      if (!s.ok()) return absl::StrCat(subject, ": ", s.error_message());
      for (const auto& line : out.lines()) {
        if (line.name() == subject) return "";
      }
      return absl::StrCat(subject, " is not a tariff line of ", item.contract());
    }
    if (part[0] == "continuityCases") {
      if (item.providers_size() != 1) return absl::StrCat(subject, ": no provider");
      ar::ListCasesRequest q;
      q.set_provider(item.providers(0));
      ar::ListCasesResponse out;
      grpc::Status s = regions_->ListCases(TestServer::Context(token).get(), q, &out);
      if (!s.ok()) return absl::StrCat(subject, ": ", s.error_message());
      for (const auto& c : out.cases()) {
        if (c.name() == subject) return "";
      }
      return absl::StrCat(subject, " is not a case of ", item.providers(0));
    }
    if (part[0] == "screeningCases") {
      sc::GetCaseRequest q;
      q.set_name(subject);
      sc::ScreeningCase out;
      grpc::Status s = screening_->GetCase(TestServer::Context(token).get(), q, &out);
      if (!s.ok()) return absl::StrCat(subject, ": ", s.error_message());
      return "";
    }
    if (part[0] == "investigations") {
      sv::GetInvestigationRequest q;
      q.set_name(absl::StrCat("investigations/", id));
      sv::Investigation out;
      grpc::Status s = supervision_->GetInvestigation(TestServer::Context(token).get(), q, &out);
      if (!s.ok()) return absl::StrCat(q.name(), ": ", s.error_message());
      if (item.providers_size() != 1 || item.providers(0) != out.provider()) {
        return absl::StrCat(subject, " is not an investigation of the item's provider");
      }
      if (part.size() == 2) return "";
      int number = 0;
      if (part.size() != 4 || !absl::SimpleAtoi(part[3], &number)) {
        return absl::StrCat("subject ", subject, " is malformed");
      }
      if (part[2] == "plans") {
        for (const auto& p : out.plans()) {
          if (p.number() == number) return "";
        }
      } else if (part[2] == "findings") {
        for (const auto& f : out.findings()) {
          if (f.number() == number) return "";
        }
      }
      return absl::StrCat(subject, " is not part of ", q.name());
    }
    if (part[0] == "spendingCeilings") {  // of the item's year or the next (an early clock)
      auto insight = insight::v1::InsightService::NewStub(server_->Channel());
      for (int year : {item.date().year(), item.date().year() + 1}) {
        insight::v1::ListSpendingCeilingsRequest q;
        q.set_year(year);
        insight::v1::ListSpendingCeilingsResponse out;
        grpc::Status s = insight->ListSpendingCeilings(TestServer::Context(token).get(), q, &out);
        if (!s.ok()) return absl::StrCat(subject, ": ", s.error_message());
        for (const auto& c : out.ceilings()) {
          if (c.name() == subject) return "";
        }
      }
      return absl::StrCat(subject, " is not a ceiling the caller can list");
    }
    return absl::StrCat("subject ", subject, " of an unknown kind");
  }

  // Every item of every caller's agenda opened; returns the kinds seen.
  std::set<int> OpenEverything() {
    std::set<int> kinds;
    for (const Caller& c : Callers()) {
      const std::string token = Token(c);
      ct::ListAgendaResponse agenda = Agenda(token);
      EXPECT_GT(agenda.items_size(), 0) << c.label;
      for (const auto& item : agenda.items()) {
        kinds.insert(item.kind());
        EXPECT_EQ(Open(token, item), "")
            << c.label << ": " << ct::AgendaKind_Name(item.kind()) << " " << item.summary();
      }
    }
    return kinds;
  }

  std::string Feed(const Caller& c) {
    httplib::Client http("127.0.0.1", server_->http_port());
    auto feed = http.Get(("/agenda.ics?days=400&token=" + Token(c)).c_str());
    if (!feed || feed->status != 200) {
      ADD_FAILURE() << c.label << ": the feed did not answer 200";
      return "";
    }
    return feed->body;
  }

  static absl::Status* loaded_;
  std::unique_ptr<ct::ContractService::Stub> contracts_;
  std::unique_ptr<ct::TariffService::Stub> tariffs_;
  std::unique_ptr<sv::SupervisionService::Stub> supervision_;
  std::unique_ptr<ar::AccountRegionService::Stub> regions_;
  std::unique_ptr<sc::ScreeningService::Stub> screening_;
};

absl::Status* AgendaTest::loaded_ = nullptr;

// The defect: supervision items named "investigations/0" until the investigation was changed
// once (the id reached the stored body only on update).
TEST_F(AgendaTest, EveryItemOfEveryKindOpensAsTheCallerWhoListedIt) {
  std::set<int> kinds = OpenEverything();
  for (int k = 1; k <= ct::AgendaKind_MAX; ++k) {
    EXPECT_TRUE(kinds.count(k)) << "no " << ct::AgendaKind_Name(k) << " item in the demo agenda";
  }
}

TEST_F(AgendaTest, MunicipalUsersSeeNoSupervisionContinuityOrScreeningItems) {
  for (const Caller& c : Callers()) {
    if (c.role != Role::kGemeenteContractManager) continue;
    const ct::ListAgendaResponse agenda = Agenda(Token(c));
    for (const auto& item : agenda.items()) {
      EXPECT_FALSE(item.contract().empty()) << c.label << ": " << item.summary();
    }
  }
}

// Pages (issue 22): every caller's agenda read 3 items at a time is the agenda read whole, in
// the same order, and a page token only continues the listing it came from.
TEST_F(AgendaTest, PagesMakeUpTheWholeAgendaInItsOrder) {
  auto key = [](const ct::AgendaItem& i) {
    return absl::StrCat(i.date().year(), "-", i.date().month(), "-", i.date().day(), " ", i.kind(),
                        " ", i.contract(), " ", i.subject(), " ", i.summary());
  };
  for (const Caller& c : Callers()) {
    const std::string token = Token(c);
    const ct::ListAgendaResponse whole = Agenda(token);
    EXPECT_TRUE(whole.next_page_token().empty()) << c.label << ": more than one default page";
    ASSERT_GT(whole.items_size(), 3) << c.label;
    ct::ListAgendaRequest q;
    *q.mutable_start_date() = testing::Date(2026, 6, 1);
    *q.mutable_end_date() = testing::Date(2027, 12, 31);
    q.set_page_size(3);
    std::vector<std::string> paged;
    int pages = 0;
    do {
      ct::ListAgendaResponse page;
      grpc::Status s = contracts_->ListAgenda(TestServer::Context(token).get(), q, &page);
      ASSERT_TRUE(s.ok()) << c.label << ": " << s.error_message();
      EXPECT_LE(page.items_size(), 3);
      // Every page names the window it lists and the service's today (the overdue line).
      EXPECT_EQ(testing::DayText(page.start_date()), "2026-06-01");
      EXPECT_EQ(testing::DayText(page.end_date()), "2027-12-31");
      EXPECT_EQ(testing::DayText(page.today()), "2026-11-25");
      for (const auto& i : page.items()) paged.push_back(key(i));
      q.set_page_token(page.next_page_token());
      ASSERT_LT(++pages, 1000);
    } while (!q.page_token().empty());
    std::vector<std::string> expected;
    for (const auto& i : whole.items()) expected.push_back(key(i));
    EXPECT_EQ(paged, expected) << c.label;
    EXPECT_EQ(pages, (whole.items_size() + 2) / 3) << c.label;
  }
  const std::string token = Token(Callers()[0]);
  ct::ListAgendaRequest q;
  *q.mutable_end_date() = testing::Date(2027, 12, 31);
  q.set_page_size(1);
  ct::ListAgendaResponse first;
  ASSERT_TRUE(contracts_->ListAgenda(TestServer::Context(token).get(), q, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  // No start date: the window starts on the service's today.
  EXPECT_EQ(testing::DayText(first.start_date()), "2026-11-25");
  EXPECT_EQ(testing::DayText(first.today()), "2026-11-25");
  ct::ListAgendaResponse whole_default;
  ASSERT_TRUE(
      contracts_
          ->ListAgenda(TestServer::Context(token).get(), ct::ListAgendaRequest(), &whole_default)
          .ok());
  EXPECT_EQ(testing::DayText(whole_default.end_date()), "2027-05-24");  // 180 days on
  // The token with other filters, and a negative page size: INVALID_ARGUMENT on the field.
  q.set_page_token(first.next_page_token());
  q.set_municipality_code("0153");
  auto ctx = TestServer::Context(token);
  ct::ListAgendaResponse out;
  grpc::Status s = contracts_->ListAgenda(ctx.get(), q, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"page_token"});
  q.clear_page_token();
  q.set_page_size(-1);
  s = contracts_->ListAgenda(TestServer::Context(token).get(), q, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"page_size"});
}

// What the stored bodies said before migration 0011 ("id": 0) no longer reaches the agenda,
// and the migration puts the right id in them.
TEST_F(AgendaTest, BodiesStoredWithoutTheirIdAreReadAndRepaired) {
  db_->Exec("UPDATE supervision.investigation SET body = jsonb_set(body, '{id}', '0')");
  std::set<int> kinds = OpenEverything();
  EXPECT_TRUE(kinds.count(ct::AGENDA_KIND_SUPERVISION_ACTION));
  const platform::Migration* repair = nullptr;
  for (const auto& m : platform::AllMigrations()) {
    if (absl::StrContains(m.name, "investigation_body_id")) repair = &m;
  }
  ASSERT_NE(repair, nullptr);
  db_->Exec(repair->sql);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM supervision.investigation "
                       "WHERE (body->>'id')::bigint <> id"),
            "0");
  EXPECT_NE(db_->Query("SELECT count(*) FROM supervision.investigation"), "0");
}

// The feed: every SUMMARY says what before its colon and what and whom after it, no two
// events read the same, and nothing names a contract or investigation 0.
TEST_F(AgendaTest, FeedSummariesSayWhatAndWhomAndDiffer) {
  for (const Caller& c : Callers()) {
    const std::string ics = Feed(c);
    EXPECT_EQ(ics.find("contracts/0"), std::string::npos) << c.label;
    EXPECT_EQ(ics.find("investigations/0"), std::string::npos) << c.label;
    std::map<std::string, int> summaries;
    std::set<std::string> uids;
    for (const std::string& line : Unfolded(ics)) {
      if (absl::StartsWith(line, "UID:")) {
        EXPECT_TRUE(uids.insert(line).second) << c.label << ": twice " << line;
      }
      if (!absl::StartsWith(line, "SUMMARY:")) continue;
      const std::string summary = line.substr(8);
      const size_t colon = summary.find(": ");
      ASSERT_NE(colon, std::string::npos) << c.label << ": " << summary;
      EXPECT_GT(colon, 0u) << c.label << ": nothing before the colon in " << summary;
      EXPECT_GT(summary.size(), colon + 2) << summary;
      ++summaries[summary];
    }
    EXPECT_FALSE(summaries.empty()) << c.label;
    for (const auto& [summary, n] : summaries) {
      EXPECT_EQ(n, 1) << c.label << ": " << n << " events read \"" << summary << "\"";
    }
  }
  // Errors in Dutch for the person subscribing (the English after it for operators).
  httplib::Client http("127.0.0.1", server_->http_port());
  auto bad = http.Get(("/agenda.ics?days=0&token=" + Token(Callers()[0])).c_str());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(bad->body.rfind("Het aantal dagen (days) moet een geheel getal", 0), 0u) << bad->body;
  auto anonymous = http.Get("/agenda.ics");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(anonymous->body.rfind("Deze agenda vraagt een geldig", 0), 0u) << anonymous->body;
  // The supervisor's feed names the providers and the investigations.
  const std::string ics = Feed(Callers()[1]);
  if (getenv("OZJT_AGENDA_TEST_PRINT")) std::cout << ics;
  EXPECT_NE(ics.find("SUMMARY:Toezicht: "), std::string::npos) << ics;
  EXPECT_NE(ics.find("Jaarlijkse inspectie dossiervoering"), std::string::npos);
}

// Doelgroepenvervoer on the demo data: the framework DGV-2023 keeps its norms per lot. Its
// breaches are its lots' (lot 2 missed four norms in 2026-Q3), each naming the lot; measurements
// are newest first by the end of their period; a percentage norm is a minimum.
TEST_F(AgendaTest, VervoerFrameworkShowsItsLotsBreachesNewestFirst) {
  auto vervoer = ct::VervoerService::NewStub(server_->Channel());
  const std::string manager = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
  std::map<std::string, std::string> names;  // reference -> name
  ct::ListContractsRequest find;
  find.mutable_filter()->set_text("DGV-2023");
  ct::ListContractsResponse found;
  ASSERT_TRUE(contracts_->ListContracts(TestServer::Context(manager).get(), find, &found).ok());
  for (const auto& c : found.contracts()) names[c.reference()] = c.name();
  ASSERT_TRUE(names.count("DGV-2023") && names.count("DGV-2023-P2") && names.count("DGV-2023-P1"));

  ct::ListKpiBreachesRequest b;
  b.set_contract(names["DGV-2023"]);
  b.set_period("2026-Q3");
  ct::ListKpiBreachesResponse breaches;
  ASSERT_TRUE(vervoer->ListKpiBreaches(TestServer::Context(manager).get(), b, &breaches).ok());
  EXPECT_EQ(breaches.breaches_size(), 4);  // was 0: "Alle normen gehaald"
  for (const auto& x : breaches.breaches()) {
    EXPECT_EQ(x.measurement().contract(), names["DGV-2023-P2"]);
    EXPECT_EQ(x.contract_reference(), "DGV-2023-P2");
    EXPECT_EQ(x.contract_title(), "Perceel 2: Wmo- en jeugdvervoer");
  }
  // Enschede takes part in the vervoer contracts: the same four.
  const std::string enschede = Token(Callers()[2]);
  ASSERT_TRUE(vervoer->ListKpiBreaches(TestServer::Context(enschede).get(), b, &breaches).ok());
  EXPECT_EQ(breaches.breaches_size(), 4);
  // The lot itself still lists its own.
  b.set_contract(names["DGV-2023-P2"]);
  ASSERT_TRUE(vervoer->ListKpiBreaches(TestServer::Context(manager).get(), b, &breaches).ok());
  EXPECT_EQ(breaches.breaches_size(), 4);

  // A month after the quarter: listed first (it sorted below "2026-Q3" as text).
  ct::RecordKpiMeasurementRequest m;
  m.mutable_measurement()->set_contract(names["DGV-2023-P1"]);
  m.mutable_measurement()->set_period("2026-10");
  m.mutable_measurement()->set_kind(ct::KPI_KIND_PUNCTUALITY);
  m.mutable_measurement()->set_value("96.20");
  m.mutable_measurement()->set_source(ct::MEASUREMENT_SOURCE_MONITORING);
  ct::KpiMeasurement recorded;
  ASSERT_TRUE(vervoer->RecordKpiMeasurement(TestServer::Context(manager).get(), m, &recorded).ok());
  ct::ListKpiMeasurementsRequest lm;
  lm.set_contract(names["DGV-2023-P1"]);
  ct::ListKpiMeasurementsResponse listed;
  ASSERT_TRUE(vervoer->ListKpiMeasurements(TestServer::Context(manager).get(), lm, &listed).ok());
  ASSERT_EQ(listed.measurements_size(), 6);
  EXPECT_EQ(listed.measurements(0).period(), "2026-10");
  EXPECT_EQ(listed.measurements(1).period(), "2026-Q3");

  // Ride time is the share of rides within the maximum ride time: its norm is a minimum.
  ct::ListKpiDefinitionsRequest ld;
  ld.set_contract(names["DGV-2023-P1"]);
  ct::ListKpiDefinitionsResponse defs;
  ASSERT_TRUE(vervoer->ListKpiDefinitions(TestServer::Context(manager).get(), ld, &defs).ok());
  bool ride_time = false;
  for (const auto& d : defs.definitions()) {
    if (d.kind() != ct::KPI_KIND_RIDE_TIME) continue;
    ride_time = true;
    EXPECT_EQ(d.direction(), ct::NORM_DIRECTION_AT_LEAST);
    EXPECT_EQ(d.norm(), "98.00");
  }
  EXPECT_TRUE(ride_time);
  ct::SetKpiDefinitionRequest def;
  def.mutable_definition()->set_contract(names["DGV-2023-P1"]);
  def.mutable_definition()->set_kind(ct::KPI_KIND_RIDE_TIME);
  def.mutable_definition()->set_norm("90.00");
  def.mutable_definition()->set_direction(ct::NORM_DIRECTION_AT_MOST);
  ct::KpiDefinition d;
  grpc::Status s = vervoer->SetKpiDefinition(TestServer::Context(manager).get(), def, &d);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(s), std::vector<std::string>{"definition.direction"});
  EXPECT_EQ(testing::ViolationDescriptions(s),
            std::vector<std::string>{
                "De norm voor reistijd (% ritten binnen de maximale reistijd) is een minimum."});
}

}  // namespace
}  // namespace ozjt
