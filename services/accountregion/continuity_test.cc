#include "services/accountregion/continuity.h"

#include <gtest/gtest.h>

#include "services/platform/status.h"

namespace ozjt::accountregion {
namespace {

const Day kToday(2026, 11, 25);

TEST(DeriveRegionTest, LargestRegionInLatestCompleteYear) {
  Turnover t;
  t.per_region[2025] = {{"TWENTE", 500}, {"IJSSELLAND", 700}};
  t.per_region[2026] = {{"TWENTE", 900}};  // not complete yet
  Derived d = DeriveRegion(t, kToday);
  EXPECT_EQ(d.region_code, "IJSSELLAND");
  EXPECT_EQ(d.year, 2025);
  EXPECT_EQ(d.cents, 700);
}

TEST(DeriveRegionTest, TiesGoToTheLargerPreviousYearThenAlphabetical) {
  Turnover t;
  t.per_region[2024] = {{"TWENTE", 600}, {"ACHTERHOEK", 400}};
  t.per_region[2025] = {{"TWENTE", 500}, {"ACHTERHOEK", 500}};
  EXPECT_EQ(DeriveRegion(t, kToday).region_code, "TWENTE");
  t.per_region[2024] = {{"TWENTE", 400}, {"ACHTERHOEK", 400}};
  EXPECT_EQ(DeriveRegion(t, kToday).region_code, "ACHTERHOEK");
  t.per_region.erase(2024);
  EXPECT_EQ(DeriveRegion(t, kToday).region_code, "ACHTERHOEK");
}

TEST(DeriveRegionTest, NoCompleteYearOrOneRegionNoAccountHoldingRegion) {
  Turnover t;
  t.per_region[2026] = {{"TWENTE", 1}, {"DRENTHE", 2}};
  EXPECT_TRUE(DeriveRegion(t, kToday).region_code.empty());
  t.per_region[2025] = {{"TWENTE", 1}};
  EXPECT_TRUE(DeriveRegion(t, kToday).region_code.empty());
}

TEST(ResolveRegionTest, AssignmentOverridesWhileValid) {
  Turnover t;
  t.per_region[2025] = {{"TWENTE", 100}, {"DRENTHE", 50}};
  t.total[2025] = 200'000'001;
  Assignment a{1, "ACHTERHOEK", AssignmentBasis::kVngList, Day(2026, 1, 1), Day(2026, 12, 31), ""};
  AccountRegion r = ResolveRegion(1, "X", t, {a}, kToday);
  EXPECT_EQ(r.region_code, "ACHTERHOEK");
  EXPECT_EQ(r.derived.region_code, "TWENTE");
  EXPECT_TRUE(r.monitored);
  r = ResolveRegion(1, "X", t, {a}, Day(2027, 1, 1));
  EXPECT_EQ(r.region_code, "TWENTE");
  t.total[2025] = 200'000'000;  // exactly EUR 2M is not above it
  EXPECT_FALSE(ResolveRegion(1, "X", t, {}, kToday).monitored);
}

TEST(RatioTest, CbsClassesAtTheirBoundaries) {
  RatioThresholds t;
  EXPECT_EQ(Classify(-1, t.solvency), RatioClass::kWorst);
  EXPECT_EQ(Classify(0, t.solvency), RatioClass::kWeak);
  EXPECT_EQ(Classify(999, t.solvency), RatioClass::kWeak);
  EXPECT_EQ(Classify(1000, t.solvency), RatioClass::kFair);
  EXPECT_EQ(Classify(3500, t.solvency), RatioClass::kStrong);
  EXPECT_EQ(Classify(2999, t.current_ratio), RatioClass::kWorst);
  EXPECT_EQ(Classify(3000, t.current_ratio), RatioClass::kWeak);
  EXPECT_EQ(Classify(13000, t.current_ratio), RatioClass::kStrong);
  EXPECT_EQ(Classify(-1, t.profitability), RatioClass::kWorst);
  EXPECT_EQ(Classify(400, t.profitability), RatioClass::kStrong);
}

TEST(RatioTest, ComputedExactlyAndDivisionByZeroLeftEmpty) {
  FinancialStatement s{1, "2025", 150, 1000, 290, 1000, 0, -5};
  Ratios r = ComputeRatios(s, {});
  EXPECT_EQ(*r.solvency.hundredths, 1500);
  EXPECT_EQ(r.solvency.ratio_class, RatioClass::kFair);
  EXPECT_EQ(*r.current_ratio.hundredths, 2900);
  EXPECT_EQ(r.current_ratio.ratio_class, RatioClass::kWorst);
  EXPECT_FALSE(r.profitability.hundredths.has_value());  // no revenue
}

TEST(RatioTest, ThresholdsAreConfiguration) {
  auto t = ParseThresholds("solvency:5,15;current_ratio:50");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->solvency, (std::vector<int64_t>{500, 1500}));
  EXPECT_EQ(Classify(499, t->solvency), RatioClass::kWorst);
  EXPECT_EQ(t->profitability, RatioThresholds().profitability);  // default kept
  EXPECT_FALSE(ParseThresholds("solvency:10,5").ok());
  EXPECT_FALSE(ParseThresholds("liquidity:10").ok());
  // Found by the fuzzer: a bound beyond int64 hundredths, and not-a-number.
  EXPECT_FALSE(ParseThresholds("solvency:0,177777777777777777777777770").ok());
  EXPECT_FALSE(ParseThresholds("solvency:nan").ok());
}

TEST(StatementTest, FiguresBeyondTenBillionEuroAreRefusedNamingTheBound) {
  FinancialStatement s{7, "2025", 9'000'000'000'000'000'000, 9'100'000'000'000'000'000, 0,
                       1, 1,      -9'000'000'000'000'000'000};
  absl::Status status = ValidateStatement(s, kToday);
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : platform::ViolationsOf(status)) fields.push_back(v.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"statement.equity_cents", "statement.total_assets_cents",
                                      "statement.net_result_cents"}));
  EXPECT_EQ(platform::ViolationsOf(status)[0].dutch,
            "Het eigen vermogen ligt tussen -€ 10.000.000.000,00 en € 10.000.000.000,00.");
  EXPECT_EQ(platform::ViolationsOf(status)[2].dutch.rfind("Het nettoresultaat ligt tussen", 0), 0u)
      << platform::ViolationsOf(status)[2].dutch;
  // At the bound (either way) the ratios are exact.
  s = {7, "2025", -1'000'000'000'000, 1'000'000'000'000, 0, 1, 1, -1'000'000'000'000};
  EXPECT_TRUE(ValidateStatement(s, kToday).ok());
}

