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

// The agenda names whom and which investigation: two investigations of one provider with the
// same kind of item due on the same day read differently, and each names its own investigation.
TEST(Agenda, ItemsNameTheProviderAndTheInvestigation) {
  Investigation a = Must(AddFinding(Opened(), Found(Severity::kMajor), Day(2026, 9, 10)));
  a = Must(AddPlan(a, PlanFor({1}, Day(2026, 12, 10)), Day(2026, 9, 15)));
  Investigation b = a;
  b.id = 6;
  b.subject = "Inspectie medicatieveiligheid";
  auto due_a = DueItems(a, "Zorg BV", kToday, kToday + 180, kToday, 14);
  auto due_b = DueItems(b, "Zorg BV", kToday, kToday + 180, kToday, 14);
  ASSERT_EQ(due_a.size(), 2u);  // action and re-inspection
  ASSERT_EQ(due_b.size(), 2u);
  for (size_t k = 0; k < due_a.size(); ++k) {
    EXPECT_EQ(due_a[k].date, due_b[k].date);
    EXPECT_NE(due_a[k].summary, due_b[k].summary);
    EXPECT_NE(due_a[k].summary.find("Zorg BV"), std::string::npos) << due_a[k].summary;
    EXPECT_NE(due_a[k].summary.find("Jaarlijkse inspectie"), std::string::npos);
    EXPECT_NE(due_b[k].summary.find("Inspectie medicatieveiligheid"), std::string::npos);
    EXPECT_EQ(due_a[k].subject.rfind("investigations/5/", 0), 0u) << due_a[k].subject;
    EXPECT_EQ(due_b[k].subject.rfind("investigations/6/", 0), 0u) << due_b[k].subject;
  }
  EXPECT_NE(due_a[0].summary.find("Dossiers actualiseren"), std::string::npos);
}

// Every rule a person can break says so in Dutch, naming the thing, not the field.
TEST(Messages, EveryViolationAndRefusalHasItsDutchSentence) {
  std::vector<absl::Status> refused;
  Investigation bad;
  bad.kind = Kind::kUnspecified;
  bad.scope = Scope::kEstablishment;
  refused.push_back(OpenInvestigation(bad, kToday, "tom").status());
  bad.kind = Kind::kContractReview;
  bad.scope = Scope::kContract;
  bad.establishment = std::string(301, 'x');
  refused.push_back(OpenInvestigation(bad, kToday, "tom").status());
  refused.push_back(
      RequestInvestigation(12, Kind::kProactive, "0153", "", kToday + 1, kToday).status());
  Investigation i = Opened();
  refused.push_back(ChangeStatus(i, {Status::kUnspecified, {}, "", "", "r"}, kToday, "t").status());
  refused.push_back(ChangeStatus(i, {Status::kConcluded, {}, "", "", ""}, kToday, "t").status());
  Finding f = Found(Severity::kUnspecified, kToday + 1);
  f.requirement_kind = RequirementKind::kUnspecified;
  f.evidence = {" "};
  refused.push_back(AddFinding(i, f, kToday).status());
  Plan p = PlanFor({4}, kToday - 1);
  p.actions.push_back({0, "", "", kToday - 1, std::nullopt});
  p.follow_up = kToday - 1;
  refused.push_back(AddPlan(i, p, kToday).status());
  refused.push_back(AddPlan(i, Plan{}, kToday).status());
  refused.push_back(CompleteAction(i, 1, 1, kToday + 1, kToday).status());
  refused.push_back(CompleteAction(i, 3, 1, kToday, kToday).status());
  refused.push_back(ClosePlan(i, 1, Verdict::kUnspecified, "", kToday).status());
  i = Must(AddFinding(i, Found(Severity::kMajor), kToday));
  i = Must(AddPlan(i, PlanFor({1}, kToday + 10), kToday));
  refused.push_back(ClosePlan(i, 1, Verdict::kEffective, "Goed", kToday).status());
  refused.push_back(CompleteAction(i, 1, 2, kToday, kToday).status());
  i = Must(CompleteAction(i, 1, 1, kToday, kToday));
  refused.push_back(CompleteAction(i, 1, 1, kToday, kToday).status());
  i = Must(ClosePlan(i, 1, Verdict::kEffective, "Goed", kToday));
  refused.push_back(ClosePlan(i, 1, Verdict::kEffective, "Goed", kToday).status());
  i = Must(ChangeStatus(i, {Status::kConcluded, {}, "Klaar", "Klaar", "RAP-1"}, kToday, "t"));
  refused.push_back(AddFinding(i, Found(Severity::kMinor), kToday).status());
  refused.push_back(ChangeStatus(i, {Status::kPlanned, {}, "", "", ""}, kToday, "t").status());
  size_t violations = 0;
  for (const absl::Status& s : refused) {
    ASSERT_FALSE(s.ok());
    const std::string dutch = platform::DutchOf(s);
    EXPECT_FALSE(dutch.empty()) << s;
    for (const auto& v : platform::ViolationsOf(s)) {
      ++violations;
      EXPECT_FALSE(v.dutch.empty()) << v.field;
      EXPECT_EQ(v.dutch.find('_'), std::string::npos) << v.dutch;
      EXPECT_EQ(v.dutch.find("investigation"), std::string::npos) << v.dutch;
      EXPECT_EQ(v.dutch.back(), '.') << v.dutch;
    }
  }
  EXPECT_GT(violations, 25u);
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
  PeriodCounts counts;                  // as the store counted them
  counts.findings[static_cast<int>(Severity::kMinor)] = 1;
  PeriodReport r = Report(counts, {a, b}, Day(2026, 10, 1), Day(2026, 12, 31), 14);
  EXPECT_EQ(r.findings[static_cast<int>(Severity::kMinor)], 1);
  EXPECT_EQ(r.plans_overdue, 1);  // the action due 1 November, undone on 31 December
  EXPECT_EQ(r.escalations, 2);    // the critical finding and that action
  EXPECT_EQ(Report(counts, {a, b}, Day(2026, 10, 1), Day(2026, 11, 1), 14).plans_overdue, 0);
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

// As the store keeps it (migration 0019): the body without findings, each finding a row.
TEST(Json, FindingsApartFromTheBodyMakeTheSameInvestigation) {
  Investigation i = Must(AddFinding(Opened(), Found(Severity::kMajor), kToday));
  i = Must(AddFinding(i, Found(Severity::kCritical), kToday));
  Investigation body = i;
  body.findings.clear();
  const std::string rows =
      "[" + FindingToJson(i.findings[0]) + "," + FindingToJson(i.findings[1]) + "]";
  auto back = InvestigationFromJson(ToJson(body), rows);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(ToJson(*back), ToJson(i));
  auto one = FindingFromJson(FindingToJson(i.findings[1]));
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->number, 2);
  EXPECT_EQ(one->severity, Severity::kCritical);
  EXPECT_EQ(InvestigationFromJson(ToJson(body), "[]")->findings.size(), 0u);
  EXPECT_FALSE(InvestigationFromJson(ToJson(body), "{}").ok());
  EXPECT_FALSE(InvestigationFromJson(ToJson(body), R"([{"number": 1}])").ok());
  EXPECT_FALSE(FindingFromJson(R"({"number": 1})").ok());
}

}  // namespace
}  // namespace ozjt::supervision
