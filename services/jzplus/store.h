// SQL for Jeugdzorg Plus inflow (schema "jzplus" only; municipalities and providers come from
// the registry's Directory, its public interface). A quarter is replaced as a whole in one
// transaction with its audit record.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/jzplus/inflow.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"

namespace ozjt::jzplus {

struct Registry {
  std::map<std::string, std::string> municipalities;  // CBS code -> name
  std::map<std::string, int64_t> provider_by_kvk;
  std::map<int64_t, std::string> provider_names;
};

class InflowStore {
 public:
  // With the in-process registry directory on `pool`.
  explicit InflowStore(platform::Pool& pool);
  InflowStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory);
  // CBS code -> name of every municipality.
  absl::StatusOr<std::map<std::string, std::string>> Municipalities(platform::Deadline d);
  // Id -> name of the providers `ids`.
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(platform::Deadline d,
                                                               const std::vector<int64_t>& ids);

  absl::StatusOr<Registry> LoadRegistry(platform::Deadline d);
  // Every row, or those of one municipality, or of the municipalities of one region.
  absl::StatusOr<std::vector<InflowRow>> Rows(platform::Deadline d,
                                              const std::string& municipality_code = "",
                                              const std::string& region_code = "");
  // Replaces every row of `quarters` by `rows` (which lie in them), audited per quarter as
  // "jzplus_quarter" with the rows before and after.
  absl::Status ReplaceQuarters(const platform::RequestInfo& r, const std::vector<Quarter>& quarters,
                               const std::vector<InflowRow>& rows);

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
};

}  // namespace ozjt::jzplus
