#include "services/contracts/calendar.h"

#include <gtest/gtest.h>

namespace ozjt::contracts {
namespace {

TEST(NoticeDeadlineTest, MedicatiecontroleWorkedExample) {
  // Ends 2024-12-31, 3 months notice: 2025-01-01 - 3 months = 2024-10-01, so 2024-09-30.
  EXPECT_EQ(NoticeDeadline(Day(2024, 12, 31), 3), Day(2024, 9, 30));
  EXPECT_EQ(NoticeDeadline(Day(2025, 12, 31), 3), Day(2025, 9, 30));
}

TEST(NoticeDeadlineTest, SixMonthsBeforeMidYearEndIsLastDayOfDecember) {
  EXPECT_EQ(NoticeDeadline(Day(2025, 6, 30), 6), Day(2024, 12, 31));  // not 12-30
}

TEST(NoticeDeadlineTest, ShortMonthsClamp) {
  // Ends 2025-05-30: 2025-05-31 - 3 months = 2025-02-28 (clamped), minus 1 day.
  EXPECT_EQ(NoticeDeadline(Day(2025, 5, 30), 3), Day(2025, 2, 27));
  EXPECT_EQ(NoticeDeadline(Day(2024, 5, 30), 3), Day(2024, 2, 28));  // leap year: 02-29 - 1
}

TEST(ExtendedEndTest, OneYearOptions) {
  EXPECT_EQ(ExtendedEnd(Day(2024, 12, 31), 12), Day(2025, 12, 31));
  EXPECT_EQ(ExtendedEnd(Day(2025, 12, 31), 12), Day(2026, 12, 31));
  EXPECT_EQ(ExtendedEnd(Day(2025, 6, 30), 6), Day(2025, 12, 31));
  EXPECT_EQ(ExtendedEnd(Day(2024, 2, 28), 12), Day(2025, 2, 28));
}

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

}  // namespace
}  // namespace ozjt::contracts
