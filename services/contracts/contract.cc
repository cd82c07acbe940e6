#include "services/contracts/contract.h"

#include <algorithm>
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
constexpr CodeName<ContractStatus> kStatuses[] = {{ContractStatus::kDraft, "draft"},
                                                  {ContractStatus::kAwarded, "awarded"},
                                                  {ContractStatus::kActive, "active"},
                                                  {ContractStatus::kExpired, "expired"},
                                                  {ContractStatus::kTerminated, "terminated"}};

size_t CharLength(absl::string_view s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

void CheckText(FieldViolations& v, const std::string& field, const std::string& text, size_t max,
               bool required) {
  if (text.empty()) {
    if (required) v.Add(field, "is required");
  } else if (CharLength(text) > max) {
    v.Add(field, absl::StrCat("must be at most ", max, " characters"));
  }
}

bool ValidReference(const std::string& r) {
  return !r.empty() && r.size() <= 50 && std::all_of(r.begin(), r.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == '/';
  });
}

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// ---- JSON ----
std::string DayText(Day d) { return FormatDay(d); }
Day DayFrom(const nlohmann::json& j) {
  Day d;
  absl::ParseCivilTime(j.get<std::string>(), &d);
  return d;
}
nlohmann::json OptionalDay(const std::optional<Day>& d) {
  return d ? nlohmann::json(DayText(*d)) : nlohmann::json(nullptr);
}
std::optional<Day> OptionalDayFrom(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return DayFrom(j);
}

}  // namespace

std::string Code(ContractKind v) { return platform::CodeOf(kKinds, v); }
std::string Code(ContractDomain v) { return platform::CodeOf(kDomains, v); }
std::string Code(ContractFamily v) { return platform::CodeOf(kFamilies, v); }
std::string Code(ContractStatus v) { return platform::CodeOf(kStatuses, v); }
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
  return platform::ParseCode(kStatuses, c);
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

int Contract::NoticeMonthsOf(const ExtensionOption& o) const {
  if (o.notice_months > 0) return o.notice_months;
  return notice_months > 0 ? notice_months : kStandardNoticeMonths;
}

const ExtensionOption* Contract::NextOption() const {
  for (const auto& o : options) {
    if (!o.exercise) return &o;
  }
  return nullptr;
}

std::vector<std::pair<int, Day>> Contract::NoticeDeadlines() const {
  std::vector<std::pair<int, Day>> out;
  Day end = end_date;
  for (const auto& o : options) {
    if (o.exercise) continue;
    out.emplace_back(o.number, NoticeDeadline(end, NoticeMonthsOf(o)));
    end = ExtendedEnd(end, o.length_months);
  }
  return out;
}

