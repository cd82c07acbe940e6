// The account-holding-region use cases against an in-memory store (tests/mocks/accountregion):
// validation with the field it concerns, the municipal scope, one statement per period, one
// open case per provider, the version check on cases and nothing written on a refusal, without
// PostgreSQL. The same use cases on PostgreSQL and gRPC are in the integration tests.
#include <gtest/gtest.h>

#include "services/accountregion/accountregion.h"
#include "services/platform/status.h"
#include "tests/mocks/accountregion/fake_account_region_store.h"
#include "tests/mocks/request.h"

namespace ozjt::accountregion {
namespace {

const Day kToday(2026, 11, 25);

platform::RequestInfo As(platform::Role role, std::string municipality = "") {
  platform::RequestInfo r = mocks::RequestAs(role, std::move(municipality),
                                             "/ozjt.accountregion.v1.AccountRegionService/Test");
  r.today = kToday;
  return r;
}
const platform::RequestInfo kManager = As(platform::Role::kOzjtContractManager);
const platform::RequestInfo kEnschede = As(platform::Role::kGemeenteContractManager, "0153");
const platform::RequestInfo kHengelo = As(platform::Role::kGemeenteContractManager, "0164");

constexpr int64_t kEsrand = 7;  // active in Enschede (0153) only

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::ViolationsOf(s)) out.push_back(v.field);
  return out;
}

class AccountRegionUseCaseTest : public ::testing::Test {
 protected:
  AccountRegionUseCaseTest() {
    ProviderFacts esrand;
    esrand.id = kEsrand;
    esrand.name = "Jeugdhulp Esrand (fictief)";
    esrand.municipality_codes = {"0153"};
    esrand.turnover.per_region[2025] = {{"TWENTE", 300'000'000}, {"IJSSELLAND", 100'000'000}};
    esrand.turnover.total[2025] = 400'000'000;
    store.AddProvider(esrand);
  }
  // An open case of Esrand at step 1, as stored.
  ContinuityCase OpenEsrandCase() {
    absl::StatusOr<CaseView> v =
        regions.Open(kManager, kEsrand, 1, Day(2026, 11, 1), std::nullopt, "Melding ontvangen");
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? v->c : ContinuityCase{};
  }

  testing::FakeAccountRegionStore store;
  AccountRegions regions{store, store.regions, RatioThresholds{}};
};

TEST_F(AccountRegionUseCaseTest, AnInvalidSignalNamesItsFieldsAndIsNotStored) {
  Signal s;
  s.provider_id = kEsrand;
  s.source = "media";
  s.category = "liquidity";
  s.description = "   ";
  s.reported_date = Day(2026, 12, 1);  // after today
  absl::StatusOr<Signal> stored = regions.AddSignal(kManager, s);
  EXPECT_EQ(stored.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(stored.status()),
            (std::vector<std::string>{"signal.description", "signal.reported_date"}));
  EXPECT_TRUE(store.signals().empty());
  EXPECT_EQ(store.writes(), 0);

  s.description = "Liquiditeitstekort gemeld";
  s.reported_date = Day(2026, 11, 20);
  stored = regions.AddSignal(kManager, s);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->recorded_by, "tester");
  EXPECT_EQ(store.signals().size(), 1u);
}

TEST_F(AccountRegionUseCaseTest, AnAssignmentToAnUnknownRegionIsRefusedOnItsField) {
  Assignment a{kEsrand, "NERGENSLAND", AssignmentBasis::kAgreed, Day(2026, 1, 1), std::nullopt, ""};
  absl::StatusOr<Assignment> stored = regions.Assign(kManager, a);
  EXPECT_EQ(stored.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(stored.status()), (std::vector<std::string>{"assignment.region_code"}));
  EXPECT_TRUE(store.assignments().empty());

  a.region_code = "IJSSELLAND";
  ASSERT_TRUE(regions.Assign(kManager, a).ok());
  absl::StatusOr<AccountRegion> region = regions.Get(kManager, kEsrand);
  ASSERT_TRUE(region.ok()) << region.status();
  EXPECT_EQ(region->region_code, "IJSSELLAND");  // the assignment over the derived TWENTE
  EXPECT_EQ(region->derived.region_code, "TWENTE");
}

