// ozjt.contracts.v1.TariffService: tariff lines, index figures, tariff floors and the yearly
// indexation. Proto <-> domain, nothing else; who may call what is in roles.cc, the rules in
// tariff.cc, indexation.cc and contracts.cc.
#include "services/contracts/tariff_handler.h"

#include "absl/strings/str_cat.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "services/contracts/handler_fields.h"
#include "services/contracts/roles.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(TariffLaw::kJeugdwet) == pb::TARIFF_LAW_JEUGDWET);
static_assert(static_cast<int>(TariffLaw::kWmo) == pb::TARIFF_LAW_WMO);
static_assert(static_cast<int>(TariffLaw::kWmo) == pb::TariffLaw_MAX);
static_assert(static_cast<int>(Variant::kInspanningsgericht) == pb::VARIANT_INSPANNINGSGERICHT);
static_assert(static_cast<int>(Variant::kOutputgericht) == pb::VARIANT_OUTPUTGERICHT);
static_assert(static_cast<int>(Variant::kTaakgericht) == pb::VARIANT_TAAKGERICHT);
static_assert(static_cast<int>(Variant::kTaakgericht) == pb::Variant_MAX);
static_assert(static_cast<int>(FigureKind::kForecast) == pb::FIGURE_KIND_FORECAST);
static_assert(static_cast<int>(FigureKind::kFinal) == pb::FIGURE_KIND_FINAL);
static_assert(static_cast<int>(FigureKind::kFinal) == pb::FigureKind_MAX);

// ---- proto <-> domain ----

void ToProto(const TariffLine& l, bool below_floor, pb::TariffLine* out) {
  out->set_name(absl::StrCat("tariffLines/", l.id));
  out->set_contract(absl::StrCat("contracts/", l.contract_id));
  out->set_law(static_cast<pb::TariffLaw>(l.law));
  out->set_variant(static_cast<pb::Variant>(l.variant));
  out->set_product_category(l.product_category);
  out->set_product_code(l.product_code);
  out->set_description(l.description);
  out->set_unit(l.unit);
  out->set_amount_cents(l.amount_cents);
  for (const auto& m : l.municipality_codes) out->add_municipality_codes(m);
  FromDay(l.valid_from, out->mutable_valid_from());
  if (l.valid_to) FromDay(*l.valid_to, out->mutable_valid_to());
  out->set_index_year(l.index_year);
  if (l.supersedes_id > 0) out->set_supersedes(absl::StrCat("tariffLines/", l.supersedes_id));
  out->set_below_floor(below_floor);
}

void ToProto(const IndexationResult& r, int64_t contract_id, pb::IndexationPreview* out) {
  const IndexResult& index = r.plan.index;
  out->set_contract(absl::StrCat("contracts/", contract_id));
  out->set_year(index.year);
  out->set_first_year(index.first_year);
  for (const auto& c : index.components) {
    auto* pc = out->add_components();
    pc->set_component(c.component);
    pc->set_weight_percent(c.weight_percent);
    pc->set_forecast(FormatHundredths(c.forecast));
    if (c.previous_forecast) pc->set_previous_forecast(FormatHundredths(*c.previous_forecast));
    if (c.previous_final) pc->set_previous_final(FormatHundredths(*c.previous_final));
    if (c.correction) pc->set_correction(FormatHundredths(*c.correction));
  }
  out->set_weighted_forecast(FormatHundredths(index.weighted_forecast));
  out->set_weighted_correction(FormatHundredths(index.weighted_correction));
  out->set_index_percent(FormatHundredths(index.index));
  for (size_t i = 0; i < r.plan.lines.size(); ++i) {
    const PlannedLine& p = r.plan.lines[i];
    auto* pl = out->add_lines();
    pl->set_line(absl::StrCat("tariffLines/", p.current.id));
    pl->set_product_code(p.current.product_code);
    pl->set_description(p.current.description);
    pl->set_old_amount_cents(p.current.amount_cents);
    pl->set_new_amount_cents(p.next.amount_cents);
    pl->set_below_floor(p.below_floor);
    if (i < r.new_line_ids.size()) {
      pl->set_new_line(absl::StrCat("tariffLines/", r.new_line_ids[i]));
    }
  }
  for (const auto& w : r.plan.warnings) out->add_warnings(w);
  out->set_applied(r.applied);
}

// ---- service ----

class TariffServiceImpl final : public pb::TariffService::Service {
 public:
  TariffServiceImpl(platform::Platform& p, Contracts& c) : platform_(p), contracts_(c) {}

