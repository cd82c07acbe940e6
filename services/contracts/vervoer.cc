#include "services/contracts/vervoer.h"

#include "absl/strings/numbers.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {
using platform::CodeName;
constexpr CodeName<KpiKind> kKinds[] = {{KpiKind::kPunctuality, "punctuality"},
                                        {KpiKind::kRideTime, "ride_time"},
                                        {KpiKind::kDetour, "detour"},
                                        {KpiKind::kComplaints, "complaints"},
                                        {KpiKind::kSatisfaction, "satisfaction"}};
constexpr CodeName<NormDirection> kDirections[] = {{NormDirection::kAtLeast, "at_least"},
                                                   {NormDirection::kAtMost, "at_most"}};
constexpr CodeName<MeasurementSource> kSources[] = {{MeasurementSource::kCallcentre, "callcentre"},
                                                    {MeasurementSource::kMonitoring, "monitoring"},
                                                    {MeasurementSource::kSurvey, "survey"}};
}  // namespace

std::string Code(KpiKind v) { return platform::CodeOf(kKinds, v); }
std::string Code(NormDirection v) { return platform::CodeOf(kDirections, v); }
std::string Code(MeasurementSource v) { return platform::CodeOf(kSources, v); }
std::optional<KpiKind> ParseKpiKind(absl::string_view c) { return platform::ParseCode(kKinds, c); }
std::optional<NormDirection> ParseNormDirection(absl::string_view c) {
  return platform::ParseCode(kDirections, c);
}
std::optional<MeasurementSource> ParseMeasurementSource(absl::string_view c) {
  return platform::ParseCode(kSources, c);
}

std::optional<Day> PeriodStart(const std::string& period) {
  int year = 0, part = 0;
  if (period.size() == 7 && period[4] == '-' && absl::SimpleAtoi(period.substr(0, 4), &year)) {
    if (period[5] == 'Q' && absl::SimpleAtoi(period.substr(6), &part) && part >= 1 && part <= 4) {
      return MakeDay(year, 3 * part - 2, 1);
    }
    if (absl::SimpleAtoi(period.substr(5), &part) && period[5] >= '0' && period[5] <= '1') {
      return MakeDay(year, part, 1);
    }
  }
  return std::nullopt;
}

absl::Status ValidateKpiDefinition(const KpiDefinition& d) {
  platform::FieldViolations v;
  if (d.kind == KpiKind::kUnspecified) v.Add("definition.kind", "is required");
  if (d.direction == NormDirection::kUnspecified) v.Add("definition.direction", "is required");
  if (d.norm < 0) v.Add("definition.norm", "must not be negative");
  if (d.description.size() > 500) v.Add("definition.description", "must be at most 500 characters");
  return v.ToStatus();
}

absl::Status ValidateKpiMeasurement(const KpiMeasurement& m, Day today) {
  platform::FieldViolations v;
  std::optional<Day> start = PeriodStart(m.period);
  if (!start) {
    v.Add("measurement.period", "'YYYY-MM' or 'YYYY-Qn'");
  } else if (*start > today) {
    v.Add("measurement.period", "is in the future");
  }
  if (m.kind == KpiKind::kUnspecified) v.Add("measurement.kind", "is required");
  if (m.source == MeasurementSource::kUnspecified) v.Add("measurement.source", "is required");
  if (m.value < 0) v.Add("measurement.value", "must not be negative");
  return v.ToStatus();
}

bool Breaks(const KpiDefinition& d, const KpiMeasurement& m) {
  return d.direction == NormDirection::kAtLeast ? m.value < d.norm : m.value > d.norm;
}

}  // namespace ozjt::contracts
