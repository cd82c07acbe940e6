// The supervision service's use cases: investigations, findings, improvement plans, municipal
// requests, reviews from contract mutations, escalations, summaries and the period report.
// Access rules that depend on the data live here: a municipal user sees only their own
// municipality's requests (status and conclusion summary), and counts for providers active in
// their municipality; every read of finding details is logged. No gRPC types.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/request.h"
#include "services/supervision/store.h"
#include "services/supervision/supervision.h"

namespace ozjt::supervision {

struct InvestigationView {
  Investigation i;
  std::string provider_name;
  bool restricted = false;  // municipal view: no findings, plans or full conclusion
};

// A page of investigations; next_page_token is empty on the last page.
struct InvestigationPage {
  std::vector<InvestigationView> investigations;
  std::string next_page_token;
};

// One change of an investigation; exactly one is set.
struct InvestigationChange {
  std::optional<StatusChange> status;
  std::optional<Finding> finding;
  std::optional<Plan> plan;
  int complete_plan = 0, complete_action = 0;
  std::optional<Day> done;
  int close_plan = 0;
  Verdict verdict = Verdict::kUnspecified;
  std::string verdict_text;
};

class Supervision {
 public:
  Supervision(SupervisionStore& store, int grace_days) : store_(store), grace_days_(grace_days) {}

  absl::StatusOr<InvestigationView> Open(const platform::RequestInfo& r, const Investigation& i);
  absl::StatusOr<InvestigationView> Request(const platform::RequestInfo& r, int64_t provider_id,
                                            Kind kind, const std::string& text,
                                            std::optional<Day> incident_date);
  // With finding details (logged) for supervisors, OZJT and auditors; restricted for municipal
  // users (their own municipality's requests only, else NOT_FOUND).
  absl::StatusOr<InvestigationView> Get(const platform::RequestInfo& r, int64_t id);
  // Without finding details, newest first, a page (page_size 0: 50, at most 500); municipal
  // users: their municipality's requests only.
  absl::StatusOr<InvestigationPage> List(const platform::RequestInfo& r, InvestigationFilter f,
                                         int page_size, const std::string& page_token);
  // Status changes need `expected_version`; findings and plans are appended.
  absl::StatusOr<InvestigationView> Change(const platform::RequestInfo& r, int64_t id,
                                           const InvestigationChange& c, int64_t expected_version);
  // Turns every unconsumed contract mutation event into review investigations (one per provider
  // of the contract), each event exactly once. Returns how many reviews were opened.
  absl::StatusOr<int> SyncMutations(const platform::RequestInfo& r);

  absl::StatusOr<Summary> ProviderSummary(const platform::RequestInfo& r, int64_t provider_id);
  absl::StatusOr<std::vector<std::pair<std::string, Summary>>> Summaries(
      const platform::RequestInfo& r);
  absl::StatusOr<std::vector<std::pair<Escalation, std::string>>> CurrentEscalations(
      const platform::RequestInfo& r);
  absl::StatusOr<PeriodReport> Period(const platform::RequestInfo& r, Day from, Day to);

  int grace_days() const { return grace_days_; }

 private:
  absl::StatusOr<ProviderFacts> Provider(const platform::RequestInfo& r, int64_t id);

  SupervisionStore& store_;
  int grace_days_;
};

}  // namespace ozjt::supervision
