// Request validation of the supervision service. An investigation in its JSON form (what
// OpenInvestigation, AddFinding and AddPlan carry, with its findings and plans) is opened anew,
// its findings and plans added one by one as the RPCs do, and read the ways the agenda, the
// provider summary and the period report read it. Bad input is INVALID_ARGUMENT or
// FAILED_PRECONDITION, never a crash.
#include <cstdlib>

#include "services/supervision/supervision.h"
#include "tests/fuzz/fuzz_common.h"

namespace ozjt::supervision {
namespace {

void ExpectUserError(const absl::Status& s) {
  if (!s.ok() && !absl::IsInvalidArgument(s) && !absl::IsFailedPrecondition(s)) std::abort();
}

// One input: what the fuzzer gives, as described at the top.
int FuzzRequest(const uint8_t* data, size_t size) {
  auto parsed = InvestigationFromJson(fuzz::Text(data, size));
  if (!parsed.ok()) return 0;
  const Day today = fuzz::Today();

  // As stored: every read path.
  const Investigation& stored = *parsed;
  Escalations(stored, today, 14);
  DueItems(stored, "Zorgaanbieder", today - 365, today + 365, today, 14);
  Summarize(stored.provider_id, {stored}, today, 14);
  ReportCsv(Report(PeriodCounts(), {stored}, today - 365, today, 14));
  SummariesCsv({{"Zorgaanbieder", Summarize(stored.provider_id, {stored}, today, 14)}});

  // As requested: opened, then each finding and plan added.
  Investigation fresh = stored;
  fresh.findings.clear();
  fresh.plans.clear();
  auto opened = OpenInvestigation(fresh, today, "toezichthouder-1");
  ExpectUserError(opened.status());
  if (!opened.ok()) return 0;
  Investigation current = *opened;
  for (const Finding& f : stored.findings) {
    auto next = AddFinding(current, f, today);
    ExpectUserError(next.status());
    if (next.ok()) current = *next;
  }
  for (const Plan& p : stored.plans) {
    auto next = AddPlan(current, p, today);
    ExpectUserError(next.status());
    if (next.ok()) current = *next;
  }
  Summarize(current.provider_id, {current}, today, 14);
  return 0;
}

}  // namespace
}  // namespace ozjt::supervision

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ozjt::supervision::FuzzRequest(data, size);
}
