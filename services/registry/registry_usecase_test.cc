// The registry's use cases against an in-memory store (tests/mocks/registry): the rules of
// Create and Update (duplicate KvK, version check, nothing written on a refusal, no new version
// for an unchanged provider) and the municipal scope, without PostgreSQL. The same use cases on
// PostgreSQL and gRPC are in tests/integration/registry_pgtest.
#include <gtest/gtest.h>

#include "services/registry/registry.h"
#include "tests/mocks/registry/examples.h"
#include "tests/mocks/registry/fake_provider_store.h"
#include "tests/mocks/request.h"

namespace ozjt::registry {
namespace {

platform::RequestInfo As(platform::Role role, std::string municipality = "") {
  return mocks::RequestAs(role, std::move(municipality), "/ozjt.registry.v1.ProviderRegistry/Test");
}
const platform::RequestInfo kManager = As(platform::Role::kOzjtContractManager);
const platform::RequestInfo kHengelo = As(platform::Role::kGemeenteContractManager, "0164");

using testing::Esrand;

class RegistryUseCaseTest : public ::testing::Test {
 protected:
  testing::FakeProviderStore store;
  Registry registry{store, store.refs};
};

TEST_F(RegistryUseCaseTest, CreateStoresAnApplicantAtVersionOne) {
  absl::StatusOr<Provider> p = registry.Create(kManager, Esrand());
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->version, 1);
  EXPECT_EQ(p->status, ProviderStatus::kApplicant);
  EXPECT_EQ(store.providers().size(), 1u);
  EXPECT_EQ(store.writes(), 1);
}

TEST_F(RegistryUseCaseTest, ADuplicateKvkIsRefusedAndNothingIsWritten) {
  ASSERT_TRUE(registry.Create(kManager, Esrand()).ok());
  Provider again = Esrand();
  again.name = "Een ander (fictief)";
  EXPECT_EQ(registry.Create(kManager, again).status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(store.providers().size(), 1u);
  EXPECT_EQ(store.writes(), 1);
}

TEST_F(RegistryUseCaseTest, AnInvalidProviderNeverReachesTheStore) {
  Provider bad = Esrand();
  bad.kvk_number = "123";
  EXPECT_EQ(registry.Create(kManager, bad).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store.writes(), 0);
}

TEST_F(RegistryUseCaseTest, AStaleVersionIsAbortedAndTheStoredProviderStays) {
  const Provider created = *registry.Create(kManager, Esrand());
  Provider changes;
  changes.name = "Jeugdhulp Esrand BV (fictief)";
  ASSERT_TRUE(registry.Update(kManager, created.id, 1, changes, {"display_name"}).ok());
  changes.name = "Verloren wijziging";
  EXPECT_EQ(registry.Update(kManager, created.id, 1, changes, {"display_name"}).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(store.providers().at(created.id).name, "Jeugdhulp Esrand BV (fictief)");
  EXPECT_EQ(store.providers().at(created.id).version, 2);
}

TEST_F(RegistryUseCaseTest, AnUnchangedProviderGetsNoNewVersion) {
  const Provider created = *registry.Create(kManager, Esrand());
  Provider same;
  same.name = created.name;
  absl::StatusOr<Provider> p = registry.Update(kManager, created.id, 1, same, {"display_name"});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->version, 1);
  EXPECT_EQ(store.writes(), 2);  // the create, and a transaction that stored nothing
  EXPECT_EQ(store.providers().at(created.id).version, 1);
}

TEST_F(RegistryUseCaseTest, AMunicipalUserDoesNotSeeOrChangeAnotherMunicipalitysProvider) {
  const Provider created = *registry.Create(kManager, Esrand());  // active in 0153 only
  EXPECT_EQ(registry.Get(kHengelo, created.id).status().code(), absl::StatusCode::kNotFound);
  Provider changes;
  changes.name = "Overgenomen";
  EXPECT_EQ(registry.Update(kHengelo, created.id, 1, changes, {"display_name"}).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store.providers().at(created.id).name, created.name);
  EXPECT_TRUE(registry.Get(As(platform::Role::kGemeenteContractManager, "0153"), created.id).ok());
}

}  // namespace
}  // namespace ozjt::registry