absl::Status Prepare(Contract& c, const ContractRefs& refs, const std::string& prefix) {
  const std::string f = prefix.empty() ? "" : prefix + ".";
  c.reference = Trimmed(c.reference);
  c.title = Trimmed(c.title);
  c.contracting_party = Trimmed(c.contracting_party);
  if (c.contracting_party.empty()) c.contracting_party = kDefaultContractingParty;
  if (c.index_weights.empty()) c.index_weights = DefaultIndexWeights();
  FieldViolations v;
  if (!ValidReference(c.reference)) {
    v.Add(f + "reference", "1 to 50 letters, digits or - _ . /");
  }
  CheckText(v, f + "title", c.title, 200, true);
  CheckText(v, f + "contracting_party", c.contracting_party, 200, false);
  if (c.kind == ContractKind::kUnspecified) v.Add(f + "kind", "is required");
  const bool needs_parent = c.kind == ContractKind::kLot || c.kind == ContractKind::kCallOff;
  if (needs_parent && c.parent_id <= 0) {
    v.Add(f + "parent", "a lot or call-off names its framework contract");
  }
  if (!needs_parent && c.parent_id > 0) {
    v.Add(f + "parent", "only a lot or call-off has a parent");
  }
  if (c.domain == ContractDomain::kUnspecified) v.Add(f + "domain", "is required");
  if (c.family == ContractFamily::kUnspecified) v.Add(f + "family", "is required");
  for (size_t i = 0; i < c.provider_ids.size(); ++i) {
    if (std::count(c.provider_ids.begin(), c.provider_ids.begin() + i, c.provider_ids[i]) > 0) {
      v.Add(absl::StrCat(f, "providers[", i, "]"), "provider given twice");
    }
  }
  if (c.provider_ids.size() > 1000) v.Add(f + "providers", "at most 1000 providers");
  for (size_t i = 0; i < c.participations.size(); ++i) {
    const Participation& p = c.participations[i];
    const std::string pf = absl::StrCat(f, "participations[", i, "].");
    if (refs.municipalities.count(p.municipality_code) == 0) {
      v.Add(pf + "municipality_code",
            absl::StrCat("unknown municipality '", p.municipality_code, "'"));
    }
    if (p.valid_to && *p.valid_to < p.valid_from) v.Add(pf + "valid_to", "is before valid_from");
    for (size_t j = 0; j < i; ++j) {
      const Participation& q = c.participations[j];
      const bool overlap = q.municipality_code == p.municipality_code &&
                           (!q.valid_to || p.valid_from <= *q.valid_to) &&
                           (!p.valid_to || q.valid_from <= *p.valid_to);
      if (overlap) v.Add(pf + "valid_from", absl::StrCat("overlaps participations[", j, "]"));
    }
  }
  if (c.end_date < c.start_date) v.Add(f + "end_date", "is before start_date");
  if (c.value_cents < 0) v.Add(f + "value_cents", "must not be negative");
  if (c.documents.size() > 200) v.Add(f + "documents", "at most 200 documents");
  for (size_t i = 0; i < c.documents.size(); ++i) {
    c.documents[i].title = Trimmed(c.documents[i].title);
    const std::string df = absl::StrCat(f, "documents[", i, "].");
    CheckText(v, df + "title", c.documents[i].title, 200, true);
    CheckText(v, df + "link", c.documents[i].link, 1000, false);
  }
  if (c.notice_months < 0 || c.notice_months > 24) {
    v.Add(f + "notice_months", "must be from 0 to 24");
  }
  for (size_t i = 0; i < c.options.size(); ++i) {
    const ExtensionOption& o = c.options[i];
    const std::string of = absl::StrCat(f, "options[", i, "].");
    if (o.number != static_cast<int>(i) + 1) {
      v.Add(of + "number",
            absl::StrCat("options are numbered 1, 2, ... in order; expected ", i + 1));
    }
    if (o.length_months < 1 || o.length_months > 120) {
      v.Add(of + "length_months", "must be from 1 to 120");
    }
    if (o.notice_months < 0 || o.notice_months > 24) {
      v.Add(of + "notice_months", "must be from 0 to 24");
    }
    if (o.exercise && i > 0 && !c.options[i - 1].exercise) {
      v.Add(of + "number", "an option is exercised after the one before it");
    }
  }
  if (c.index_base_year != 0 && (c.index_base_year < 2000 || c.index_base_year > 2100)) {
    v.Add(f + "index_base_year", "must be from 2000 to 2100 (or 0: the start year)");
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
  if (paths.empty()) return platform::InvalidField("update_mask", "name at least one field");
  std::vector<ContractField> fields;
  FieldViolations v;
  for (const auto& path : paths) {
    auto it = std::find_if(std::begin(kPaths), std::end(kPaths),
                           [&](const auto& e) { return path == e.first; });
    if (it == std::end(kPaths)) {
      v.Add("update_mask", absl::StrCat("'", path, "' is not a field you can change"));
    } else {
      fields.push_back(it->second);
    }
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  return fields;
}

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
      case ContractField::kOptions: {
        // Exercised options are history: they must come back unchanged (exercise kept).
        next.options = changes.options;
        for (size_t i = 0; i < current.options.size(); ++i) {
          const ExtensionOption& old = current.options[i];
          if (!old.exercise) continue;
          if (i >= next.options.size() || next.options[i].length_months != old.length_months ||
              next.options[i].number != old.number) {
            return absl::FailedPreconditionError(absl::StrCat(
                "option ", old.number, " was exercised and cannot be changed or removed"));
          }
          next.options[i] = old;
        }
        for (size_t i = current.options.size(); i < next.options.size(); ++i) {
          next.options[i].exercise.reset();
        }
        break;
      }
    }
  }
  OZJT_RETURN_IF_ERROR(Prepare(next, refs, "contract"));
  if (next.status == ContractStatus::kTerminated || next.status == ContractStatus::kExpired ||
      next.status == ContractStatus::kUnspecified) {
    if (next.status != current.status) {
      return absl::FailedPreconditionError(
          "a contract is terminated through a legal step (ontbinding or opzegging) and expires "
          "by its end date; status can only move draft -> awarded -> active");
    }
  }
  if (!StatusChangeAllowed(current.status, next.status)) {
    return absl::FailedPreconditionError(
        absl::StrCat("status cannot change from ", Code(current.EffectiveStatus(today)), " to ",
                     Code(next.status), " (draft -> awarded -> active)"));
  }
  if (current.status == ContractStatus::kTerminated && !SameData(current, next)) {
    return absl::FailedPreconditionError("a terminated contract cannot be changed");
  }
  return next;
}

