#include "services/jzplus/monitor.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/config.h"
#include "services/platform/status.h"

namespace ozjt::jzplus {

Quarter LastEndedQuarter(Day today) {
  Quarter q{static_cast<int>(today.year()), (today.month() - 1) / 3 + 1};
  return Quarter::FromIndex(q.Index() - 1);
}

TargetPolicy PolicyFrom(const platform::JzplusConfig& config) {
  TargetPolicy p;
  p.baseline_year = config.baseline_year;
  p.reduction_percent = config.reduction_percent;
  return p;
}

absl::StatusOr<ImportResult> Monitor::Import(const platform::RequestInfo& r, const std::string& csv,
                                             std::vector<InflowRow> rows, bool validate_only) {
  if (!csv.empty() && !rows.empty()) {
    return platform::InvalidField("csv", "send either csv or rows, not both",
                                  "Stuur een CSV-bestand of losse rijen, niet allebei.");
  }
  if (csv.empty() && rows.empty()) {
    return platform::InvalidField("csv", "send csv or rows",
                                  "Er is niets om in te lezen: stuur een CSV-bestand (ozjt jzplus "
                                  "import BESTAND.csv).");
  }
  OZJT_ASSIGN_OR_RETURN(Registry registry, store_.LoadRegistry(r.deadline));
  ImportRefs refs{registry.municipalities, registry.provider_by_kvk, r.today};
  InflowImport parsed;
  if (!csv.empty()) {
    OZJT_ASSIGN_OR_RETURN(parsed, ParseInflowCsv(csv, refs));
  } else {
    if (rows.size() > 100000) {
      return platform::InvalidField("rows", "at most 100000 rows",
                                    "Stuur hoogstens 100.000 rijen tegelijk.");
    }
    std::map<int64_t, bool> exists;
    for (const auto& row : rows) {
      exists[row.provider_id] = registry.provider_names.count(row.provider_id) > 0;
    }
    parsed = CheckInflowRows(std::move(rows), refs, exists);
  }
  ImportResult out;
  out.errors = parsed.errors;
  out.quarters = parsed.quarters;
  out.rows = static_cast<int>(parsed.rows.size());
  if (!out.errors.empty() || validate_only) return out;
  OZJT_RETURN_IF_ERROR(store_.ReplaceQuarters(r, parsed.quarters, parsed.rows));
  out.committed = true;
  return out;
}

absl::StatusOr<Report> Monitor::ReportFor(const platform::RequestInfo& r,
                                          const std::string& municipality_code, bool external) {
  std::string scope = municipality_code;
  OZJT_ASSIGN_OR_RETURN(auto municipalities, store_.Municipalities(r.deadline));
  if (r.caller.IsMunicipal()) {
    if (scope.empty()) scope = r.caller.municipality_code;
    if (scope != r.caller.municipality_code) {
      auto own = municipalities.find(r.caller.municipality_code);
      return platform::WithDutch(
          absl::PermissionDeniedError(absl::StrCat("you can see the inflow of municipality ",
                                                   r.caller.municipality_code, " only")),
          absl::StrCat("U ziet alleen de instroom van uw eigen gemeente",
                       own == municipalities.end() ? "" : absl::StrCat(" (", own->second, ")"),
                       "."));
    }
  }
  if (!scope.empty() && municipalities.count(scope) == 0) {
    return platform::InvalidField("municipality_code", "unknown municipality",
                                  absl::StrCat("Er is geen gemeente met CBS-code '", scope,
                                               "'; zie ozjt reference municipalities."));
  }
  // The region's rows (a database holding other regions' inflow too, as the national
  // benchmark's, must not count theirs). A municipality's report needs them too: every quarter
  // the region delivered counts, for a municipality without rows in it, as zero placements
  // (BuildReport takes the delivered quarters from all rows and sums the municipality's).
  OZJT_ASSIGN_OR_RETURN(std::vector<InflowRow> rows, store_.Rows(r.deadline, "", kRegionCode));
  if (!scope.empty() && std::none_of(rows.begin(), rows.end(), [&](const InflowRow& row) {
        return row.municipality_code == scope;
      })) {
    // A municipality outside the region (or without any rows): its own rows, if any.
    OZJT_ASSIGN_OR_RETURN(std::vector<InflowRow> own, store_.Rows(r.deadline, scope, ""));
    rows.insert(rows.end(), own.begin(), own.end());
  }
  // Municipal users and external exports always get the suppressed output.
  const bool suppress = external || r.caller.IsMunicipal();
  return BuildReport(rows, scope, LastEndedQuarter(r.today), policy_, suppress);
}

absl::StatusOr<std::string> Monitor::Title(const platform::RequestInfo& r,
                                           const std::string& municipality_code) {
  if (municipality_code.empty()) return std::string("Instroom Jeugdzorg Plus regio Twente");
  OZJT_ASSIGN_OR_RETURN(auto municipalities, store_.Municipalities(r.deadline));
  return absl::StrCat("Instroom Jeugdzorg Plus ", municipalities[municipality_code]);
}

std::map<int64_t, std::string> Monitor::ProviderNames(const platform::RequestInfo& r,
                                                      const std::vector<int64_t>& ids) {
  auto names = store_.ProviderNames(r.deadline, ids);
  return names.ok() ? *std::move(names) : std::map<int64_t, std::string>{};
}

}  // namespace ozjt::jzplus
