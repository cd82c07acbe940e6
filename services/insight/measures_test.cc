// The measures with worked examples small enough to check by hand (README, "Contract
// management information", worked examples).
#include "services/insight/measures.h"

#include <gtest/gtest.h>

#include <cmath>

#include "services/insight/ceilings.h"
#include "services/platform/status.h"

namespace ozjt::insight {
namespace {

using absl::CivilDay;

const Quarter kQ1{2026, 1};

Stored<Allocation> Alloc(int64_t number, const std::string& client, CivilDay allocated_on,
                         CivilDay starts_on, std::optional<CivilDay> ends_on, int64_t message) {
  Stored<Allocation> s;
  s.message_id = message;
  s.municipality = "0153";
  s.agb = "99000001";
  s.dated = allocated_on;
  Allocation& a = s.item;
  a.client = client;
  a.number = number;
  a.product = {"45", "45A03"};
  a.allocated_on = allocated_on;
  a.allocated_at = "10:15:00";
  a.starts_on = starts_on;
  a.ends_on = ends_on;
  a.volume = 3;
  a.unit = "04";
  a.frequency = "2";
  return s;
}

Stored<CareLine> Start(int64_t number, CivilDay begins_on, CivilDay dated, int64_t message,
                       int status = 1) {
  Stored<CareLine> s;
  s.message_id = message;
  s.municipality = "0153";
  s.agb = "99000001";
  s.dated = dated;
  s.item.client = "c1";
  s.item.number = number;
  s.item.product = {"45", "45A03"};
  s.item.begins_on = begins_on;
  s.item.status = status;
  return s;
}

Stored<StoredClaimLine> Line(const std::string& reference, int64_t volume, int64_t amount,
                             const std::string& claim = "D202602001") {
  Stored<StoredClaimLine> s;
  s.message_id = 50;
  s.municipality = "0153";
  s.agb = "99000001";
  s.dated = CivilDay(2026, 3, 5);
  s.item.claim_number = claim;
  ClaimLine& l = s.item.line;
  l.client = "c1";
  l.reference = reference;
  l.number = 100001;
  l.product = {"45", "45A03"};
  l.from = CivilDay(2026, 2, 1);
  l.to = CivilDay(2026, 2, 28);
  l.volume = volume;
  l.unit = "04";
  l.tariff_cents = 8950;
  l.amount_cents = amount;
  return s;
}

// docs ijw.md section 12: allocated 12-01-2026 from 19-01 to 19-07, 3 hours a week; care
// started 02-02; February claimed 11 hours at EUR 89.50.
Traffic WorkedExample() {
  Traffic t;
  t.allocations.push_back(
      Alloc(100001, "c1", CivilDay(2026, 1, 12), CivilDay(2026, 1, 19), CivilDay(2026, 7, 19), 1));
  t.starts.push_back(Start(100001, CivilDay(2026, 2, 2), CivilDay(2026, 2, 4), 2));
  t.claim_lines.push_back(Line("P2026020001", 11, 98450));
  return t;
}

const Figures& OnlyRow(const QuarterFigures& q) {
  EXPECT_EQ(q.rows.size(), 1u);
  return q.rows.at(0).second;
}

TEST(AllocatedVolume, PerWeekPerDayPerMonthAndInTotal) {
  Allocation a = WorkedExample().allocations[0].item;
  // February: 3 hours x 28/7 = 12 hours (the docs' worked example).
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, CivilDay(2026, 2, 1), CivilDay(2026, 2, 28)), 12.0);
  // The first quarter from 19-01: 72 days.
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, kQ1.First(), kQ1.Last()), 3.0 * 72 / 7);
  a.frequency = "1";
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, CivilDay(2026, 2, 1), CivilDay(2026, 2, 28)), 84.0);
  a.frequency = "4";
  a.volume = 10;
  a.starts_on = CivilDay(2026, 1, 15);
  a.ends_on = CivilDay(2026, 2, 14);
  // 17 of January's 31 days and 14 of February's 28.
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, kQ1.First(), kQ1.Last()), 10.0 * (17.0 / 31 + 0.5));
  a.frequency = "6";
  a.volume = 62;
  a.ends_on = CivilDay(2026, 3, 16);  // 61 days, 31 of them in February and March
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, CivilDay(2026, 2, 15), CivilDay(2026, 3, 31)),
                   62.0 * 30 / 61);
  a.ends_on.reset();  // open-ended: whole in the quarter it begins
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, kQ1.First(), kQ1.Last()), 62.0);
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, CivilDay(2026, 4, 1), CivilDay(2026, 6, 30)), 0.0);
  a.volume.reset();
  EXPECT_DOUBLE_EQ(AllocatedVolume(a, kQ1.First(), kQ1.Last()), 0.0);
}

