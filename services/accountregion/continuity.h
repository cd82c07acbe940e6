// Account-holding region and continuity: the derived region of a provider and what overrides
// it, financial ratios and their classes, the signals they raise, continuity cases with their
// escalation steps, and the early-warning ranking. Pure: no database, no gRPC.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/calendar.h"

namespace ozjt::accountregion {

using platform::Day;

// ---- account-holding region ----

// A provider's turnover: year -> region code -> cents, and year -> total cents.
struct Turnover {
  std::map<int, std::map<std::string, int64_t>> per_region;
  std::map<int, int64_t> total;
};

struct Derived {
  std::string region_code;  // empty without turnover in a complete year
  int year = 0;
  int64_t cents = 0;
};

// The largest region in the latest complete year (a year before today's year) that has region
// turnover, when the provider worked in two or more regions that year (a provider of one region
// has no account-holding region). Ties: the larger in the year before, then the first code
// alphabetically.
Derived DeriveRegion(const Turnover& t, Day today);

enum class AssignmentBasis { kUnspecified, kAgreed, kVngList };

struct Assignment {
  int64_t provider_id = 0;
  std::string region_code;
  AssignmentBasis basis = AssignmentBasis::kUnspecified;
  Day valid_from;
  std::optional<Day> valid_to;
  std::string note;
  bool ValidOn(Day d) const { return valid_from <= d && (!valid_to || d <= *valid_to); }
};

// INVALID_ARGUMENT under "assignment." (unknown region, missing basis, dates out of order).
// FAILED_PRECONDITION (with its Dutch text) for a change to a closed case.
absl::Status CaseClosed();

absl::Status ValidateAssignment(const Assignment& a, const std::vector<std::string>& regions);

// National monitoring scope: turnover above EUR 2M.
inline constexpr int64_t kMonitoringThresholdCents = 2'000'000'00;

struct AccountRegion {
  int64_t provider_id = 0;
  std::string provider_name;
  Derived derived;
  std::optional<Assignment> assignment;  // the one valid today (the latest starting)
  std::string region_code;               // assignment's, else derived
  bool monitored = false;
  int64_t latest_turnover_cents = 0;
  bool financial_figures_withheld = false;  // for municipal callers: the cents above are 0
};

AccountRegion ResolveRegion(int64_t provider_id, const std::string& name, const Turnover& t,
                            const std::vector<Assignment>& assignments, Day today);

// ---- financial figures ----

enum class RatioClass { kUnspecified, kWorst, kWeak, kFair, kGood, kStrong };

// Class boundaries per ratio, in hundredths of a percent, ascending: below the first is the
// worst class. Default: the CBS sector classes (solvency 0/10/20/35, current ratio 30/70/130,
// profitability 0/2/4).
struct RatioThresholds {
  std::vector<int64_t> solvency = {0, 1000, 2000, 3500};
  std::vector<int64_t> current_ratio = {3000, 7000, 13000};
  std::vector<int64_t> profitability = {0, 200, 400};
};

// Parses "solvency:0,10,20,35;current_ratio:30,70,130;profitability:0,2,4" (percent, any of
// the three, ascending). INVALID_ARGUMENT naming the problem.
absl::StatusOr<RatioThresholds> ParseThresholds(const std::string& text);

struct Ratio {
  std::optional<int64_t> hundredths;  // unset when the denominator is 0
  RatioClass ratio_class = RatioClass::kUnspecified;
};

// The class of `value` under `bounds`: worst below bounds[0], strong at or above the last.
RatioClass Classify(int64_t value, const std::vector<int64_t>& bounds);

struct FinancialStatement {
  int64_t provider_id = 0;
  std::string period;  // "YYYY" or "YYYY-Qn"
  int64_t equity = 0;
  int64_t total_assets = 0;
  int64_t current_assets = 0;
  int64_t current_liabilities = 0;
  int64_t revenue = 0;
  int64_t net_result = 0;
  bool IsYear() const { return period.size() == 4; }
  int Year() const;
};

struct Ratios {
  Ratio solvency;
  Ratio current_ratio;
  Ratio profitability;
};

Ratios ComputeRatios(const FinancialStatement& s, const RatioThresholds& t);

// INVALID_ARGUMENT under "statement." (period, negative assets or liabilities, current assets
// above total assets, a period in the future).
absl::Status ValidateStatement(const FinancialStatement& s, Day today);

// Three consecutive years with a loss among the annual statements.
bool ThreeYearsOfLosses(const std::vector<FinancialStatement>& statements);

// ---- continuity cases ----

enum class CaseStatus { kUnspecified, kOpen, kResolved, kBankruptcy };

struct StepChange {
  int step = 0;
  Day date;
  std::string note;
  std::string changed_by;
};

struct CaseAction {
  Day date;
  std::string text;
  std::string actor;
};

struct RegionInformed {
  std::string region_code;
  Day date;
};

inline constexpr int kRecoveryPlanStep = 3;
inline constexpr int kBankruptcyStep = 6;

struct ContinuityCase {
  int64_t id = 0;
  int64_t provider_id = 0;
  CaseStatus status = CaseStatus::kOpen;
  int step = 1;
  std::vector<StepChange> steps;
  std::optional<Day> recovery_plan_due;
  std::vector<CaseAction> actions;
  std::vector<RegionInformed> regions_informed;
  Day opened;
  std::optional<Day> closed;
  int64_t version = 0;
};

// A new case at `step` (1-6; 0 means 1). FAILED_PRECONDITION for step 3 or higher without a
// recovery plan due date; INVALID_ARGUMENT for a step outside 1-6 or a date in the future.
absl::StatusOr<ContinuityCase> OpenCase(int64_t provider_id, int step, Day date,
                                        std::optional<Day> recovery_plan_due,
                                        const std::string& note, const std::string& actor,
                                        Day today);

// The case moved to `step` on `date`: FAILED_PRECONDITION when closed, when step 3 or higher
// has no recovery plan due date, or the date is before the last step's. Step 6 closes it as
// bankruptcy.
absl::StatusOr<ContinuityCase> MoveStep(const ContinuityCase& c, int step, Day date,
                                        std::optional<Day> recovery_plan_due,
                                        const std::string& note, const std::string& actor,
                                        Day today);

// ---- early warning ----

struct Signal {
  int64_t id = 0;
  int64_t provider_id = 0;
  std::string source;    // code
  std::string category;  // code
  std::string description;
  Day reported_date;
  std::optional<Day> written_confirmation_date;
  std::string recorded_by;
};

struct Warning {
  AccountRegion region;
  int score = 0;
  std::vector<std::string> reasons;
  int case_step = 0;
};

// Risk of one provider from its open case, latest statement, annual statements and signals
// of the last 12 months. Weights: open case 10 per step; each ratio in the worst class 5; three
// years of losses 5; each recent signal 2 (3 without written confirmation).
Warning Assess(const AccountRegion& region, const std::optional<ContinuityCase>& open_case,
               const std::vector<FinancialStatement>& statements,
               const std::vector<Signal>& signals, const RatioThresholds& thresholds, Day today);

// Riskiest first (then by name); providers without reasons are dropped.
std::vector<Warning> Rank(std::vector<Warning> warnings);

}  // namespace ozjt::accountregion
