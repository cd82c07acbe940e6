#include "services/platform/status.h"

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/platform/grpc_status.h"

namespace ozjt::platform {
namespace {

TEST(FieldViolationsTest, NoViolationsIsOk) { EXPECT_TRUE(FieldViolations().ToStatus().ok()); }

TEST(FieldViolationsTest, CarriesEveryViolationInOrder) {
  FieldViolations v;
  v.Add("provider.kvk_number", "must be exactly 8 digits");
  v.Add("provider.agb_codes[1]", "must be exactly 8 digits");
  absl::Status s = v.ToStatus();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "provider.kvk_number: must be exactly 8 digits; provider.agb_codes[1]: must be "
            "exactly 8 digits");
  std::vector<FieldViolation> expected = {{"provider.kvk_number", "must be exactly 8 digits"},
                                          {"provider.agb_codes[1]", "must be exactly 8 digits"}};
  EXPECT_EQ(ViolationsOf(s), expected);
}

TEST(FieldViolationsTest, TabsAndNewlinesInUserTextDoNotBreakTheEncoding) {
  absl::Status s = InvalidField("name", "unknown value 'a\tb\nc'");
  ASSERT_EQ(ViolationsOf(s).size(), 1u);
  EXPECT_EQ(ViolationsOf(s)[0].description, "unknown value 'a b c'");
}

TEST(GrpcStatusTest, InvalidArgumentCarriesBadRequestDetails) {
  grpc::Status g = ToGrpcStatus(InvalidField("page_token", "is not a token this service issued"));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(g.error_details()));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad));
  ASSERT_EQ(bad.field_violations_size(), 1);
  EXPECT_EQ(bad.field_violations(0).field(), "page_token");
}

TEST(GrpcStatusTest, OtherCodesKeepCodeAndMessageWithoutDetails) {
  grpc::Status g = ToGrpcStatus(absl::AbortedError("stale version"));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(g.error_message(), "stale version");
  EXPECT_TRUE(g.error_details().empty());
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace ozjt::platform