TEST(Compute, TheWorkedExample) {
  const QuarterFigures q = Compute(WorkedExample(), kQ1, WaitNorms{});
  const Figures& f = OnlyRow(q);
  EXPECT_EQ(q.rows[0].first.agb, "99000001");
  EXPECT_EQ(q.rows[0].first.category, "45");
  EXPECT_EQ(f.clients_allocated, 1);
  EXPECT_EQ(f.clients_served, 1);
  EXPECT_EQ(f.allocations, 1);
  EXPECT_EQ(f.not_started, 0);
  EXPECT_NEAR(f.volume_by_unit.at("04").allocated, 30.857, 0.001);
  EXPECT_EQ(f.volume_by_unit.at("04").delivered, 11);
  // Wait 02-02 - 12-01 = 21 days, within the default norm of 42.
  EXPECT_EQ(f.waits.count, 1);
  EXPECT_EQ(f.waits.median_days, 21);
  EXPECT_EQ(f.waits.p80_days, 21);
  EXPECT_EQ(f.waits.within_norm, 1);
  EXPECT_EQ(f.waits.norm_days, 42);
  // EUR 984.50 claimed, no answer yet: pending.
  EXPECT_EQ(f.declared_cents, 98450);
  EXPECT_EQ(f.pending_cents, 98450);
  EXPECT_EQ(f.granted_cents, 0);
  EXPECT_EQ(f.rejected_cents, 0);
  // Nothing of it in the second quarter but the allocation and its hours.
  const Figures& q2 = OnlyRow(Compute(WorkedExample(), {2026, 2}, WaitNorms{}));
  EXPECT_EQ(q2.allocations, 1);
  EXPECT_EQ(q2.waits.count, 0);
  EXPECT_EQ(q2.declared_cents, 0);
  EXPECT_NEAR(q2.volume_by_unit.at("04").allocated, 3.0 * 91 / 7, 0.001);
}

TEST(Compute, AnAnswerGrantsWhatItDoesNotReject) {
  Traffic t = WorkedExample();
  t.claim_lines.push_back(Line("P2026020002", 2, 17900));
  t.answered.insert({"99000001", Law::kJw, "D202602001"});
  t.rejected.insert({"99000001", Law::kJw, "P2026020002"});
  const Figures& f = OnlyRow(Compute(t, kQ1, WaitNorms{}));
  EXPECT_EQ(f.declared_cents, 98450 + 17900);
  EXPECT_EQ(f.granted_cents, 98450);
  EXPECT_EQ(f.rejected_cents, 17900);
  EXPECT_EQ(f.pending_cents, 0);
  EXPECT_EQ(f.volume_by_unit.at("04").delivered, 11);
}

TEST(Compute, ACreditLineCountsNegative) {
  Traffic t = WorkedExample();
  Stored<StoredClaimLine> credit = Line("P2026020003", -2, -17900, "D202603001");
  credit.item.line.previous_reference = "P2026020001";
  t.claim_lines.push_back(credit);
  const Figures& f = OnlyRow(Compute(t, kQ1, WaitNorms{}));
  EXPECT_EQ(f.declared_cents, 98450 - 17900);
  EXPECT_EQ(f.volume_by_unit.at("04").delivered, 9);
  EXPECT_EQ(f.clients_served, 1);
}