absl::StatusOr<Contract> ExerciseOption(const Contract& current, int number, Day notice_date,
                                        const std::string& receipt_proof,
                                        const std::string& consent_reference,
                                        const std::string& actor, Day today) {
  FieldViolations v;
  if (Trimmed(receipt_proof).empty()) {
    v.Add("receipt_proof", "record the proof that the provider received the notice");
  } else if (receipt_proof.size() > 500) {
    v.Add("receipt_proof", "must be at most 500 characters");
  }
  if (consent_reference.size() > 500) v.Add("consent_reference", "must be at most 500 characters");
  if (notice_date > today) v.Add("notice_date", "is in the future");
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  const ContractStatus status = current.EffectiveStatus(today);
  if (status != ContractStatus::kActive && status != ContractStatus::kAwarded) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the contract is ", Code(status), "; only an awarded or active contract can be extended"));
  }
  auto it = std::find_if(current.options.begin(), current.options.end(),
                         [&](const ExtensionOption& o) { return o.number == number; });
  if (it == current.options.end()) {
    return absl::FailedPreconditionError(absl::StrCat("the contract has no option ", number));
  }
  if (it->exercise) {
    return absl::FailedPreconditionError(absl::StrCat("option ", number, " was exercised already"));
  }
  const ExtensionOption* next = current.NextOption();
  if (next != &*it) {
    return absl::FailedPreconditionError(
        absl::StrCat("option ", next->number, " comes first; options are exercised in order"));
  }
  if (!it->unilateral && Trimmed(consent_reference).empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("option ", number, " needs the provider's consent; record consent_reference"));
  }
  const Day deadline = NoticeDeadline(current.end_date, current.NoticeMonthsOf(*it));
  if (notice_date > deadline) {
    return absl::FailedPreconditionError(
        absl::StrCat("notice for option ", number, " had to be given by ", FormatDay(deadline),
                     "; given on ", FormatDay(notice_date),
                     " is too late and the contract ends on ", FormatDay(current.end_date)));
  }
  Contract out = current;
  ExtensionOption& o = out.options[it - current.options.begin()];
  o.exercise = OptionExercise{notice_date, Trimmed(receipt_proof), Trimmed(consent_reference),
                              ExtendedEnd(current.end_date, o.length_months), actor};
  out.end_date = o.exercise->new_end_date;
  return out;
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
                                   {"valid_from", DayText(p.valid_from)},
                                   {"valid_to", OptionalDay(p.valid_to)}});
  }
  j["start_date"] = DayText(c.start_date);
  j["end_date"] = DayText(c.end_date);
  j["value_cents"] = c.value_cents;
  j["status"] = Code(c.status);
  j["documents"] = nlohmann::json::array();
  for (const auto& d : c.documents) {
    j["documents"].push_back({{"title", d.title}, {"link", d.link}, {"date", OptionalDay(d.date)}});
  }
  j["notice_months"] = c.notice_months;
  j["options"] = nlohmann::json::array();
  for (const auto& o : c.options) {
    nlohmann::json oj = {{"number", o.number},
                         {"length_months", o.length_months},
                         {"unilateral", o.unilateral},
                         {"notice_months", o.notice_months},
                         {"exercise", nullptr}};
    if (o.exercise) {
      oj["exercise"] = {{"notice_date", DayText(o.exercise->notice_date)},
                        {"receipt_proof", o.exercise->receipt_proof},
                        {"consent_reference", o.exercise->consent_reference},
                        {"new_end_date", DayText(o.exercise->new_end_date)},
                        {"exercised_by", o.exercise->exercised_by}};
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
                                  DayFrom(p.at("valid_from")), OptionalDayFrom(p.at("valid_to"))});
    }
    c.start_date = DayFrom(j.at("start_date"));
    c.end_date = DayFrom(j.at("end_date"));
    c.value_cents = j.at("value_cents").get<int64_t>();
    c.status = ParseContractStatus(j.at("status").get<std::string>())
                   .value_or(ContractStatus::kUnspecified);
    for (const auto& d : j.at("documents")) {
      c.documents.push_back({d.at("title").get<std::string>(), d.at("link").get<std::string>(),
                             OptionalDayFrom(d.at("date"))});
    }
    c.notice_months = j.at("notice_months").get<int>();
    for (const auto& o : j.at("options")) {
      ExtensionOption opt{o.at("number").get<int>(), o.at("length_months").get<int>(),
                          o.at("unilateral").get<bool>(), o.at("notice_months").get<int>(),
                          std::nullopt};
      const auto& e = o.at("exercise");
      if (!e.is_null()) {
        opt.exercise =
            OptionExercise{DayFrom(e.at("notice_date")), e.at("receipt_proof").get<std::string>(),
                           e.at("consent_reference").get<std::string>(),
                           DayFrom(e.at("new_end_date")), e.at("exercised_by").get<std::string>()};
      }
      c.options.push_back(std::move(opt));
    }
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
