// The supervision service end to end (servers see 2026-11-25): a supervisor's investigation
// with findings and a plan, escalation signals and the agenda, reviews from contract
// mutations exactly once, municipal requests and their scope, read logging and reports.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <thread>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace sv = supervision::v1;
namespace reg = registry::v1;
namespace ct = contracts::v1;
using platform::Role;
using testing::TestServer;
using testing::ViolationFields;

google::type::Date D(int y, int m, int d) { return testing::Date(y, m, d); }

class SupervisionTest : public testing::ServerSuite {
 protected:
  static void SetUpTestSuite() {
    // The tests sync contract mutations themselves; no background sync in between.
    setenv("OZJT_SUPERVISION_SYNC_SECONDS", "0", 1);
    ServerSuite::SetUpTestSuite();
  }

  void SetUp() override {
    supervisor_ = server_->Token(Role::kToezichthouder, "", "tom.toezicht");
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    enschede_ = server_->Token(Role::kGemeenteContractManager, "0153", "e.jansen");
    hengelo_ = server_->Token(Role::kGemeenteContractManager, "0164", "h.smit");
    stub_ = sv::SupervisionService::NewStub(server_->Channel());
    contracts_ = ct::ContractService::NewStub(server_->Channel());
  }

  std::string Provider(const std::string& municipality = "0153") {
    static std::atomic<int> n{0};
    auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
    reg::CreateProviderRequest req;
    auto* p = req.mutable_provider();
    p->set_display_name("Toezicht " + std::to_string(n) + " (fictief)");
    p->set_kvk_number(std::to_string(50000000 + n++));
    p->set_legal_form(reg::LEGAL_FORM_STICHTING);
    p->add_laws(reg::LAW_JEUGDWET);
    p->add_municipality_codes(municipality);
    p->set_tier(reg::TIER_LOCAL);
    reg::Provider out;
    EXPECT_TRUE(stub->CreateProvider(TestServer::Context(manager_).get(), req, &out).ok());
    return out.name();
  }