TEST(Compute, TheLatestVersionOfAnAllocationCountsAndDeletionRemovesIt) {
  Traffic t = WorkedExample();
  // Re-sent on 20-01 with 6 hours a week: the latest version counts, once.
  Stored<Allocation> changed =
      Alloc(100001, "c1", CivilDay(2026, 1, 20), CivilDay(2026, 1, 19), CivilDay(2026, 7, 19), 3);
  changed.item.volume = 6;
  changed.item.change_reason = "03";
  t.allocations.push_back(changed);
  Figures f = OnlyRow(Compute(t, kQ1, WaitNorms{}));
  EXPECT_EQ(f.allocations, 1);
  EXPECT_NEAR(f.volume_by_unit.at("04").allocated, 6.0 * 72 / 7, 0.001);
  // Wait still from the (latest) Toewijzingsdatum: 02-02 - 20-01 = 13 days.
  EXPECT_EQ(f.waits.median_days, 13);
  // Deleted (RedenWijziging 13): as if never sent.
  changed.item.change_reason = "13";
  changed.message_id = 4;
  changed.item.allocated_on = CivilDay(2026, 1, 21);
  t.allocations.push_back(changed);
  const QuarterFigures q = Compute(t, kQ1, WaitNorms{});
  EXPECT_EQ(q.total.allocations, 0);
  EXPECT_EQ(q.total.waits.count, 0);
}

TEST(Compute, AStartDeletedWithStatus3NoLongerCounts) {
  Traffic t = WorkedExample();
  t.starts.push_back(Start(100001, CivilDay(2026, 2, 2), CivilDay(2026, 2, 10), 5, 3));
  const Figures& f = OnlyRow(Compute(t, kQ1, WaitNorms{}));
  EXPECT_EQ(f.waits.count, 0);
  EXPECT_EQ(f.not_started, 1);
  // Corrected: deleted, then sent again with the right date.
  t.starts.push_back(Start(100001, CivilDay(2026, 2, 9), CivilDay(2026, 2, 11), 6));
  const Figures& g = OnlyRow(Compute(t, kQ1, WaitNorms{}));
  EXPECT_EQ(g.waits.count, 1);
  EXPECT_EQ(g.waits.median_days, 28);
  EXPECT_EQ(g.not_started, 0);
}

TEST(Compute, MedianAndP80ByNearestRankAndTheNormPerCategory) {
  Traffic t;
  const int waits[] = {60, 5, 40, 10, 20};
  for (int i = 0; i < 5; ++i) {
    const CivilDay allocated = CivilDay(2026, 1, 1);
    t.allocations.push_back(
        Alloc(i + 1, "c" + std::to_string(i), allocated, allocated, std::nullopt, i + 1));
    t.starts.push_back(Start(i + 1, allocated + waits[i], allocated + waits[i], 10 + i));
  }
  auto norms = ParseWaitNorms("42,jw/45=28");
  ASSERT_TRUE(norms.ok());
  const Figures& f = OnlyRow(Compute(t, kQ1, *norms));
  EXPECT_EQ(f.clients_allocated, 5);
  EXPECT_EQ(f.waits.count, 5);
  EXPECT_EQ(f.waits.median_days, 20);  // rank 3 of 5, sorted 5 10 20 40 60
  EXPECT_EQ(f.waits.p80_days, 40);     // rank 4
  EXPECT_EQ(f.waits.norm_days, 28);
  EXPECT_EQ(f.waits.within_norm, 3);
}

TEST(Compute, ClientsAreDistinctAndStopsCountByReason) {
  Traffic t = WorkedExample();
  Stored<Allocation> second =
      Alloc(100002, "c1", CivilDay(2026, 1, 12), CivilDay(2026, 2, 1), CivilDay(2026, 2, 28), 7);
  second.item.product = {"45", "45B01"};
  t.allocations.push_back(second);
  Stored<CareLine> stop = Start(100002, CivilDay(2026, 2, 1), CivilDay(2026, 3, 2), 8);
  stop.item.product = {};
  stop.item.ends_on = CivilDay(2026, 2, 28);
  stop.item.end_reason = "31";
  t.stops.push_back(stop);
  const QuarterFigures q = Compute(t, kQ1, WaitNorms{});
  ASSERT_EQ(q.rows.size(), 2u);
  EXPECT_EQ(q.total.allocations, 2);
  EXPECT_EQ(q.total.clients_allocated, 1);  // one client with two allocations
  EXPECT_EQ(q.total.not_started, 1);
  // The stop names no product: it takes its allocation's.
  EXPECT_EQ(q.rows[1].first.code, "45B01");
  EXPECT_EQ(q.rows[1].second.ended_by_reason.at("31"), 1);
}

