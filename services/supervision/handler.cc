// gRPC handler of the supervision service: proto <-> domain. Who may call what is the
// MethodPolicy table; the rules are in supervision.cc and investigations.cc.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"
#include "services/platform/call.h"
#include "services/platform/config.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"
#include "services/supervision/confidential.h"
#include "services/supervision/investigations.h"
#include "services/supervision/module.h"
#include "services/supervision/pg_store.h"

namespace ozjt::supervision {
namespace {

namespace pb = ::ozjt::supervision::v1;

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(Kind::kProactive) == pb::KIND_PROACTIVE);
static_assert(static_cast<int>(Kind::kSignal) == pb::KIND_SIGNAL);
static_assert(static_cast<int>(Kind::kIncident) == pb::KIND_INCIDENT);
static_assert(static_cast<int>(Kind::kCalamity) == pb::KIND_CALAMITY);
static_assert(static_cast<int>(Kind::kContractReview) == pb::KIND_CONTRACT_REVIEW);
static_assert(static_cast<int>(Kind::kMunicipalRequest) == pb::KIND_MUNICIPAL_REQUEST);
static_assert(static_cast<int>(Kind::kMunicipalRequest) == pb::Kind_MAX);
static_assert(static_cast<int>(RequirementKind::kTenderRequirement) ==
              pb::REQUIREMENT_KIND_TENDER_REQUIREMENT);
static_assert(static_cast<int>(RequirementKind::kLegalNorm) == pb::REQUIREMENT_KIND_LEGAL_NORM);
static_assert(static_cast<int>(RequirementKind::kLegalNorm) == pb::RequirementKind_MAX);
static_assert(static_cast<int>(Scope::kProvider) == pb::SCOPE_PROVIDER);
static_assert(static_cast<int>(Scope::kEstablishment) == pb::SCOPE_ESTABLISHMENT);
static_assert(static_cast<int>(Scope::kContract) == pb::SCOPE_CONTRACT);
static_assert(static_cast<int>(Scope::kContract) == pb::Scope_MAX);
static_assert(static_cast<int>(Severity::kObservation) == pb::SEVERITY_OBSERVATION);
static_assert(static_cast<int>(Severity::kMinor) == pb::SEVERITY_MINOR);
static_assert(static_cast<int>(Severity::kMajor) == pb::SEVERITY_MAJOR);
static_assert(static_cast<int>(Severity::kCritical) == pb::SEVERITY_CRITICAL);
static_assert(static_cast<int>(Severity::kCritical) == pb::Severity_MAX);
static_assert(static_cast<int>(Status::kRequested) == pb::STATUS_REQUESTED);
static_assert(static_cast<int>(Status::kPlanned) == pb::STATUS_PLANNED);
static_assert(static_cast<int>(Status::kInProgress) == pb::STATUS_IN_PROGRESS);
static_assert(static_cast<int>(Status::kConcluded) == pb::STATUS_CONCLUDED);
static_assert(static_cast<int>(Status::kConcluded) == pb::Status_MAX);
static_assert(static_cast<int>(Verdict::kEffective) == pb::VERDICT_EFFECTIVE);
static_assert(static_cast<int>(Verdict::kInsufficient) == pb::VERDICT_INSUFFICIENT);
static_assert(static_cast<int>(Verdict::kInsufficient) == pb::Verdict_MAX);
using platform::EnumFrom;
using platform::FromDay;
using platform::MethodPolicy;
using platform::ParseName;
using platform::ParseOptionalName;
using platform::RequestInfo;
using platform::Role;
using platform::ToDay;
using platform::ToOptionalDay;

const std::vector<Role> kSupervisors = {Role::kToezichthouder};
// Finding details: supervisors, OZJT contract managers, auditors (confidential.h: the audit log
// withholds an investigation's content from every other role).
const std::vector<Role>& kReaders = kInvestigationContentReaders;
// ... and a municipality's own requests, without finding details.
const std::vector<Role> kReadersAndMunicipal = [] {
  std::vector<Role> roles = kReaders;
  roles.push_back(Role::kGemeenteContractManager);
  return roles;
}();

MethodPolicy Policy(const char* method, const std::vector<Role>& roles) {
  return {absl::StrCat("/ozjt.supervision.v1.SupervisionService/", method), roles};
}
const MethodPolicy kCreateInvestigation = Policy("CreateInvestigation", kSupervisors);
const MethodPolicy kRequestInvestigation =
    Policy("RequestInvestigation", {Role::kGemeenteContractManager});
const MethodPolicy kGetInvestigation = Policy("GetInvestigation", kReadersAndMunicipal);
const MethodPolicy kListInvestigations = Policy("ListInvestigations", kReadersAndMunicipal);
const MethodPolicy kUpdateInvestigationStatus = Policy("UpdateInvestigationStatus", kSupervisors);
const MethodPolicy kCreateFinding = Policy("CreateFinding", kSupervisors);
const MethodPolicy kCreatePlan = Policy("CreatePlan", kSupervisors);
const MethodPolicy kCompleteAction = Policy("CompleteAction", kSupervisors);
const MethodPolicy kClosePlan = Policy("ClosePlan", kSupervisors);
const MethodPolicy kSyncContractMutations =
    Policy("SyncContractMutations", {Role::kToezichthouder, Role::kAdmin});
const MethodPolicy kGetProviderSummary = Policy("GetProviderSummary", kReadersAndMunicipal);
const MethodPolicy kListEscalations = Policy("ListEscalations", kReaders);
const MethodPolicy kGetPeriodReport = platform::HeavyRead(Policy("GetPeriodReport", kReaders));

std::string InvestigationName(int64_t id) { return absl::StrCat("investigations/", id); }
std::string ProviderName(int64_t id) { return absl::StrCat("providers/", id); }

pb::Status StatusProto(Status s) { return static_cast<pb::Status>(s); }

void ToProto(const Finding& f, pb::Finding* p) {
  p->set_number(f.number);
  p->set_requirement_kind(static_cast<pb::RequirementKind>(f.requirement_kind));
  p->set_requirement_reference(f.requirement_reference);
  p->set_requirement_text(f.requirement_text);
  p->set_observed(f.observed);
  p->set_severity(static_cast<pb::Severity>(f.severity));
  for (const auto& e : f.evidence) p->add_evidence(e);
  FromDay(f.date, p->mutable_date());
  p->set_supervisor(f.supervisor);
  p->set_resolved(f.resolved);
}

void ToProto(const Plan& plan, Day today, pb::Plan* p) {
  p->set_number(plan.number);
  for (int f : plan.findings) p->add_findings(f);
  for (const auto& a : plan.actions) {
    auto* x = p->add_actions();
    x->set_number(a.number);
    x->set_text(a.text);
    x->set_owner(a.owner);
    FromDay(a.due, x->mutable_due_date());
    if (a.done) FromDay(*a.done, x->mutable_done_date());
    x->set_overdue(!plan.closed && Overdue(a, today));
  }
  if (plan.follow_up) FromDay(*plan.follow_up, p->mutable_follow_up_date());
  if (plan.reinspection) FromDay(*plan.reinspection, p->mutable_reinspection_date());
  p->set_closed(plan.closed);
  if (plan.closed_on) FromDay(*plan.closed_on, p->mutable_closed_date());
  p->set_verdict(static_cast<pb::Verdict>(plan.verdict));
  p->set_verdict_text(plan.verdict_text);
}

void ToProto(const InvestigationView& v, Day today, pb::Investigation* out) {
  const Investigation& i = v.i;
  out->set_name(InvestigationName(i.id));
  out->set_provider(ProviderName(i.provider_id));
  out->set_provider_name(v.provider_name);
  out->set_kind(static_cast<pb::Kind>(i.kind));
  out->set_scope(static_cast<pb::Scope>(i.scope));
  out->set_establishment(i.establishment);
  if (i.contract_id) out->set_contract(absl::StrCat("contracts/", i.contract_id));
  out->set_subject(i.subject);
  out->set_status(StatusProto(i.status));
  FromDay(i.opened, out->mutable_opened_date());
  if (i.started) FromDay(*i.started, out->mutable_started_date());
  if (i.concluded) FromDay(*i.concluded, out->mutable_concluded_date());
  for (const auto& s : i.supervisors) out->add_supervisors(s);
  out->set_conclusion(i.conclusion);
  out->set_conclusion_summary(i.conclusion_summary);
  out->set_report_reference(i.report_reference);
  out->set_requesting_municipality(i.requesting_municipality);
  out->set_request_text(i.request_text);
  if (i.incident_date) FromDay(*i.incident_date, out->mutable_incident_date());
  out->set_mutation_event(i.mutation_event_id);
  out->set_version(i.version);
  for (const auto& f : i.findings) ToProto(f, out->add_findings());
  for (const auto& plan : i.plans) ToProto(plan, today, out->add_plans());
}

void ToProto(const Escalation& e, const std::string& name, pb::Escalation* out) {
  out->set_investigation(InvestigationName(e.investigation_id));
  out->set_provider(ProviderName(e.provider_id));
  out->set_provider_name(name);
  FromDay(e.since, out->mutable_since());
  out->set_reason(e.reason);
  out->set_subject(e.subject);
}

class SupervisionServiceImpl final : public pb::SupervisionService::Service {
 public:
  SupervisionServiceImpl(platform::Platform& p, Supervision& s) : platform_(p), supervision_(s) {}

