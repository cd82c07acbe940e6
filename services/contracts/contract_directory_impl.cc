// The in-process contracts::ContractDirectory: prepared statements on the contracts schema only,
// read on the caller's pool (see contract_directory.h).
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/contracts/contract_directory.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"contract_directory_exists", "SELECT 1 FROM contracts.contract WHERE id = $1"},
      {"contract_directory_titles",
       "SELECT id, reference, title FROM contracts.contract WHERE id = ANY($1::bigint[])"},
      // In two steps: the contracts of the providers, one GIN probe per provider, then their
      // lines. As one join on `provider_ids && $1` the planner misjudges a few hundred
      // providers among 50,000 contracts (a tenth of them, it guesses) and scans every
      // contract and all 500,000 tariff lines: 200-400 ms instead of 2.
      {"contract_directory_contracts_of_providers", R"sql(
        SELECT DISTINCT c.id
          FROM unnest($1::bigint[]) AS p(id)
          JOIN contracts.contract c ON c.provider_ids @> ARRAY[p.id]
         WHERE c.status <> 'draft')sql"},
      {"contract_directory_tariffs_of_contracts", R"sql(
        SELECT c.id, c.reference, array_to_json(c.provider_ids)::text,
               array_to_json(CASE WHEN cardinality(t.municipality_codes) > 0
                                  THEN t.municipality_codes ELSE c.municipality_codes END)::text,
               t.law, t.product_category, t.product_code, t.unit, t.amount_cents,
               t.valid_from, t.valid_to
          FROM contracts.contract c JOIN contracts.tariff_line t ON t.contract_id = c.id
         WHERE c.id = ANY($1::bigint[])
         ORDER BY c.id, t.valid_from, t.id)sql"},
  };
  return kStatements;
}

class DbContractDirectory : public ContractDirectory {
 public:
  explicit DbContractDirectory(platform::Pool& pool) : pool_(pool) {
    pool_.AddStatements(Statements());
  }

  absl::StatusOr<bool> Exists(platform::Deadline d, int64_t id) override {
    bool exists = false;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      exists = !tx.exec_prepared("contract_directory_exists", id).empty();
      return absl::OkStatus();
    }));
    return exists;
  }

  absl::StatusOr<std::vector<ContractTariff>> TariffsOfProviders(
      platform::Deadline d, const std::vector<int64_t>& provider_ids) override {
    std::vector<ContractTariff> out;
    if (provider_ids.empty()) return out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      out.clear();
      std::vector<int64_t> contracts;
      for (const auto& r :
           tx.exec_prepared("contract_directory_contracts_of_providers",
                            absl::StrCat("{", absl::StrJoin(provider_ids, ","), "}"))) {
        contracts.push_back(r[0].as<int64_t>());
      }
      if (contracts.empty()) return absl::OkStatus();
      for (const auto& r :
           tx.exec_prepared("contract_directory_tariffs_of_contracts",
                            absl::StrCat("{", absl::StrJoin(contracts, ","), "}"))) {
        ContractTariff t;
        t.contract_id = r[0].as<int64_t>();
        t.reference = r[1].as<std::string>();
        t.provider_ids = nlohmann::json::parse(r[2].as<std::string>()).get<std::vector<int64_t>>();
        t.municipality_codes =
            nlohmann::json::parse(r[3].as<std::string>()).get<std::vector<std::string>>();
        t.law = r[4].as<std::string>();
        t.category = r[5].as<std::string>();
        t.code = r[6].as<std::string>();
        t.unit = r[7].as<std::string>();
        t.amount_cents = r[8].as<int64_t>();
        (void)absl::ParseCivilTime(r[9].c_str(), &t.valid_from);
        if (!r[10].is_null()) {
          absl::CivilDay to;
          (void)absl::ParseCivilTime(r[10].c_str(), &to);
          t.valid_to = to;
        }
        out.push_back(std::move(t));
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::map<int64_t, ContractTitle>> Titles(
      platform::Deadline d, const std::vector<int64_t>& ids) override {
    std::map<int64_t, ContractTitle> out;
    if (ids.empty()) return out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("contract_directory_titles",
                                            absl::StrCat("{", absl::StrJoin(ids, ","), "}"))) {
        out[r[0].as<int64_t>()] = {r[1].as<std::string>(), r[2].as<std::string>()};
      }
      return absl::OkStatus();
    }));
    return out;
  }

 private:
  platform::Pool& pool_;
};

}  // namespace

std::unique_ptr<ContractDirectory> MakeContractDirectory(platform::Pool& pool) {
  return std::make_unique<DbContractDirectory>(pool);
}

}  // namespace ozjt::contracts