Tariff ContractTariff(int64_t cents, const std::string& unit = "04") {
  Tariff t;
  t.contract_id = 7;
  t.contract_reference = "JH-2025";
  t.agb_codes = {"99000001"};
  t.municipalities = {"0153", "0164"};
  t.category = "45";
  t.code = "45A03";
  t.unit = unit;
  t.amount_cents = cents;
  t.valid_from = CivilDay(2025, 1, 1);
  return t;
}

TEST(Compute, MessagesMatchTheirContractAndDeviatingTariffsAreListed) {
  Traffic t = WorkedExample();
  // A second line of February at EUR 92.00 instead of 89.50.
  Stored<StoredClaimLine> dearer = Line("P2026020002", 2, 18400);
  dearer.item.line.tariff_cents = 9200;
  t.claim_lines.push_back(dearer);
  const QuarterFigures q = Compute(t, kQ1, WaitNorms{}, TariffBook({ContractTariff(8950)}));
  ASSERT_EQ(q.rows.size(), 1u);
  EXPECT_EQ(q.rows[0].first.contract_id, 7);
  const Figures& f = q.rows[0].second;
  EXPECT_EQ(f.allocations, 1);
  EXPECT_EQ(f.tariff_deviations, 1);
  EXPECT_EQ(f.deviation_cents, 2 * 250);
  ASSERT_EQ(q.deviations.size(), 1u);
  EXPECT_EQ(q.deviations[0].reference, "P2026020002");
  EXPECT_EQ(q.deviations[0].tariff_cents, 9200);
  EXPECT_EQ(q.deviations[0].contract_cents, 8950);
  EXPECT_EQ(q.deviations[0].effect_cents, 500);
  EXPECT_EQ(q.total.tariff_deviations, 1);
}

TEST(Compute, WithoutAMatchingTariffLineTheRowHasNoContract) {
  // Another municipality, a tariff line valid only from April, another product code.
  std::vector<Tariff> others(3, ContractTariff(8950));
  others[0].municipalities = {"0164"};
  others[1].valid_from = CivilDay(2026, 4, 1);
  others[2].code = "45A04";
  for (const Tariff& tariff : others) {
    const QuarterFigures q = Compute(WorkedExample(), kQ1, WaitNorms{}, TariffBook({tariff}));
    ASSERT_EQ(q.rows.size(), 1u);
    EXPECT_EQ(q.rows[0].first.contract_id, 0);
    EXPECT_TRUE(q.deviations.empty());
  }
}

TEST(ExpectedTariff, MinutesAgainstAnHourTariffAndIncomparableUnits) {
  // IV081: EUR 89.50 an hour is 149 cents a minute (1.4917 rounded to whole cents).
  EXPECT_EQ(ExpectedTariff(ContractTariff(8950), "01"), 149);
  EXPECT_EQ(ExpectedTariff(ContractTariff(8950), "04"), 8950);
  EXPECT_EQ(ExpectedTariff(ContractTariff(8950, "14"), "04"), std::nullopt);
  EXPECT_EQ(ExpectedTariff(ContractTariff(8950), "83"), std::nullopt);
  // A minute line matches the hour line and is compared with its minute tariff.
  const TariffBook book({ContractTariff(8950)});
  const Tariff* t =
      book.Match("0153", "99000001", Law::kJw, {"45", "45A03"}, "01", CivilDay(2026, 2, 1));
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(ExpectedTariff(*t, "01"), 149);
  EXPECT_EQ(book.Match("0153", "99000002", Law::kJw, {"45", "45A03"}, "04", CivilDay(2026, 2, 1)),
            nullptr);
  EXPECT_EQ(book.Match("0153", "99000001", Law::kWmo, {"45", "45A03"}, "04", CivilDay(2026, 2, 1)),
            nullptr);
}

TEST(ParseQuarter, KOrQ) {
  auto q = ParseQuarter("2026-K3");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->First(), CivilDay(2026, 7, 1));
  EXPECT_EQ(q->Last(), CivilDay(2026, 9, 30));
  EXPECT_EQ(q->Code(), "2026-K3");
  EXPECT_TRUE(ParseQuarter("2026-Q4").ok());
  EXPECT_EQ(ParseQuarter("2026-K5").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseQuarter("2026").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ParseWaitNorms, DefaultAndPerCategory) {
  auto n = ParseWaitNorms("35,wmo/07=42");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->For(Law::kJw, "45"), 35);
  EXPECT_EQ(n->For(Law::kWmo, "07"), 42);
  EXPECT_EQ(ParseWaitNorms("").value().default_days, 42);
  EXPECT_FALSE(ParseWaitNorms("x").ok());
  EXPECT_FALSE(ParseWaitNorms("42,45=28").ok());
  EXPECT_FALSE(ParseWaitNorms("42,jw/45=-1").ok());
}

