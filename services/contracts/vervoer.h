// Doelgroepenvervoer KPIs: definitions with norms per lot, measurements per period and
// source, and which measurements break their norm.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/contracts/calendar.h"

namespace ozjt::contracts {

enum class KpiKind { kUnspecified, kPunctuality, kRideTime, kDetour, kComplaints, kSatisfaction };
enum class NormDirection { kUnspecified, kAtLeast, kAtMost };
enum class MeasurementSource { kUnspecified, kCallcentre, kMonitoring, kSurvey };
std::string Code(KpiKind v);
std::string Code(NormDirection v);
std::string Code(MeasurementSource v);
std::optional<KpiKind> ParseKpiKind(absl::string_view code);
std::optional<NormDirection> ParseNormDirection(absl::string_view code);
std::optional<MeasurementSource> ParseMeasurementSource(absl::string_view code);

struct KpiDefinition {
  int64_t contract_id = 0;
  KpiKind kind = KpiKind::kUnspecified;
  int64_t norm = 0;  // hundredths
  NormDirection direction = NormDirection::kUnspecified;
  std::string description;
};

struct KpiMeasurement {
  int64_t id = 0;
  int64_t contract_id = 0;
  std::string period;
  KpiKind kind = KpiKind::kUnspecified;
  int64_t value = 0;  // hundredths
  MeasurementSource source = MeasurementSource::kUnspecified;
  std::string municipality_code;
  std::string recorded_by;
  absl::Time record_time = absl::UnixEpoch();
};

// The first day of a period "YYYY-MM" or "YYYY-Qn"; nullopt when malformed.
std::optional<Day> PeriodStart(const std::string& period);

// INVALID_ARGUMENT under "definition." for a missing kind or direction or a bad description.
absl::Status ValidateKpiDefinition(const KpiDefinition& d);
// INVALID_ARGUMENT under "measurement." for a bad or future period, missing kind or source,
// a negative value.
absl::Status ValidateKpiMeasurement(const KpiMeasurement& m, Day today);

// Whether `m` breaks the norm of `d`.
bool Breaks(const KpiDefinition& d, const KpiMeasurement& m);

}  // namespace ozjt::contracts