TEST_F(AccountRegionUseCaseTest, AMunicipalUserSeesOnlyItsOwnProvidersAndNoFigures) {
  EXPECT_EQ(regions.Get(kHengelo, kEsrand).status().code(), absl::StatusCode::kNotFound);
  Signal s{0, kEsrand, "media", "liquidity", "Bericht in de krant", Day(2026, 11, 20), std::nullopt,
           ""};
  EXPECT_EQ(regions.AddSignal(kHengelo, s).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store.writes(), 0);

  absl::StatusOr<AccountRegion> seen = regions.Get(kEnschede, kEsrand);
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->region_code, "TWENTE");
  EXPECT_TRUE(seen->financial_figures_withheld);
  EXPECT_EQ(seen->latest_turnover_cents, 0);
  EXPECT_EQ(regions.Get(kManager, kEsrand)->latest_turnover_cents, 400'000'000);
}

TEST_F(AccountRegionUseCaseTest, ASecondStatementForAPeriodIsRefusedAndTheFirstStays) {
  FinancialStatement s{kEsrand, "2025", 10'000, 40'000, 9'000, 5'000, 30'000, 500};
  ASSERT_TRUE(regions.AddStatement(kManager, s).ok());
  FinancialStatement again = s;
  again.equity = 1;
  EXPECT_EQ(regions.AddStatement(kManager, again).status().code(),
            absl::StatusCode::kAlreadyExists);
  ASSERT_EQ(store.statements().size(), 1u);
  EXPECT_EQ(store.statements()[0].equity, 10'000);
}

TEST_F(AccountRegionUseCaseTest, AProviderHasAtMostOneOpenCase) {
  OpenEsrandCase();
  absl::StatusOr<CaseView> second =
      regions.Open(kManager, kEsrand, 2, Day(2026, 11, 2), std::nullopt, "Nog een");
  EXPECT_EQ(second.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store.cases().size(), 1u);
  EXPECT_EQ(store.writes(), 1);
}

TEST_F(AccountRegionUseCaseTest, AStaleVersionIsAbortedAndTheCaseStays) {
  const ContinuityCase opened = OpenEsrandCase();
  ASSERT_TRUE(
      regions.Move(kManager, opened.id, 2, Day(2026, 11, 10), std::nullopt, "Gesprek", 1).ok());
  absl::StatusOr<CaseView> stale =
      regions.Move(kManager, opened.id, 3, Day(2026, 11, 20), Day(2026, 12, 31), "Te laat", 1);
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store.cases().at(opened.id).version, 2);
  EXPECT_EQ(store.cases().at(opened.id).step, 2);
}

TEST_F(AccountRegionUseCaseTest, AChangeToAResolvedCaseIsRefusedAndNothingIsWritten) {
  const ContinuityCase opened = OpenEsrandCase();
  CaseUpdate resolve;
  resolve.resolve = true;
  absl::StatusOr<CaseView> resolved = regions.Update(kManager, opened.id, resolve, 1);
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(resolved->c.status, CaseStatus::kResolved);
  const int writes = store.writes();

  CaseUpdate action;
  action.action = CaseAction{Day(2026, 11, 24), "Nog een gesprek", ""};
  EXPECT_EQ(regions.Update(kManager, opened.id, action, 2).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.writes(), writes);
  EXPECT_TRUE(store.cases().at(opened.id).actions.empty());
  EXPECT_EQ(store.cases().at(opened.id).version, 2);

  CaseUpdate both = action;
  both.resolve = true;
  absl::StatusOr<CaseView> two = regions.Update(kManager, opened.id, both, 2);
  EXPECT_EQ(two.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(two.status()), (std::vector<std::string>{"action"}));
}

TEST_F(AccountRegionUseCaseTest, AMunicipalUserSeesOnlyWhetherACaseIsOpenAndItsStep) {
  const ContinuityCase opened = OpenEsrandCase();
  CaseUpdate action;
  action.action = CaseAction{Day(2026, 11, 24), "Herstelplan opgevraagd", ""};
  ASSERT_TRUE(regions.Update(kManager, opened.id, action, 1).ok());

  absl::StatusOr<std::vector<CaseView>> seen = regions.Cases(kEnschede, 0, false);
  ASSERT_TRUE(seen.ok()) << seen.status();
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_TRUE((*seen)[0].restricted);
  EXPECT_EQ((*seen)[0].provider_name, "Jeugdhulp Esrand (fictief)");
  EXPECT_EQ((*seen)[0].c.step, 1);
  EXPECT_TRUE((*seen)[0].c.actions.empty());
  EXPECT_TRUE(regions.Cases(kHengelo, 0, false)->empty());
  EXPECT_EQ((*regions.Cases(kManager, 0, false))[0].c.actions.size(), 1u);
}

}  // namespace
}  // namespace ozjt::accountregion