  // On this test's server as its supervisor, or on `on` with `as`.
  sv::Investigation Open(const std::string& provider, sv::SupervisionService::Stub* on = nullptr,
                         const std::string& as = "") {
    sv::CreateInvestigationRequest q;
    q.mutable_investigation()->set_provider(provider);
    q.mutable_investigation()->set_kind(sv::KIND_PROACTIVE);
    q.mutable_investigation()->set_subject("Inspectie dossiervoering");
    sv::Investigation out;
    grpc::Status s =
        (on ? on : stub_.get())
            ->CreateInvestigation(TestServer::Context(on ? as : supervisor_).get(), q, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Finding(const std::string& inv, sv::Severity severity, sv::Investigation* out,
                       google::type::Date date = D(2026, 11, 10),
                       sv::SupervisionService::Stub* on = nullptr, const std::string& as = "") {
    sv::CreateFindingRequest q;
    q.set_investigation(inv);
    auto* f = q.mutable_finding();
    f->set_requirement_kind(sv::REQUIREMENT_KIND_TENDER_REQUIREMENT);
    f->set_requirement_reference("Bestek 4.2.1");
    f->set_requirement_text("Elke jeugdige heeft een actueel hulpverleningsplan");
    f->set_observed("Drie van tien dossiers zonder actueel plan; naam jeugdige J.");
    f->set_severity(severity);
    f->add_evidence("Dossiers 12, 14, 19");
    *f->mutable_date() = date;
    return (on ? on : stub_.get())
        ->CreateFinding(TestServer::Context(on ? as : supervisor_).get(), q, out);
  }

  // Plan 1's action 1 done on 24-11-2026, then the plan closed as effective; false (and a
  // failure) when a call fails.
  bool CloseFirstPlanAsEffective(const std::string& inv, sv::Investigation* out) {
    sv::CompleteActionRequest done;
    done.set_investigation(inv);
    done.set_plan(1);
    done.set_action(1);
    *done.mutable_done_date() = D(2026, 11, 24);
    grpc::Status s = stub_->CompleteAction(TestServer::Context(supervisor_).get(), done, out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    if (!s.ok()) return false;
    sv::ClosePlanRequest close;
    close.set_investigation(inv);
    close.set_plan(1);
    close.set_verdict(sv::VERDICT_EFFECTIVE);
    close.set_verdict_text("Dossiers op orde bij herinspectie");
    s = stub_->ClosePlan(TestServer::Context(supervisor_).get(), close, out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return s.ok();
  }

  ct::ListAgendaResponse Agenda(const std::string& token, const std::string& provider) {
    ct::ListAgendaRequest q;
    q.set_provider(provider);
    ct::ListAgendaResponse out;
    grpc::Status s = contracts_->ListAgenda(TestServer::Context(token).get(), q, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::string supervisor_, manager_, enschede_, hengelo_;
  std::unique_ptr<sv::SupervisionService::Stub> stub_;
  std::unique_ptr<ct::ContractService::Stub> contracts_;
};

TEST_F(SupervisionTest, InvestigationFindingsPlanEscalationAndAgenda) {
  const std::string provider = Provider();
  sv::Investigation i = Open(provider);
  EXPECT_EQ(i.status(), sv::STATUS_PLANNED);
  EXPECT_EQ(i.supervisors(0), "tom.toezicht");
  sv::Investigation out;
  ASSERT_TRUE(Finding(i.name(), sv::SEVERITY_MAJOR, &out).ok());
  EXPECT_EQ(out.status(), sv::STATUS_IN_PROGRESS);
  ASSERT_TRUE(Finding(i.name(), sv::SEVERITY_CRITICAL, &out).ok());
  ASSERT_EQ(out.findings_size(), 2);

  // A plan for finding 1 with an action due 2026-12-10 and a re-inspection on 2027-01-15.
  sv::CreatePlanRequest plan;
  plan.set_investigation(i.name());
  plan.mutable_plan()->add_findings(1);
  auto* a = plan.mutable_plan()->add_actions();
  a->set_text("Alle dossiers actualiseren");
  a->set_owner("teamleider");
  *a->mutable_due_date() = D(2026, 12, 10);
  *plan.mutable_plan()->mutable_reinspection_date() = D(2027, 1, 15);
  ASSERT_TRUE(stub_->CreatePlan(TestServer::Context(supervisor_).get(), plan, &out).ok());
  ASSERT_EQ(out.plans_size(), 1);

  // The critical finding is a signal for the contract manager: on the provider and the agenda.
  sv::GetProviderSummaryRequest sq;
  sq.set_provider(provider);
  sv::ProviderSummary summary;
  ASSERT_TRUE(stub_->GetProviderSummary(TestServer::Context(manager_).get(), sq, &summary).ok());
  EXPECT_EQ(summary.open_critical(), 1);
  EXPECT_EQ(summary.open_major(), 1);
  EXPECT_EQ(summary.plans_open(), 1);
  ASSERT_EQ(summary.escalations_size(), 1);
  EXPECT_EQ(summary.escalations(0).subject(), i.name() + "/findings/2");
  ct::ListAgendaResponse agenda = Agenda(manager_, provider);
  std::vector<ct::AgendaKind> kinds;
  for (const auto& item : agenda.items()) kinds.push_back(item.kind());
  EXPECT_EQ(kinds, (std::vector<ct::AgendaKind>{ct::AGENDA_KIND_SUPERVISION_SIGNAL,
                                                ct::AGENDA_KIND_SUPERVISION_ACTION,
                                                ct::AGENDA_KIND_REINSPECTION}));
  EXPECT_EQ(Agenda(supervisor_, provider).items_size(), 3);
  EXPECT_EQ(Agenda(enschede_, provider).items_size(), 0);  // not for municipal users

  // An overdue action escalates once past the grace period of 14 days (due 10-12-2026: not on
  // 20-12-2026, on 2027-01-01), on servers that see those days; the critical finding on both.
  for (const auto& [today, expected] : {std::make_pair(absl::CivilDay(2026, 12, 20), 0),
                                        std::make_pair(absl::CivilDay(2027, 1, 1), 1)}) {
    TestServer later(db_->conninfo(), {}, "", "", today);
    auto late = sv::SupervisionService::NewStub(later.Channel());
    sv::ListEscalationsResponse escalations;
    ASSERT_TRUE(
        late->ListEscalations(TestServer::Context(later.Token(Role::kOzjtContractManager)).get(),
                              {}, &escalations)
            .ok());
    int for_plan = 0, for_finding = 0;
    for (const auto& e : escalations.escalations()) {
      for_plan += e.subject() == i.name() + "/plans/1";
      if (e.subject() == i.name() + "/findings/2") {
        ++for_finding;
        EXPECT_EQ(e.provider(), provider);
        EXPECT_FALSE(e.provider_name().empty());
      }
    }
    EXPECT_EQ(for_plan, expected) << today;
    EXPECT_EQ(for_finding, 1) << today;
  }

  // Done and closed as effective: finding 1 resolved, no overdue.
  ASSERT_TRUE(CloseFirstPlanAsEffective(i.name(), &out));
  EXPECT_TRUE(out.findings(0).resolved());
  EXPECT_FALSE(out.findings(1).resolved());

  // Concluding needs the conclusion; the version must be the one read.
  sv::UpdateInvestigationStatusRequest conclude;
  conclude.set_investigation(i.name());
  conclude.set_status(sv::STATUS_CONCLUDED);
  conclude.set_version(out.version());
  grpc::Status incomplete =
      stub_->UpdateInvestigationStatus(TestServer::Context(supervisor_).get(), conclude, &out);
  EXPECT_EQ(ViolationFields(incomplete),
            (std::vector<std::string>{"conclusion", "conclusion_summary", "report_reference"}));
  // In Dutch for the person, naming what to fill in (not the field).
  EXPECT_EQ(
      testing::ViolationDescriptions(incomplete),
      (std::vector<std::string>{"Vul de conclusie in.", "Vul de samenvatting voor de gemeente in.",
                                "Vul de verwijzing naar het rapport in."}));
  conclude.set_conclusion("Dossiervoering verbeterd; kritieke bevinding blijft open");
  conclude.set_conclusion_summary("Afgerond");
  conclude.set_report_reference("RAP-2026-041");
  conclude.set_version(1);
  grpc::Status stale =
      stub_->UpdateInvestigationStatus(TestServer::Context(supervisor_).get(), conclude, &out);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(testing::DutchMessage(stale).rfind("Het onderzoek ‘Inspectie dossiervoering’ is "
                                               "intussen gewijzigd",
                                               0),
            0u)
      << testing::DutchMessage(stale);
  sv::GetInvestigationRequest get;
  get.set_name(i.name());
  ASSERT_TRUE(stub_->GetInvestigation(TestServer::Context(supervisor_).get(), get, &out).ok());
  conclude.set_version(out.version());
  ASSERT_TRUE(
      stub_->UpdateInvestigationStatus(TestServer::Context(supervisor_).get(), conclude, &out)
          .ok());
  EXPECT_EQ(out.status(), sv::STATUS_CONCLUDED);
  grpc::Status concluded = Finding(i.name(), sv::SEVERITY_MINOR, &out);
  EXPECT_EQ(concluded.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::DutchMessage(concluded),
            "Het onderzoek ‘Inspectie dossiervoering’ is afgerond en verandert niet meer; open "
            "een nieuw onderzoek met ozjt supervision open.");
}

// A finding is a row of its own (migration 0019): adding one writes that row, moves the
// investigation's version and writes one audit record, and leaves the stored body as it was;
// closing a plan resolves the rows of its findings, and an unresolved critical finding keeps
// signalling from its row, also after the investigation is concluded.
TEST_F(SupervisionTest, AFindingIsARowOfItsOwnAndTheBodyStaysAsItWas) {
  const std::string provider = Provider();
  sv::Investigation i = Open(provider);
  const std::string id = i.name().substr(std::string("investigations/").size());
  const std::string row = " FROM supervision.investigation WHERE id = " + id;
  const std::string records =
      " FROM audit.audit_record WHERE entity_type = 'investigation' AND entity_id = '" + id + "'";
  const std::string newest = records + " ORDER BY id DESC LIMIT 1";
  sv::Investigation out;
  // The first finding starts the investigation: its record names the fields that changed too.
  ASSERT_TRUE(Finding(i.name(), sv::SEVERITY_MAJOR, &out).ok());
  EXPECT_EQ(out.status(), sv::STATUS_IN_PROGRESS);
  EXPECT_EQ(db_->Query("SELECT before_json->>'status'" + newest), "planned");
  EXPECT_EQ(db_->Query("SELECT after_json->>'status'" + newest), "in_progress");
  EXPECT_EQ(db_->Query("SELECT after_json->'finding'->>'number'" + newest), "1");

  const std::string body = db_->Query("SELECT body::text" + row);
  const std::string version = db_->Query("SELECT version" + row);
  const std::string count = db_->Query("SELECT count(*)" + records);
  ASSERT_TRUE(Finding(i.name(), sv::SEVERITY_CRITICAL, &out).ok());
  ASSERT_EQ(out.findings_size(), 2);
  EXPECT_EQ(out.findings(1).severity(), sv::SEVERITY_CRITICAL);
  EXPECT_EQ(out.version(), std::stoll(version) + 1);
  EXPECT_EQ(db_->Query("SELECT version" + row), std::to_string(std::stoll(version) + 1));
  EXPECT_EQ(db_->Query("SELECT body::text" + row), body);  // not rewritten
  EXPECT_EQ(db_->Query("SELECT body->'findings'" + row), "[]");
  EXPECT_EQ(db_->Query("SELECT number || ' ' || severity || ' ' || date || ' ' || resolved || ' ' "
                       "|| (body->>'observed') FROM supervision.finding WHERE investigation_id = " +
                       id + " ORDER BY number DESC LIMIT 1"),
            "2 critical 2026-11-10 false Drie van tien dossiers zonder actueel plan; naam "
            "jeugdige J.");
  // One audit record: the finding, nothing before it (an addition), no whole investigation.
  EXPECT_EQ(db_->Query("SELECT count(*)" + records), std::to_string(std::stoi(count) + 1));
  EXPECT_EQ(db_->Query("SELECT before_json IS NULL" + newest), "t");
  EXPECT_EQ(db_->Query("SELECT string_agg(k, ',') FROM (SELECT jsonb_object_keys(after_json) k" +
                       newest + ") t"),
            "finding");
  EXPECT_EQ(db_->Query("SELECT (after_json->'finding'->>'number') || ' ' || "
                       "(after_json->'finding'->>'severity')" +
                       newest),
            "2 critical");

  // Read back: the findings from their rows, in order.
  sv::GetInvestigationRequest get;
  get.set_name(i.name());
  ASSERT_TRUE(stub_->GetInvestigation(TestServer::Context(supervisor_).get(), get, &out).ok());
  ASSERT_EQ(out.findings_size(), 2);
  EXPECT_EQ(out.findings(0).severity(), sv::SEVERITY_MAJOR);
  EXPECT_EQ(out.findings(1).severity(), sv::SEVERITY_CRITICAL);

  // A plan for finding 1, done and closed as effective: its row is resolved, finding 2's not.
  sv::CreatePlanRequest plan;
  plan.set_investigation(i.name());
  plan.mutable_plan()->add_findings(1);
  auto* a = plan.mutable_plan()->add_actions();
  a->set_text("Alle dossiers actualiseren");
  a->set_owner("teamleider");
  *a->mutable_due_date() = D(2026, 12, 10);
  ASSERT_TRUE(stub_->CreatePlan(TestServer::Context(supervisor_).get(), plan, &out).ok());
  ASSERT_TRUE(CloseFirstPlanAsEffective(i.name(), &out));
  EXPECT_EQ(db_->Query("SELECT string_agg(number || ':' || resolved, ',' ORDER BY number) "
                       "FROM supervision.finding WHERE investigation_id = " +
                       id),
            "1:true,2:false");
  EXPECT_EQ(db_->Query("SELECT body->'findings'" + row), "[]");

  // Concluded, no plan open: only the critical finding's row keeps it on the agenda and in the
  // escalations.
  sv::UpdateInvestigationStatusRequest conclude;
  conclude.set_investigation(i.name());
  conclude.set_status(sv::STATUS_CONCLUDED);
  conclude.set_version(out.version());
  conclude.set_conclusion("Dossiervoering verbeterd; kritieke bevinding blijft open");
  conclude.set_conclusion_summary("Afgerond");
  conclude.set_report_reference("RAP-2026-042");
  ASSERT_TRUE(
      stub_->UpdateInvestigationStatus(TestServer::Context(supervisor_).get(), conclude, &out)
          .ok());
  EXPECT_EQ(out.findings_size(), 2);
  const std::string signal = i.name() + "/findings/2";
  auto signals = [&](const ct::ListAgendaResponse& agenda) {
    int n = 0;
    for (const auto& item : agenda.items()) {
      n += item.kind() == ct::AGENDA_KIND_SUPERVISION_SIGNAL && item.subject() == signal;
    }
    return n;
  };
  EXPECT_EQ(signals(Agenda(manager_, provider)), 1);
  // Through the providers of a municipality (the agenda's other statement).
  ct::ListAgendaRequest q;
  q.set_municipality_code("0153");
  ct::ListAgendaResponse of_municipality;
  ASSERT_TRUE(
      contracts_->ListAgenda(TestServer::Context(manager_).get(), q, &of_municipality).ok());
  EXPECT_EQ(signals(of_municipality), 1);
  sv::ListEscalationsResponse escalations;
  ASSERT_TRUE(stub_->ListEscalations(TestServer::Context(manager_).get(), {}, &escalations).ok());
  int escalated = 0;
  for (const auto& e : escalations.escalations()) escalated += e.subject() == signal;
  EXPECT_EQ(escalated, 1);
}

// Findings added at once to one investigation each get the next number: the lock is taken before
// the finding rows are read (else a waiting writer read the rows as they were before the lock
// and numbered its finding as the one committed meanwhile: ALREADY_EXISTS).
TEST_F(SupervisionTest, FindingsAddedAtOnceAreNumberedOneAfterAnother) {
  sv::Investigation i = Open(Provider());
  std::atomic<int> failed{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&] {
      for (int k = 0; k < 4; ++k) {
        sv::Investigation out;
        grpc::Status s = Finding(i.name(), sv::SEVERITY_MINOR, &out);
        if (!s.ok()) {
          ++failed;
          ADD_FAILURE() << s.error_code() << " " << s.error_message();
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(db_->Query("SELECT count(*) || ' ' || min(number) || ' ' || max(number) FROM "
                       "supervision.finding WHERE investigation_id = " +
                       i.name().substr(std::string("investigations/").size())),
            "24 1 24");
}

TEST_F(SupervisionTest, ContractMutationsBecomeReviewsExactlyOnce) {
  const std::string a = Provider(), b = Provider();
  ct::CreateContractRequest create;
  auto* c = create.mutable_contract();
  c->set_reference("TZ-MUT-1");
  c->set_title("Toezichtcontract");
  c->set_kind(ct::CONTRACT_KIND_SINGLE);
  c->set_domain(ct::CONTRACT_DOMAIN_JEUGDWET);
  c->set_family(ct::CONTRACT_FAMILY_GENERAL);
  c->add_providers(a);
  c->add_providers(b);
  auto* p = c->add_participations();
  p->set_municipality_code("0153");
  *p->mutable_valid_from() = D(2025, 1, 1);
  *c->mutable_start_date() = D(2025, 1, 1);
  *c->mutable_end_date() = D(2027, 12, 31);
  c->set_status(ct::CONTRACT_STATUS_ACTIVE);
  ct::Contract contract;
  ASSERT_TRUE(
      contracts_->CreateContract(TestServer::Context(manager_).get(), create, &contract).ok());
  // Two mutations after award.
  for (int k = 0; k < 2; ++k) {
    ct::UpdateContractRequest u;
    u.mutable_contract()->set_name(contract.name());
    u.mutable_contract()->set_version(contract.version());
    u.mutable_contract()->set_title("Toezichtcontract v" + std::to_string(k + 2));
    u.mutable_update_mask()->add_paths("title");
    ASSERT_TRUE(contracts_->UpdateContract(TestServer::Context(manager_).get(), u, &contract).ok());
  }
  const std::string id = contract.name().substr(10);
  // Four syncs at once: every event is consumed once, one review per event and provider.
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      sv::SyncContractMutationsResponse r;
      grpc::Status s = stub_->SyncContractMutations(
          TestServer::Context(server_->Token(Role::kAdmin)).get(), {}, &r);
      EXPECT_TRUE(s.ok()) << s.error_message();
      opened += r.reviews_opened();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(db_->Query("SELECT count(*) FROM supervision.investigation WHERE contract_id = " + id +
                       " AND kind = 'contract_review'"),
            "4");
  EXPECT_GE(opened.load(), 4);  // other tests' events may be in the same syncs
  EXPECT_EQ(db_->Query("SELECT count(*) FROM contracts.mutation_event WHERE contract_id = " + id +
                       " AND consumed_at IS NULL"),
            "0");
  sv::SyncContractMutationsResponse again;
  ASSERT_TRUE(
      stub_->SyncContractMutations(TestServer::Context(supervisor_).get(), {}, &again).ok());
  EXPECT_EQ(again.reviews_opened(), 0);
  sv::ListInvestigationsRequest lq;
  lq.set_provider(a);
  sv::ListInvestigationsResponse listed;
  ASSERT_TRUE(stub_->ListInvestigations(TestServer::Context(manager_).get(), lq, &listed).ok());
  ASSERT_EQ(listed.investigations_size(), 2);
  EXPECT_EQ(listed.investigations(0).kind(), sv::KIND_CONTRACT_REVIEW);
  EXPECT_EQ(listed.investigations(0).contract(), contract.name());

  // A page at a time, newest first, and by kind (the inbox asks for reviews only); a page
  // token belongs to the filters it was issued for.
  lq.set_kind(sv::KIND_CONTRACT_REVIEW);
  lq.set_page_size(1);
  sv::ListInvestigationsResponse first, second;
  ASSERT_TRUE(stub_->ListInvestigations(TestServer::Context(manager_).get(), lq, &first).ok());
  ASSERT_EQ(first.investigations_size(), 1);
  EXPECT_EQ(first.investigations(0).name(), listed.investigations(0).name());
  ASSERT_FALSE(first.next_page_token().empty());
  lq.set_page_token(first.next_page_token());
  ASSERT_TRUE(stub_->ListInvestigations(TestServer::Context(manager_).get(), lq, &second).ok());
  ASSERT_EQ(second.investigations_size(), 1);
  EXPECT_EQ(second.investigations(0).name(), listed.investigations(1).name());
  EXPECT_TRUE(second.next_page_token().empty());
  lq.set_kind(sv::KIND_CALAMITY);
  EXPECT_EQ(
      stub_->ListInvestigations(TestServer::Context(manager_).get(), lq, &second).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SupervisionTest, MunicipalRequestsAreTheirOwn) {
  const std::string here = Provider("0153"), there = Provider("0164");
  sv::RequestInvestigationRequest rq;
  rq.set_provider(here);
  rq.set_kind(sv::KIND_CALAMITY);
  rq.set_description("Ernstig incident op de groep, melding van de aanbieder ontvangen");
  *rq.mutable_incident_date() = D(2026, 11, 23);
  sv::Investigation requested;
  ASSERT_TRUE(
      stub_->RequestInvestigation(TestServer::Context(enschede_).get(), rq, &requested).ok());
  EXPECT_EQ(requested.status(), sv::STATUS_REQUESTED);
  EXPECT_EQ(requested.requesting_municipality(), "0153");
  // Never changed yet, the request is in the supervisor's agenda under its own name (it was
  // "investigations/0" until its first change: the stored body lacked the id).
  EXPECT_EQ(db_->Query("SELECT body->>'id' FROM supervision.investigation WHERE id = " +
                       requested.name().substr(requested.name().find('/') + 1)),
            requested.name().substr(requested.name().find('/') + 1));
  const ct::ListAgendaResponse fresh = Agenda(supervisor_, here);
  ASSERT_EQ(fresh.items_size(), 1);
  EXPECT_EQ(fresh.items(0).kind(), ct::AGENDA_KIND_CALAMITY_MEASURES);
  EXPECT_EQ(fresh.items(0).subject(), requested.name());
  EXPECT_NE(fresh.items(0).summary().find("Toezicht "), std::string::npos)
      << fresh.items(0).summary();  // the provider's name
  EXPECT_NE(fresh.items(0).summary().find("Calamiteit gemeld door gemeente Enschede"),
            std::string::npos)
      << fresh.items(0).summary();
  // A provider not active here: NOT_FOUND. Bad input names the field.
  rq.set_provider(there);
  sv::Investigation out;
  EXPECT_EQ(
      stub_->RequestInvestigation(TestServer::Context(enschede_).get(), rq, &out).error_code(),
      grpc::StatusCode::NOT_FOUND);
  rq.set_provider(here);
  rq.set_kind(sv::KIND_PROACTIVE);
  rq.set_description("");
  EXPECT_EQ(
      ViolationFields(stub_->RequestInvestigation(TestServer::Context(enschede_).get(), rq, &out)),
      (std::vector<std::string>{"kind", "description"}));

  // The calamity's 7-day measure deadline is in the supervisors' agenda.
  bool measures = false;
  const ct::ListAgendaResponse agenda = Agenda(supervisor_, here);
  for (const auto& item : agenda.items()) {
    measures |= item.kind() == ct::AGENDA_KIND_CALAMITY_MEASURES;
  }
  EXPECT_TRUE(measures);

  // The supervisor works on it and records a finding; Enschede follows status and summary only.
  sv::Investigation work;
  ASSERT_TRUE(Finding(requested.name(), sv::SEVERITY_MAJOR, &work).ok());
  sv::UpdateInvestigationStatusRequest conclude;
  conclude.set_investigation(requested.name());
  conclude.set_status(sv::STATUS_CONCLUDED);
  conclude.set_conclusion("Volledige analyse met bevindingen");
  conclude.set_conclusion_summary("Onderzoek afgerond; aanbieder neemt maatregelen");
  conclude.set_report_reference("RAP-2026-050");
  conclude.set_version(work.version());
  ASSERT_TRUE(
      stub_->UpdateInvestigationStatus(TestServer::Context(supervisor_).get(), conclude, &work)
          .ok());
  sv::GetInvestigationRequest get;
  get.set_name(requested.name());
  ASSERT_TRUE(stub_->GetInvestigation(TestServer::Context(enschede_).get(), get, &out).ok());
  EXPECT_EQ(out.status(), sv::STATUS_CONCLUDED);
  EXPECT_EQ(out.conclusion_summary(), "Onderzoek afgerond; aanbieder neemt maatregelen");
  EXPECT_EQ(out.findings_size(), 0);
  EXPECT_EQ(out.conclusion(), "");
  // Hengelo cannot read Enschede's request, nor list it.
  EXPECT_EQ(stub_->GetInvestigation(TestServer::Context(hengelo_).get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  sv::ListInvestigationsResponse listed;
  ASSERT_TRUE(stub_->ListInvestigations(TestServer::Context(hengelo_).get(), {}, &listed).ok());
  for (const auto& i : listed.investigations()) EXPECT_EQ(i.requesting_municipality(), "0164");
  sv::ListInvestigationsRequest other;
  other.set_requesting_municipality("0153");
  EXPECT_EQ(
      stub_->ListInvestigations(TestServer::Context(hengelo_).get(), other, &listed).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->ListInvestigations(TestServer::Context(enschede_).get(), {}, &listed).ok());
  ASSERT_GE(listed.investigations_size(), 1);
  EXPECT_EQ(listed.investigations(0).name(), requested.name());
  // A supervisor's investigation that Enschede did not request: NOT_FOUND for them.
  sv::Investigation own = Open(here);
  get.set_name(own.name());
  EXPECT_EQ(stub_->GetInvestigation(TestServer::Context(enschede_).get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Counts for a provider active here, without the signals that name findings.
  sv::GetProviderSummaryRequest sq;
  sq.set_provider(here);
  sv::ProviderSummary summary;
  ASSERT_TRUE(stub_->GetProviderSummary(TestServer::Context(enschede_).get(), sq, &summary).ok());
  EXPECT_EQ(summary.open_major(), 1);
  EXPECT_EQ(summary.escalations_size(), 0);
  sq.set_provider(there);
  EXPECT_EQ(
      stub_->GetProviderSummary(TestServer::Context(enschede_).get(), sq, &summary).error_code(),
      grpc::StatusCode::NOT_FOUND);
}

TEST_F(SupervisionTest, ReadsOfFindingDetailsAreLogged) {
  sv::Investigation i = Open(Provider());
  sv::Investigation out;
  ASSERT_TRUE(Finding(i.name(), sv::SEVERITY_MINOR, &out).ok());
  const std::string id = i.name().substr(15);
  auto reads = [&](const std::string& actor) {
    return db_->Query(
        "SELECT count(*) FROM audit.audit_record WHERE entity_type = 'finding.read' "
        "AND entity_id = '" +
        id + "' AND actor = '" + actor + "'");
  };
  sv::GetInvestigationRequest get;
  get.set_name(i.name());
  ASSERT_TRUE(stub_->GetInvestigation(TestServer::Context(manager_).get(), get, &out).ok());
  EXPECT_EQ(out.findings_size(), 1);
  EXPECT_EQ(reads("anna.ozjt"), "1");
  const std::string auditor = server_->Token(Role::kAuditor, "", "olga.audit");
  ASSERT_TRUE(stub_->GetInvestigation(TestServer::Context(auditor).get(), get, &out).ok());
  EXPECT_EQ(reads("olga.audit"), "1");
  // A list carries no finding details (and is not logged as a read of them).
  sv::ListInvestigationsResponse listed;
  ASSERT_TRUE(stub_->ListInvestigations(TestServer::Context(manager_).get(), {}, &listed).ok());
  for (const auto& x : listed.investigations()) EXPECT_EQ(x.findings_size(), 0);
  EXPECT_EQ(reads("anna.ozjt"), "1");
}

TEST_F(SupervisionTest, ThePeriodReportCountsWhatHappenedInThePeriodAndWhatStandsOpenAtItsEnd) {
  // On a server that sees 01-06-2031: nothing else in the shared database happened in May 2031.
  TestServer later(db_->conninfo(), {}, "", "", absl::CivilDay(2031, 6, 1));
  auto stub = sv::SupervisionService::NewStub(later.Channel());
  const std::string tom = later.Token(Role::kToezichthouder, "", "tom.toezicht");
  const std::string provider = Provider();
  sv::Investigation a = Open(provider, stub.get(), tom), b = Open(provider, stub.get(), tom);
  sv::Investigation out;
  ASSERT_TRUE(Finding(a.name(), sv::SEVERITY_CRITICAL, &out, D(2031, 5, 10), stub.get(), tom).ok());
  ASSERT_TRUE(Finding(a.name(), sv::SEVERITY_MINOR, &out, D(2031, 5, 11), stub.get(), tom).ok());
  ASSERT_TRUE(Finding(a.name(), sv::SEVERITY_MINOR, &out, D(2031, 4, 30), stub.get(), tom).ok());
  ASSERT_TRUE(Finding(b.name(), sv::SEVERITY_MAJOR, &out, D(2031, 5, 31), stub.get(), tom).ok());
  sv::GetPeriodReportRequest rq;
  *rq.mutable_start_date() = D(2031, 5, 1);
  *rq.mutable_end_date() = D(2031, 5, 31);
  sv::PeriodReport report;
  ASSERT_TRUE(stub->GetPeriodReport(TestServer::Context(tom).get(), rq, &report).ok());
  std::map<sv::Kind, int> opened;
  for (const auto& k : report.investigations()) opened[k.kind()] = k.opened();
  EXPECT_EQ(opened[sv::KIND_PROACTIVE], 0);  // both opened on 01-06-2031
  std::map<sv::Severity, int> findings;
  for (const auto& s : report.findings()) findings[s.severity()] = s.findings();
  EXPECT_EQ(findings[sv::SEVERITY_CRITICAL], 1);
  EXPECT_EQ(findings[sv::SEVERITY_MAJOR], 1);
  EXPECT_EQ(findings[sv::SEVERITY_MINOR], 1);  // not the one of 30 April
  EXPECT_EQ(report.escalations(), 1);          // the critical finding, unresolved on 31 May
  *rq.mutable_end_date() = D(2031, 6, 1);
  ASSERT_TRUE(stub->GetPeriodReport(TestServer::Context(tom).get(), rq, &report).ok());
  for (const auto& k : report.investigations()) opened[k.kind()] = k.opened();
  EXPECT_EQ(opened[sv::KIND_PROACTIVE], 2);
}

TEST_F(SupervisionTest, PeriodReportAndBadInput) {
  const std::string provider = Provider();
  sv::Investigation i = Open(provider);
  sv::Investigation out;
  ASSERT_TRUE(Finding(i.name(), sv::SEVERITY_OBSERVATION, &out, D(2026, 11, 20)).ok());
  sv::GetPeriodReportRequest rq;
  *rq.mutable_start_date() = D(2026, 11, 1);
  *rq.mutable_end_date() = D(2026, 11, 30);
  sv::PeriodReport report;
  ASSERT_TRUE(stub_->GetPeriodReport(TestServer::Context(manager_).get(), rq, &report).ok());
  EXPECT_GE(report.findings(0).findings(), 1);  // observations
  EXPECT_NE(report.csv().find("bevindingen;observatie;"), std::string::npos);
  EXPECT_TRUE(report.summaries_csv().empty());  // an export, when asked for
  rq.set_with_provider_summaries(true);
  ASSERT_TRUE(stub_->GetPeriodReport(TestServer::Context(manager_).get(), rq, &report).ok());
  EXPECT_NE(report.summaries_csv().find(provider + ";"), std::string::npos);
  *rq.mutable_end_date() = D(2026, 10, 1);
  EXPECT_EQ(
      ViolationFields(stub_->GetPeriodReport(TestServer::Context(manager_).get(), rq, &report)),
      std::vector<std::string>{"end_date"});

  // Bad input names the field and changes nothing.
  sv::CreateFindingRequest f;
  f.set_investigation(i.name());
  f.mutable_finding()->set_severity(sv::SEVERITY_MAJOR);
  *f.mutable_finding()->mutable_date() = D(2026, 11, 26);
  grpc::Status bad = stub_->CreateFinding(TestServer::Context(supervisor_).get(), f, &out);
  EXPECT_EQ(
      ViolationFields(bad),
      (std::vector<std::string>{"finding.requirement_kind", "finding.requirement_reference",
                                "finding.requirement_text", "finding.observed", "finding.date"}));
  const std::vector<std::string> dutch = testing::ViolationDescriptions(bad);
  ASSERT_EQ(dutch.size(), 5u);
  EXPECT_EQ(dutch[0],
            "Geef aan of de bevinding een eis uit het bestek of een wettelijke norm betreft.");
  EXPECT_EQ(dutch[4], "De datum van de bevinding (26-11-2026) ligt in de toekomst.");
  for (const auto& d : dutch) EXPECT_EQ(d.find("finding"), std::string::npos) << d;
  sv::CreatePlanRequest plan;
  plan.set_investigation(i.name());
  plan.mutable_plan()->add_findings(7);
  EXPECT_EQ(ViolationFields(stub_->CreatePlan(TestServer::Context(supervisor_).get(), plan, &out)),
            (std::vector<std::string>{"plan.findings[0]", "plan.actions"}));
  sv::CreateInvestigationRequest open;
  open.mutable_investigation()->set_provider("providers/999999");
  open.mutable_investigation()->set_kind(sv::KIND_SIGNAL);
  open.mutable_investigation()->set_subject("x");
  grpc::Status unknown =
      stub_->CreateInvestigation(TestServer::Context(supervisor_).get(), open, &out);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(testing::DutchMessage(unknown),
            "Aanbieder 999999 bestaat niet of is niet actief in uw gemeente; zoek de aanbieder "
            "op met ozjt providers list.");
  sv::GetInvestigationRequest get;
  get.set_name(i.name());
  ASSERT_TRUE(stub_->GetInvestigation(TestServer::Context(supervisor_).get(), get, &out).ok());
  EXPECT_EQ(out.findings_size(), 1);
  EXPECT_EQ(out.plans_size(), 0);
}

}  // namespace
}  // namespace ozjt
