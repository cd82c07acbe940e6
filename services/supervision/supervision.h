// Quality supervision (toezicht), docs/domain.md sections 1 and 7: investigations per provider,
// findings against a tender requirement or legal norm, improvement plans with actions, owners and
// due dates, follow-up and re-inspection, and the escalation signals for the OZJT contract
// manager. An investigation is one aggregate: its findings and plans live inside it and are
// numbered within it. Pure: no database, no gRPC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/platform/calendar.h"

namespace ozjt::supervision {

using platform::Day;

enum class Kind {
  kUnspecified,
  kProactive,         // planned supervision
  kSignal,            // after a signal
  kIncident,          // an incident (also on request of a municipality)
  kCalamity,          // a calamity (also on request of a municipality)
  kContractReview,    // review after a contract mutation (created automatically)
  kMunicipalRequest,  // another question of a municipality
};
enum class Scope { kUnspecified, kProvider, kEstablishment, kContract };
enum class Status { kUnspecified, kRequested, kPlanned, kInProgress, kConcluded };
enum class Severity { kUnspecified, kObservation, kMinor, kMajor, kCritical };
enum class RequirementKind { kUnspecified, kTenderRequirement, kLegalNorm };
enum class Verdict { kUnspecified, kEffective, kInsufficient };

// Supervisor measures after a calamity are due within 7 days of its report.
inline constexpr int kCalamityMeasureDays = 7;
// Default grace after an action's due date before it escalates (OZJT_SUPERVISION_GRACE_DAYS).
inline constexpr int kDefaultGraceDays = 14;

struct Finding {
  int number = 0;  // within the investigation
  RequirementKind requirement_kind = RequirementKind::kUnspecified;
  std::string requirement_reference;  // e.g. "Bestek 4.2.1" or "Jeugdwet 4.1.1"
  std::string requirement_text;
  std::string observed;
  Severity severity = Severity::kUnspecified;
  std::vector<std::string> evidence;  // references
  Day date;
  std::string supervisor;
  bool resolved = false;  // a plan covering it was closed as effective
};

struct Action {
  int number = 0;
  std::string text;
  std::string owner;
  Day due;
  std::optional<Day> done;
};

struct Plan {
  int number = 0;
  std::vector<int> findings;  // finding numbers
  std::vector<Action> actions;
  std::optional<Day> follow_up;
  std::optional<Day> reinspection;
  bool closed = false;
  std::optional<Day> closed_on;
  Verdict verdict = Verdict::kUnspecified;
  std::string verdict_text;
};

struct Investigation {
  int64_t id = 0;
  int64_t provider_id = 0;
  Kind kind = Kind::kUnspecified;
  Scope scope = Scope::kProvider;
  std::string establishment;  // scope establishment
  int64_t contract_id = 0;    // scope contract (and reviews)
  std::string subject;        // what it is about
  Status status = Status::kUnspecified;
  Day opened;
  std::optional<Day> started;
  std::optional<Day> concluded;
  std::vector<std::string> supervisors;
  std::string conclusion;          // full conclusion (supervisors and OZJT)
  std::string conclusion_summary;  // what a requesting municipality sees
  std::string report_reference;
  // On request of a municipality: its CBS code, what it asked and the incident's date.
  std::string requesting_municipality;
  std::string request_text;
  std::optional<Day> incident_date;
  int64_t mutation_event_id = 0;  // a review's contract mutation event
  std::vector<Finding> findings;
  std::vector<Plan> plans;
  int64_t version = 0;

