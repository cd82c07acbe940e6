// The Jeugdzorg Plus service's use cases: importing a delivery (CSV or rows), and the report
// and chart for the region or a municipality, exact for OZJT roles and suppressed for
// municipal users (their own municipality only) and for any output marked external.
// No gRPC types.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/jzplus/inflow.h"
#include "services/jzplus/store.h"
#include "services/platform/config.h"
#include "services/platform/request.h"

namespace ozjt::jzplus {

struct ImportResult {
  std::vector<RowError> errors;
  std::vector<Quarter> quarters;
  int rows = 0;
  bool committed = false;
};

// The region whose inflow is monitored against its target: OZJT's, Twente (registry.region).
inline constexpr char kRegionCode[] = "TWENTE";

class Monitor {
 public:
  Monitor(InflowStore& store, TargetPolicy policy) : store_(store), policy_(policy) {}

  // Either `csv` or `rows` (provider ids). All or nothing: with any error nothing is written.
  absl::StatusOr<ImportResult> Import(const platform::RequestInfo& r, const std::string& csv,
                                      std::vector<InflowRow> rows, bool validate_only);
  // The report for `municipality_code` ("" = the region) up to the last quarter that ended.
  absl::StatusOr<Report> ReportFor(const platform::RequestInfo& r,
                                   const std::string& municipality_code, bool external);
  // The title of a report's chart ("Instroom Jeugdzorg Plus Twente" or the municipality's).
  absl::StatusOr<std::string> Title(const platform::RequestInfo& r,
                                    const std::string& municipality_code);
  const TargetPolicy& policy() const { return policy_; }
  // Names of the providers `ids` (a report's); empty when they cannot be read.
  std::map<int64_t, std::string> ProviderNames(const platform::RequestInfo& r,
                                               const std::vector<int64_t>& ids);

 private:
  InflowStore& store_;
  TargetPolicy policy_;
};

// The targets as configured (OZJT_JZPLUS_BASELINE_YEAR, OZJT_JZPLUS_REDUCTION_PERCENT; read and
// checked in services/platform/config.cc).
TargetPolicy PolicyFrom(const platform::JzplusConfig& config);

// The last quarter that ended before `today`.
Quarter LastEndedQuarter(Day today);

}  // namespace ozjt::jzplus
