// gRPC handlers of the contracts service: proto <-> domain, nothing else. Who may call what
// is the MethodPolicy table; the rules are in contract.cc, legal.cc, tariff.cc, indexation.cc,
// vervoer.cc and contracts.cc.
#include <grpcpp/grpcpp.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "services/contracts/contracts.h"
#include "services/contracts/ical.h"
#include "services/contracts/module.h"
#include "services/platform/call.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

namespace pb = ::ozjt::contracts::v1;
using platform::EnumFrom;
using platform::FromDay;
using platform::FromTime;
using platform::MethodPolicy;
using platform::ParseName;
using platform::ParseOptionalName;
using platform::RequestInfo;
using platform::Role;
using platform::ToDay;
using platform::ToOptionalDay;

const std::vector<Role> kReaders = {
    Role::kOzjtContractManager, Role::kToezichthouder, Role::kGemeenteContractManager,
    Role::kScreeningOfficer,    Role::kAuditor,        Role::kAdmin};
const std::vector<Role> kWriters = {Role::kOzjtContractManager, Role::kAdmin};
const std::vector<Role> kLocalWriters = {Role::kOzjtContractManager, Role::kAdmin,
                                         Role::kGemeenteContractManager};

MethodPolicy Policy(const char* service, const char* method, const std::vector<Role>& roles) {
  return {absl::StrCat("/ozjt.contracts.v1.", service, "/", method), roles};
}
// Reads: every role (municipal users scoped). Terms, tariffs, legal tracks, KPI norms: OZJT
// contract managers and administrators. Notes and KPI measurements: also municipal users.
const MethodPolicy kGetContract = Policy("ContractService", "GetContract", kReaders);
const MethodPolicy kListContracts = Policy("ContractService", "ListContracts", kReaders);
const MethodPolicy kCreateContract = Policy("ContractService", "CreateContract", kWriters);
const MethodPolicy kUpdateContract = Policy("ContractService", "UpdateContract", kWriters);
const MethodPolicy kListContractHistory =
    Policy("ContractService", "ListContractHistory", kReaders);
const MethodPolicy kExerciseOption = Policy("ContractService", "ExerciseOption", kWriters);
const MethodPolicy kListAgenda = Policy("ContractService", "ListAgenda", kReaders);
const MethodPolicy kCreateContractNote =
    Policy("ContractService", "CreateContractNote", kLocalWriters);
const MethodPolicy kListContractNotes = Policy("ContractService", "ListContractNotes", kReaders);
const MethodPolicy kCreateLegalStep = Policy("ContractService", "CreateLegalStep", kWriters);
const MethodPolicy kRecordDefaultResponse =
    Policy("ContractService", "RecordDefaultResponse", kWriters);
const MethodPolicy kListLegalSteps = Policy("ContractService", "ListLegalSteps", kReaders);
const MethodPolicy kListTariffLines = Policy("TariffService", "ListTariffLines", kReaders);
const MethodPolicy kCreateTariffLine = Policy("TariffService", "CreateTariffLine", kWriters);
const MethodPolicy kCreateIndexFigure = Policy("TariffService", "CreateIndexFigure", kWriters);
const MethodPolicy kListIndexFigures = Policy("TariffService", "ListIndexFigures", kReaders);
const MethodPolicy kCreateTariffFloor = Policy("TariffService", "CreateTariffFloor", kWriters);
const MethodPolicy kListTariffFloors = Policy("TariffService", "ListTariffFloors", kReaders);
const MethodPolicy kPreviewIndexation = Policy("TariffService", "PreviewIndexation", kReaders);
const MethodPolicy kApplyIndexation = Policy("TariffService", "ApplyIndexation", kWriters);
const MethodPolicy kSetKpiDefinition = Policy("VervoerService", "SetKpiDefinition", kWriters);
const MethodPolicy kListKpiDefinitions = Policy("VervoerService", "ListKpiDefinitions", kReaders);
const MethodPolicy kRecordKpiMeasurement =
    Policy("VervoerService", "RecordKpiMeasurement", kLocalWriters);
const MethodPolicy kListKpiBreaches = Policy("VervoerService", "ListKpiBreaches", kReaders);
const MethodPolicy kListKpiMeasurements = Policy("VervoerService", "ListKpiMeasurements", kReaders);

