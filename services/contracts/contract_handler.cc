// ozjt.contracts.v1.ContractService: contracts and lots, their history, extension options, the
// agenda, notes and legal steps. Proto <-> domain, nothing else; who may call what is in
// roles.cc, the rules in contract.cc, legal.cc and contracts.cc.
#include "services/contracts/contract_handler.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "services/contracts/handler_fields.h"
#include "services/contracts/roles.h"
#include "services/platform/proto_convert.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

// The proto enums mirror the domain enums by number (EnumFrom, static_cast): keep them in step.
static_assert(static_cast<int>(OptionOutcome::kDecline) == pb::OPTION_OUTCOME_DECLINE);
static_assert(static_cast<int>(LetterKind::kOpzegging) == pb::LETTER_KIND_OPZEGGING);
static_assert(static_cast<int>(LetterKind::kOptionExercise) == pb::LETTER_KIND_OPTION_EXERCISE);
static_assert(static_cast<int>(AgendaKind::kNoticeDeadline) == pb::AGENDA_KIND_NOTICE_DEADLINE);
static_assert(static_cast<int>(AgendaKind::kContractEnd) == pb::AGENDA_KIND_CONTRACT_END);
static_assert(static_cast<int>(AgendaKind::kLegalDeadline) == pb::AGENDA_KIND_LEGAL_DEADLINE);
static_assert(static_cast<int>(AgendaKind::kTariffBelowFloor) ==
              pb::AGENDA_KIND_TARIFF_BELOW_FLOOR);
static_assert(static_cast<int>(AgendaKind::kRecoveryPlanDue) == pb::AGENDA_KIND_RECOVERY_PLAN_DUE);
static_assert(static_cast<int>(AgendaKind::kEvidenceDue) == pb::AGENDA_KIND_EVIDENCE_DUE);
static_assert(static_cast<int>(AgendaKind::kSupervisionAction) ==
              pb::AGENDA_KIND_SUPERVISION_ACTION);
static_assert(static_cast<int>(AgendaKind::kReinspection) == pb::AGENDA_KIND_REINSPECTION);
static_assert(static_cast<int>(AgendaKind::kSupervisionSignal) ==
              pb::AGENDA_KIND_SUPERVISION_SIGNAL);
static_assert(static_cast<int>(AgendaKind::kCalamityMeasures) == pb::AGENDA_KIND_CALAMITY_MEASURES);
static_assert(static_cast<int>(AgendaKind::kSpendingCeiling) == pb::AGENDA_KIND_SPENDING_CEILING);
static_assert(static_cast<int>(AgendaKind::kSpendingCeiling) == pb::AgendaKind_MAX);
static_assert(static_cast<int>(ContractKind::kFramework) == pb::CONTRACT_KIND_FRAMEWORK);
static_assert(static_cast<int>(ContractKind::kLot) == pb::CONTRACT_KIND_LOT);
static_assert(static_cast<int>(ContractKind::kCallOff) == pb::CONTRACT_KIND_CALL_OFF);
static_assert(static_cast<int>(ContractKind::kSubsidy) == pb::CONTRACT_KIND_SUBSIDY);
static_assert(static_cast<int>(ContractKind::kSingle) == pb::CONTRACT_KIND_SINGLE);
static_assert(static_cast<int>(ContractKind::kSingle) == pb::ContractKind_MAX);
static_assert(static_cast<int>(ContractDomain::kJeugdwet) == pb::CONTRACT_DOMAIN_JEUGDWET);
static_assert(static_cast<int>(ContractDomain::kWmo) == pb::CONTRACT_DOMAIN_WMO);
static_assert(static_cast<int>(ContractDomain::kBoth) == pb::CONTRACT_DOMAIN_BOTH);
static_assert(static_cast<int>(ContractDomain::kBoth) == pb::ContractDomain_MAX);
static_assert(static_cast<int>(ContractFamily::kGeneral) == pb::CONTRACT_FAMILY_GENERAL);
static_assert(static_cast<int>(ContractFamily::kHo) == pb::CONTRACT_FAMILY_HO);
static_assert(static_cast<int>(ContractFamily::kVervoer) == pb::CONTRACT_FAMILY_VERVOER);
static_assert(static_cast<int>(ContractFamily::kVervoerCallcentre) ==
              pb::CONTRACT_FAMILY_VERVOER_CALLCENTRE);