  grpc::Status ListTariffLines(grpc::ServerContext* ctx, const pb::ListTariffLinesRequest* req,
                               pb::ListTariffLinesResponse* resp) override {
    return platform_.Serve(ctx, roles::kListTariffLines, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(std::optional<Day> on,
                            ToOptionalDay(req->has_valid_on(), req->valid_on(), "valid_on"));
      OZJT_ASSIGN_OR_RETURN(auto lines, contracts_.TariffLines(r, id, on));
      for (const auto& l : lines) ToProto(l.line, l.below_floor, resp->add_lines());
      return absl::OkStatus();
    });
  }

  grpc::Status CreateTariffLine(grpc::ServerContext* ctx, const pb::CreateTariffLineRequest* req,
                                pb::TariffLine* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kCreateTariffLine, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->line();
          TariffLine l;
          OZJT_ASSIGN_OR_RETURN(l.contract_id,
                                ParseName(in.contract(), "contracts", "line.contract"));
          l.law = EnumFrom<TariffLaw>(in.law(), pb::TariffLaw_MAX);
          l.variant = EnumFrom<Variant>(in.variant(), pb::Variant_MAX);
          l.product_category = in.product_category();
          l.product_code = in.product_code();
          l.description = in.description();
          l.unit = in.unit();
          l.amount_cents = in.amount_cents();
          l.municipality_codes.assign(in.municipality_codes().begin(),
                                      in.municipality_codes().end());
          OZJT_ASSIGN_OR_RETURN(l.valid_from, ToDay(in.valid_from(), "line.valid_from"));
          OZJT_ASSIGN_OR_RETURN(l.valid_to,
                                ToOptionalDay(in.has_valid_to(), in.valid_to(), "line.valid_to"));
          l.index_year = in.index_year();
          OZJT_ASSIGN_OR_RETURN(l.supersedes_id, ParseOptionalName(in.supersedes(), "tariffLines",
                                                                   "line.supersedes"));
          OZJT_ASSIGN_OR_RETURN(TariffLineView v, contracts_.CreateTariffLine(r, std::move(l)));
          ToProto(v.line, v.below_floor, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status CreateIndexFigure(grpc::ServerContext* ctx, const pb::CreateIndexFigureRequest* req,
                                 pb::IndexFigure* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kCreateIndexFigure, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->figure();
          OZJT_ASSIGN_OR_RETURN(int64_t h, Hundredths(in.percent(), "figure.percent"));
          IndexFigure f{in.component(), in.year(),
                        EnumFrom<FigureKind>(in.kind(), pb::FigureKind_MAX), h};
          OZJT_ASSIGN_OR_RETURN(IndexFigure out, contracts_.CreateFigure(r, f));
          FigureToProto(out, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListIndexFigures(grpc::ServerContext* ctx, const pb::ListIndexFiguresRequest* req,
                                pb::ListIndexFiguresResponse* resp) override {
    return platform_.Serve(
        ctx, roles::kListIndexFigures, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(auto figures, contracts_.Figures(r, req->component()));
          for (const auto& f : figures) FigureToProto(f, resp->add_figures());
          return absl::OkStatus();
        });
  }

  grpc::Status CreateTariffFloor(grpc::ServerContext* ctx, const pb::CreateTariffFloorRequest* req,
                                 pb::TariffFloor* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kCreateTariffFloor, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const auto& in = req->floor();
          OZJT_ASSIGN_OR_RETURN(TariffFloor f,
                                contracts_.CreateFloor(r, {in.product_category(), in.product_code(),
                                                           in.year(), in.floor_cents()}));
          *resp = in;
          return absl::OkStatus();
        });
  }

  grpc::Status ListTariffFloors(grpc::ServerContext* ctx, const pb::ListTariffFloorsRequest*,
                                pb::ListTariffFloorsResponse* resp) override {
    return platform_.Serve(ctx, roles::kListTariffFloors,
                           [&](const RequestInfo& r) -> absl::Status {
                             OZJT_ASSIGN_OR_RETURN(auto floors, contracts_.Floors(r));
                             for (const auto& f : floors) {
                               auto* out = resp->add_floors();
                               out->set_product_category(f.product_category);
                               out->set_product_code(f.product_code);
                               out->set_year(f.year);
                               out->set_floor_cents(f.floor_cents);
                             }
                             return absl::OkStatus();
                           });
  }

  grpc::Status PreviewIndexation(grpc::ServerContext* ctx, const pb::PreviewIndexationRequest* req,
                                 pb::IndexationPreview* resp) override {
    return platform_.Serve(
        ctx, roles::kPreviewIndexation, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(IndexationResult result,
                                contracts_.PreviewIndexation(r, id, req->year()));
          ToProto(result, id, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ApplyIndexation(grpc::ServerContext* ctx, const pb::ApplyIndexationRequest* req,
                               pb::IndexationPreview* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kApplyIndexation, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(int64_t expected, Hundredths(req->expected_index_percent(),
                                                             "expected_index_percent"));
          OZJT_ASSIGN_OR_RETURN(IndexationResult result,
                                contracts_.ApplyIndexation(r, id, req->year(), expected));
          ToProto(result, id, resp);
          return absl::OkStatus();
        });
  }

 private:
  static void FigureToProto(const IndexFigure& f, pb::IndexFigure* out) {
    out->set_component(f.component);
    out->set_year(f.year);
    out->set_kind(static_cast<pb::FigureKind>(f.kind));
    out->set_percent(FormatHundredths(f.hundredths));
  }
  platform::Platform& platform_;
  Contracts& contracts_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewTariffService(platform::Platform& platform,
                                                Contracts& contracts) {
  return std::make_unique<TariffServiceImpl>(platform, contracts);
}

}  // namespace ozjt::contracts
