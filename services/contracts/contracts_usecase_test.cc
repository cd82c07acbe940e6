// The contracts service's use cases (contracts.h) against an in-memory store
// (tests/mocks/contracts): the rules of Create (field checks, a free reference, the award gate,
// nothing written on a refusal), the municipal scope of Get and List, and Exercise (the worked
// example of docs/domain.md, the version check), without PostgreSQL. The same use cases on
// PostgreSQL and gRPC are in tests/integration/contracts_test (contracts_pgtest).
#include <gtest/gtest.h>

#include "services/contracts/contracts.h"
#include "services/platform/status.h"
#include "tests/mocks/contracts/examples.h"
#include "tests/mocks/contracts/fake_contract_store.h"
#include "tests/mocks/request.h"

namespace ozjt::contracts {
namespace {

platform::RequestInfo As(platform::Role role, std::string municipality = "",
                         Day today = Day(2024, 10, 1)) {
  platform::RequestInfo r =
      mocks::RequestAs(role, std::move(municipality), "/ozjt.contracts.v1.ContractService/Test");
  r.today = today;
  return r;
}
const platform::RequestInfo kManager = As(platform::Role::kOzjtContractManager);
const platform::RequestInfo kHengelo = As(platform::Role::kGemeenteContractManager, "0164");

// The worked example of docs/domain.md, with its provider.
Contract Medicatiecontrole() {
  Contract c = testing::Medicatiecontrole();
  c.provider_ids = {3};
  return c;
}

class ContractsUseCaseTest : public ::testing::Test {
 protected:
  ContractsUseCaseTest() { store.fake_directory().providers = {{3, "Zorggroep Twente (fictief)"}}; }

  testing::FakeContractStore store;
  Contracts contracts{store, *store.LoadContractRefs(platform::NoDeadline()), TariffRefs{}, 14};
};

TEST_F(ContractsUseCaseTest, CreateStoresTheContractAtVersionOne) {
  absl::StatusOr<Contract> c = contracts.Create(kManager, Medicatiecontrole());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->version, 1);
  EXPECT_EQ(store.contracts().size(), 1u);
  EXPECT_EQ(store.writes(), 1);
  ASSERT_EQ(store.audits().size(), 1u);
  EXPECT_EQ(store.audits()[0].type, "contract");
}

TEST_F(ContractsUseCaseTest, AnEndBeforeTheStartIsRefusedNamingTheFieldAndNothingIsWritten) {
  Contract c = Medicatiecontrole();
  c.end_date = Day(2021, 12, 31);
  absl::Status s = contracts.Create(kManager, c).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  const auto violations = platform::ViolationsOf(s);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "contract.end_date");
  EXPECT_EQ(violations[0].dutch, "De einddatum (31-12-2021) ligt voor de begindatum (01-01-2022).");
  EXPECT_EQ(store.writes(), 0);
  EXPECT_TRUE(store.contracts().empty());
}

TEST_F(ContractsUseCaseTest, AReferenceAlreadyTakenIsRefusedAndNothingIsWritten) {
  ASSERT_TRUE(contracts.Create(kManager, Medicatiecontrole()).ok());
  Contract again = Medicatiecontrole();
  again.title = "Een ander contract";
  absl::Status s = contracts.Create(kManager, again).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(platform::DutchOf(s),
            "Kenmerk MC-2022 is al in gebruik bij een ander contract; kies een ander kenmerk.");
  EXPECT_EQ(store.contracts().size(), 1u);
  EXPECT_EQ(store.writes(), 1);
}

TEST_F(ContractsUseCaseTest, AwardingWithoutAdmittingScreeningNamesTheProviderAndLeavesNothing) {
  Contract c = Medicatiecontrole();
  c.status = ContractStatus::kAwarded;
  absl::Status s = contracts.Create(kManager, c).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(
      platform::DutchOf(s).find("Zorggroep Twente (fictief) heeft geen KIT-screeningsbesluit"),
      std::string::npos)
      << platform::DutchOf(s);
  EXPECT_EQ(store.writes(), 0);
  EXPECT_TRUE(store.contracts().empty());
  EXPECT_TRUE(store.audits().empty());

  store.admitting[3] = 41;  // an admitting decision, case 41
  ASSERT_TRUE(contracts.Create(kManager, c).ok());
  EXPECT_EQ(store.audits().back().type, "screening_award_registration");
  EXPECT_EQ(store.audits().back().id, 41);
}

TEST_F(ContractsUseCaseTest, AMunicipalCallerSeesOnlyContractsOfItsOwnMunicipality) {
  const Contract enschede = *contracts.Create(kManager, Medicatiecontrole());
  Contract h = Medicatiecontrole();
  h.reference = "HO-2023";
  h.participations = {{"0164", Day(2022, 1, 1), std::nullopt}};
  const Contract hengelo = *contracts.Create(kManager, h);

  absl::StatusOr<ContractPage> page = contracts.List(kHengelo, ContractFilter{}, 0, "");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->contracts.size(), 1u);
  EXPECT_EQ(page->contracts[0].id, hengelo.id);
  EXPECT_EQ(contracts.Get(kHengelo, enschede.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(contracts.Get(kHengelo, hengelo.id).ok());

  ContractFilter other;
  other.municipality_code = "0153";
  absl::Status s = contracts.List(kHengelo, other, 0, "").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(platform::DutchOf(s), "U ziet alleen de contracten van uw eigen gemeente (Hengelo).");
}

TEST_F(ContractsUseCaseTest, ExercisingAnOptionMovesTheEndDateAndIsRecorded) {
  const Contract created = *contracts.Create(kManager, Medicatiecontrole());
  absl::StatusOr<Contract> first =
      contracts.Exercise(kManager, created.id, 1, Day(2024, 9, 16), "aangetekend RR123", "", 1);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->end_date, Day(2025, 12, 31));
  EXPECT_EQ(first->version, 2);
  EXPECT_EQ(store.contracts().at(created.id).end_date, Day(2025, 12, 31));
  ASSERT_EQ(store.mutations().size(), 1u);
  EXPECT_EQ(store.mutations()[0].kind, "option_exercised");
  EXPECT_NE(store.mutations()[0].detail_json.find("\"new_end_date\":\"2025-12-31\""),
            std::string::npos)
      << store.mutations()[0].detail_json;
  EXPECT_EQ(store.audits().back().type, "option_exercise");
}

TEST_F(ContractsUseCaseTest, ANoticeAfterTheDeadlineOrAStaleVersionChangesNothing) {
  const Contract created = *contracts.Create(kManager, Medicatiecontrole());
  // The last day to give notice was 30-09-2024.
  absl::Status late =
      contracts.Exercise(kManager, created.id, 1, Day(2024, 10, 1), "RR123", "", 1).status();
  EXPECT_EQ(late.code(), absl::StatusCode::kInvalidArgument);
  absl::Status stale =
      contracts.Exercise(kManager, created.id, 1, Day(2024, 9, 16), "RR123", "", 7).status();
  EXPECT_EQ(stale.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(store.contracts().at(created.id).end_date, Day(2024, 12, 31));
  EXPECT_EQ(store.contracts().at(created.id).version, 1);
  EXPECT_TRUE(store.mutations().empty());
  EXPECT_EQ(store.writes(), 1);
}

}  // namespace
}  // namespace ozjt::contracts
