// The Jeugdzorg Plus use cases against an in-memory store (tests/mocks/jzplus): the rules of an
// import (CSV or rows, not both; all or nothing; a quarter replaced as a whole; validation
// only) and of the report (the region's inflow against the cumulative target, the municipal
// scope, suppression for municipal users and external exports, an unknown municipality),
// without PostgreSQL. The same use cases on PostgreSQL and gRPC are in
// tests/integration/jzplus_pgtest.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/jzplus/monitor.h"
#include "services/platform/status.h"
#include "tests/mocks/jzplus/fake_inflow_store.h"
#include "tests/mocks/request.h"

namespace ozjt::jzplus {
namespace {

// On 25-11-2026: the last quarter that ended is 2026-Q3.
platform::RequestInfo As(platform::Role role, std::string municipality = "") {
  return mocks::RequestAs(role, std::move(municipality), "/ozjt.jzplus.v1.InflowService/Test");
}
const platform::RequestInfo kManager = As(platform::Role::kOzjtContractManager);
const platform::RequestInfo kHengelo = As(platform::Role::kGemeenteContractManager, "0164");

constexpr char kHeader[] = "jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n";

// One CSV line of regular authorisations at the one provider (KvK 90000000).
std::string Line(int year, int quarter, const std::string& municipality, int placements) {
  return absl::StrCat(year, ";", quarter, ";", municipality, ";90000000;machtiging;", placements,
                      ";", placements, "\n");
}

// Placements per quarter of `year` in `municipality`.
std::string Year(int year, const std::string& municipality, const std::vector<int>& quarters) {
  std::string out;
  for (size_t q = 0; q < quarters.size(); ++q) {
    out += Line(year, static_cast<int>(q) + 1, municipality, quarters[q]);
  }
  return out;
}

const YearRow* YearOf(const Report& r, int year) {
  for (const auto& y : r.years) {
    if (y.year == year) return &y;
  }
  return nullptr;
}

std::vector<std::string> FieldsOf(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::ViolationsOf(s)) out.push_back(v.field);
  return out;
}

class JzplusUseCaseTest : public ::testing::Test {
 protected:
  JzplusUseCaseTest() {
    store.municipalities = {{"0153", "Enschede"}, {"0164", "Hengelo"}, {"0200", "Apeldoorn"}};
    store.regions = {{"TWENTE", {"0153", "0164"}}};
    store.providers = {{7, "90000000", "Jeugdzorg Plus De Beek (fictief)"}};
  }
  absl::StatusOr<ImportResult> Import(const std::string& lines, bool validate_only = false) {
    return monitor.Import(kManager, kHeader + lines, {}, validate_only);
  }
  testing::FakeInflowStore store;
  Monitor monitor{store, TargetPolicy{2022, 10}};
};

TEST_F(JzplusUseCaseTest, AnImportNeedsEitherCsvOrRows) {
  InflowRow row{{2025, 1}, "0153", 7, Authorisation::kRegular, 1, 1};
  absl::Status both =
      monitor.Import(kManager, kHeader + Line(2025, 1, "0153", 1), {row}, false).status();
  EXPECT_EQ(both.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(both), std::vector<std::string>{"csv"});
  EXPECT_EQ(FieldsOf(monitor.Import(kManager, "", {}, false).status()),
            std::vector<std::string>{"csv"});
  EXPECT_EQ(store.writes(), 0);
}

TEST_F(JzplusUseCaseTest, AnImportWithAnyRowErrorWritesNothing) {
  ASSERT_TRUE(Import(Line(2025, 1, "0153", 6))->committed);
  absl::StatusOr<ImportResult> result = Import(Line(2025, 1, "0153", 8) + Line(2025, 1, "9999", 1));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->committed);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].line, 3);
  EXPECT_EQ(result->errors[0].field, "gemeente");
  EXPECT_EQ(store.writes(), 1);
  ASSERT_EQ(store.rows().size(), 1u);
  EXPECT_EQ(store.rows()[0].placements, 6);  // the earlier import stays
}

