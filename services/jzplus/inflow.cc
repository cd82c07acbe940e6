#include "services/jzplus/inflow.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/calendar.h"
#include "services/platform/codes.h"
#include "services/platform/csv.h"
#include "services/platform/decimal.h"
#include "services/platform/status.h"
#include "services/platform/svg.h"

namespace ozjt::jzplus {
namespace {

using platform::DivideRoundHalfUp;
using platform::FormatHundredths;

constexpr platform::CodeName<Authorisation> kAuthorisations[] = {
    {Authorisation::kRegular, "regular"},
    {Authorisation::kEmergency, "emergency"},
    {Authorisation::kConditional, "conditional"}};
// The CSV's Dutch words.
constexpr platform::CodeName<Authorisation> kDutchAuthorisations[] = {
    {Authorisation::kRegular, "machtiging"},
    {Authorisation::kEmergency, "spoedmachtiging"},
    {Authorisation::kConditional, "voorwaardelijk"}};

constexpr size_t kMaxRows = 100000;
// The largest count of placements or young people in one row (one quarter, municipality,
// provider and authorisation): 1.000.000. Twente places a few hundred young people a quarter;
// a larger count is a typing or export error. The bound also keeps every sum over an import
// (at most 100.000 rows) and every path computation far inside int64_t, and the stored column
// (int) from overflowing.
constexpr int64_t kMaxCount = 1'000'000;
constexpr size_t kMaxBytes = 16 << 20;
// Cumulative targets are exact up to this many years after the baseline (int128 arithmetic).
constexpr int kMaxTargetYears = 14;

using Key = std::tuple<int, std::string, int64_t, Authorisation>;

// Checks one row's values (the provider already resolved) and adds it unless it repeats a key.
void Check(InflowRow row, int line, const ImportRefs& refs, std::map<Key, int>& seen,
           InflowImport& out, const char* f_year, const char* f_quarter, const char* f_municipality,
           const char* f_provider, const char* f_authorisation, const char* f_placements,
           const char* f_young) {
  const size_t before = out.errors.size();
  // CSV rows are "regels" of a file; rows sent by RPC are "rijen".
  const bool csv = std::string(f_year) == "jaar";
  if (row.quarter.year < 2000 || row.quarter.year > 2100) {
    out.errors.push_back({line, f_year, "a year from 2000 to 2100",
                          "Het jaar moet een jaartal van 2000 tot en met 2100 zijn."});
  } else if (row.quarter.quarter < 1 || row.quarter.quarter > 4) {
    out.errors.push_back(
        {line, f_quarter, "1, 2, 3 or 4", "Het kwartaal is 1, 2, 3 of 4 (ook Q1 tot en met Q4)."});
  } else if (row.quarter.LastDay() >= refs.today) {
    out.errors.push_back(
        {line, f_quarter,
         absl::StrCat(row.quarter.Code(), " has not ended; a quarter is delivered after it ends"),
         absl::StrCat("Kwartaal ", row.quarter.Code(),
                      " is nog niet voorbij; een kwartaal wordt aangeleverd nadat het is "
                      "afgelopen.")});
  }
  if (refs.municipalities.count(row.municipality_code) == 0) {
    out.errors.push_back({line, f_municipality,
                          absl::StrCat("unknown municipality '", row.municipality_code, "'"),
                          absl::StrCat("Er is geen gemeente met CBS-code '", row.municipality_code,
                                       "'; zie ozjt reference municipalities.")});
  }
  if (row.provider_id <= 0) {
    out.errors.push_back({line, f_provider, "unknown provider",
                          "Deze aanbieder staat niet in het register; registreer die eerst "
                          "(ozjt providers create)."});
  }
  if (row.authorisation == Authorisation::kUnspecified) {
    out.errors.push_back({line, f_authorisation, "machtiging, spoedmachtiging or voorwaardelijk",
                          "De machtiging is machtiging, spoedmachtiging of voorwaardelijk."});
  }
  if (row.placements < 0) {
    out.errors.push_back({line, f_placements, "a count, not negative",
                          "Het aantal plaatsingen mag niet negatief zijn."});
  } else if (row.placements > kMaxCount) {
    out.errors.push_back(
        {line, f_placements, absl::StrCat("at most ", kMaxCount),
         absl::StrCat("Het aantal plaatsingen (", row.placements, ") is ten hoogste 1.000.000.")});
  }
  if (row.young_people < 0) {
    out.errors.push_back(
        {line, f_young, "a count, not negative", "Het aantal jeugdigen mag niet negatief zijn."});
  } else if (row.young_people > kMaxCount) {
    out.errors.push_back(
        {line, f_young, absl::StrCat("at most ", kMaxCount),
         absl::StrCat("Het aantal jeugdigen (", row.young_people, ") is ten hoogste 1.000.000.")});
  } else if (row.placements >= 0 && row.young_people > row.placements) {
    out.errors.push_back({line, f_young, "cannot exceed the number of placements",
                          absl::StrCat("Er kunnen niet meer jeugdigen (", row.young_people,
                                       ") zijn dan plaatsingen (", row.placements, ").")});
  } else if (row.placements > 0 && row.young_people == 0) {
    out.errors.push_back({line, f_young, "placements need at least one young person",
                          "Bij plaatsingen hoort ten minste één jeugdige."});
  }
  if (out.errors.size() > before) return;
  const Key key{row.quarter.Index(), row.municipality_code, row.provider_id, row.authorisation};
  auto [it, inserted] = seen.emplace(key, line);
  if (!inserted) {
    out.errors.push_back(
        {line, f_provider,
         absl::StrCat("duplicate of line ", it->second,
                      " (same quarter, municipality, provider and authorisation)"),
         absl::StrCat("Dubbel: ", csv ? "regel " : "rij ", it->second,
                      " heeft hetzelfde kwartaal, dezelfde gemeente, aanbieder en machtiging.")});
    return;
  }
  out.rows.push_back(std::move(row));
}

void CollectQuarters(InflowImport& out) {
  std::set<int> quarters;
  for (const auto& r : out.rows) quarters.insert(r.quarter.Index());
  for (int q : quarters) out.quarters.push_back(Quarter::FromIndex(q));
}

// (100 - r)^k and 100^k as int128.
__int128 Power(int64_t base, int k) {
  __int128 v = 1;
  for (int i = 0; i < k; ++i) v *= base;
  return v;
}

// Σ base_i * f^k_i in hundredths, rounded once.
std::optional<int64_t> CumulativeSum(const std::vector<std::pair<int64_t, int>>& terms,
                                     const TargetPolicy& p) {
  int kmax = 0;
  for (const auto& [base, k] : terms) {
    if (k < 0 || k > kMaxTargetYears) return std::nullopt;
    kmax = std::max(kmax, k);
  }
  __int128 numerator = 0;
  for (const auto& [base, k] : terms) {
    numerator += static_cast<__int128>(base) * Power(100 - p.reduction_percent, k) *
                 Power(100, kmax - k) * 100;
  }
  return DivideRoundHalfUp(numerator, Power(100, kmax));
}

// ---- figures ----

Figure Primary(int64_t v, bool suppress) {
  Figure f;
  f.value = v;
  f.small = suppress && v >= 1 && v <= 4;
  if (f.small) f.value = 0;  // nothing of it leaves the function
  return f;
}

Figure Unavailable(bool hundredths = false) {
  Figure f;
  f.available = false;
  f.hundredths = hundredths;
  return f;
}

// A figure computed from `inputs`: hidden when any input is small or hidden.
Figure Derived(int64_t value, std::initializer_list<const Figure*> inputs, bool hundredths) {
  Figure f;
  f.value = value;
  f.hundredths = hundredths;
  for (const Figure* in : inputs) {
    if (!in->available) return Unavailable(hundredths);
    if (in->small || in->hidden) f.hidden = true;
  }
  if (f.hidden) f.value = 0;  // nothing of it leaves the function
  return f;
}

Figure Sum(const std::vector<const Figure*>& parts) {
  Figure f;
  for (const Figure* p : parts) {
    if (!p->available) return Unavailable();
    f.value += p->value;
    if (p->small || p->hidden) f.hidden = true;
  }
  if (f.hidden) f.value = 0;
  return f;
}

// The percentage (hundredths) of part in whole.
Figure Share(const Figure& part, const Figure& whole) {
  if (!part.available || !whole.available || (whole.Exact() && whole.value == 0)) {
    return Unavailable(true);
  }
  const int64_t v = whole.Exact() && part.Exact()
                        ? DivideRoundHalfUp(static_cast<__int128>(part.value) * 10000, whole.value)
                        : 0;
  return Derived(v, {&part, &whole}, true);
}

// actual (count) - target (hundredths), and whether the actual is within the target.
void Compare(const Figure& actual, const Figure& target, Figure* diff,
             std::optional<bool>* on_track) {
  *diff = Derived(actual.value * 100 - target.value, {&actual, &target}, true);
  on_track->reset();
  if (diff->Exact()) *on_track = diff->value <= 0;
}

Figure Target(std::optional<int64_t> hundredths, std::initializer_list<const Figure*> bases) {
  if (!hundredths) return Unavailable(true);
  return Derived(*hundredths, bases, true);
}

}  // namespace

std::string DutchRowError(const RowError& e) {
  const std::string& text = e.dutch.empty() ? e.description : e.dutch;
  if (e.field.rfind("rows[", 0) == 0) return absl::StrCat("rij ", e.line, ": ", text);
  if (e.field.empty()) return absl::StrCat("regel ", e.line, ": ", text);
  return absl::StrCat("regel ", e.line, ", kolom ", e.field, ": ", text);
}

Day Quarter::LastDay() const {
  return Day(absl::CivilMonth(year, absl::civil_diff_t{quarter} * 3) + 1) - 1;
}

std::string Quarter::Code() const { return absl::StrFormat("%04d-Q%d", year, quarter); }

std::string Figure::Shown() const {
  if (!available) return "";
  if (small) return "<5";
  if (hidden) return "x";
  return hundredths ? FormatHundredths(value) : std::to_string(value);
}

absl::StatusOr<InflowImport> ParseInflowCsv(absl::string_view text, const ImportRefs& refs) {
  if (text.size() > kMaxBytes) {
    return platform::InvalidField("csv", "larger than 16 MiB",
                                  "Het bestand is groter dan 16 MiB; splits het in kleinere "
                                  "bestanden.");
  }
  OZJT_ASSIGN_OR_RETURN(std::vector<platform::CsvRow> rows, platform::ParseCsv(text));
  if (rows.empty()) {
    return platform::InvalidField(
        "csv", "is empty; expected a header row",
        "Het bestand is leeg; de eerste regel moet de kolomnamen bevatten "
        "(jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen).");
  }
  if (rows.size() - 1 > kMaxRows) {
    return platform::InvalidField("csv", "more than 100000 rows",
                                  "Het bestand heeft meer dan 100.000 regels; splits het in "
                                  "kleinere bestanden.");
  }
  static const std::vector<std::string> kColumns = {
      "jaar", "kwartaal", "gemeente", "kvk_nummer", "machtiging", "plaatsingen", "jeugdigen"};
  OZJT_ASSIGN_OR_RETURN(std::vector<int> index, platform::CsvColumns(rows[0], kColumns));
  InflowImport out;
  std::map<Key, int> seen;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto get = [&](int c) { return platform::CsvField(row, index[c]); };
    InflowRow in;
    const size_t before = out.errors.size();
    if (!absl::SimpleAtoi(get(0), &in.quarter.year)) in.quarter.year = -1;
    std::string q = absl::AsciiStrToUpper(get(1));
    if (!q.empty() && q[0] == 'Q') q = q.substr(1);
    if (!absl::SimpleAtoi(q, &in.quarter.quarter)) in.quarter.quarter = -1;
    in.municipality_code = get(2);
    auto provider = refs.provider_by_kvk.find(get(3));
    if (provider == refs.provider_by_kvk.end()) {
      out.errors.push_back(
          {row.line, "kvk_nummer",
           absl::StrCat("no registered provider with KvK number '", get(3), "'"),
           absl::StrCat("Er is geen aanbieder met KvK-nummer '", get(3),
                        "' in het register; registreer die eerst (ozjt providers create).")});
    } else {
      in.provider_id = provider->second;
    }
    in.authorisation = platform::ParseCode(kDutchAuthorisations, absl::AsciiStrToLower(get(4)))
                           .value_or(Authorisation::kUnspecified);
    if (!absl::SimpleAtoi(get(5), &in.placements)) {
      out.errors.push_back(
          {row.line, "plaatsingen", "a whole number, not negative",
           absl::StrCat("Het aantal plaatsingen '", get(5), "' is geen heel getal.")});
    }
    if (!absl::SimpleAtoi(get(6), &in.young_people)) {
      out.errors.push_back(
          {row.line, "jeugdigen", "a whole number, not negative",
           absl::StrCat("Het aantal jeugdigen '", get(6), "' is geen heel getal.")});
    }
    if (out.errors.size() > before) continue;
    Check(std::move(in), row.line, refs, seen, out, "jaar", "kwartaal", "gemeente", "kvk_nummer",
          "machtiging", "plaatsingen", "jeugdigen");
  }
  CollectQuarters(out);
  return out;
}

