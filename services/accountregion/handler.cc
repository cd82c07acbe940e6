// gRPC handler of the account-holding-region service: proto <-> domain. Who may call what is
// the MethodPolicy table; the rules are in continuity.cc and accountregion.cc.
#include <grpcpp/grpcpp.h>

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "ozjt/accountregion/v1/accountregion.grpc.pb.h"
#include "services/accountregion/accountregion.h"
#include "services/accountregion/module.h"
#include "services/accountregion/pg_store.h"
#include "services/platform/call.h"
#include "services/platform/codes.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::accountregion {
namespace {

namespace pb = ::ozjt::accountregion::v1;

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(RatioClass::kWorst) == pb::RATIO_CLASS_WORST);
static_assert(static_cast<int>(RatioClass::kWeak) == pb::RATIO_CLASS_WEAK);
static_assert(static_cast<int>(RatioClass::kFair) == pb::RATIO_CLASS_FAIR);
static_assert(static_cast<int>(RatioClass::kGood) == pb::RATIO_CLASS_GOOD);
static_assert(static_cast<int>(RatioClass::kStrong) == pb::RATIO_CLASS_STRONG);
static_assert(static_cast<int>(RatioClass::kStrong) == pb::RatioClass_MAX);
using platform::FromDay;
using platform::MethodPolicy;
using platform::ParseName;
using platform::RequestInfo;
using platform::Role;
using platform::ToDay;
using platform::ToOptionalDay;

const std::vector<Role> kEveryone = {
    Role::kOzjtContractManager, Role::kToezichthouder, Role::kGemeenteContractManager,
    Role::kScreeningOfficer,    Role::kAuditor,        Role::kAdmin};
const std::vector<Role> kWriters = {Role::kOzjtContractManager, Role::kAdmin};
// Financial figures and the early-warning list are OZJT-only.
const std::vector<Role> kOzjt = {Role::kOzjtContractManager, Role::kAdmin, Role::kAuditor};
// Signals: OZJT and the supervisors (a source of signals themselves).
const std::vector<Role> kSignalReaders = {Role::kOzjtContractManager, Role::kAdmin, Role::kAuditor,
                                          Role::kToezichthouder};

MethodPolicy Policy(const char* method, const std::vector<Role>& roles) {
  return {absl::StrCat("/ozjt.accountregion.v1.AccountRegionService/", method), roles};
}
const MethodPolicy kGetAccountRegion = Policy("GetAccountRegion", kEveryone);
const MethodPolicy kListPortfolio = Policy("ListPortfolio", kEveryone);
const MethodPolicy kCreateAssignment = Policy("CreateAssignment", kWriters);
const MethodPolicy kCreateFinancialStatement = Policy("CreateFinancialStatement", kWriters);
const MethodPolicy kListFinancialStatements = Policy("ListFinancialStatements", kOzjt);
const MethodPolicy kCreateSignal = Policy("CreateSignal", kWriters);
const MethodPolicy kListSignals = Policy("ListSignals", kSignalReaders);
const MethodPolicy kListEarlyWarnings = Policy("ListEarlyWarnings", kOzjt);
const MethodPolicy kOpenCase = Policy("OpenCase", kWriters);
const MethodPolicy kMoveCaseStep = Policy("MoveCaseStep", kWriters);
const MethodPolicy kUpdateCase = Policy("UpdateCase", kWriters);
const MethodPolicy kListCases = Policy("ListCases", kEveryone);

constexpr platform::CodeName<pb::SignalSource> kSources[] = {
    {pb::SIGNAL_SOURCE_PROVIDER, "provider"},
    {pb::SIGNAL_SOURCE_NATIONAL_WARNING, "national_warning"},
    {pb::SIGNAL_SOURCE_ACCOUNTANT, "accountant"},
    {pb::SIGNAL_SOURCE_SUPERVISOR, "supervisor"},
    {pb::SIGNAL_SOURCE_MEDIA, "media"},
    {pb::SIGNAL_SOURCE_OWN_ANALYSIS, "own_analysis"}};
