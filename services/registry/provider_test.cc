#include "services/registry/provider.h"

#include <gtest/gtest.h>

#include "services/platform/status.h"
#include "tests/mocks/registry/examples.h"

namespace ozjt::registry {
namespace {

ReferenceCodes Refs() { return {{"0153", "0164", "0141"}, {"TWENTE", "IJSSELLAND"}}; }

Provider Valid() {
  Provider p = testing::Esrand();
  p.status = ProviderStatus::kContracted;
  return p;
}

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::ViolationsOf(s)) out.push_back(v.field);
  return out;
}

TEST(ValidateTest, ValidProviderPasses) { EXPECT_TRUE(Validate(Valid(), Refs(), "provider").ok()); }

TEST(ValidateTest, KvkMustBeEightDigits) {
  for (const char* bad : {"1234567", "123456789", "1234567a", ""}) {
    Provider p = Valid();
    p.kvk_number = bad;
    EXPECT_EQ(Fields(Validate(p, Refs(), "provider")),
              std::vector<std::string>{"provider.kvk_number"})
        << bad;
  }
}

TEST(ValidateTest, AgbCodesMustBeEightDigitsAndDistinct) {
  Provider p = Valid();
  p.agb_codes = {"98000131", "9800013", "98000131"};
  EXPECT_EQ(Fields(Validate(p, Refs(), "provider")),
            (std::vector<std::string>{"provider.agb_codes[1]", "provider.agb_codes[2]"}));
}

TEST(ValidateTest, UnknownMunicipalityIsNamedWithItsIndex) {
  Provider p = Valid();
  p.municipality_codes = {"0153", "9999"};
  absl::Status s = Validate(p, Refs(), "provider");
  ASSERT_EQ(platform::ViolationsOf(s).size(), 1u);
  EXPECT_EQ(platform::ViolationsOf(s)[0].field, "provider.municipality_codes[1]");
  EXPECT_EQ(platform::ViolationsOf(s)[0].description, "unknown municipality 9999");
}

TEST(ValidateTest, NameIsRequiredAndLimited) {
  Provider p = Valid();
  p.name = "";
  EXPECT_EQ(Fields(Validate(p, Refs(), "")), std::vector<std::string>{"display_name"});
  p.name = std::string(201, 'x');
  EXPECT_EQ(Fields(Validate(p, Refs(), "")), std::vector<std::string>{"display_name"});
  p.name = std::string(100, 'x') + "\xC3\xA9";  // 101 characters, 102 bytes: fine
  EXPECT_TRUE(Validate(p, Refs(), "").ok());
  p.name = "two\nlines";
  EXPECT_EQ(Fields(Validate(p, Refs(), "")), std::vector<std::string>{"display_name"});
}

TEST(ValidateTest, RequiredEnumsAndLaws) {
  Provider p = Valid();
  p.legal_form = LegalForm::kUnspecified;
  p.tier = Tier::kUnspecified;
  p.laws = {};
  EXPECT_EQ(Fields(Validate(p, Refs(), "")),
            (std::vector<std::string>{"legal_form", "laws", "tier"}));
}

TEST(ValidateTest, RegionTurnoverMayNotExceedTotal) {
  Provider p = Valid();
  p.turnover = {{2024, 100, {{"TWENTE", 60}, {"IJSSELLAND", 50}}}};
  EXPECT_EQ(Fields(Validate(p, Refs(), "")), std::vector<std::string>{"turnover[0].per_region"});
  p.turnover = {{2024, 110, {{"TWENTE", 60}, {"IJSSELLAND", 50}}}};
  EXPECT_TRUE(Validate(p, Refs(), "").ok());
  p.turnover = {{2024, 110, {{"ATLANTIS", 60}}}, {2024, 1, {}}};
  EXPECT_EQ(
      Fields(Validate(p, Refs(), "")),
      (std::vector<std::string>{"turnover[0].per_region[0].region_code", "turnover[1].year"}));
}

TEST(ValidateTest, EstablishmentNumbersAreTwelveDigitsAndUnique) {
  Provider p = Valid();
  p.establishments = {{"000012345678", "A", "", "0153"},
                      {"000012345678", "B", "", ""},
                      {"12345", "C", "1", "9999"}};
  EXPECT_EQ(Fields(Validate(p, Refs(), "")),
            (std::vector<std::string>{
                "establishments[1].establishment_number", "establishments[2].establishment_number",
                "establishments[2].agb_code", "establishments[2].municipality_code"}));
}

