// The registry's use cases: what each RPC does, in domain terms. Applies the rules of
// provider.h, the municipal scope, pagination and audit (through the store's transaction).
// No gRPC types: the handler converts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/request.h"
#include "services/registry/provider.h"
#include "services/registry/provider_csv.h"
#include "services/registry/store.h"

namespace ozjt::registry {

struct ProviderPage {
  std::vector<Provider> providers;
  std::string next_page_token;
};

struct HistoryPage {
  std::vector<ProviderVersion> versions;
  std::string next_page_token;
};

struct ImportResult {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  std::vector<RowError> errors;
  bool committed = false;
};

class Registry {
 public:
  Registry(ProviderStore& store, ReferenceCodes refs) : store_(store), refs_(std::move(refs)) {}

  // NOT_FOUND when absent or, for a municipal caller, not active in their municipality.
  absl::StatusOr<Provider> Get(const platform::RequestInfo& r, int64_t id);
  absl::StatusOr<ProviderPage> List(const platform::RequestInfo& r, const ProviderFilter& filter,
                                    int page_size, const std::string& page_token);
  // ALREADY_EXISTS for a registered KvK number.
  absl::StatusOr<Provider> Create(const platform::RequestInfo& r, Provider p);
  // ABORTED when `expected_version` is not the stored version; nothing is written then.
  absl::StatusOr<Provider> Update(const platform::RequestInfo& r, int64_t id,
                                  int64_t expected_version, const Provider& changes,
                                  const std::vector<std::string>& mask_paths);
  absl::StatusOr<HistoryPage> History(const platform::RequestInfo& r, int64_t id, int page_size,
                                      const std::string& page_token);
  absl::StatusOr<ImportResult> Import(const platform::RequestInfo& r, absl::string_view csv,
                                      bool allow_partial, bool validate_only);
  struct TurnoverResult {
    int providers_updated = 0;
    int years = 0;
    std::vector<RowError> errors;
    bool committed = false;
  };
  // Imports turnover (see ParseTurnoverCsv): all-or-nothing, audited per provider changed.
  absl::StatusOr<TurnoverResult> ImportTurnover(const platform::RequestInfo& r,
                                                absl::string_view csv, bool validate_only);

  // CSV of every provider matching `filter` (in the caller's scope).
  absl::StatusOr<std::pair<std::string, int>> Export(const platform::RequestInfo& r,
                                                     const ProviderFilter& filter);

  // Registers every provider whose KvK number is not registered yet (the demo loader); one
  // transaction, audited like any create. Returns how many were added.
  absl::StatusOr<int> AddMissing(const platform::RequestInfo& r, std::vector<Provider> providers);

  const ReferenceCodes& refs() const { return refs_; }

 private:
  // The filter turned into a query in the caller's scope; PERMISSION_DENIED when a municipal
  // caller asks for another municipality.
  absl::StatusOr<ProviderQuery> Scoped(const platform::RequestInfo& r, const ProviderFilter& f);
  ProviderStore& store_;
  ReferenceCodes refs_;
};

}  // namespace ozjt::registry
