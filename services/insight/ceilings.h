// Spending ceilings (bestedingsruimte, Contractstandaard Wmo art. 1.5; docs ijw.md section 9):
// an amount a municipality sets per contract, provider and year, from 1 January (or a later
// start day) to 31 December. What the messages say of it (spend to date and a forecast, with
// the two signals of art. 1.5.7) and the clocks of the article, as days.
//  - Spend to date: granted + pending amounts (measures.h) of the claim lines of the ceiling's
//    municipality, provider (its AGB codes) and contract, product periods from the start day
//    to 31 December.
//  - Forecast: spend to date + the value still to come of the specific allocations
//    (RemainingValue) from the day after the last claimed product period (or the start day)
//    to 31 December. A project convention, not the article's.
//  - Signals: 70% used (spend * 100 >= ceiling * 70) and a forecast overrun (forecast > ceiling).
//  - Clocks: the intention at least 6 months and the decision at least 3 months before the
//    start (1.5.3), the joint plan 2 months before (1.5.5); after the written notice the
//    consultation within 2 weeks, after the consultation the decision within 2 weeks (1.5.7).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/insight/measures.h"

namespace ozjt::insight {

struct SpendingCeiling {
  int64_t id = 0;
  int64_t contract_id = 0;
  int64_t provider_id = 0;
  std::string municipality;  // CBS code
  int year = 0;
  absl::CivilDay starts_on;
  int64_t amount_cents = 0;
  // The steps of art. 1.5.7 as recorded: the written notice, the consultation, the decision.
  std::optional<absl::CivilDay> notified_on, consulted_on, decided_on;
  absl::CivilDay Last() const { return absl::CivilDay(year, 12, 31); }
};

// A ceiling as a user sets it (amount, year, start day; the ids are checked by the use case):
// INVALID_ARGUMENT naming the field and the rule, with a Dutch message naming the form field.
absl::Status CheckCeiling(const SpendingCeiling& c);

enum class CeilingStep { kNotified, kConsulted, kDecided };
// Records `step` on `day` in `c`: FAILED_PRECONDITION for a step before the one it follows
// (a consultation without a notice, a decision without a consultation, or an earlier day);
// INVALID_ARGUMENT for a day more than a year from the ceiling's year.
absl::Status RecordStep(SpendingCeiling& c, CeilingStep step, absl::CivilDay day);

struct CeilingUse {
  int64_t spent_cents = 0;
  absl::CivilDay forecast_from;  // the first day no claim covers yet
  int64_t remaining_cents = 0;
  int64_t forecast_cents = 0;  // spent + remaining
  int used_percent = 0;        // of the ceiling, rounded down
  bool seventy_percent = false;
  bool forecast_overrun = false;
};

// The use of `c` from the traffic of its municipality and year (Traffic over [starts_on, 31
// December]), the contracts' tariff lines and the provider's AGB codes `agbs`.
CeilingUse UseOf(const SpendingCeiling& c, const Traffic& traffic, const TariffBook& tariffs,
                 const std::set<std::string>& agbs);

enum class ClockKind { kIntention, kDecision, kJointPlan, kConsultation, kAdjustment };
struct CeilingClock {
  absl::CivilDay due;
  ClockKind kind = ClockKind::kIntention;
  std::string dutch;  // "Voornemen bestedingsruimte 2027 bekendmaken (art. 1.5.3)"
};
// The clocks of `c`, by day: the three before the start always, the consultation while a
// notice has none, the decision while a consultation has none.
std::vector<CeilingClock> ClocksOf(const SpendingCeiling& c);

}  // namespace ozjt::insight