// ---- proto <-> domain ----

absl::StatusOr<std::vector<Document>> DocumentsFrom(
    const google::protobuf::RepeatedPtrField<pb::Document>& docs, const std::string& field) {
  std::vector<Document> out;
  for (int i = 0; i < docs.size(); ++i) {
    OZJT_ASSIGN_OR_RETURN(
        std::optional<Day> date,
        ToOptionalDay(docs[i].has_date(), docs[i].date(), absl::StrCat(field, "[", i, "].date")));
    out.push_back({docs[i].title(), docs[i].link(), date});
  }
  return out;
}

void DocumentsTo(const std::vector<Document>& docs,
                 google::protobuf::RepeatedPtrField<pb::Document>* out) {
  for (const auto& d : docs) {
    auto* p = out->Add();
    p->set_title(d.title);
    p->set_link(d.link);
    if (d.date) FromDay(*d.date, p->mutable_date());
  }
}

absl::StatusOr<Contract> FromProto(const pb::Contract& in) {
  Contract c;
  c.reference = in.reference();
  c.title = in.title();
  c.kind = EnumFrom<ContractKind>(in.kind(), pb::ContractKind_MAX);
  OZJT_ASSIGN_OR_RETURN(c.parent_id,
                        ParseOptionalName(in.parent(), "contracts", "contract.parent"));
  c.domain = EnumFrom<ContractDomain>(in.domain(), pb::ContractDomain_MAX);
  c.family = EnumFrom<ContractFamily>(in.family(), pb::ContractFamily_MAX);
  for (int i = 0; i < in.providers_size(); ++i) {
    OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(in.providers(i), "providers",
                                                absl::StrCat("contract.providers[", i, "]")));
    c.provider_ids.push_back(id);
  }
  c.contracting_party = in.contracting_party();
  for (int i = 0; i < in.participations_size(); ++i) {
    const auto& p = in.participations(i);
    const std::string f = absl::StrCat("contract.participations[", i, "]");
    OZJT_ASSIGN_OR_RETURN(Day from, ToDay(p.valid_from(), f + ".valid_from"));
    OZJT_ASSIGN_OR_RETURN(std::optional<Day> to,
                          ToOptionalDay(p.has_valid_to(), p.valid_to(), f + ".valid_to"));
    c.participations.push_back({p.municipality_code(), from, to});
  }
  OZJT_ASSIGN_OR_RETURN(c.start_date, ToDay(in.start_date(), "contract.start_date"));
  OZJT_ASSIGN_OR_RETURN(c.end_date, ToDay(in.end_date(), "contract.end_date"));
  c.value_cents = in.value_cents();
  c.status = EnumFrom<ContractStatus>(in.status(), pb::ContractStatus_MAX);
  OZJT_ASSIGN_OR_RETURN(c.documents, DocumentsFrom(in.documents(), "contract.documents"));
  c.notice_months = in.notice_months();
  for (int i = 0; i < in.options_size(); ++i) {
    const auto& o = in.options(i);
    ExtensionOption option{o.number(), o.length_months(), o.unilateral(), o.notice_months(),
                           std::nullopt};
    if (o.has_exercise()) {
      // Only CreateContract uses these (an existing contract entered with options already
      // exercised); UpdateContract never exercises an option.
      const auto& e = o.exercise();
      const std::string f = absl::StrCat("contract.options[", i, "].exercise");
      OptionExercise ex;
      OZJT_ASSIGN_OR_RETURN(ex.notice_date, ToDay(e.notice_date(), f + ".notice_date"));
      ex.receipt_proof = e.receipt_proof();
      ex.consent_reference = e.consent_reference();
      ex.new_end_date = kUnsetDay;
      if (e.has_new_end_date()) {
        OZJT_ASSIGN_OR_RETURN(ex.new_end_date, ToDay(e.new_end_date(), f + ".new_end_date"));
      }
      option.exercise = std::move(ex);
    }
    c.options.push_back(std::move(option));
  }
  for (const auto& w : in.index_weights())
    c.index_weights.push_back({w.component(), w.weight_percent()});
  c.index_base_year = in.index_base_year();
  return c;
}

