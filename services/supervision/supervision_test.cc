// The supervision rules without a database.
#include "services/supervision/supervision.h"

#include <gtest/gtest.h>

#include "services/platform/status.h"

namespace ozjt::supervision {
namespace {

const Day kToday(2026, 11, 25);

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::ViolationsOf(s)) out.push_back(v.field);
  return out;
}

Investigation Must(absl::StatusOr<Investigation> i) {
  EXPECT_TRUE(i.ok()) << i.status();
  return i.ok() ? *i : Investigation{};
}

Investigation Opened() {
  Investigation i;
  i.provider_id = 12;
  i.kind = Kind::kProactive;
  i.subject = "Jaarlijkse inspectie";
  Investigation opened = Must(OpenInvestigation(i, Day(2026, 9, 1), "tom.toezicht"));
  opened.id = 5;  // as stored
  return opened;
}

Finding Found(Severity s, Day date = Day(2026, 9, 10)) {
  Finding f;
  f.requirement_kind = RequirementKind::kTenderRequirement;
  f.requirement_reference = "Bestek 4.2.1";
  f.requirement_text = "Elke jeugdige heeft een actueel hulpverleningsplan";
  f.observed = "Drie van tien dossiers zonder actueel plan";
  f.severity = s;
  f.date = date;
  f.supervisor = "tom.toezicht";
  return f;
}

Plan PlanFor(std::vector<int> findings, Day due) {
  Plan p;
  p.findings = std::move(findings);
  p.actions = {{0, "Dossiers actualiseren", "teamleider", due, std::nullopt}};
  p.reinspection = due + 30;
  return p;
}

TEST(Investigation, OpeningNeedsKindScopeAndSubject) {
  Investigation i;
  i.provider_id = 1;
  i.scope = Scope::kEstablishment;
  EXPECT_EQ(Fields(OpenInvestigation(i, kToday, "t").status()),
            (std::vector<std::string>{"investigation.kind", "investigation.establishment",
                                      "investigation.subject"}));
  i.kind = Kind::kContractReview;
  i.establishment = "Locatie Oost";
  i.subject = "x";
  EXPECT_EQ(Fields(OpenInvestigation(i, kToday, "t").status()),
            std::vector<std::string>{"investigation.kind"});  // reviews come from mutations
  Investigation opened = Opened();
  EXPECT_EQ(opened.status, Status::kPlanned);
  EXPECT_EQ(opened.supervisors, std::vector<std::string>{"tom.toezicht"});
}

