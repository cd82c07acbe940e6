// The screening rules of docs/domain.md section 6 without a database.
#include "services/screening/screening.h"

#include <gtest/gtest.h>

#include "services/platform/status.h"

namespace ozjt::screening {
namespace {

const Day kToday(2026, 11, 26);

Framework Kit() {
  Framework f;
  f.id = 7;
  f.code = "kit";
  f.version = 2024;
  f.title = "KIT";
  f.valid_from = Day(2024, 1, 1);
  f.items = {
      {"I2", Part::kIntegrity, "Gedragsverklaring Aanbesteden", "gedragsverklaring_aanbesteden",
       true, 24, ""},
      {"I3", Part::kIntegrity, "KvK-uittreksel", "kvk_extract", true, 6, ""},
      {"Q1", Part::kQuality, "Kwaliteitskeurmerk", "quality_mark", true, std::nullopt, ""},
      {"Q9", Part::kQuality, "Extra", "other", false, std::nullopt, ""},
  };
  return f;
}

ScreeningCase Open() {
  auto c = NewCase(12, Kit(), Occasion::kProcurementRound, 0, "Inkoop 2025", Day(2026, 10, 1),
                   "officer-a");
  EXPECT_TRUE(c.ok()) << c.status();
  c->id = 1;
  return *c;
}

ScreeningCase Must(absl::StatusOr<ScreeningCase> c) {
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : ScreeningCase{};
}

// Evidence for every item of Kit() and each assessed as meeting it, by `assessor`.
ScreeningCase Complete(ScreeningCase c, Day gedragsverklaring, const std::string& assessor) {
  const Framework f = Kit();
  c = Must(RecordEvidence(c, f, {"I2", gedragsverklaring, Day(2026, 10, 5), "DMS-1", "a"}, kToday));
  c = Must(RecordEvidence(c, f, {"I3", Day(2026, 9, 1), Day(2026, 10, 5), "DMS-2", "a"}, kToday));
  c = Must(RecordEvidence(c, f, {"Q1", Day(2025, 1, 1), Day(2026, 10, 5), "DMS-3", "a"}, kToday));
  for (const char* code : {"I2", "I3", "Q1"}) {
    c = Must(Assess(c, f, {code, AssessmentResult::kMeets, "in orde", assessor, Day()}, kToday));
  }
  return c;
}

Decision Make(Outcome o, const std::string& by) {
  Decision d;
  d.outcome = o;
  d.reasons = "Beoordeeld volgens KIT";
  d.decided_by = by;
  return d;
}

TEST(Framework, ValidationNamesTheField) {
  Framework f = Kit();
  EXPECT_TRUE(ValidateFramework(f).ok());
  f.items[1].code = "I2";
  f.items[2].max_age_months = 0;
  f.items[3].part = Part::kUnspecified;
  f.version = 1999;
  std::vector<std::string> fields;
  for (const auto& v : platform::ViolationsOf(ValidateFramework(f))) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"framework.version", "framework.items[1].code",
                                              "framework.items[2].max_age_months",
                                              "framework.items[3].part"}));
}

TEST(Framework, CurrentIsTheLatestVersionValidToday) {
  Framework old = Kit(), next = Kit(), future = Kit();
  next.id = 8;
  next.version = 2025;
  next.valid_from = Day(2025, 1, 1);
  future.id = 9;
  future.version = 2027;
  future.valid_from = Day(2027, 1, 1);
  auto current = CurrentFramework({old, next, future}, "kit", kToday);
  ASSERT_TRUE(current);
  EXPECT_EQ(current->version, 2025);
  EXPECT_FALSE(CurrentFramework({old}, "barrieremodel", kToday));
}

