#include "services/screening/screening.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/calendar.h"
#include "services/platform/codes.h"
#include "services/platform/json_codes.h"
#include "services/platform/status.h"

namespace ozjt::screening {
namespace {

using nlohmann::json;
using platform::AddMonths;
using platform::CodeName;
using platform::DayJson;
using platform::DayOf;
using platform::DutchDay;
using platform::EnumOf;
using platform::FieldViolations;
using platform::FormatDay;
using platform::OptionalDayOf;

constexpr CodeName<Part> kParts[] = {
    {Part::kIntegrity, "integrity"}, {Part::kQuality, "quality"}, {Part::kRisk, "risk"}};
constexpr CodeName<Occasion> kOccasions[] = {{Occasion::kProcurementRound, "procurement_round"},
                                             {Occasion::kNewEntrant, "new_entrant"},
                                             {Occasion::kRescreening, "rescreening"},
                                             {Occasion::kContractMutation, "contract_mutation"}};
constexpr CodeName<CaseStatus> kStatuses[] = {{CaseStatus::kOpen, "open"},
                                              {CaseStatus::kReferredToBibob, "referred_to_bibob"},
                                              {CaseStatus::kDecided, "decided"}};
constexpr CodeName<Outcome> kOutcomes[] = {
    {Outcome::kAdmitted, "admitted"},
    {Outcome::kAdmittedWithConditions, "admitted_with_conditions"},
    {Outcome::kRefused, "refused"},
    {Outcome::kReferredToBibob, "referred_to_bibob"}};
constexpr CodeName<AssessmentResult> kResults[] = {
    {AssessmentResult::kMeets, "meets"},
    {AssessmentResult::kDoesNotMeet, "does_not_meet"},
    {AssessmentResult::kNotApplicable, "not_applicable"}};
constexpr CodeName<BibobAdvice> kAdvices[] = {{BibobAdvice::kNoRisk, "no_risk"},
                                              {BibobAdvice::kLesserRisk, "lesser_risk"},
                                              {BibobAdvice::kSeriousRisk, "serious_risk"}};

std::string Trim(absl::string_view s) { return std::string(absl::StripAsciiWhitespace(s)); }

absl::Status DecidedAlready(const ScreeningCase& c) {
  if (c.status == CaseStatus::kDecided) {
    return platform::WithDutch(
        absl::FailedPreconditionError("the case is decided; open a new case to screen again"),
        "Over deze screening is al besloten; open een nieuwe screening (ozjt screening open) om "
        "opnieuw te screenen.");
  }
  return absl::OkStatus();
}

std::string NoItemDutch(const Framework& f, const std::string& code) {
  return absl::StrCat("Het screeningskader ", f.code, " ", f.version, " heeft geen onderdeel '",
                      code, "' (--item); de onderdelen staan bij ozjt screening frameworks.");
}

absl::Status ReferredAlready() {
  return platform::WithDutch(
      absl::FailedPreconditionError("the case was referred to Bibob already"),
      "Deze screening is al doorverwezen naar het Landelijk Bureau Bibob.");
}

absl::StatusOr<const FrameworkItem*> ItemOf(const Framework& f, const std::string& code,
                                            const std::string& field) {
  const FrameworkItem* item = f.Item(code);
  if (!item) {
    return platform::InvalidField(
        field, absl::StrCat("framework ", f.code, " ", f.version, " has no item '", code, "'"),
        NoItemDutch(f, code));
  }
  return item;
}

// "onderdeel I2", or "onderdeel 3" while the item has no code yet.
std::string ItemLabel(size_t index, const FrameworkItem& item) {
  return absl::StrCat("onderdeel ",
                      Trim(item.code).empty() ? std::to_string(index + 1) : item.code);
}

bool IsAdmitting(Outcome o) {
  return o == Outcome::kAdmitted || o == Outcome::kAdmittedWithConditions;
}

}  // namespace

const FrameworkItem* Framework::Item(absl::string_view item_code) const {
  for (const auto& i : items) {
    if (i.code == item_code) return &i;
  }
  return nullptr;
}

absl::Status ValidateFramework(const Framework& f) {
  FieldViolations v;
  const bool code_ok = f.code.size() >= 2 && f.code.size() <= 31 &&
                       absl::ascii_islower(f.code[0]) &&
                       std::all_of(f.code.begin(), f.code.end(), [](char ch) {
                         return absl::ascii_islower(ch) || absl::ascii_isdigit(ch) || ch == '_';
                       });
  if (!code_ok) {
    v.Add("framework.code", "2 to 31 lower-case letters, digits or _, e.g. 'kit'",
          "De code van het kader bestaat uit 2 tot 31 kleine letters, cijfers of _ en begint met "
          "een letter, bijvoorbeeld 'kit'.");
  }
  if (f.version < 2000 || f.version > 2100) {
    v.Add("framework.version", "a year from 2000 to 2100",
          "De versie van het kader is een jaartal van 2000 tot en met 2100.");
  }
  if (Trim(f.title).empty() || f.title.size() > 200) {
    v.Add("framework.title", "1 to 200 characters",
          "De titel van het kader is verplicht en telt hoogstens 200 tekens.");
  }
  if (f.items.empty()) {
    v.Add("framework.items", "a framework has at least one item",
          "Een kader heeft ten minste één onderdeel.");
  }
  std::set<std::string> codes;
  for (size_t i = 0; i < f.items.size(); ++i) {
    const FrameworkItem& item = f.items[i];
    const std::string p = absl::StrCat("framework.items[", i, "].");
    const std::string label = ItemLabel(i, item);
    if (Trim(item.code).empty() || item.code.size() > 20) {
      v.Add(p + "code", "1 to 20 characters",
            absl::StrCat("De code van onderdeel ", i + 1,
                         " is verplicht en telt hoogstens 20 tekens."));
    } else if (!codes.insert(item.code).second) {
      v.Add(p + "code", absl::StrCat("'", item.code, "' appears twice"),
            absl::StrCat("De code '", item.code,
                         "' komt twee keer voor; elk onderdeel heeft een eigen code."));
    }
    if (item.part == Part::kUnspecified) {
      v.Add(p + "part", "is required (integrity, quality or risk)",
            absl::StrCat("Geef bij ", label,
                         " aan of het over integriteit, kwaliteit of risico gaat."));
    }
    if (Trim(item.title).empty() || item.title.size() > 300) {
      v.Add(p + "title", "1 to 300 characters",
            absl::StrCat("De titel van ", label, " is verplicht en telt hoogstens 300 tekens."));
    }
    if (Trim(item.evidence_type).empty() || item.evidence_type.size() > 60) {
      v.Add(p + "evidence_type", "1 to 60 characters",
            absl::StrCat("Het soort bewijsstuk bij ", label,
                         " is verplicht en telt hoogstens 60 tekens."));
    }
    if (item.max_age_months && (*item.max_age_months < 1 || *item.max_age_months > 120)) {
      v.Add(p + "max_age_months", "1 to 120 months, or none",
            absl::StrCat("De hoogste ouderdom van het bewijsstuk bij ", label,
                         " is 1 tot en met 120 maanden, of leeg."));
    }
    if (item.notes.size() > 1000) {
      v.Add(p + "notes", "at most 1000 characters",
            absl::StrCat("De toelichting bij ", label, " telt hoogstens 1000 tekens."));
    }
  }
  return v.ToStatus();
}

std::optional<Framework> CurrentFramework(const std::vector<Framework>& all, absl::string_view code,
                                          Day today) {
  std::optional<Framework> best;
  for (const auto& f : all) {
    if (f.code != code || f.valid_from > today) continue;
    if (!best || f.version > best->version) best = f;
  }
  return best;
}

const Decision* ScreeningCase::Final() const {
  for (auto it = decisions.rbegin(); it != decisions.rend(); ++it) {
    if (it->outcome != Outcome::kReferredToBibob) return &*it;
  }
  return nullptr;
}

absl::StatusOr<ScreeningCase> NewCase(int64_t provider_id, const Framework& f, Occasion occasion,
                                      int64_t contract_id, const std::string& reference, Day today,
                                      const std::string& actor) {
  FieldViolations v;
  if (occasion == Occasion::kUnspecified) {
    v.Add("case.occasion",
          "is required (procurement round, new entrant, re-screening or contract mutation)",
          "Geef de aanleiding van de screening op (--occasion): procurement_round "
          "(aanbestedingsronde), new_entrant (nieuwe toetreder), rescreening (herscreening) of "
          "contract_mutation (contractwijziging).");
  }
  if ((occasion == Occasion::kRescreening || occasion == Occasion::kContractMutation) &&
      contract_id == 0) {
    v.Add("case.contract", "a re-screening or contract mutation names the contract",
          "Noem bij een herscreening of contractwijziging het contract (--contract).");
  }
  if (reference.size() > 200) {
    v.Add("case.reference", "at most 200 characters",
          "Het kenmerk van de screening (--reference) telt hoogstens 200 tekens.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  ScreeningCase c;
  c.provider_id = provider_id;
  c.framework_id = f.id;
  c.occasion = occasion;
  c.contract_id = contract_id;
  c.reference = Trim(reference);
  c.status = CaseStatus::kOpen;
  c.opened = today;
  c.opened_by = actor;
  return c;
}

absl::StatusOr<ScreeningCase> RequestEvidence(const ScreeningCase& c, const Framework& f,
                                              const std::string& item_code, Day requested,
                                              Day today, const std::string& actor) {
  OZJT_RETURN_IF_ERROR(ItemOf(f, item_code, "item_code").status());
  if (requested > today) {
    return platform::InvalidField(
        "requested_date", "is in the future",
        absl::StrCat("De datum van het verzoek om bewijs (--date) ligt na vandaag (",
                     DutchDay(today), ")."));
  }
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  ScreeningCase next = c;
  next.requests.push_back({item_code, requested, requested + kEvidenceDays, std::nullopt, actor});
  return next;
}

absl::StatusOr<ScreeningCase> RecordEvidence(const ScreeningCase& c, const Framework& f, Evidence e,
                                             Day today) {
  e.reference = Trim(e.reference);
  FieldViolations v;
  if (!f.Item(e.item_code)) {
    v.Add("evidence.item_code",
          absl::StrCat("framework ", f.code, " ", f.version, " has no item '", e.item_code, "'"),
          NoItemDutch(f, e.item_code));
  }
  if (e.received > today) {
    v.Add("evidence.received_date", "is in the future",
          absl::StrCat("De ontvangstdatum (--received) ligt na vandaag (", DutchDay(today), ")."));
  }
  if (e.document_date > e.received) {
    v.Add("evidence.document_date", "is after the date the document was received",
          absl::StrCat("De datum op het document (--document-date, ", DutchDay(e.document_date),
                       ") ligt na de ontvangstdatum (--received, ", DutchDay(e.received), ")."));
  }
  if (e.reference.empty() || e.reference.size() > 500) {
    v.Add("evidence.reference", "1 to 500 characters",
          "Het kenmerk van het bewijsstuk (--reference) is verplicht en telt hoogstens 500 "
          "tekens.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  ScreeningCase next = c;
  for (auto& r : next.requests) {
    if (r.item_code == e.item_code && !r.fulfilled && r.requested <= e.received) {
      r.fulfilled = e.received;
    }
  }
  next.evidence.push_back(std::move(e));
  return next;
}

absl::StatusOr<ScreeningCase> Assess(const ScreeningCase& c, const Framework& f, Assessment a,
                                     Day today) {
  a.finding = Trim(a.finding);
  FieldViolations v;
  if (!f.Item(a.item_code)) {
    v.Add("assessment.item_code",
          absl::StrCat("framework ", f.code, " ", f.version, " has no item '", a.item_code, "'"),
          NoItemDutch(f, a.item_code));
  }
  if (a.result == AssessmentResult::kUnspecified) {
    v.Add("assessment.result", "is required (meets, does not meet, not applicable)",
          "Geef het oordeel op (--result): meets (voldoet), does_not_meet (voldoet niet) of "
          "not_applicable (niet van toepassing).");
  }
  if (a.finding.empty() || a.finding.size() > 5000) {
    v.Add("assessment.finding", "1 to 5000 characters",
          "Beschrijf wat u vond (--finding), in hoogstens 5000 tekens.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  ScreeningCase next = c;
  a.date = today;
  next.assessments.push_back(std::move(a));
  return next;
}

namespace {
// Adds the field violations of `s` to `v`, each field's `from` prefix named `to`
// ("evidence.reference" -> "evidence[2].reference"); false when `s` carries none (another
// error, or OK).
bool AddRenamed(const absl::Status& s, absl::string_view from, const std::string& to,
                FieldViolations& v) {
  const std::vector<platform::FieldViolation> found = platform::ViolationsOf(s);
  for (const auto& f : found) {
    const bool prefixed = absl::StartsWith(f.field, from);
    v.Add(prefixed ? absl::StrCat(to, f.field.substr(from.size())) : f.field, f.description,
          f.dutch);
  }
  return !found.empty();
}
}  // namespace

absl::StatusOr<ScreeningCase> SaveChecklist(const ScreeningCase& c, const Framework& f,
                                            const std::vector<Evidence>& evidence,
                                            const std::vector<Assessment>& assessments, Day today) {
  if (evidence.empty() && assessments.empty()) {
    return platform::InvalidField("assessments", "give evidence or an assessment to save",
                                  "Vul bij ten minste één onderdeel een bewijsstuk of een "
                                  "beoordeling in.");
  }
  FieldViolations v;
  ScreeningCase next = c;
  for (size_t k = 0; k < evidence.size(); ++k) {
    absl::StatusOr<ScreeningCase> step = RecordEvidence(next, f, evidence[k], today);
    if (step.ok()) {
      next = *std::move(step);
    } else if (!AddRenamed(step.status(), "evidence.", absl::StrCat("evidence[", k, "]."), v)) {
      return step.status();
    }
  }
  for (size_t k = 0; k < assessments.size(); ++k) {
    absl::StatusOr<ScreeningCase> step = Assess(next, f, assessments[k], today);
    if (step.ok()) {
      next = *std::move(step);
    } else if (!AddRenamed(step.status(), "assessment.", absl::StrCat("assessments[", k, "]."),
                           v)) {
      return step.status();
    }
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  return next;
}

absl::StatusOr<ScreeningCase> ReferToBibob(const ScreeningCase& c, Day referred,
                                           const std::string& reference, Day today) {
  FieldViolations v;
  if (referred > today) {
    v.Add("referred_date", "is in the future",
          absl::StrCat("De datum van de doorverwijzing (--date) ligt na vandaag (", DutchDay(today),
                       ")."));
  }
  if (Trim(reference).empty() || reference.size() > 200) {
    v.Add("reference", "1 to 200 characters",
          "Het kenmerk van het Landelijk Bureau Bibob (--reference) is verplicht en telt "
          "hoogstens 200 tekens.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  if (c.bibob) return ReferredAlready();
  ScreeningCase next = c;
  next.bibob.emplace();
  next.bibob->referred = referred;
  next.bibob->reference = Trim(reference);
  return next;
}

absl::StatusOr<ScreeningCase> ReuseBibobAdvice(const ScreeningCase& c, const ScreeningCase& earlier,
                                               Day today) {
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  if (c.bibob) return ReferredAlready();
  if (earlier.id == c.id || earlier.provider_id != c.provider_id) {
    return platform::InvalidField("reuse_advice_of", "must be another case of the same provider",
                                  "Hergebruik alleen het Bibob-advies van een andere screening "
                                  "van dezelfde aanbieder (--reuse).");
  }
  if (!earlier.bibob || !earlier.bibob->advice_date) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            absl::StrCat("screeningCases/", earlier.id, " has no Bibob advice to reuse")),
        absl::StrCat("Screening ", earlier.id, " heeft geen Bibob-advies om te hergebruiken."));
  }
  const Day advised = *earlier.bibob->advice_date;
  const Day limit = AddMonths(advised, 12 * kBibobReuseYears);
  if (today > limit) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            absl::StrCat("the Bibob advice of ", DutchDay(advised), " could be reused until ",
                         DutchDay(limit), " (5 years); ask the Landelijk Bureau Bibob again")),
        absl::StrCat("Het Bibob-advies van ", DutchDay(advised), " kon tot en met ",
                     DutchDay(limit),
                     " worden hergebruikt (5 jaar); vraag het Landelijk Bureau Bibob opnieuw om "
                     "advies (ozjt screening bibob)."));
  }
  ScreeningCase next = c;
  next.bibob = *earlier.bibob;
  next.bibob->reused_from_case =
      earlier.bibob->reused_from_case ? earlier.bibob->reused_from_case : earlier.id;
  return next;
}

absl::StatusOr<ScreeningCase> RecordBibobAdvice(const ScreeningCase& c, BibobAdvice advice,
                                                Day advice_date, const std::string& reference,
                                                Day today) {
  FieldViolations v;
  if (advice == BibobAdvice::kUnspecified) {
    v.Add("advice", "is required (no risk, lesser risk, serious risk)",
          "Geef het advies op (--advice): no_risk (geen gevaar), lesser_risk (mindere mate van "
          "gevaar) of serious_risk (ernstig gevaar).");
  }
  if (advice_date > today) {
    v.Add(
        "advice_date", "is in the future",
        absl::StrCat("De datum van het advies (--date) ligt na vandaag (", DutchDay(today), ")."));
  }
  if (c.bibob && advice_date < c.bibob->referred) {
    v.Add("advice_date", "is before the referral",
          absl::StrCat("De datum van het advies (--date) ligt vóór de doorverwijzing naar het "
                       "Landelijk Bureau Bibob (",
                       DutchDay(c.bibob->referred), ")."));
  }
  if (Trim(reference).empty() || reference.size() > 200) {
    v.Add("reference", "1 to 200 characters",
          "Het kenmerk van het advies (--reference) is verplicht en telt hoogstens 200 tekens.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  if (!c.bibob) {
    return platform::WithDutch(absl::FailedPreconditionError("refer the case to Bibob first"),
                               "Verwijs de screening eerst door naar het Landelijk Bureau Bibob "
                               "(ozjt screening bibob).");
  }
  if (c.bibob->advice_date) {
    return platform::WithDutch(absl::FailedPreconditionError("the advice is recorded already"),
                               absl::StrCat("Het Bibob-advies van ",
                                            DutchDay(*c.bibob->advice_date), " is al vastgelegd."));
  }
  ScreeningCase next = c;
  next.bibob->advice = advice;
  next.bibob->advice_date = advice_date;
  next.bibob->advice_reference = Trim(reference);
  return next;
}

absl::StatusOr<ScreeningCase> RecordHearing(const ScreeningCase& c, Hearing h, Day today) {
  h.summary = Trim(h.summary);
  FieldViolations v;
  if (h.date > today) {
    v.Add("hearing.date", "is in the future",
          absl::StrCat("De datum van hoor en wederhoor (--date) ligt na vandaag (", DutchDay(today),
                       ")."));
  }
  if (h.summary.empty() || h.summary.size() > 5000) {
    v.Add("hearing.summary", "1 to 5000 characters",
          "Vat samen wat de aanbieder inbracht (--summary), in hoogstens 5000 tekens.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  ScreeningCase next = c;
  next.hearings.push_back(std::move(h));
  return next;
}

absl::StatusOr<Day> CheckDay(std::optional<Day> planned, Day today) {
  if (!planned) return today;
  if (*planned < today) {
    return platform::InvalidField("decision_date", "is before today",
                                  absl::StrCat("De geplande besluitdatum (", DutchDay(*planned),
                                               ") ligt voor vandaag (", DutchDay(today), ")."));
  }
  return *planned;
}

std::vector<ItemCheck> CheckItems(const ScreeningCase& c, const Framework& f, Day day) {
  std::vector<ItemCheck> out;
  for (const auto& item : f.items) {
    ItemCheck check;
    check.item = &item;
    for (const auto& e : c.evidence) {
      if (e.item_code == item.code && (!check.evidence || e.received >= check.evidence->received)) {
        check.evidence = &e;
      }
    }
    for (const auto& a : c.assessments) {
      if (a.item_code == item.code) check.assessment = &a;
    }
    if (check.evidence) {
      const Evidence& e = *check.evidence;
      if (item.max_age_months) {
        check.evidence_valid_until = AddMonths(e.document_date, *item.max_age_months);
      }
      check.evidence_valid = !check.evidence_valid_until || day <= *check.evidence_valid_until;
      for (const auto& r : c.requests) {
        if (r.item_code == item.code && r.requested <= e.received && e.received > r.due) {
          check.late = true;
        }
      }
    }
    if (check.assessment && check.assessment->result == AssessmentResult::kNotApplicable) {
      // nothing to prove
    } else if (!check.evidence) {
      check.problem = "geen bewijsstuk ontvangen";
    } else if (!check.evidence_valid) {
      check.problem = absl::StrCat("bewijsstuk van ", DutchDay(check.evidence->document_date),
                                   " is ouder dan ", *item.max_age_months, " maanden (geldig t/m ",
                                   DutchDay(*check.evidence_valid_until), ")");
    } else if (!check.assessment) {
      check.problem = "nog niet beoordeeld";
    } else if (check.assessment->result == AssessmentResult::kDoesNotMeet) {
      check.problem = "voldoet niet";
    }
    out.push_back(std::move(check));
  }
  return out;
}

namespace {

// Trims the reasons and conditions of `d` (dropping empty conditions); INVALID_ARGUMENT under
// "decision." for a missing outcome or reasons, or conditions that do not fit the outcome.
absl::Status ValidateDecision(Decision* d) {
  d->reasons = Trim(d->reasons);
  for (auto& cond : d->conditions) cond = Trim(cond);
  d->conditions.erase(std::remove(d->conditions.begin(), d->conditions.end(), std::string()),
                      d->conditions.end());
  FieldViolations v;
  if (d->outcome == Outcome::kUnspecified) {
    v.Add("decision.outcome",
          "is required (admitted, admitted with conditions, refused, referred to Bibob)",
          "Geef het besluit op (--outcome): admitted (toegelaten), admitted_with_conditions "
          "(toegelaten onder voorwaarden), refused (geweigerd) of referred_to_bibob (doorverwezen "
          "naar het Landelijk Bureau Bibob).");
  }
  if (d->reasons.empty() || d->reasons.size() > 5000) {
    v.Add("decision.reasons", "every decision states its reasons (1 to 5000 characters)",
          "Elk besluit vermeldt de motivering (--reasons), in hoogstens 5000 tekens.");
  }
  if (d->outcome == Outcome::kAdmittedWithConditions && d->conditions.empty()) {
    v.Add("decision.conditions", "list the conditions of admission",
          "Noem de voorwaarden van de toelating (--condition, één keer per voorwaarde).");
  }
  if (d->outcome != Outcome::kAdmittedWithConditions && !d->conditions.empty()) {
    v.Add("decision.conditions", "only an admission with conditions has conditions",
          "Alleen een toelating onder voorwaarden heeft voorwaarden; laat --condition weg.");
  }
  for (size_t i = 0; i < d->conditions.size(); ++i) {
    if (d->conditions[i].size() > 1000) {
      v.Add(absl::StrCat("decision.conditions[", i, "]"), "at most 1000 characters",
            absl::StrCat("Voorwaarde ", i + 1, " telt meer dan 1000 tekens."));
    }
  }
  return v.ToStatus();
}

// For an admitting decision: OK when the Bibob advice allows it and every required item is in
// order on `today`; FAILED_PRECONDITION saying why not. OK for any other decision.
absl::Status AdmissionAllowed(const ScreeningCase& c, const Framework& f, const Decision& d,
                              Day today) {
  if (IsAdmitting(d.outcome)) {
    if (d.outcome == Outcome::kAdmitted && c.bibob &&
        c.bibob->advice == BibobAdvice::kSeriousRisk) {
      return platform::WithDutch(
          absl::FailedPreconditionError(
              "the Bibob advice found a serious risk: admit only with conditions, or refuse"),
          "Het Bibob-advies stelt een ernstig gevaar vast: laat de aanbieder alleen onder "
          "voorwaarden toe, of weiger.");
    }
    std::vector<std::string> problems;
    for (const ItemCheck& check : CheckItems(c, f, today)) {
      if (!check.item->required) continue;
      // With conditions, a quality or risk item only needs its assessment: the conditions
      // cover what falls short.
      const bool strict = d.outcome == Outcome::kAdmitted || check.item->part == Part::kIntegrity;
      const std::string problem = !check.assessment ? "nog niet beoordeeld"
                                  : strict          ? check.problem
                                                    : "";
      if (!problem.empty()) problems.push_back(absl::StrCat(check.item->code, ": ", problem));
    }
    if (!problems.empty()) {
      return platform::WithDutch(
          absl::FailedPreconditionError(absl::StrCat("not every required item is in order on ",
                                                     DutchDay(today), ": ",
                                                     absl::StrJoin(problems, "; "))),
          absl::StrCat("Niet elk verplicht onderdeel is op ", DutchDay(today),
                       " in orde: ", absl::StrJoin(problems, "; "), "."));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ScreeningCase> Decide(const ScreeningCase& c, const Framework& f, Decision d,
                                     Day today, int validity_months) {
  OZJT_RETURN_IF_ERROR(ValidateDecision(&d));
  OZJT_RETURN_IF_ERROR(DecidedAlready(c));
  if (c.assessments.empty()) {
    return platform::WithDutch(absl::FailedPreconditionError("assess the case before deciding it"),
                               "Beoordeel de onderdelen van de screening (ozjt screening assess) "
                               "voordat erover besloten wordt.");
  }
  for (const auto& a : c.assessments) {
    if (a.assessor == d.decided_by) {
      return platform::WithDutch(
          absl::FailedPreconditionError(absl::StrCat(d.decided_by,
                                                     " assessed this case; the decision is taken "
                                                     "by someone else (four eyes)")),
          "U hebt deze screening zelf beoordeeld; het besluit neemt een ander "
          "(vier-ogenprincipe).");
    }
  }
  switch (d.outcome) {
    case Outcome::kReferredToBibob:
      if (!c.bibob) {
        return platform::WithDutch(
            absl::FailedPreconditionError("record the referral to the Landelijk Bureau Bibob"),
            "Leg eerst de doorverwijzing naar het Landelijk Bureau Bibob vast (ozjt screening "
            "bibob).");
      }
      if (c.status == CaseStatus::kReferredToBibob) return ReferredAlready();
      break;
    case Outcome::kRefused:
      if (c.hearings.empty()) {
        return platform::WithDutch(
            absl::FailedPreconditionError(
                "a refusal needs a recorded hearing of the provider first (hoor en wederhoor)"),
            "Een weigering vraagt eerst hoor en wederhoor van de aanbieder (ozjt screening "
            "hearing).");
      }
      break;
    default:
      break;
  }
  if (c.status == CaseStatus::kReferredToBibob && d.outcome != Outcome::kReferredToBibob &&
      !c.bibob->advice_date) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            "the case waits for the advice of the Landelijk Bureau Bibob"),
        "De screening wacht op het advies van het Landelijk Bureau Bibob; leg dat eerst vast "
        "(ozjt screening advice).");
  }
  OZJT_RETURN_IF_ERROR(AdmissionAllowed(c, f, d, today));
  ScreeningCase next = c;
  d.date = today;
  if (IsAdmitting(d.outcome)) d.valid_until = AddMonths(today, validity_months);
  next.status =
      d.outcome == Outcome::kReferredToBibob ? CaseStatus::kReferredToBibob : CaseStatus::kDecided;
  next.decisions.push_back(std::move(d));
  return next;
}

// ---- codes ----

std::string Code(Part v) { return platform::CodeOf(kParts, v); }
std::string Code(Occasion v) { return platform::CodeOf(kOccasions, v); }
std::string Code(CaseStatus v) { return platform::CodeOf(kStatuses, v); }
std::string Code(Outcome v) { return platform::CodeOf(kOutcomes, v); }
std::string Code(AssessmentResult v) { return platform::CodeOf(kResults, v); }
std::string Code(BibobAdvice v) { return platform::CodeOf(kAdvices, v); }
std::optional<Part> ParsePart(absl::string_view s) { return platform::ParseCode(kParts, s); }
std::optional<Occasion> ParseOccasion(absl::string_view s) {
  return platform::ParseCode(kOccasions, s);
}
std::optional<CaseStatus> ParseCaseStatus(absl::string_view s) {
  return platform::ParseCode(kStatuses, s);
}
std::optional<Outcome> ParseOutcome(absl::string_view s) {
  return platform::ParseCode(kOutcomes, s);
}
std::optional<AssessmentResult> ParseAssessmentResult(absl::string_view s) {
  return platform::ParseCode(kResults, s);
}
std::optional<BibobAdvice> ParseBibobAdvice(absl::string_view s) {
  return platform::ParseCode(kAdvices, s);
}

// ---- JSON ----

std::string ToJson(const ScreeningCase& c) {
  json requests = json::array(), evidence = json::array(), assessments = json::array(),
       hearings = json::array(), decisions = json::array();
  for (const auto& r : c.requests) {
    requests.push_back({{"item_code", r.item_code},
                        {"requested", DayJson(r.requested)},
                        {"due", DayJson(r.due)},
                        {"fulfilled", DayJson(r.fulfilled)},
                        {"by", r.requested_by}});
  }
  for (const auto& e : c.evidence) {
    evidence.push_back({{"item_code", e.item_code},
                        {"document_date", DayJson(e.document_date)},
                        {"received", DayJson(e.received)},
                        {"reference", e.reference},
                        {"by", e.recorded_by}});
  }
  for (const auto& a : c.assessments) {
    assessments.push_back({{"item_code", a.item_code},
                           {"result", Code(a.result)},
                           {"finding", a.finding},
                           {"assessor", a.assessor},
                           {"date", DayJson(a.date)}});
  }
  for (const auto& h : c.hearings) {
    hearings.push_back({{"date", DayJson(h.date)}, {"summary", h.summary}, {"by", h.recorded_by}});
  }
  for (const auto& d : c.decisions) {
    decisions.push_back({{"outcome", Code(d.outcome)},
                         {"date", DayJson(d.date)},
                         {"reasons", d.reasons},
                         {"conditions", d.conditions},
                         {"by", d.decided_by},
                         {"valid_until", DayJson(d.valid_until)}});
  }
  json bibob = nullptr;
  if (c.bibob) {
    bibob = {{"referred", DayJson(c.bibob->referred)},
             {"reference", c.bibob->reference},
             {"advice_date", DayJson(c.bibob->advice_date)},
             {"advice", Code(c.bibob->advice)},
             {"advice_reference", c.bibob->advice_reference},
             {"reused_from_case", c.bibob->reused_from_case}};
  }
  return json{{"id", c.id},
              {"provider_id", c.provider_id},
              {"framework_id", c.framework_id},
              {"occasion", Code(c.occasion)},
              {"contract_id", c.contract_id},
              {"reference", c.reference},
              {"status", Code(c.status)},
              {"opened", DayJson(c.opened)},
              {"opened_by", c.opened_by},
              {"requests", requests},
              {"evidence", evidence},
              {"assessments", assessments},
              {"bibob", bibob},
              {"hearings", hearings},
              {"decisions", decisions}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<ScreeningCase> CaseFromJson(absl::string_view text) {
  json j = platform::ParseStoredJson(text);
  if (!j.is_object()) return absl::InternalError("stored screening case is not a JSON object");
  try {
    ScreeningCase c;
    c.id = j.at("id").get<int64_t>();
    c.provider_id = j.at("provider_id").get<int64_t>();
    c.framework_id = j.at("framework_id").get<int64_t>();
    c.occasion = EnumOf(kOccasions, j.at("occasion"));
    c.contract_id = j.at("contract_id").get<int64_t>();
    c.reference = j.at("reference").get<std::string>();
    c.status = EnumOf(kStatuses, j.at("status"));
    c.opened = DayOf(j.at("opened"));
    c.opened_by = j.at("opened_by").get<std::string>();
    for (const auto& r : j.at("requests")) {
      c.requests.push_back({r.at("item_code").get<std::string>(), DayOf(r.at("requested")),
                            DayOf(r.at("due")), OptionalDayOf(r.at("fulfilled")),
                            r.at("by").get<std::string>()});
    }
    for (const auto& e : j.at("evidence")) {
      c.evidence.push_back({e.at("item_code").get<std::string>(), DayOf(e.at("document_date")),
                            DayOf(e.at("received")), e.at("reference").get<std::string>(),
                            e.at("by").get<std::string>()});
    }
    for (const auto& a : j.at("assessments")) {
      c.assessments.push_back({a.at("item_code").get<std::string>(),
                               EnumOf(kResults, a.at("result")), a.at("finding").get<std::string>(),
                               a.at("assessor").get<std::string>(), DayOf(a.at("date"))});
    }
    if (const json& b = j.at("bibob"); !b.is_null()) {
      BibobReferral r;
      r.referred = DayOf(b.at("referred"));
      r.reference = b.at("reference").get<std::string>();
      r.advice_date = OptionalDayOf(b.at("advice_date"));
      const std::string advice = b.at("advice").get<std::string>();
      r.advice = ParseBibobAdvice(advice).value_or(BibobAdvice::kUnspecified);
      r.advice_reference = b.at("advice_reference").get<std::string>();
      r.reused_from_case = b.at("reused_from_case").get<int64_t>();
      c.bibob = r;
    }
    for (const auto& h : j.at("hearings")) {
      c.hearings.push_back(
          {DayOf(h.at("date")), h.at("summary").get<std::string>(), h.at("by").get<std::string>()});
    }
    for (const auto& d : j.at("decisions")) {
      c.decisions.push_back({EnumOf(kOutcomes, d.at("outcome")), DayOf(d.at("date")),
                             d.at("reasons").get<std::string>(),
                             d.at("conditions").get<std::vector<std::string>>(),
                             d.at("by").get<std::string>(), OptionalDayOf(d.at("valid_until"))});
    }
    return c;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored screening case is incomplete: ", e.what()));
  }
}

std::string ItemsToJson(const std::vector<FrameworkItem>& items) {
  json out = json::array();
  for (const auto& i : items) {
    out.push_back({{"code", i.code},
                   {"part", Code(i.part)},
                   {"title", i.title},
                   {"evidence_type", i.evidence_type},
                   {"required", i.required},
                   {"max_age_months", i.max_age_months ? json(*i.max_age_months) : json(nullptr)},
                   {"notes", i.notes}});
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<std::vector<FrameworkItem>> ItemsFromJson(absl::string_view text) {
  json j = platform::ParseStoredJson(text);
  if (!j.is_array()) return absl::InternalError("stored framework items are not a JSON array");
  try {
    std::vector<FrameworkItem> items;
    for (const auto& i : j) {
      FrameworkItem item;
      item.code = i.at("code").get<std::string>();
      item.part = EnumOf(kParts, i.at("part"));
      item.title = i.at("title").get<std::string>();
      item.evidence_type = i.at("evidence_type").get<std::string>();
      item.required = i.at("required").get<bool>();
      if (!i.at("max_age_months").is_null()) {
        item.max_age_months = i.at("max_age_months").get<int>();
      }
      item.notes = i.at("notes").get<std::string>();
      items.push_back(std::move(item));
    }
    return items;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored framework items are incomplete: ", e.what()));
  }
}

FinalColumns FinalColumnsOf(const ScreeningCase& c) {
  const Decision* d = c.Final();
  if (!d) return {};
  return {Code(d->outcome), FormatDay(d->date),
          d->valid_until ? std::optional<std::string>(FormatDay(*d->valid_until)) : std::nullopt};
}

}  // namespace ozjt::screening
