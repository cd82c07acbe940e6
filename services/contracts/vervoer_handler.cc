// ozjt.contracts.v1.VervoerService: KPI norms and measurements of transport contracts and the
// breaches of those norms. Proto <-> domain, nothing else; who may call what is in roles.cc,
// the rules in vervoer.cc and contracts.cc.
#include "services/contracts/vervoer_handler.h"

#include "absl/strings/str_cat.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "services/contracts/handler_fields.h"
#include "services/contracts/roles.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(KpiKind::kPunctuality) == pb::KPI_KIND_PUNCTUALITY);
static_assert(static_cast<int>(KpiKind::kRideTime) == pb::KPI_KIND_RIDE_TIME);
static_assert(static_cast<int>(KpiKind::kDetour) == pb::KPI_KIND_DETOUR);
static_assert(static_cast<int>(KpiKind::kComplaints) == pb::KPI_KIND_COMPLAINTS);
static_assert(static_cast<int>(KpiKind::kSatisfaction) == pb::KPI_KIND_SATISFACTION);
static_assert(static_cast<int>(KpiKind::kSatisfaction) == pb::KpiKind_MAX);
static_assert(static_cast<int>(NormDirection::kAtLeast) == pb::NORM_DIRECTION_AT_LEAST);
static_assert(static_cast<int>(NormDirection::kAtMost) == pb::NORM_DIRECTION_AT_MOST);
static_assert(static_cast<int>(NormDirection::kAtMost) == pb::NormDirection_MAX);
static_assert(static_cast<int>(MeasurementSource::kCallcentre) ==
              pb::MEASUREMENT_SOURCE_CALLCENTRE);
static_assert(static_cast<int>(MeasurementSource::kMonitoring) ==
              pb::MEASUREMENT_SOURCE_MONITORING);
static_assert(static_cast<int>(MeasurementSource::kSurvey) == pb::MEASUREMENT_SOURCE_SURVEY);
static_assert(static_cast<int>(MeasurementSource::kSurvey) == pb::MeasurementSource_MAX);

// ---- proto <-> domain ----

void ToProto(const KpiMeasurement& m, pb::KpiMeasurement* out) {
  out->set_name(absl::StrCat("kpiMeasurements/", m.id));
  out->set_contract(absl::StrCat("contracts/", m.contract_id));
  out->set_period(m.period);
  out->set_kind(static_cast<pb::KpiKind>(m.kind));
  out->set_value(FormatHundredths(m.value));
  out->set_source(static_cast<pb::MeasurementSource>(m.source));
  out->set_municipality_code(m.municipality_code);
  out->set_recorded_by(m.recorded_by);
  FromTime(m.record_time, out->mutable_record_time());
}

void ToProto(const KpiDefinition& d, pb::KpiDefinition* out) {
  out->set_contract(absl::StrCat("contracts/", d.contract_id));
  out->set_kind(static_cast<pb::KpiKind>(d.kind));
  out->set_norm(FormatHundredths(d.norm));
  out->set_direction(static_cast<pb::NormDirection>(d.direction));
  out->set_description(d.description);
}

// ---- service ----

class VervoerServiceImpl final : public pb::VervoerService::Service {
 public:
  VervoerServiceImpl(platform::Platform& p, Contracts& c) : platform_(p), contracts_(c) {}

  grpc::Status SetKpiDefinition(grpc::ServerContext* ctx, const pb::SetKpiDefinitionRequest* req,
                                pb::KpiDefinition* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kSetKpiDefinition, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->definition();
          KpiDefinition d;
          OZJT_ASSIGN_OR_RETURN(d.contract_id,
                                ParseName(in.contract(), "contracts", "definition.contract"));
          d.kind = EnumFrom<KpiKind>(in.kind(), pb::KpiKind_MAX);
          OZJT_ASSIGN_OR_RETURN(d.norm, Hundredths(in.norm(), "definition.norm"));
          d.direction = EnumFrom<NormDirection>(in.direction(), pb::NormDirection_MAX);
          d.description = in.description();
          OZJT_ASSIGN_OR_RETURN(KpiDefinition out, contracts_.SetKpiDefinition(r, d));
          ToProto(out, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListKpiDefinitions(grpc::ServerContext* ctx,
                                  const pb::ListKpiDefinitionsRequest* req,
                                  pb::ListKpiDefinitionsResponse* resp) override {
    return platform_.Serve(
        ctx, roles::kListKpiDefinitions, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(auto defs, contracts_.KpiDefinitions(r, id));
          for (const auto& d : defs) ToProto(d, resp->add_definitions());
          return absl::OkStatus();
        });
  }

  grpc::Status RecordKpiMeasurement(grpc::ServerContext* ctx,
                                    const pb::RecordKpiMeasurementRequest* req,
                                    pb::KpiMeasurement* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kRecordKpiMeasurement, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->measurement();
          KpiMeasurement m;
          OZJT_ASSIGN_OR_RETURN(m.contract_id,
                                ParseName(in.contract(), "contracts", "measurement.contract"));
          m.period = in.period();
          m.kind = EnumFrom<KpiKind>(in.kind(), pb::KpiKind_MAX);
          OZJT_ASSIGN_OR_RETURN(m.value, Hundredths(in.value(), "measurement.value"));
          m.source = EnumFrom<MeasurementSource>(in.source(), pb::MeasurementSource_MAX);
          m.municipality_code = in.municipality_code();
          OZJT_ASSIGN_OR_RETURN(KpiMeasurement out, contracts_.RecordMeasurement(r, m));
          ToProto(out, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListKpiBreaches(grpc::ServerContext* ctx, const pb::ListKpiBreachesRequest* req,
                               pb::ListKpiBreachesResponse* resp) override {
    return platform_.Serve(ctx, roles::kListKpiBreaches, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id,
                            ParseOptionalName(req->contract(), "contracts", "contract"));
      const std::string period = req->period().empty() ? PreviousQuarter(r.today) : req->period();
      OZJT_ASSIGN_OR_RETURN(auto breaches, contracts_.Breaches(r, id, period));
      resp->set_period(period);
      for (const auto& b : breaches) {
        auto* out = resp->add_breaches();
        ToProto(b.measurement, out->mutable_measurement());
        out->set_norm(FormatHundredths(b.definition.norm));
        out->set_direction(static_cast<pb::NormDirection>(b.definition.direction));
        out->set_contract_reference(b.contract_reference);
        out->set_contract_title(b.contract_title);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status ListKpiMeasurements(grpc::ServerContext* ctx,
                                   const pb::ListKpiMeasurementsRequest* req,
                                   pb::ListKpiMeasurementsResponse* resp) override {
    return platform_.Serve(
        ctx, roles::kListKpiMeasurements, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(auto measurements, contracts_.Measurements(r, id, req->period()));
          for (const auto& m : measurements) ToProto(m, resp->add_measurements());
          return absl::OkStatus();
        });
  }

 private:
  platform::Platform& platform_;
  Contracts& contracts_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewVervoerService(platform::Platform& platform,
                                                 Contracts& contracts) {
  return std::make_unique<VervoerServiceImpl>(platform, contracts);
}

}  // namespace ozjt::contracts
