#include "services/platform/page_token.h"

#include <gtest/gtest.h>

namespace ozjt::platform {
namespace {

TEST(PageSizeTest, ZeroMeansDefaultAndLargeIsClamped) {
  EXPECT_EQ(*PageSize(0, 50, 500), 50);
  EXPECT_EQ(*PageSize(7, 50, 500), 7);
  EXPECT_EQ(*PageSize(100000, 50, 500), 500);
  EXPECT_EQ(PageSize(-1, 50, 500).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageTokenTest, RoundTripsThePosition) {
  std::string fp = QueryFingerprint({"zorg", "0153"});
  std::string token = EncodePageToken(fp, {"Zorggroep \"A\"; B", "42"});
  auto pos = DecodePageToken(token, fp, 2);
  ASSERT_TRUE(pos.ok()) << pos.status();
  EXPECT_EQ(*pos, (std::vector<std::string>{"Zorggroep \"A\"; B", "42"}));
}

TEST(PageTokenTest, EmptyTokenIsTheFirstPage) {
  auto pos = DecodePageToken("", "x", 2);
  ASSERT_TRUE(pos.ok());
  EXPECT_TRUE(pos->empty());
}

TEST(PageTokenTest, TokenFromOtherFiltersIsRefused) {
  std::string token = EncodePageToken(QueryFingerprint({"a"}), {"n", "1"});
  auto pos = DecodePageToken(token, QueryFingerprint({"b"}), 2);
  EXPECT_EQ(pos.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(pos.status().message().find("page_token"), std::string::npos);
}

TEST(PageTokenTest, GarbageIsRefused) {
  for (const char* bad : {"!!!", "bm90IGpzb24", "WyJ4Il0", "WzEsMl0"}) {
    EXPECT_EQ(DecodePageToken(bad, "x", 1).status().code(), absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST(FingerprintTest, DependsOnOrderAndBoundaries) {
  EXPECT_NE(QueryFingerprint({"ab", "c"}), QueryFingerprint({"a", "bc"}));
  EXPECT_EQ(QueryFingerprint({"a", "b"}), QueryFingerprint({"a", "b"}));
}

}  // namespace
}  // namespace ozjt::platform
