// gRPC handler of the insight service: the import stream and proto <-> domain. Who may call
// what is the MethodPolicy table; the rules are in insight.cc, ijw.cc and measures.cc.
#include <grpcpp/grpcpp.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "ozjt/insight/v1/insight.grpc.pb.h"
#include "services/insight/insight.h"
#include "services/insight/module.h"
#include "services/insight/pg_store.h"
#include "services/platform/calendar.h"
#include "services/platform/call.h"
#include "services/platform/csv.h"
#include "services/platform/pdf.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::insight {
namespace {

namespace pb = ::ozjt::insight::v1;
using platform::MethodPolicy;
using platform::RequestInfo;
using platform::Role;

// A message file larger than this is refused (a claim of thousands of lines stays far below).
constexpr size_t kMaxFileBytes = 64u << 20;

MethodPolicy Policy(const char* method, const std::vector<Role>& roles) {
  return {absl::StrCat("/ozjt.insight.v1.InsightService/", method), roles};
}
MethodPolicy WritePolicy(MethodPolicy p) {
  p.call_class = platform::CallClass::kWrite;
  return p;
}
const MethodPolicy kImportMessages =
    WritePolicy(Policy("ImportMessages", {Role::kOzjtContractManager, Role::kAdmin}));
const MethodPolicy kGetQuarterFigures = platform::HeavyRead(
    Policy("GetQuarterFigures", {Role::kOzjtContractManager, Role::kToezichthouder, Role::kAuditor,
                                 Role::kAdmin, Role::kGemeenteContractManager}));

const MethodPolicy kGetReport = platform::HeavyRead(
    Policy("GetReport", {Role::kOzjtContractManager, Role::kToezichthouder, Role::kAuditor,
                         Role::kAdmin, Role::kGemeenteContractManager}));
const MethodPolicy kSetSpendingCeiling =
    WritePolicy(Policy("SetSpendingCeiling", {Role::kOzjtContractManager, Role::kAdmin}));
const MethodPolicy kRecordCeilingStep =
    WritePolicy(Policy("RecordCeilingStep", {Role::kOzjtContractManager, Role::kAdmin}));
const MethodPolicy kListSpendingCeilings = platform::HeavyRead(Policy(
    "ListSpendingCeilings",
    {Role::kOzjtContractManager, Role::kAuditor, Role::kAdmin, Role::kGemeenteContractManager}));

pb::Outcome OutcomeOf(FileOutcome::Kind k) {
  switch (k) {
    case FileOutcome::kImported:
      return pb::OUTCOME_IMPORTED;
    case FileOutcome::kAlreadyImported:
      return pb::OUTCOME_ALREADY_IMPORTED;
    case FileOutcome::kRefused:
      return pb::OUTCOME_REFUSED;
    case FileOutcome::kValid:
      return pb::OUTCOME_VALID;
  }
  return pb::OUTCOME_UNSPECIFIED;
}

absl::Status CheckFileName(const std::string& name) {
  if (name.empty() || name.size() > 500 || platform::FindControlCharacter(name)) {
    return platform::InvalidField(
        "file_name", "1 to 500 characters without control characters",
        "Elk bestand heeft een naam van 1 tot en met 500 tekens zonder stuurtekens.");
  }
  return absl::OkStatus();
}

// Small counts for municipal users: 1 to 4 read "<5".
void SetCount(int64_t value, bool suppress, pb::Count* out) {
  const bool small = suppress && value > 0 && value < 5;
  out->set_value(small ? 0 : value);
  out->set_suppressed(small);
  out->set_shown(small ? "<5" : std::to_string(value));
}

// A count of a hidden total: "x" (report.h).
void SetHidden(pb::Count* out) {
  out->set_suppressed(true);
  out->set_shown("x");
}

// Fills a row; `hide` hides amounts, volumes and waiting times; `hide_counts` (a hidden
// total) its counts too.
void ToProto(const Figures& f, bool suppress, bool hide, pb::FigureRow* out,
             bool hide_counts = false) {
  for (const auto& [n, count] : {std::pair{f.clients_allocated, out->mutable_clients_allocated()},
                                 std::pair{f.clients_served, out->mutable_clients_served()},
                                 std::pair{f.allocations, out->mutable_allocations()},
                                 std::pair{f.not_started, out->mutable_not_started()}}) {
    if (hide_counts) {
      SetHidden(count);
    } else {
      SetCount(n, suppress, count);
    }
  }
  for (const auto& [reason, n] : f.ended_by_reason) {
    auto* e = out->add_ended();
    e->set_reason(reason);
    if (hide_counts) {
      SetHidden(e->mutable_count());
    } else {
      SetCount(n, suppress, e->mutable_count());
    }
  }
  out->set_suppressed(hide);
  out->set_norm_days(f.waits.norm_days);
  if (hide) return;
  out->set_tariff_deviations(f.tariff_deviations);
  out->set_deviation_cents(f.deviation_cents);
  for (const auto& [unit, v] : f.volume_by_unit) {
    auto* u = out->add_volumes();
    u->set_unit(unit);
    u->set_unit_name(UnitName(unit));
    u->set_allocated(std::round(v.allocated * 10) / 10);
    u->set_delivered(v.delivered);
  }
  out->set_declared_cents(f.declared_cents);
  out->set_granted_cents(f.granted_cents);
  out->set_rejected_cents(f.rejected_cents);
  out->set_pending_cents(f.pending_cents);
  out->set_starts(f.waits.count);
  out->set_wait_median_days(f.waits.median_days);
  out->set_wait_p80_days(f.waits.p80_days);
  out->set_within_norm(f.waits.within_norm);
}

constexpr size_t kMaxDeviations = 500;

void AddDeviations(Insight::Answer& a, pb::QuarterFigures* resp) {
  for (size_t i = 0; i < a.figures.deviations.size() && i < kMaxDeviations; ++i) {
    const TariffDeviation& d = a.figures.deviations[i];
    auto* out = resp->add_deviations();
    out->set_agb_code(d.agb);
    auto p = a.providers.find(d.agb);
    if (p != a.providers.end()) out->set_provider_name(p->second.name);
    out->set_law(Code(d.law));
    out->set_contract(absl::StrCat("contracts/", d.contract_id));
    out->set_contract_reference(a.contract_references[d.contract_id]);
    out->set_claim_number(d.claim_number);
    out->set_reference(d.reference);
    out->set_product_category(d.product.category);
    out->set_product_code(d.product.code);
    out->set_period_from(absl::FormatCivilTime(d.from));
    out->set_period_to(absl::FormatCivilTime(d.to));
    out->set_volume(d.volume);
    out->set_unit(d.unit);
    out->set_tariff_cents(d.tariff_cents);
    out->set_contract_tariff_cents(d.contract_cents);
    out->set_effect_cents(d.effect_cents);
    out->set_rejected(d.rejected);
  }
}

// Hands the files of the stream (from `chunk`, the first request) to `import`, each whole: a
// chunk with another file name starts the next file; a request's whole files follow its chunk.
// A file over kMaxFileBytes is refused unread.
class FileReader {
 public:
  explicit FileReader(Insight::Import& import) : import_(import) {}

