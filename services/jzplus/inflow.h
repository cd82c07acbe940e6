// Jeugdzorg Plus (closed youth care) inflow against the regional target, docs/domain.md
// section 8: aggregated counts only (per quarter, municipality of residence, provider and
// authorisation type: new placements and distinct young people), the reduction target (year on
// year and the cumulative path from the baseline year, per year, per quarter and over rolling
// four quarters), the share of spoedmachtigingen, and small-count suppression for municipal
// users and external exports. Pure: no database, no gRPC.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/platform/calendar.h"

namespace ozjt::jzplus {

using platform::Day;

enum class Authorisation { kUnspecified, kRegular, kEmergency, kConditional };

// A quarter as year * 4 + (quarter - 1), so quarters are consecutive integers.
struct Quarter {
  int year = 0;
  int quarter = 0;  // 1..4
  int Index() const { return year * 4 + quarter - 1; }
  static Quarter FromIndex(int i) { return {i / 4, i % 4 + 1}; }
  Day LastDay() const;
  std::string Code() const;  // "2024-Q1"
  bool operator<(const Quarter& o) const { return Index() < o.Index(); }
  bool operator==(const Quarter& o) const { return Index() == o.Index(); }
};

struct InflowRow {
  Quarter quarter;
  std::string municipality_code;  // CBS code of residence
  int64_t provider_id = 0;
  Authorisation authorisation = Authorisation::kUnspecified;
  int64_t placements = 0;    // new placements starting in the quarter
  int64_t young_people = 0;  // distinct young people among them
};

// ---- import ----

struct RowError {
  int line = 0;  // CSV line, or the row's index + 1 for rows sent by RPC
  std::string field;
  std::string description;  // English, for logs and operators
  std::string dutch;        // the same as a Dutch sentence, for the person who sent the rows
};

// How a person reads a row error: "regel 4, kolom gemeente: Er is geen gemeente ...", or for
// rows sent by RPC "rij 2: ...".
std::string DutchRowError(const RowError& e);

// What the rules need to know outside the rows: the municipalities, provider ids by KvK
// number, and today (a quarter that has not ended cannot be delivered).
struct ImportRefs {
  std::map<std::string, std::string> municipalities;  // CBS code -> name
  std::map<std::string, int64_t> provider_by_kvk;
  Day today;
};

struct InflowImport {
  std::vector<InflowRow> rows;    // valid rows
  std::vector<Quarter> quarters;  // the quarters present, replaced as a whole
  std::vector<RowError> errors;   // nothing is written when there are any
};

// Rows from the knowledge centre's CSV (';', header
// jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen; machtiging is
// machtiging, spoedmachtiging or voorwaardelijk). INVALID_ARGUMENT (field "csv") for a file
// that cannot be read at all; errors per row otherwise.
absl::StatusOr<InflowImport> ParseInflowCsv(absl::string_view text, const ImportRefs& refs);

// Checks rows sent by RPC the same way (`kvk` unused: provider ids given). `line` in errors is
// the row's position (1-based).
InflowImport CheckInflowRows(std::vector<InflowRow> rows, const ImportRefs& refs,
                             const std::map<int64_t, bool>& provider_exists);

// ---- targets ----

struct TargetPolicy {
  int baseline_year = 2022;
  int reduction_percent = 10;  // whole percent per year, 1..50
};

// The target in hundredths for a period whose comparison base (a count) lies `years` years
// back along the cumulative path: base * (100 - r)^years / 100^years, rounded half up to
// hundredths. Exact (integer arithmetic).
int64_t CumulativeTarget(int64_t base, int years, const TargetPolicy& p);
// The year-on-year target in hundredths: the previous period's count * (100 - r) / 100.
int64_t YearOnYearTarget(int64_t previous, const TargetPolicy& p);

// ---- reports with suppression ----

// One number as published. `value` is a count or hundredths (see the field); `shown` is how
// it reads: the number, "<5" for a small count (1 to 4) in a suppressed output, or "x" for a
// figure computed from a small count (it would reveal it).
struct Figure {
  int64_t value = 0;
  bool available = true;  // false: no data for it (e.g. no previous year)
  bool small = false;     // a small count, shown "<5"
  bool hidden = false;    // computed from a small count, shown "x"
  bool hundredths = false;
  std::string Shown() const;
  bool Exact() const { return available && !small && !hidden; }
};

struct YearRow {
  int year = 0;
  Figure placements, young_people, emergency;
  Figure target_yoy, target_cumulative;                   // hundredths
  Figure diff_yoy, diff_cumulative;                       // hundredths, actual - target
  std::optional<bool> on_track_yoy, on_track_cumulative;  // nullopt: unknown or hidden
  Figure emergency_share;                                 // hundredths of a percent
  Figure emergency_share_change;  // percentage points (hundredths) vs the year before
};

struct QuarterRow {
  Quarter quarter;
  Figure placements, young_people, emergency;
  Figure target_yoy, target_cumulative;
  std::optional<bool> on_track_yoy, on_track_cumulative;
  Figure emergency_share;
  // The four quarters ending here.
  Figure rolling_placements, rolling_target_yoy, rolling_target_cumulative;
  std::optional<bool> rolling_on_track_yoy, rolling_on_track_cumulative;
};

struct ProviderRow {
  int64_t provider_id = 0;
  std::map<int, int64_t> placements_by_year;
};

struct Report {
  std::string municipality_code;  // "" for the region
  bool suppressed = false;
  TargetPolicy policy;
  std::vector<YearRow> years;
  std::vector<QuarterRow> quarters;
  std::vector<ProviderRow> providers;  // exact outputs only
};

// The report for the region (municipality "") or one municipality from all rows, for quarters
// up to `last` (inclusive). With `suppress`, the primary cells (placements, young people and
// spoedmachtigingen per quarter) of 1 to 4 are shown as "<5" and every figure computed from
// one of them (sums, targets, differences, shares, rolling sums) as "x"; so the output depends
// only on the cells that are shown, and no small count can be recomputed from it. Providers
// are listed only without suppression.
Report BuildReport(const std::vector<InflowRow>& rows, const std::string& municipality_code,
                   Quarter last, const TargetPolicy& policy, bool suppress);

// The chart of a report: yearly placements as bars against the cumulative target path, as a
// self-contained SVG (suppressed years are drawn without a bar and labelled).
std::string ChartSvg(const Report& r, const std::string& title);

// ---- codes ----
std::string Code(Authorisation a);  // "regular", "emergency", "conditional"
std::optional<Authorisation> ParseAuthorisation(absl::string_view code);

}  // namespace ozjt::jzplus