TEST(PrepareTest, TrimsAndSorts) {
  Provider p = Valid();
  p.name = "  Zorg  ";
  p.municipality_codes = {"0164", " 0153"};
  ASSERT_TRUE(Prepare(p, Refs(), "").ok());
  EXPECT_EQ(p.name, "Zorg");
  EXPECT_EQ(p.municipality_codes, (std::vector<std::string>{"0153", "0164"}));
}

TEST(LifecycleTest, AllowedAndRefusedTransitions) {
  using S = ProviderStatus;
  EXPECT_TRUE(StatusChangeAllowed(S::kApplicant, S::kContracted));
  EXPECT_TRUE(StatusChangeAllowed(S::kContracted, S::kSuspended));
  EXPECT_TRUE(StatusChangeAllowed(S::kSuspended, S::kContracted));
  EXPECT_TRUE(StatusChangeAllowed(S::kSuspended, S::kEnded));
  EXPECT_FALSE(StatusChangeAllowed(S::kEnded, S::kContracted));
  EXPECT_FALSE(StatusChangeAllowed(S::kApplicant, S::kSuspended));
  EXPECT_FALSE(StatusChangeAllowed(S::kContracted, S::kApplicant));
}

TEST(UpdateMaskTest, KnownPathsParseAndOthersAreRefused) {
  auto f = ParseUpdateMask({"display_name", "status"});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, (std::vector<ProviderField>{ProviderField::kName, ProviderField::kStatus}));
  EXPECT_EQ(ParseUpdateMask({}).status().code(), absl::StatusCode::kInvalidArgument);
  auto bad = ParseUpdateMask({"colour", "version"});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ViolationsOf(bad.status()).size(), 2u);
  EXPECT_EQ(platform::ViolationsOf(bad.status())[0].field, "update_mask");
}

TEST(ApplyUpdateTest, TakesOnlyMaskedFields) {
  Provider current = Valid();
  current.id = 7;
  current.version = 3;
  Provider changes;
  changes.name = "Nieuwe naam";
  changes.tier = Tier::kStrategic;  // not in the mask: ignored
  auto next = ApplyUpdate(current, changes, {ProviderField::kName}, Refs(), "provider");
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->name, "Nieuwe naam");
  EXPECT_EQ(next->tier, Tier::kLocal);
  EXPECT_EQ(next->id, 7);
  EXPECT_EQ(next->version, 3);
}

TEST(ApplyUpdateTest, IllegalStatusChangeIsFailedPrecondition) {
  Provider current = Valid();
  current.status = ProviderStatus::kEnded;
  Provider changes;
  changes.status = ProviderStatus::kContracted;
  EXPECT_EQ(ApplyUpdate(current, changes, {ProviderField::kStatus}, Refs(), "").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(JsonTest, RoundTrips) {
  Provider p = Valid();
  p.id = 12;
  p.version = 4;
  p.establishments = {{"000012345678", "Loc \"1\"", "98000131", "0153"}};
  p.turnover = {{2024, 1000, {{"TWENTE", 900}}}};
  p.create_time = absl::FromUnixMicros(1700000000123456);
  p.update_time = absl::FromUnixMicros(1700000001000000);
  auto back = FromJson(ToJson(p));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(SameData(p, *back));
  EXPECT_EQ(back->id, 12);
  EXPECT_EQ(back->version, 4);
  EXPECT_EQ(back->create_time, p.create_time);
}

// Found by the fuzzer: a float where an integer is stored (2.02e118 as a year) was converted
// with undefined behaviour. Stored bodies hold integers only; anything else is refused.
TEST(JsonTest, StoredBodyWithAFloatIsRefused) {
  Provider p = Valid();
  p.turnover = {{2024, 1000, {{"TWENTE", 900}}}};
  std::string text = ToJson(p);
  const std::string year = "\"year\":2024";
  ASSERT_NE(text.find(year), std::string::npos) << text;
  text.replace(text.find(year), year.size(), "\"year\":2.02e118");
  EXPECT_EQ(FromJson(text).status().code(), absl::StatusCode::kInternal);
  EXPECT_TRUE(FromJson(ToJson(p)).ok());
}

}  // namespace
}  // namespace ozjt::registry