TEST_F(JzplusUseCaseTest, AnImportReplacesItsQuartersAsAWholeAndValidationWritesNothing) {
  ASSERT_TRUE(Import(Line(2025, 1, "0153", 6) + Line(2025, 1, "0164", 2) + Line(2025, 2, "0153", 5))
                  ->committed);
  absl::StatusOr<ImportResult> checked = Import(Line(2025, 1, "0153", 9), true);
  ASSERT_TRUE(checked.ok()) << checked.status();
  EXPECT_FALSE(checked->committed);
  EXPECT_EQ(checked->rows, 1);
  EXPECT_EQ(store.writes(), 1);

  ASSERT_TRUE(Import(Line(2025, 1, "0153", 9))->committed);
  // 2025-Q1 holds only the new row (Hengelo's row of it is gone); 2025-Q2 stays.
  ASSERT_EQ(store.rows().size(), 2u);
  EXPECT_EQ(store.rows()[0].quarter.Code(), "2025-Q1");
  EXPECT_EQ(store.rows()[0].placements, 9);
  EXPECT_EQ(store.rows()[1].quarter.Code(), "2025-Q2");
  EXPECT_EQ(store.audited_quarters(), (std::vector<std::string>{"2025-Q1", "2025-Q2", "2025-Q1"}));
}

TEST_F(JzplusUseCaseTest, TheRegionsInflowIsMeasuredAgainstTheCumulativeTarget) {
  // 2022 (the baseline): 100 placements in the region; 2023: 90, exactly 100 * 0.9. Apeldoorn
  // lies outside Twente: its 50 do not count.
  ASSERT_TRUE(Import(Year(2022, "0153", {25, 25, 20, 20}) + Year(2022, "0164", {0, 0, 5, 5}) +
                     Year(2023, "0153", {22, 23, 22, 23}) + Line(2023, 1, "0200", 50))
                  ->committed);
  absl::StatusOr<Report> report = monitor.ReportFor(kManager, "", false);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->suppressed);
  const YearRow* y2022 = YearOf(*report, 2022);
  const YearRow* y2023 = YearOf(*report, 2023);
  ASSERT_NE(y2022, nullptr);
  ASSERT_NE(y2023, nullptr);
  EXPECT_EQ(y2022->placements.value, 100);
  EXPECT_FALSE(y2022->target_cumulative.available);  // the baseline year has no target
  EXPECT_EQ(y2023->placements.value, 90);
  EXPECT_EQ(y2023->target_cumulative.value, 9000);  // 90.00 in hundredths
  EXPECT_EQ(y2023->target_yoy.value, 9000);
  EXPECT_EQ(y2023->diff_cumulative.value, 0);
  EXPECT_EQ(y2023->on_track_cumulative, std::optional<bool>(true));
  ASSERT_EQ(report->providers.size(), 1u);  // exact output: providers listed
  EXPECT_EQ(report->providers[0].provider_id, 7);
}

TEST_F(JzplusUseCaseTest, AMunicipalUserSeesOnlyItsOwnInflowSuppressed) {
  ASSERT_TRUE(
      Import(Year(2023, "0153", {22, 23, 22, 23}) + Year(2023, "0164", {3, 6, 0, 4}))->committed);
  absl::Status other = monitor.ReportFor(kHengelo, "0153", false).status();
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(platform::DutchOf(other), "U ziet alleen de instroom van uw eigen gemeente (Hengelo).");

  absl::StatusOr<Report> own = monitor.ReportFor(kHengelo, "", false);
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->municipality_code, "0164");
  EXPECT_TRUE(own->suppressed);
  EXPECT_TRUE(own->providers.empty());
  ASSERT_EQ(own->quarters.size(), 4u);
  EXPECT_EQ(own->quarters[0].placements.Shown(), "<5");  // 3
  EXPECT_EQ(own->quarters[1].placements.Shown(), "6");
  EXPECT_EQ(own->quarters[2].placements.Shown(), "0");
}

TEST_F(JzplusUseCaseTest, ExternalOutputIsSuppressedAndAnUnknownMunicipalityIsNamed) {
  ASSERT_TRUE(Import(Year(2023, "0153", {22, 23, 2, 23}))->committed);
  absl::StatusOr<Report> external = monitor.ReportFor(kManager, "0153", true);
  ASSERT_TRUE(external.ok()) << external.status();
  EXPECT_TRUE(external->suppressed);
  EXPECT_EQ(external->quarters[2].placements.Shown(), "<5");
  EXPECT_TRUE(external->providers.empty());

  absl::Status unknown = monitor.ReportFor(kManager, "9999", false).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(unknown), std::vector<std::string>{"municipality_code"});
}

}  // namespace
}  // namespace ozjt::jzplus
