// Jeugdzorg Plus inflow on PostgreSQL (schema "jzplus"): the only code that knows the inflow
// table. Municipalities and providers come from the registry's Directory, its public interface.
// A quarter is replaced as a whole in one transaction with its audit record.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "services/jzplus/store.h"
#include "services/platform/db.h"
#include "services/registry/directory.h"

namespace ozjt::jzplus {

class PgInflowStore : public InflowStore {
 public:
  // With the in-process registry directory on `pool`. Registers the prepared statements on
  // `pool`.
  explicit PgInflowStore(platform::Pool& pool);
  PgInflowStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory);

  absl::StatusOr<std::map<std::string, std::string>> Municipalities(platform::Deadline d) override;
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) override;
  absl::StatusOr<Registry> LoadRegistry(platform::Deadline d) override;
  absl::StatusOr<std::vector<InflowRow>> Rows(platform::Deadline d,
                                              const std::string& municipality_code,
                                              const std::string& region_code) override;
  absl::Status ReplaceQuarters(const platform::RequestInfo& r, const std::vector<Quarter>& quarters,
                               const std::vector<InflowRow>& rows) override;

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
};

}  // namespace ozjt::jzplus
