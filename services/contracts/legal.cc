#include "services/contracts/legal.h"

#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/codes.h"
#include "services/platform/json_codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

using platform::CodeName;

constexpr CodeName<LegalStepKind> kKinds[] = {
    {LegalStepKind::kIngebrekestelling, "ingebrekestelling"},
    {LegalStepKind::kHerstelsanctie, "herstelsanctie"},
    {LegalStepKind::kTariffDiscount, "tariff_discount"},
    {LegalStepKind::kOntbinding, "ontbinding"},
    {LegalStepKind::kOpzegging, "opzegging"}};
constexpr CodeName<TerminationGround> kGrounds[] = {
    {TerminationGround::kAfterDefault, "after_default"},
    {TerminationGround::kExclusionGround, "a_exclusion_ground"},
    {TerminationGround::kNoDelivery12Months, "b_no_delivery_12_months"},
    {TerminationGround::kHerstelsanctieUnmet, "c_herstelsanctie_unmet"},
    {TerminationGround::kQualityAfterRepair, "d_quality_after_repair"},
    {TerminationGround::kFraud, "e_fraud"},
    {TerminationGround::kBibobNegative, "f_bibob_negative"},
    {TerminationGround::kBibobMissing, "g_bibob_missing"},
    {TerminationGround::kAdministrativeFine, "h_administrative_fine"},
    {TerminationGround::kForceMajeure, "i_force_majeure"}};

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

}  // namespace

std::string Code(LegalStepKind v) { return platform::CodeOf(kKinds, v); }
std::string Code(TerminationGround v) { return platform::CodeOf(kGrounds, v); }
std::optional<LegalStepKind> ParseLegalStepKind(absl::string_view c) {
  return platform::ParseCode(kKinds, c);
}
std::optional<TerminationGround> ParseTerminationGround(absl::string_view c) {
  return platform::ParseCode(kGrounds, c);
}

bool LegalStep::LapsedBefore(Day day) const {
  return kind == LegalStepKind::kIngebrekestelling && deadline && *deadline < day && !remedied;
}

namespace {

// The rules of each kind of step (PrepareLegalStep); may fill computed fields.
void CheckIngebrekestelling(platform::FieldViolations& v, LegalStep& s) {
  if (s.term_days < 1 || s.term_days > 365) {
    v.Add("step.term_days", "give a reasonable term: 1 to 365 days",
          "Geef de aanbieder een redelijke termijn van 1 tot 365 dagen.");
  } else {
    s.deadline = s.date + s.term_days;
  }
}

void CheckHerstelsanctie(platform::FieldViolations& v, LegalStep& s) {
  if (!s.deadline) {
    v.Add("step.deadline", "is required for a herstelsanctie",
          "Een herstelsanctie heeft een uiterste datum voor herstel nodig.");
  } else if (*s.deadline <= s.date) {
    v.Add(
        "step.deadline", "must be after the date",
        absl::StrCat("De uiterste datum voor herstel (", DutchDay(*s.deadline),
                     ") moet na de datum van de herstelsanctie (", DutchDay(s.date), ") liggen."));
  }
}

void CheckTariffDiscount(platform::FieldViolations& v, LegalStep& s) {
  if (s.discount_hundredths == 0) s.discount_hundredths = kDefaultDiscountHundredths;
  if (s.discount_hundredths < 0 || s.discount_hundredths > 10000) {
    v.Add("step.discount_percent", "must be more than 0 and at most 100",
          "Het kortingspercentage is meer dan 0 en hoogstens 100.");
  }
  if (!s.valid_from) {
    v.Add("step.valid_from", "is required for a tariff discount",
          "Een tariefkorting heeft een ingangsdatum nodig.");
  }
  if (s.valid_from && s.valid_to && *s.valid_to < *s.valid_from) {
    v.Add("step.valid_to", "is before valid_from",
          absl::StrCat("De tariefkorting eindigt (", DutchDay(*s.valid_to),
                       ") voordat die ingaat (", DutchDay(*s.valid_from), ")."));
  }
}

void CheckOntbinding(platform::FieldViolations& v, LegalStep& s) {
  if (s.ground == TerminationGround::kUnspecified) {
    v.Add("step.ground", "name the ground: AFTER_DEFAULT or an immediate ground (a-i)",
          "Noem de grond voor ontbinding: na een ingebrekestelling of een van de gronden "
          "voor directe ontbinding (a tot en met i).");
  }
  if (s.ground == TerminationGround::kAfterDefault && s.default_step_id <= 0) {
    v.Add("step.default_step", "name the notice of default (legalSteps/{id})",
          "Noem de ingebrekestelling waarop de ontbinding volgt (ozjt legal list).");
  }
  if (s.handover_note.empty()) {
    v.Add("step.handover_note", "describe how clients are handed over to another provider",
          "Beschrijf hoe de cliënten aan een andere aanbieder worden overgedragen.");
  }
}

void CheckOpzegging(platform::FieldViolations& v, LegalStep& s) {
  if (!s.effective_date) {
    v.Add("step.effective_date", "is required for an opzegging",
          "Een opzegging heeft een datum nodig waarop die ingaat.");
  } else if (*s.effective_date <= s.date) {
    v.Add("step.effective_date", "must be after the date notice is given",
          absl::StrCat("De opzegging gaat in (", DutchDay(*s.effective_date),
                       ") na de datum waarop die is gedaan (", DutchDay(s.date), ")."));
  }
  if (s.handover_note.empty()) {
    v.Add("step.handover_note", "describe how clients are handed over to another provider",
          "Beschrijf hoe de cliënten aan een andere aanbieder worden overgedragen.");
  }
}

}  // namespace