  absl::Status Run(grpc::ServerReader<pb::ImportMessagesRequest>& reader,
                   pb::ImportMessagesRequest& request) {
    do {
      if (!request.file_name().empty() || !request.data().empty()) {
        OZJT_RETURN_IF_ERROR(Chunk(request.file_name(), request.data()));
      }
      if (request.files_size() > 0) OZJT_RETURN_IF_ERROR(FinishFile());
      for (const auto& file : request.files()) {
        OZJT_RETURN_IF_ERROR(CheckFileName(file.file_name()));
        if (file.data().size() > kMaxFileBytes) {
          TooLarge(file.file_name());
        } else {
          OZJT_RETURN_IF_ERROR(import_.Add(file.file_name(), file.data()));
        }
      }
    } while (reader.Read(&request));
    return FinishFile();
  }

 private:
  absl::Status Chunk(const std::string& file_name, const std::string& data) {
    if (!open_ || file_name != name_) {
      OZJT_RETURN_IF_ERROR(FinishFile());
      OZJT_RETURN_IF_ERROR(CheckFileName(file_name));
      name_ = file_name;
      open_ = true;
    }
    if (data_.size() + data.size() > kMaxFileBytes) {
      too_large_ = true;
      data_.clear();
    } else if (!too_large_) {
      data_ += data;
    }
    return absl::OkStatus();
  }

