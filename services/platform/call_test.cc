// The text check every request passes in Platform::Serve (CheckRequestText).
#include "services/platform/call.h"

#include <gtest/gtest.h>

#include "ozjt/contracts/v1/contracts.pb.h"
#include "ozjt/jzplus/v1/jzplus.pb.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

using namespace std::string_literals;

TEST(CheckRequestTextTest, NulInANestedFieldIsInvalidArgumentNamingThePath) {
  contracts::v1::CreateTariffLineRequest req;
  req.mutable_line()->set_description("Hulp\0bij het huishouden"s);
  absl::Status s = CheckRequestText(req);
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << s;
  auto v = ViolationsOf(s);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "line.description");
  EXPECT_EQ(v[0].dutch,
            "Deze tekst bevat een onzichtbaar stuurteken (NUL) op positie 5; haal het weg en "
            "probeer het opnieuw.");
}

TEST(CheckRequestTextTest, RepeatedMessagesAndRepeatedStringsCarryTheirIndex) {
  jzplus::v1::ImportInflowRequest req;
  req.add_rows()->set_municipality_code("0153");
  req.add_rows()->set_municipality_code(
      "01\x1b"
      "53");
  contracts::v1::CreateTariffLineRequest line;
  line.mutable_line()->add_municipality_codes("0153");
  line.mutable_line()->add_municipality_codes("\x7f");
  auto v = ViolationsOf(CheckRequestText(req));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "rows[1].municipality_code");
  v = ViolationsOf(CheckRequestText(line));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "line.municipality_codes[1]");
}

TEST(CheckRequestTextTest, TabsAndLineBreaksInMultiLineTextPass) {
  jzplus::v1::ImportInflowRequest req;
  req.set_csv("jaar;kwartaal\r\n2025;\"Q1\tdeel\"\r\n");
  EXPECT_TRUE(CheckRequestText(req).ok());
  req.set_csv("jaar;kwartaal\r\n2025;Q1\0\r\n"s);
  auto v = ViolationsOf(CheckRequestText(req));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "csv");
  EXPECT_NE(v[0].dutch.find("op regel 2"), std::string::npos) << v[0].dutch;
}

}  // namespace
}  // namespace ozjt::platform
