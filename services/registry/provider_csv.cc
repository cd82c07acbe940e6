#include "services/registry/provider_csv.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/platform/csv.h"
#include "services/platform/decimal.h"
#include "services/platform/status.h"

namespace ozjt::registry {
namespace {

constexpr const char* kColumns[] = {"kvk_nummer", "naam",      "rechtsvorm", "agb_codes",
                                    "wetten",     "gemeenten", "niveau",     "status"};
enum Column { kKvk, kNaam, kRechtsvorm, kAgb, kWetten, kGemeenten, kNiveau, kStatus, kCount };

// Dutch export words for the enums (the import accepts these and the English codes).
std::string Dutch(Tier t) { return t == Tier::kStrategic ? "strategisch" : "lokaal"; }
std::string Dutch(ProviderStatus s) {
  switch (s) {
    case ProviderStatus::kApplicant:
      return "aanvrager";
    case ProviderStatus::kContracted:
      return "gecontracteerd";
    case ProviderStatus::kSuspended:
      return "opgeschort";
    case ProviderStatus::kEnded:
      return "beeindigd";
    default:
      return "";
  }
}

std::vector<std::string> SplitList(const std::string& s) {
  return absl::StrSplit(s, ',', absl::SkipWhitespace());
}

// The CSV column a validation field path belongs to.
std::string ColumnOf(const std::string& field) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"kvk_number", "kvk_nummer"}, {"display_name", "naam"}, {"legal_form", "rechtsvorm"},
      {"agb_codes", "agb_codes"},   {"laws", "wetten"},       {"municipality_codes", "gemeenten"},
      {"tier", "niveau"},           {"status", "status"}};
  for (const auto& [path, column] : kMap) {
    if (field.rfind(path, 0) == 0) return column;
  }
  return field;
}

}  // namespace

std::string DutchRowError(const RowError& e) {
  const std::string& text = e.dutch.empty() ? e.description : e.dutch;
  if (e.field.empty()) return absl::StrCat("regel ", e.line, ": ", text);
  return absl::StrCat("regel ", e.line, ", kolom ", e.field, ": ", text);
}

std::vector<ProviderField> CsvFields(bool with_status) {
  std::vector<ProviderField> f = {
      ProviderField::kName, ProviderField::kLegalForm,         ProviderField::kAgbCodes,
      ProviderField::kLaws, ProviderField::kMunicipalityCodes, ProviderField::kTier};
  if (with_status) f.push_back(ProviderField::kStatus);
  return f;
}

namespace {

// The header row: every column exactly once, in any order; `index` gets each column's position.
absl::Status ReadHeader(const std::vector<std::string>& header, int (&index)[kCount]) {
  std::fill(std::begin(index), std::end(index), -1);
  platform::FieldViolations header_errors;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(header[i]));
    auto it = std::find_if(std::begin(kColumns), std::end(kColumns),
                           [&](const char* c) { return name == c; });
    if (it == std::end(kColumns)) {
      header_errors.Add("csv", absl::StrCat("line 1: unknown column '", header[i], "'"),
                        absl::StrCat("regel 1: onbekende kolom '", header[i],
                                     "'; de kolommen zijn ", absl::StrJoin(kColumns, ";"), "."));
    } else if (index[it - std::begin(kColumns)] >= 0) {
      header_errors.Add("csv", absl::StrCat("line 1: column '", name, "' appears twice"),
                        absl::StrCat("regel 1: kolom '", name, "' staat er twee keer in."));
    } else {
      index[it - std::begin(kColumns)] = static_cast<int>(i);
    }
  }
  for (int c = 0; c < kCount; ++c) {
    if (index[c] < 0) {
      header_errors.Add("csv", absl::StrCat("line 1: missing column '", kColumns[c], "'"),
                        absl::StrCat("regel 1: de kolom '", kColumns[c], "' ontbreekt."));
    }
  }
  return header_errors.ToStatus();
}

}  // namespace

