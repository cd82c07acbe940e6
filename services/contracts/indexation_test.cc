#include "services/contracts/indexation.h"

#include <gtest/gtest.h>

#include <limits>

#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

// The published VNG figures (docs/domain.md section 4).
std::vector<IndexFigure> VngFigures() {
  using K = FigureKind;
  return {{"OVA", 2023, K::kForecast, 474}, {"OVA", 2023, K::kFinal, 636},
          {"PCC", 2023, K::kForecast, 487}, {"PCC", 2023, K::kFinal, 702},
          {"OVA", 2024, K::kForecast, 494}, {"OVA", 2024, K::kFinal, 600},
          {"PCC", 2024, K::kForecast, 251}, {"PCC", 2024, K::kFinal, 310},
          {"OVA", 2025, K::kForecast, 418}, {"PCC", 2025, K::kForecast, 182}};
}

TEST(IndexTest, Vng2024Is630WithPublishedIntermediateRounding) {
  auto r = ComputeIndex(DefaultIndexWeights(), 2024, false, VngFigures());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r->components[0].correction, 155);  // OVA 1.55
  EXPECT_EQ(*r->components[1].correction, 205);  // PCC 2.05
  EXPECT_EQ(r->weighted_correction, 160);        // 1.60
  EXPECT_EQ(r->weighted_forecast, 470);          // 4.70
  EXPECT_EQ(r->index, 630);                      // 6.30, not 6.29
}

TEST(IndexTest, Vng2025Is491) {
  auto r = ComputeIndex(DefaultIndexWeights(), 2025, false, VngFigures());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r->components[0].correction, 101);
  EXPECT_EQ(*r->components[1].correction, 58);
  EXPECT_EQ(r->index, 491);
}

TEST(IndexTest, FirstContractYearUsesTheForecastOnly) {
  auto r = ComputeIndex(DefaultIndexWeights(), 2024, true, VngFigures());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->first_year);
  EXPECT_FALSE(r->components[0].correction.has_value());
  EXPECT_EQ(r->index, 470);
}

TEST(IndexTest, MissingFigureIsFailedPreconditionNamingIt) {
  auto figures = VngFigures();
  figures.erase(figures.begin() + 3);  // PCC final 2023
  auto r = ComputeIndex(DefaultIndexWeights(), 2024, false, figures);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message(),
            "no final PCC figure for 2023; record it with CreateIndexFigure first");
  EXPECT_EQ(ComputeIndex(DefaultIndexWeights(), 2026, false, VngFigures()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(IndexTest, WeightsMustAddUpTo100) {
  EXPECT_TRUE(ValidateWeights({{"OVA", 90}, {"PCC", 10}}, "w").ok());
  absl::Status too_much = ValidateWeights({{"OVA", 90}, {"PCC", 20}}, "w");
  EXPECT_EQ(too_much.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::DutchOf(too_much),
            "De gewichten van de indexcomponenten tellen op tot 110%; dat moet 100% zijn.");
  EXPECT_EQ(ValidateWeights({{"OVA", 50}, {"OVA", 50}}, "w").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateWeights({{"ova", 100}}, "w").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ValidateWeights({}, "w").code(), absl::StatusCode::kInvalidArgument);
}

TEST(IndexTest, CaoComponentWorksLikeAnyOther) {
  std::vector<IndexFigure> f = {{"CAO-VVT", 2025, FigureKind::kForecast, 350}};
  auto r = ComputeIndex({{"CAO-VVT", 100}}, 2025, true, f);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->index, 350);
}

TEST(IndexedAmountTest, OverflowIsNulloptNeverAWrappedAmount) {
  EXPECT_EQ(IndexedAmount(9'000'000'000'000'000'000, 630), std::nullopt);
  EXPECT_EQ(IndexedAmount(-9'000'000'000'000'000'000, 630), std::nullopt);
  EXPECT_EQ(IndexedAmount(std::numeric_limits<int64_t>::max(), 0),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(IndexedAmount(1'000'000'000'000, 40000), 5'000'000'000'000);
}

TEST(IndexedAmountTest, RoundsHalfUpToWholeCents) {
  EXPECT_EQ(IndexedAmount(10000, 630), 10630);
  EXPECT_EQ(IndexedAmount(7850, 630), 8345);  // 8344.55 -> 8345
  EXPECT_EQ(IndexedAmount(3210, 491), 3368);  // 3367.611 -> 3368
  EXPECT_EQ(IndexedAmount(1, 4900), 1);       // 1.49 -> 1
  EXPECT_EQ(IndexedAmount(1, 5000), 2);       // 1.50 -> 2
}

}  // namespace
}  // namespace ozjt::contracts