TEST(Investigation, StatusMovesForwardAndConcludingNeedsTheConclusion) {
  Investigation i = Opened();
  StatusChange c;
  c.status = Status::kConcluded;
  EXPECT_EQ(Fields(ChangeStatus(i, c, kToday, "tom").status()),
            (std::vector<std::string>{"conclusion", "conclusion_summary", "report_reference"}));
  c.conclusion = "Verbeterpunten in dossiervoering";
  c.conclusion_summary = "Onderzoek afgerond; aanbieder verbetert dossiers";
  c.report_reference = "RAP-2026-041";
  Investigation done = Must(ChangeStatus(i, c, kToday, "tom"));
  EXPECT_EQ(done.concluded, kToday);
  EXPECT_EQ(done.started, kToday);
  StatusChange back;
  back.status = Status::kInProgress;
  EXPECT_EQ(ChangeStatus(done, back, kToday, "tom").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(AddFinding(done, Found(Severity::kMinor), kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(Investigation, MunicipalRequestsAreIncidentsOrCalamities) {
  auto bad = RequestInvestigation(12, Kind::kProactive, "0153", "", Day(2026, 11, 30), kToday);
  EXPECT_EQ(Fields(bad.status()),
            (std::vector<std::string>{"kind", "description", "incident_date"}));
  Investigation i = Must(RequestInvestigation(12, Kind::kCalamity, "0153",
                                              "Ernstig incident op de groep", kToday, kToday));
  EXPECT_EQ(i.status, Status::kRequested);
  EXPECT_EQ(i.requesting_municipality, "0153");
  // The supervisor's measures are due within 7 days, in the agenda until work starts.
  i.id = 9;
  auto due = DueItems(i, "Zorg BV", kToday, kToday + 30, kToday, 14);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, DueKind::kCalamityMeasures);
  EXPECT_EQ(due[0].date, Day(2026, 12, 2));
}

TEST(Findings, NumberedValidatedAndStartTheInvestigation) {
  Investigation i = Opened();
  Finding bad = Found(Severity::kUnspecified, Day(2026, 12, 1));
  bad.requirement_kind = RequirementKind::kUnspecified;
  bad.observed = " ";
  EXPECT_EQ(Fields(AddFinding(i, bad, kToday).status()),
            (std::vector<std::string>{"finding.requirement_kind", "finding.observed",
                                      "finding.severity", "finding.date"}));
  i = Must(AddFinding(i, Found(Severity::kMinor), kToday));
  i = Must(AddFinding(i, Found(Severity::kMajor), kToday));
  EXPECT_EQ(i.findings[1].number, 2);
  EXPECT_EQ(i.status, Status::kInProgress);
}

TEST(Plans, ActionsOverdueEscalateAfterTheGrace) {
  Investigation i = Must(AddFinding(Opened(), Found(Severity::kMajor), Day(2026, 9, 10)));
  EXPECT_EQ(Fields(AddPlan(i, PlanFor({2}, Day(2026, 10, 1)), Day(2026, 9, 15)).status()),
            std::vector<std::string>{"plan.findings[0]"});
  EXPECT_EQ(Fields(AddPlan(i, PlanFor({1}, Day(2026, 9, 1)), Day(2026, 9, 15)).status()),
            std::vector<std::string>{"plan.actions[0].due_date"});  // in the past
  i = Must(AddPlan(i, PlanFor({1}, Day(2026, 11, 1)), Day(2026, 9, 15)));
  // Due 1 November; grace 14 days: a signal from 16 November on.
  EXPECT_TRUE(Overdue(i.plans[0].actions[0], Day(2026, 11, 2)));
  EXPECT_TRUE(Escalations(i, Day(2026, 11, 15), 14).empty());
  auto signals = Escalations(i, Day(2026, 11, 16), 14);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].since, Day(2026, 11, 16));
  EXPECT_EQ(signals[0].subject, "investigations/5/plans/1");
  // The agenda on 25 November: the overdue action (flagged) and the signal.
  auto due = DueItems(i, "Zorg BV", kToday, kToday + 180, kToday, 14);
  ASSERT_EQ(due.size(), 3u);  // action, re-inspection on 1 December, signal
  EXPECT_EQ(due[0].kind, DueKind::kAction);
  EXPECT_NE(due[0].summary.find("over tijd"), std::string::npos);
  EXPECT_EQ(due[1].kind, DueKind::kReinspection);
  EXPECT_EQ(due[1].date, Day(2026, 12, 1));
  EXPECT_EQ(due[2].kind, DueKind::kSignal);
  // Done: no longer overdue, and an effective closure resolves the finding.
  EXPECT_EQ(ClosePlan(i, 1, Verdict::kEffective, "Dossiers op orde", kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);  // action not done
  i = Must(CompleteAction(i, 1, 1, Day(2026, 11, 20), kToday));
  EXPECT_TRUE(Escalations(i, kToday, 14).empty());
  i = Must(ClosePlan(i, 1, Verdict::kEffective, "Dossiers op orde", kToday));
  EXPECT_TRUE(i.findings[0].resolved);
}

TEST(Escalation, CriticalFindingUntilResolved) {
  Investigation i = Must(AddFinding(Opened(), Found(Severity::kCritical), kToday));
  auto signals = Escalations(i, kToday, 14);
  ASSERT_EQ(signals.size(), 1u);
  EXPECT_EQ(signals[0].subject, "investigations/5/findings/1");
  i = Must(AddPlan(i, PlanFor({1}, kToday + 7), kToday));
  i = Must(CompleteAction(i, 1, 1, kToday, kToday));
  i = Must(ClosePlan(i, 1, Verdict::kInsufficient, "Nog niet op orde", kToday));
  EXPECT_EQ(Escalations(i, kToday, 14).size(), 1u);  // insufficient: still critical
}

TEST(Reports, SummaryAndPeriodCountWhatTheySay) {
  Investigation a =
      Must(AddFinding(Opened(), Found(Severity::kCritical, Day(2026, 9, 10)), Day(2026, 9, 10)));
  a = Must(AddFinding(a, Found(Severity::kMinor, Day(2026, 10, 10)), Day(2026, 10, 10)));
  a = Must(AddPlan(a, PlanFor({2}, Day(2026, 11, 1)), Day(2026, 10, 11)));
  Investigation b = Opened();
  b.id = 6;
  b.provider_id = 13;
  Summary s = Summarize(12, {a, b}, kToday, 14);
  EXPECT_EQ(s.open_findings[static_cast<int>(Severity::kCritical)], 1);
  EXPECT_EQ(s.open_findings[static_cast<int>(Severity::kMinor)], 1);
  EXPECT_EQ(s.plans_open, 1);
  EXPECT_EQ(s.plans_overdue, 1);
  EXPECT_EQ(s.investigations_open, 1);
  EXPECT_EQ(s.last_inspection, Day(2026, 9, 10));
  EXPECT_EQ(s.escalations.size(), 2u);  // critical finding, action overdue past grace
  PeriodReport r = Report({a, b}, Day(2026, 10, 1), Day(2026, 12, 31), 14);
  EXPECT_EQ(r.opened[static_cast<int>(Kind::kProactive)], 0);  // opened on 1 September
  EXPECT_EQ(r.findings[static_cast<int>(Severity::kMinor)], 1);
  EXPECT_EQ(r.findings[static_cast<int>(Severity::kCritical)], 0);
  EXPECT_EQ(r.plans_overdue, 1);
  const std::string csv = ReportCsv(r);
  EXPECT_NE(csv.find("bevindingen;gering;1\r\n"), std::string::npos);
  EXPECT_NE(SummariesCsv({{"Zorg; BV", s}}).find("providers/12;Zorg, BV;1;0;1;0;1;1;"),
            std::string::npos);
}

TEST(Json, RoundTrip) {
  Investigation i = Must(AddFinding(Opened(), Found(Severity::kMajor), kToday));
  i = Must(AddPlan(i, PlanFor({1}, kToday + 10), kToday));
  i = Must(CompleteAction(i, 1, 1, kToday, kToday));
  auto back = InvestigationFromJson(ToJson(i));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(ToJson(*back), ToJson(i));
  EXPECT_FALSE(InvestigationFromJson("[]").ok());
}

}  // namespace
}  // namespace ozjt::supervision