InflowImport CheckInflowRows(std::vector<InflowRow> rows, const ImportRefs& refs,
                             const std::map<int64_t, bool>& provider_exists) {
  InflowImport out;
  std::map<Key, int> seen;
  for (size_t i = 0; i < rows.size(); ++i) {
    InflowRow row = std::move(rows[i]);
    auto known = provider_exists.find(row.provider_id);
    if (known == provider_exists.end() || !known->second) row.provider_id = 0;
    const std::string p = absl::StrCat("rows[", i, "].");
    Check(std::move(row), static_cast<int>(i) + 1, refs, seen, out, "year", "quarter",
          "municipality_code", "provider", "authorisation", "placements", "young_people");
    // The field names of rows sent by RPC carry their position.
    for (auto& e : out.errors) {
      if (e.line == static_cast<int>(i) + 1 && e.field.rfind("rows[", 0) != 0) {
        e.field = p + e.field;
      }
    }
  }
  CollectQuarters(out);
  return out;
}

int64_t CumulativeTarget(int64_t base, int years, const TargetPolicy& p) {
  return CumulativeSum({{base, years}}, p).value_or(0);
}

int64_t YearOnYearTarget(int64_t previous, const TargetPolicy& p) {
  return previous * (100 - p.reduction_percent);
}

