// What the registry's use cases need from storage, as interfaces: providers with their lists,
// their version history, and the reference tables. The PostgreSQL implementation (the only code
// that knows the tables) is PgProviderStore in pg_store.h; use cases are unit-tested against
// tests/mocks/registry/fake_provider_store.h.
//
// Reads go through ProviderStore directly. Changes run inside ProviderStore::Write, which
// hands the domain a ProviderTx on one open transaction: everything the callback does,
// including the audit record, commits together or not at all (a callback that returns an
// error, or a database error, leaves nothing behind).
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

// Provider changes on one open transaction. A change that finds `before` no longer current
// fails the whole transaction with ABORTED (the PostgreSQL implementation throws, and Write
// turns it into the status and rolls back).
class ProviderTx {
 public:
  virtual ~ProviderTx() = default;
  // The provider, locked against concurrent changes until commit; nullopt when absent.
  virtual std::optional<Provider> LockById(int64_t id) = 0;
  virtual std::optional<Provider> LockByKvk(const std::string& kvk_number) = 0;
  // Stores a new provider (version 1) with a history row and an audit record; returns it as
  // stored (id, version and times set).
  virtual Provider Insert(const Provider& p) = 0;
  // Stores `after` over `before` (same id, before.version current): version + 1, a history
  // row and an audit record with both.
  virtual Provider Replace(const Provider& before, const Provider& after) = 0;
};

class ProviderStore {
 public:
  virtual ~ProviderStore() = default;

  virtual absl::StatusOr<ReferenceCodes> LoadReferenceCodes(platform::Deadline deadline) = 0;

  // NOT_FOUND when there is no provider with that id.
  virtual absl::StatusOr<Provider> Get(platform::Deadline deadline, int64_t id) = 0;
  virtual absl::StatusOr<std::vector<Provider>> List(platform::Deadline deadline,
                                                     const ProviderQuery& q) = 0;
  // Versions older than `before_version` (all when 0), newest first, at most `limit`.
  virtual absl::StatusOr<std::vector<ProviderVersion>> History(platform::Deadline deadline,
                                                               int64_t id, int64_t before_version,
                                                               int limit) = 0;

  // Runs `fn` on one transaction; commits when it returns OK.
  virtual absl::Status Write(const platform::RequestInfo& request,
                             const std::function<absl::Status(ProviderTx&)>& fn) = 0;

  virtual absl::StatusOr<std::vector<Municipality>> Municipalities(platform::Deadline deadline) = 0;
  virtual absl::StatusOr<std::vector<Region>> Regions(platform::Deadline deadline) = 0;
  virtual absl::StatusOr<std::vector<ProductCategory>> ProductCategories(
      platform::Deadline deadline) = 0;
  virtual absl::StatusOr<std::vector<Unit>> Units(platform::Deadline deadline) = 0;
  virtual absl::StatusOr<std::vector<JointTask>> JointTasks(platform::Deadline deadline) = 0;
};

}  // namespace ozjt::registry