TEST(LossesTest, ThreeConsecutiveYears) {
  auto year = [](const char* p, int64_t result) {
    return FinancialStatement{1, p, 0, 1, 0, 1, 1, result};
  };
  EXPECT_TRUE(ThreeYearsOfLosses({year("2023", -1), year("2024", -1), year("2025", -1)}));
  EXPECT_FALSE(ThreeYearsOfLosses({year("2022", -1), year("2023", -1), year("2025", -1)}));  // gap
  EXPECT_FALSE(ThreeYearsOfLosses({year("2023", -1), year("2024", 0), year("2025", -1)}));
  EXPECT_FALSE(ThreeYearsOfLosses(
      {year("2023", -1), year("2024", -1), FinancialStatement{1, "2025-Q1", 0, 1, 0, 1, 1, -1}}));
}

TEST(CaseTest, StepThreeNeedsARecoveryPlanAndSixClosesAsBankruptcy) {
  auto c = OpenCase(1, 0, Day(2026, 10, 1), std::nullopt, "", "anna", kToday);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->step, 1);
  EXPECT_EQ(MoveStep(*c, 3, Day(2026, 11, 1), std::nullopt, "", "anna", kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto three = MoveStep(*c, 3, Day(2026, 11, 1), Day(2026, 12, 15), "zorgelijk", "anna", kToday);
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(three->steps.size(), 2u);
  auto five = MoveStep(*three, 5, Day(2026, 11, 20), std::nullopt, "", "anna", kToday);
  ASSERT_TRUE(five.ok());  // the plan's due date carries over
  auto six = MoveStep(*five, 6, Day(2026, 11, 24), std::nullopt, "faillissement", "anna", kToday);
  ASSERT_TRUE(six.ok());
  EXPECT_EQ(six->status, CaseStatus::kBankruptcy);
  EXPECT_EQ(*six->closed, Day(2026, 11, 24));
  EXPECT_EQ(MoveStep(*six, 5, Day(2026, 11, 25), std::nullopt, "", "a", kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(MoveStep(*three, 4, Day(2026, 10, 30), std::nullopt, "", "a", kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);  // before the last step
  EXPECT_EQ(OpenCase(1, 7, Day(2026, 10, 1), std::nullopt, "", "a", kToday).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenCase(1, 3, Day(2026, 10, 1), std::nullopt, "", "a", kToday).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(EarlyWarningTest, ScoresAndReasonsRankRiskiestFirst) {
  AccountRegion a, b, c;
  a.provider_name = "A";
  b.provider_name = "B";
  c.provider_name = "C";
  ContinuityCase open;
  open.step = 3;
  FinancialStatement weak{1, "2025", -10, 100, 10, 100, 100, -1};
  Warning wa = Assess(a, open, {}, {}, {}, kToday);
  Warning wb = Assess(b, std::nullopt, {weak}, {}, {}, kToday);
  Warning wc = Assess(c, std::nullopt, {}, {}, {}, kToday);
  EXPECT_EQ(wa.score, 30);
  EXPECT_EQ(wb.score, 15);  // solvency, current ratio and profitability in the worst class
  auto ranked = Rank({wc, wb, wa});
  ASSERT_EQ(ranked.size(), 2u);  // C has no reason
  EXPECT_EQ(ranked[0].region.provider_name, "A");
  Signal s{1, 1, "media", "governance_unrest", "", Day(2026, 6, 1), std::nullopt, ""};
  Warning w = Assess(c, std::nullopt, {}, {s}, {}, kToday);
  EXPECT_EQ(w.score, 3);
  // The reason in a contract manager's words, not the stored codes.
  ASSERT_EQ(w.reasons.size(), 1u);
  EXPECT_EQ(
      w.reasons[0],
      "Signaal: onrust in bestuur of toezicht (bron: media), nog niet schriftelijk bevestigd");
  s.reported_date = Day(2025, 6, 1);  // older than a year
  EXPECT_EQ(Assess(c, std::nullopt, {}, {s}, {}, kToday).score, 0);
}

}  // namespace
}  // namespace ozjt::accountregion
