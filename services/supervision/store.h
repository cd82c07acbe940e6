// SQL for the supervision service (schema "supervision" only). Providers and municipality names
// come from the registry's Directory; contracts and their mutation events from the contracts
// service's ContractDirectory and MutationEvents (their public interfaces; in-process today).
// Changes run in SupervisionStore::Write with their audit records in the same transaction; so do
// reads of finding details ("finding.read").
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contracts/contract_directory.h"
#include "services/contracts/mutation_events.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"
#include "services/supervision/supervision.h"

namespace ozjt::supervision {

using registry::ProviderFacts;

struct InvestigationFilter {
  int64_t provider_id = 0;              // 0: all
  std::string requesting_municipality;  // "": all
  std::optional<Status> status;
};

// A contract mutation event not yet turned into reviews.
using contracts::MutationEvent;

class SupervisionTx {
 public:
  SupervisionTx(pqxx::work& tx, const platform::RequestInfo& r) : tx_(tx), request_(r) {}
  std::optional<Investigation> Lock(int64_t id);
  std::optional<Investigation> Read(int64_t id);
  std::vector<Investigation> List(const InvestigationFilter& f);
  Investigation Insert(const Investigation& i);
  Investigation Replace(const Investigation& before, const Investigation& after);
  // Inserts a review unless one exists for the event and provider; true when inserted.
  bool InsertReview(const Investigation& review);
  // Writes who read which finding details (entity "finding.read").
  void LogRead(const std::string& entity_id, const std::string& what_json);

 private:
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

class SupervisionStore {
 public:
  // With the in-process registry directory, contract directory and mutation events on `pool`.
  explicit SupervisionStore(platform::Pool& pool);
  SupervisionStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory,
                   std::unique_ptr<contracts::ContractDirectory> contracts,
                   std::unique_ptr<contracts::MutationEvents> mutations);

  // One provider (empty when absent) or all (id 0).
  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id);
  // A municipality's name ("" for an unknown CBS code).
  absl::StatusOr<std::string> MunicipalityName(platform::Deadline d, const std::string& code);
  // Whether contract `id` exists (read before a transaction: contracts are never deleted).
  absl::StatusOr<bool> ContractExists(platform::Deadline d, int64_t id);
  // Up to `limit` unconsumed mutation events, oldest first; after turning them into reviews
  // (idempotent per event and provider), ConsumeMutations marks them done. See
  // contracts/mutation_events.h: a crash in between leaves events the next sync only marks.
  absl::StatusOr<std::vector<MutationEvent>> PendingMutations(platform::Deadline d, int limit);
  absl::Status ConsumeMutations(platform::Deadline d, const std::vector<int64_t>& event_ids);
  // Investigations (without logging: for counts, summaries and reports).
  absl::StatusOr<std::vector<Investigation>> List(platform::Deadline d,
                                                  const InvestigationFilter& f);

  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(SupervisionTx&)>& fn);

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
  std::unique_ptr<contracts::ContractDirectory> contracts_;
  std::unique_ptr<contracts::MutationEvents> mutations_;
};

}  // namespace ozjt::supervision
