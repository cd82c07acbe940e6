// SQL for the registry (schema "registry"): providers with their lists, their version
// history, and the reference tables. Only this file and store.cc know the tables.
//
// Reads go through ProviderStore directly. Changes run inside ProviderStore::Write, which
// hands the domain a ProviderTx on one open transaction: everything the callback does,
// including the audit record, commits together or not at all.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/provider.h"
#include "services/registry/reference.h"

namespace ozjt::registry {

// Filters; empty strings and unset values do not filter.
struct ProviderFilter {
  std::string name_contains;
  std::string kvk_number;
  std::string agb_code;
  std::string municipality_code;
  std::optional<Tier> tier;
  std::optional<ProviderStatus> status;
};

// A filter in the caller's scope, with the page to read.
struct ProviderQuery {
  ProviderFilter filter;
  // Keyset position: only providers after (name, id) in (lower(name), id) order.
  std::optional<std::pair<std::string, int64_t>> after;
  int limit = 50;
};

// One entry of a provider's history.
struct ProviderVersion {
  Provider provider;
  std::string actor;
  std::string method;
  absl::Time change_time;
};

// Provider changes on one open transaction. Methods throw libpqxx exceptions on database
// errors; ProviderStore::Write turns them into a status and rolls back.
class ProviderTx {
 public:
  ProviderTx(pqxx::work& tx, const platform::RequestInfo& request) : tx_(tx), request_(request) {}

  // The provider, locked against concurrent changes until commit; nullopt when absent.
  std::optional<Provider> LockById(int64_t id);
  std::optional<Provider> LockByKvk(const std::string& kvk_number);

  // Stores a new provider (version 1) with a history row and an audit record; returns it as
  // stored (id, version and times set).
  Provider Insert(const Provider& p);

  // Stores `after` over `before` (same id, before.version current): version + 1, a history
  // row and an audit record with both.
  Provider Replace(const Provider& before, const Provider& after);

 private:
  void WriteLists(int64_t id, const Provider& p, bool replace);
  void Record(const Provider& stored, const std::string& before_json);
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

class ProviderStore {
 public:
  // Registers the prepared statements on `pool`.
  explicit ProviderStore(platform::Pool& pool);

  absl::StatusOr<ReferenceCodes> LoadReferenceCodes(platform::Deadline deadline);

  // NOT_FOUND when there is no provider with that id.
  absl::StatusOr<Provider> Get(platform::Deadline deadline, int64_t id);
  absl::StatusOr<std::vector<Provider>> List(platform::Deadline deadline, const ProviderQuery& q);
  // Versions older than `before_version` (all when 0), newest first, at most `limit`.
  absl::StatusOr<std::vector<ProviderVersion>> History(platform::Deadline deadline, int64_t id,
                                                       int64_t before_version, int limit);

  // Runs `fn` on one transaction; commits when it returns OK.
  absl::Status Write(const platform::RequestInfo& request,
                     const std::function<absl::Status(ProviderTx&)>& fn);

  absl::StatusOr<std::vector<Municipality>> Municipalities(platform::Deadline deadline);
  absl::StatusOr<std::vector<Region>> Regions(platform::Deadline deadline);
  absl::StatusOr<std::vector<ProductCategory>> ProductCategories(platform::Deadline deadline);
  absl::StatusOr<std::vector<Unit>> Units(platform::Deadline deadline);
  absl::StatusOr<std::vector<JointTask>> JointTasks(platform::Deadline deadline);

 private:
  platform::Pool& pool_;
};

}  // namespace ozjt::registry
