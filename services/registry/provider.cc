#include "services/registry/provider.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/decimal.h"
#include "services/platform/json_codes.h"
#include "services/platform/status.h"

namespace ozjt::registry {
namespace {

using platform::FieldViolations;

template <typename E>
struct Names {
  E value;
  const char* code;   // stored and exported
  const char* dutch;  // also accepted on import
};

constexpr Names<LegalForm> kLegalForms[] = {
    {LegalForm::kStichting, "stichting", "stichting"},
    {LegalForm::kBv, "bv", "besloten vennootschap"},
    {LegalForm::kNv, "nv", "naamloze vennootschap"},
    {LegalForm::kVereniging, "vereniging", "vereniging"},
    {LegalForm::kCooperatie, "cooperatie", "coöperatie"},
    {LegalForm::kEenmanszaak, "eenmanszaak", "eenmanszaak"},
    {LegalForm::kVof, "vof", "vennootschap onder firma"},
    {LegalForm::kMaatschap, "maatschap", "maatschap"},
    {LegalForm::kOther, "overig", "other"},
};
constexpr Names<Law> kLaws[] = {{Law::kJeugdwet, "jeugdwet", "jw"}, {Law::kWmo, "wmo", "wmo"}};
constexpr Names<Tier> kTiers[] = {{Tier::kStrategic, "strategic", "strategisch"},
                                  {Tier::kLocal, "local", "lokaal"}};
constexpr Names<ProviderStatus> kStatuses[] = {
    {ProviderStatus::kApplicant, "applicant", "aanvrager"},
    {ProviderStatus::kContracted, "contracted", "gecontracteerd"},
    {ProviderStatus::kSuspended, "suspended", "opgeschort"},
    {ProviderStatus::kEnded, "ended", "beeindigd"},
};

template <typename E, size_t N>
std::string CodeOf(const Names<E> (&names)[N], E v) {
  for (const auto& n : names) {
    if (n.value == v) return n.code;
  }
  return "";
}
// How a person reads a status: "aanvrager", "gecontracteerd", "opgeschort", "beëindigd".
std::string DutchStatus(ProviderStatus s) {
  if (s == ProviderStatus::kEnded) return "beëindigd";
  for (const auto& n : kStatuses) {
    if (n.value == s) return n.dutch;
  }
  return "onbekend";
}
template <typename E, size_t N>
std::optional<E> Parse(const Names<E> (&names)[N], absl::string_view text) {
  std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (t == "beëindigd") t = "beeindigd";
  for (const auto& n : names) {
    if (t == n.code || t == n.dutch) return n.value;
  }
  return std::nullopt;
}

bool IsDigits(absl::string_view s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) {
           return absl::ascii_isdigit(static_cast<unsigned char>(c));
         });
}

