// Writing audit records. Every successful change calls WriteAudit inside the transaction
// that makes the change, so the change and its record commit (or vanish) together:
//
//   pool.Write(deadline, [&](pqxx::work& tx) {
//     ... the change ...
//     WriteAudit(tx, request, {"provider", id, before_json, after_json});
//     return absl::OkStatus();
//   });
//
// The table (audit.audit_record) is append-only: the services' role may only INSERT and
// SELECT, and a trigger refuses UPDATE, DELETE and TRUNCATE to everyone.
//
// A record is written unchained: the writer's transaction touches nothing another writer
// needs. The host's chainer (ChainCommittedAudit, every kAuditChainInterval and once more on a
// graceful stop) gives the committed records their place in the hash chain (migrations 0009,
// 0018; services/audit/chain.h verifies it).
#pragma once

#include <chrono>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"
#include "services/platform/request.h"

namespace ozjt::platform {

// What changed. Empty before_json for a create; JSON text otherwise.
struct AuditChange {
  std::string entity_type;
  std::string entity_id;
  std::string before_json;
  std::string after_json;
};

// The prepared statements WriteAudit needs; the server registers them on every pool.
std::vector<std::pair<std::string, std::string>> AuditStatements();

// Inserts one audit record for `change`, made by the caller of `request`. Throws the
// libpqxx exception of a failed insert, which rolls back the whole transaction.
void WriteAudit(pqxx::work& tx, const RequestInfo& request, const AuditChange& change);

// How often a host chains what was committed: the most a record waits for its place in the
// chain while the host runs.
inline constexpr std::chrono::milliseconds kAuditChainInterval{200};

// Chains the records committed unchained, in id order, in batches of `batch` (one transaction
// each), until none is left or the deadline is a second away; returns how many it chained. Another
// host chaining at the same moment makes this wait for it, and then find less to do.
absl::StatusOr<int64_t> ChainCommittedAudit(Pool& pool, Deadline deadline, int batch = 1000);

}  // namespace ozjt::platform