static_assert(static_cast<int>(ContractFamily::kVervoerMonitoring) ==
              pb::CONTRACT_FAMILY_VERVOER_MONITORING);
static_assert(static_cast<int>(ContractFamily::kMedicatiecontrole) ==
              pb::CONTRACT_FAMILY_MEDICATIECONTROLE);
static_assert(static_cast<int>(ContractFamily::kJeugdzorgPlus) ==
              pb::CONTRACT_FAMILY_JEUGDZORG_PLUS);
static_assert(static_cast<int>(ContractFamily::kJbjr) == pb::CONTRACT_FAMILY_JBJR);
static_assert(static_cast<int>(ContractFamily::kOther) == pb::CONTRACT_FAMILY_OTHER);
static_assert(static_cast<int>(ContractFamily::kOther) == pb::ContractFamily_MAX);
static_assert(static_cast<int>(ContractStatus::kDraft) == pb::CONTRACT_STATUS_DRAFT);
static_assert(static_cast<int>(ContractStatus::kAwarded) == pb::CONTRACT_STATUS_AWARDED);
static_assert(static_cast<int>(ContractStatus::kActive) == pb::CONTRACT_STATUS_ACTIVE);
static_assert(static_cast<int>(ContractStatus::kExpired) == pb::CONTRACT_STATUS_EXPIRED);
static_assert(static_cast<int>(ContractStatus::kTerminated) == pb::CONTRACT_STATUS_TERMINATED);
static_assert(static_cast<int>(ContractStatus::kTerminated) == pb::ContractStatus_MAX);
static_assert(static_cast<int>(LegalStepKind::kIngebrekestelling) ==
              pb::LEGAL_STEP_KIND_INGEBREKESTELLING);
static_assert(static_cast<int>(LegalStepKind::kHerstelsanctie) ==
              pb::LEGAL_STEP_KIND_HERSTELSANCTIE);
static_assert(static_cast<int>(LegalStepKind::kTariffDiscount) ==
              pb::LEGAL_STEP_KIND_TARIFF_DISCOUNT);
static_assert(static_cast<int>(LegalStepKind::kOntbinding) == pb::LEGAL_STEP_KIND_ONTBINDING);
static_assert(static_cast<int>(LegalStepKind::kOpzegging) == pb::LEGAL_STEP_KIND_OPZEGGING);
static_assert(static_cast<int>(LegalStepKind::kOpzegging) == pb::LegalStepKind_MAX);
static_assert(static_cast<int>(TerminationGround::kAfterDefault) ==
              pb::TERMINATION_GROUND_AFTER_DEFAULT);
static_assert(static_cast<int>(TerminationGround::kExclusionGround) ==
              pb::TERMINATION_GROUND_A_EXCLUSION_GROUND);
static_assert(static_cast<int>(TerminationGround::kNoDelivery12Months) ==
              pb::TERMINATION_GROUND_B_NO_DELIVERY_12_MONTHS);
static_assert(static_cast<int>(TerminationGround::kHerstelsanctieUnmet) ==
              pb::TERMINATION_GROUND_C_HERSTELSANCTIE_UNMET);
static_assert(static_cast<int>(TerminationGround::kQualityAfterRepair) ==
              pb::TERMINATION_GROUND_D_QUALITY_AFTER_REPAIR);
static_assert(static_cast<int>(TerminationGround::kFraud) == pb::TERMINATION_GROUND_E_FRAUD);
static_assert(static_cast<int>(TerminationGround::kBibobNegative) ==
              pb::TERMINATION_GROUND_F_BIBOB_NEGATIVE);
static_assert(static_cast<int>(TerminationGround::kBibobMissing) ==
              pb::TERMINATION_GROUND_G_BIBOB_MISSING);
static_assert(static_cast<int>(TerminationGround::kAdministrativeFine) ==
              pb::TERMINATION_GROUND_H_ADMINISTRATIVE_FINE);
static_assert(static_cast<int>(TerminationGround::kForceMajeure) ==
              pb::TERMINATION_GROUND_I_FORCE_MAJEURE);
static_assert(static_cast<int>(TerminationGround::kForceMajeure) == pb::TerminationGround_MAX);

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