// For updates only the masked fields must parse: unmasked fields may be left empty.
absl::StatusOr<Contract> FromProtoMasked(const pb::Contract& in,
                                         const std::vector<std::string>& mask) {
  pb::Contract filled = in;
  auto masked = [&](const char* f) { return std::find(mask.begin(), mask.end(), f) != mask.end(); };
  if (!masked("start_date")) FromDay(Day(2000, 1, 1), filled.mutable_start_date());
  if (!masked("end_date")) FromDay(Day(2000, 1, 1), filled.mutable_end_date());
  // An update never exercises an option (ExerciseOption does): exercises sent back are ignored.
  for (auto& o : *filled.mutable_options()) o.clear_exercise();
  return FromProto(filled);
}

// `provider_names` (by id, from Contracts::ProviderNames) fills provider_display_names.
void ToProto(const Contract& c, Day today, pb::Contract* out,
             const std::map<int64_t, std::string>& provider_names = {}) {
  out->set_name(absl::StrCat("contracts/", c.id));
  out->set_reference(c.reference);
  out->set_title(c.title);
  out->set_kind(static_cast<pb::ContractKind>(c.kind));
  if (c.parent_id > 0) out->set_parent(absl::StrCat("contracts/", c.parent_id));
  out->set_domain(static_cast<pb::ContractDomain>(c.domain));
  out->set_family(static_cast<pb::ContractFamily>(c.family));
  for (int64_t p : c.provider_ids) {
    out->add_providers(absl::StrCat("providers/", p));
    auto name = provider_names.find(p);
    out->add_provider_display_names(name != provider_names.end() ? name->second : "");
  }
  out->set_contracting_party(c.contracting_party);
  for (const auto& p : c.participations) {
    auto* pp = out->add_participations();
    pp->set_municipality_code(p.municipality_code);
    FromDay(p.valid_from, pp->mutable_valid_from());
    if (p.valid_to) FromDay(*p.valid_to, pp->mutable_valid_to());
  }
  FromDay(c.start_date, out->mutable_start_date());
  FromDay(c.end_date, out->mutable_end_date());
  out->set_value_cents(c.value_cents);
  out->set_status(static_cast<pb::ContractStatus>(c.EffectiveStatus(today)));
  DocumentsTo(c.documents, out->mutable_documents());
  out->set_notice_months(c.notice_months > 0 ? c.notice_months : kStandardNoticeMonths);
  const auto deadlines = c.NoticeDeadlines();
  for (const auto& o : c.options) {
    auto* po = out->add_options();
    po->set_number(o.number);
    po->set_length_months(o.length_months);
    po->set_unilateral(o.unilateral);
    po->set_notice_months(c.NoticeMonthsOf(o));
    for (const auto& [number, day] : deadlines) {
      if (number == o.number) FromDay(day, po->mutable_notice_deadline());
    }
    if (o.exercise) {
      auto* e = po->mutable_exercise();
      FromDay(o.exercise->notice_date, e->mutable_notice_date());
      e->set_receipt_proof(o.exercise->receipt_proof);
      e->set_consent_reference(o.exercise->consent_reference);
      FromDay(o.exercise->new_end_date, e->mutable_new_end_date());
      e->set_exercised_by(o.exercise->exercised_by);
      if (o.exercise->notice_deadline) {
        FromDay(*o.exercise->notice_deadline, e->mutable_notice_deadline());
      }
      if (o.exercise->recorded_on) FromDay(*o.exercise->recorded_on, e->mutable_recorded_on());
      e->set_recorded_after_the_fact(o.exercise->after_the_fact);
    }
  }
  for (const auto& w : c.index_weights) {
    auto* pw = out->add_index_weights();
    pw->set_component(w.component);
    pw->set_weight_percent(w.weight_percent);
  }
  out->set_index_base_year(c.BaseYear());
  out->set_version(c.version);
  FromTime(c.create_time, out->mutable_create_time());
  FromTime(c.update_time, out->mutable_update_time());
}

