#include "services/contracts/contract.h"

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/codes.h"
#include "services/platform/json_codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

using platform::CodeName;
using platform::FieldViolations;

constexpr CodeName<ContractKind> kKinds[] = {{ContractKind::kFramework, "framework"},
                                             {ContractKind::kLot, "lot"},
                                             {ContractKind::kCallOff, "call_off"},
                                             {ContractKind::kSubsidy, "subsidy"},
                                             {ContractKind::kSingle, "single"}};
constexpr CodeName<ContractDomain> kDomains[] = {{ContractDomain::kJeugdwet, "jeugdwet"},
                                                 {ContractDomain::kWmo, "wmo"},
                                                 {ContractDomain::kBoth, "both"}};
constexpr CodeName<ContractFamily> kFamilies[] = {
    {ContractFamily::kGeneral, "general"},
    {ContractFamily::kHo, "ho"},
    {ContractFamily::kVervoer, "vervoer"},
    {ContractFamily::kVervoerCallcentre, "vervoer_callcentre"},
    {ContractFamily::kVervoerMonitoring, "vervoer_monitoring"},
    {ContractFamily::kMedicatiecontrole, "medicatiecontrole"},
    {ContractFamily::kJeugdzorgPlus, "jeugdzorg_plus"},
    {ContractFamily::kJbjr, "jbjr"},
    {ContractFamily::kOther, "other"}};
// The one table of contract statuses on the C++ side: the code (API JSON, storage, CLI) and
// the Dutch name users read. The proto enum mirrors ContractStatus (static_asserts in
// contract_handler.cc); the database's check constraint and the CLI list the same codes.
struct StatusName {
  ContractStatus value;
  const char* code;
  const char* dutch;
};
constexpr StatusName kStatuses[] = {{ContractStatus::kDraft, "draft", "concept"},
                                    {ContractStatus::kAwarded, "awarded", "gegund"},
                                    {ContractStatus::kActive, "active", "actief"},
                                    {ContractStatus::kExpired, "expired", "verlopen"},
                                    {ContractStatus::kTerminated, "terminated", "beëindigd"}};

const StatusName* FindStatus(ContractStatus v) {
  for (const auto& s : kStatuses) {
    if (s.value == v) return &s;
  }
  return nullptr;
}

// `label`: the thing in Dutch with its article, starting a sentence ("De titel").
void CheckText(FieldViolations& v, const std::string& field, const std::string& label,
               const std::string& text, size_t max, bool required) {
  if (text.empty()) {
    if (required) v.Add(field, "is required", absl::StrCat(label, " is verplicht."));
  } else if (CharLength(text) > max) {
    v.Add(field, absl::StrCat("must be at most ", max, " characters"),
          absl::StrCat(label, " mag hoogstens ", max, " tekens lang zijn."));
  }
}

std::string MunicipalityText(const ContractRefs& refs, const std::string& code) {
  auto it = refs.municipality_names.find(code);
  return it == refs.municipality_names.end() ? absl::StrCat("gemeente ", code) : it->second;
}

bool ValidReference(const std::string& r) {
  return !r.empty() && r.size() <= 50 && std::all_of(r.begin(), r.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == '/';
  });
}

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

}  // namespace