// One option of a contract sent to CreateContract or UpdateContract, at `field`.
absl::StatusOr<ExtensionOption> FromProto(const pb::ExtensionOption& o, const std::string& field) {
  ExtensionOption option{o.number(),        o.length_months(), o.unilateral(),
                         o.notice_months(), std::nullopt,      std::nullopt};
  if (o.has_exercise()) {
    // Only CreateContract uses these (an existing contract entered with options already
    // exercised); UpdateContract never exercises an option.
    const auto& e = o.exercise();
    const std::string f = field + ".exercise";
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
  return option;
}

absl::StatusOr<std::vector<Participation>> ParticipationsFrom(
    const google::protobuf::RepeatedPtrField<pb::Participation>& in) {
  std::vector<Participation> out;
  for (int i = 0; i < in.size(); ++i) {
    const auto& p = in[i];
    const std::string f = absl::StrCat("contract.participations[", i, "]");
    OZJT_ASSIGN_OR_RETURN(Day from, ToDay(p.valid_from(), f + ".valid_from"));
    OZJT_ASSIGN_OR_RETURN(std::optional<Day> to,
                          ToOptionalDay(p.has_valid_to(), p.valid_to(), f + ".valid_to"));
    out.push_back({p.municipality_code(), from, to});
  }
  return out;
}

absl::StatusOr<std::vector<int64_t>> ProviderIdsFrom(
    const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::vector<int64_t> out;
  for (int i = 0; i < names.size(); ++i) {
    OZJT_ASSIGN_OR_RETURN(
        int64_t id, ParseName(names[i], "providers", absl::StrCat("contract.providers[", i, "]")));
    out.push_back(id);
  }
  return out;
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
  OZJT_ASSIGN_OR_RETURN(c.provider_ids, ProviderIdsFrom(in.providers()));
  c.contracting_party = in.contracting_party();
  OZJT_ASSIGN_OR_RETURN(c.participations, ParticipationsFrom(in.participations()));
  OZJT_ASSIGN_OR_RETURN(c.start_date, ToDay(in.start_date(), "contract.start_date"));
  OZJT_ASSIGN_OR_RETURN(c.end_date, ToDay(in.end_date(), "contract.end_date"));
  c.value_cents = in.value_cents();
  c.status = EnumFrom<ContractStatus>(in.status(), pb::ContractStatus_MAX);
  OZJT_ASSIGN_OR_RETURN(c.documents, DocumentsFrom(in.documents(), "contract.documents"));
  c.notice_months = in.notice_months();
  for (int i = 0; i < in.options_size(); ++i) {
    OZJT_ASSIGN_OR_RETURN(ExtensionOption option,
                          FromProto(in.options(i), absl::StrCat("contract.options[", i, "]")));
    c.options.push_back(std::move(option));
  }
  for (const auto& w : in.index_weights()) {
    c.index_weights.push_back({w.component(), w.weight_percent()});
  }
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

void ToProto(const OptionExercise& x, pb::OptionExercise* e) {
  FromDay(x.notice_date, e->mutable_notice_date());
  e->set_receipt_proof(x.receipt_proof);
  e->set_consent_reference(x.consent_reference);
  FromDay(x.new_end_date, e->mutable_new_end_date());
  e->set_exercised_by(x.exercised_by);
  if (x.notice_deadline) FromDay(*x.notice_deadline, e->mutable_notice_deadline());
  if (x.recorded_on) FromDay(*x.recorded_on, e->mutable_recorded_on());
  e->set_recorded_after_the_fact(x.after_the_fact);
}

// Option `o` of `c`; `deadlines` from c.NoticeDeadlines() (the unexercised options').
void ToProto(const Contract& c, const ExtensionOption& o,
             const std::vector<std::pair<int, Day>>& deadlines, pb::ExtensionOption* po) {
  po->set_number(o.number);
  po->set_length_months(o.length_months);
  po->set_unilateral(o.unilateral);
  po->set_notice_months(c.NoticeMonthsOf(o));
  for (const auto& [number, day] : deadlines) {
    if (number == o.number) FromDay(day, po->mutable_notice_deadline());
  }
  if (o.exercise) ToProto(*o.exercise, po->mutable_exercise());
  if (o.decision) {
    pb::OptionDecision* d = po->mutable_decision();
    d->set_outcome(o.Declined() ? pb::OPTION_OUTCOME_DECLINE : pb::OPTION_OUTCOME_EXTEND);
    d->set_decided_by(o.decision->decided_by);
    FromDay(o.decision->decision_date, d->mutable_decision_date());
    d->set_reference(o.decision->reference);
    d->set_article(o.decision->article);
    d->set_recorded_by(o.decision->recorded_by);
    FromDay(o.decision->recorded_on, d->mutable_recorded_on());
  }
}

LetterSubject LetterSubjectOf(pb::LetterKind kind, int option_number, int64_t legal_step_id) {
  LetterSubject s;
  s.kind = EnumFrom<LetterKind>(kind, pb::LetterKind_MAX);
  s.option_number = option_number;
  s.legal_step_id = legal_step_id;
  return s;
}

void ToProto(const LetterDispatch& d, const std::string& provider_name, pb::LetterDispatch* out) {
  out->set_name(absl::StrCat("letterDispatches/", d.id));
  out->set_contract(absl::StrCat("contracts/", d.contract_id));
  out->set_kind(static_cast<pb::LetterKind>(d.subject.kind));
  out->set_option_number(d.subject.option_number);
  if (d.subject.legal_step_id > 0) {
    out->set_legal_step(absl::StrCat("legalSteps/", d.subject.legal_step_id));
  }
  out->set_provider(absl::StrCat("providers/", d.provider_id));
  out->set_provider_display_name(provider_name);
  FromDay(d.sent_date, out->mutable_sent_date());
  out->set_receipt_proof(d.receipt_proof);
  out->set_recorded_by(d.recorded_by);
  FromTime(d.create_time, out->mutable_create_time());
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
  out->set_notice_months(c.NoticeMonths());
  const auto deadlines = c.NoticeDeadlines();
  for (const auto& o : c.options) ToProto(c, o, deadlines, out->add_options());
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
  if (s.kind == LegalStepKind::kTariffDiscount) {
    out->set_discount_percent(FormatHundredths(s.discount_hundredths));
  }
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
    if (!h || *h <= 0) {
      return platform::InvalidField(
          "step.discount_percent", "a percentage like 5.00",
          "Geef het kortingspercentage als getal, bijvoorbeeld 5 of 5,00.");
    }
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

// ---- service ----

class ContractServiceImpl final : public pb::ContractService::Service {
 public:
  ContractServiceImpl(platform::Platform& p, Contracts& c) : platform_(p), contracts_(c) {}

  grpc::Status GetContract(grpc::ServerContext* ctx, const pb::GetContractRequest* req,
                           pb::Contract* resp) override {
    return platform_.Serve(ctx, roles::kGetContract, [&](const RequestInfo& r) -> absl::Status {
      OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "contracts", "name"));
      OZJT_ASSIGN_OR_RETURN(Contract c, contracts_.Get(r, id));
      OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
      ToProto(c, r.today, resp, names);
      return absl::OkStatus();
    });
  }

  grpc::Status ListContracts(grpc::ServerContext* ctx, const pb::ListContractsRequest* req,
                             pb::ListContractsResponse* resp) override {
    return platform_.Serve(ctx, roles::kListContracts, [&](const RequestInfo& r) -> absl::Status {
      const auto& f = req->filter();
      ContractFilter filter;
      filter.text = f.text();
      filter.municipality_code = f.municipality_code();
      OZJT_ASSIGN_OR_RETURN(filter.provider_id,
                            ParseOptionalName(f.provider(), "providers", "filter.provider"));
      OZJT_ASSIGN_OR_RETURN(filter.parent_id,
                            ParseOptionalName(f.parent(), "contracts", "filter.parent"));
      if (f.family() != 0) {
        filter.family = EnumFrom<ContractFamily>(f.family(), pb::ContractFamily_MAX);
      }
      if (f.kind() != 0) filter.kind = EnumFrom<ContractKind>(f.kind(), pb::ContractKind_MAX);
      if (f.status() != 0) {
        filter.status = EnumFrom<ContractStatus>(f.status(), pb::ContractStatus_MAX);
      }
      filter.ends_within_months = f.ends_within_months();
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
    return platform_.ServeWrite(
        ctx, roles::kCreateContract, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(Contract in, FromProto(req->contract()));
          OZJT_ASSIGN_OR_RETURN(Contract c, contracts_.Create(r, std::move(in)));
          OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
          ToProto(c, r.today, resp, names);
          return absl::OkStatus();
        });
  }

  grpc::Status UpdateContract(grpc::ServerContext* ctx, const pb::UpdateContractRequest* req,
                              pb::Contract* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kUpdateContract, *req, resp, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(
        ctx, roles::kListContractHistory, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "contracts", "name"));
          OZJT_ASSIGN_OR_RETURN(HistoryPage page,
                                contracts_.History(r, id, req->page_size(), req->page_token()));
          std::vector<Contract> versions;
          for (const auto& v : page.versions) versions.push_back(v.contract);
          OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, versions));
          for (const auto& v : page.versions) {
            auto* out = resp->add_versions();
            ToProto(v.contract, r.today, out->mutable_contract(), names);
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
    return platform_.ServeWrite(
        ctx, roles::kExerciseOption, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(Day notice, ToDay(req->notice_date(), "notice_date"));
          OZJT_ASSIGN_OR_RETURN(
              Contract c,
              contracts_.Exercise(r, id, req->option_number(), notice, req->receipt_proof(),
                                  req->consent_reference(), req->version()));
          OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
          ToProto(c, r.today, resp, names);
          return absl::OkStatus();
        });
  }

  grpc::Status DecideOption(grpc::ServerContext* ctx, const pb::DecideOptionRequest* req,
                            pb::Contract* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kDecideOption, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OptionDecision d;
          d.outcome = EnumFrom<OptionOutcome>(req->decision().outcome(), pb::OptionOutcome_MAX);
          d.decided_by = req->decision().decided_by();
          OZJT_ASSIGN_OR_RETURN(d.decision_date,
                                ToDay(req->decision().decision_date(), "decision.decision_date"));
          d.reference = req->decision().reference();
          d.article = req->decision().article();
          OZJT_ASSIGN_OR_RETURN(Contract c, contracts_.Decide(r, id, req->option_number(),
                                                              std::move(d), req->version()));
          OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
          ToProto(c, r.today, resp, names);
          return absl::OkStatus();
        });
  }

  grpc::Status GetContractLetter(grpc::ServerContext* ctx, const pb::GetContractLetterRequest* req,
                                 pb::ContractLetter* resp) override {
    return platform_.Serve(
        ctx, roles::kGetContractLetter, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(int64_t provider,
                                ParseName(req->provider(), "providers", "provider"));
          OZJT_ASSIGN_OR_RETURN(int64_t step,
                                ParseOptionalName(req->legal_step(), "legalSteps", "legal_step"));
          OZJT_ASSIGN_OR_RETURN(
              RenderedLetter l,
              contracts_.Letter(r, id, LetterSubjectOf(req->kind(), req->option_number(), step),
                                provider));
          resp->set_file_name(l.letter.file_name);
          resp->set_subject(l.letter.subject);
          resp->set_pdf(std::move(l.pdf));
          FromDay(l.letter.date, resp->mutable_letter_date());
          return absl::OkStatus();
        });
  }

  grpc::Status RecordLetterSent(grpc::ServerContext* ctx, const pb::RecordLetterSentRequest* req,
                                pb::LetterDispatch* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kRecordLetterSent, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          const pb::LetterDispatch& in = req->dispatch();
          LetterDispatch d;
          OZJT_ASSIGN_OR_RETURN(d.contract_id,
                                ParseName(in.contract(), "contracts", "dispatch.contract"));
          OZJT_ASSIGN_OR_RETURN(d.provider_id,
                                ParseName(in.provider(), "providers", "dispatch.provider"));
          OZJT_ASSIGN_OR_RETURN(int64_t step, ParseOptionalName(in.legal_step(), "legalSteps",
                                                                "dispatch.legal_step"));
          d.subject = LetterSubjectOf(in.kind(), in.option_number(), step);
          OZJT_ASSIGN_OR_RETURN(d.sent_date, ToDay(in.sent_date(), "dispatch.sent_date"));
          d.receipt_proof = in.receipt_proof();
          OZJT_ASSIGN_OR_RETURN(LetterDispatch stored, contracts_.RecordLetterSent(r, d));
          OZJT_ASSIGN_OR_RETURN(Contract c, contracts_.Get(r, stored.contract_id));
          OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
          ToProto(stored, names[stored.provider_id], resp);
          return absl::OkStatus();
        });
  }

  grpc::Status ListLetterDispatches(grpc::ServerContext* ctx,
                                    const pb::ListLetterDispatchesRequest* req,
                                    pb::ListLetterDispatchesResponse* resp) override {
    return platform_.Serve(
        ctx, roles::kListLetterDispatches, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(Contract c, contracts_.Get(r, id));
          OZJT_ASSIGN_OR_RETURN(auto dispatches, contracts_.LetterDispatches(r, id));
          OZJT_ASSIGN_OR_RETURN(auto names, contracts_.ProviderNames(r, {c}));
          for (const auto& d : dispatches) {
            ToProto(d, names[d.provider_id], resp->add_dispatches());
          }
          return absl::OkStatus();
        });
  }

  grpc::Status ListAgenda(grpc::ServerContext* ctx, const pb::ListAgendaRequest* req,
                          pb::ListAgendaResponse* resp) override {
    return platform_.Serve(ctx, roles::kListAgenda, [&](const RequestInfo& r) -> absl::Status {
      AgendaRequest a;
      OZJT_ASSIGN_OR_RETURN(a.from,
                            ToOptionalDay(req->has_start_date(), req->start_date(), "start_date"));
      OZJT_ASSIGN_OR_RETURN(a.to, ToOptionalDay(req->has_end_date(), req->end_date(), "end_date"));
      a.municipality_code = req->municipality_code();
      a.region_code = req->region_code();
      OZJT_ASSIGN_OR_RETURN(a.provider_id,
                            ParseOptionalName(req->provider(), "providers", "provider"));
      if (req->family() != 0) {
        a.family = EnumFrom<ContractFamily>(req->family(), pb::ContractFamily_MAX);
      }
      for (int k : req->kinds()) a.kinds.push_back(EnumFrom<AgendaKind>(k, pb::AgendaKind_MAX));
      OZJT_ASSIGN_OR_RETURN(
          AgendaPage page,
          contracts_.PageOfAgenda(r, std::move(a), req->page_size(), req->page_token()));
      resp->set_next_page_token(page.next_page_token);
      FromDay(page.from, resp->mutable_start_date());
      FromDay(page.to, resp->mutable_end_date());
      FromDay(r.today, resp->mutable_today());
      for (const auto& i : page.items) {
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
    return platform_.ServeWrite(
        ctx, roles::kCreateContractNote, *req, resp, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(
        ctx, roles::kListContractNotes, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->contract(), "contracts", "contract"));
          OZJT_ASSIGN_OR_RETURN(auto notes, contracts_.Notes(r, id));
          for (const auto& n : notes) NoteToProto(n, resp->add_notes());
          return absl::OkStatus();
        });
  }

  grpc::Status CreateLegalStep(grpc::ServerContext* ctx, const pb::CreateLegalStepRequest* req,
                               pb::LegalStep* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kCreateLegalStep, *req, resp, [&](const RequestInfo& r) -> absl::Status {
          OZJT_ASSIGN_OR_RETURN(LegalStep in, FromProto(req->step()));
          OZJT_ASSIGN_OR_RETURN(LegalStep s, contracts_.CreateLegalStep(r, std::move(in)));
          ToProto(s, resp);
          return absl::OkStatus();
        });
  }

  grpc::Status RecordDefaultResponse(grpc::ServerContext* ctx,
                                     const pb::RecordDefaultResponseRequest* req,
                                     pb::LegalStep* resp) override {
    return platform_.ServeWrite(
        ctx, roles::kRecordDefaultResponse, *req, resp, [&](const RequestInfo& r) -> absl::Status {
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
    return platform_.Serve(ctx, roles::kListLegalSteps, [&](const RequestInfo& r) -> absl::Status {
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

}  // namespace

std::unique_ptr<grpc::Service> NewContractService(platform::Platform& platform,
                                                  Contracts& contracts) {
  return std::make_unique<ContractServiceImpl>(platform, contracts);
}

}  // namespace ozjt::contracts
