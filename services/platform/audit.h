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
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

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

}  // namespace ozjt::platform
