#include "services/platform/decimal.h"

#include <gtest/gtest.h>

#include <limits>

namespace ozjt::platform {
namespace {

TEST(CheckedDivideTest, QuotientOutsideInt64IsNulloptNeverWrapped) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  // 9e18 cents x 1.063: what indexation overflowed to a negative amount with.
  const __int128 product = static_cast<__int128>(9'000'000'000'000'000'000) * 10630;
  EXPECT_EQ(CheckedDivideRoundHalfUp(product, 10000), std::nullopt);
  EXPECT_EQ(CheckedDivideRoundHalfUp(-product, 10000), std::nullopt);
  EXPECT_EQ(CheckedDivideRoundHalfUp(kMax, 1), kMax);
  EXPECT_EQ(CheckedDivideRoundHalfUp(kMin, 1), kMin);
  EXPECT_EQ(CheckedDivideRoundHalfUp(static_cast<__int128>(kMax) + 1, 1), std::nullopt);
  EXPECT_EQ(CheckedDivideRoundHalfUp(15, 10), 2);
  EXPECT_EQ(CheckedDivideRoundHalfUp(-15, 10), -2);
  EXPECT_EQ(CheckedDivideRoundHalfUp(14, 10), 1);
}

TEST(AmountBoundTest, TenBillionEuroEitherWay) {
  EXPECT_TRUE(AmountInRange(kMaxAmountCents));
  EXPECT_TRUE(AmountInRange(-kMaxAmountCents));
  EXPECT_FALSE(AmountInRange(kMaxAmountCents + 1));
  EXPECT_FALSE(AmountInRange(-kMaxAmountCents - 1));
  EXPECT_FALSE(AmountInRange(9'000'000'000'000'000'000));
  EXPECT_EQ(MaxAmountText(), "€ 10.000.000.000,00");
  // A million amounts at the bound still sum inside int64_t.
  int64_t sum = 0;
  EXPECT_FALSE(__builtin_mul_overflow(kMaxAmountCents, int64_t{1'000'000}, &sum));
}

}  // namespace
}  // namespace ozjt::platform