namespace {

// The fields of one provider row (unknown legal forms, laws, tiers and statuses are errors in
// `errors`); the rules of Prepare are checked afterwards.
ImportRow ReadProviderRow(const platform::CsvRow& row, const int (&index)[kCount],
                          std::vector<RowError>& errors) {
  auto get = [&](Column c) { return platform::CsvField(row, index[c]); };
  auto error = [&](Column c, std::string description, std::string dutch) {
    errors.push_back({row.line, kColumns[c], std::move(description), std::move(dutch)});
  };
  ImportRow item;
  item.line = row.line;
  Provider& p = item.provider;
  p.kvk_number = get(kKvk);
  p.name = get(kNaam);
  if (auto lf = ParseLegalForm(get(kRechtsvorm))) {
    p.legal_form = *lf;
  } else if (!get(kRechtsvorm).empty()) {
    error(kRechtsvorm, absl::StrCat("unknown legal form '", get(kRechtsvorm), "'"),
          absl::StrCat("Onbekende rechtsvorm '", get(kRechtsvorm),
                       "' (bijvoorbeeld stichting, bv, nv, vereniging, cooperatie, "
                       "eenmanszaak, vof, maatschap of overig)."));
  }
  p.agb_codes = SplitList(get(kAgb));
  for (const auto& w : SplitList(get(kWetten))) {
    if (auto law = ParseLaw(w)) {
      p.laws.push_back(*law);
    } else {
      error(kWetten, absl::StrCat("unknown law '", w, "' (jeugdwet or wmo)"),
            absl::StrCat("Onbekende wet '", w, "'; gebruik jeugdwet of wmo."));
    }
  }
  p.municipality_codes = SplitList(get(kGemeenten));
  if (auto tier = ParseTier(get(kNiveau))) {
    p.tier = *tier;
  } else if (!get(kNiveau).empty()) {
    error(kNiveau, absl::StrCat("unknown tier '", get(kNiveau), "' (strategisch or lokaal)"),
          absl::StrCat("Onbekend niveau '", get(kNiveau), "'; gebruik strategisch of lokaal."));
  }
  item.status_given = !get(kStatus).empty();
  p.status = ProviderStatus::kApplicant;
  if (item.status_given) {
    if (auto st = ParseProviderStatus(get(kStatus))) {
      p.status = *st;
    } else {
      error(kStatus,
            absl::StrCat("unknown status '", get(kStatus),
                         "' (aanvrager, gecontracteerd, opgeschort, beeindigd)"),
            absl::StrCat("Onbekende status '", get(kStatus),
                         "'; gebruik aanvrager, gecontracteerd, opgeschort of beëindigd."));
    }
  }
  return item;
}

}  // namespace

absl::StatusOr<ParsedImport> ParseProviderCsv(absl::string_view text, const ReferenceCodes& refs) {
  if (text.size() > kMaxImportBytes) {
    return platform::InvalidField(
        "csv", absl::StrCat("larger than ", kMaxImportBytes / 1024 / 1024, " MiB; split the file"),
        absl::StrCat("Het bestand is groter dan ", kMaxImportBytes / 1024 / 1024,
                     " MiB; splits het in kleinere bestanden."));
  }
  OZJT_ASSIGN_OR_RETURN(std::vector<platform::CsvRow> rows, platform::ParseCsv(text));
  if (rows.empty()) {
    return platform::InvalidField("csv", "is empty; expected a header row",
                                  "Het bestand is leeg; de eerste regel moet de kolomnamen "
                                  "bevatten.");
  }
  if (rows.size() - 1 > kMaxImportRows) {
    return platform::InvalidField(
        "csv", absl::StrCat("more than ", kMaxImportRows, " rows; split the file"),
        absl::StrCat("Het bestand heeft meer dan ", kMaxImportRows,
                     " regels; splits het in kleinere bestanden."));
  }
  int index[kCount];
  const auto& header = rows[0].fields;
  OZJT_RETURN_IF_ERROR(ReadHeader(header, index));

  ParsedImport out;
  std::map<std::string, int> seen_kvk;
  for (size_t r = 1; r < rows.size(); ++r) {
    const platform::CsvRow& row = rows[r];
    if (row.fields.size() != header.size()) {
      out.errors.push_back(
          {row.line, "",
           absl::StrCat("has ", row.fields.size(), " fields; the header has ", header.size()),
           absl::StrCat("Deze regel heeft ", row.fields.size(), " velden, de kopregel ",
                        header.size(), "; controleer de puntkomma's.")});
      continue;
    }
    size_t errors_before = out.errors.size();
    ImportRow item = ReadProviderRow(row, index, out.errors);
    Provider& p = item.provider;
    auto error = [&](Column c, std::string description, std::string dutch) {
      out.errors.push_back({row.line, kColumns[c], std::move(description), std::move(dutch)});
    };
    absl::Status valid = Prepare(p, refs, "");
    for (const auto& v : platform::ViolationsOf(valid)) {
      // A value already reported as unknown is not reported again as missing.
      const std::string column = ColumnOf(v.field);
      bool reported =
          std::any_of(out.errors.begin() + static_cast<std::ptrdiff_t>(errors_before),
                      out.errors.end(), [&](const RowError& e) { return e.field == column; });
      if (!reported) out.errors.push_back({row.line, column, v.description, v.dutch});
    }
    if (out.errors.size() > errors_before) continue;
    auto [it, fresh] = seen_kvk.emplace(p.kvk_number, row.line);
    if (!fresh) {
      error(kKvk, absl::StrCat("KvK number ", p.kvk_number, " also on line ", it->second),
            absl::StrCat("KvK-nummer ", p.kvk_number, " staat ook op regel ", it->second, "."));
      continue;
    }
    out.rows.push_back(std::move(item));
  }
  return out;
}