// The README's ceiling example: EUR 1,400.00 for 2026 of contract JH-2025 with provider AGB
// 99000001 in Enschede; the worked example's allocation (3 hours a week, 19-01 to 19-07) and
// its February claim of 11 hours at EUR 89.50, granted.
SpendingCeiling Ceiling(int64_t cents) {
  SpendingCeiling c;
  c.id = 4;
  c.contract_id = 7;
  c.provider_id = 12;
  c.municipality = "0153";
  c.year = 2026;
  c.starts_on = CivilDay(2026, 1, 1);
  c.amount_cents = cents;
  return c;
}

TEST(SpendingCeiling, SpendToDateCrossesSeventyPercentAndTheForecastOverruns) {
  Traffic t = WorkedExample();
  t.answered.insert({"99000001", Law::kJw, "D202602001"});
  const TariffBook tariffs({ContractTariff(8950)});
  const CeilingUse use = UseOf(Ceiling(140000), t, tariffs, {"99000001"});
  EXPECT_EQ(use.spent_cents, 98450);  // 11 x 89.50
  EXPECT_EQ(use.used_percent, 70);    // 984.50 / 1,400.00 = 70.3%
  EXPECT_TRUE(use.seventy_percent);
  // From 1 March (February is claimed) to 19 July: 141 days, 3 x 141 / 7 = 60.43 hours.
  EXPECT_EQ(use.forecast_from, CivilDay(2026, 3, 1));
  EXPECT_EQ(use.remaining_cents, 540836);  // 60.428571 x 89.50 = 5,408.357
  EXPECT_EQ(use.forecast_cents, 98450 + 540836);
  EXPECT_TRUE(use.forecast_overrun);
  // 70% on the cent: 70% of 1,406.42 is 984.494 (reached), of 1,406.43 984.501 (not).
  EXPECT_TRUE(UseOf(Ceiling(140642), t, tariffs, {"99000001"}).seventy_percent);
  EXPECT_FALSE(UseOf(Ceiling(140643), t, tariffs, {"99000001"}).seventy_percent);
  // A pending claim counts as spend too; a rejected one does not.
  t.answered.clear();
  EXPECT_EQ(UseOf(Ceiling(140000), t, tariffs, {"99000001"}).spent_cents, 98450);
  t.rejected.insert({"99000001", Law::kJw, "P2026020001"});
  EXPECT_EQ(UseOf(Ceiling(140000), t, tariffs, {"99000001"}).spent_cents, 0);
}

TEST(SpendingCeiling, OnlyItsProviderAndContractCount) {
  Traffic t = WorkedExample();
  // Another provider's AGB code, or no contract for the product: not this ceiling's.
  EXPECT_EQ(UseOf(Ceiling(140000), t, TariffBook({ContractTariff(8950)}), {"99000002"}).spent_cents,
            0);
  const CeilingUse none = UseOf(Ceiling(140000), t, TariffBook(), {"99000001"});
  EXPECT_EQ(none.spent_cents, 0);
  EXPECT_EQ(none.remaining_cents, 0);
  // Before any claim the forecast runs from the start: 19-01 to 19-07 is 182 days = 78 hours.
  t.claim_lines.clear();
  const CeilingUse before =
      UseOf(Ceiling(1000000), t, TariffBook({ContractTariff(8950)}), {"99000001"});
  EXPECT_EQ(before.forecast_from, CivilDay(2026, 1, 1));
  EXPECT_EQ(before.remaining_cents, 78 * 8950);
  EXPECT_FALSE(before.seventy_percent);
  EXPECT_FALSE(before.forecast_overrun);
  // Care stopped on 31 March: nothing of it after.
  Stored<CareLine> stop = Start(100001, CivilDay(2026, 2, 2), CivilDay(2026, 4, 2), 3);
  stop.item.ends_on = CivilDay(2026, 3, 31);
  t.stops.push_back(stop);
  EXPECT_EQ(
      UseOf(Ceiling(1000000), t, TariffBook({ContractTariff(8950)}), {"99000001"}).remaining_cents,
      static_cast<int64_t>(std::llround(3.0 * 72 / 7 * 8950)));  // 19-01 to 31-03
}