bool HasControlCharacters(absl::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// UTF-8 code points (names are limited in characters, not bytes).
size_t CharLength(absl::string_view s) {
  return std::count_if(s.begin(), s.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

// `what` names the field for a person: "De naam", "De naam van de vestiging".
void CheckName(FieldViolations& v, const std::string& field, const std::string& name, bool required,
               const std::string& what) {
  if (name.empty()) {
    if (required) v.Add(field, "is required", absl::StrCat(what, " is verplicht."));
  } else if (CharLength(name) > kMaxNameLength) {
    v.Add(field, absl::StrCat("must be at most ", kMaxNameLength, " characters"),
          absl::StrCat(what, " mag hoogstens ", kMaxNameLength, " tekens lang zijn."));
  } else if (HasControlCharacters(name)) {
    v.Add(field, "must not contain control characters or line breaks",
          absl::StrCat(what, " mag geen regeleinden of stuurtekens bevatten."));
  }
}

// The municipalities `p` works in: CBS codes that exist, each once.
void CheckMunicipalityCodes(FieldViolations& v, const Provider& p, const ReferenceCodes& refs,
                            const std::string& f) {
  for (size_t i = 0; i < p.municipality_codes.size(); ++i) {
    const std::string field = absl::StrCat(f, "municipality_codes[", i, "]");
    const std::string& code = p.municipality_codes[i];
    if (!IsDigits(code, 4)) {
      v.Add(field, "must be a 4-digit CBS code",
            absl::StrCat("Gemeentecode '", code,
                         "' is geen CBS-code van 4 cijfers (Enschede is bijvoorbeeld 0153)."));
    } else if (refs.municipalities.count(code) == 0) {
      v.Add(field, absl::StrCat("unknown municipality ", code),
            absl::StrCat("Er is geen gemeente met CBS-code ", code,
                         "; zie ozjt reference municipalities."));
    } else if (std::count(p.municipality_codes.begin(),
                          p.municipality_codes.begin() + static_cast<std::ptrdiff_t>(i),
                          code) > 0) {
      v.Add(field, absl::StrCat("duplicate municipality ", code),
            absl::StrCat("Gemeente ", code, " staat er twee keer in."));
    }
  }
}

// The establishments of `p` (fields under `f`, the prefix with its dot).
void CheckEstablishments(FieldViolations& v, const Provider& p, const ReferenceCodes& refs,
                         const std::string& f) {
  std::set<std::string> numbers;
  for (size_t i = 0; i < p.establishments.size(); ++i) {
    const Establishment& e = p.establishments[i];
    const std::string ef = absl::StrCat(f, "establishments[", i, "].");
    if (!IsDigits(e.number, 12)) {
      v.Add(ef + "establishment_number", "must be exactly 12 digits",
            absl::StrCat("Vestigingsnummer '", e.number, "' moet uit precies 12 cijfers bestaan."));
    } else if (!numbers.insert(e.number).second) {
      v.Add(ef + "establishment_number", absl::StrCat("duplicate establishment ", e.number),
            absl::StrCat("Vestiging ", e.number, " staat er twee keer in."));
    }
    CheckName(v, ef + "name", e.name, /*required=*/false, "De naam van de vestiging");
    if (!e.agb_code.empty() && !IsDigits(e.agb_code, 8)) {
      v.Add(ef + "agb_code", "must be exactly 8 digits or empty",
            absl::StrCat("De AGB-code van vestiging ", e.number,
                         " moet uit precies 8 cijfers bestaan of leeg zijn."));
    }
    if (!e.municipality_code.empty() && refs.municipalities.count(e.municipality_code) == 0) {
      v.Add(ef + "municipality_code", absl::StrCat("unknown municipality ", e.municipality_code),
            absl::StrCat("Vestiging ", e.number, ": er is geen gemeente met CBS-code ",
                         e.municipality_code, "."));
    }
  }
}

// The annual turnover of `p` and its split per region.
void CheckTurnover(FieldViolations& v, const Provider& p, const ReferenceCodes& refs,
                   const std::string& f) {
  for (size_t i = 0; i < p.turnover.size(); ++i) {
    const AnnualTurnover& t = p.turnover[i];
    const std::string tf = absl::StrCat(f, "turnover[", i, "].");
    if (t.year < 2000 || t.year > 2100) {
      v.Add(tf + "year", "must be from 2000 to 2100",
            "Het jaar van de omzet moet tussen 2000 en 2100 liggen.");
    }
    if (std::any_of(p.turnover.begin(), p.turnover.begin() + static_cast<std::ptrdiff_t>(i),
                    [&](const AnnualTurnover& o) { return o.year == t.year; })) {
      v.Add(tf + "year", absl::StrCat("year ", t.year, " given twice"),
            absl::StrCat("De omzet over ", t.year, " staat er twee keer in."));
    }
    if (t.total_cents < 0) {
      v.Add(tf + "total_cents", "must not be negative",
            absl::StrCat("De totale omzet over ", t.year, " mag niet negatief zijn."));
    } else if (t.total_cents > platform::kMaxAmountCents) {
      v.Add(tf + "total_cents",
            absl::StrCat("must be at most ", platform::kMaxAmountCents, " cents"),
            absl::StrCat("De totale omzet over ", t.year, " is ten hoogste ",
                         platform::MaxAmountText(), "."));
    }
    int64_t sum = 0;
    bool overflow = false;
    for (size_t j = 0; j < t.per_region.size(); ++j) {
      const RegionTurnover& r = t.per_region[j];
      const std::string rf = absl::StrCat(tf, "per_region[", j, "].");
      if (refs.regions.count(r.region_code) == 0) {
        v.Add(rf + "region_code", absl::StrCat("unknown region '", r.region_code, "'"),
              absl::StrCat("Er is geen jeugdregio '", r.region_code,
                           "'; zie ozjt reference regions."));
      } else if (std::any_of(
                     t.per_region.begin(), t.per_region.begin() + static_cast<std::ptrdiff_t>(j),
                     [&](const RegionTurnover& o) { return o.region_code == r.region_code; })) {
        v.Add(rf + "region_code", absl::StrCat("region ", r.region_code, " given twice"),
              absl::StrCat("Regio ", r.region_code, " staat twee keer in de omzet over ", t.year,
                           "."));
      }
      if (r.amount_cents < 0) {
        v.Add(rf + "amount_cents", "must not be negative",
              absl::StrCat("De omzet in regio ", r.region_code, " over ", t.year,
                           " mag niet negatief zijn."));
      } else if (r.amount_cents > platform::kMaxAmountCents) {
        v.Add(rf + "amount_cents",
              absl::StrCat("must be at most ", platform::kMaxAmountCents, " cents"),
              absl::StrCat("De omzet in regio ", r.region_code, " over ", t.year,
                           " is ten hoogste ", platform::MaxAmountText(), "."));
      } else if (__builtin_add_overflow(sum, r.amount_cents, &sum)) {
        overflow = true;
      }
    }
    if (overflow || sum > t.total_cents) {
      v.Add(tf + "per_region", "the regions' amounts add up to more than total_cents",
            absl::StrCat("De omzet per regio over ", t.year,
                         " is samen meer dan de totale omzet van dat jaar."));
    }
  }
}

}  // namespace

std::string Code(LegalForm v) { return CodeOf(kLegalForms, v); }
std::string Code(Law v) { return CodeOf(kLaws, v); }
std::string Code(Tier v) { return CodeOf(kTiers, v); }
std::string Code(ProviderStatus v) { return CodeOf(kStatuses, v); }
std::optional<LegalForm> ParseLegalForm(absl::string_view c) { return Parse(kLegalForms, c); }
std::optional<Law> ParseLaw(absl::string_view c) { return Parse(kLaws, c); }
std::optional<Tier> ParseTier(absl::string_view c) { return Parse(kTiers, c); }
std::optional<ProviderStatus> ParseProviderStatus(absl::string_view c) {
  return Parse(kStatuses, c);
}

bool operator==(const Establishment& a, const Establishment& b) {
  return a.number == b.number && a.name == b.name && a.agb_code == b.agb_code &&
         a.municipality_code == b.municipality_code;
}
bool operator==(const RegionTurnover& a, const RegionTurnover& b) {
  return a.region_code == b.region_code && a.amount_cents == b.amount_cents;
}
bool operator==(const AnnualTurnover& a, const AnnualTurnover& b) {
  return a.year == b.year && a.total_cents == b.total_cents && a.per_region == b.per_region;
}

bool Provider::ActiveIn(absl::string_view cbs_code) const {
  return std::find(municipality_codes.begin(), municipality_codes.end(), cbs_code) !=
         municipality_codes.end();
}

namespace {
void Trim(Provider& p) {
  auto trim = [](std::string& s) { s = std::string(absl::StripAsciiWhitespace(s)); };
  trim(p.name);
  trim(p.kvk_number);
  for (auto& a : p.agb_codes) trim(a);
  for (auto& m : p.municipality_codes) trim(m);
  for (auto& e : p.establishments) {
    trim(e.number);
    trim(e.name);
    trim(e.agb_code);
    trim(e.municipality_code);
  }
}

// Canonical order, so that equal data compares equal and history diffs stay small.
void Sort(Provider& p) {
  std::sort(p.municipality_codes.begin(), p.municipality_codes.end());
  std::sort(p.agb_codes.begin(), p.agb_codes.end());
  std::sort(p.laws.begin(), p.laws.end());
  std::sort(p.turnover.begin(), p.turnover.end(),
            [](const auto& a, const auto& b) { return a.year < b.year; });
  for (auto& t : p.turnover) {
    std::sort(t.per_region.begin(), t.per_region.end(),
              [](const auto& a, const auto& b) { return a.region_code < b.region_code; });
  }
}
}  // namespace

absl::Status Prepare(Provider& p, const ReferenceCodes& refs, const std::string& prefix) {
  Trim(p);
  OZJT_RETURN_IF_ERROR(Validate(p, refs, prefix));
  Sort(p);
  return absl::OkStatus();
}

absl::Status Validate(const Provider& p, const ReferenceCodes& refs, const std::string& prefix) {
  FieldViolations v;
  const std::string f = prefix.empty() ? "" : prefix + ".";
  CheckName(v, f + "display_name", p.name, /*required=*/true, "De naam van de aanbieder");
  if (!IsDigits(p.kvk_number, 8)) {
    v.Add(f + "kvk_number", "must be exactly 8 digits",
          "Het KvK-nummer moet uit precies 8 cijfers bestaan.");
  }
  if (p.legal_form == LegalForm::kUnspecified) {
    v.Add(f + "legal_form", "is required",
          "Kies een rechtsvorm (bijvoorbeeld stichting, bv of vereniging).");
  }
  if (p.agb_codes.size() > 50) {
    v.Add(f + "agb_codes", "at most 50 codes", "Een aanbieder heeft hoogstens 50 AGB-codes.");
  }
  for (size_t i = 0; i < p.agb_codes.size(); ++i) {
    const std::string field = absl::StrCat(f, "agb_codes[", i, "]");
    if (!IsDigits(p.agb_codes[i], 8)) {
      v.Add(field, "must be exactly 8 digits",
            absl::StrCat("AGB-code '", p.agb_codes[i], "' moet uit precies 8 cijfers bestaan."));
    } else if (std::count(p.agb_codes.begin(), p.agb_codes.begin() + static_cast<std::ptrdiff_t>(i),
                          p.agb_codes[i]) > 0) {
      v.Add(field, absl::StrCat("duplicate AGB code ", p.agb_codes[i]),
            absl::StrCat("AGB-code ", p.agb_codes[i], " staat er twee keer in."));
    }
  }
  if (p.laws.empty()) {
    v.Add(f + "laws", "name at least one law (Jeugdwet, Wmo)",
          "Noem ten minste één wet: Jeugdwet of Wmo.");
  }
  for (size_t i = 0; i < p.laws.size(); ++i) {
    const std::string field = absl::StrCat(f, "laws[", i, "]");
    if (p.laws[i] == Law::kUnspecified) {
      v.Add(field, "must be JEUGDWET or WMO", "De wet moet Jeugdwet of Wmo zijn.");
    }
    if (std::count(p.laws.begin(), p.laws.begin() + static_cast<std::ptrdiff_t>(i), p.laws[i]) >
        0) {
      v.Add(field, "duplicate law", "Een wet staat er twee keer in.");
    }
  }
  CheckMunicipalityCodes(v, p, refs, f);
  if (p.tier == Tier::kUnspecified) {
    v.Add(f + "tier", "is required (STRATEGIC or LOCAL)",
          "Kies het niveau: strategisch of lokaal.");
  }
  if (p.status == ProviderStatus::kUnspecified) {
    v.Add(f + "status", "is required",
          "Kies een status: aanvrager, gecontracteerd, opgeschort of beëindigd.");
  }
  if (p.establishments.size() > 500) {
    v.Add(f + "establishments", "at most 500 establishments",
          "Een aanbieder heeft hoogstens 500 vestigingen.");
  }
  CheckEstablishments(v, p, refs, f);
  CheckTurnover(v, p, refs, f);
  return v.ToStatus();
}

bool StatusChangeAllowed(ProviderStatus from, ProviderStatus to) {
  using S = ProviderStatus;
  if (from == to) return true;
  switch (from) {
    case S::kApplicant:
      return to == S::kContracted || to == S::kEnded;
    case S::kContracted:
      return to == S::kSuspended || to == S::kEnded;
    case S::kSuspended:
      return to == S::kContracted || to == S::kEnded;
    default:
      return false;
  }
}

absl::StatusOr<std::vector<ProviderField>> ParseUpdateMask(const std::vector<std::string>& paths) {
  static const std::pair<const char*, ProviderField> kPaths[] = {
      {"display_name", ProviderField::kName},
      {"kvk_number", ProviderField::kKvkNumber},
      {"legal_form", ProviderField::kLegalForm},
      {"agb_codes", ProviderField::kAgbCodes},
      {"establishments", ProviderField::kEstablishments},
      {"laws", ProviderField::kLaws},
      {"municipality_codes", ProviderField::kMunicipalityCodes},
      {"tier", ProviderField::kTier},
      {"status", ProviderField::kStatus},
      {"turnover", ProviderField::kTurnover},
  };
  if (paths.empty()) {
    return platform::InvalidField("update_mask", "name at least one field to change",
                                  "Geef ten minste één gegeven op dat u wilt wijzigen.");
  }
  std::vector<ProviderField> fields;
  FieldViolations v;
  for (const auto& path : paths) {
    auto it = std::find_if(std::begin(kPaths), std::end(kPaths),
                           [&](const auto& e) { return path == e.first; });
    if (it != std::end(kPaths)) {
      fields.push_back(it->second);
    } else if (path == "name" || path == "version" || path == "create_time" ||
               path == "update_time") {
      v.Add("update_mask", absl::StrCat("'", path, "' cannot be changed"),
            "Het nummer, de versie en de tijdstempels van een aanbieder kunt u niet wijzigen.");
    } else {
      v.Add("update_mask", absl::StrCat("unknown field '", path, "'"),
            absl::StrCat("Onbekend gegeven '", path, "'; dat kan niet gewijzigd worden."));
    }
  }
  if (!v.empty()) return v.ToStatus();
  return fields;
}

absl::StatusOr<Provider> ApplyUpdate(const Provider& current, const Provider& changes,
                                     const std::vector<ProviderField>& fields,
                                     const ReferenceCodes& refs, const std::string& prefix) {
  Provider next = current;
  for (ProviderField field : fields) {
    switch (field) {
      case ProviderField::kName:
        next.name = changes.name;
        break;
      case ProviderField::kKvkNumber:
        next.kvk_number = changes.kvk_number;
        break;
      case ProviderField::kLegalForm:
        next.legal_form = changes.legal_form;
        break;
      case ProviderField::kAgbCodes:
        next.agb_codes = changes.agb_codes;
        break;
      case ProviderField::kEstablishments:
        next.establishments = changes.establishments;
        break;
      case ProviderField::kLaws:
        next.laws = changes.laws;
        break;
      case ProviderField::kMunicipalityCodes:
        next.municipality_codes = changes.municipality_codes;
        break;
      case ProviderField::kTier:
        next.tier = changes.tier;
        break;
      case ProviderField::kStatus:
        next.status = changes.status;
        break;
      case ProviderField::kTurnover:
        next.turnover = changes.turnover;
        break;
    }
  }
  OZJT_RETURN_IF_ERROR(Prepare(next, refs, prefix));
  if (!StatusChangeAllowed(current.status, next.status)) {
    return platform::WithDutch(
        absl::FailedPreconditionError(absl::StrCat(
            "status cannot change from ", Code(current.status), " to ", Code(next.status),
            " (applicant -> contracted|ended; contracted -> "
            "suspended|ended; suspended -> contracted|ended; ended is final)")),
        absl::StrCat("De status kan niet van ", DutchStatus(current.status), " naar ",
                     DutchStatus(next.status),
                     " gaan. Een aanvrager wordt gecontracteerd of beëindigd, een "
                     "gecontracteerde aanbieder opgeschort of beëindigd, een opgeschorte weer "
                     "gecontracteerd of beëindigd; beëindigd is definitief."));
  }
  return next;
}

bool SameData(const Provider& a, const Provider& b) {
  return a.name == b.name && a.kvk_number == b.kvk_number && a.legal_form == b.legal_form &&
         a.agb_codes == b.agb_codes && a.establishments == b.establishments && a.laws == b.laws &&
         a.municipality_codes == b.municipality_codes && a.tier == b.tier && a.status == b.status &&
         a.turnover == b.turnover;
}

std::string ToJson(const Provider& p) {
  nlohmann::json j;
  j["id"] = p.id;
  j["display_name"] = p.name;
  j["kvk_number"] = p.kvk_number;
  j["legal_form"] = Code(p.legal_form);
  j["agb_codes"] = p.agb_codes;
  j["establishments"] = nlohmann::json::array();
  for (const auto& e : p.establishments) {
    j["establishments"].push_back({{"establishment_number", e.number},
                                   {"name", e.name},
                                   {"agb_code", e.agb_code},
                                   {"municipality_code", e.municipality_code}});
  }
  j["laws"] = nlohmann::json::array();
  for (Law l : p.laws) j["laws"].push_back(Code(l));
  j["municipality_codes"] = p.municipality_codes;
  j["tier"] = Code(p.tier);
  j["status"] = Code(p.status);
  j["turnover"] = nlohmann::json::array();
  for (const auto& t : p.turnover) {
    nlohmann::json regions = nlohmann::json::array();
    for (const auto& r : t.per_region) {
      regions.push_back({{"region_code", r.region_code}, {"amount_cents", r.amount_cents}});
    }
    j["turnover"].push_back(
        {{"year", t.year}, {"total_cents", t.total_cents}, {"per_region", regions}});
  }
  j["version"] = p.version;
  j["create_time"] = absl::FormatTime(absl::RFC3339_full, p.create_time, absl::UTCTimeZone());
  j["update_time"] = absl::FormatTime(absl::RFC3339_full, p.update_time, absl::UTCTimeZone());
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

absl::StatusOr<Provider> FromJson(absl::string_view text) {
  nlohmann::json j = platform::ParseStoredJson(text);
  if (!j.is_object()) return absl::InternalError("stored provider JSON is not an object");
  try {
    Provider p;
    p.id = j.at("id").get<int64_t>();
    p.name = j.at("display_name").get<std::string>();
    p.kvk_number = j.at("kvk_number").get<std::string>();
    p.legal_form =
        ParseLegalForm(j.at("legal_form").get<std::string>()).value_or(LegalForm::kUnspecified);
    p.agb_codes = j.at("agb_codes").get<std::vector<std::string>>();
    for (const auto& e : j.at("establishments")) {
      p.establishments.push_back(
          {e.at("establishment_number").get<std::string>(), e.at("name").get<std::string>(),
           e.at("agb_code").get<std::string>(), e.at("municipality_code").get<std::string>()});
    }
    for (const auto& l : j.at("laws")) {
      p.laws.push_back(ParseLaw(l.get<std::string>()).value_or(Law::kUnspecified));
    }
    p.municipality_codes = j.at("municipality_codes").get<std::vector<std::string>>();
    p.tier = ParseTier(j.at("tier").get<std::string>()).value_or(Tier::kUnspecified);
    p.status = ParseProviderStatus(j.at("status").get<std::string>())
                   .value_or(ProviderStatus::kUnspecified);
    for (const auto& t : j.at("turnover")) {
      AnnualTurnover at;
      at.year = t.at("year").get<int>();
      at.total_cents = t.at("total_cents").get<int64_t>();
      for (const auto& r : t.at("per_region")) {
        at.per_region.push_back(
            {r.at("region_code").get<std::string>(), r.at("amount_cents").get<int64_t>()});
      }
      p.turnover.push_back(std::move(at));
    }
    p.version = j.at("version").get<int64_t>();
    std::string err;
    absl::ParseTime(absl::RFC3339_full, j.at("create_time").get<std::string>(), &p.create_time,
                    &err);
    absl::ParseTime(absl::RFC3339_full, j.at("update_time").get<std::string>(), &p.update_time,
                    &err);
    return p;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored provider JSON is incomplete: ", e.what()));
  }
}

}  // namespace ozjt::registry
