// gRPC handler of the screening service: proto <-> domain. Who may call what is the
// MethodPolicy table; the rules are in screening.cc and cases.cc.
#include <grpcpp/grpcpp.h>

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"
#include "services/platform/call.h"
#include "services/platform/config.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"
#include "services/screening/cases.h"
#include "services/screening/confidential.h"
#include "services/screening/module.h"
#include "services/screening/pg_store.h"

namespace ozjt::screening {
namespace {

namespace pb = ::ozjt::screening::v1;

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(AssessmentResult::kMeets) == pb::ASSESSMENT_RESULT_MEETS);
static_assert(static_cast<int>(AssessmentResult::kDoesNotMeet) ==
              pb::ASSESSMENT_RESULT_DOES_NOT_MEET);
static_assert(static_cast<int>(AssessmentResult::kNotApplicable) ==
              pb::ASSESSMENT_RESULT_NOT_APPLICABLE);
static_assert(static_cast<int>(AssessmentResult::kNotApplicable) == pb::AssessmentResult_MAX);
static_assert(static_cast<int>(BibobAdvice::kNoRisk) == pb::BIBOB_ADVICE_NO_RISK);
static_assert(static_cast<int>(BibobAdvice::kLesserRisk) == pb::BIBOB_ADVICE_LESSER_RISK);
static_assert(static_cast<int>(BibobAdvice::kSeriousRisk) == pb::BIBOB_ADVICE_SERIOUS_RISK);
static_assert(static_cast<int>(BibobAdvice::kSeriousRisk) == pb::BibobAdvice_MAX);
static_assert(static_cast<int>(Occasion::kProcurementRound) == pb::OCCASION_PROCUREMENT_ROUND);
static_assert(static_cast<int>(Occasion::kNewEntrant) == pb::OCCASION_NEW_ENTRANT);
static_assert(static_cast<int>(Occasion::kRescreening) == pb::OCCASION_RESCREENING);
static_assert(static_cast<int>(Occasion::kContractMutation) == pb::OCCASION_CONTRACT_MUTATION);
static_assert(static_cast<int>(Occasion::kContractMutation) == pb::Occasion_MAX);
static_assert(static_cast<int>(Outcome::kAdmitted) == pb::OUTCOME_ADMITTED);
static_assert(static_cast<int>(Outcome::kAdmittedWithConditions) ==
              pb::OUTCOME_ADMITTED_WITH_CONDITIONS);
static_assert(static_cast<int>(Outcome::kRefused) == pb::OUTCOME_REFUSED);
static_assert(static_cast<int>(Outcome::kReferredToBibob) == pb::OUTCOME_REFERRED_TO_BIBOB);
static_assert(static_cast<int>(Outcome::kReferredToBibob) == pb::Outcome_MAX);
static_assert(static_cast<int>(Part::kIntegrity) == pb::PART_INTEGRITY);
static_assert(static_cast<int>(Part::kQuality) == pb::PART_QUALITY);
static_assert(static_cast<int>(Part::kRisk) == pb::PART_RISK);
static_assert(static_cast<int>(Part::kRisk) == pb::Part_MAX);
using platform::EnumFrom;
using platform::FromDay;
using platform::MethodPolicy;
using platform::ParseName;
using platform::ParseOptionalName;
using platform::RequestInfo;
using platform::Role;
using platform::ToDay;

const std::vector<Role> kEveryone = {
    Role::kOzjtContractManager, Role::kToezichthouder, Role::kGemeenteContractManager,
    Role::kScreeningOfficer,    Role::kAuditor,        Role::kAdmin};
// Case content: screening officers write and read, auditors read. Nobody else, not even admin
// (confidential.h: the audit log withholds case content from the same roles).
const std::vector<Role> kOfficers = {Role::kScreeningOfficer};
const std::vector<Role>& kContentReaders = kCaseContentReaders;

MethodPolicy Policy(const char* method, const std::vector<Role>& roles) {
  return {absl::StrCat("/ozjt.screening.v1.ScreeningService/", method), roles};
}
const MethodPolicy kListFrameworks = Policy("ListFrameworks", kEveryone);
const MethodPolicy kCreateFramework = Policy("CreateFramework", kOfficers);
const MethodPolicy kCreateCase = Policy("CreateCase", kOfficers);
const MethodPolicy kGetCase = Policy("GetCase", kContentReaders);
const MethodPolicy kListCases = Policy("ListCases", kContentReaders);
const MethodPolicy kRequestEvidence = Policy("RequestEvidence", kOfficers);
const MethodPolicy kRecordEvidence = Policy("RecordEvidence", kOfficers);
const MethodPolicy kAssessItem = Policy("AssessItem", kOfficers);
const MethodPolicy kSaveChecklist = Policy("SaveChecklist", kOfficers);
const MethodPolicy kReferToBibob = Policy("ReferToBibob", kOfficers);
const MethodPolicy kRecordBibobAdvice = Policy("RecordBibobAdvice", kOfficers);
const MethodPolicy kRecordHearing = Policy("RecordHearing", kOfficers);
const MethodPolicy kDecideCase = Policy("DecideCase", kOfficers);
const MethodPolicy kListOutcomes = Policy("ListOutcomes", kEveryone);

std::string CaseName(int64_t id) { return absl::StrCat("screeningCases/", id); }

void ToProto(const Framework& f, pb::Framework* out) {
  out->set_name(absl::StrCat("screeningFrameworks/", f.id));
  out->set_code(f.code);
  out->set_version(f.version);
  out->set_title(f.title);
  FromDay(f.valid_from, out->mutable_valid_from());
  for (const auto& i : f.items) {
    auto* p = out->add_items();
    p->set_code(i.code);
    p->set_part(static_cast<pb::Part>(i.part));
    p->set_title(i.title);
    p->set_evidence_type(i.evidence_type);
    p->set_required(i.required);
    p->set_max_age_months(i.max_age_months.value_or(0));
    p->set_notes(i.notes);
  }
}

pb::CaseStatus StatusProto(CaseStatus s) {
  switch (s) {
    case CaseStatus::kOpen:
      return pb::CASE_STATUS_OPEN;
    case CaseStatus::kReferredToBibob:
      return pb::CASE_STATUS_REFERRED_TO_BIBOB;
    case CaseStatus::kDecided:
      return pb::CASE_STATUS_DECIDED;
  }
  return pb::CASE_STATUS_UNSPECIFIED;
}

void ToProto(const Evidence& e, pb::Evidence* out) {
  out->set_item_code(e.item_code);
  FromDay(e.document_date, out->mutable_document_date());
  FromDay(e.received, out->mutable_received_date());
  out->set_reference(e.reference);
  out->set_recorded_by(e.recorded_by);
}

void ToProto(const Decision& d, pb::Decision* out) {
  out->set_outcome(static_cast<pb::Outcome>(d.outcome));
  FromDay(d.date, out->mutable_date());
  out->set_reasons(d.reasons);
  for (const auto& c : d.conditions) out->add_conditions(c);
  out->set_decided_by(d.decided_by);
  if (d.valid_until) FromDay(*d.valid_until, out->mutable_valid_until());
}

// Every item of the case's framework as checked on `today`.
void ItemChecksToProto(const CaseView& v, Day today, pb::ScreeningCase* out) {
  for (const ItemCheck& check : CheckItems(v.c, v.framework, today)) {
    auto* p = out->add_items();
    p->set_item_code(check.item->code);
    p->set_title(check.item->title);
    p->set_part(static_cast<pb::Part>(check.item->part));
    p->set_required(check.item->required);
    if (check.evidence) ToProto(*check.evidence, p->mutable_evidence());
    if (check.evidence_valid_until) {
      FromDay(*check.evidence_valid_until, p->mutable_evidence_valid_until());
    }
    p->set_evidence_valid(check.evidence_valid);
    p->set_late(check.late);
    if (check.assessment) {
      p->set_result(static_cast<pb::AssessmentResult>(check.assessment->result));
    }
    p->set_problem(check.problem);
  }
}

// The case's content beyond a list entry: requests, evidence, assessments, the items checked
// on `today`, the Bibob referral and the hearings.
void ContentToProto(const CaseView& v, Day today, pb::ScreeningCase* out) {
  const ScreeningCase& c = v.c;
  for (const auto& r : c.requests) {
    auto* p = out->add_evidence_requests();
    p->set_item_code(r.item_code);
    FromDay(r.requested, p->mutable_requested_date());
    FromDay(r.due, p->mutable_due_date());
    if (r.fulfilled) FromDay(*r.fulfilled, p->mutable_fulfilled_date());
    p->set_requested_by(r.requested_by);
  }
  for (const auto& e : c.evidence) ToProto(e, out->add_evidence());
  for (const auto& a : c.assessments) {
    auto* p = out->add_assessments();
    p->set_item_code(a.item_code);
    p->set_result(static_cast<pb::AssessmentResult>(a.result));
    p->set_finding(a.finding);
    p->set_assessor(a.assessor);
    FromDay(a.date, p->mutable_date());
  }
  ItemChecksToProto(v, today, out);
  if (c.bibob) {
    auto* b = out->mutable_bibob();
    FromDay(c.bibob->referred, b->mutable_referred_date());
    b->set_reference(c.bibob->reference);
    if (c.bibob->advice_date) FromDay(*c.bibob->advice_date, b->mutable_advice_date());
    b->set_advice(static_cast<pb::BibobAdvice>(c.bibob->advice));
    b->set_advice_reference(c.bibob->advice_reference);
    if (c.bibob->reused_from_case) b->set_reused_from_case(CaseName(c.bibob->reused_from_case));
  }
  for (const auto& h : c.hearings) {
    auto* p = out->add_hearings();
    FromDay(h.date, p->mutable_date());
    p->set_summary(h.summary);
    p->set_recorded_by(h.recorded_by);
  }
}

// A piece of evidence as sent; a bad day is named under `at` ("evidence." or "evidence[2].").
absl::StatusOr<Evidence> EvidenceFrom(const pb::Evidence& in, const std::string& at) {
  Evidence e;
  e.item_code = in.item_code();
  OZJT_ASSIGN_OR_RETURN(e.document_date, ToDay(in.document_date(), at + "document_date"));
  OZJT_ASSIGN_OR_RETURN(e.received, ToDay(in.received_date(), at + "received_date"));
  e.reference = in.reference();
  return e;
}

Assessment AssessmentFrom(const pb::Assessment& in) {
  Assessment a;
  a.item_code = in.item_code();
  a.result = EnumFrom<AssessmentResult>(in.result(), pb::AssessmentResult_MAX);
  a.finding = in.finding();
  return a;
}

// `full`: the whole content (GetCase and changes); else a list entry.
void ToProto(const CaseView& v, Day today, bool full, pb::ScreeningCase* out) {
  const ScreeningCase& c = v.c;
  out->set_name(CaseName(c.id));
  out->set_provider(absl::StrCat("providers/", c.provider_id));
  out->set_provider_name(v.provider_name);
  out->set_framework(absl::StrCat("screeningFrameworks/", v.framework.id));
  out->set_framework_code(v.framework.code);
  out->set_framework_version(v.framework.version);
  out->set_occasion(static_cast<pb::Occasion>(c.occasion));
  if (c.contract_id) out->set_contract(absl::StrCat("contracts/", c.contract_id));
  out->set_reference(c.reference);
  out->set_status(StatusProto(c.status));
  FromDay(c.opened, out->mutable_opened_date());
  out->set_opened_by(c.opened_by);
  for (int64_t id : v.registered_contracts) {
    out->add_registered_contracts(absl::StrCat("contracts/", id));
  }
  out->set_version(c.version);
  for (const auto& d : c.decisions) {
    auto* p = out->add_decisions();
    p->set_outcome(static_cast<pb::Outcome>(d.outcome));
    FromDay(d.date, p->mutable_date());
    if (d.valid_until) FromDay(*d.valid_until, p->mutable_valid_until());
    if (full) ToProto(d, p);
  }
  if (!full) return;
  ContentToProto(v, today, out);
}

class ScreeningServiceImpl final : public pb::ScreeningService::Service {
 public:
  ScreeningServiceImpl(platform::Platform& p, Screenings& s) : platform_(p), screenings_(s) {}

