#include "services/contracts/vervoer.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

// The largest KPI norm or measurement, in hundredths: 1.000.000,00. Every KPI is a percentage,
// minutes, a count of complaints in a period or a report mark, so a larger value is a typing
// error; the bound also keeps the comparisons and sums over measurements far from overflow.
constexpr int64_t kMaxKpiHundredths = 100'000'000;
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

std::string PreviousQuarter(Day today) {
  const int quarter = static_cast<int>((today.month() - 1) / 3);  // 0..3, the current one
  if (quarter == 0) return absl::StrCat(today.year() - 1, "-Q4");
  return absl::StrCat(today.year(), "-Q", quarter);
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

std::optional<Day> PeriodEnd(const std::string& period) {
  std::optional<Day> start = PeriodStart(period);
  if (!start) return std::nullopt;
  const int months = period[5] == 'Q' ? 3 : 1;
  return Day(absl::CivilMonth(*start) + months) - 1;
}

void SortNewestFirst(std::vector<KpiMeasurement>& measurements) {
  auto key = [](const KpiMeasurement& m) {
    // Malformed periods (never stored) last.
    return std::make_tuple(PeriodEnd(m.period).value_or(Day(1, 1, 1)),
                           PeriodStart(m.period).value_or(Day(1, 1, 1)));
  };
  std::stable_sort(measurements.begin(), measurements.end(),
                   [&](const KpiMeasurement& a, const KpiMeasurement& b) {
                     if (a.contract_id != b.contract_id) return a.contract_id < b.contract_id;
                     const auto ka = key(a), kb = key(b);
                     if (ka != kb) return ka > kb;
                     return std::tie(a.kind, a.source, a.municipality_code) <
                            std::tie(b.kind, b.source, b.municipality_code);
                   });
}

NormDirection DirectionOf(KpiKind kind) {
  switch (kind) {
    case KpiKind::kComplaints:
      return NormDirection::kAtMost;
    case KpiKind::kUnspecified:
      return NormDirection::kUnspecified;
    default:
      return NormDirection::kAtLeast;
  }
}

std::string DutchName(KpiKind kind) {
  switch (kind) {
    case KpiKind::kPunctuality:
      return "punctualiteit (% ritten op tijd)";
    case KpiKind::kRideTime:
      return "reistijd (% ritten binnen de maximale reistijd)";
    case KpiKind::kDetour:
      return "omrijtijd (% ritten binnen de norm)";
    case KpiKind::kComplaints:
      return "klachten (per 1.000 ritten)";
    case KpiKind::kSatisfaction:
      return "klanttevredenheid (rapportcijfer)";
    default:
      return "KPI";
  }
}

absl::Status ValidateKpiDefinition(const KpiDefinition& d) {
  platform::FieldViolations v;
  if (d.kind == KpiKind::kUnspecified) {
    v.Add("definition.kind", "is required",
          "Kies de KPI: punctualiteit, reistijd, omrijtijd, klachten of klanttevredenheid.");
  }
  if (d.direction == NormDirection::kUnspecified) {
    v.Add("definition.direction", "is required",
          "Geef aan of de norm een minimum of een maximum is.");
  } else if (d.kind != KpiKind::kUnspecified && d.direction != DirectionOf(d.kind)) {
    const bool at_most = DirectionOf(d.kind) == NormDirection::kAtMost;
    v.Add("definition.direction",
          absl::StrCat("the norm of ", Code(d.kind), " is ", at_most ? "a maximum" : "a minimum"),
          absl::StrCat("De norm voor ", DutchName(d.kind), " is een ",
                       at_most ? "maximum" : "minimum", "."));
  }
  if (d.norm < 0) {
    v.Add("definition.norm", "must not be negative", "De norm mag niet negatief zijn.");
  } else if (d.norm > kMaxKpiHundredths) {
    v.Add("definition.norm", "must be at most 1000000", "De norm is ten hoogste 1.000.000.");
  }
  if (d.description.size() > 500) {
    v.Add("definition.description", "must be at most 500 characters",
          "De omschrijving van de norm is te lang (hoogstens 500 tekens).");
  }
  return v.ToStatus();
}

absl::Status ValidateKpiMeasurement(const KpiMeasurement& m, Day today) {
  platform::FieldViolations v;
  std::optional<Day> start = PeriodStart(m.period);
  if (!start) {
    v.Add("measurement.period", "'YYYY-MM' or 'YYYY-Qn'",
          "Geef de periode als maand (2026-10) of kwartaal (2026-Q3).");
  } else if (*start > today) {
    v.Add("measurement.period", "is in the future",
          absl::StrCat("De periode ", m.period, " is nog niet begonnen."));
  }
  if (m.kind == KpiKind::kUnspecified) {
    v.Add("measurement.kind", "is required",
          "Kies de KPI: punctualiteit, reistijd, omrijtijd, klachten of klanttevredenheid.");
  }
  if (m.source == MeasurementSource::kUnspecified) {
    v.Add("measurement.source", "is required",
          "Kies de bron van de meting: regiecentrale, monitoring of "
          "klanttevredenheidsonderzoek.");
  }
  if (m.value < 0) {
    v.Add("measurement.value", "must not be negative", "De gemeten waarde mag niet negatief zijn.");
  } else if (m.value > kMaxKpiHundredths) {
    v.Add("measurement.value", "must be at most 1000000",
          "De gemeten waarde is ten hoogste 1.000.000.");
  }
  return v.ToStatus();
}

bool Breaks(const KpiDefinition& d, const KpiMeasurement& m) {
  return d.direction == NormDirection::kAtLeast ? m.value < d.norm : m.value > d.norm;
}

std::vector<std::pair<KpiMeasurement, KpiDefinition>> FindBreaches(
    const std::vector<KpiDefinition>& definitions,
    const std::vector<KpiMeasurement>& measurements) {
  std::vector<std::pair<KpiMeasurement, KpiDefinition>> out;
  for (const auto& m : measurements) {
    auto def = std::find_if(definitions.begin(), definitions.end(), [&](const KpiDefinition& d) {
      return d.contract_id == m.contract_id && d.kind == m.kind;
    });
    if (def != definitions.end() && Breaks(*def, m)) out.emplace_back(m, *def);
  }
  return out;
}

}  // namespace ozjt::contracts
