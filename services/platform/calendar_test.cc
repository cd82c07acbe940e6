#include "services/platform/calendar.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "services/platform/decimal.h"

namespace ozjt::platform {
namespace {

TEST(AddMonthsTest, ClampsToMonthEnd) {
  EXPECT_EQ(AddMonths(Day(2025, 1, 31), 1), Day(2025, 2, 28));
  EXPECT_EQ(AddMonths(Day(2024, 3, 31), -1), Day(2024, 2, 29));
  EXPECT_EQ(AddMonths(Day(2024, 12, 15), 2), Day(2025, 2, 15));
}

TEST(MakeDayTest, RefusesImpossibleDates) {
  EXPECT_FALSE(MakeDay(2025, 2, 29).has_value());
  EXPECT_TRUE(MakeDay(2024, 2, 29).has_value());
  EXPECT_FALSE(MakeDay(0, 1, 1).has_value());
  EXPECT_FALSE(MakeDay(2025, 13, 1).has_value());
}

TEST(HundredthsTest, ParsesAndFormatsExactly) {
  EXPECT_EQ(ParseHundredths("4.94"), 494);
  EXPECT_EQ(ParseHundredths("6.3"), 630);
  EXPECT_EQ(ParseHundredths("6"), 600);
  EXPECT_EQ(ParseHundredths("-0.05"), -5);
  EXPECT_EQ(ParseHundredths("5,00"), 500);
  for (const char* bad : {"", "4.944", "abc", "4.", ".", "1.2.3", "--1", "1e3"}) {
    EXPECT_FALSE(ParseHundredths(bad).has_value()) << bad;
  }
  EXPECT_EQ(FormatHundredths(630), "6.30");
  EXPECT_EQ(FormatHundredths(-5), "-0.05");
  EXPECT_EQ(FormatHundredths(0), "0.00");
}

TEST(RoundingTest, HalfAwayFromZero) {
  EXPECT_EQ(DivideRoundHalfUp(15, 10), 2);
  EXPECT_EQ(DivideRoundHalfUp(14, 10), 1);
  EXPECT_EQ(DivideRoundHalfUp(-15, 10), -2);
  EXPECT_EQ(DivideRoundHalfUp(-14, 10), -1);
}

TEST(DutchFormatTest, EurosDatesAndPercents) {
  EXPECT_EQ(FormatEuro(3242), "€ 32,42");
  EXPECT_EQ(FormatEuro(123450), "€ 1.234,50");
  EXPECT_EQ(FormatEuro(38'000'000'00), "€ 38.000.000,00");
  EXPECT_EQ(FormatEuro(5), "€ 0,05");
  EXPECT_EQ(FormatEuro(-5), "-€ 0,05");
  EXPECT_EQ(DutchDay(Day(2026, 9, 1)), "01-09-2026");
  EXPECT_EQ(DutchPercent(630), "6,30%");
}

TEST(DayCodecTest, ParsesOnlyRealDaysInOneFormat) {
  EXPECT_EQ(ParseDay("2024-02-29"), Day(2024, 2, 29));
  EXPECT_EQ(FormatDay(Day(2024, 2, 9)), "2024-02-09");
  EXPECT_EQ(ParseDay(FormatDay(Day(2031, 12, 31))), Day(2031, 12, 31));
  for (const char* bad : {"2025-02-29", "2024-13-01", "2024-2-9", "24-02-09", "09-02-2024",
                          "2024-02-09T00:00", " 2024-02-09", "", "2024-02-3x", "1899-12-31"}) {
    EXPECT_EQ(ParseDay(bad), std::nullopt) << bad;
  }
}

TEST(DayCodecTest, AStoredDayThatDoesNotParseThrows) {
  EXPECT_EQ(StoredDay("2026-11-25"), Day(2026, 11, 25));
  EXPECT_THROW(StoredDay("2026-11-31"), std::runtime_error);
  EXPECT_THROW(StoredDay("garbage"), std::runtime_error);
}

}  // namespace
}  // namespace ozjt::platform
