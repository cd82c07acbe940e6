// The account-holding-region service's use cases: regions, portfolio, financial statements,
// signals, early warnings and continuity cases, with the municipal scope (a municipal user
// sees only providers active in their municipality, and of cases only whether one is open and
// its step). No gRPC types.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/accountregion/continuity.h"
#include "services/accountregion/store.h"
#include "services/platform/request.h"

namespace ozjt::accountregion {

// Our own region (the portfolio's default).
inline constexpr char kOwnRegion[] = "TWENTE";

struct StatementView {
  FinancialStatement statement;
  Ratios ratios;
};

struct CaseView {
  ContinuityCase c;
  std::string provider_name;
  bool restricted = false;  // municipal view: status and step only
};

// What UpdateCase does: one of these.
struct CaseUpdate {
  std::optional<CaseAction> action;
  std::optional<RegionInformed> region_informed;
  bool resolve = false;
};

class AccountRegions {
 public:
  AccountRegions(AccountRegionStore& store, std::vector<std::string> regions, RatioThresholds t)
      : store_(store), regions_(std::move(regions)), thresholds_(std::move(t)) {}

  absl::StatusOr<AccountRegion> Get(const platform::RequestInfo& r, int64_t provider_id);
  absl::StatusOr<std::vector<AccountRegion>> Portfolio(const platform::RequestInfo& r,
                                                       std::string region_code);
  absl::StatusOr<Assignment> Assign(const platform::RequestInfo& r, Assignment a);
  absl::StatusOr<StatementView> AddStatement(const platform::RequestInfo& r, FinancialStatement s);
  absl::StatusOr<std::vector<StatementView>> Statements(const platform::RequestInfo& r,
                                                        int64_t provider_id);
  absl::StatusOr<Signal> AddSignal(const platform::RequestInfo& r, Signal s);
  absl::StatusOr<std::vector<Signal>> Signals(const platform::RequestInfo& r, int64_t provider_id);
  absl::StatusOr<std::vector<Warning>> EarlyWarnings(const platform::RequestInfo& r);
  absl::StatusOr<CaseView> Open(const platform::RequestInfo& r, int64_t provider_id, int step,
                                Day date, std::optional<Day> recovery_plan_due,
                                const std::string& note);
  absl::StatusOr<CaseView> Move(const platform::RequestInfo& r, int64_t case_id, int step, Day date,
                                std::optional<Day> recovery_plan_due, const std::string& note,
                                int64_t expected_version);
  absl::StatusOr<CaseView> Update(const platform::RequestInfo& r, int64_t case_id,
                                  const CaseUpdate& update, int64_t expected_version);
  absl::StatusOr<std::vector<CaseView>> Cases(const platform::RequestInfo& r, int64_t provider_id,
                                              bool open_only);

  const RatioThresholds& thresholds() const { return thresholds_; }

 private:
  // The provider, if it exists and the caller may see it (else NOT_FOUND).
  absl::StatusOr<ProviderFacts> Visible(const platform::RequestInfo& r, int64_t provider_id);
  AccountRegion Resolve(const ProviderFacts& p, const std::vector<Assignment>& a, Day today) const;
  absl::StatusOr<CaseView> Change(
      const platform::RequestInfo& r, int64_t case_id, int64_t expected_version,
      const std::function<absl::StatusOr<ContinuityCase>(const ContinuityCase&)>& fn);

  AccountRegionStore& store_;
  std::vector<std::string> regions_;
  RatioThresholds thresholds_;
};

}  // namespace ozjt::accountregion
