// gRPC handler of the Jeugdzorg Plus service: proto <-> domain. Who may call what is the
// MethodPolicy table; the rules are in inflow.cc and monitor.cc.
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "ozjt/jzplus/v1/jzplus.grpc.pb.h"
#include "services/jzplus/module.h"
#include "services/jzplus/monitor.h"
#include "services/jzplus/pg_store.h"
#include "services/platform/call.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::jzplus {
namespace {

namespace pb = ::ozjt::jzplus::v1;

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(Authorisation::kRegular) == pb::AUTHORISATION_REGULAR);
static_assert(static_cast<int>(Authorisation::kEmergency) == pb::AUTHORISATION_EMERGENCY);
static_assert(static_cast<int>(Authorisation::kConditional) == pb::AUTHORISATION_CONDITIONAL);
static_assert(static_cast<int>(Authorisation::kConditional) == pb::Authorisation_MAX);
using platform::EnumFrom;
using platform::MethodPolicy;
using platform::ParseName;
using platform::RequestInfo;
using platform::Role;

// Exact counts: OZJT roles. Municipal users: their own municipality, suppressed.
const std::vector<Role> kReaders = {Role::kOzjtContractManager, Role::kToezichthouder,
                                    Role::kAuditor, Role::kAdmin, Role::kGemeenteContractManager};

MethodPolicy Policy(const char* method, const std::vector<Role>& roles) {
  return {absl::StrCat("/ozjt.jzplus.v1.InflowService/", method), roles};
}
const MethodPolicy kImportInflow =
    Policy("ImportInflow", {Role::kOzjtContractManager, Role::kAdmin});
const MethodPolicy kGetInflowReport = platform::HeavyRead(Policy("GetInflowReport", kReaders));
const MethodPolicy kGetInflowChart = Policy("GetInflowChart", kReaders);

void ToProto(const Figure& f, pb::Figure* out) {
  out->set_exact(f.Exact());
  out->set_value(f.Exact() ? f.value : 0);
  out->set_shown(f.Shown());
}

pb::Judgement JudgementOf(const std::optional<bool>& on_track) {
  if (!on_track) return pb::JUDGEMENT_UNKNOWN;
  return *on_track ? pb::JUDGEMENT_ON_TRACK : pb::JUDGEMENT_OFF_TRACK;
}

void ToProto(const YearRow& y, pb::YearRow* out) {
  out->set_year(y.year);
  ToProto(y.placements, out->mutable_placements());
  ToProto(y.young_people, out->mutable_young_people());
  ToProto(y.emergency, out->mutable_emergency());
  ToProto(y.target_yoy, out->mutable_target_year_on_year());
  ToProto(y.target_cumulative, out->mutable_target_cumulative());
  ToProto(y.diff_yoy, out->mutable_difference_year_on_year());
  ToProto(y.diff_cumulative, out->mutable_difference_cumulative());
  out->set_year_on_year(JudgementOf(y.on_track_yoy));
  out->set_cumulative(JudgementOf(y.on_track_cumulative));
  ToProto(y.emergency_share, out->mutable_emergency_share());
  ToProto(y.emergency_share_change, out->mutable_emergency_share_change());
}

void ToProto(const QuarterRow& q, pb::QuarterRow* out) {
  out->set_year(q.quarter.year);
  out->set_quarter(q.quarter.quarter);
  ToProto(q.placements, out->mutable_placements());
  ToProto(q.young_people, out->mutable_young_people());
  ToProto(q.emergency, out->mutable_emergency());
  ToProto(q.target_yoy, out->mutable_target_year_on_year());
  ToProto(q.target_cumulative, out->mutable_target_cumulative());
  out->set_year_on_year(JudgementOf(q.on_track_yoy));
  out->set_cumulative(JudgementOf(q.on_track_cumulative));
  ToProto(q.emergency_share, out->mutable_emergency_share());
  ToProto(q.rolling_placements, out->mutable_rolling_placements());
  ToProto(q.rolling_target_yoy, out->mutable_rolling_target_year_on_year());
  ToProto(q.rolling_target_cumulative, out->mutable_rolling_target_cumulative());
  out->set_rolling_year_on_year(JudgementOf(q.rolling_on_track_yoy));
  out->set_rolling_cumulative(JudgementOf(q.rolling_on_track_cumulative));
}

class InflowServiceImpl final : public pb::InflowService::Service {
 public:
  InflowServiceImpl(platform::Platform& p, Monitor& m) : platform_(p), monitor_(m) {}