namespace {

// Primary cells of a quarter: placements, young people and spoedmachtigingen.
struct Cells {
  Figure placements, young, emergency;
};

// The primary cells by quarter index; a quarter not delivered has unavailable cells.
class CellsByQuarter {
 public:
  explicit CellsByQuarter(std::map<int, Cells> cells) : cells_(std::move(cells)) {}
  const Cells& operator()(int q) const {
    auto it = cells_.find(q);
    return it == cells_.end() ? missing_ : it->second;
  }

 private:
  std::map<int, Cells> cells_;
  Cells missing_{Unavailable(), Unavailable(), Unavailable()};
};

// The rolling four quarters ending at quarter `q` of `row` against their targets.
void Rolling(int q, const CellsByQuarter& cell, const TargetPolicy& policy, QuarterRow* row) {
  const int b = policy.baseline_year;
  Figure diff;
  std::vector<const Figure*> window, previous_window;
  std::vector<std::pair<int64_t, int>> terms;
  std::vector<const Figure*> bases;
  bool cumulative_defined = true;
  for (int i = q - 3; i <= q; ++i) {
    window.push_back(&cell(i).placements);
    previous_window.push_back(&cell(i - 4).placements);
    const Quarter qi = Quarter::FromIndex(i);
    const Figure& base = cell(Quarter{b, qi.quarter}.Index()).placements;
    if (qi.year < b || !base.available) {
      cumulative_defined = false;
    } else {
      terms.emplace_back(base.value, qi.year - b);
      bases.push_back(&base);
    }
  }
  row->rolling_placements = Sum(window);
  row->rolling_target_yoy = Unavailable(true);
  row->rolling_target_cumulative = Unavailable(true);
  if (row->rolling_placements.available && row->quarter.year > b) {
    const Figure before = Sum(previous_window);
    if (before.available) {
      row->rolling_target_yoy = Target(YearOnYearTarget(before.value, policy), {&before});
      Compare(row->rolling_placements, row->rolling_target_yoy, &diff, &row->rolling_on_track_yoy);
    }
    if (cumulative_defined) {
      Figure target = Target(CumulativeSum(terms, policy), {});
      for (const Figure* base : bases) {
        if (base->small || base->hidden) target.hidden = true;
      }
      if (target.hidden) target.value = 0;
      row->rolling_target_cumulative = target;
      Compare(row->rolling_placements, target, &diff, &row->rolling_on_track_cumulative);
    }
  }
}

// The row of delivered quarter `q`.
QuarterRow QuarterRowOf(int q, const CellsByQuarter& cell, const TargetPolicy& policy) {
  const int b = policy.baseline_year;
  const Quarter quarter = Quarter::FromIndex(q);
  const Cells& c = cell(q);
  QuarterRow row;
  row.quarter = quarter;
  row.placements = c.placements;
  row.young_people = c.young;
  row.emergency = c.emergency;
  row.emergency_share = Share(c.emergency, c.placements);
  row.target_yoy = Unavailable(true);
  row.target_cumulative = Unavailable(true);
  if (quarter.year > b) {
    const Figure& previous = cell(q - 4).placements;
    if (previous.available) {
      row.target_yoy = Target(YearOnYearTarget(previous.value, policy), {&previous});
    }
    const Figure& base = cell(Quarter{b, quarter.quarter}.Index()).placements;
    if (base.available) {
      row.target_cumulative =
          Target(CumulativeSum({{base.value, quarter.year - b}}, policy), {&base});
    }
  }
  Figure diff;
  if (row.target_yoy.available) Compare(c.placements, row.target_yoy, &diff, &row.on_track_yoy);
  if (row.target_cumulative.available) {
    Compare(c.placements, row.target_cumulative, &diff, &row.on_track_cumulative);
  }
  Rolling(q, cell, policy, &row);
  return row;
}

// The row of year `y`; nullopt when the year is not complete. `years` holds the years before.
std::optional<YearRow> YearRowOf(int y, const CellsByQuarter& cell,
                                 const std::map<int, YearRow>& years, const TargetPolicy& policy) {
  const int b = policy.baseline_year;
  std::vector<const Figure*> p, yp, e;
  for (int qq = 1; qq <= 4; ++qq) {
    const Cells& c = cell(Quarter{y, qq}.Index());
    p.push_back(&c.placements);
    yp.push_back(&c.young);
    e.push_back(&c.emergency);
  }
  YearRow row;
  row.year = y;
  row.placements = Sum(p);
  if (!row.placements.available) return std::nullopt;  // not a complete year
  row.young_people = Sum(yp);
  row.emergency = Sum(e);
  row.emergency_share = Share(row.emergency, row.placements);
  row.target_yoy = Unavailable(true);
  row.target_cumulative = Unavailable(true);
  row.diff_yoy = Unavailable(true);
  row.diff_cumulative = Unavailable(true);
  row.emergency_share_change = Unavailable(true);
  auto previous = years.find(y - 1);
  if (previous != years.end()) {
    const YearRow& pr = previous->second;
    row.emergency_share_change = Derived(row.emergency_share.value - pr.emergency_share.value,
                                         {&row.emergency_share, &pr.emergency_share}, true);
    if (y > b) {
      row.target_yoy = Target(YearOnYearTarget(pr.placements.value, policy), {&pr.placements});
      Compare(row.placements, row.target_yoy, &row.diff_yoy, &row.on_track_yoy);
    }
  }
  auto base = years.find(b);
  if (y > b && base != years.end()) {
    row.target_cumulative = Target(CumulativeSum({{base->second.placements.value, y - b}}, policy),
                                   {&base->second.placements});
    Compare(row.placements, row.target_cumulative, &row.diff_cumulative, &row.on_track_cumulative);
  }
  return row;
}

}  // namespace

