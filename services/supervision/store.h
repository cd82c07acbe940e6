// What the supervision service's use cases need from storage, as interfaces: investigations
// (schema "supervision" only), and the providers, municipality names, contracts and contract
// mutation events they refer to. The PostgreSQL implementation (the only code that knows the
// tables) is PgSupervisionStore in pg_store.h: it reads providers and municipality names from
// the registry's Directory, contracts and their mutation events from the contracts service's
// ContractDirectory and MutationEvents (their public interfaces; in-process today). Use cases
// are unit-tested against tests/mocks/supervision/fake_supervision_store.h.
//
// Reads of lists go through SupervisionStore directly. Changes run inside
// SupervisionStore::Write, which hands the use case a SupervisionTx on one open transaction:
// everything the callback does, including the audit records, commits together or not at all
// (a callback that returns an error, or a database error, leaves nothing behind). So do reads
// of finding details, with the record of who read them ("finding.read").
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contracts/mutation_events.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/provider_facts.h"
#include "services/supervision/supervision.h"

namespace ozjt::supervision {

using registry::ProviderFacts;

struct InvestigationFilter {
  int64_t provider_id = 0;              // 0: all
  std::string requesting_municipality;  // "": all
  std::optional<Status> status;
  std::optional<Kind> kind;
};

// A contract mutation event not yet turned into reviews.
using contracts::MutationEvent;

// Investigation changes on one open transaction. A Replace that finds `before` no longer
// current fails the whole transaction with ABORTED (the PostgreSQL implementation throws, and
// Write turns it into the status and rolls back).
class SupervisionTx {
 public:
  virtual ~SupervisionTx() = default;
  // The investigation, locked against concurrent changes until commit; nullopt when absent.
  virtual std::optional<Investigation> Lock(int64_t id) = 0;
  // The investigation as stored, without a lock; nullopt when absent.
  virtual std::optional<Investigation> Read(int64_t id) = 0;
  // The investigations matching `f`, newest (highest id) first.
  virtual std::vector<Investigation> List(const InvestigationFilter& f) = 0;
  // Stores a new investigation at version 1 with an audit record ("investigation"); returns it
  // with its id set. A review whose mutation event and provider already have one is not stored:
  // the returned id is 0 then (and there is no audit record).
  virtual Investigation Insert(const Investigation& i) = 0;
  // Stores `after` over `before` (same id, before.version current): version + 1 and an audit
  // record with both. Of the findings, only those new or changed are written.
  virtual Investigation Replace(const Investigation& before, const Investigation& after) = 0;
  // Stores `after`, which is `before` (same id, before.version current) with one finding added
  // as its last (supervision::AddFinding): the finding, version + 1, and one audit record
  // (entity "investigation", its id) with the finding and the investigation's fields it changed
  // (the first finding starts the investigation). The rest of the investigation is written only
  // when the finding changed it: adding a finding costs the same however many there are.
  virtual Investigation AddFinding(const Investigation& before, const Investigation& after) = 0;
  // Inserts a review unless one exists for the event and provider; true when inserted.
  virtual bool InsertReview(const Investigation& review) = 0;
  // Writes who read which finding details (entity "finding.read").
  virtual void LogRead(const std::string& entity_id, const std::string& what_json) = 0;
};

class SupervisionStore {
 public:
  virtual ~SupervisionStore() = default;

  // One provider (empty when absent) or all (id 0).
  virtual absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d,
                                                               int64_t id) = 0;
  // Id -> name of those of `ids` that exist.
  virtual absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) = 0;
  // A municipality's name ("" for an unknown CBS code).
  virtual absl::StatusOr<std::string> MunicipalityName(platform::Deadline d,
                                                       const std::string& code) = 0;
  // Whether contract `id` exists (read before a transaction: contracts are never deleted).
  virtual absl::StatusOr<bool> ContractExists(platform::Deadline d, int64_t id) = 0;
  // Up to `limit` unconsumed mutation events, oldest first; after turning them into reviews
  // (idempotent per event and provider), ConsumeMutations marks them done. See
  // contracts/mutation_events.h: a crash in between leaves events the next sync only marks.
  virtual absl::StatusOr<std::vector<MutationEvent>> PendingMutations(platform::Deadline d,
                                                                      int limit) = 0;
  virtual absl::Status ConsumeMutations(platform::Deadline d,
                                        const std::vector<int64_t>& event_ids) = 0;
  // Investigations matching `f`, newest first (without logging: for counts, summaries and
  // reports).
  virtual absl::StatusOr<std::vector<Investigation>> List(platform::Deadline d,
                                                          const InvestigationFilter& f) = 0;

  // Investigations matching `f` as a list shows them, without findings and plans: newest
  // first, those below id `before_id` (0: from the newest), at most `limit`.
  virtual absl::StatusOr<std::vector<Investigation>> Overview(platform::Deadline d,
                                                              const InvestigationFilter& f,
                                                              int64_t before_id, int limit) = 0;
  // The investigations that may escalate (Escalations decides): those with an unresolved
  // critical finding, and those with an undone action of an open plan due before
  // `action_due_before`.
  virtual absl::StatusOr<std::vector<Investigation>> MayEscalate(platform::Deadline d,
                                                                 Day action_due_before) = 0;
  // What happened in [from, to] (supervision.h PeriodCounts), counted in the database.
  virtual absl::StatusOr<PeriodCounts> CountPeriod(platform::Deadline d, Day from, Day to) = 0;
  // Runs `fn` on one transaction; commits when it returns OK.
  virtual absl::Status Write(const platform::RequestInfo& r,
                             const std::function<absl::Status(SupervisionTx&)>& fn) = 0;
};

}  // namespace ozjt::supervision