absl::Status PrepareLegalStep(LegalStep& s, Day today) {
  platform::FieldViolations v;
  s.grounds = Trimmed(s.grounds);
  s.handover_note = Trimmed(s.handover_note);
  if (s.kind == LegalStepKind::kUnspecified) {
    v.Add("step.kind", "is required",
          "Kies de soort stap: ingebrekestelling, herstelsanctie, tariefkorting, ontbinding of "
          "opzegging.");
  }
  if (s.date > today) {
    v.Add("step.date", "is in the future",
          absl::StrCat("De datum van de stap (", DutchDay(s.date),
                       ") ligt in de toekomst; leg een stap vast als die gezet is."));
  }
  if (s.grounds.empty()) {
    v.Add("step.grounds", "state the grounds and facts",
          "Beschrijf de gronden en de feiten waarop de stap berust.");
  }
  if (s.grounds.size() > 5000) {
    v.Add("step.grounds", "must be at most 5000 characters",
          "De gronden mogen hoogstens 5000 tekens lang zijn.");
  }
  if (s.handover_note.size() > 5000) {
    v.Add("step.handover_note", "must be at most 5000 characters",
          "De beschrijving van de overdracht van cliënten mag hoogstens 5000 tekens lang zijn.");
  }
  for (size_t i = 0; i < s.documents.size(); ++i) {
    if (Trimmed(s.documents[i].title).empty()) {
      v.Add(absl::StrCat("step.documents[", i, "].title"), "is required",
            absl::StrCat("Document ", i + 1, " heeft een titel nodig."));
    }
  }
  switch (s.kind) {
    case LegalStepKind::kIngebrekestelling:
      CheckIngebrekestelling(v, s);
      break;
    case LegalStepKind::kHerstelsanctie:
      CheckHerstelsanctie(v, s);
      break;
    case LegalStepKind::kTariffDiscount:
      CheckTariffDiscount(v, s);
      break;
    case LegalStepKind::kOntbinding:
      CheckOntbinding(v, s);
      break;
    case LegalStepKind::kOpzegging:
      CheckOpzegging(v, s);
      break;
    default:
      break;
  }
  return v.ToStatus();
}

absl::StatusOr<Contract> ApplyLegalStep(const Contract& contract, const LegalStep& step,
                                        const std::vector<LegalStep>& earlier, Day today) {
  const ContractStatus status = contract.EffectiveStatus(today);
  if (status == ContractStatus::kTerminated || status == ContractStatus::kDraft) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            absl::StrCat("the contract is ", Code(status),
                         "; legal steps apply to awarded, active or expired contracts")),
        absl::StrCat("Het contract is ", DutchName(status),
                     "; een juridische stap kan alleen bij een gegund, actief of verlopen "
                     "contract."));
  }
  Contract out = contract;
  if (step.kind == LegalStepKind::kOntbinding) {
    if (step.ground == TerminationGround::kAfterDefault) {
      auto it = std::find_if(earlier.begin(), earlier.end(),
                             [&](const LegalStep& e) { return e.id == step.default_step_id; });
      if (it == earlier.end() || it->kind != LegalStepKind::kIngebrekestelling) {
        return platform::WithDutch(
            absl::FailedPreconditionError(
                absl::StrCat("legalSteps/", step.default_step_id,
                             " is not a notice of default on this contract")),
            absl::StrCat("Stap ", step.default_step_id,
                         " is geen ingebrekestelling bij dit contract (ozjt legal list ",
                         contract.id, ")."));
      }
      if (it->remedied) {
        return platform::WithDutch(
            absl::FailedPreconditionError(
                "the provider remedied the default; ontbinding after default is not possible"),
            absl::StrCat("De aanbieder heeft de tekortkoming uit de ingebrekestelling van ",
                         DutchDay(it->date),
                         " hersteld; ontbinding na ingebrekestelling is niet mogelijk."));
      }
      if (!it->LapsedBefore(step.date)) {
        return platform::WithDutch(
            absl::FailedPreconditionError(absl::StrCat(
                "the term of the notice of default runs until ", FormatDay(*it->deadline),
                "; ontbinding after default is possible from the day after")),
            absl::StrCat("De termijn van de ingebrekestelling loopt tot en met ",
                         DutchDay(*it->deadline), "; ontbinden kan vanaf ",
                         DutchDay(*it->deadline + 1), "."));
      }
    }
    out.status = ContractStatus::kTerminated;
    if (step.date < out.end_date) out.end_date = step.date;
  } else if (step.kind == LegalStepKind::kOpzegging) {
    out.status = ContractStatus::kTerminated;
    if (*step.effective_date < out.end_date) out.end_date = *step.effective_date;
  }
  if (out.end_date < out.start_date) out.end_date = out.start_date;
  return out;
}

