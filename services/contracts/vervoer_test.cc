#include "services/contracts/vervoer.h"

#include <gtest/gtest.h>

#include "services/contracts/tariff.h"

namespace ozjt::contracts {
namespace {

TEST(KpiTest, PeriodsAreMonthsOrQuarters) {
  EXPECT_EQ(PeriodStart("2026-03"), Day(2026, 3, 1));
  EXPECT_EQ(PeriodStart("2026-Q3"), Day(2026, 7, 1));
  for (const char* bad : {"2026-13", "2026-Q5", "2026/03", "26-03", "2026-3", ""}) {
    EXPECT_FALSE(PeriodStart(bad).has_value()) << bad;
  }
}

TEST(KpiTest, BreachFollowsTheNormsDirection) {
  KpiDefinition punctuality{1, KpiKind::kPunctuality, 9500, NormDirection::kAtLeast, ""};
  KpiDefinition complaints{1, KpiKind::kComplaints, 150, NormDirection::kAtMost, ""};
  KpiMeasurement m;
  m.value = 9499;
  EXPECT_TRUE(Breaks(punctuality, m));
  m.value = 9500;
  EXPECT_FALSE(Breaks(punctuality, m));
  m.value = 151;
  EXPECT_TRUE(Breaks(complaints, m));
  m.value = 150;
  EXPECT_FALSE(Breaks(complaints, m));
}

TEST(KpiTest, FuturePeriodIsRefused) {
  KpiMeasurement m{0,  1,  "2027-01", KpiKind::kRideTime, 9800, MeasurementSource::kMonitoring,
                   "", "", {}};
  EXPECT_EQ(ValidateKpiMeasurement(m, Day(2026, 11, 25)).code(),
            absl::StatusCode::kInvalidArgument);
  m.period = "2026-11";
  EXPECT_TRUE(ValidateKpiMeasurement(m, Day(2026, 11, 25)).ok());
}

Contract HoContract() {
  Contract c;
  c.id = 5;
  c.domain = ContractDomain::kWmo;
  c.family = ContractFamily::kHo;
  c.status = ContractStatus::kActive;
  c.start_date = Day(2023, 1, 1);
  c.end_date = Day(2028, 12, 31);
  c.participations = {{"0153", Day(2023, 1, 1), std::nullopt}};
  c.index_weights = DefaultIndexWeights();
  return c;
}

std::vector<IndexFigure> Figures() {
  using K = FigureKind;
  return {{"OVA", 2023, K::kForecast, 474}, {"OVA", 2023, K::kFinal, 636},
          {"PCC", 2023, K::kForecast, 487}, {"PCC", 2023, K::kFinal, 702},
          {"OVA", 2024, K::kForecast, 494}, {"PCC", 2024, K::kForecast, 251}};
}

TEST(IndexationPlanTest, IndexesLinesValidOnNewYearsEveAndWarnsBelowFloor) {
  TariffLine hh{1,    5,       TariffLaw::kWmo,           Variant::kInspanningsgericht,
                "01", "01HH1", "Hulp bij het huishouden", "04",
                3050, {},      Day(2023, 1, 1),           std::nullopt,
                2023, 0};
  TariffLine old = hh;
  old.id = 2;
  old.valid_to = Day(2023, 6, 30);  // ended: not indexed
  Contract c = HoContract();
  c.index_base_year = 2022;  // the 2023 tariffs carry the 2023 forecast: 2024 gets its correction
  auto plan = PlanIndexation(c, 2024, {hh, old}, Figures(), {{"01", "01HH1", 2024, 3300}});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->index.index, 630);
  ASSERT_EQ(plan->lines.size(), 1u);
  EXPECT_EQ(plan->lines[0].next.amount_cents, 3242);  // 30.50 * 1.063 = 32.4215
  EXPECT_EQ(plan->lines[0].next.valid_from, Day(2024, 1, 1));
  EXPECT_EQ(plan->lines[0].next.index_year, 2024);
  EXPECT_EQ(plan->lines[0].next.supersedes_id, 1);
  EXPECT_TRUE(plan->lines[0].below_floor);
  ASSERT_EQ(plan->warnings.size(), 1u);
}

TEST(IndexationPlanTest, BaseYearIsNotIndexedAndFirstYearUsesForecastOnly) {
  Contract c = HoContract();  // base year: the start year, 2023
  EXPECT_EQ(PlanIndexation(c, 2023, {}, Figures(), {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto plan = PlanIndexation(c, 2024, {}, Figures(), {});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_TRUE(plan->index.first_year);
  EXPECT_EQ(plan->index.index, 470);  // forecast only
}

}  // namespace
}  // namespace ozjt::contracts
