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

// The google.rpc.BadRequest of a gRPC status's details; false when there is none.
bool BadRequestOf(const grpc::Status& g, google::rpc::BadRequest* bad) {
  google::rpc::Status details;
  if (!details.ParseFromString(g.error_details())) return false;
  for (const auto& any : details.details()) {
    if (any.UnpackTo(bad)) return true;
  }
  return false;
}

TEST(GrpcStatusTest, ServerDetailStaysOnTheServer) {
  const std::string sql =
      "ERROR:  new row for relation \"tariff_line\" violates check constraint; "
      "INSERT INTO contracts.tariff_line ...";
  absl::Status s = WithServerDetail(absl::InvalidArgumentError("a value is out of range"), sql);
  EXPECT_EQ(ServerDetailOf(s), sql);
  EXPECT_EQ(ServerDetailOf(absl::InternalError("x")), "");
  grpc::Status g = ToGrpcStatus(s);
  EXPECT_EQ(g.error_message(), "a value is out of range");
  EXPECT_EQ(g.error_details().find("INSERT"), std::string::npos);
  EXPECT_EQ(g.error_details().find("tariff_line"), std::string::npos);
}

TEST(GrpcStatusTest, InvalidArgumentCarriesBadRequestDetails) {
  grpc::Status g = ToGrpcStatus(InvalidField("page_token", "is not a token this service issued"));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::BadRequest bad;
  ASSERT_TRUE(BadRequestOf(g, &bad));
  ASSERT_EQ(bad.field_violations_size(), 1);
  EXPECT_EQ(bad.field_violations(0).field(), "page_token");
}

// The LocalizedMessage of a gRPC status's details ("" when there is none).
std::string LocalizedOf(const grpc::Status& g, std::string* locale = nullptr) {
  google::rpc::Status details;
  if (!details.ParseFromString(g.error_details())) return "";
  for (const auto& any : details.details()) {
    google::rpc::LocalizedMessage m;
    if (any.UnpackTo(&m)) {
      if (locale) *locale = m.locale();
      return m.message();
    }
  }
  return "";
}

TEST(GrpcStatusTest, OtherCodesKeepCodeAndMessageWithADutchSentenceForTheCode) {
  grpc::Status g = ToGrpcStatus(absl::AbortedError("stale version"));
  EXPECT_EQ(g.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(g.error_message(), "stale version");
  std::string locale;
  EXPECT_EQ(LocalizedOf(g, &locale), DutchForCode(absl::StatusCode::kAborted));
  EXPECT_EQ(locale, "nl-NL");
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(GrpcStatusTest, DutchTextTravelsAsLocalizedMessageBesideTheEnglishMessage) {
  grpc::Status g = ToGrpcStatus(
      WithDutch(absl::NotFoundError("contract 7 not found"), "Contract 7 bestaat niet."));
  EXPECT_EQ(g.error_message(), "contract 7 not found");
  EXPECT_EQ(LocalizedOf(g), "Contract 7 bestaat niet.");
}

TEST(GrpcStatusTest, ViolationsCarryTheirDutchDescriptions) {
  FieldViolations v;
  v.Add("provider.kvk_number", "must be exactly 8 digits",
        "Het KvK-nummer moet uit precies 8 cijfers bestaan.");
  v.Add("provider.name", "must not be empty", "Vul de naam in.");
  absl::Status s = v.ToStatus();
  EXPECT_EQ(s.message(),
            "provider.kvk_number: must be exactly 8 digits; provider.name: must not be empty");
  EXPECT_EQ(DutchOf(s), "Het KvK-nummer moet uit precies 8 cijfers bestaan. Vul de naam in.");
  grpc::Status g = ToGrpcStatus(s);
  EXPECT_EQ(LocalizedOf(g), DutchOf(s));
  google::rpc::BadRequest bad;
  ASSERT_TRUE(BadRequestOf(g, &bad));
  ASSERT_EQ(bad.field_violations_size(), 2);
  EXPECT_EQ(bad.field_violations(1).description(), "Vul de naam in.");
}

}  // namespace
}  // namespace ozjt::platform
