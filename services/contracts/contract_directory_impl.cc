// The in-process contracts::ContractDirectory: prepared statements on the contracts schema only,
// read on the caller's pool (see contract_directory.h).
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