void ToProto(const LegalStep& s, pb::LegalStep* out) {
  out->set_name(absl::StrCat("legalSteps/", s.id));
  out->set_contract(absl::StrCat("contracts/", s.contract_id));
  out->set_kind(static_cast<pb::LegalStepKind>(s.kind));
  FromDay(s.date, out->mutable_date());
  out->set_term_days(s.term_days);
  if (s.deadline) FromDay(*s.deadline, out->mutable_deadline());
  out->set_grounds(s.grounds);
  DocumentsTo(s.documents, out->mutable_documents());
  if (s.response_date) FromDay(*s.response_date, out->mutable_response_date());
  out->set_response(s.response);
  out->set_remedied(s.remedied);
  if (s.kind == LegalStepKind::kTariffDiscount)
    out->set_discount_percent(FormatHundredths(s.discount_hundredths));
  if (s.valid_from) FromDay(*s.valid_from, out->mutable_valid_from());
  if (s.valid_to) FromDay(*s.valid_to, out->mutable_valid_to());
  out->set_ground(static_cast<pb::TerminationGround>(s.ground));
  if (s.default_step_id > 0) out->set_default_step(absl::StrCat("legalSteps/", s.default_step_id));
  out->set_handover_note(s.handover_note);
  if (s.effective_date) FromDay(*s.effective_date, out->mutable_effective_date());
  out->set_created_by(s.created_by);
  FromTime(s.create_time, out->mutable_create_time());
}

absl::StatusOr<LegalStep> FromProto(const pb::LegalStep& in) {
  LegalStep s;
  OZJT_ASSIGN_OR_RETURN(s.contract_id, ParseName(in.contract(), "contracts", "step.contract"));
  s.kind = EnumFrom<LegalStepKind>(in.kind(), pb::LegalStepKind_MAX);
  OZJT_ASSIGN_OR_RETURN(s.date, ToDay(in.date(), "step.date"));
  s.term_days = in.term_days();
  OZJT_ASSIGN_OR_RETURN(s.deadline,
                        ToOptionalDay(in.has_deadline(), in.deadline(), "step.deadline"));
  if (s.kind == LegalStepKind::kIngebrekestelling) s.deadline.reset();  // computed
  s.grounds = in.grounds();
  OZJT_ASSIGN_OR_RETURN(s.documents, DocumentsFrom(in.documents(), "step.documents"));
  if (!in.discount_percent().empty()) {
    std::optional<int64_t> h = ParseHundredths(in.discount_percent());
    if (!h || *h <= 0)
      return platform::InvalidField(
          "step.discount_percent", "a percentage like 5.00",
          "Geef het kortingspercentage als getal, bijvoorbeeld 5 of 5,00.");
    s.discount_hundredths = *h;
  }
  OZJT_ASSIGN_OR_RETURN(s.valid_from,
                        ToOptionalDay(in.has_valid_from(), in.valid_from(), "step.valid_from"));
  OZJT_ASSIGN_OR_RETURN(s.valid_to,
                        ToOptionalDay(in.has_valid_to(), in.valid_to(), "step.valid_to"));
  s.ground = EnumFrom<TerminationGround>(in.ground(), pb::TerminationGround_MAX);
  OZJT_ASSIGN_OR_RETURN(s.default_step_id,
                        ParseOptionalName(in.default_step(), "legalSteps", "step.default_step"));
  s.handover_note = in.handover_note();
  OZJT_ASSIGN_OR_RETURN(
      s.effective_date,
      ToOptionalDay(in.has_effective_date(), in.effective_date(), "step.effective_date"));
  return s;
}

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
    if (i < r.new_line_ids.size())
      pl->set_new_line(absl::StrCat("tariffLines/", r.new_line_ids[i]));
  }
  for (const auto& w : r.plan.warnings) out->add_warnings(w);
  out->set_applied(r.applied);
}

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

absl::StatusOr<int64_t> Hundredths(const std::string& text, const std::string& field) {
  std::optional<int64_t> h = ParseHundredths(text);
  if (!h) {
    return platform::InvalidField(
        field, "a number with at most 2 decimals, e.g. 95.00",
        absl::StrCat("'", text, "' is geen getal met hoogstens 2 decimalen (bijvoorbeeld 95,00)."));
  }
  return *h;
}