  absl::Status FinishFile() {
    if (!open_) return absl::OkStatus();
    open_ = false;
    absl::Status status = absl::OkStatus();
    if (too_large_) {
      TooLarge(name_);
    } else {
      status = import_.Add(name_, data_);
    }
    data_.clear();
    too_large_ = false;
    return status;
  }

  void TooLarge(const std::string& name) {
    import_.Refuse(
        name,
        {"", absl::StrCat("a message file is at most ", kMaxFileBytes >> 20, " MiB"),
         absl::StrCat("een berichtbestand is hoogstens ", kMaxFileBytes >> 20, " MiB groot")});
  }

  Insight::Import& import_;
  std::string name_, data_;
  bool open_ = false;
  bool too_large_ = false;
};

void ToProto(const ImportSummary& summary, pb::ImportMessagesResponse* resp) {
  for (const FileOutcome& o : summary.listed) {
    auto* f = resp->add_files();
    f->set_file_name(o.file_name);
    f->set_outcome(OutcomeOf(o.kind));
    f->set_message_type(o.message_type);
    f->set_sender(o.sender);
    f->set_identification(o.identification);
    f->set_path(o.violation.path);
    f->set_rule(o.violation.rule);
    f->set_dutch(o.violation.dutch);
    f->set_items(o.items);
  }
  resp->set_imported(static_cast<int32_t>(summary.imported));
  resp->set_already_imported(static_cast<int32_t>(summary.already_imported));
  resp->set_refused(static_cast<int32_t>(summary.refused));
  resp->set_valid(static_cast<int32_t>(summary.valid));
  resp->set_file_count(static_cast<int32_t>(summary.files));
  resp->set_all_files_listed(summary.all_listed);
}

const char* ClockCode(ClockKind k) {
  switch (k) {
    case ClockKind::kIntention:
      return "intention";
    case ClockKind::kDecision:
      return "decision";
    case ClockKind::kJointPlan:
      return "joint_plan";
    case ClockKind::kConsultation:
      return "consultation";
    case ClockKind::kAdjustment:
      return "adjustment";
  }
  return "";
}

std::string DayText(const std::optional<absl::CivilDay>& d) {
  return d ? platform::FormatDay(*d) : "";
}

void ToProto(const Insight::CeilingView& v, pb::SpendingCeiling* out) {
  const SpendingCeiling& c = v.ceiling;
  out->set_name(absl::StrCat("spendingCeilings/", c.id));
  out->set_contract(absl::StrCat("contracts/", c.contract_id));
  out->set_contract_reference(v.contract_reference);
  out->set_provider(absl::StrCat("providers/", c.provider_id));
  out->set_provider_name(v.provider_name);
  out->set_municipality_code(c.municipality);
  out->set_municipality_name(v.municipality_name);
  out->set_year(c.year);
  out->set_starts_on(platform::FormatDay(c.starts_on));
  out->set_amount_cents(c.amount_cents);
  out->set_spent_cents(v.use.spent_cents);
  out->set_forecast_cents(v.use.forecast_cents);
  out->set_forecast_from(platform::FormatDay(v.use.forecast_from));
  out->set_used_percent(v.use.used_percent);
  out->set_seventy_percent(v.use.seventy_percent);
  out->set_forecast_overrun(v.use.forecast_overrun);
  out->set_notified_on(DayText(c.notified_on));
  out->set_consulted_on(DayText(c.consulted_on));
  out->set_decided_on(DayText(c.decided_on));
  for (const CeilingClock& clock : ClocksOf(c)) {
    auto* o = out->add_clocks();
    o->set_due(platform::FormatDay(clock.due));
    o->set_kind(ClockCode(clock.kind));
    o->set_summary(clock.dutch);
  }
}

// A ceiling from the request (INVALID_ARGUMENT naming the field for a bad name or day).
absl::StatusOr<SpendingCeiling> CeilingOf(const pb::SetSpendingCeilingRequest& req) {
  SpendingCeiling c;
  OZJT_ASSIGN_OR_RETURN(c.contract_id,
                        platform::ParseName(req.contract(), "contracts", "contract"));
  OZJT_ASSIGN_OR_RETURN(c.provider_id,
                        platform::ParseName(req.provider(), "providers", "provider"));
  c.municipality = req.municipality_code();
  c.year = req.year();
  c.amount_cents = req.amount_cents();
  c.starts_on = absl::CivilDay(c.year, 1, 1);
  if (!req.starts_on().empty()) {
    std::optional<absl::CivilDay> day = platform::ParseDay(req.starts_on());
    if (!day) {
      return platform::InvalidField(
          "starts_on", "a date YYYY-MM-DD",
          absl::StrCat("Ingangsdatum '", req.starts_on(), "' is geen datum (jjjj-mm-dd)."));
    }
    c.starts_on = *day;
  }
  return c;
}

class InsightServiceImpl final : public pb::InsightService::Service {
 public:
  InsightServiceImpl(platform::Platform& p, Insight& insight) : platform_(p), insight_(insight) {}