  grpc::Status CreateInvestigation(grpc::ServerContext* ctx,
                                   const pb::CreateInvestigationRequest* req,
                                   pb::Investigation* resp) override {
    return platform_.ServeWrite(
        ctx, kCreateInvestigation, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->investigation();
          Investigation i;
          OZJT_ASSIGN_OR_RETURN(i.provider_id,
                                ParseName(in.provider(), "providers", "investigation.provider"));
          i.kind = EnumFrom<Kind>(in.kind(), pb::Kind_MAX);
          i.scope = EnumFrom<Scope>(in.scope(), pb::Scope_MAX);
          i.establishment = in.establishment();
          OZJT_ASSIGN_OR_RETURN(i.contract_id, ParseOptionalName(in.contract(), "contracts",
                                                                 "investigation.contract"));
          i.subject = in.subject();
          i.supervisors.assign(in.supervisors().begin(), in.supervisors().end());
          OZJT_ASSIGN_OR_RETURN(InvestigationView v, supervision_.Open(r, i));
          ToProto(v, r.today, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status RequestInvestigation(grpc::ServerContext* ctx,
                                    const pb::RequestInvestigationRequest* req,
                                    pb::Investigation* resp) override {
    return platform_.ServeWrite(
        ctx, kRequestInvestigation, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t provider,
                                ParseName(req->provider(), "providers", "provider"));
          OZJT_ASSIGN_OR_RETURN(
              auto incident,
              ToOptionalDay(req->has_incident_date(), req->incident_date(), "incident_date"));
          OZJT_ASSIGN_OR_RETURN(
              InvestigationView v,
              supervision_.Request(r, provider, EnumFrom<Kind>(req->kind(), pb::Kind_MAX),
                                   req->description(), incident));
          ToProto(v, r.today, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status GetInvestigation(grpc::ServerContext* ctx, const pb::GetInvestigationRequest* req,
                                pb::Investigation* resp) override {
    return platform_.Serve(ctx, kGetInvestigation, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "investigations", "name"));
      OZJT_ASSIGN_OR_RETURN(InvestigationView v, supervision_.Get(r, id));
      ToProto(v, r.today, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListInvestigations(grpc::ServerContext* ctx,
                                  const pb::ListInvestigationsRequest* req,
                                  pb::ListInvestigationsResponse* resp) override {
    return platform_.Serve(ctx, kListInvestigations, [&](const RequestInfo& r) -> absl::Status {
      InvestigationFilter f;
      OZJT_ASSIGN_OR_RETURN(f.provider_id,
                            ParseOptionalName(req->provider(), "providers", "provider"));
      if (req->status() != pb::STATUS_UNSPECIFIED) {
        f.status = EnumFrom<Status>(req->status(), pb::Status_MAX);
      }
      if (req->kind() != pb::KIND_UNSPECIFIED) f.kind = EnumFrom<Kind>(req->kind(), pb::Kind_MAX);
      f.requesting_municipality = req->requesting_municipality();
      OZJT_ASSIGN_OR_RETURN(InvestigationPage page,
                            supervision_.List(r, f, req->page_size(), req->page_token()));
      for (const auto& v : page.investigations) ToProto(v, r.today, resp->add_investigations());
      resp->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status UpdateInvestigationStatus(grpc::ServerContext* ctx,
                                         const pb::UpdateInvestigationStatusRequest* req,
                                         pb::Investigation* resp) override {
    return Change(ctx, kUpdateInvestigationStatus, *req, req->investigation(), req->version(), resp,
                  [&](InvestigationChange& c) -> absl::Status {
                    StatusChange s;
                    s.status = EnumFrom<Status>(req->status(), pb::Status_MAX);
                    s.supervisors.assign(req->supervisors().begin(), req->supervisors().end());
                    s.conclusion = req->conclusion();
                    s.conclusion_summary = req->conclusion_summary();
                    s.report_reference = req->report_reference();
                    c.status = std::move(s);
                    return absl::OkStatus();
                  });
  }

  grpc::Status CreateFinding(grpc::ServerContext* ctx, const pb::CreateFindingRequest* req,
                             pb::Investigation* resp) override {
    return Change(ctx, kCreateFinding, *req, req->investigation(), 0, resp,
                  [&](InvestigationChange& c) -> absl::Status {
                    const auto& in = req->finding();
                    Finding f;
                    f.requirement_kind =
                        EnumFrom<RequirementKind>(in.requirement_kind(), pb::RequirementKind_MAX);
                    f.requirement_reference = in.requirement_reference();
                    f.requirement_text = in.requirement_text();
                    f.observed = in.observed();
                    f.severity = EnumFrom<Severity>(in.severity(), pb::Severity_MAX);
                    f.evidence.assign(in.evidence().begin(), in.evidence().end());
                    OZJT_ASSIGN_OR_RETURN(f.date, ToDay(in.date(), "finding.date"));
                    c.finding = std::move(f);
                    return absl::OkStatus();
                  });
  }

  grpc::Status CreatePlan(grpc::ServerContext* ctx, const pb::CreatePlanRequest* req,
                          pb::Investigation* resp) override {
    return Change(
        ctx, kCreatePlan, *req, req->investigation(), 0, resp,
        [&](InvestigationChange& c) -> absl::Status {
          const auto& in = req->plan();
          Plan p;
          p.findings.assign(in.findings().begin(), in.findings().end());
          for (int k = 0; k < in.actions_size(); ++k) {
            const auto& a = in.actions(k);
            Action x;
            x.text = a.text();
            x.owner = a.owner();
            OZJT_ASSIGN_OR_RETURN(
                x.due, ToDay(a.due_date(), absl::StrCat("plan.actions[", k, "].due_date")));
            p.actions.push_back(std::move(x));
          }
          OZJT_ASSIGN_OR_RETURN(
              p.follow_up,
              ToOptionalDay(in.has_follow_up_date(), in.follow_up_date(), "plan.follow_up_date"));
          OZJT_ASSIGN_OR_RETURN(p.reinspection,
                                ToOptionalDay(in.has_reinspection_date(), in.reinspection_date(),
                                              "plan.reinspection_date"));
          c.plan = std::move(p);
          return absl::OkStatus();
        });
  }

  grpc::Status CompleteAction(grpc::ServerContext* ctx, const pb::CompleteActionRequest* req,
                              pb::Investigation* resp) override {
    return Change(ctx, kCompleteAction, *req, req->investigation(), 0, resp,
                  [&](InvestigationChange& c) -> absl::Status {
                    if (req->plan() <= 0) {
                      return platform::InvalidField("plan", "a plan number",
                                                    "Geef het nummer van het verbeterplan.");
                    }
                    c.complete_plan = req->plan();
                    c.complete_action = req->action();
                    OZJT_ASSIGN_OR_RETURN(c.done, ToDay(req->done_date(), "done_date"));
                    return absl::OkStatus();
                  });
  }

  grpc::Status ClosePlan(grpc::ServerContext* ctx, const pb::ClosePlanRequest* req,
                         pb::Investigation* resp) override {
    return Change(ctx, kClosePlan, *req, req->investigation(), 0, resp,
                  [&](InvestigationChange& c) -> absl::Status {
                    if (req->plan() <= 0) {
                      return platform::InvalidField("plan", "a plan number",
                                                    "Geef het nummer van het verbeterplan.");
                    }
                    c.close_plan = req->plan();
                    c.verdict = EnumFrom<Verdict>(req->verdict(), pb::Verdict_MAX);
                    c.verdict_text = req->verdict_text();
                    return absl::OkStatus();
                  });
  }

  grpc::Status SyncContractMutations(grpc::ServerContext* ctx,
                                     const pb::SyncContractMutationsRequest*,
                                     pb::SyncContractMutationsResponse* resp) override {
    return platform_.Serve(ctx, kSyncContractMutations, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int opened, supervision_.SyncMutations(r));
      resp->set_reviews_opened(opened);
      return absl::OkStatus();
    });
  }

  grpc::Status GetProviderSummary(grpc::ServerContext* ctx,
                                  const pb::GetProviderSummaryRequest* req,
                                  pb::ProviderSummary* resp) override {
    return platform_.Serve(ctx, kGetProviderSummary, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->provider(), "providers", "provider"));
      OZJT_ASSIGN_OR_RETURN(Summary s, supervision_.ProviderSummary(r, id));
      resp->set_provider(ProviderName(id));
      resp->set_open_critical(s.open_findings[static_cast<int>(Severity::kCritical)]);
      resp->set_open_major(s.open_findings[static_cast<int>(Severity::kMajor)]);
      resp->set_open_minor(s.open_findings[static_cast<int>(Severity::kMinor)]);
      resp->set_open_observations(s.open_findings[static_cast<int>(Severity::kObservation)]);
      resp->set_plans_open(s.plans_open);
      resp->set_plans_overdue(s.plans_overdue);
      resp->set_plans_closed_effective(s.plans_closed_effective);
      resp->set_plans_closed_insufficient(s.plans_closed_insufficient);
      resp->set_investigations_open(s.investigations_open);
      if (s.last_inspection) FromDay(*s.last_inspection, resp->mutable_last_inspection());
      for (const auto& e : s.escalations) ToProto(e, "", resp->add_escalations());
      return absl::OkStatus();
    });
  }

  grpc::Status ListEscalations(grpc::ServerContext* ctx, const pb::ListEscalationsRequest*,
                               pb::ListEscalationsResponse* resp) override {
    return platform_.Serve(ctx, kListEscalations, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto all, supervision_.CurrentEscalations(r));
      for (const auto& [e, name] : all) ToProto(e, name, resp->add_escalations());
      return absl::OkStatus();
    });
  }

  grpc::Status GetPeriodReport(grpc::ServerContext* ctx, const pb::GetPeriodReportRequest* req,
                               pb::PeriodReport* resp) override {
    return platform_.Serve(ctx, kGetPeriodReport, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(Day from, ToDay(req->start_date(), "start_date"));
      OZJT_ASSIGN_OR_RETURN(Day to, ToDay(req->end_date(), "end_date"));
      OZJT_ASSIGN_OR_RETURN(PeriodReport report, supervision_.Period(r, from, to));
      FromDay(from, resp->mutable_start_date());
      FromDay(to, resp->mutable_end_date());
      for (int k = 1; k <= pb::Kind_MAX; ++k) {
        auto* c = resp->add_investigations();
        c->set_kind(static_cast<pb::Kind>(k));
        c->set_opened(report.opened[k]);
        c->set_concluded(report.concluded[k]);
      }
      for (int s = 1; s <= pb::Severity_MAX; ++s) {
        auto* c = resp->add_findings();
        c->set_severity(static_cast<pb::Severity>(s));
        c->set_findings(report.findings[s]);
      }
      resp->set_plans_closed(report.plans_closed);
      resp->set_plans_overdue(report.plans_overdue);
      resp->set_escalations(report.escalations);
      resp->set_csv(ReportCsv(report));
      if (req->with_provider_summaries()) {
        OZJT_ASSIGN_OR_RETURN(auto summaries, supervision_.Summaries(r));
        resp->set_summaries_csv(SummariesCsv(summaries));
      }
      return absl::OkStatus();
    });
  }

 private:
  grpc::Status Change(grpc::ServerContext* ctx, const MethodPolicy& policy,
                      const google::protobuf::Message& request, const std::string& name,
                      int64_t version, pb::Investigation* resp,
                      const std::function<absl::Status(InvestigationChange&)>& fill) {
    return platform_.ServeWrite(
        ctx, policy, request, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(name, "investigations", "investigation"));
          InvestigationChange c;
          OZJT_RETURN_IF_ERROR(fill(c));
          OZJT_ASSIGN_OR_RETURN(InvestigationView v, supervision_.Change(r, id, c, version));
          ToProto(v, r.today, resp);
          return absl::OkStatus();
        });
  }

