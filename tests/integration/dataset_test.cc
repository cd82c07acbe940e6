// Bulk import of a dataset (ozjt-admin import-dataset) on real PostgreSQL, and the agenda's
// region filter over imported data: a fictitious region with two municipalities, a provider
// and a contract ending in the agenda window.
#include "clients/admin/dataset.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/contracts/contract.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ct = contracts::v1;
namespace reg = registry::v1;
using contracts::Day;
using platform::Role;
using testing::TestServer;

// Writes one table's rows (plain field values; "\\N" is null) as `<table>.copy` in `dir`.
void WriteTable(const std::filesystem::path& dir, const std::string& table,
                const std::vector<std::vector<std::string>>& rows) {
  std::ofstream out(dir / (table + ".copy"));
  for (const auto& row : rows) {
    std::vector<std::string> escaped;
    for (const auto& f : row) escaped.push_back(f == "\\N" ? f : admin::CopyField(f));
    out << admin::CopyRow(escaped);
  }
}

std::string ContractBody(int64_t id, const std::string& reference, int64_t provider) {
  contracts::Contract c;
  c.id = id;
  c.version = 1;
  c.reference = reference;
  c.title = "Jeugdhulp ambulant\tRegio\\Fictief";  // a tab and a backslash travel escaped
  c.kind = contracts::ContractKind::kSingle;
  c.domain = contracts::ContractDomain::kJeugdwet;
  c.family = contracts::ContractFamily::kGeneral;
  c.provider_ids = {provider};
  c.participations = {{"2901", Day(2025, 4, 1), std::nullopt},
                      {"2902", Day(2025, 4, 1), std::nullopt}};
  c.start_date = Day(2025, 4, 1);
  c.end_date = Day(2027, 3, 31);
  c.status = contracts::ContractStatus::kActive;
  contracts::ContractRefs refs{{"2901", "2902"}, {}};
  EXPECT_TRUE(contracts::Prepare(c, refs, "").ok());
  return contracts::ToJson(c);
}