constexpr platform::CodeName<pb::SignalCategory> kCategories[] = {
    {pb::SIGNAL_CATEGORY_THREE_YEARS_LOSSES, "three_years_losses"},
    {pb::SIGNAL_CATEGORY_LIQUIDITY, "liquidity"},
    {pb::SIGNAL_CATEGORY_GOVERNANCE_UNREST, "governance_unrest"},
    {pb::SIGNAL_CATEGORY_SUPERVISOR_MEASURES, "supervisor_measures"},
    {pb::SIGNAL_CATEGORY_DISCIPLINARY_OR_CRIMINAL, "disciplinary_or_criminal"},
    {pb::SIGNAL_CATEGORY_OTHER, "other"}};

std::string Provider(int64_t id) { return absl::StrCat("providers/", id); }

void ToProto(const Assignment& a, pb::Assignment* out) {
  out->set_provider(Provider(a.provider_id));
  out->set_region_code(a.region_code);
  out->set_basis(a.basis == AssignmentBasis::kVngList ? pb::ASSIGNMENT_BASIS_VNG_LIST
                                                      : pb::ASSIGNMENT_BASIS_AGREED);
  FromDay(a.valid_from, out->mutable_valid_from());
  if (a.valid_to) FromDay(*a.valid_to, out->mutable_valid_to());
  out->set_note(a.note);
}

void ToProto(const AccountRegion& r, pb::AccountRegion* out) {
  out->set_provider(Provider(r.provider_id));
  out->set_provider_name(r.provider_name);
  out->set_derived_region_code(r.derived.region_code);
  out->set_derived_from_year(r.derived.year);
  out->set_derived_turnover_cents(r.derived.cents);
  if (r.assignment) ToProto(*r.assignment, out->mutable_assignment());
  out->set_region_code(r.region_code);
  out->set_basis(r.assignment ? "assignment" : "derived");
  out->set_monitored(r.monitored);
  out->set_latest_turnover_cents(r.latest_turnover_cents);
  out->set_financial_figures_withheld(r.financial_figures_withheld);
}

void ToProto(const Ratio& r, pb::Ratio* out) {
  if (r.hundredths) {
    const int64_t h = *r.hundredths;
    out->set_percent(absl::StrCat(h < 0 ? "-" : "", std::abs(h) / 100, ".",
                                  std::abs(h) % 100 < 10 ? "0" : "", std::abs(h) % 100));
  }
  out->set_class_(static_cast<pb::RatioClass>(r.ratio_class));
}

void ToProto(const StatementView& v, pb::FinancialStatement* out) {
  const FinancialStatement& s = v.statement;
  out->set_provider(Provider(s.provider_id));
  out->set_period(s.period);
  out->set_equity_cents(s.equity);
  out->set_total_assets_cents(s.total_assets);
  out->set_current_assets_cents(s.current_assets);
  out->set_current_liabilities_cents(s.current_liabilities);
  out->set_revenue_cents(s.revenue);
  out->set_net_result_cents(s.net_result);
  ToProto(v.ratios.solvency, out->mutable_solvency());
  ToProto(v.ratios.current_ratio, out->mutable_current_ratio());
  ToProto(v.ratios.profitability, out->mutable_profitability());
}

void ToProto(const Signal& s, pb::Signal* out) {
  out->set_name(absl::StrCat("continuitySignals/", s.id));
  out->set_provider(Provider(s.provider_id));
  out->set_source(platform::ParseCode(kSources, s.source).value_or(pb::SIGNAL_SOURCE_UNSPECIFIED));
  out->set_category(
      platform::ParseCode(kCategories, s.category).value_or(pb::SIGNAL_CATEGORY_UNSPECIFIED));
  out->set_description(s.description);
  FromDay(s.reported_date, out->mutable_reported_date());
  if (s.written_confirmation_date) {
    FromDay(*s.written_confirmation_date, out->mutable_written_confirmation_date());
  }
  out->set_recorded_by(s.recorded_by);
}

