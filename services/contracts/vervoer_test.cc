#include "services/contracts/vervoer.h"

#include <gtest/gtest.h>

#include "services/contracts/tariff.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

TEST(KpiTest, PeriodsAreMonthsOrQuarters) {
  EXPECT_EQ(PeriodStart("2026-03"), Day(2026, 3, 1));
  EXPECT_EQ(PeriodStart("2026-Q3"), Day(2026, 7, 1));
  for (const char* bad : {"2026-13", "2026-Q5", "2026/03", "26-03", "2026-3", ""}) {
    EXPECT_FALSE(PeriodStart(bad).has_value()) << bad;
  }
}

TEST(KpiTest, PreviousQuarterIsTheLastWholeOneBeforeToday) {
  EXPECT_EQ(PreviousQuarter(Day(2026, 11, 25)), "2026-Q3");
  EXPECT_EQ(PreviousQuarter(Day(2026, 10, 1)), "2026-Q3");
  EXPECT_EQ(PreviousQuarter(Day(2026, 9, 30)), "2026-Q2");
  EXPECT_EQ(PreviousQuarter(Day(2026, 3, 31)), "2025-Q4");
  EXPECT_EQ(PreviousQuarter(Day(2026, 1, 1)), "2025-Q4");
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

KpiMeasurement Measured(int64_t contract, const char* period, KpiKind kind, int64_t value) {
  KpiMeasurement m;
  m.contract_id = contract;
  m.period = period;
  m.kind = kind;
  m.value = value;
  m.source = MeasurementSource::kMonitoring;
  return m;
}

// The defect: "2026-Q3" sorted above "2026-10" (as text). Newest first is by the end of the
// period; a month that ends with a quarter comes first (it started later).
TEST(KpiTest, MeasurementsNewestFirstByTheEndOfTheirPeriod) {
  EXPECT_EQ(PeriodEnd("2026-Q3"), Day(2026, 9, 30));
  EXPECT_EQ(PeriodEnd("2026-Q4"), Day(2026, 12, 31));
  EXPECT_EQ(PeriodEnd("2026-02"), Day(2026, 2, 28));
  EXPECT_EQ(PeriodEnd("2026-12"), Day(2026, 12, 31));
  EXPECT_FALSE(PeriodEnd("2026-Q5").has_value());
  std::vector<KpiMeasurement> ms = {Measured(1, "2026-Q3", KpiKind::kPunctuality, 1),
                                    Measured(1, "2026-10", KpiKind::kPunctuality, 2),
                                    Measured(1, "2026-09", KpiKind::kPunctuality, 3),
                                    Measured(1, "2026-Q2", KpiKind::kPunctuality, 4),
                                    Measured(1, "2025-Q4", KpiKind::kPunctuality, 5),
                                    Measured(1, "2026-Q3", KpiKind::kComplaints, 6)};
  SortNewestFirst(ms);
  std::vector<std::string> order;
  order.reserve(ms.size());
  for (const auto& m : ms) order.push_back(m.period + "/" + Code(m.kind));
  EXPECT_EQ(order, (std::vector<std::string>{"2026-10/punctuality", "2026-09/punctuality",
                                             "2026-Q3/punctuality", "2026-Q3/complaints",
                                             "2026-Q2/punctuality", "2025-Q4/punctuality"}));
}

// Percentages of rides within their limit (punctuality, ride time, detour) and satisfaction are
// minima; complaints a maximum. The other direction is refused, in Dutch.
TEST(KpiTest, NormDirectionFollowsTheKpi) {
  EXPECT_EQ(DirectionOf(KpiKind::kRideTime), NormDirection::kAtLeast);
  EXPECT_EQ(DirectionOf(KpiKind::kComplaints), NormDirection::kAtMost);
  KpiDefinition ride{1, KpiKind::kRideTime, 9800, NormDirection::kAtLeast,
                     "ritten binnen de maximale reistijd (leerlingen 60, nooit 90 minuten)"};
  EXPECT_TRUE(ValidateKpiDefinition(ride).ok());
  ride.direction = NormDirection::kAtMost;
  absl::Status s = ValidateKpiDefinition(ride);
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  auto v = platform::ViolationsOf(s);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "definition.direction");
  EXPECT_EQ(v[0].dutch,
            "De norm voor reistijd (% ritten binnen de maximale reistijd) is een minimum.");
  KpiDefinition complaints{1, KpiKind::kComplaints, 150, NormDirection::kAtLeast, ""};
  EXPECT_FALSE(ValidateKpiDefinition(complaints).ok());
}