// ---- services ----

class ContractServiceImpl final : public pb::ContractService::Service {
 public:
  ContractServiceImpl(platform::Platform& p, Contracts& c) : platform_(p), contracts_(c) {}

  grpc::Status GetContract(grpc::ServerContext* ctx, const pb::GetContractRequest* req,
                           pb::Contract* resp) override {
    return platform_.Serve(ctx, kGetContract, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "contracts", "name"));
      OZJT_ASSIGN_OR_RETURN(Contract c, contracts_.Get(r, id));
      OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
      ToProto(c, r.today, resp, names);
      return absl::OkStatus();
    });
  }

  grpc::Status ListContracts(grpc::ServerContext* ctx, const pb::ListContractsRequest* req,
                             pb::ListContractsResponse* resp) override {
    return platform_.Serve(ctx, kListContracts, [&](const RequestInfo& r) -> absl::Status {
      const auto& f = req->filter();
      ContractFilter filter;
      filter.text = f.text();
      filter.municipality_code = f.municipality_code();
      OZJT_ASSIGN_OR_RETURN(filter.provider_id,
                            ParseOptionalName(f.provider(), "providers", "filter.provider"));
      OZJT_ASSIGN_OR_RETURN(filter.parent_id,
                            ParseOptionalName(f.parent(), "contracts", "filter.parent"));
      if (f.family() != 0)
        filter.family = EnumFrom<ContractFamily>(f.family(), pb::ContractFamily_MAX);
      if (f.kind() != 0) filter.kind = EnumFrom<ContractKind>(f.kind(), pb::ContractKind_MAX);
      if (f.status() != 0)
        filter.status = EnumFrom<ContractStatus>(f.status(), pb::ContractStatus_MAX);
      OZJT_ASSIGN_OR_RETURN(ContractPage page,
                            contracts_.List(r, filter, req->page_size(), req->page_token()));
      OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, page.contracts));
      for (const auto& c : page.contracts) ToProto(c, r.today, resp->add_contracts(), names);
      resp->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status CreateContract(grpc::ServerContext* ctx, const pb::CreateContractRequest* req,
                              pb::Contract* resp) override {
    return platform_.Serve(ctx, kCreateContract, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(Contract in, FromProto(req->contract()));
      OZJT_ASSIGN_OR_RETURN(Contract c, contracts_.Create(r, std::move(in)));
      OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
      ToProto(c, r.today, resp, names);
      return absl::OkStatus();
    });
  }

  grpc::Status UpdateContract(grpc::ServerContext* ctx, const pb::UpdateContractRequest* req,
                              pb::Contract* resp) override {
    return platform_.Serve(ctx, kUpdateContract, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id,
                            ParseName(req->contract().name(), "contracts", "contract.name"));
      std::vector<std::string> mask(req->update_mask().paths().begin(),
                                    req->update_mask().paths().end());
      OZJT_ASSIGN_OR_RETURN(Contract changes, FromProtoMasked(req->contract(), mask));
      OZJT_ASSIGN_OR_RETURN(Contract c,
                            contracts_.Update(r, id, req->contract().version(), changes, mask));
      OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
      ToProto(c, r.today, resp, names);
      return absl::OkStatus();
    });
  }

  grpc::Status ListContractHistory(grpc::ServerContext* ctx,
                                   const pb::ListContractHistoryRequest* req,
                                   pb::ListContractHistoryResponse* resp) override {
    return platform_.Serve(ctx, kListContractHistory, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "contracts", "name"));
      OZJT_ASSIGN_OR_RETURN(HistoryPage page,
                            contracts_.History(r, id, req->page_size(), req->page_token()));
      for (const auto& v : page.versions) {
        auto* out = resp->add_versions();
        ToProto(v.contract, r.today, out->mutable_contract());
        out->set_actor(v.actor);
        out->set_method(v.method);
        FromTime(v.change_time, out->mutable_change_time());
      }
      resp->set_next_page_token(page.next_page_token);
      return absl::OkStatus();
    });
  }

  grpc::Status ExerciseOption(grpc::ServerContext* ctx, const pb::ExerciseOptionRequest* req,
                              pb::Contract* resp) override {
    return platform_.Serve(ctx, kExerciseOption, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(Day notice, ToDay(req->notice_date(), "notice_date"));
      OZJT_ASSIGN_OR_RETURN(
          Contract c, contracts_.Exercise(r, id, req->option_number(), notice, req->receipt_proof(),
                                          req->consent_reference(), req->version()));
      OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
      ToProto(c, r.today, resp, names);
      return absl::OkStatus();
    });
  }

  grpc::Status ListAgenda(grpc::ServerContext* ctx, const pb::ListAgendaRequest* req,
                          pb::ListAgendaResponse* resp) override {
    return platform_.Serve(ctx, kListAgenda, [&](const RequestInfo& r) -> absl::Status {
      AgendaRequest a;
      OZJT_ASSIGN_OR_RETURN(a.from,
                            ToOptionalDay(req->has_start_date(), req->start_date(), "start_date"));
      OZJT_ASSIGN_OR_RETURN(a.to, ToOptionalDay(req->has_end_date(), req->end_date(), "end_date"));
      a.municipality_code = req->municipality_code();
      a.region_code = req->region_code();
      OZJT_ASSIGN_OR_RETURN(a.provider_id,
                            ParseOptionalName(req->provider(), "providers", "provider"));
      if (req->family() != 0)
        a.family = EnumFrom<ContractFamily>(req->family(), pb::ContractFamily_MAX);
      for (int k : req->kinds()) a.kinds.push_back(EnumFrom<AgendaKind>(k, pb::AgendaKind_MAX));
      OZJT_ASSIGN_OR_RETURN(auto items, contracts_.Agenda(r, a));
      for (const auto& i : items) {
        auto* out = resp->add_items();
        FromDay(i.date, out->mutable_date());
        out->set_kind(static_cast<pb::AgendaKind>(i.kind));
        if (i.contract_id > 0) out->set_contract(absl::StrCat("contracts/", i.contract_id));
        out->set_contract_reference(i.contract_reference);
        out->set_contract_title(i.contract_title);
        out->set_family(static_cast<pb::ContractFamily>(i.family));
        for (int64_t p : i.provider_ids) out->add_providers(absl::StrCat("providers/", p));
        out->set_summary(i.summary);
        out->set_subject(i.subject);
      }
      return absl::OkStatus();
    });
  }

  grpc::Status CreateContractNote(grpc::ServerContext* ctx,
                                  const pb::CreateContractNoteRequest* req,
                                  pb::ContractNote* resp) override {
    return platform_.Serve(ctx, kCreateContractNote, [&](const RequestInfo& r) -> absl::Status {
      ContractNote note;
      OZJT_ASSIGN_OR_RETURN(note.contract_id,
                            ParseName(req->note().contract(), "contracts", "note.contract"));
      note.municipality_code = req->note().municipality_code();
      note.text = req->note().text();
      OZJT_ASSIGN_OR_RETURN(ContractNote n, contracts_.CreateNote(r, note));
      NoteToProto(n, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListContractNotes(grpc::ServerContext* ctx, const pb::ListContractNotesRequest* req,
                                 pb::ListContractNotesResponse* resp) override {
    return platform_.Serve(ctx, kListContractNotes, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(auto notes, contracts_.Notes(r, id));
      for (const auto& n : notes) NoteToProto(n, resp->add_notes());
      return absl::OkStatus();
    });
  }

  grpc::Status CreateLegalStep(grpc::ServerContext* ctx, const pb::CreateLegalStepRequest* req,
                               pb::LegalStep* resp) override {
    return platform_.Serve(ctx, kCreateLegalStep, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(LegalStep in, FromProto(req->step()));
      OZJT_ASSIGN_OR_RETURN(LegalStep s, contracts_.CreateLegalStep(r, std::move(in)));
      ToProto(s, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status RecordDefaultResponse(grpc::ServerContext* ctx,
                                     const pb::RecordDefaultResponseRequest* req,
                                     pb::LegalStep* resp) override {
    return platform_.Serve(ctx, kRecordDefaultResponse, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->step(), "legalSteps", "step"));
      OZJT_ASSIGN_OR_RETURN(Day date, ToDay(req->response_date(), "response_date"));
      OZJT_ASSIGN_OR_RETURN(LegalStep s, contracts_.RecordDefaultResponse(
                                             r, id, date, req->response(), req->remedied()));
      ToProto(s, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListLegalSteps(grpc::ServerContext* ctx, const pb::ListLegalStepsRequest* req,
                              pb::ListLegalStepsResponse* resp) override {
    return platform_.Serve(ctx, kListLegalSteps, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(auto steps, contracts_.LegalSteps(r, id));
      for (const auto& s : steps) ToProto(s, resp->add_steps());
      return absl::OkStatus();
    });
  }

 private:
  static void NoteToProto(const ContractNote& n, pb::ContractNote* out) {
    out->set_name(absl::StrCat("contractNotes/", n.id));
    out->set_contract(absl::StrCat("contracts/", n.contract_id));
    out->set_municipality_code(n.municipality_code);
    out->set_text(n.text);
    out->set_author(n.author);
    FromTime(n.create_time, out->mutable_create_time());
  }
  platform::Platform& platform_;
  Contracts& contracts_;
};

class TariffServiceImpl final : public pb::TariffService::Service {
 public:
  TariffServiceImpl(platform::Platform& p, Contracts& c) : platform_(p), contracts_(c) {}

  grpc::Status ListTariffLines(grpc::ServerContext* ctx, const pb::ListTariffLinesRequest* req,
                               pb::ListTariffLinesResponse* resp) override {
    return platform_.Serve(ctx, kListTariffLines, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(ctx, kCreateTariffLine, [&](const RequestInfo& r) -> absl::Status {
      const auto& in = req->line();
      TariffLine l;
      OZJT_ASSIGN_OR_RETURN(l.contract_id, ParseName(in.contract(), "contracts", "line.contract"));
      l.law = EnumFrom<TariffLaw>(in.law(), pb::TariffLaw_MAX);
      l.variant = EnumFrom<Variant>(in.variant(), pb::Variant_MAX);
      l.product_category = in.product_category();
      l.product_code = in.product_code();
      l.description = in.description();
      l.unit = in.unit();
      l.amount_cents = in.amount_cents();
      l.municipality_codes.assign(in.municipality_codes().begin(), in.municipality_codes().end());
      OZJT_ASSIGN_OR_RETURN(l.valid_from, ToDay(in.valid_from(), "line.valid_from"));
      OZJT_ASSIGN_OR_RETURN(l.valid_to,
                            ToOptionalDay(in.has_valid_to(), in.valid_to(), "line.valid_to"));
      l.index_year = in.index_year();
      OZJT_ASSIGN_OR_RETURN(l.supersedes_id,
                            ParseOptionalName(in.supersedes(), "tariffLines", "line.supersedes"));
      OZJT_ASSIGN_OR_RETURN(TariffLineView v, contracts_.CreateTariffLine(r, std::move(l)));
      ToProto(v.line, v.below_floor, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status CreateIndexFigure(grpc::ServerContext* ctx, const pb::CreateIndexFigureRequest* req,
                                 pb::IndexFigure* resp) override {
    return platform_.Serve(ctx, kCreateIndexFigure, [&](const RequestInfo& r) -> absl::Status {
      const auto& in = req->figure();
      OZJT_ASSIGN_OR_RETURN(int64_t h, Hundredths(in.percent(), "figure.percent"));
      IndexFigure f{in.component(), in.year(), EnumFrom<FigureKind>(in.kind(), pb::FigureKind_MAX),
                    h};
      OZJT_ASSIGN_OR_RETURN(IndexFigure out, contracts_.CreateFigure(r, f));
      FigureToProto(out, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ListIndexFigures(grpc::ServerContext* ctx, const pb::ListIndexFiguresRequest* req,
                                pb::ListIndexFiguresResponse* resp) override {
    return platform_.Serve(ctx, kListIndexFigures, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(auto figures, contracts_.Figures(r, req->component()));
      for (const auto& f : figures) FigureToProto(f, resp->add_figures());
      return absl::OkStatus();
    });
  }

  grpc::Status CreateTariffFloor(grpc::ServerContext* ctx, const pb::CreateTariffFloorRequest* req,
                                 pb::TariffFloor* resp) override {
    return platform_.Serve(ctx, kCreateTariffFloor, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(ctx, kListTariffFloors, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(ctx, kPreviewIndexation, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(IndexationResult result,
                            contracts_.PreviewIndexation(r, id, req->year()));
      ToProto(result, id, resp);
      return absl::OkStatus();
    });
  }

  grpc::Status ApplyIndexation(grpc::ServerContext* ctx, const pb::ApplyIndexationRequest* req,
                               pb::IndexationPreview* resp) override {
    return platform_.Serve(ctx, kApplyIndexation, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(int64_t expected,
                            Hundredths(req->expected_index_percent(), "expected_index_percent"));
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

class VervoerServiceImpl final : public pb::VervoerService::Service {
 public:
  VervoerServiceImpl(platform::Platform& p, Contracts& c) : platform_(p), contracts_(c) {}

  grpc::Status SetKpiDefinition(grpc::ServerContext* ctx, const pb::SetKpiDefinitionRequest* req,
                                pb::KpiDefinition* resp) override {
    return platform_.Serve(ctx, kSetKpiDefinition, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(ctx, kListKpiDefinitions, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(auto defs, contracts_.KpiDefinitions(r, id));
      for (const auto& d : defs) ToProto(d, resp->add_definitions());
      return absl::OkStatus();
    });
  }

  grpc::Status RecordKpiMeasurement(grpc::ServerContext* ctx,
                                    const pb::RecordKpiMeasurementRequest* req,
                                    pb::KpiMeasurement* resp) override {
    return platform_.Serve(ctx, kRecordKpiMeasurement, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(ctx, kListKpiBreaches, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id,
                            ParseOptionalName(req->contract(), "contracts", "contract"));
      OZJT_ASSIGN_OR_RETURN(auto breaches, contracts_.Breaches(r, id, req->period()));
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
    return platform_.Serve(ctx, kListKpiMeasurements, [&](const RequestInfo& r) -> absl::Status {
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

class ContractsModule final : public platform::ServiceModule {
 public:
  ContractsModule(platform::Platform& platform, ContractStore* store, ContractRefs refs,
                  TariffRefs tariff_refs, int supervision_grace_days)
      : platform_(platform),
        store_(store),
        contracts_(*store_, std::move(refs), std::move(tariff_refs), supervision_grace_days),
        contract_service_(platform, contracts_),
        tariff_service_(platform, contracts_),
        vervoer_service_(platform, contracts_) {}

  std::vector<Registration> GrpcServices() override {
    return {{pb::ContractService::service_full_name(), &contract_service_},
            {pb::TariffService::service_full_name(), &tariff_service_},
            {pb::VervoerService::service_full_name(), &vervoer_service_}};
  }

  std::vector<platform::HttpRoute> HttpRoutes() override {
    return {{"/agenda.ics", [this](const platform::HttpRequest& req) {
               return AgendaFeed(platform_, contracts_, req);
             }}};
  }

 private:
  platform::Platform& platform_;
  std::unique_ptr<ContractStore> store_;
  Contracts contracts_;
  ContractServiceImpl contract_service_;
  TariffServiceImpl tariff_service_;
  VervoerServiceImpl vervoer_service_;
};

}  // namespace

platform::ModuleEntry ContractsModuleEntry() {
  return {
      "contracts",
      [](platform::Platform& platform) -> absl::StatusOr<std::unique_ptr<platform::ServiceModule>> {
        auto store = std::make_unique<ContractStore>(platform.pool());
        // Reference codes change only through migrations: read once at start-up.
        OZJT_ASSIGN_OR_RETURN(ContractRefs refs, store->LoadContractRefs(platform::NoDeadline()));
        OZJT_ASSIGN_OR_RETURN(TariffRefs tariff_refs,
                              store->LoadTariffRefs(platform::NoDeadline()));
        OZJT_ASSIGN_OR_RETURN(int grace, supervision::GraceDaysFromEnvironment());
        return std::unique_ptr<platform::ServiceModule>(new ContractsModule(
            platform, store.release(), std::move(refs), std::move(tariff_refs), grace));
      }};
}

}  // namespace ozjt::contracts