namespace {

// One provider's turnover in one year as the rows give it: TOTAAL (when given) and the regions.
struct YearTurnover {
  std::optional<int64_t> total;
  std::map<std::string, int64_t> regions;
};

// The fields of one turnover row as written: kvk_nummer, jaar, regio, omzet_cent.
struct TurnoverFields {
  std::string kvk, year, region, cents;
};

// Checks one turnover row (`region` in capitals); `year` and `cents` get the values read, each
// broken field an error in `errors`.
void CheckTurnoverRow(int line, const TurnoverFields& f, const std::string& region,
                      const ReferenceCodes& refs, int& year, int64_t& cents,
                      std::vector<RowError>& errors) {
  const std::string& kvk = f.kvk;
  if (kvk.size() != 8 || !std::all_of(kvk.begin(), kvk.end(), [](char c) {
        return absl::ascii_isdigit(static_cast<unsigned char>(c));
      })) {
    errors.push_back({line, "kvk_nummer", "must be exactly 8 digits",
                      "Het KvK-nummer moet uit precies 8 cijfers bestaan."});
  }
  if (!absl::SimpleAtoi(f.year, &year) || year < 2000 || year > 2100) {
    errors.push_back({line, "jaar", "a year from 2000 to 2100",
                      "Het jaar moet een jaartal van 2000 tot en met 2100 zijn."});
  }
  if (region != "TOTAAL" && refs.regions.count(region) == 0) {
    errors.push_back({line, "regio", absl::StrCat("unknown region '", f.region, "' (or TOTAAL)"),
                      absl::StrCat("Onbekende regio '", f.region,
                                   "'; gebruik een regiocode (zie ozjt reference regions) of "
                                   "TOTAAL.")});
  }
  if (!absl::SimpleAtoi(f.cents, &cents) || cents < 0) {
    errors.push_back({line, "omzet_cent", "whole cents, not negative",
                      "De omzet is een heel aantal centen en niet negatief (€ 1.234,50 "
                      "is 123450)."});
  } else if (cents > platform::kMaxAmountCents) {
    errors.push_back({line, "omzet_cent",
                      absl::StrCat("at most ", platform::kMaxAmountCents, " cents"),
                      absl::StrCat("De omzet is ten hoogste ", platform::MaxAmountText(), " (",
                                   platform::kMaxAmountCents, " cent).")});
  }
}

// Adds the years read to `out`: the regions of each year, and TOTAAL or else their sum.
void AddYears(std::map<std::string, std::map<int, YearTurnover>>& years, TurnoverImport& out) {
  for (auto& [kvk, by_year] : years) {
    for (auto& [year, y] : by_year) {
      AnnualTurnover t{year, 0, {}};
      int64_t sum = 0;
      for (const auto& [code, cents] : y.regions) {
        t.per_region.push_back({code, cents});
        sum += cents;
      }
      t.total_cents = y.total.value_or(sum);
      if (t.total_cents < sum) {
        out.errors.push_back({out.first_line[kvk], "omzet_cent",
                              absl::StrCat("the regions of ", year, " add up to more than TOTAAL"),
                              absl::StrCat("De regio's van KvK-nummer ", kvk, " over ", year,
                                           " zijn samen meer dan TOTAAL.")});
      }
      out.by_kvk[kvk].push_back(std::move(t));
      ++out.years;
    }
  }
}

}  // namespace