TEST(KpiTest, MeasurementErrorsAreInDutch) {
  KpiMeasurement m = Measured(1, "2026-13", KpiKind::kUnspecified, -1);
  m.source = MeasurementSource::kUnspecified;
  for (const auto& v : platform::ViolationsOf(ValidateKpiMeasurement(m, Day(2026, 11, 25)))) {
    EXPECT_FALSE(v.dutch.empty()) << v.field;
    EXPECT_EQ(v.dutch.find("measurement"), std::string::npos) << v.dutch;
  }
  EXPECT_EQ(platform::ViolationsOf(ValidateKpiMeasurement(m, Day(2026, 11, 25))).size(), 4u);
}

// Breaches of several contracts (a framework's lots) keep their own contract's norm.
TEST(KpiTest, BreachesAreJudgedByTheirOwnContractsNorm) {
  std::vector<KpiDefinition> defs = {{11, KpiKind::kPunctuality, 9500, NormDirection::kAtLeast, ""},
                                     {12, KpiKind::kPunctuality, 9000, NormDirection::kAtLeast, ""},
                                     {12, KpiKind::kComplaints, 150, NormDirection::kAtMost, ""}};
  std::vector<KpiMeasurement> ms = {Measured(11, "2026-Q3", KpiKind::kPunctuality, 9380),
                                    Measured(12, "2026-Q3", KpiKind::kPunctuality, 9380),
                                    Measured(12, "2026-Q3", KpiKind::kComplaints, 190),
                                    Measured(13, "2026-Q3", KpiKind::kComplaints, 990)};
  auto breaches = FindBreaches(defs, ms);
  ASSERT_EQ(breaches.size(), 2u);
  EXPECT_EQ(breaches[0].first.contract_id, 11);
  EXPECT_EQ(breaches[0].second.norm, 9500);
  EXPECT_EQ(breaches[1].first.contract_id, 12);
  EXPECT_EQ(breaches[1].first.kind, KpiKind::kComplaints);
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

// A line of household support (01HH1) of contract 5 at 9e18 cents: an amount stored
// before amounts were bounded, or one sent now.
TariffLine HugeHoLine(int64_t id, Day valid_from, int index_year) {
  return TariffLine{id,
                    5,
                    TariffLaw::kWmo,
                    Variant::kInspanningsgericht,
                    "01",
                    "01HH1",
                    "Hulp bij het huishouden",
                    "04",
                    9'000'000'000'000'000'000,
                    {},
                    valid_from,
                    std::nullopt,
                    index_year,
                    0};
}

TEST(IndexationPlanTest, IndexationThatWouldOverflowIsRefusedNotWrapped) {
  // 9e18 cents (stored before amounts were bounded) times 1.063 does not fit in int64_t: the
  // plan is refused, never a wrapped negative amount.
  TariffLine huge = HugeHoLine(1, Day(2023, 1, 1), 2023);
  Contract c = HoContract();
  c.index_base_year = 2022;
  auto plan = PlanIndexation(c, 2024, {huge}, Figures(), {});
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kFailedPrecondition) << plan.status();
  EXPECT_NE(platform::DutchOf(plan.status()).find("€ 10.000.000.000,00"), std::string::npos)
      << platform::DutchOf(plan.status());
  // Within int64_t but above the bound: refused too.
  huge.amount_cents = platform::kMaxAmountCents;
  EXPECT_EQ(PlanIndexation(c, 2024, {huge}, Figures(), {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(TariffLineTest, AmountAboveTheBoundIsRefusedNamingIt) {
  TariffRefs refs{{{"wmo", "01"}}, {"04"}};
  TariffLine l = HugeHoLine(0, Day(2024, 1, 1), 0);
  Contract c = HoContract();
  absl::Status s = PrepareTariffLine(l, refs, c);
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  auto v = platform::ViolationsOf(s);
  ASSERT_EQ(v.size(), 1u) << s;
  EXPECT_EQ(v[0].field, "line.amount_cents");
  EXPECT_EQ(v[0].dutch, "Het tarief is ten hoogste € 10.000.000.000,00.");
  l.amount_cents = platform::kMaxAmountCents;  // the bound itself is accepted
  EXPECT_TRUE(PrepareTariffLine(l, refs, c).ok());
}

}  // namespace
}  // namespace ozjt::contracts