  grpc::Status ImportInflow(grpc::ServerContext* ctx, const pb::ImportInflowRequest* req,
                            pb::ImportInflowResponse* resp) override {
    return platform_.ServeWrite(
        ctx, kImportInflow, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          std::vector<InflowRow> rows;
          for (int i = 0; i < req->rows_size(); ++i) {
            const auto& in = req->rows(i);
            InflowRow row;
            row.quarter = {in.year(), in.quarter()};
            row.municipality_code = in.municipality_code();
            OZJT_ASSIGN_OR_RETURN(
                row.provider_id,
                ParseName(in.provider(), "providers", absl::StrCat("rows[", i, "].provider")));
            row.authorisation = EnumFrom<Authorisation>(in.authorisation(), pb::Authorisation_MAX);
            row.placements = in.placements();
            row.young_people = in.young_people();
            rows.push_back(std::move(row));
          }
          OZJT_ASSIGN_OR_RETURN(ImportResult result, monitor_.Import(r, req->csv(), std::move(rows),
                                                                     req->validate_only()));
          for (const auto& e : result.errors) {
            auto* out = resp->add_errors();
            out->set_line(e.line);
            out->set_field(e.field);
            out->set_description(e.description);
            out->set_dutch(DutchRowError(e));
          }
          for (const auto& q : result.quarters) resp->add_quarters(q.Code());
          resp->set_rows(result.rows);
          resp->set_committed(result.committed);
          return absl::OkStatus();
        });
  }

  grpc::Status GetInflowReport(grpc::ServerContext* ctx, const pb::GetInflowReportRequest* req,
                               pb::InflowReport* resp) override {
    return platform_.Serve(ctx, kGetInflowReport, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(Report report,
                            monitor_.ReportFor(r, req->municipality_code(), req->external()));
      resp->set_municipality_code(report.municipality_code);
      resp->set_suppressed(report.suppressed);
      resp->set_baseline_year(report.policy.baseline_year);
      resp->set_reduction_percent(report.policy.reduction_percent);
      for (const auto& y : report.years) ToProto(y, resp->add_years());
      for (const auto& q : report.quarters) ToProto(q, resp->add_quarters());
      if (!report.providers.empty()) {
        std::vector<int64_t> ids;
        for (const auto& p : report.providers) ids.push_back(p.provider_id);
        const auto names = monitor_.ProviderNames(r, ids);
        for (const auto& p : report.providers) {
          auto* out = resp->add_providers();
          out->set_provider(absl::StrCat("providers/", p.provider_id));
          auto name = names.find(p.provider_id);
          out->set_provider_name(name == names.end() ? "" : name->second);
          for (const auto& y : report.years) {
            out->add_years(y.year);
            auto n = p.placements_by_year.find(y.year);
            out->add_placements(n == p.placements_by_year.end() ? 0 : n->second);
          }
        }
      }
      return absl::OkStatus();
    });
  }

  grpc::Status GetInflowChart(grpc::ServerContext* ctx, const pb::GetInflowChartRequest* req,
                              pb::InflowChart* resp) override {
    return platform_.Serve(ctx, kGetInflowChart, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(Report report,
                            monitor_.ReportFor(r, req->municipality_code(), req->external()));
      OZJT_ASSIGN_OR_RETURN(std::string title, monitor_.Title(r, report.municipality_code));
      resp->set_svg(ChartSvg(report, title));
      resp->set_suppressed(report.suppressed);
      return absl::OkStatus();
    });
  }

 private:
  platform::Platform& platform_;
  Monitor& monitor_;
};

class InflowModule final : public platform::ServiceModule {
 public:
  InflowModule(platform::Platform& platform, TargetPolicy policy)
      : store_(platform.pool()), monitor_(store_, policy), service_(platform, monitor_) {}
  std::vector<Registration> GrpcServices() override {
    return {{pb::InflowService::service_full_name(), &service_}};
  }

 private:
  PgInflowStore store_;
  Monitor monitor_;
  InflowServiceImpl service_;
};

}  // namespace

platform::ModuleEntry InflowModuleEntry() {
  return {
      "jzplus",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        const TargetPolicy policy = PolicyFrom(platform.modules().jzplus);
        return std::unique_ptr<platform::ServiceModule>(new InflowModule(platform, policy));
      }};
}

}  // namespace ozjt::jzplus