TEST(Cases, RescreeningNamesItsContract) {
  auto c = NewCase(12, Kit(), Occasion::kRescreening, 0, "", kToday, "a");
  EXPECT_EQ(platform::ViolationsOf(c.status())[0].field, "case.contract");
  EXPECT_EQ(NewCase(12, Kit(), Occasion::kUnspecified, 0, "", kToday, "a").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(Evidence, RequestIsDueInFourteenDaysAndFulfilledByEvidence) {
  const Framework f = Kit();
  ScreeningCase c = Must(RequestEvidence(Open(), f, "I3", Day(2026, 10, 2), kToday, "officer-a"));
  ASSERT_EQ(c.requests.size(), 1u);
  EXPECT_EQ(c.requests[0].due, Day(2026, 10, 16));
  EXPECT_EQ(RequestEvidence(c, f, "X9", Day(2026, 10, 2), kToday, "a").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RequestEvidence(c, f, "I3", Day(2026, 11, 27), kToday, "a").status().code(),
            absl::StatusCode::kInvalidArgument);  // in the future
  c = Must(RecordEvidence(c, f, {"I3", Day(2026, 10, 10), Day(2026, 10, 17), "DMS-9", ""}, kToday));
  EXPECT_EQ(c.requests[0].fulfilled, Day(2026, 10, 17));
  auto checks = CheckItems(c, f, kToday);
  EXPECT_TRUE(checks[1].late);  // one day after the deadline
  EXPECT_TRUE(checks[1].evidence_valid);
}

TEST(Evidence, BadEvidenceNamesTheField) {
  auto c =
      RecordEvidence(Open(), Kit(), {"I3", Day(2026, 11, 20), Day(2026, 11, 10), "", ""}, kToday);
  std::vector<std::string> fields;
  for (const auto& v : platform::ViolationsOf(c.status())) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"evidence.document_date", "evidence.reference"}));
}

TEST(Evidence, ExactlyAtItsAgeLimitIsValidOneDayOlderIsNot) {
  const Framework f = Kit();
  // Gedragsverklaring Aanbesteden: at most 24 months old on the decision date (2026-11-26).
  ScreeningCase at_limit = Complete(Open(), Day(2024, 11, 26), "officer-a");
  auto checks = CheckItems(at_limit, f, kToday);
  EXPECT_EQ(checks[0].evidence_valid_until, Day(2026, 11, 26));
  EXPECT_TRUE(checks[0].evidence_valid);
  EXPECT_TRUE(Decide(at_limit, f, Make(Outcome::kAdmitted, "officer-b"), kToday, 24).ok());

  ScreeningCase too_old = Complete(Open(), Day(2024, 11, 25), "officer-a");
  checks = CheckItems(too_old, f, kToday);
  EXPECT_FALSE(checks[0].evidence_valid);
  EXPECT_NE(checks[0].problem.find("ouder dan 24 maanden"), std::string::npos);
  auto refused = Decide(too_old, f, Make(Outcome::kAdmitted, "officer-b"), kToday, 24);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("I2"), std::string::npos);
  // The same piece was valid on an earlier day.
  EXPECT_TRUE(CheckItems(too_old, f, Day(2026, 11, 25))[0].evidence_valid);
  // KvK extract: 6 months; 2026-05-26 is the limit for a decision on 2026-11-26.
  ScreeningCase kvk = Must(
      RecordEvidence(at_limit, f, {"I3", Day(2026, 5, 26), Day(2026, 11, 1), "DMS-4", ""}, kToday));
  EXPECT_TRUE(CheckItems(kvk, f, kToday)[1].evidence_valid);
  kvk = Must(
      RecordEvidence(at_limit, f, {"I3", Day(2026, 5, 25), Day(2026, 11, 2), "DMS-5", ""}, kToday));
  EXPECT_FALSE(CheckItems(kvk, f, kToday)[1].evidence_valid);
}