size_t CharLength(absl::string_view s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string Code(ContractKind v) { return platform::CodeOf(kKinds, v); }
std::string Code(ContractDomain v) { return platform::CodeOf(kDomains, v); }
std::string Code(ContractFamily v) { return platform::CodeOf(kFamilies, v); }
std::string Code(ContractStatus v) {
  const StatusName* s = FindStatus(v);
  return s != nullptr ? s->code : "";
}
std::optional<ContractKind> ParseContractKind(absl::string_view c) {
  return platform::ParseCode(kKinds, c);
}
std::optional<ContractDomain> ParseContractDomain(absl::string_view c) {
  return platform::ParseCode(kDomains, c);
}
std::optional<ContractFamily> ParseContractFamily(absl::string_view c) {
  return platform::ParseCode(kFamilies, c);
}
std::optional<ContractStatus> ParseContractStatus(absl::string_view c) {
  for (const auto& s : kStatuses) {
    if (c == s.code) return s.value;
  }
  return std::nullopt;
}

ContractStatus Contract::EffectiveStatus(Day today) const {
  if ((status == ContractStatus::kAwarded || status == ContractStatus::kActive) &&
      today > end_date) {
    return ContractStatus::kExpired;
  }
  return status;
}

bool Contract::TakesPart(absl::string_view cbs_code) const {
  return std::any_of(participations.begin(), participations.end(),
                     [&](const Participation& p) { return p.municipality_code == cbs_code; });
}

std::vector<std::string> Contract::MunicipalityCodes() const {
  std::set<std::string> codes;
  for (const auto& p : participations) codes.insert(p.municipality_code);
  return {codes.begin(), codes.end()};
}

int Contract::NoticeMonths() const {
  return notice_months > 0 ? notice_months : kStandardNoticeMonths;
}

int Contract::NoticeMonthsOf(const ExtensionOption& o) const {
  return o.notice_months > 0 ? o.notice_months : NoticeMonths();
}

Day Contract::OptionNoticeDeadline(const ExtensionOption& o, Day end) const {
  return NoticeDeadline(end, NoticeMonthsOf(o));
}

const ExtensionOption* Contract::NextOption() const {
  for (const auto& o : options) {
    if (!o.exercise) return o.Declined() ? nullptr : &o;
  }
  return nullptr;
}

const ExtensionOption* Contract::Option(int number) const {
  for (const auto& o : options) {
    if (o.number == number) return &o;
  }
  return nullptr;
}

std::vector<std::pair<int, Day>> Contract::NoticeDeadlines() const {
  std::vector<std::pair<int, Day>> out;
  Day end = end_date;
  for (const auto& o : options) {
    if (o.exercise) continue;
    if (o.Declined()) break;
    out.emplace_back(o.number, OptionNoticeDeadline(o, end));
    end = ExtendedEnd(end, o.length_months);
  }
  return out;
}

namespace {

// Prepare's checks, by part of the contract; `f` is the field prefix ("contract." or "").
void CheckKindAndProviders(FieldViolations& v, const std::string& f, const Contract& c) {
  if (c.kind == ContractKind::kUnspecified) {
    v.Add(f + "kind", "is required",
          "Kies de soort contract: raamovereenkomst, perceel, nadere overeenkomst, subsidie of "
          "enkelvoudige overeenkomst.");
  }
  const bool needs_parent = c.kind == ContractKind::kLot || c.kind == ContractKind::kCallOff;
  if (needs_parent && c.parent_id <= 0) {
    v.Add(f + "parent", "a lot or call-off names its framework contract",
          "Een perceel of nadere overeenkomst hoort bij een raamovereenkomst: geef die op.");
  }
  if (!needs_parent && c.parent_id > 0) {
    v.Add(f + "parent", "only a lot or call-off has a parent",
          "Alleen een perceel of nadere overeenkomst hoort bij een raamovereenkomst.");
  }
  if (c.domain == ContractDomain::kUnspecified) {
    v.Add(f + "domain", "is required", "Kies de wet: Jeugdwet, Wmo of beide.");
  }
  if (c.family == ContractFamily::kUnspecified) {
    v.Add(f + "family", "is required", "Kies de contractfamilie (bijvoorbeeld algemeen of HO).");
  }
  for (size_t i = 0; i < c.provider_ids.size(); ++i) {
    if (std::count(c.provider_ids.begin(), c.provider_ids.begin() + static_cast<std::ptrdiff_t>(i),
                   c.provider_ids[i]) > 0) {
      v.Add(absl::StrCat(f, "providers[", i, "]"), "provider given twice",
            absl::StrCat("Aanbieder ", i + 1, " staat twee keer in de lijst van aanbieders."));
    }
  }
  if (c.provider_ids.size() > 1000) {
    v.Add(f + "providers", "at most 1000 providers",
          "Een contract heeft hoogstens 1000 aanbieders.");
  }
}

void CheckParticipations(FieldViolations& v, const std::string& f, const Contract& c,
                         const ContractRefs& refs) {
  for (size_t i = 0; i < c.participations.size(); ++i) {
    const Participation& p = c.participations[i];
    const std::string pf = absl::StrCat(f, "participations[", i, "].");
    if (refs.municipalities.count(p.municipality_code) == 0) {
      v.Add(
          pf + "municipality_code",
          absl::StrCat("unknown municipality '", p.municipality_code, "'"),
          absl::StrCat("Gemeentecode '", p.municipality_code,
                       "' bestaat niet; gebruik de CBS-code van een Twentse gemeente (bijvoorbeeld "
                       "0153 voor Enschede)."));
    }
    if (p.valid_to && *p.valid_to < p.valid_from) {
      v.Add(pf + "valid_to", "is before valid_from",
            absl::StrCat("De deelname van ", MunicipalityText(refs, p.municipality_code),
                         " eindigt (", DutchDay(*p.valid_to), ") voordat die begint (",
                         DutchDay(p.valid_from), ")."));
    }
    for (size_t j = 0; j < i; ++j) {
      const Participation& q = c.participations[j];
      const bool overlap = q.municipality_code == p.municipality_code &&
                           (!q.valid_to || p.valid_from <= *q.valid_to) &&
                           (!p.valid_to || q.valid_from <= *p.valid_to);
      if (overlap) {
        v.Add(pf + "valid_from", absl::StrCat("overlaps participations[", j, "]"),
              absl::StrCat("De deelname van ", MunicipalityText(refs, p.municipality_code),
                           " vanaf ", DutchDay(p.valid_from),
                           " overlapt met een eerdere deelname van dezelfde gemeente."));
      }
    }
  }
}

// Also trims the documents' titles.
void CheckDocuments(FieldViolations& v, const std::string& f, Contract& c) {
  if (c.documents.size() > 200) {
    v.Add(f + "documents", "at most 200 documents", "Een contract heeft hoogstens 200 documenten.");
  }
  for (size_t i = 0; i < c.documents.size(); ++i) {
    c.documents[i].title = Trimmed(c.documents[i].title);
    const std::string df = absl::StrCat(f, "documents[", i, "].");
    CheckText(v, df + "title", absl::StrCat("De titel van document ", i + 1), c.documents[i].title,
              200, true);
    CheckText(v, df + "link", absl::StrCat("De link van document ", i + 1), c.documents[i].link,
              1000, false);
  }
}

// The notice period and the extension options.
void CheckNoticeAndOptions(FieldViolations& v, const std::string& f, const Contract& c) {
  if (c.notice_months < 0 || c.notice_months > kMaxNoticeMonths) {
    v.Add(f + "notice_months", absl::StrCat("must be from 0 to ", kMaxNoticeMonths),
          absl::StrCat("De aanzegtermijn is 0 tot ", kMaxNoticeMonths,
                       " maanden (0: de standaard van ", kStandardNoticeMonths, " maanden)."));
  }
  for (size_t i = 0; i < c.options.size(); ++i) {
    const ExtensionOption& o = c.options[i];
    const std::string of = absl::StrCat(f, "options[", i, "].");
    if (o.number != static_cast<int>(i) + 1) {
      v.Add(of + "number",
            absl::StrCat("options are numbered 1, 2, ... in order; expected ", i + 1),
            absl::StrCat("Verlengingsopties zijn op volgorde genummerd 1, 2, ...; hier hoort "
                         "nummer ",
                         i + 1, "."));
    }
    if (o.length_months < 1 || o.length_months > 120) {
      v.Add(of + "length_months", "must be from 1 to 120",
            absl::StrCat("Verlengingsoptie ", i + 1, " verlengt met 1 tot 120 maanden."));
    }
    if (o.notice_months < 0 || o.notice_months > kMaxNoticeMonths) {
      v.Add(of + "notice_months", absl::StrCat("must be from 0 to ", kMaxNoticeMonths),
            absl::StrCat("De aanzegtermijn van verlengingsoptie ", i + 1, " is 0 tot ",
                         kMaxNoticeMonths, " maanden (0: die van het contract)."));
    }
    if (o.exercise && i > 0 && !c.options[i - 1].exercise) {
      v.Add(of + "number", "an option is exercised after the one before it",
            absl::StrCat("Verlengingsoptie ", i + 1, " kan pas gelicht zijn als optie ", i,
                         " ook gelicht is."));
    }
  }
}

}  // namespace

absl::Status Prepare(Contract& c, const ContractRefs& refs, const std::string& prefix) {
  const std::string f = prefix.empty() ? "" : prefix + ".";
  c.reference = Trimmed(c.reference);
  c.title = Trimmed(c.title);
  c.contracting_party = Trimmed(c.contracting_party);
  if (c.contracting_party.empty()) c.contracting_party = kDefaultContractingParty;
  if (c.index_weights.empty()) c.index_weights = DefaultIndexWeights();
  FieldViolations v;
  if (!ValidReference(c.reference)) {
    v.Add(f + "reference", "1 to 50 letters, digits or - _ . /",
          "Het kenmerk bestaat uit 1 tot 50 letters, cijfers of - _ . / (zonder spaties).");
  }
  CheckText(v, f + "title", "De titel", c.title, 200, true);
  CheckText(v, f + "contracting_party", "De opdrachtgever", c.contracting_party, 200, false);
  CheckKindAndProviders(v, f, c);
  CheckParticipations(v, f, c, refs);
  if (c.end_date < c.start_date) {
    v.Add(f + "end_date", "is before start_date",
          absl::StrCat("De einddatum (", DutchDay(c.end_date), ") ligt voor de begindatum (",
                       DutchDay(c.start_date), ")."));
  }
  if (c.value_cents < 0) {
    v.Add(f + "value_cents", "must not be negative", "De waarde per jaar mag niet negatief zijn.");
  } else if (c.value_cents > platform::kMaxAmountCents) {
    v.Add(f + "value_cents", absl::StrCat("must be at most ", platform::kMaxAmountCents, " cents"),
          absl::StrCat("De waarde per jaar is ten hoogste ", platform::MaxAmountText(), "."));
  }
  CheckDocuments(v, f, c);
  CheckNoticeAndOptions(v, f, c);
  if (c.index_base_year != 0 && (c.index_base_year < 2000 || c.index_base_year > 2100)) {
    v.Add(f + "index_base_year", "must be from 2000 to 2100 (or 0: the start year)",
          "Het basisjaar voor de indexering ligt tussen 2000 en 2100 (of 0: het jaar van de "
          "begindatum).");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(ValidateWeights(c.index_weights, f + "index_weights"));
  std::sort(c.provider_ids.begin(), c.provider_ids.end());
  return absl::OkStatus();
}

bool StatusChangeAllowed(ContractStatus from, ContractStatus to) {
  using S = ContractStatus;
  if (from == to) return true;
  return (from == S::kDraft && to == S::kAwarded) || (from == S::kAwarded && to == S::kActive);
}

absl::StatusOr<std::vector<ContractField>> ParseContractMask(
    const std::vector<std::string>& paths) {
  static const std::pair<const char*, ContractField> kPaths[] = {
      {"reference", ContractField::kReference},
      {"title", ContractField::kTitle},
      {"kind", ContractField::kKind},
      {"parent", ContractField::kParent},
      {"domain", ContractField::kDomain},
      {"family", ContractField::kFamily},
      {"providers", ContractField::kProviders},
      {"contracting_party", ContractField::kContractingParty},
      {"participations", ContractField::kParticipations},
      {"start_date", ContractField::kStartDate},
      {"end_date", ContractField::kEndDate},
      {"value_cents", ContractField::kValue},
      {"status", ContractField::kStatus},
      {"documents", ContractField::kDocuments},
      {"notice_months", ContractField::kNoticeMonths},
      {"options", ContractField::kOptions},
      {"index_weights", ContractField::kIndexWeights},
      {"index_base_year", ContractField::kIndexBaseYear},
  };
  if (paths.empty()) {
    return platform::InvalidField("update_mask", "name at least one field",
                                  "Noem ten minste één veld dat u wilt wijzigen.");
  }
  std::vector<ContractField> fields;
  FieldViolations v;
  for (const auto& path : paths) {
    auto it = std::find_if(std::begin(kPaths), std::end(kPaths),
                           [&](const auto& e) { return path == e.first; });
    if (it == std::end(kPaths)) {
      v.Add("update_mask", absl::StrCat("'", path, "' is not a field you can change"),
            absl::StrCat("'", path, "' is geen gegeven dat u kunt wijzigen."));
    } else {
      fields.push_back(it->second);
    }
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  return fields;
}

namespace {

// The options of `changes` into `next`. Exercised and declined options are history: they must
// come back unchanged (exercise and decision kept). An update never exercises or decides one
// (ExerciseOption, DecideOption); a decision to extend stays with its option while number and
// length stay the same.
absl::Status TakeOptions(const Contract& current, const Contract& changes, Contract* next) {
  next->options = changes.options;
  for (auto& o : next->options) {
    o.exercise.reset();
    o.decision.reset();
  }
  for (size_t i = 0; i < current.options.size(); ++i) {
    const ExtensionOption& old = current.options[i];
    const bool same = i < next->options.size() &&
                      next->options[i].length_months == old.length_months &&
                      next->options[i].number == old.number;
    if (old.Declined() && !same) {
      return platform::WithDutch(
          absl::FailedPreconditionError(absl::StrCat(
              "option ", old.number, " was declined and cannot be changed or removed")),
          absl::StrCat("Verlengingsoptie ", old.number, " is afgewezen (besluit van ",
                       DutchDay(old.decision->decision_date),
                       ") en kan niet meer worden gewijzigd of verwijderd."));
    }
    if (same && old.decision && !old.exercise) next->options[i].decision = old.decision;
    if (!old.exercise) continue;
    if (i >= next->options.size() || next->options[i].length_months != old.length_months ||
        next->options[i].number != old.number) {
      return platform::WithDutch(
          absl::FailedPreconditionError(absl::StrCat(
              "option ", old.number, " was exercised and cannot be changed or removed")),
          absl::StrCat("Verlengingsoptie ", old.number, " is al gelicht (aangezegd op ",
                       DutchDay(old.exercise->notice_date),
                       ") en kan niet meer worden gewijzigd of verwijderd."));
    }
    next->options[i] = old;
  }
  return absl::OkStatus();
}

// The lifecycle of an update from `current` to `next`: the status only moves draft -> awarded
// -> active (termination is a legal step, expiry follows the end date) and a terminated
// contract stays as it is. FAILED_PRECONDITION otherwise.
absl::Status CheckStatusChange(const Contract& current, const Contract& next, Day today) {
  if (next.status == ContractStatus::kTerminated || next.status == ContractStatus::kExpired ||
      next.status == ContractStatus::kUnspecified) {
    if (next.status != current.status) {
      return platform::WithDutch(
          absl::FailedPreconditionError(
              "a contract is terminated through a legal step (ontbinding or opzegging) and "
              "expires by its end date; status can only move draft -> awarded -> active"),
          "Een contract wordt beëindigd met een juridische stap, een ontbinding of opzegging "
          "(ozjt legal add), en verloopt vanzelf na de einddatum; de status gaat alleen van "
          "concept naar gegund naar actief.");
    }
  }
  if (!StatusChangeAllowed(current.status, next.status)) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            absl::StrCat("status cannot change from ", Code(current.EffectiveStatus(today)), " to ",
                         Code(next.status), " (draft -> awarded -> active)")),
        absl::StrCat("De status kan niet van ", DutchName(current.EffectiveStatus(today)), " naar ",
                     DutchName(next.status), "; de volgorde is concept, gegund, actief."));
  }
  if (current.status == ContractStatus::kTerminated && !SameData(current, next)) {
    return platform::WithDutch(
        absl::FailedPreconditionError("a terminated contract cannot be changed"),
        "Een beëindigd contract kan niet meer worden gewijzigd.");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Contract> ApplyContractUpdate(const Contract& current, const Contract& changes,
                                             const std::vector<ContractField>& fields,
                                             const ContractRefs& refs, Day today) {
  Contract next = current;
  for (ContractField field : fields) {
    switch (field) {
      case ContractField::kReference:
        next.reference = changes.reference;
        break;
      case ContractField::kTitle:
        next.title = changes.title;
        break;
      case ContractField::kKind:
        next.kind = changes.kind;
        break;
      case ContractField::kParent:
        next.parent_id = changes.parent_id;
        break;
      case ContractField::kDomain:
        next.domain = changes.domain;
        break;
      case ContractField::kFamily:
        next.family = changes.family;
        break;
      case ContractField::kProviders:
        next.provider_ids = changes.provider_ids;
        break;
      case ContractField::kContractingParty:
        next.contracting_party = changes.contracting_party;
        break;
      case ContractField::kParticipations:
        next.participations = changes.participations;
        break;
      case ContractField::kStartDate:
        next.start_date = changes.start_date;
        break;
      case ContractField::kEndDate:
        next.end_date = changes.end_date;
        break;
      case ContractField::kValue:
        next.value_cents = changes.value_cents;
        break;
      case ContractField::kStatus:
        next.status = changes.status;
        break;
      case ContractField::kDocuments:
        next.documents = changes.documents;
        break;
      case ContractField::kNoticeMonths:
        next.notice_months = changes.notice_months;
        break;
      case ContractField::kIndexWeights:
        next.index_weights = changes.index_weights;
        break;
      case ContractField::kIndexBaseYear:
        next.index_base_year = changes.index_base_year;
        break;
      case ContractField::kOptions:
        OZJT_RETURN_IF_ERROR(TakeOptions(current, changes, &next));
        break;
    }
  }
  OZJT_RETURN_IF_ERROR(Prepare(next, refs, "contract"));
  OZJT_RETURN_IF_ERROR(CheckStatusChange(current, next, today));
  return next;
}

namespace {

// The checks a recorded exercise's own fields need, under `f` ("" or "contract.options[0].
// exercise."): proof of receipt, consent length, notice date not in the future and not before
// the start, and on or before `deadline`.
void CheckExercise(FieldViolations& v, const std::string& f, const Contract& c, int number,
                   Day notice_date, const std::string& receipt_proof,
                   const std::string& consent_reference, Day deadline, Day today) {
  if (Trimmed(receipt_proof).empty()) {
    v.Add(f + "receipt_proof", "record the proof that the provider received the notice",
          absl::StrCat("Leg het bewijs vast dat de aanbieder de aanzegging voor verlengingsoptie ",
                       number,
                       " heeft ontvangen (bijvoorbeeld het nummer van de aangetekende "
                       "brief)."));
  } else if (CharLength(receipt_proof) > 500) {
    v.Add(f + "receipt_proof", "must be at most 500 characters",
          "Het bewijs van ontvangst mag hoogstens 500 tekens lang zijn.");
  }
  if (CharLength(consent_reference) > 500) {
    v.Add(f + "consent_reference", "must be at most 500 characters",
          "De verwijzing naar de instemming van de aanbieder mag hoogstens 500 tekens lang zijn.");
  }
  if (notice_date > today) {
    v.Add(f + "notice_date", "is in the future",
          absl::StrCat("De datum van aanzegging (", DutchDay(notice_date),
                       ") ligt in de toekomst; leg een verlenging vast nadat u die hebt "
                       "aangezegd."));
  } else if (notice_date < c.start_date) {
    v.Add(
        f + "notice_date", "is before the contract's start_date",
        absl::StrCat("De datum van aanzegging (", DutchDay(notice_date),
                     ") ligt voor de begindatum van het contract (", DutchDay(c.start_date), ")."));
  } else if (notice_date > deadline) {
    v.Add(f + "notice_date",
          absl::StrCat("notice for option ", number, " had to be given by ", FormatDay(deadline),
                       "; given on ", FormatDay(notice_date), " is too late"),
          absl::StrCat("Verlengingsoptie ", number, " moest uiterlijk ", DutchDay(deadline),
                       " worden aangezegd; aanzeggen op ", DutchDay(notice_date),
                       " is te laat, dus het contract is niet met deze optie verlengd."));
  }
}

std::string ExerciseSummary(const ExtensionOption& o) {
  const OptionExercise& e = *o.exercise;
  return absl::StrCat(
      "Verlengingsoptie ", o.number, e.after_the_fact ? " achteraf vastgelegd" : " gelicht",
      e.recorded_on ? absl::StrCat(" op ", DutchDay(*e.recorded_on)) : "", ": aangezegd op ",
      DutchDay(e.notice_date),
      e.notice_deadline ? absl::StrCat(" (uiterlijk ", DutchDay(*e.notice_deadline), ")") : "",
      ", nieuwe einddatum ", DutchDay(e.new_end_date), ".");
}

}  // namespace

std::string DutchName(ContractStatus v) {
  const StatusName* s = FindStatus(v);
  return s != nullptr ? s->dutch : "onbekend";
}

std::string ExerciseAuditJson(const Contract& c, const ExtensionOption& o) {
  const OptionExercise& e = *o.exercise;
  nlohmann::json j = {{"contract_id", c.id},
                      {"reference", c.reference},
                      {"option", o.number},
                      {"notice_date", FormatDay(e.notice_date)},
                      {"notice_deadline", platform::DayJson(e.notice_deadline)},
                      {"receipt_proof", e.receipt_proof},
                      {"consent_reference", e.consent_reference},
                      {"new_end_date", FormatDay(e.new_end_date)},
                      {"recorded_on", platform::DayJson(e.recorded_on)},
                      {"recorded_after_the_fact", e.after_the_fact},
                      {"summary", ExerciseSummary(o)}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// FAILED_PRECONDITION unless the stored status is awarded or active (the stored status counts,
// not the effective one: an option noticed in time extended the contract even when it is
// recorded after the original end date); `rule` is the Dutch rule that follows the status.
absl::Status CheckExtendable(const Contract& c, Day today, const std::string& rule) {
  if (c.status == ContractStatus::kActive || c.status == ContractStatus::kAwarded) {
    return absl::OkStatus();
  }
  const ContractStatus status = c.EffectiveStatus(today);
  return platform::WithDutch(
      absl::FailedPreconditionError(absl::StrCat("the contract is ", Code(status),
                                                 "; only an awarded or active contract qualifies")),
      absl::StrCat("Het contract is ", DutchName(status), "; ", rule, "."));
}

// The option `number` of `c`, or FAILED_PRECONDITION naming the options there are.
absl::StatusOr<const ExtensionOption*> FindOption(const Contract& c, int number) {
  if (const ExtensionOption* o = c.Option(number)) return o;
  return platform::WithDutch(
      absl::FailedPreconditionError(absl::StrCat("the contract has no option ", number)),
      c.options.empty() ? std::string("Dit contract heeft geen verlengingsopties.")
                        : absl::StrCat("Dit contract heeft geen verlengingsoptie ", number,
                                       "; het heeft er ", c.options.size(), "."));
}

// FAILED_PRECONDITION when `o` was exercised already, or it or an earlier option was declined
// (it lapsed), or it is not the next option.
absl::Status CheckNextOpen(const Contract& c, const ExtensionOption& o) {
  if (o.exercise) {
    return platform::WithDutch(
        absl::FailedPreconditionError(absl::StrCat("option ", o.number, " was exercised already")),
        absl::StrCat("Verlengingsoptie ", o.number, " is al gelicht (aangezegd op ",
                     DutchDay(o.exercise->notice_date), ")."));
  }
  for (const auto& earlier : c.options) {
    if (!earlier.Declined() || earlier.number > o.number) continue;
    return platform::WithDutch(
        absl::FailedPreconditionError(absl::StrCat(
            "option ", earlier.number, " was declined; option ", o.number, " lapsed with it")),
        earlier.number == o.number
            ? absl::StrCat("Verlengingsoptie ", o.number, " is afgewezen (besluit van ",
                           DutchDay(earlier.decision->decision_date), ", ",
                           earlier.decision->decided_by, ").")
            : absl::StrCat("Verlengingsoptie ", o.number, " is vervallen: optie ", earlier.number,
                           " is afgewezen."));
  }
  const ExtensionOption* next = c.NextOption();
  if (next != &o) {
    return platform::WithDutch(absl::FailedPreconditionError(absl::StrCat(
                                   "option ", next->number, " comes first; options go in order")),
                               absl::StrCat("Eerst komt verlengingsoptie ", next->number,
                                            " aan de beurt: opties gaan op volgorde."));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Contract> ExerciseOption(const Contract& current, int number, Day notice_date,
                                        const std::string& receipt_proof,
                                        const std::string& consent_reference,
                                        const std::string& actor, Day today) {
  OZJT_RETURN_IF_ERROR(
      CheckExtendable(current, today, "alleen een gegund of actief contract kan worden verlengd"));
  OZJT_ASSIGN_OR_RETURN(const ExtensionOption* option, FindOption(current, number));
  OZJT_RETURN_IF_ERROR(CheckNextOpen(current, *option));
  if (!option->unilateral && Trimmed(consent_reference).empty()) {
    return platform::WithDutch(
        absl::FailedPreconditionError(absl::StrCat(
            "option ", number, " needs the provider's consent; record consent_reference")),
        absl::StrCat(
            "Verlengingsoptie ", number,
            " vraagt de instemming van de aanbieder; leg vast waar die instemming staat."));
  }
  const Day deadline = current.OptionNoticeDeadline(*option, current.end_date);
  FieldViolations v;
  CheckExercise(v, "", current, number, notice_date, receipt_proof, consent_reference, deadline,
                today);
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  Contract out = current;
  ExtensionOption& o = out.options[option - current.options.data()];
  OptionExercise e;
  e.notice_date = notice_date;
  e.receipt_proof = Trimmed(receipt_proof);
  e.consent_reference = Trimmed(consent_reference);
  e.old_end_date = current.end_date;
  e.new_end_date = ExtendedEnd(current.end_date, o.length_months);
  e.exercised_by = actor;
  e.notice_deadline = deadline;
  e.recorded_on = today;
  e.after_the_fact = today > deadline;
  o.exercise = std::move(e);
  out.end_date = o.exercise->new_end_date;
  return out;
}

absl::StatusOr<Contract> DecideOption(const Contract& current, int number, OptionDecision decision,
                                      const std::string& actor, Day today) {
  OZJT_RETURN_IF_ERROR(CheckExtendable(
      current, today, "alleen bij een gegund of actief contract wordt over verlenging besloten"));
  OZJT_ASSIGN_OR_RETURN(const ExtensionOption* option, FindOption(current, number));
  OZJT_RETURN_IF_ERROR(CheckNextOpen(current, *option));
  decision.decided_by = Trimmed(decision.decided_by);
  decision.reference = Trimmed(decision.reference);
  decision.article = Trimmed(decision.article);
  FieldViolations v;
  if (decision.outcome == OptionOutcome::kUnspecified) {
    v.Add("decision.outcome", "is required",
          "Kies het besluit: verlengen (de optie lichten) of niet verlengen.");
  }
  CheckText(v, "decision.decided_by", "Wie besloot (bijvoorbeeld AO Jeugd)", decision.decided_by,
            200, true);
  CheckText(v, "decision.reference", "Het kenmerk van het besluit", decision.reference, 200, false);
  CheckText(v, "decision.article", "Het artikel van de verlengingsoptie", decision.article, 100,
            false);
  if (decision.decision_date > today) {
    v.Add("decision.decision_date", "is in the future",
          absl::StrCat("De datum van het besluit (", DutchDay(decision.decision_date),
                       ") ligt in de toekomst; leg een besluit vast nadat het is genomen."));
  } else if (decision.decision_date < current.start_date) {
    v.Add("decision.decision_date", "is before the contract's start_date",
          absl::StrCat("De datum van het besluit (", DutchDay(decision.decision_date),
                       ") ligt voor de begindatum van het contract (", DutchDay(current.start_date),
                       ")."));
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  decision.recorded_by = actor;
  decision.recorded_on = today;
  Contract out = current;
  out.options[option - current.options.data()].decision = std::move(decision);
  return out;
}

absl::Status RecordPastExercises(Contract& c, const std::string& actor, Day today,
                                 const std::string& prefix) {
  const std::string f = prefix.empty() ? "" : prefix + ".";
  FieldViolations v;
  Day end = c.end_date;
  for (size_t i = 0; i < c.options.size(); ++i) {
    ExtensionOption& o = c.options[i];
    if (!o.exercise) continue;
    const std::string ef = absl::StrCat(f, "options[", i, "].exercise.");
    OptionExercise& e = *o.exercise;
    if (c.status != ContractStatus::kAwarded && c.status != ContractStatus::kActive) {
      v.Add(absl::StrCat(f, "options[", i, "].exercise"),
            "only an awarded or active contract has exercised options",
            absl::StrCat("Verlengingsoptie ", o.number,
                         " kan alleen gelicht zijn bij een gegund of actief contract, niet bij "
                         "een contract in concept."));
      continue;
    }
    if (!o.unilateral && Trimmed(e.consent_reference).empty()) {
      v.Add(ef + "consent_reference", "the option needs the provider's consent",
            absl::StrCat("Verlengingsoptie ", o.number,
                         " vraagt de instemming van de aanbieder; geef aan waar die is "
                         "vastgelegd."));
    }
    const Day deadline = c.OptionNoticeDeadline(o, end);
    CheckExercise(v, ef, c, o.number, e.notice_date, e.receipt_proof, e.consent_reference, deadline,
                  today);
    const Day new_end = ExtendedEnd(end, o.length_months);
    if (e.new_end_date != kUnsetDay && e.new_end_date != new_end) {
      v.Add(
          ef + "new_end_date",
          absl::StrCat("option ", o.number, " extends the term to ", FormatDay(new_end), ", not ",
                       FormatDay(e.new_end_date), "; give end_date as agreed before any extension"),
          absl::StrCat("Verlengingsoptie ", o.number, " verlengt tot ", DutchDay(new_end),
                       ", niet tot ", DutchDay(e.new_end_date),
                       ". Geef als einddatum de einddatum zonder verlengingen (zoals in het "
                       "getekende contract); de service telt de gelichte opties erbij op."));
    }
    e.receipt_proof = Trimmed(e.receipt_proof);
    e.consent_reference = Trimmed(e.consent_reference);
    e.old_end_date = end;
    e.new_end_date = new_end;
    e.exercised_by = actor;
    e.notice_deadline = deadline;
    e.recorded_on = today;
    e.after_the_fact = true;
    end = new_end;
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  c.end_date = end;
  return absl::OkStatus();
}

bool SameData(const Contract& a, const Contract& b) {
  Contract x = a, y = b;
  x.id = y.id = 0;
  x.version = y.version = 0;
  x.create_time = y.create_time = x.update_time = y.update_time = absl::UnixEpoch();
  return ToJson(x) == ToJson(y);
}

std::string ToJson(const Contract& c) {
  nlohmann::json j;
  j["id"] = c.id;
  j["reference"] = c.reference;
  j["title"] = c.title;
  j["kind"] = Code(c.kind);
  j["parent_id"] = c.parent_id;
  j["domain"] = Code(c.domain);
  j["family"] = Code(c.family);
  j["provider_ids"] = c.provider_ids;
  j["contracting_party"] = c.contracting_party;
  j["participations"] = nlohmann::json::array();
  for (const auto& p : c.participations) {
    j["participations"].push_back({{"municipality_code", p.municipality_code},
                                   {"valid_from", FormatDay(p.valid_from)},
                                   {"valid_to", platform::DayJson(p.valid_to)}});
  }
  j["start_date"] = FormatDay(c.start_date);
  j["end_date"] = FormatDay(c.end_date);
  j["value_cents"] = c.value_cents;
  j["status"] = Code(c.status);
  j["documents"] = nlohmann::json::array();
  for (const auto& d : c.documents) {
    j["documents"].push_back(
        {{"title", d.title}, {"link", d.link}, {"date", platform::DayJson(d.date)}});
  }
  j["notice_months"] = c.notice_months;
  j["options"] = nlohmann::json::array();
  for (const auto& o : c.options) {
    nlohmann::json oj = {{"number", o.number},         {"length_months", o.length_months},
                         {"unilateral", o.unilateral}, {"notice_months", o.notice_months},
                         {"exercise", nullptr},        {"decision", nullptr}};
    if (o.decision) {
      oj["decision"] = {
          {"outcome", o.decision->outcome == OptionOutcome::kDecline ? "decline" : "extend"},
          {"decided_by", o.decision->decided_by},
          {"decision_date", FormatDay(o.decision->decision_date)},
          {"reference", o.decision->reference},
          {"article", o.decision->article},
          {"recorded_by", o.decision->recorded_by},
          {"recorded_on", FormatDay(o.decision->recorded_on)}};
    }
    if (o.exercise) {
      oj["exercise"] = {{"old_end_date", platform::DayJson(o.exercise->old_end_date)},
                        {"notice_date", FormatDay(o.exercise->notice_date)},
                        {"receipt_proof", o.exercise->receipt_proof},
                        {"consent_reference", o.exercise->consent_reference},
                        {"new_end_date", FormatDay(o.exercise->new_end_date)},
                        {"exercised_by", o.exercise->exercised_by},
                        {"notice_deadline", platform::DayJson(o.exercise->notice_deadline)},
                        {"recorded_on", platform::DayJson(o.exercise->recorded_on)},
                        {"recorded_after_the_fact", o.exercise->after_the_fact}};
    }
    j["options"].push_back(oj);
  }
  j["index_weights"] = nlohmann::json::array();
  for (const auto& w : c.index_weights) {
    j["index_weights"].push_back(
        {{"component", w.component}, {"weight_percent", w.weight_percent}});
  }
  j["index_base_year"] = c.index_base_year;
  j["version"] = c.version;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// One option of a stored contract's JSON (throws what nlohmann::json throws on a missing field).
ExtensionOption OptionFromJson(const nlohmann::json& o) {
  ExtensionOption opt{o.at("number").get<int>(),
                      o.at("length_months").get<int>(),
                      o.at("unilateral").get<bool>(),
                      o.at("notice_months").get<int>(),
                      std::nullopt,
                      std::nullopt};
  // Kept since decisions are recorded; absent in older rows.
  if (o.contains("decision") && !o.at("decision").is_null()) {
    const auto& d = o.at("decision");
    OptionDecision decision;
    decision.outcome = d.at("outcome").get<std::string>() == "decline" ? OptionOutcome::kDecline
                                                                       : OptionOutcome::kExtend;
    decision.decided_by = d.at("decided_by").get<std::string>();
    decision.decision_date = platform::DayOf(d.at("decision_date"));
    decision.reference = d.at("reference").get<std::string>();
    decision.article = d.at("article").get<std::string>();
    decision.recorded_by = d.at("recorded_by").get<std::string>();
    decision.recorded_on = platform::DayOf(d.at("recorded_on"));
    opt.decision = std::move(decision);
  }
  const auto& e = o.at("exercise");
  if (!e.is_null()) {
    OptionExercise exercise;
    exercise.notice_date = platform::DayOf(e.at("notice_date"));
    exercise.receipt_proof = e.at("receipt_proof").get<std::string>();
    exercise.consent_reference = e.at("consent_reference").get<std::string>();
    exercise.new_end_date = platform::DayOf(e.at("new_end_date"));
    exercise.exercised_by = e.at("exercised_by").get<std::string>();
    opt.exercise = exercise;
    // Kept since exercises can be recorded after the fact; absent in older rows.
    if (e.contains("notice_deadline")) {
      opt.exercise->notice_deadline = platform::OptionalDayOf(e.at("notice_deadline"));
    }
    if (e.contains("old_end_date")) {
      opt.exercise->old_end_date = platform::OptionalDayOf(e.at("old_end_date"));
    }
    if (e.contains("recorded_on")) {
      opt.exercise->recorded_on = platform::OptionalDayOf(e.at("recorded_on"));
    }
    opt.exercise->after_the_fact = e.value("recorded_after_the_fact", false);
  }
  return opt;
}

}  // namespace

absl::StatusOr<Contract> ContractFromJson(absl::string_view text) {
  nlohmann::json j = platform::ParseStoredJson(text);
  if (!j.is_object()) return absl::InternalError("stored contract JSON is not an object");
  try {
    Contract c;
    c.id = j.at("id").get<int64_t>();
    c.reference = j.at("reference").get<std::string>();
    c.title = j.at("title").get<std::string>();
    c.kind =
        ParseContractKind(j.at("kind").get<std::string>()).value_or(ContractKind::kUnspecified);
    c.parent_id = j.at("parent_id").get<int64_t>();
    c.domain = ParseContractDomain(j.at("domain").get<std::string>())
                   .value_or(ContractDomain::kUnspecified);
    c.family = ParseContractFamily(j.at("family").get<std::string>())
                   .value_or(ContractFamily::kUnspecified);
    c.provider_ids = j.at("provider_ids").get<std::vector<int64_t>>();
    c.contracting_party = j.at("contracting_party").get<std::string>();
    for (const auto& p : j.at("participations")) {
      c.participations.push_back({p.at("municipality_code").get<std::string>(),
                                  platform::DayOf(p.at("valid_from")),
                                  platform::OptionalDayOf(p.at("valid_to"))});
    }
    c.start_date = platform::DayOf(j.at("start_date"));
    c.end_date = platform::DayOf(j.at("end_date"));
    c.value_cents = j.at("value_cents").get<int64_t>();
    c.status = ParseContractStatus(j.at("status").get<std::string>())
                   .value_or(ContractStatus::kUnspecified);
    for (const auto& d : j.at("documents")) {
      c.documents.push_back({d.at("title").get<std::string>(), d.at("link").get<std::string>(),
                             platform::OptionalDayOf(d.at("date"))});
    }
    c.notice_months = j.at("notice_months").get<int>();
    for (const auto& o : j.at("options")) c.options.push_back(OptionFromJson(o));
    for (const auto& w : j.at("index_weights")) {
      c.index_weights.push_back(
          {w.at("component").get<std::string>(), w.at("weight_percent").get<int>()});
    }
    c.index_base_year = j.at("index_base_year").get<int>();
    c.version = j.at("version").get<int64_t>();
    return c;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored contract JSON is incomplete: ", e.what()));
  }
}

}  // namespace ozjt::contracts