  const Finding* FindingNumbered(int number) const;
};

// A new investigation opened by a supervisor. INVALID_ARGUMENT for a missing kind, scope
// without its establishment or contract, a subject over 2000 characters, or no supervisor.
absl::StatusOr<Investigation> OpenInvestigation(Investigation i, Day today,
                                                const std::string& supervisor);

// A municipality's request for an incident or calamity investigation; its subject names the
// municipality (`municipality_name`, else its CBS code).
absl::StatusOr<Investigation> RequestInvestigation(int64_t provider_id, Kind kind,
                                                   const std::string& municipality,
                                                   const std::string& text,
                                                   std::optional<Day> incident_date, Day today,
                                                   const std::string& municipality_name = "");

// The review of a contract mutation (created automatically, once per event and provider);
// `what` in Dutch completes its subject "Kwaliteitstoets na ...", e.g. "wijziging van contract
// JZP-2024".
Investigation ReviewOfMutation(int64_t provider_id, int64_t contract_id, int64_t event_id,
                               const std::string& what, Day today);

// Moves the status forward (requested -> planned -> in progress -> concluded, steps may be
// skipped, never back). Concluding needs the conclusion, a summary for a requesting
// municipality, and the report reference. FAILED_PRECONDITION for a concluded investigation.
struct StatusChange {
  Status status = Status::kUnspecified;
  std::vector<std::string> supervisors;  // replaces the list when not empty
  std::string conclusion;
  std::string conclusion_summary;
  std::string report_reference;
};
absl::StatusOr<Investigation> ChangeStatus(const Investigation& i, StatusChange c, Day today,
                                           const std::string& actor);

// Adds a finding (numbered next). INVALID_ARGUMENT naming the field; FAILED_PRECONDITION when
// the investigation is concluded.
absl::StatusOr<Investigation> AddFinding(const Investigation& i, Finding f, Day today);

// Adds an improvement plan for findings of the investigation.
absl::StatusOr<Investigation> AddPlan(const Investigation& i, Plan p, Day today);
// Marks an action done on `done`.
absl::StatusOr<Investigation> CompleteAction(const Investigation& i, int plan, int action, Day done,
                                             Day today);
// Closes a plan with a verdict; EFFECTIVE resolves its findings. Every action must be done for
// an effective verdict.
absl::StatusOr<Investigation> ClosePlan(const Investigation& i, int plan, Verdict verdict,
                                        const std::string& text, Day today);

// ---- escalation, overdue actions, reports ----

bool Overdue(const Action& a, Day today);

// A signal for the OZJT contract manager: an unresolved critical finding, or an action of an
// open plan overdue for more than `grace_days`.
struct Escalation {
  int64_t investigation_id = 0;
  int64_t provider_id = 0;
  Day since;            // the finding's date, or due + grace + 1
  std::string reason;   // Dutch
  std::string subject;  // "investigations/5/findings/2" or ".../plans/1"
};
std::vector<Escalation> Escalations(const Investigation& i, Day today, int grace_days);

// What an investigation puts in the agenda (ozjt.contracts.v1 ListAgenda, for OZJT roles and
// supervisors) in [from, to]: due dates of open actions (overdue ones also when `from` is today
// or earlier, flagged), re-inspections and follow-ups of open plans, the 7-day deadline for the
// supervisor's measures after a calamity (until the investigation is in progress), and the
// escalation signals (current ones whenever the window includes today).
enum class DueKind { kAction, kReinspection, kSignal, kCalamityMeasures };
struct Due {
  Day date;
  DueKind kind = DueKind::kAction;
  int64_t provider_id = 0;
  std::string summary;  // Dutch
  std::string subject;  // "investigations/5/plans/1" etc.
};
std::vector<Due> DueItems(const Investigation& i, const std::string& provider_name, Day from,
                          Day to, Day today, int grace_days);

// A provider's summary.
struct Summary {
  int64_t provider_id = 0;
  int open_findings[5] = {0, 0, 0, 0, 0};  // by Severity
  int plans_open = 0;
  int plans_overdue = 0;  // open plans with an overdue action
  int plans_closed_effective = 0;
  int plans_closed_insufficient = 0;
  int investigations_open = 0;
  std::optional<Day> last_inspection;  // latest start (or conclusion) of an investigation
  std::vector<Escalation> escalations;
};
Summary Summarize(int64_t provider_id, const std::vector<Investigation>& all, Day today,
                  int grace_days);

// The period report for the contract managers' meeting: investigations opened and concluded in
// [from, to] by kind, findings by severity dated in it, plans closed in it and overdue at `to`.
// What happened in a period: investigations opened and concluded in it by kind, findings
// dated in it by severity, plans closed in it. The store counts them in the database
// (SupervisionStore::CountPeriod: reading every investigation took seconds nationally).
struct PeriodCounts {
  int opened[7] = {0, 0, 0, 0, 0, 0, 0};     // by Kind
  int concluded[7] = {0, 0, 0, 0, 0, 0, 0};  // by Kind
  int findings[5] = {0, 0, 0, 0, 0};         // by Severity
  int plans_closed = 0;
};
struct PeriodReport : PeriodCounts {
  Day from, to;
  int plans_overdue = 0;  // open plans with an action overdue on `to`
  int escalations = 0;    // signals on `to`
};
// The period's counts with what stands open on `to`, judged here from `open_on_to`: the
// investigations with an unresolved critical finding or an undone action of an open plan due
// before `to` (SupervisionStore::MayEscalate(to); others add nothing).
PeriodReport Report(const PeriodCounts& counts, const std::vector<Investigation>& open_on_to,
                    Day from, Day to, int grace_days);
// The report as CSV (';', Dutch headings, as Excel in the Netherlands reads it).
std::string ReportCsv(const PeriodReport& r);
// Provider summaries as CSV.
std::string SummariesCsv(const std::vector<std::pair<std::string, Summary>>& named);

// ---- codes and JSON ----

std::string Code(Kind v);
std::string Code(Scope v);
std::string Code(Status v);
std::string Code(Severity v);
std::optional<Kind> ParseKind(absl::string_view code);
std::optional<Severity> ParseSeverity(absl::string_view code);
std::string Code(RequirementKind v);
std::string Code(Verdict v);
std::string DutchName(Kind v);
std::string DutchName(Severity v);

// The investigation as the domain's JSON, its findings included ("findings": [...]).
std::string ToJson(const Investigation& i);
absl::StatusOr<Investigation> InvestigationFromJson(absl::string_view json);
// One finding as it stands in the investigation's "findings" (the store keeps each as a row of
// its own: finding_rows.h).
std::string FindingToJson(const Finding& f);
absl::StatusOr<Finding> FindingFromJson(absl::string_view json);
// The investigation from its JSON with the findings `findings` (a JSON array of FindingToJson)
// added to those it holds: as the store keeps them, a body and the finding rows.
absl::StatusOr<Investigation> InvestigationFromJson(absl::string_view body,
                                                    absl::string_view findings);

}  // namespace ozjt::supervision