TEST(SpendingCeiling, ClocksOfArticleOnePointFive) {
  SpendingCeiling c = Ceiling(140000);
  std::vector<CeilingClock> clocks = ClocksOf(c);
  ASSERT_EQ(clocks.size(), 3u);
  EXPECT_EQ(clocks[0].due, CivilDay(2025, 7, 1));  // intention: 6 months ahead
  EXPECT_EQ(clocks[0].kind, ClockKind::kIntention);
  EXPECT_EQ(clocks[1].due, CivilDay(2025, 10, 1));  // decision: 3 months ahead
  EXPECT_EQ(clocks[2].due, CivilDay(2025, 11, 1));  // joint plan: 2 months ahead
  EXPECT_EQ(clocks[2].dutch,
            "Gezamenlijk plan van aanpak bestedingsruimte 2026 klaar (art. 1.5.5)");
  // A ceiling from 31 August: 6 months back is the last day of February.
  c.starts_on = CivilDay(2026, 8, 31);
  EXPECT_EQ(ClocksOf(c)[0].due, CivilDay(2026, 2, 28));
  c.starts_on = CivilDay(2026, 1, 1);

  // The notice on 10 March: consultation within 2 weeks; then the decision within 2 weeks.
  ASSERT_TRUE(RecordStep(c, CeilingStep::kNotified, CivilDay(2026, 3, 10)).ok());
  clocks = ClocksOf(c);
  ASSERT_EQ(clocks.size(), 4u);
  EXPECT_EQ(clocks[3].due, CivilDay(2026, 3, 24));
  EXPECT_EQ(clocks[3].kind, ClockKind::kConsultation);
  ASSERT_TRUE(RecordStep(c, CeilingStep::kConsulted, CivilDay(2026, 3, 20)).ok());
  clocks = ClocksOf(c);
  ASSERT_EQ(clocks.size(), 4u);
  EXPECT_EQ(clocks[3].due, CivilDay(2026, 4, 3));
  EXPECT_EQ(clocks[3].kind, ClockKind::kAdjustment);
  ASSERT_TRUE(RecordStep(c, CeilingStep::kDecided, CivilDay(2026, 3, 30)).ok());
  EXPECT_EQ(ClocksOf(c).size(), 3u);
}

TEST(SpendingCeiling, StepsFollowEachOtherAndAmountsAreChecked) {
  SpendingCeiling c = Ceiling(140000);
  absl::Status s = RecordStep(c, CeilingStep::kConsulted, CivilDay(2026, 3, 20));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(c.consulted_on);
  ASSERT_TRUE(RecordStep(c, CeilingStep::kNotified, CivilDay(2026, 3, 10)).ok());
  EXPECT_EQ(RecordStep(c, CeilingStep::kConsulted, CivilDay(2026, 3, 9)).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RecordStep(c, CeilingStep::kDecided, CivilDay(2026, 3, 30)).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RecordStep(c, CeilingStep::kNotified, CivilDay(2030, 1, 1)).code(),
            absl::StatusCode::kInvalidArgument);
  // A notice moved past its consultation: refused, and the steps stay as they were.
  ASSERT_TRUE(RecordStep(c, CeilingStep::kConsulted, CivilDay(2026, 3, 20)).ok());
  absl::Status late = RecordStep(c, CeilingStep::kNotified, CivilDay(2026, 3, 25));
  EXPECT_EQ(late.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::DutchOf(late),
            "De schriftelijke melding aan de aanbieder ligt niet na het overleg (20-03-2026).");
  EXPECT_EQ(c.notified_on, CivilDay(2026, 3, 10));
  EXPECT_TRUE(RecordStep(c, CeilingStep::kNotified, CivilDay(2026, 3, 12)).ok());
  EXPECT_TRUE(CheckCeiling(c).ok());
  c.amount_cents = 0;
  EXPECT_EQ(CheckCeiling(c).code(), absl::StatusCode::kInvalidArgument);
  c.amount_cents = 100;
  c.starts_on = CivilDay(2027, 1, 1);
  EXPECT_EQ(CheckCeiling(c).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ozjt::insight
