// The account-holding-region service's storage on PostgreSQL (schema "accountregion" only;
// providers, their turnover and the regions come from the registry's Directory, its public
// interface): the only code that knows this service's tables. Methods of the transaction
// throw libpqxx exceptions on database errors; PgAccountRegionStore::Write turns them into a
// status and rolls back.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/accountregion/store.h"
#include "services/platform/db.h"
#include "services/registry/directory.h"

namespace ozjt::accountregion {

class PgAccountRegionStore : public AccountRegionStore {
 public:
  // With the in-process registry directory on `pool`; registers the prepared statements.
  explicit PgAccountRegionStore(platform::Pool& pool);
  PgAccountRegionStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory);

  absl::StatusOr<std::vector<std::string>> Regions(platform::Deadline d) override;
  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id) override;
  absl::StatusOr<std::vector<Assignment>> Assignments(platform::Deadline d,
                                                      int64_t provider_id) override;
  absl::StatusOr<std::vector<FinancialStatement>> Statements(platform::Deadline d,
                                                             int64_t provider_id) override;
  absl::StatusOr<std::vector<Signal>> Signals(platform::Deadline d, int64_t provider_id) override;
  absl::StatusOr<std::vector<ContinuityCase>> Cases(platform::Deadline d, int64_t provider_id,
                                                    bool open_only) override;
  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(AccountRegionTx&)>& fn) override;

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
};

// JSON of a case (storage and audit), and back.
std::string ToJson(const ContinuityCase& c);
absl::StatusOr<ContinuityCase> CaseFromJson(absl::string_view json);

}  // namespace ozjt::accountregion