absl::StatusOr<TurnoverImport> ParseTurnoverCsv(absl::string_view text,
                                                const ReferenceCodes& refs) {
  if (text.size() > kMaxImportBytes) {
    return platform::InvalidField("csv", "larger than 16 MiB; split the file",
                                  "Het bestand is groter dan 16 MiB; splits het in kleinere "
                                  "bestanden.");
  }
  OZJT_ASSIGN_OR_RETURN(std::vector<platform::CsvRow> rows, platform::ParseCsv(text));
  if (rows.empty()) {
    return platform::InvalidField("csv", "is empty; expected a header row",
                                  "Het bestand is leeg; de eerste regel moet de kolomnamen "
                                  "bevatten (kvk_nummer;jaar;regio;omzet_cent).");
  }
  if (rows.size() - 1 > 10 * kMaxImportRows) {
    return platform::InvalidField("csv", "more than 100000 rows",
                                  "Het bestand heeft meer dan 100.000 regels; splits het in "
                                  "kleinere bestanden.");
  }
  OZJT_ASSIGN_OR_RETURN(
      std::vector<int> index,
      platform::CsvColumns(rows[0], {"kvk_nummer", "jaar", "regio", "omzet_cent"}));
  TurnoverImport out;
  // kvk -> year -> (total given?, total, regions)
  std::map<std::string, std::map<int, YearTurnover>> years;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto get = [&](int c) { return platform::CsvField(row, index[c]); };
    const std::string kvk = get(0), region = absl::AsciiStrToUpper(get(2));
    int year = 0;
    int64_t cents = 0;
    const size_t before = out.errors.size();
    CheckTurnoverRow(row.line, {kvk, get(1), get(2), get(3)}, region, refs, year, cents,
                     out.errors);
    if (out.errors.size() > before) continue;
    out.first_line.emplace(kvk, row.line);
    YearTurnover& y = years[kvk][year];
    if (region == "TOTAAL") {
      if (y.total) {
        out.errors.push_back({row.line, "regio", "TOTAAL given twice for this provider and year",
                              absl::StrCat("TOTAAL staat twee keer in het bestand voor KvK-nummer ",
                                           kvk, " en jaar ", year, ".")});
        continue;
      }
      y.total = cents;
    } else if (!y.regions.emplace(region, cents).second) {
      out.errors.push_back(
          {row.line, "regio", absl::StrCat(region, " given twice for this provider and year"),
           absl::StrCat("Regio ", region, " staat twee keer in het bestand voor KvK-nummer ", kvk,
                        " en jaar ", year, ".")});
    }
  }
  AddYears(years, out);
  return out;
}

std::string ProviderCsv(const std::vector<Provider>& providers) {
  std::string out(platform::kUtf8Bom);
  out += platform::CsvLine(std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
  for (const Provider& p : providers) {
    std::vector<std::string> laws;
    for (Law l : p.laws) laws.push_back(Code(l));
    out += platform::CsvLine({p.kvk_number, p.name, Code(p.legal_form),
                              absl::StrJoin(p.agb_codes, ","), absl::StrJoin(laws, ","),
                              absl::StrJoin(p.municipality_codes, ","), Dutch(p.tier),
                              Dutch(p.status)});
  }
  return out;
}

}  // namespace ozjt::registry
