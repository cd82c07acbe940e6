// The screening service end to end (servers see 2026-11-25): the KIT workflow from case to
// four-eyes decision, evidence exactly at its age limit, the award gate on contracts, Bibob
// reuse, hearing before refusal, framework versions, confidentiality and read logging.
#include <gtest/gtest.h>

#include <atomic>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace sc = screening::v1;
namespace reg = registry::v1;
namespace ct = contracts::v1;
using platform::Role;
using testing::TestServer;
using testing::ViolationFields;

google::type::Date D(int y, int m, int d) { return testing::Date(y, m, d); }

// The required items of KIT 2024 (migration 0006).
const char* const kKitItems[] = {"I1", "I2", "I3", "I4", "I5", "I6", "I7", "Q1", "Q2", "R1", "R2"};

class ScreeningTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    officer_a_ = server_->Token(Role::kScreeningOfficer, "", "ayse.screening");
    officer_b_ = server_->Token(Role::kScreeningOfficer, "", "bram.screening");
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    stub_ = sc::ScreeningService::NewStub(server_->Channel());
    contracts_ = ct::ContractService::NewStub(server_->Channel());
  }

  std::string Provider(const std::string& municipality = "0153") {
    static std::atomic<int> n{0};
    auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
    reg::CreateProviderRequest req;
    auto* p = req.mutable_provider();
    p->set_display_name("Screening " + std::to_string(n) + " (fictief)");
    p->set_kvk_number(std::to_string(40000000 + n++));
    p->set_legal_form(reg::LEGAL_FORM_STICHTING);
    p->add_laws(reg::LAW_JEUGDWET);
    p->add_municipality_codes(municipality);
    p->set_tier(reg::TIER_LOCAL);
    reg::Provider out;
    EXPECT_TRUE(stub->CreateProvider(TestServer::Context(manager_).get(), req, &out).ok());
    return out.name();
  }

  sc::ScreeningCase Open(const std::string& provider, const std::string& framework = "") {
    sc::CreateCaseRequest q;
    q.set_provider(provider);
    q.set_framework(framework);
    q.set_occasion(sc::OCCASION_PROCUREMENT_ROUND);
    q.set_reference("Inkoop Jeugd 2027");
    sc::ScreeningCase out;
    grpc::Status s = stub_->CreateCase(TestServer::Context(officer_a_).get(), q, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Evidence(const std::string& c, const std::string& item, google::type::Date doc,
                        sc::ScreeningCase* out = nullptr) {
    sc::RecordEvidenceRequest q;
    q.set_case_(c);
    q.mutable_evidence()->set_item_code(item);
    *q.mutable_evidence()->mutable_document_date() = doc;
    *q.mutable_evidence()->mutable_received_date() = D(2026, 11, 20);
    q.mutable_evidence()->set_reference("DMS/" + item);
    sc::ScreeningCase ignored;
    return stub_->RecordEvidence(TestServer::Context(officer_a_).get(), q, out ? out : &ignored);
  }

  grpc::Status Assess(const std::string& c, const std::string& item,
                      sc::AssessmentResult result = sc::ASSESSMENT_RESULT_MEETS) {
    sc::AssessItemRequest q;
    q.set_case_(c);
    q.mutable_assessment()->set_item_code(item);
    q.mutable_assessment()->set_result(result);
    q.mutable_assessment()->set_finding("Beoordeeld: " + item);
    sc::ScreeningCase out;
    return stub_->AssessItem(TestServer::Context(officer_a_).get(), q, &out);
  }

  // Every KIT item with evidence (the Gedragsverklaring dated `gedragsverklaring`) and
  // assessed as meeting it by officer A.
  void Complete(const std::string& c, google::type::Date gedragsverklaring) {
    for (const char* item : kKitItems) {
      ASSERT_TRUE(
          Evidence(c, item, item == std::string("I2") ? gedragsverklaring : D(2026, 10, 1)).ok());
      ASSERT_TRUE(Assess(c, item).ok());
    }
  }

  grpc::Status Decide(const std::string& c, sc::Outcome outcome, const std::string& token,
                      sc::ScreeningCase* out, std::vector<std::string> conditions = {}) {
    sc::DecideCaseRequest q;
    q.set_case_(c);
    q.set_outcome(outcome);
    q.set_reasons("Getoetst aan KIT 2024");
    for (const auto& cond : conditions) q.add_conditions(cond);
    return stub_->DecideCase(TestServer::Context(token).get(), q, out);
  }

  sc::ScreeningCase Get(const std::string& c, const std::string& token) {
    sc::GetCaseRequest q;
    q.set_name(c);
    sc::ScreeningCase out;
    EXPECT_TRUE(stub_->GetCase(TestServer::Context(token).get(), q, &out).ok());
    return out;
  }

  ct::Contract Draft(const std::string& provider, const std::string& reference) {
    ct::Contract c;
    c.set_reference(reference);
    c.set_title("Gegunde opdracht");
    c.set_kind(ct::CONTRACT_KIND_SINGLE);
    c.set_domain(ct::CONTRACT_DOMAIN_JEUGDWET);
    c.set_family(ct::CONTRACT_FAMILY_GENERAL);
    c.add_providers(provider);
    auto* p = c.add_participations();
    p->set_municipality_code("0153");
    *p->mutable_valid_from() = D(2027, 1, 1);
    *c.mutable_start_date() = D(2027, 1, 1);
    *c.mutable_end_date() = D(2029, 12, 31);
    c.set_status(ct::CONTRACT_STATUS_DRAFT);
    return c;
  }

  grpc::Status Award(const ct::Contract& c, ct::Contract* out) {
    ct::UpdateContractRequest q;
    q.mutable_contract()->set_name(c.name());
    q.mutable_contract()->set_version(c.version());
    q.mutable_contract()->set_status(ct::CONTRACT_STATUS_AWARDED);
    q.mutable_update_mask()->add_paths("status");
    return contracts_->UpdateContract(TestServer::Context(manager_).get(), q, out);
  }

  std::string officer_a_, officer_b_, manager_;
  std::unique_ptr<sc::ScreeningService::Stub> stub_;
  std::unique_ptr<ct::ContractService::Stub> contracts_;
};

TEST_F(ScreeningTest, FrameworksAreTheBarrieremodelAndKit) {
  sc::ListFrameworksResponse out;
  ASSERT_TRUE(stub_->ListFrameworks(TestServer::Context(manager_).get(), {}, &out).ok());
  ASSERT_GE(out.frameworks_size(), 2);
  EXPECT_EQ(out.frameworks(0).code(), "barrieremodel");
  EXPECT_EQ(out.frameworks(0).version(), 2018);
  const sc::Framework& kit = out.frameworks(1);
  EXPECT_EQ(kit.code(), "kit");
  EXPECT_EQ(kit.items_size(), 11);
  EXPECT_EQ(kit.items(1).title(), "Gedragsverklaring Aanbesteden");
  EXPECT_EQ(kit.items(1).max_age_months(), 24);
  EXPECT_EQ(kit.items(2).max_age_months(), 6);  // KvK extract
  EXPECT_EQ(kit.items(3).max_age_months(), 6);  // tax statement
}

TEST_F(ScreeningTest, WorkflowFourEyesDecisionAndTheAwardGate) {
  const std::string provider = Provider();
  ct::Contract created;
  ASSERT_TRUE(contracts_
                  ->CreateContract(
                      TestServer::Context(manager_).get(),
                      [&] {
                        ct::CreateContractRequest q;
                        *q.mutable_contract() = Draft(provider, "KIT-GATE-1");
                        return q;
                      }(),
                      &created)
                  .ok());
  // Not screened: the contract cannot become awarded.
  ct::Contract awarded;
  grpc::Status gated = Award(created, &awarded);
  EXPECT_EQ(gated.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(gated.error_message().find("no admitting KIT screening decision"), std::string::npos);

  sc::ScreeningCase c = Open(provider);
  EXPECT_EQ(c.framework_code(), "kit");
  EXPECT_EQ(c.status(), sc::CASE_STATUS_OPEN);
  // The evidence request is due 14 days later, in the screening officers' agenda only.
  sc::RequestEvidenceRequest rq;
  rq.set_case_(c.name());
  rq.set_item_code("I2");
  *rq.mutable_requested_date() = D(2026, 11, 20);
  sc::ScreeningCase requested;
  ASSERT_TRUE(stub_->RequestEvidence(TestServer::Context(officer_a_).get(), rq, &requested).ok());
  ASSERT_EQ(requested.evidence_requests_size(), 1);
  EXPECT_EQ(requested.evidence_requests(0).due_date().day(), 4);
  EXPECT_EQ(requested.evidence_requests(0).due_date().month(), 12);
  auto agenda = [&](const std::string& token) {
    ct::ListAgendaRequest q;
    q.set_provider(provider);
    q.add_kinds(ct::AGENDA_KIND_EVIDENCE_DUE);
    ct::ListAgendaResponse out;
    EXPECT_TRUE(contracts_->ListAgenda(TestServer::Context(token).get(), q, &out).ok());
    return out;
  };
  ct::ListAgendaResponse officer_agenda = agenda(officer_a_);
  ASSERT_EQ(officer_agenda.items_size(), 1);
  EXPECT_EQ(officer_agenda.items(0).subject(), c.name());
  EXPECT_NE(officer_agenda.items(0).summary().find("Gedragsverklaring Aanbesteden"),
            std::string::npos);
  EXPECT_EQ(agenda(manager_).items_size(), 0);

  Complete(c.name(), D(2025, 3, 1));
  // The request is fulfilled and leaves the agenda.
  EXPECT_EQ(agenda(officer_a_).items_size(), 0);
  sc::ScreeningCase decided;
  grpc::Status same = Decide(c.name(), sc::OUTCOME_ADMITTED, officer_a_, &decided);
  EXPECT_EQ(same.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(same.error_message().find("four eyes"), std::string::npos);
  EXPECT_EQ(testing::DutchMessage(same),
            "U hebt deze screening zelf beoordeeld; het besluit neemt een ander "
            "(vier-ogenprincipe).");
  ASSERT_TRUE(Decide(c.name(), sc::OUTCOME_ADMITTED, officer_b_, &decided).ok());
  EXPECT_EQ(decided.status(), sc::CASE_STATUS_DECIDED);
  ASSERT_EQ(decided.decisions_size(), 1);
  EXPECT_EQ(decided.decisions(0).decided_by(), "bram.screening");
  EXPECT_EQ(decided.decisions(0).valid_until().year(), 2028);  // 24 months

  // Now the award goes through and the decision is registered against the contract.
  ASSERT_TRUE(Award(created, &awarded).ok());
  EXPECT_EQ(awarded.status(), ct::CONTRACT_STATUS_AWARDED);
  sc::ScreeningCase after = Get(c.name(), officer_b_);
  ASSERT_EQ(after.registered_contracts_size(), 1);
  EXPECT_EQ(after.registered_contracts(0), created.name());

  // A contract created as awarded passes the same gate; one with an unscreened provider not.
  ct::CreateContractRequest direct;
  *direct.mutable_contract() = Draft(provider, "KIT-GATE-2");
  direct.mutable_contract()->set_status(ct::CONTRACT_STATUS_AWARDED);
  ct::Contract out;
  ASSERT_TRUE(contracts_->CreateContract(TestServer::Context(manager_).get(), direct, &out).ok());
  direct.mutable_contract()->set_reference("KIT-GATE-3");
  direct.mutable_contract()->add_providers(Provider());
  EXPECT_EQ(
      contracts_->CreateContract(TestServer::Context(manager_).get(), direct, &out).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM contracts.contract WHERE reference = 'KIT-GATE-3'"),
            "0");
}

// Bad input is explained in Dutch per field, naming the CLI's flags and the dates as dd-mm-jjjj.
TEST_F(ScreeningTest, BadEvidenceIsExplainedInDutchPerField) {
  sc::ScreeningCase c = Open(Provider());
  sc::RecordEvidenceRequest q;
  q.set_case_(c.name());
  q.mutable_evidence()->set_item_code("X9");
  *q.mutable_evidence()->mutable_document_date() = D(2026, 11, 27);
  *q.mutable_evidence()->mutable_received_date() = D(2026, 11, 26);
  sc::ScreeningCase out;
  grpc::Status s = stub_->RecordEvidence(TestServer::Context(officer_a_).get(), q, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(s),
            (std::vector<std::string>{"evidence.item_code", "evidence.received_date",
                                      "evidence.document_date", "evidence.reference"}));
  EXPECT_EQ(testing::ViolationDescriptions(s),
            (std::vector<std::string>{
                "Het screeningskader kit 2024 heeft geen onderdeel 'X9' (--item); de onderdelen "
                "staan bij ozjt screening frameworks.",
                "De ontvangstdatum (--received) ligt na vandaag (25-11-2026).",
                "De datum op het document (--document-date, 27-11-2026) ligt na de "
                "ontvangstdatum (--received, 26-11-2026).",
                "Het kenmerk van het bewijsstuk (--reference) is verplicht en telt hoogstens 500 "
                "tekens."}));
  // A case that does not exist names the number and how to find the right one.
  sc::GetCaseRequest get;
  get.set_name("screeningCases/999999");
  grpc::Status missing = stub_->GetCase(TestServer::Context(officer_a_).get(), get, &out);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(testing::DutchMessage(missing),
            "Er is geen screening met nummer 999999; zoek haar op met ozjt screening list.");
}

TEST_F(ScreeningTest, EvidenceExactlyAtItsAgeLimitIsValidOneDayOlderIsNot) {
  // Decision date 2026-11-25; the Gedragsverklaring Aanbesteden may be 24 months old.
  sc::ScreeningCase at_limit = Open(Provider());
  Complete(at_limit.name(), D(2024, 11, 25));
  sc::ScreeningCase view = Get(at_limit.name(), officer_a_);
  ASSERT_EQ(view.items_size(), 11);
  EXPECT_TRUE(view.items(1).evidence_valid());
  EXPECT_EQ(view.items(1).evidence_valid_until().year(), 2026);
  EXPECT_EQ(view.items(1).problem(), "");
  sc::ScreeningCase out;
  EXPECT_TRUE(Decide(at_limit.name(), sc::OUTCOME_ADMITTED, officer_b_, &out).ok());

  sc::ScreeningCase too_old = Open(Provider());
  Complete(too_old.name(), D(2024, 11, 24));
  view = Get(too_old.name(), officer_a_);
  EXPECT_FALSE(view.items(1).evidence_valid());
  EXPECT_NE(view.items(1).problem().find("ouder dan 24 maanden"), std::string::npos);
  grpc::Status s = Decide(too_old.name(), sc::OUTCOME_ADMITTED, officer_b_, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("I2"), std::string::npos);
  EXPECT_EQ(testing::DutchMessage(s).rfind(
                "Niet elk verplicht onderdeel is op 25-11-2026 in orde: I2: bewijsstuk van "
                "24-11-2024 is ouder dan 24 maanden",
                0),
            0u)
      << testing::DutchMessage(s);
  // A fresh Gedragsverklaring puts it right.
  ASSERT_TRUE(Evidence(too_old.name(), "I2", D(2026, 11, 1)).ok());
  EXPECT_TRUE(Decide(too_old.name(), sc::OUTCOME_ADMITTED, officer_b_, &out).ok());
}

// The whole checklist saved at once: all or nothing, each bad entry named by its place, against
// the version read; an item whose evidence will be too old on the planned decision date is
// flagged before the decision.
TEST_F(ScreeningTest, TheChecklistIsSavedTogetherAndCheckedOnThePlannedDecisionDate) {
  sc::ScreeningCase c = Open(Provider());
  sc::SaveChecklistRequest q;
  q.set_case_(c.name());
  q.set_version(c.version());
  for (const char* item : kKitItems) {
    auto* e = q.add_evidence();
    e->set_item_code(item);
    // The Gedragsverklaring (24 months at most) is valid through 30-11-2026.
    *e->mutable_document_date() = item == std::string("I2") ? D(2024, 11, 30) : D(2026, 10, 1);
    *e->mutable_received_date() = D(2026, 11, 20);
    e->set_reference(std::string("DMS/") + item);
    auto* a = q.add_assessments();
    a->set_item_code(item);
    a->set_result(sc::ASSESSMENT_RESULT_MEETS);
    a->set_finding(std::string("Beoordeeld: ") + item);
  }
  // Two bad entries: both named, nothing saved.
  q.mutable_evidence(3)->set_reference("");
  q.mutable_assessments(5)->set_finding("");
  sc::ScreeningCase out;
  grpc::Status bad = stub_->SaveChecklist(TestServer::Context(officer_a_).get(), q, &out);
  ASSERT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(bad),
            (std::vector<std::string>{"evidence[3].reference", "assessments[5].finding"}));
  EXPECT_EQ(Get(c.name(), officer_a_).evidence_size(), 0);
  q.mutable_evidence(3)->set_reference("DMS/I4");
  q.mutable_assessments(5)->set_finding("Beoordeeld");
  grpc::Status saved = stub_->SaveChecklist(TestServer::Context(officer_a_).get(), q, &out);
  ASSERT_TRUE(saved.ok()) << saved.error_message();
  EXPECT_EQ(out.evidence_size(), 11);
  EXPECT_EQ(out.assessments_size(), 11);
  EXPECT_EQ(out.assessments(0).assessor(), "ayse.screening");
  // The same version again: someone saved in between.
  sc::ScreeningCase ignored;
  q.set_request_id("");
  grpc::Status stale = stub_->SaveChecklist(TestServer::Context(officer_a_).get(), q, &ignored);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);

  // Today (25-11-2026) the Gedragsverklaring is valid; on a decision planned for 01-12-2026 not.
  EXPECT_TRUE(Get(c.name(), officer_a_).items(1).evidence_valid());
  sc::GetCaseRequest planned;
  planned.set_name(c.name());
  *planned.mutable_decision_date() = D(2026, 12, 1);
  sc::ScreeningCase later;
  ASSERT_TRUE(stub_->GetCase(TestServer::Context(officer_a_).get(), planned, &later).ok());
  EXPECT_FALSE(later.items(1).evidence_valid());
  EXPECT_NE(later.items(1).problem().find("ouder dan 24 maanden"), std::string::npos)
      << later.items(1).problem();
  *planned.mutable_decision_date() = D(2026, 11, 24);
  grpc::Status past = stub_->GetCase(TestServer::Context(officer_a_).get(), planned, &later);
  EXPECT_EQ(past.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(past), std::vector<std::string>{"decision_date"});
}

TEST_F(ScreeningTest, RefusalNeedsAHearingAndBibobAdviceIsReused) {
  const std::string provider = Provider();
  sc::ScreeningCase first = Open(provider);
  ASSERT_TRUE(Assess(first.name(), "I7", sc::ASSESSMENT_RESULT_DOES_NOT_MEET).ok());
  sc::ReferToBibobRequest refer;
  refer.set_case_(first.name());
  *refer.mutable_referred_date() = D(2026, 11, 2);
  refer.set_reference("LBB-2026-0042");
  sc::ScreeningCase out;
  ASSERT_TRUE(stub_->ReferToBibob(TestServer::Context(officer_a_).get(), refer, &out).ok());
  ASSERT_TRUE(Decide(first.name(), sc::OUTCOME_REFERRED_TO_BIBOB, officer_b_, &out).ok());
  EXPECT_EQ(out.status(), sc::CASE_STATUS_REFERRED_TO_BIBOB);
  EXPECT_EQ(Decide(first.name(), sc::OUTCOME_REFUSED, officer_b_, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // waits for the advice
  sc::RecordBibobAdviceRequest advice;
  advice.set_case_(first.name());
  advice.set_advice(sc::BIBOB_ADVICE_SERIOUS_RISK);
  *advice.mutable_advice_date() = D(2026, 11, 23);
  advice.set_reference("LBB-A-0042");
  ASSERT_TRUE(stub_->RecordBibobAdvice(TestServer::Context(officer_a_).get(), advice, &out).ok());
  grpc::Status no_hearing = Decide(first.name(), sc::OUTCOME_REFUSED, officer_b_, &out);
  EXPECT_EQ(no_hearing.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(no_hearing.error_message().find("hearing"), std::string::npos);
  EXPECT_EQ(testing::DutchMessage(no_hearing),
            "Een weigering vraagt eerst hoor en wederhoor van de aanbieder (ozjt screening "
            "hearing).");
  sc::RecordHearingRequest hearing;
  hearing.set_case_(first.name());
  *hearing.mutable_hearing()->mutable_date() = D(2026, 11, 24);
  hearing.mutable_hearing()->set_summary("Bestuurder betwist de bevindingen");
  ASSERT_TRUE(stub_->RecordHearing(TestServer::Context(officer_a_).get(), hearing, &out).ok());
  ASSERT_TRUE(Decide(first.name(), sc::OUTCOME_REFUSED, officer_b_, &out).ok());
  EXPECT_EQ(out.decisions(1).outcome(), sc::OUTCOME_REFUSED);

  // A new case of the same provider reuses the advice (at most 5 years old).
  sc::ScreeningCase second = Open(provider);
  sc::ReferToBibobRequest reuse;
  reuse.set_case_(second.name());
  reuse.set_reuse_advice_of(first.name());
  ASSERT_TRUE(stub_->ReferToBibob(TestServer::Context(officer_a_).get(), reuse, &out).ok());
  EXPECT_EQ(out.bibob().reused_from_case(), first.name());
  EXPECT_EQ(out.bibob().advice(), sc::BIBOB_ADVICE_SERIOUS_RISK);
  // Another provider's case cannot reuse it.
  sc::ScreeningCase other = Open(Provider());
  reuse.set_case_(other.name());
  EXPECT_EQ(
      ViolationFields(stub_->ReferToBibob(TestServer::Context(officer_a_).get(), reuse, &out)),
      std::vector<std::string>{"reuse_advice_of"});
  // An advice older than 5 years cannot be reused.
  db_->Exec(
      "UPDATE screening.screening_case SET body = jsonb_set(body, '{bibob,advice_date}', "
      "'\"2021-11-24\"') WHERE id = " +
      first.name().substr(15));
  sc::ScreeningCase third = Open(provider);
  reuse.set_case_(third.name());
  grpc::Status stale = stub_->ReferToBibob(TestServer::Context(officer_a_).get(), reuse, &out);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(stale.error_message().find("5 years"), std::string::npos);
}

TEST_F(ScreeningTest, AddingAFrameworkVersionLeavesScreenedCasesAlone) {
  sc::ListFrameworksResponse all;
  ASSERT_TRUE(stub_->ListFrameworks(TestServer::Context(officer_a_).get(), {}, &all).ok());
  const sc::Framework old = all.frameworks(0);  // barrièremodel 2018
  sc::ScreeningCase c = Open(Provider(), old.name());
  EXPECT_EQ(c.framework_version(), 2018);

  sc::CreateFrameworkRequest q;
  *q.mutable_framework() = old;
  q.mutable_framework()->set_version(2019);
  q.mutable_framework()->mutable_items()->RemoveLast();
  q.mutable_framework()->mutable_items(0)->set_title("UEA (nieuw)");
  sc::Framework created;
  ASSERT_TRUE(stub_->CreateFramework(TestServer::Context(officer_a_).get(), q, &created).ok());
  EXPECT_NE(created.name(), old.name());
  EXPECT_EQ(created.items_size(), old.items_size() - 1);
  // The same code and version again.
  EXPECT_EQ(stub_->CreateFramework(TestServer::Context(officer_a_).get(), q, &created).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  sc::ScreeningCase again = Get(c.name(), officer_a_);
  EXPECT_EQ(again.framework_version(), 2018);
  EXPECT_EQ(again.items_size(), old.items_size());
  EXPECT_EQ(again.items(0).title(), old.items(0).title());
}

TEST_F(ScreeningTest, ContentIsConfidentialAndEveryReadIsLogged) {
  const std::string enschede = Provider("0153"), hengelo = Provider("0164");
  sc::ScreeningCase a = Open(enschede), b = Open(hengelo);
  for (const auto& c : {a, b}) {
    Complete(c.name(), D(2025, 6, 1));
    sc::ScreeningCase out;
    ASSERT_TRUE(Decide(c.name(), sc::OUTCOME_ADMITTED, officer_b_, &out).ok());
  }
  const std::string id = a.name().substr(15);
  auto reads = [&](const std::string& actor) {
    return db_->Query(
        "SELECT count(*) FROM audit.audit_record WHERE entity_type = 'screening_case.read' AND "
        "entity_id = '" +
        id + "' AND actor = '" + actor + "'");
  };
  EXPECT_EQ(reads("bram.screening"), "0");
  Get(a.name(), officer_b_);
  EXPECT_EQ(reads("bram.screening"), "1");
  const std::string auditor = server_->Token(Role::kAuditor, "", "olga.audit");
  EXPECT_EQ(Get(a.name(), auditor).decisions(0).reasons(), "Getoetst aan KIT 2024");
  EXPECT_EQ(reads("olga.audit"), "1");
  sc::ListCasesRequest lq;
  lq.set_provider(enschede);
  sc::ListCasesResponse listed;
  ASSERT_TRUE(stub_->ListCases(TestServer::Context(auditor).get(), lq, &listed).ok());
  ASSERT_EQ(listed.cases_size(), 1);
  EXPECT_EQ(listed.cases(0).evidence_size(), 0);  // a list holds no content
  EXPECT_EQ(db_->Query("SELECT after_json->'cases'->>0 FROM audit.audit_record WHERE entity_type "
                       "= 'screening_case.read' AND entity_id = '*' AND actor = 'olga.audit'"),
            id);
  // Every case, a page at a time, newest first: a page of one ends in a token, the next page
  // starts below it.
  sc::ListCasesRequest paged;
  paged.set_page_size(1);
  sc::ListCasesResponse first, second;
  ASSERT_TRUE(stub_->ListCases(TestServer::Context(auditor).get(), paged, &first).ok());
  ASSERT_EQ(first.cases_size(), 1);
  ASSERT_FALSE(first.next_page_token().empty());
  paged.set_page_token(first.next_page_token());
  ASSERT_TRUE(stub_->ListCases(TestServer::Context(auditor).get(), paged, &second).ok());
  ASSERT_EQ(second.cases_size(), 1);
  EXPECT_LT(std::stoll(second.cases(0).name().substr(15)),
            std::stoll(first.cases(0).name().substr(15)));
  // Auditors read, never write.
  sc::AssessItemRequest write;
  write.set_case_(a.name());
  sc::ScreeningCase out;
  EXPECT_EQ(stub_->AssessItem(TestServer::Context(auditor).get(), write, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Contract managers see the outcome and its date, not the content.
  sc::GetCaseRequest get;
  get.set_name(a.name());
  EXPECT_EQ(stub_->GetCase(TestServer::Context(manager_).get(), get, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  sc::ListOutcomesRequest oq;
  oq.set_provider(enschede);
  sc::ListOutcomesResponse outcomes;
  ASSERT_TRUE(stub_->ListOutcomes(TestServer::Context(manager_).get(), oq, &outcomes).ok());
  ASSERT_EQ(outcomes.outcomes_size(), 1);
  EXPECT_EQ(outcomes.outcomes(0).outcome(), sc::OUTCOME_ADMITTED);
  EXPECT_EQ(outcomes.outcomes(0).decided_date().day(), 25);

  // Municipal users: outcomes of providers active in their municipality only.
  const std::string gemeente = server_->Token(Role::kGemeenteContractManager, "0153");
  ASSERT_TRUE(stub_->ListOutcomes(TestServer::Context(gemeente).get(), {}, &outcomes).ok());
  bool saw_enschede = false;
  for (const auto& o : outcomes.outcomes()) {
    EXPECT_NE(o.provider(), hengelo);
    saw_enschede |= o.provider() == enschede;
  }
  EXPECT_TRUE(saw_enschede);
  oq.set_provider(hengelo);
  EXPECT_EQ(stub_->ListOutcomes(TestServer::Context(gemeente).get(), oq, &outcomes).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ScreeningTest, BadInputNamesTheFieldAndChangesNothing) {
  sc::ScreeningCase c = Open(Provider());
  sc::ScreeningCase out;
  EXPECT_EQ(ViolationFields(Evidence(c.name(), "X9", D(2026, 1, 1))),
            std::vector<std::string>{"evidence.item_code"});
  sc::RecordEvidenceRequest e;
  e.set_case_(c.name());
  e.mutable_evidence()->set_item_code("I3");
  *e.mutable_evidence()->mutable_document_date() = D(2026, 11, 24);
  *e.mutable_evidence()->mutable_received_date() = D(2026, 11, 26);  // tomorrow
  EXPECT_EQ(ViolationFields(stub_->RecordEvidence(TestServer::Context(officer_a_).get(), e, &out)),
            (std::vector<std::string>{"evidence.received_date", "evidence.reference"}));
  *e.mutable_evidence()->mutable_document_date() = D(2026, 2, 30);
  EXPECT_EQ(ViolationFields(stub_->RecordEvidence(TestServer::Context(officer_a_).get(), e, &out)),
            std::vector<std::string>{"evidence.document_date"});
  EXPECT_EQ(ViolationFields(Assess(c.name(), "I1", sc::ASSESSMENT_RESULT_UNSPECIFIED)),
            std::vector<std::string>{"assessment.result"});
  sc::DecideCaseRequest d;
  d.set_case_(c.name());
  d.set_outcome(sc::OUTCOME_REFUSED);
  EXPECT_EQ(ViolationFields(stub_->DecideCase(TestServer::Context(officer_b_).get(), d, &out)),
            std::vector<std::string>{"decision.reasons"});
  sc::CreateCaseRequest open;
  open.set_provider("providers/999999");
  open.set_occasion(sc::OCCASION_NEW_ENTRANT);
  EXPECT_EQ(stub_->CreateCase(TestServer::Context(officer_a_).get(), open, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  open.set_provider("leveranciers/1");
  EXPECT_EQ(ViolationFields(stub_->CreateCase(TestServer::Context(officer_a_).get(), open, &out)),
            std::vector<std::string>{"provider"});
  open.set_provider(c.provider());
  open.set_occasion(sc::OCCASION_RESCREENING);
  EXPECT_EQ(ViolationFields(stub_->CreateCase(TestServer::Context(officer_a_).get(), open, &out)),
            std::vector<std::string>{"case.contract"});
  open.set_contract("contracts/999999");
  EXPECT_EQ(stub_->CreateCase(TestServer::Context(officer_a_).get(), open, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  sc::GetCaseRequest get;
  get.set_name("screeningCases/999999");
  EXPECT_EQ(stub_->GetCase(TestServer::Context(officer_a_).get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  sc::CreateFrameworkRequest f;
  f.mutable_framework()->set_code("KIT!");
  *f.mutable_framework()->mutable_valid_from() = D(2027, 1, 1);
  sc::Framework fout;
  EXPECT_EQ(
      ViolationFields(stub_->CreateFramework(TestServer::Context(officer_a_).get(), f, &fout)),
      (std::vector<std::string>{"framework.code", "framework.version", "framework.title",
                                "framework.items"}));
  // Nothing of the refused calls was stored.
  EXPECT_EQ(Get(c.name(), officer_a_).evidence_size(), 0);
  EXPECT_EQ(Get(c.name(), officer_a_).assessments_size(), 0);
}

}  // namespace
}  // namespace ozjt