void ToProto(const CaseView& v, pb::ContinuityCase* out) {
  const ContinuityCase& c = v.c;
  out->set_name(absl::StrCat("continuityCases/", c.id));
  out->set_provider(Provider(c.provider_id));
  out->set_provider_name(v.provider_name);
  out->set_status(c.status == CaseStatus::kResolved     ? pb::CASE_STATUS_RESOLVED
                  : c.status == CaseStatus::kBankruptcy ? pb::CASE_STATUS_BANKRUPTCY
                                                        : pb::CASE_STATUS_OPEN);
  out->set_step(c.step);
  FromDay(c.opened, out->mutable_opened());
  if (c.closed) FromDay(*c.closed, out->mutable_closed());
  if (v.restricted) return;
  for (const auto& s : c.steps) {
    auto* p = out->add_steps();
    p->set_step(s.step);
    FromDay(s.date, p->mutable_date());
    p->set_note(s.note);
    p->set_changed_by(s.changed_by);
  }
  if (c.recovery_plan_due) FromDay(*c.recovery_plan_due, out->mutable_recovery_plan_due());
  for (const auto& a : c.actions) {
    auto* p = out->add_actions();
    FromDay(a.date, p->mutable_date());
    p->set_text(a.text);
    p->set_actor(a.actor);
  }
  for (const auto& i : c.regions_informed) {
    auto* p = out->add_regions_informed();
    p->set_region_code(i.region_code);
    FromDay(i.date, p->mutable_date());
  }
  out->set_version(c.version);
}

class AccountRegionServiceImpl final : public pb::AccountRegionService::Service {
 public:
  AccountRegionServiceImpl(platform::Platform& p, AccountRegions& a) : platform_(p), regions_(a) {}

