// SQL for the screening service (schema "screening" only). Providers come from the registry's
// Directory, contract existence from the contracts service's ContractDirectory (their public
// interfaces; in-process today). Changes run in ScreeningStore::Write with their audit records in
// the same transaction; so do reads of case content, which are logged as "screening_case.read".
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contracts/contract_directory.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"
#include "services/screening/screening.h"

namespace ozjt::screening {

using registry::ProviderFacts;

// What a contract manager or municipality may see of a decided case.
struct OutcomeRow {
  int64_t case_id = 0;
  int64_t provider_id = 0;
  std::string provider_name;
  Outcome outcome = Outcome::kUnspecified;
  Day decided_on;
  std::optional<Day> valid_until;
  std::string framework_title;
};

struct CaseFilter {
  int64_t provider_id = 0;  // 0: all
  std::optional<CaseStatus> status;
};

class ScreeningTx {
 public:
  ScreeningTx(pqxx::work& tx, const platform::RequestInfo& r) : tx_(tx), request_(r) {}
  Framework InsertFramework(const Framework& f);
  std::optional<Framework> FrameworkById(int64_t id);
  std::optional<ScreeningCase> LockCase(int64_t id);
  std::optional<ScreeningCase> ReadCase(int64_t id);
  std::vector<ScreeningCase> Cases(const CaseFilter& f);
  std::vector<int64_t> RegisteredContracts(int64_t case_id);
  ScreeningCase InsertCase(const ScreeningCase& c);
  ScreeningCase ReplaceCase(const ScreeningCase& before, const ScreeningCase& after);
  // Writes who read what (entity "screening_case.read", id "*" for a list).
  void LogRead(const std::string& entity_id, const std::string& what_json);

 private:
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

class ScreeningStore {
 public:
  // With the in-process registry directory and contract directory on `pool`.
  explicit ScreeningStore(platform::Pool& pool);
  ScreeningStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory,
                 std::unique_ptr<contracts::ContractDirectory> contracts);

  absl::StatusOr<std::vector<Framework>> Frameworks(platform::Deadline d);
  // One provider (empty when absent) or all of them (id 0).
  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id);
  // Whether contract `id` exists (read before a transaction: contracts are never deleted).
  absl::StatusOr<bool> ContractExists(platform::Deadline d, int64_t id);
  // The final decisions (admitted, with conditions, refused), newest first.
  absl::StatusOr<std::vector<OutcomeRow>> Outcomes(platform::Deadline d, int64_t provider_id);

  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(ScreeningTx&)>& fn);

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
  std::unique_ptr<contracts::ContractDirectory> contracts_;
};

}  // namespace ozjt::screening