  grpc::Status ListFrameworks(grpc::ServerContext* ctx, const pb::ListFrameworksRequest*,
                              pb::ListFrameworksResponse* resp) override {
    return platform_.Serve(ctx, kListFrameworks, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto frameworks, screenings_.Frameworks(r));
      for (const auto& f : frameworks) ToProto(f, resp->add_frameworks());
      return absl::OkStatus();
    });
  }

  grpc::Status CreateFramework(grpc::ServerContext* ctx, const pb::CreateFrameworkRequest* req,
                               pb::Framework* resp) override {
    return platform_.ServeWrite(
        ctx, kCreateFramework, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->framework();
          Framework f;
          f.code = in.code();
          f.version = in.version();
          f.title = in.title();
          OZJT_ASSIGN_OR_RETURN(f.valid_from, ToDay(in.valid_from(), "framework.valid_from"));
          for (const auto& i : in.items()) {
            FrameworkItem item;
            item.code = i.code();
            item.part = EnumFrom<Part>(i.part(), pb::Part_MAX);
            item.title = i.title();
            item.evidence_type = i.evidence_type();
            item.required = i.required();
            if (i.max_age_months() != 0) item.max_age_months = i.max_age_months();
            item.notes = i.notes();
            f.items.push_back(std::move(item));
          }
          OZJT_ASSIGN_OR_RETURN(Framework out, screenings_.CreateFramework(r, std::move(f)));
          ToProto(out, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status CreateCase(grpc::ServerContext* ctx, const pb::CreateCaseRequest* req,
                          pb::ScreeningCase* resp) override {
    return platform_.ServeWrite(
        ctx, kCreateCase, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OpenRequest o;
          OZJT_ASSIGN_OR_RETURN(o.provider_id, ParseName(req->provider(), "providers", "provider"));
          OZJT_ASSIGN_OR_RETURN(
              o.framework_id,
              ParseOptionalName(req->framework(), "screeningFrameworks", "framework"));
          o.occasion = EnumFrom<Occasion>(req->occasion(), pb::Occasion_MAX);
          OZJT_ASSIGN_OR_RETURN(o.contract_id,
                                ParseOptionalName(req->contract(), "contracts", "contract"));
          o.reference = req->reference();
          OZJT_ASSIGN_OR_RETURN(CaseView v, screenings_.Open(r, o));
          ToProto(v, r.today, true, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status GetCase(grpc::ServerContext* ctx, const pb::GetCaseRequest* req,
                       pb::ScreeningCase* resp) override {
    return platform_.Serve(ctx, kGetCase, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "screeningCases", "name"));
      std::optional<Day> planned;
      if (req->has_decision_date()) {
        OZJT_ASSIGN_OR_RETURN(planned, ToDay(req->decision_date(), "decision_date"));
      }
      OZJT_ASSIGN_OR_RETURN(Day checked_on, CheckDay(planned, r.today));
      OZJT_ASSIGN_OR_RETURN(CaseView v, screenings_.Get(r, id));
      ToProto(v, checked_on, true, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListCases(grpc::ServerContext* ctx, const pb::ListCasesRequest* req,
                         pb::ListCasesResponse* resp) override {
    return platform_.Serve(ctx, kListCases, [&](const RequestInfo& r) -> absl::Status {
      CaseFilter f;
      OZJT_ASSIGN_OR_RETURN(f.provider_id,
                            ParseOptionalName(req->provider(), "providers", "provider"));
      switch (req->status()) {
        case pb::CASE_STATUS_OPEN:
          f.status = CaseStatus::kOpen;
          break;
        case pb::CASE_STATUS_REFERRED_TO_BIBOB:
          f.status = CaseStatus::kReferredToBibob;
          break;
        case pb::CASE_STATUS_DECIDED:
          f.status = CaseStatus::kDecided;
          break;
        default:
          break;
      }
      OZJT_ASSIGN_OR_RETURN(CasePage page,
                            screenings_.List(r, f, req->page_size(), req->page_token()));
      for (const auto& v : page.cases) ToProto(v, r.today, false, resp->add_cases());
      resp->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status RequestEvidence(grpc::ServerContext* ctx, const pb::RequestEvidenceRequest* req,
                               pb::ScreeningCase* resp) override {
    return Step(ctx, kRequestEvidence, *req, req->case_(), resp,
                [&](const RequestInfo&, CaseStep& s) -> absl::Status {
                  OZJT_ASSIGN_OR_RETURN(Day d, ToDay(req->requested_date(), "requested_date"));
                  s.request = std::make_pair(req->item_code(), d);
                  return absl::OkStatus();
                });
  }

  grpc::Status RecordEvidence(grpc::ServerContext* ctx, const pb::RecordEvidenceRequest* req,
                              pb::ScreeningCase* resp) override {
    return Step(ctx, kRecordEvidence, *req, req->case_(), resp,
                [&](const RequestInfo&, CaseStep& s) -> absl::Status {
                  OZJT_ASSIGN_OR_RETURN(s.evidence, EvidenceFrom(req->evidence(), "evidence."));
                  return absl::OkStatus();
                });
  }

  grpc::Status AssessItem(grpc::ServerContext* ctx, const pb::AssessItemRequest* req,
                          pb::ScreeningCase* resp) override {
    return Step(ctx, kAssessItem, *req, req->case_(), resp,
                [&](const RequestInfo&, CaseStep& s) -> absl::Status {
                  s.assessment = AssessmentFrom(req->assessment());
                  return absl::OkStatus();
                });
  }

  grpc::Status SaveChecklist(grpc::ServerContext* ctx, const pb::SaveChecklistRequest* req,
                             pb::ScreeningCase* resp) override {
    return platform_.ServeWrite(
        ctx, kSaveChecklist, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->case_(), "screeningCases", "case"));
          Checklist list;
          list.expected_version = req->version();
          for (int k = 0; k < req->evidence_size(); ++k) {
            OZJT_ASSIGN_OR_RETURN(
                Evidence e, EvidenceFrom(req->evidence(k), absl::StrCat("evidence[", k, "].")));
            list.evidence.push_back(std::move(e));
          }
          for (const auto& in : req->assessments()) list.assessments.push_back(AssessmentFrom(in));
          OZJT_ASSIGN_OR_RETURN(CaseView v, screenings_.SaveChecklist(r, id, std::move(list)));
          ToProto(v, r.today, true, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ReferToBibob(grpc::ServerContext* ctx, const pb::ReferToBibobRequest* req,
                            pb::ScreeningCase* resp) override {
    return Step(ctx, kReferToBibob, *req, req->case_(), resp,
                [&](const RequestInfo&, CaseStep& s) -> absl::Status {
                  if (!req->reuse_advice_of().empty()) {
                    OZJT_ASSIGN_OR_RETURN(
                        s.reuse_advice_of,
                        ParseName(req->reuse_advice_of(), "screeningCases", "reuse_advice_of"));
                    return absl::OkStatus();
                  }
                  OZJT_ASSIGN_OR_RETURN(Day d, ToDay(req->referred_date(), "referred_date"));
                  s.referral = std::make_pair(d, req->reference());
                  return absl::OkStatus();
                });
  }

  grpc::Status RecordBibobAdvice(grpc::ServerContext* ctx, const pb::RecordBibobAdviceRequest* req,
                                 pb::ScreeningCase* resp) override {
    return Step(ctx, kRecordBibobAdvice, *req, req->case_(), resp,
                [&](const RequestInfo&, CaseStep& s) -> absl::Status {
                  BibobReferral a;
                  a.advice = EnumFrom<BibobAdvice>(req->advice(), pb::BibobAdvice_MAX);
                  OZJT_ASSIGN_OR_RETURN(a.advice_date, ToDay(req->advice_date(), "advice_date"));
                  a.advice_reference = req->reference();
                  s.advice = std::move(a);
                  return absl::OkStatus();
                });
  }

  grpc::Status RecordHearing(grpc::ServerContext* ctx, const pb::RecordHearingRequest* req,
                             pb::ScreeningCase* resp) override {
    return Step(ctx, kRecordHearing, *req, req->case_(), resp,
                [&](const RequestInfo&, CaseStep& s) -> absl::Status {
                  Hearing h;
                  OZJT_ASSIGN_OR_RETURN(h.date, ToDay(req->hearing().date(), "hearing.date"));
                  h.summary = req->hearing().summary();
                  s.hearing = std::move(h);
                  return absl::OkStatus();
                });
  }

  grpc::Status DecideCase(grpc::ServerContext* ctx, const pb::DecideCaseRequest* req,
                          pb::ScreeningCase* resp) override {
    return Step(ctx, kDecideCase, *req, req->case_(), resp,
                [&](const RequestInfo&, CaseStep& s) -> absl::Status {
                  Decision d;
                  d.outcome = EnumFrom<Outcome>(req->outcome(), pb::Outcome_MAX);
                  d.reasons = req->reasons();
                  d.conditions.assign(req->conditions().begin(), req->conditions().end());
                  s.decision = std::move(d);
                  return absl::OkStatus();
                });
  }

  grpc::Status ListOutcomes(grpc::ServerContext* ctx, const pb::ListOutcomesRequest* req,
                            pb::ListOutcomesResponse* resp) override {
    return platform_.Serve(ctx, kListOutcomes, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id,
                            ParseOptionalName(req->provider(), "providers", "provider"));
      OZJT_ASSIGN_OR_RETURN(auto rows, screenings_.Outcomes(r, id));
      for (const auto& o : rows) {
        auto* p = resp->add_outcomes();
        p->set_case_(CaseName(o.case_id));
        p->set_provider(absl::StrCat("providers/", o.provider_id));
        p->set_provider_name(o.provider_name);
        p->set_outcome(static_cast<pb::Outcome>(o.outcome));
        FromDay(o.decided_on, p->mutable_decided_date());
        if (o.valid_until) FromDay(*o.valid_until, p->mutable_valid_until());
        p->set_framework_title(o.framework_title);
      }
      return absl::OkStatus();
    });
  }

 private:
  // One step on a case: `fill` turns the request into the step, the use case applies it.
  grpc::Status Step(grpc::ServerContext* ctx, const MethodPolicy& policy,
                    const google::protobuf::Message& request, const std::string& name,
                    pb::ScreeningCase* resp,
                    const std::function<absl::Status(const RequestInfo&, CaseStep&)>& fill) {
    return platform_.ServeWrite(
        ctx, policy, request, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(name, "screeningCases", "case"));
          CaseStep step;
          OZJT_RETURN_IF_ERROR(fill(r, step));
          OZJT_ASSIGN_OR_RETURN(CaseView v, screenings_.Apply(r, id, step));
          ToProto(v, r.today, true, resp);
          return absl::OkStatus();
        });
  }

  platform::Platform& platform_;
  Screenings& screenings_;
};

class ScreeningModule final : public platform::ServiceModule {
 public:
  ScreeningModule(platform::Platform& platform, int validity_months)
      : store_(platform.pool()),
        screenings_(store_, validity_months),
        service_(platform, screenings_) {}
  std::vector<Registration> GrpcServices() override {
    return {{pb::ScreeningService::service_full_name(), &service_}};
  }

 private:
  PgScreeningStore store_;
  Screenings screenings_;
  ScreeningServiceImpl service_;
};

}  // namespace

platform::ModuleEntry ScreeningModuleEntry() {
  return {
      "screening",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        const int months = platform.modules().screening.validity_months;
        return std::unique_ptr<platform::ServiceModule>(new ScreeningModule(platform, months));
      }};
}

}  // namespace ozjt::screening