  grpc::Status GetAccountRegion(grpc::ServerContext* ctx, const pb::GetAccountRegionRequest* req,
                                pb::AccountRegion* resp) override {
    return platform_.Serve(ctx, kGetAccountRegion, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->provider(), "providers", "provider"));
      OZJT_ASSIGN_OR_RETURN(AccountRegion a, regions_.Get(r, id));
      ToProto(a, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListPortfolio(grpc::ServerContext* ctx, const pb::ListPortfolioRequest* req,
                             pb::ListPortfolioResponse* resp) override {
    return platform_.Serve(ctx, kListPortfolio, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto portfolio, regions_.Portfolio(r, req->region_code()));
      for (const auto& a : portfolio) ToProto(a, resp->add_providers());
      return absl::OkStatus();
    });
  }

  grpc::Status CreateAssignment(grpc::ServerContext* ctx, const pb::CreateAssignmentRequest* req,
                                pb::Assignment* resp) override {
    return platform_.ServeWrite(
        ctx, kCreateAssignment, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->assignment();
          Assignment a;
          OZJT_ASSIGN_OR_RETURN(a.provider_id,
                                ParseName(in.provider(), "providers", "assignment.provider"));
          a.region_code = in.region_code();
          a.basis = in.basis() == pb::ASSIGNMENT_BASIS_AGREED     ? AssignmentBasis::kAgreed
                    : in.basis() == pb::ASSIGNMENT_BASIS_VNG_LIST ? AssignmentBasis::kVngList
                                                                  : AssignmentBasis::kUnspecified;
          OZJT_ASSIGN_OR_RETURN(a.valid_from, ToDay(in.valid_from(), "assignment.valid_from"));
          OZJT_ASSIGN_OR_RETURN(
              a.valid_to, ToOptionalDay(in.has_valid_to(), in.valid_to(), "assignment.valid_to"));
          a.note = in.note();
          OZJT_ASSIGN_OR_RETURN(Assignment out, regions_.Assign(r, a));
          ToProto(out, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status CreateFinancialStatement(grpc::ServerContext* ctx,
                                        const pb::CreateFinancialStatementRequest* req,
                                        pb::FinancialStatement* resp) override {
    return platform_.ServeWrite(
        ctx, kCreateFinancialStatement, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->statement();
          FinancialStatement s;
          OZJT_ASSIGN_OR_RETURN(s.provider_id,
                                ParseName(in.provider(), "providers", "statement.provider"));
          s.period = in.period();
          s.equity = in.equity_cents();
          s.total_assets = in.total_assets_cents();
          s.current_assets = in.current_assets_cents();
          s.current_liabilities = in.current_liabilities_cents();
          s.revenue = in.revenue_cents();
          s.net_result = in.net_result_cents();
          OZJT_ASSIGN_OR_RETURN(StatementView v, regions_.AddStatement(r, s));
          ToProto(v, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListFinancialStatements(grpc::ServerContext* ctx,
                                       const pb::ListFinancialStatementsRequest* req,
                                       pb::ListFinancialStatementsResponse* resp) override {
    return platform_.Serve(
        ctx, kListFinancialStatements, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->provider(), "providers", "provider"));
          OZJT_ASSIGN_OR_RETURN(auto statements, regions_.Statements(r, id));
          for (const auto& s : statements) ToProto(s, resp->add_statements());
          return absl::OkStatus();
        });
  }

  grpc::Status CreateSignal(grpc::ServerContext* ctx, const pb::CreateSignalRequest* req,
                            pb::Signal* resp) override {
    return platform_.ServeWrite(
        ctx, kCreateSignal, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->signal();
          Signal s;
          OZJT_ASSIGN_OR_RETURN(s.provider_id,
                                ParseName(in.provider(), "providers", "signal.provider"));
          s.source = platform::CodeOf(kSources, in.source());
          s.category = platform::CodeOf(kCategories, in.category());
          s.description = in.description();
          OZJT_ASSIGN_OR_RETURN(s.reported_date, ToDay(in.reported_date(), "signal.reported_date"));
          OZJT_ASSIGN_OR_RETURN(
              s.written_confirmation_date,
              ToOptionalDay(in.has_written_confirmation_date(), in.written_confirmation_date(),
                            "signal.written_confirmation_date"));
          OZJT_ASSIGN_OR_RETURN(Signal out, regions_.AddSignal(r, s));
          ToProto(out, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListSignals(grpc::ServerContext* ctx, const pb::ListSignalsRequest* req,
                           pb::ListSignalsResponse* resp) override {
    return platform_.Serve(ctx, kListSignals, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->provider(), "providers", "provider"));
      OZJT_ASSIGN_OR_RETURN(auto signals, regions_.Signals(r, id));
      for (const auto& s : signals) ToProto(s, resp->add_signals());
      return absl::OkStatus();
    });
  }

  grpc::Status ListEarlyWarnings(grpc::ServerContext* ctx, const pb::ListEarlyWarningsRequest*,
                                 pb::ListEarlyWarningsResponse* resp) override {
    return platform_.Serve(ctx, kListEarlyWarnings, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto warnings, regions_.EarlyWarnings(r));
      for (const auto& w : warnings) {
        auto* out = resp->add_warnings();
        ToProto(w.region, out->mutable_provider());
        out->set_score(w.score);
        for (const auto& reason : w.reasons) out->add_reasons(reason);
        out->set_case_step(w.case_step);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status OpenCase(grpc::ServerContext* ctx, const pb::OpenCaseRequest* req,
                        pb::ContinuityCase* resp) override {
    return platform_.ServeWrite(
        ctx, kOpenCase, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->provider(), "providers", "provider"));
          OZJT_ASSIGN_OR_RETURN(Day date, ToDay(req->date(), "date"));
          OZJT_ASSIGN_OR_RETURN(
              auto due, ToOptionalDay(req->has_recovery_plan_due(), req->recovery_plan_due(),
                                      "recovery_plan_due"));
          OZJT_ASSIGN_OR_RETURN(CaseView v,
                                regions_.Open(r, id, req->step(), date, due, req->note()));
          ToProto(v, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status MoveCaseStep(grpc::ServerContext* ctx, const pb::MoveCaseStepRequest* req,
                            pb::ContinuityCase* resp) override {
    return platform_.ServeWrite(
        ctx, kMoveCaseStep, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->case_(), "continuityCases", "case"));
          OZJT_ASSIGN_OR_RETURN(Day date, ToDay(req->date(), "date"));
          OZJT_ASSIGN_OR_RETURN(
              auto due, ToOptionalDay(req->has_recovery_plan_due(), req->recovery_plan_due(),
                                      "recovery_plan_due"));
          OZJT_ASSIGN_OR_RETURN(CaseView v, regions_.Move(r, id, req->step(), date, due,
                                                          req->note(), req->version()));
          ToProto(v, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status UpdateCase(grpc::ServerContext* ctx, const pb::UpdateCaseRequest* req,
                          pb::ContinuityCase* resp) override {
    return platform_.ServeWrite(
        ctx, kUpdateCase, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->case_(), "continuityCases", "case"));
          CaseUpdate u;
          if (req->has_action()) {
            OZJT_ASSIGN_OR_RETURN(Day date, ToDay(req->action().date(), "action.date"));
            u.action = CaseAction{date, req->action().text(), ""};
          }
          if (req->has_region_informed()) {
            OZJT_ASSIGN_OR_RETURN(Day date,
                                  ToDay(req->region_informed().date(), "region_informed.date"));
            u.region_informed = RegionInformed{req->region_informed().region_code(), date};
          }
          u.resolve = req->resolve();
          OZJT_ASSIGN_OR_RETURN(CaseView v, regions_.Update(r, id, u, req->version()));
          ToProto(v, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListCases(grpc::ServerContext* ctx, const pb::ListCasesRequest* req,
                         pb::ListCasesResponse* resp) override {
    return platform_.Serve(ctx, kListCases, [&](const RequestInfo& r) -> absl::Status {
      int64_t id = 0;
      if (!req->provider().empty()) {
        OZJT_ASSIGN_OR_RETURN(id, ParseName(req->provider(), "providers", "provider"));
      }
      OZJT_ASSIGN_OR_RETURN(auto cases, regions_.Cases(r, id, req->open_only()));
      for (const auto& c : cases) ToProto(c, resp->add_cases());
      return absl::OkStatus();
    });
  }

 private:
  platform::Platform& platform_;
  AccountRegions& regions_;
};

class AccountRegionModule final : public platform::ServiceModule {
 public:
  AccountRegionModule(platform::Platform& platform, std::unique_ptr<AccountRegionStore> store,
                      std::vector<std::string> regions, RatioThresholds thresholds)
      : store_(std::move(store)),
        regions_(*store_, std::move(regions), std::move(thresholds)),
        service_(platform, regions_) {}
  std::vector<Registration> GrpcServices() override {
    return {{pb::AccountRegionService::service_full_name(), &service_}};
  }

 private:
  std::unique_ptr<AccountRegionStore> store_;
  AccountRegions regions_;
  AccountRegionServiceImpl service_;
};

}  // namespace

platform::ModuleEntry AccountRegionModuleEntry() {
  return {
      "accountregion",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        RatioThresholds thresholds;
        if (const std::string& text = platform.modules().accountregion.ratio_classes;
            !text.empty()) {
          absl::StatusOr<RatioThresholds> parsed = ParseThresholds(text);
          if (!parsed.ok()) {
            return absl::InvalidArgumentError(
                absl::StrCat("OZJT_RATIO_CLASSES: ", parsed.status().message()));
          }
          thresholds = *parsed;
        }
        auto store = std::make_unique<PgAccountRegionStore>(platform.pool());
        OZJT_ASSIGN_OR_RETURN(auto regions, store->Regions(platform::NoDeadline()));
        return std::unique_ptr<platform::ServiceModule>(new AccountRegionModule(
            platform, std::move(store), std::move(regions), std::move(thresholds)));
      }};
}

}  // namespace ozjt::accountregion