  platform::Platform& platform_;
  Supervision& supervision_;
};

// Turns contract mutation events into reviews every `seconds` (0: never) until destroyed.
class MutationSync {
 public:
  MutationSync(platform::Platform& platform, Supervision& s, int seconds)
      : platform_(platform), supervision_(s), seconds_(seconds) {
    if (seconds_ > 0) thread_ = std::thread([this] { Run(); });
  }
  ~MutationSync() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::seconds(seconds_), [this] { return stop_; })) {
      lock.unlock();
      RequestInfo r;
      r.caller = {"system:supervision-sync", Role::kAdmin, ""};
      r.method = "supervision mutation sync";
      r.request_id = "supervision-sync";
      r.deadline = std::chrono::system_clock::now() + std::chrono::seconds(30);
      r.today = platform_.Today();
      absl::StatusOr<int> opened = supervision_.SyncMutations(r);
      if (!opened.ok()) {
        std::fprintf(stderr, "{\"event\":\"supervision_sync_failed\",\"error\":\"%s\"}\n",
                     std::string(opened.status().message()).c_str());
      }
      lock.lock();
    }
  }

  platform::Platform& platform_;
  Supervision& supervision_;
  int seconds_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

class SupervisionModule final : public platform::ServiceModule {
 public:
  SupervisionModule(platform::Platform& platform, int grace_days, int sync_seconds)
      : store_(platform.pool()),
        supervision_(store_, grace_days),
        service_(platform, supervision_),
        sync_(platform, supervision_, sync_seconds) {}
  std::vector<Registration> GrpcServices() override {
    return {{pb::SupervisionService::service_full_name(), &service_}};
  }

 private:
  PgSupervisionStore store_;
  Supervision supervision_;
  SupervisionServiceImpl service_;
  MutationSync sync_;
};

}  // namespace

platform::ModuleEntry SupervisionModuleEntry() {
  return {
      "supervision",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        const platform::SupervisionConfig& settings = platform.modules().supervision;
        return std::unique_ptr<platform::ServiceModule>(
            new SupervisionModule(platform, settings.grace_days, settings.sync_seconds));
      }};
}

}  // namespace ozjt::supervision