absl::StatusOr<LegalStep> RecordResponse(const LegalStep& step, Day response_date,
                                         const std::string& response, bool remedied, Day today) {
  if (step.kind != LegalStepKind::kIngebrekestelling) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            "only a notice of default (ingebrekestelling) gets a response"),
        "Alleen op een ingebrekestelling legt u een reactie van de aanbieder vast.");
  }
  platform::FieldViolations v;
  const std::string text = Trimmed(response);
  if (text.empty()) {
    v.Add("response", "is required", "Beschrijf de reactie van de aanbieder.");
  }
  if (text.size() > 5000) {
    v.Add("response", "must be at most 5000 characters",
          "De reactie mag hoogstens 5000 tekens lang zijn.");
  }
  if (response_date < step.date) {
    v.Add("response_date", "is before the notice of default",
          absl::StrCat("De datum van de reactie (", DutchDay(response_date),
                       ") ligt voor de ingebrekestelling (", DutchDay(step.date), ")."));
  }
  if (response_date > today) {
    v.Add("response_date", "is in the future",
          absl::StrCat("De datum van de reactie (", DutchDay(response_date),
                       ") ligt in de toekomst."));
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  LegalStep out = step;
  out.response_date = response_date;
  out.response = text;
  out.remedied = remedied;
  return out;
}

std::string ToJson(const LegalStep& s) {
  nlohmann::json docs = nlohmann::json::array();
  for (const auto& d : s.documents) {
    docs.push_back({{"title", d.title}, {"link", d.link}, {"date", platform::DayJson(d.date)}});
  }
  nlohmann::json j = {{"id", s.id},
                      {"contract_id", s.contract_id},
                      {"kind", Code(s.kind)},
                      {"date", FormatDay(s.date)},
                      {"term_days", s.term_days},
                      {"deadline", platform::DayJson(s.deadline)},
                      {"grounds", s.grounds},
                      {"documents", docs},
                      {"response_date", platform::DayJson(s.response_date)},
                      {"response", s.response},
                      {"remedied", s.remedied},
                      {"discount_hundredths", s.discount_hundredths},
                      {"valid_from", platform::DayJson(s.valid_from)},
                      {"valid_to", platform::DayJson(s.valid_to)},
                      {"ground", Code(s.ground)},
                      {"default_step_id", s.default_step_id},
                      {"handover_note", s.handover_note},
                      {"effective_date", platform::DayJson(s.effective_date)},
                      {"created_by", s.created_by}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

absl::StatusOr<LegalStep> LegalStepFromJson(absl::string_view text) {
  nlohmann::json j = platform::ParseStoredJson(text);
  if (!j.is_object()) return absl::InternalError("stored legal step JSON is not an object");
  try {
    LegalStep s;
    s.id = j.at("id").get<int64_t>();
    s.contract_id = j.at("contract_id").get<int64_t>();
    s.kind =
        ParseLegalStepKind(j.at("kind").get<std::string>()).value_or(LegalStepKind::kUnspecified);
    s.date = platform::DayOf(j.at("date"));
    s.term_days = j.at("term_days").get<int>();
    s.deadline = platform::OptionalDayOf(j.at("deadline"));
    s.grounds = j.at("grounds").get<std::string>();
    for (const auto& d : j.at("documents")) {
      s.documents.push_back({d.at("title").get<std::string>(), d.at("link").get<std::string>(),
                             platform::OptionalDayOf(d.at("date"))});
    }
    s.response_date = platform::OptionalDayOf(j.at("response_date"));
    s.response = j.at("response").get<std::string>();
    s.remedied = j.at("remedied").get<bool>();
    s.discount_hundredths = j.at("discount_hundredths").get<int64_t>();
    s.valid_from = platform::OptionalDayOf(j.at("valid_from"));
    s.valid_to = platform::OptionalDayOf(j.at("valid_to"));
    s.ground = ParseTerminationGround(j.at("ground").get<std::string>())
                   .value_or(TerminationGround::kUnspecified);
    s.default_step_id = j.at("default_step_id").get<int64_t>();
    s.handover_note = j.at("handover_note").get<std::string>();
    s.effective_date = platform::OptionalDayOf(j.at("effective_date"));
    s.created_by = j.at("created_by").get<std::string>();
    return s;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored legal step JSON is incomplete: ", e.what()));
  }
}

}  // namespace ozjt::contracts
