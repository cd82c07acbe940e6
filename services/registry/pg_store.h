// The registry's storage on PostgreSQL (schema "registry"): the only code that knows the
// registry's tables. Methods of the transaction throw libpqxx exceptions on database errors;
// PgProviderStore::Write turns them into a status and rolls back.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "services/platform/db.h"
#include "services/platform/versioned_cache.h"
#include "services/registry/store.h"

namespace ozjt::registry {

class PgProviderStore : public ProviderStore {
 public:
  // Registers the prepared statements on `pool`.
  explicit PgProviderStore(platform::Pool& pool);

  absl::StatusOr<ReferenceCodes> LoadReferenceCodes(platform::Deadline deadline) override;
  absl::StatusOr<Provider> Get(platform::Deadline deadline, int64_t id) override;
  absl::StatusOr<std::vector<Provider>> List(platform::Deadline deadline,
                                             const ProviderQuery& q) override;
  absl::StatusOr<std::vector<ProviderVersion>> History(platform::Deadline deadline, int64_t id,
                                                       int64_t before_version, int limit) override;
  absl::Status Write(const platform::RequestInfo& request,
                     const std::function<absl::Status(ProviderTx&)>& fn) override;
  absl::StatusOr<std::vector<Municipality>> Municipalities(platform::Deadline deadline) override;
  absl::StatusOr<std::vector<Region>> Regions(platform::Deadline deadline) override;
  absl::StatusOr<std::vector<ProductCategory>> ProductCategories(
      platform::Deadline deadline) override;
  absl::StatusOr<std::vector<Unit>> Units(platform::Deadline deadline) override;
  absl::StatusOr<std::vector<JointTask>> JointTasks(platform::Deadline deadline) override;

 private:
  platform::Pool& pool_;
  // Providers as Get last read them (by version and update time).
  platform::VersionedCache<Provider> cache_{20000};
};

}  // namespace ozjt::registry