  grpc::Status ImportMessages(grpc::ServerContext* ctx,
                              grpc::ServerReader<pb::ImportMessagesRequest>* reader,
                              pb::ImportMessagesResponse* resp) override {
    return platform_.Serve(ctx, kImportMessages, [&](const RequestInfo& r) -> absl::Status {
      pb::ImportMessagesRequest chunk;
      if (!reader->Read(&chunk)) {
        return platform::InvalidField("file_name", "no file was sent",
                                      "Er is geen bestand meegestuurd.");
      }
      OZJT_ASSIGN_OR_RETURN(auto import, insight_.StartImport(r, chunk.validate_only()));
      OZJT_RETURN_IF_ERROR(FileReader(*import).Run(*reader, chunk));
      OZJT_ASSIGN_OR_RETURN(ImportSummary summary, import->Finish());
      ToProto(summary, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status GetQuarterFigures(grpc::ServerContext* ctx, const pb::GetQuarterFiguresRequest* req,
                                 pb::QuarterFigures* resp) override {
    return platform_.Serve(ctx, kGetQuarterFigures, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(Insight::Answer a, insight_.QuarterFiguresFor(
                                                   r, req->municipality_code(), req->quarter()));
      resp->set_municipality_code(a.municipality_code);
      resp->set_municipality_name(a.municipality_name);
      resp->set_quarter(a.figures.quarter.Code());
      resp->set_suppressed(a.suppressed);
      bool any_hidden = false;
      for (const auto& [key, f] : a.figures.rows) {
        auto* row = resp->add_rows();
        row->set_agb_code(key.agb);
        auto p = a.providers.find(key.agb);
        if (p != a.providers.end()) {
          row->set_provider(absl::StrCat("providers/", p->second.id));
          row->set_provider_name(p->second.name);
        }
        row->set_law(Code(key.law));
        if (key.contract_id != 0) {
          row->set_contract(absl::StrCat("contracts/", key.contract_id));
          row->set_contract_reference(a.contract_references[key.contract_id]);
        }
        row->set_product_category(key.category);
        row->set_product_code(key.code);
        const bool hide = a.suppressed && HasSmallCount(f);
        any_hidden = any_hidden || hide;
        ToProto(f, a.suppressed, hide, row);
      }
      const bool total_hidden = a.suppressed && (any_hidden || HasSmallCount(a.figures.total));
      ToProto(a.figures.total, a.suppressed, total_hidden, resp->mutable_total(), total_hidden);
      resp->set_deviations_total(static_cast<int32_t>(a.figures.deviations.size()));
      if (!a.suppressed) AddDeviations(a, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status SetSpendingCeiling(grpc::ServerContext* ctx,
                                  const pb::SetSpendingCeilingRequest* req,
                                  pb::SpendingCeiling* resp) override {
    return platform_.Serve(ctx, kSetSpendingCeiling, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(SpendingCeiling c, CeilingOf(*req));
      OZJT_ASSIGN_OR_RETURN(Insight::CeilingView v, insight_.SetCeiling(r, std::move(c)));
      ToProto(v, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status RecordCeilingStep(grpc::ServerContext* ctx, const pb::RecordCeilingStepRequest* req,
                                 pb::SpendingCeiling* resp) override {
    return platform_.Serve(ctx, kRecordCeilingStep, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id,
                            platform::ParseName(req->name(), "spendingCeilings", "name"));
      if (req->step() < pb::CEILING_STEP_NOTIFIED || req->step() > pb::CEILING_STEP_DECIDED) {
        return platform::InvalidField("step", "notified, consulted or decided",
                                      "Kies de stap: melding, overleg of besluit.");
      }
      const std::optional<absl::CivilDay> day = platform::ParseDay(req->day());
      if (!day) {
        return platform::InvalidField(
            "day", "a date YYYY-MM-DD",
            absl::StrCat("Datum '", req->day(), "' is geen datum (jjjj-mm-dd)."));
      }
      const auto step = static_cast<CeilingStep>(req->step() - pb::CEILING_STEP_NOTIFIED);
      OZJT_ASSIGN_OR_RETURN(Insight::CeilingView v, insight_.RecordCeilingStep(r, id, step, *day));
      ToProto(v, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListSpendingCeilings(grpc::ServerContext* ctx,
                                    const pb::ListSpendingCeilingsRequest* req,
                                    pb::ListSpendingCeilingsResponse* resp) override {
    return platform_.Serve(ctx, kListSpendingCeilings, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto views,
                            insight_.CeilingsFor(r, req->year(), req->municipality_code()));
      for (const auto& v : views) ToProto(v, resp->add_ceilings());
      return absl::OkStatus();
    });
  }

  grpc::Status GetReport(grpc::ServerContext* ctx, const pb::GetReportRequest* req,
                         pb::ReportFile* resp) override {
    return platform_.Serve(ctx, kGetReport, [&](const RequestInfo& r) -> absl::Status {
      if (req->format() < pb::REPORT_FORMAT_CSV || req->format() > pb::REPORT_FORMAT_PDF) {
        return platform::InvalidField("format", "csv, svg or pdf", "Kies CSV, SVG of PDF.");
      }
      OZJT_ASSIGN_OR_RETURN(Report report, insight_.ReportFor(r, req->municipality_code(),
                                                              req->period(), req->external()));
      const std::string name = ReportFileName(report);
      resp->set_suppressed(report.suppressed);
      if (req->format() == pb::REPORT_FORMAT_CSV) {
        resp->set_file_name(name + ".csv");
        resp->set_content_type("text/csv; charset=utf-8");
        resp->set_content(ReportCsv(report));
      } else if (req->format() == pb::REPORT_FORMAT_SVG) {
        resp->set_file_name(name + ".svg");
        resp->set_content_type("image/svg+xml");
        resp->set_content(ReportSvg(report));
      } else {
        OZJT_ASSIGN_OR_RETURN(std::string pdf, platform::RenderPdf(ReportPdf(report)));
        resp->set_file_name(name + ".pdf");
        resp->set_content_type("application/pdf");
        resp->set_content(std::move(pdf));
      }
      return absl::OkStatus();
    });
  }

 private:
  platform::Platform& platform_;
  Insight& insight_;
};

class InsightModule final : public platform::ServiceModule {
 public:
  InsightModule(platform::Platform& platform, std::optional<Pseudonymiser> pseudonymiser,
                WaitNorms norms)
      : store_(platform.pool()),
        insight_(store_, std::move(pseudonymiser), std::move(norms)),
        service_(platform, insight_) {}
  std::vector<Registration> GrpcServices() override {
    return {{pb::InsightService::service_full_name(), &service_}};
  }

 private:
  PgInsightStore store_;
  Insight insight_;
  InsightServiceImpl service_;
};

}  // namespace

platform::ModuleEntry InsightModuleEntry() {
  return {
      "insight",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        const platform::InsightConfig& config = platform.modules().insight;
        OZJT_ASSIGN_OR_RETURN(WaitNorms norms, ParseWaitNorms(config.wait_norms));
        std::optional<Pseudonymiser> pseudonymiser;
        if (!config.key_file.empty()) {
          OZJT_ASSIGN_OR_RETURN(pseudonymiser,
                                Pseudonymiser::FromFile(config.key_file, config.key_version));
        }
        return std::unique_ptr<platform::ServiceModule>(
            new InsightModule(platform, std::move(pseudonymiser), std::move(norms)));
      }};
}

}  // namespace ozjt::insight
