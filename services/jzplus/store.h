// What the Jeugdzorg Plus use cases need from storage, as an interface: the inflow rows (schema
// "jzplus" only), and the municipalities, regions and providers they refer to. The PostgreSQL
// implementation (the only code that knows the tables) is PgInflowStore in pg_store.h: it reads
// municipalities and providers from the registry's Directory (its public interface). Use cases
// are unit-tested against tests/mocks/jzplus/fake_inflow_store.h.
//
// A quarter is replaced as a whole in one transaction with its audit record: ReplaceQuarters
// either writes every quarter it names, or (on any error) nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/jzplus/inflow.h"
#include "services/platform/db.h"
#include "services/platform/request.h"

namespace ozjt::jzplus {

struct Registry {
  std::map<std::string, std::string> municipalities;  // CBS code -> name
  std::map<std::string, int64_t> provider_by_kvk;
  std::map<int64_t, std::string> provider_names;
};

class InflowStore {
 public:
  virtual ~InflowStore() = default;

  // CBS code -> name of every municipality.
  virtual absl::StatusOr<std::map<std::string, std::string>> Municipalities(
      platform::Deadline d) = 0;
  // Id -> name of the providers `ids` (unknown ids are left out).
  virtual absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) = 0;
  // Every municipality, and every provider by KvK number and by id.
  virtual absl::StatusOr<Registry> LoadRegistry(platform::Deadline d) = 0;
  // Every row (both codes ""), or those of one municipality, or of the municipalities of one
  // region; in (year, quarter, municipality, provider, authorisation) order.
  virtual absl::StatusOr<std::vector<InflowRow>> Rows(platform::Deadline d,
                                                      const std::string& municipality_code,
                                                      const std::string& region_code) = 0;
  // Replaces every row of `quarters` by `rows` (which lie in them), audited per quarter as
  // "jzplus_quarter" with the rows before and after; all quarters or, on an error, none.
  virtual absl::Status ReplaceQuarters(const platform::RequestInfo& r,
                                       const std::vector<Quarter>& quarters,
                                       const std::vector<InflowRow>& rows) = 0;
};

}  // namespace ozjt::jzplus
