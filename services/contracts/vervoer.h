// Doelgroepenvervoer KPIs: definitions with norms per lot, measurements per period and
// source, and which measurements break their norm.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/contracts/term.h"

namespace ozjt::contracts {

// Punctuality, ride time and detour: % of rides within their limit in minutes (pick-up within
// 15 minutes; ride time at most 60 for pupils, never over 90; detour at most normal travel time
// + 50%); complaints per 1,000 rides; satisfaction as a report mark (docs/domain.md section 4).
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
// The last day of such a period; nullopt when malformed.
std::optional<Day> PeriodEnd(const std::string& period);
// The last whole quarter before `today`, "YYYY-Qn": the period the breaches are shown for when
// none is asked (on 25-11-2026: 2026-Q3).
std::string PreviousQuarter(Day today);

// Measurements by contract, then newest first: by the end of their period (a month or a
// quarter: 2026-10 before 2026-Q3), then the later start (2026-09 before 2026-Q3), then kind,
// source and municipality.
void SortNewestFirst(std::vector<KpiMeasurement>& measurements);

// The direction a KPI's norm has: complaints are a maximum, the others (percentages of rides
// within their limit, satisfaction) minima.
NormDirection DirectionOf(KpiKind kind);

// INVALID_ARGUMENT under "definition." for a missing kind or direction, a direction the KPI
// does not have (DirectionOf), or a bad description.
absl::Status ValidateKpiDefinition(const KpiDefinition& d);
// INVALID_ARGUMENT under "measurement." for a bad or future period, missing kind or source,
// a negative value.
absl::Status ValidateKpiMeasurement(const KpiMeasurement& m, Day today);

// Whether `m` breaks the norm of `d`.
bool Breaks(const KpiDefinition& d, const KpiMeasurement& m);

// The measurements that break the norm their contract defines for their KPI, each with that
// definition, in the order of `measurements`.
std::vector<std::pair<KpiMeasurement, KpiDefinition>> FindBreaches(
    const std::vector<KpiDefinition>& definitions, const std::vector<KpiMeasurement>& measurements);

// A KPI's name and unit in Dutch ("klachten (per 1.000 ritten)"), for messages.
std::string DutchName(KpiKind kind);

}  // namespace ozjt::contracts