// A dataset in a fresh directory; `amount` is its one tariff line's amount.
std::filesystem::path Dataset(const std::string& name, const std::string& amount) {
  const auto dir = std::filesystem::temp_directory_path() / ("ozjt-dataset-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  WriteTable(dir, "registry.region", {{"FICTIEF-01", "Regio fictief 01"}});
  WriteTable(dir, "registry.municipality",
             {{"2901", "Gemeente 2901 (fictief)", "FICTIEF-01"},
              {"2902", "Gemeente 2902 (fictief)", "FICTIEF-01"}});
  WriteTable(dir, "registry.provider",
             {{"900001", "79000001", "Jeugdhulp Fictief", "stichting", "{jeugdwet}", "local",
               "contracted"}});
  WriteTable(dir, "registry.provider_municipality", {{"900001", "2901"}});
  WriteTable(dir, "contracts.contract",
             {{"900001", "FICTIEF-2025-1", "Jeugdhulp ambulant\tRegio\\Fictief", "single", "\\N",
               "general", "active", "2025-04-01", "2027-03-31", "{900001}", "{2901,2902}",
               ContractBody(900001, "FICTIEF-2025-1", 900001)}});
  WriteTable(dir, "contracts.tariff_line",
             {{"900001", "900001", "jeugdwet", "inspanningsgericht", "45", "45A01", "Ambulant",
               "04", amount, "{}", "2025-04-01", "\\N", "2025", "\\N", "import"}});
  return dir;
}

int64_t Count(const std::string& conninfo, const std::string& sql) {
  pqxx::connection c(conninfo);
  pqxx::nontransaction tx(c);
  return tx.exec1(sql)[0].as<int64_t>();
}

class DatasetTest : public testing::ServerSuite {
 protected:
  // A provider created by an administrator through the registry.
  static reg::Provider CreateProvider(reg::ProviderRegistry::Stub& registry, const std::string& kvk,
                                      const std::string& name) {
    reg::CreateProviderRequest create;
    *create.mutable_provider() = testing::MinimalProvider(kvk, name);
    reg::Provider created;
    grpc::Status st = registry.CreateProvider(
        TestServer::Context(server_->Token(Role::kAdmin)).get(), create, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return created;
  }
};

TEST_F(DatasetTest, BadRowImportsNothingAndNamesFileLineAndRule) {
  auto report = admin::ImportDataset(db_->conninfo(), Dataset("bad", "0"), "test");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(report.status().message().find("contracts.tariff_line.copy line 1"), std::string::npos)
      << report.status();
  EXPECT_NE(report.status().message().find("amount_cents"), std::string::npos) << report.status();
  EXPECT_EQ(
      Count(db_->conninfo(), "SELECT count(*) FROM registry.region WHERE code = 'FICTIEF-01'"), 0);
  EXPECT_EQ(Count(db_->conninfo(), "SELECT count(*) FROM registry.provider WHERE id = 900001"), 0);

  const auto missing = admin::ImportDataset(db_->conninfo(), "/nonexistent/dir", "test");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
}

// The services keep a provider they read while its version and update time stay (registry's
// pg_store.cc): an import that adds municipalities to a known provider must show at once.
TEST_F(DatasetTest, MunicipalitiesAddedToAKnownProviderShowInItsNextRead) {
  auto registry = reg::ProviderRegistry::NewStub(server_->Channel());
  const reg::Provider created = CreateProvider(*registry, "79000077", "Al bekend");
  ASSERT_FALSE(created.name().empty());
  const std::string manager = server_->Token(Role::kOzjtContractManager);
  reg::GetProviderRequest get;
  get.set_name(created.name());
  reg::Provider before;
  ASSERT_TRUE(registry->GetProvider(TestServer::Context(manager).get(), get, &before).ok());
  EXPECT_EQ(before.municipality_codes_size(), 0);

  const auto dir = std::filesystem::temp_directory_path() / "ozjt-dataset-known-provider";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string id = created.name().substr(created.name().find('/') + 1);
  WriteTable(dir, "registry.provider_municipality", {{id, "0153"}});
  auto report = admin::ImportDataset(db_->conninfo(), dir, "system:test");
  ASSERT_TRUE(report.ok()) << report.status();

  reg::Provider after;
  ASSERT_TRUE(registry->GetProvider(TestServer::Context(manager).get(), get, &after).ok());
  EXPECT_EQ(std::vector<std::string>(after.municipality_codes().begin(),
                                     after.municipality_codes().end()),
            std::vector<std::string>{"0153"});
}

TEST_F(DatasetTest, ImportsAuditsMovesSequencesAndFeedsTheRegionAgenda) {
  const std::string conninfo = db_->conninfo();
  const int64_t audits_before =
      Count(conninfo, "SELECT count(*) FROM audit.audit_record WHERE entity_type = 'dataset'");
  auto report = admin::ImportDataset(conninfo, Dataset("good", "8150"), "system:test");
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->total_rows, 7);
  EXPECT_EQ(
      Count(conninfo, "SELECT count(*) FROM audit.audit_record WHERE entity_type = 'dataset'"),
      audits_before + 1);
  EXPECT_EQ(Count(conninfo,
                  "SELECT count(*) FROM contracts.contract "
                  "WHERE title = E'Jeugdhulp ambulant\\tRegio\\\\Fictief'"),
            1);

  // Importing the same rows again: the database refuses, nothing changes.
  auto again = admin::ImportDataset(conninfo, Dataset("good", "8150"), "system:test");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition) << again.status();
  EXPECT_EQ(Count(conninfo, "SELECT count(*) FROM registry.provider WHERE id = 900001"), 1);

  // The services read the imported rows; ids handed out later come after them.
  auto contracts = ct::ContractService::NewStub(server_->Channel());
  auto registry = reg::ProviderRegistry::NewStub(server_->Channel());
  const std::string manager = server_->Token(Role::kOzjtContractManager);
  ct::GetContractRequest get;
  get.set_name("contracts/900001");
  ct::Contract contract;
  ASSERT_TRUE(contracts->GetContract(TestServer::Context(manager).get(), get, &contract).ok());
  EXPECT_EQ(contract.reference(), "FICTIEF-2025-1");
  EXPECT_EQ(CreateProvider(*registry, "79000002", "Na de import").name(), "providers/900002");

  // The agenda by region: the imported contract ends in the window and is in FICTIEF-01 only.
  auto agenda_of = [&](const std::string& region, const std::string& municipality) {
    ct::ListAgendaRequest req;
    req.set_region_code(region);
    req.set_municipality_code(municipality);
    ct::ListAgendaResponse resp;
    grpc::Status st = contracts->ListAgenda(TestServer::Context(manager).get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::set<std::string> references;
    for (const auto& i : resp.items()) references.insert(i.contract_reference());
    return references;
  };
  EXPECT_EQ(agenda_of("FICTIEF-01", ""), std::set<std::string>{"FICTIEF-2025-1"});
  EXPECT_EQ(agenda_of("TWENTE", "").count("FICTIEF-2025-1"), 0u);
  EXPECT_EQ(agenda_of("", "").count("FICTIEF-2025-1"), 1u);
  // Both filters: a municipality outside the region gives nothing. (Municipalities an import
  // adds are known to the services from their next start: reference data is loaded then.)
  EXPECT_TRUE(agenda_of("FICTIEF-01", "0153").empty());

  ct::ListAgendaRequest unknown;
  unknown.set_region_code("NERGENS");
  ct::ListAgendaResponse resp;
  grpc::Status st = contracts->ListAgenda(TestServer::Context(manager).get(), unknown, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ViolationFields(st), std::vector<std::string>{"region_code"});

  // A municipal user with the region filter still sees its own municipality only.
  ct::ListAgendaRequest own;
  own.set_region_code("FICTIEF-01");
  ASSERT_TRUE(
      contracts
          ->ListAgenda(
              TestServer::Context(server_->Token(Role::kGemeenteContractManager, "0153")).get(),
              own, &resp)
          .ok());
  EXPECT_EQ(resp.items_size(), 0);
}

}  // namespace
}  // namespace ozjt
