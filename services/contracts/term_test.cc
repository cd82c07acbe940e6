#include "services/contracts/term.h"

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

TEST(ExtendedEndTest, ShortenedEndUndoesIt) {
  EXPECT_EQ(ShortenedEnd(Day(2025, 12, 31), 12), Day(2024, 12, 31));
  EXPECT_EQ(ShortenedEnd(Day(2025, 12, 31), 6), Day(2025, 6, 30));
  EXPECT_EQ(ShortenedEnd(Day(2028, 5, 31), 12), Day(2027, 5, 31));
  EXPECT_EQ(ShortenedEnd(Day(2026, 8, 15), 24), Day(2024, 8, 15));
}

TEST(ExtendedEndTest, OneYearOptions) {
  EXPECT_EQ(ExtendedEnd(Day(2024, 12, 31), 12), Day(2025, 12, 31));
  EXPECT_EQ(ExtendedEnd(Day(2025, 12, 31), 12), Day(2026, 12, 31));
  EXPECT_EQ(ExtendedEnd(Day(2025, 6, 30), 6), Day(2025, 12, 31));
  EXPECT_EQ(ExtendedEnd(Day(2024, 2, 28), 12), Day(2025, 2, 28));
}

}  // namespace
}  // namespace ozjt::contracts
