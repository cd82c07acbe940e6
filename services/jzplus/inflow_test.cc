// Jeugdzorg Plus inflow rules without a database: target arithmetic and suppression.
#include "services/jzplus/inflow.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace ozjt::jzplus {
namespace {

const TargetPolicy kPolicy{2022, 10};
const Day kToday(2026, 11, 25);

// `per_quarter[y - 2021][q - 1]` placements in municipality `m` at provider 1, a quarter of them
// spoedmachtigingen (rounded down), or with `one_emergency` one of them (when there are any).
std::vector<InflowRow> Rows(const std::string& m, const std::vector<std::vector<int>>& per_quarter,
                            bool one_emergency = false) {
  const int64_t provider = 1;
  std::vector<InflowRow> rows;
  for (size_t y = 0; y < per_quarter.size(); ++y) {
    for (int q = 0; q < 4; ++q) {
      const int n = per_quarter[y][q];
      const int emergency = one_emergency ? (n > 0 ? 1 : 0) : n / 4;
      const Quarter quarter{2021 + static_cast<int>(y), q + 1};
      rows.push_back({quarter, m, provider, Authorisation::kRegular, n - emergency,
                      n - emergency > 0 ? 1 : 0});
      rows.push_back(
          {quarter, m, provider, Authorisation::kEmergency, emergency, emergency > 0 ? 1 : 0});
    }
  }
  return rows;
}

// Everything a report shows, as text: what leaves the service.
std::string Published(const Report& r) {
  std::string out;
  auto flag = [](const std::optional<bool>& b) { return !b ? "?" : *b ? "ja" : "nee"; };
  for (const auto& y : r.years) {
    absl::StrAppend(&out, y.year, ":", y.placements.Shown(), ",", y.young_people.Shown(), ",",
                    y.emergency.Shown(), ",", y.target_yoy.Shown(), ",",
                    y.target_cumulative.Shown(), ",", y.diff_yoy.Shown(), ",",
                    y.diff_cumulative.Shown(), ",", flag(y.on_track_yoy), ",",
                    flag(y.on_track_cumulative), ",", y.emergency_share.Shown(), ",",
                    y.emergency_share_change.Shown(), "\n");
  }
  for (const auto& q : r.quarters) {
    absl::StrAppend(&out, q.quarter.Code(), ":", q.placements.Shown(), ",", q.young_people.Shown(),
                    ",", q.emergency.Shown(), ",", q.target_yoy.Shown(), ",",
                    q.target_cumulative.Shown(), ",", flag(q.on_track_yoy), ",",
                    flag(q.on_track_cumulative), ",", q.emergency_share.Shown(), ",",
                    q.rolling_placements.Shown(), ",", q.rolling_target_yoy.Shown(), ",",
                    q.rolling_target_cumulative.Shown(), ",", flag(q.rolling_on_track_yoy), ",",
                    flag(q.rolling_on_track_cumulative), "\n");
  }
  out += ChartSvg(r, "t");
  return out;
}

TEST(Targets, CumulativePathAndYearOnYearAreExact) {
  // 100 in 2022: 90.00, 81.00, 72.90, 65.61, 59.05 (59.049 rounded half up).
  EXPECT_EQ(CumulativeTarget(100, 1, kPolicy), 9000);
  EXPECT_EQ(CumulativeTarget(100, 2, kPolicy), 8100);
  EXPECT_EQ(CumulativeTarget(100, 3, kPolicy), 7290);
  EXPECT_EQ(CumulativeTarget(100, 4, kPolicy), 6561);
  EXPECT_EQ(CumulativeTarget(100, 5, kPolicy), 5905);
  // 5 * 0.729 = 3.645 exactly: half up is 3.65 (binary floating point would give 3.64).
  EXPECT_EQ(CumulativeTarget(5, 3, kPolicy), 365);
  EXPECT_EQ(YearOnYearTarget(57, kPolicy), 5130);
  EXPECT_EQ(YearOnYearTarget(57, TargetPolicy{2022, 15}), 4845);
}

TEST(Report, YearsQuartersAndRollingAgainstTarget) {
  // Region: 2021 30/q, 2022 25/q (100: the baseline), 2023 22+23+22+23 (90), 2024 20/q (80),
  // 2025 19+19+18+17 (73).
  const auto rows = Rows(
      "0153",
      {{30, 30, 30, 30}, {25, 25, 25, 25}, {22, 23, 22, 23}, {20, 20, 20, 20}, {19, 19, 18, 17}});
  Report r = BuildReport(rows, "", Quarter{2026, 3}, kPolicy, false);
  ASSERT_EQ(r.years.size(), 5u);  // 2021..2025 complete
  const YearRow& y2023 = r.years[2];
  EXPECT_EQ(y2023.placements.value, 90);
  EXPECT_EQ(y2023.target_yoy.value, 9000);         // 100 * 0.9
  EXPECT_EQ(y2023.target_cumulative.value, 9000);  // 100 * 0.9
  EXPECT_EQ(*y2023.on_track_cumulative, true);     // exactly on target
  const YearRow& y2025 = r.years[4];
  EXPECT_EQ(y2025.placements.value, 73);
  EXPECT_EQ(y2025.target_yoy.value, 7200);         // 80 * 0.9
  EXPECT_EQ(y2025.target_cumulative.value, 7290);  // 100 * 0.729
  EXPECT_EQ(y2025.diff_yoy.value, 100);            // 73 - 72.00
  EXPECT_EQ(*y2025.on_track_yoy, false);
  EXPECT_EQ(y2025.diff_cumulative.value, 10);  // 73 - 72.90
  EXPECT_EQ(*y2025.on_track_cumulative, false);
  EXPECT_FALSE(r.years[1].target_yoy.available);  // the baseline year has no target
  // Spoedmachtigingen: 2025 quarters 4+4+4+4 of 73 = 21.92%; 2024: 5 per quarter of 80 = 25%.
  EXPECT_EQ(y2025.emergency.value, 16);
  EXPECT_EQ(y2025.emergency_share.value, 2192);
  EXPECT_EQ(y2025.emergency_share_change.value, 2192 - 2500);
  // Quarters: 2025-Q4 (17): yoy 20 * 0.9 = 18.00; cumulative 25 * 0.729 = 18.225 -> 18.23.
  const QuarterRow& q = r.quarters.back();
  EXPECT_EQ(q.quarter.Code(), "2025-Q4");
  EXPECT_EQ(q.target_yoy.value, 1800);
  EXPECT_EQ(q.target_cumulative.value, 1823);
  EXPECT_EQ(*q.on_track_yoy, true);
  // Rolling four quarters ending 2025-Q4 = the year 2025.
  EXPECT_EQ(q.rolling_placements.value, 73);
  EXPECT_EQ(q.rolling_target_yoy.value, 7200);
  EXPECT_EQ(q.rolling_target_cumulative.value, 7290);
  // Rolling ending 2024-Q1: 2023-Q2..2024-Q1 = 23+22+23+20 = 88; previous window 2022-Q2..
  // 2023-Q1 = 25+25+25+22 = 97 -> 87.30; cumulative 25*0.9*3 + 25*0.81 = 67.5 + 20.25 = 87.75.
  const QuarterRow& w = r.quarters[12];
  EXPECT_EQ(w.quarter.Code(), "2024-Q1");
  EXPECT_EQ(w.rolling_placements.value, 88);
  EXPECT_EQ(w.rolling_target_yoy.value, 8730);
  EXPECT_EQ(w.rolling_target_cumulative.value, 8775);
  EXPECT_EQ(*w.rolling_on_track_yoy, false);
  EXPECT_EQ(*w.rolling_on_track_cumulative, false);
  EXPECT_EQ(r.providers.size(), 1u);
}

TEST(Report, MunicipalityScopeCountsOnlyItsRows) {
  auto rows = Rows("0153", {{8, 8, 8, 8}, {8, 8, 8, 8}});
  auto other = Rows("0164", {{1, 1, 1, 1}, {1, 1, 1, 1}});
  rows.insert(rows.end(), other.begin(), other.end());
  Report r = BuildReport(rows, "0164", Quarter{2022, 4}, kPolicy, false);
  EXPECT_EQ(r.years[1].placements.value, 4);
  EXPECT_EQ(BuildReport(rows, "", Quarter{2022, 4}, kPolicy, false).years[1].placements.value, 36);
}

TEST(Suppression, SmallCountsAreShownAsLessThanFive) {
  const auto rows = Rows("0153", {{3, 9, 12, 6}, {0, 7, 8, 5}});
  Report r = BuildReport(rows, "0153", Quarter{2022, 4}, kPolicy, true);
  EXPECT_EQ(r.quarters[0].placements.Shown(), "<5");  // 3
  EXPECT_EQ(r.quarters[1].placements.Shown(), "9");
  EXPECT_EQ(r.quarters[4].placements.Shown(), "0");  // zero is not a small count
  EXPECT_EQ(r.quarters[1].emergency.Shown(), "<5");  // 2 spoedmachtigingen
  EXPECT_EQ(r.quarters[2].emergency.Shown(), "<5");  // 3
  EXPECT_EQ(r.quarters[1].emergency_share.Shown(), "x");
  // The year 2021 (3+9+12+6 = 30) would give Q1 = 30 - 27: it is hidden.
  EXPECT_EQ(r.years[0].placements.Shown(), "x");
  EXPECT_EQ(r.years[1].placements.Shown(), "20");  // 0+7+8+5, none small
  EXPECT_TRUE(r.providers.empty());
  // Without suppression everything is exact.
  Report exact = BuildReport(rows, "0153", Quarter{2022, 4}, kPolicy, false);
  EXPECT_EQ(exact.years[0].placements.Shown(), "30");
  EXPECT_EQ(exact.quarters[0].placements.Shown(), "3");
}

// The proof that no suppressed value can be recomputed: every small cell, moved to any other
// small value, leaves the whole output (every figure, flag and the chart) unchanged.
TEST(Suppression, NoSmallValueCanBeDerivedFromWhatIsShown) {
  const std::vector<std::vector<int>> base = {
      {3, 9, 12, 6}, {11, 7, 2, 9}, {10, 1, 8, 8}, {6, 4, 9, 7}, {5, 6, 3, 12}};
  const std::string shown =
      Published(BuildReport(Rows("0153", base, true), "0153", Quarter{2026, 3}, kPolicy, true));
  int small_cells = 0;
  for (size_t y = 0; y < base.size(); ++y) {
    for (int q = 0; q < 4; ++q) {
      // Placements 1..4: try every other small value.
      if (base[y][q] < 1 || base[y][q] > 4) continue;
      ++small_cells;
      for (int v = 1; v <= 4; ++v) {
        auto changed = base;
        changed[y][q] = v;
        EXPECT_EQ(Published(BuildReport(Rows("0153", changed, true), "0153", Quarter{2026, 3},
                                        kPolicy, true)),
                  shown)
            << "placements " << 2021 + y << "-Q" << q + 1 << " = " << v;
      }
    }
  }
  EXPECT_EQ(small_cells, 5);
  // Spoedmachtigingen of 1..4 inside a larger quarter: moving some placements between the
  // regular and emergency rows (the total stays) changes nothing shown either.
  auto rows = Rows("0153", base, true);
  for (auto& row : rows) {
    if (row.quarter.Code() == "2023-Q3" && row.authorisation == Authorisation::kEmergency) {
      ASSERT_EQ(row.placements, 1);
      row.placements = 3;
    }
    if (row.quarter.Code() == "2023-Q3" && row.authorisation == Authorisation::kRegular) {
      row.placements = 5;
    }
  }
  EXPECT_EQ(Published(BuildReport(rows, "0153", Quarter{2026, 3}, kPolicy, true)), shown);
  // And the check can fail: a shown cell changes the output.
  auto shown_changed = base;
  shown_changed[0][1] = 10;
  EXPECT_NE(Published(BuildReport(Rows("0153", shown_changed, true), "0153", Quarter{2026, 3},
                                  kPolicy, true)),
            shown);
}

TEST(Import, CsvRowsAreCheckedOneByOne) {
  ImportRefs refs;
  refs.municipalities = {{"0153", "Enschede"}, {"0164", "Hengelo"}};
  refs.provider_by_kvk = {{"90000000", 7}};
  refs.today = kToday;
  const std::string csv =
      "jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n"
      "2025;1;0153;90000000;machtiging;6;5\n"
      "2025;Q1;0153;90000000;spoedmachtiging;2;2\n"
      "2025;1;0153;90000000;machtiging;1;1\n"      // duplicate of line 2
      "2025;2;9999;90000000;machtiging;1;1\n"      // unknown municipality
      "2025;2;0164;12345678;machtiging;1;1\n"      // unknown provider
      "2025;2;0164;90000000;machtiging;-1;0\n"     // negative
      "2026;4;0164;90000000;machtiging;1;1\n"      // not ended
      "2025;3;0164;90000000;voorwaardelijk;2;3\n"  // more young people than placements
      "2025;5;0164;90000000;mach;x;1\n";
  auto parsed = ParseInflowCsv(csv, refs);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->rows.size(), 2u);
  std::vector<std::pair<int, std::string>> errors;
  for (const auto& e : parsed->errors) errors.emplace_back(e.line, e.field);
  EXPECT_EQ(errors, (std::vector<std::pair<int, std::string>>{{4, "kvk_nummer"},
                                                              {5, "gemeente"},
                                                              {6, "kvk_nummer"},
                                                              {7, "plaatsingen"},
                                                              {8, "kwartaal"},
                                                              {9, "jeugdigen"},
                                                              {10, "plaatsingen"}}));
  EXPECT_NE(parsed->errors[4].description.find("2026-Q4 has not ended"), std::string::npos);
  // What a person reads: Dutch, naming the line and the column.
  EXPECT_EQ(DutchRowError(parsed->errors[5]),
            "regel 9, kolom jeugdigen: Er kunnen niet meer jeugdigen (3) zijn dan plaatsingen "
            "(2).");
  EXPECT_EQ(DutchRowError(parsed->errors[6]),
            "regel 10, kolom plaatsingen: Het aantal plaatsingen 'x' is geen heel getal.");
  ASSERT_EQ(parsed->quarters.size(), 1u);
  EXPECT_EQ(parsed->quarters[0].Code(), "2025-Q1");
  EXPECT_FALSE(ParseInflowCsv("jaar;kwartaal\n", refs).ok());  // missing columns
}

}  // namespace
}  // namespace ozjt::jzplus