TEST(Decision, FourEyes) {
  const Framework f = Kit();
  ScreeningCase c = Complete(Open(), Day(2025, 6, 1), "officer-a");
  auto same = Decide(c, f, Make(Outcome::kAdmitted, "officer-a"), kToday, 24);
  EXPECT_EQ(same.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(same.status().message().find("four eyes"), std::string::npos);
  ScreeningCase decided = Must(Decide(c, f, Make(Outcome::kAdmitted, "officer-b"), kToday, 24));
  EXPECT_EQ(decided.status, CaseStatus::kDecided);
  ASSERT_NE(decided.Final(), nullptr);
  EXPECT_EQ(decided.Final()->date, kToday);
  EXPECT_EQ(decided.Final()->valid_until, Day(2028, 11, 26));
  EXPECT_EQ(decided.Final()->decided_by, "officer-b");
  // Decided once: no second decision, no more evidence.
  EXPECT_EQ(Decide(decided, f, Make(Outcome::kRefused, "officer-c"), kToday, 24).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      Assess(decided, f, {"I2", AssessmentResult::kMeets, "x", "c", Day()}, kToday).status().code(),
      absl::StatusCode::kFailedPrecondition);
  // Without any assessment there is no one to check.
  EXPECT_EQ(Decide(Open(), f, Make(Outcome::kRefused, "officer-b"), kToday, 24).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(Decision, RefusalNeedsAHearingFirst) {
  const Framework f = Kit();
  ScreeningCase c = Must(
      Assess(Open(), f, {"I2", AssessmentResult::kDoesNotMeet, "veroordeling", "officer-a", Day()},
             kToday));
  auto refused = Decide(c, f, Make(Outcome::kRefused, "officer-b"), kToday, 24);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("hearing"), std::string::npos);
  c = Must(RecordHearing(c, {Day(2026, 11, 20), "Zienswijze ontvangen", "officer-a"}, kToday));
  ScreeningCase done = Must(Decide(c, f, Make(Outcome::kRefused, "officer-b"), kToday, 24));
  EXPECT_EQ(done.Final()->outcome, Outcome::kRefused);
  EXPECT_FALSE(done.Final()->valid_until);
}

TEST(Decision, ReasonsAndConditions) {
  const Framework f = Kit();
  ScreeningCase c = Complete(Open(), Day(2025, 6, 1), "officer-a");
  Decision d = Make(Outcome::kAdmitted, "officer-b");
  d.reasons = "  ";
  EXPECT_EQ(platform::ViolationsOf(Decide(c, f, d, kToday, 24).status())[0].field,
            "decision.reasons");
  d = Make(Outcome::kAdmittedWithConditions, "officer-b");
  EXPECT_EQ(platform::ViolationsOf(Decide(c, f, d, kToday, 24).status())[0].field,
            "decision.conditions");
  d = Make(Outcome::kAdmitted, "officer-b");
  d.conditions = {"Kwartaalrapportage"};
  EXPECT_EQ(platform::ViolationsOf(Decide(c, f, d, kToday, 24).status())[0].field,
            "decision.conditions");
}

TEST(Decision, ConditionsCoverQualityButNotIntegrity) {
  const Framework f = Kit();
  ScreeningCase c = Complete(Open(), Day(2025, 6, 1), "officer-a");
  c = Must(Assess(c, f,
                  {"Q1", AssessmentResult::kDoesNotMeet, "keurmerk verlopen", "officer-a", Day()},
                  kToday));
  EXPECT_EQ(Decide(c, f, Make(Outcome::kAdmitted, "officer-b"), kToday, 24).status().code(),
            absl::StatusCode::kFailedPrecondition);
  Decision d = Make(Outcome::kAdmittedWithConditions, "officer-b");
  d.conditions = {"Keurmerk binnen 6 maanden vernieuwd"};
  EXPECT_TRUE(Decide(c, f, d, kToday, 12).ok());
  EXPECT_EQ(Decide(c, f, d, kToday, 12)->Final()->valid_until, Day(2027, 11, 26));
  c = Must(Assess(
      c, f, {"I3", AssessmentResult::kDoesNotMeet, "bestuurder ontbreekt", "officer-a", Day()},
      kToday));
  EXPECT_EQ(Decide(c, f, d, kToday, 24).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Bibob, ReferralAdviceAndDecision) {
  const Framework f = Kit();
  ScreeningCase c = Complete(Open(), Day(2025, 6, 1), "officer-a");
  EXPECT_EQ(Decide(c, f, Make(Outcome::kReferredToBibob, "officer-b"), kToday, 24).status().code(),
            absl::StatusCode::kFailedPrecondition);  // no referral recorded
  EXPECT_EQ(RecordBibobAdvice(c, BibobAdvice::kNoRisk, kToday, "LBB-1", kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
  c = Must(ReferToBibob(c, Day(2026, 10, 20), "LBB-2026-17", kToday));
  c = Must(Decide(c, f, Make(Outcome::kReferredToBibob, "officer-b"), kToday, 24));
  EXPECT_EQ(c.status, CaseStatus::kReferredToBibob);
  EXPECT_EQ(c.Final(), nullptr);
  EXPECT_EQ(Decide(c, f, Make(Outcome::kAdmitted, "officer-b"), kToday, 24).status().code(),
            absl::StatusCode::kFailedPrecondition);  // waits for the advice
  c = Must(RecordBibobAdvice(c, BibobAdvice::kSeriousRisk, Day(2026, 11, 24), "LBB-A", kToday));
  EXPECT_EQ(Decide(c, f, Make(Outcome::kAdmitted, "officer-b"), kToday, 24).status().code(),
            absl::StatusCode::kFailedPrecondition);  // serious risk: conditions or refusal
  Decision d = Make(Outcome::kAdmittedWithConditions, "officer-b");
  d.conditions = {"Wisseling bestuur gemeld"};
  EXPECT_EQ(Must(Decide(c, f, d, kToday, 24)).status, CaseStatus::kDecided);
}

TEST(Bibob, AdviceIsReusableForFiveYears) {
  ScreeningCase earlier = Open();
  earlier.id = 5;
  earlier.bibob = BibobReferral{Day(2021, 10, 1),     "LBB-2021",   Day(2021, 11, 26),
                                BibobAdvice::kNoRisk, "LBB-A-2021", 0};
  ScreeningCase c = Open();
  c.id = 9;
  ScreeningCase reused = Must(ReuseBibobAdvice(c, earlier, Day(2026, 11, 26)));
  EXPECT_EQ(reused.bibob->reused_from_case, 5);
  EXPECT_EQ(reused.bibob->advice, BibobAdvice::kNoRisk);
  auto too_old = ReuseBibobAdvice(c, earlier, Day(2026, 11, 27));
  EXPECT_EQ(too_old.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(too_old.status().message().find("26-11-2026"), std::string::npos);
  earlier.provider_id = 99;
  EXPECT_EQ(ReuseBibobAdvice(c, earlier, kToday).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(Json, RoundTrip) {
  const Framework f = Kit();
  ScreeningCase c = Complete(Open(), Day(2025, 6, 1), "officer-a");
  c = Must(RequestEvidence(c, f, "Q9", Day(2026, 11, 1), kToday, "officer-a"));
  c = Must(ReferToBibob(c, Day(2026, 11, 2), "LBB", kToday));
  c = Must(RecordHearing(c, {Day(2026, 11, 3), "gehoord", "officer-a"}, kToday));
  Decision d = Make(Outcome::kAdmittedWithConditions, "officer-b");
  d.conditions = {"één", "twee"};
  c = Must(Decide(c, f, d, kToday, 24));
  auto back = CaseFromJson(ToJson(c));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(ToJson(*back), ToJson(c));
  auto items = ItemsFromJson(ItemsToJson(f.items));
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(ItemsToJson(*items), ItemsToJson(f.items));
  EXPECT_FALSE(CaseFromJson("{}").ok());
}

}  // namespace
}  // namespace ozjt::screening
