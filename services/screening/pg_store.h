// The screening service's storage on PostgreSQL (schema "screening" only; providers come from
// the registry's Directory, contract existence from the contracts service's ContractDirectory,
// their public interfaces, in-process today): the only code that knows this service's tables.
// Methods of the transaction throw libpqxx exceptions on database errors;
// PgScreeningStore::Write turns them into a status and rolls back.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "services/contracts/contract_directory.h"
#include "services/platform/db.h"
#include "services/registry/directory.h"
#include "services/screening/store.h"

namespace ozjt::screening {

class PgScreeningStore : public ScreeningStore {
 public:
  // With the in-process registry directory and contract directory on `pool`; registers the
  // prepared statements.
  explicit PgScreeningStore(platform::Pool& pool);
  PgScreeningStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory,
                   std::unique_ptr<contracts::ContractDirectory> contracts);

  absl::StatusOr<std::vector<Framework>> Frameworks(platform::Deadline d) override;
  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id) override;
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) override;
  absl::StatusOr<bool> ContractExists(platform::Deadline d, int64_t id) override;
  absl::StatusOr<std::vector<OutcomeRow>> Outcomes(platform::Deadline d,
                                                   int64_t provider_id) override;
  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(ScreeningTx&)>& fn) override;

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
  std::unique_ptr<contracts::ContractDirectory> contracts_;
};

}  // namespace ozjt::screening