Report BuildReport(const std::vector<InflowRow>& rows, const std::string& municipality_code,
                   Quarter last, const TargetPolicy& policy, bool suppress) {
  Report report;
  report.municipality_code = municipality_code;
  report.suppressed = suppress;
  report.policy = policy;
  // The quarters delivered (any row anywhere), and the scope's sums per quarter.
  std::set<int> delivered;
  struct Sums {
    int64_t placements = 0, young = 0, emergency = 0;
  };
  std::map<int, Sums> sums;
  std::map<int64_t, std::map<int, int64_t>> by_provider;
  for (const auto& r : rows) {
    if (last < r.quarter) continue;
    delivered.insert(r.quarter.Index());
    if (!municipality_code.empty() && r.municipality_code != municipality_code) continue;
    Sums& s = sums[r.quarter.Index()];
    s.placements += r.placements;
    s.young += r.young_people;
    if (r.authorisation == Authorisation::kEmergency) s.emergency += r.placements;
    by_provider[r.provider_id][r.quarter.year] += r.placements;
  }
  if (delivered.empty()) return report;
  // Primary cells: placements, young people and spoedmachtigingen per delivered quarter.
  std::map<int, Cells> cells;
  for (int q : delivered) {
    const Sums& s = sums[q];
    cells[q] = {Primary(s.placements, suppress), Primary(s.young, suppress),
                Primary(s.emergency, suppress)};
  }
  const CellsByQuarter cell(std::move(cells));

  // Quarters.
  for (int q : delivered) report.quarters.push_back(QuarterRowOf(q, cell, policy));

  // Complete years.
  const int first_year = Quarter::FromIndex(*delivered.begin()).year;
  std::map<int, YearRow> years;
  for (int y = first_year; y <= last.year; ++y) {
    std::optional<YearRow> row = YearRowOf(y, cell, years, policy);
    if (row) years[y] = *row;
  }
  for (auto& [y, row] : years) report.years.push_back(row);
  if (!suppress) {
    for (const auto& [id, by_year] : by_provider) report.providers.push_back({id, by_year});
  }
  return report;
}

using platform::EscapeXml;

std::string ChartSvg(const Report& r, const std::string& title) {
  const int width = 640, height = 360, left = 50, right = 20, top = 40, bottom = 40;
  int64_t max = 1;
  for (const auto& y : r.years) {
    if (y.placements.Exact()) max = std::max(max, y.placements.value);
    if (y.target_cumulative.Exact()) max = std::max(max, (y.target_cumulative.value + 99) / 100);
  }
  max = max + max / 10 + 1;
  const int n = std::max<int>(1, static_cast<int>(r.years.size()));
  const double slot = static_cast<double>(width - left - right) / n;
  auto y_of = [&](double v) {
    return top + (height - top - bottom) * (1.0 - v / static_cast<double>(max));
  };
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
      "role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">\n"
      "<title>%s</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>\n"
      "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
      width, height, width, height, EscapeXml(title), EscapeXml(title), left, EscapeXml(title),
      left, height - bottom, width - right, height - bottom);
  std::string path;
  for (size_t i = 0; i < r.years.size(); ++i) {
    const YearRow& y = r.years[i];
    const double x = left + slot * static_cast<double>(i);
    const double cx = x + slot / 2;
    if (y.placements.Exact()) {
      absl::StrAppendFormat(&svg,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            "fill=\"#1f5fa8\"><title>%d: %d plaatsingen</title></rect>\n",
                            x + slot * 0.2, y_of(static_cast<double>(y.placements.value)),
                            slot * 0.6,
                            (height - bottom) - y_of(static_cast<double>(y.placements.value)),
                            y.year, y.placements.value);
    }
    absl::StrAppendFormat(&svg, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                          cx,
                          y.placements.Exact() ? y_of(static_cast<double>(y.placements.value)) - 4
                                               : height - bottom - 4,
                          EscapeXml(y.placements.Shown()));
    absl::StrAppendFormat(&svg, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", cx,
                          height - bottom + 16, y.year);
    double target = -1;
    if (y.year == r.policy.baseline_year && y.placements.Exact()) {
      target = static_cast<double>(y.placements.value);
    }
    if (y.target_cumulative.Exact()) {
      target = static_cast<double>(y.target_cumulative.value) / 100.0;
    }
    if (target >= 0) {
      absl::StrAppendFormat(&path, "%s%.1f,%.1f", path.empty() ? "M" : " L", cx, y_of(target));
    }
  }
  if (!path.empty()) {
    absl::StrAppendFormat(&svg,
                          "<path d=\"%s\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" "
                          "stroke-dasharray=\"6 3\"><title>doel (-%d%% per jaar vanaf %d)</title>"
                          "</path>\n",
                          path, r.policy.reduction_percent, r.policy.baseline_year);
  }
  absl::StrAppendFormat(&svg,
                        "<text x=\"%d\" y=\"%d\" fill=\"#1f5fa8\">&#9632; instroom</text>\n"
                        "<text x=\"%d\" y=\"%d\" fill=\"#c0392b\">- - doel -%d%% per jaar</text>\n",
                        width - 260, 22, width - 170, 22, r.policy.reduction_percent);
  if (r.suppressed) {
    absl::StrAppendFormat(&svg,
                          "<text x=\"%d\" y=\"%d\" font-size=\"10\">&lt;5: klein aantal, x: "
                          "afgeleid van een klein aantal</text>\n",
                          left, height - 6);
  }
  svg += "</svg>\n";
  return svg;
}

std::string Code(Authorisation a) { return platform::CodeOf(kAuthorisations, a); }
std::optional<Authorisation> ParseAuthorisation(absl::string_view code) {
  return platform::ParseCode(kAuthorisations, code);
}

}  // namespace ozjt::jzplus
