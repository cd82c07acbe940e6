#include "services/platform/audit.h"

#include "services/platform/status.h"

namespace ozjt::platform {

std::vector<std::pair<std::string, std::string>> AuditStatements() {
  return {{"audit_insert",
           "INSERT INTO audit.audit_record (actor, role, municipality_code, method, entity_type,"
           " entity_id, before_json, after_json, request_id)"
           " VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)"},
          {"audit_chain_committed", "SELECT audit.chain_committed($1)"}};
}

void WriteAudit(pqxx::work& tx, const RequestInfo& request, const AuditChange& change) {
  tx.exec_prepared0(
      "audit_insert", request.caller.subject, std::string(RoleName(request.caller.role)),
      request.caller.municipality_code, request.method, change.entity_type, change.entity_id,
      change.before_json.empty() ? nullptr : change.before_json.c_str(),
      change.after_json.empty() ? nullptr : change.after_json.c_str(), request.request_id);
}

absl::StatusOr<int64_t> ChainCommittedAudit(Pool& pool, Deadline deadline, int batch) {
  int64_t total = 0;
  // Stops a second before the deadline with more to do: the next pass goes on from there.
  for (int chained = batch;
       chained == batch && std::chrono::system_clock::now() < deadline - std::chrono::seconds(1);) {
    OZJT_RETURN_IF_ERROR(pool.Write(deadline, [&](pqxx::work& tx) {
      chained = tx.exec_prepared1("audit_chain_committed", batch)[0].as<int>();
      return absl::OkStatus();
    }));
    total += chained;
  }
  return total;
}

}  // namespace ozjt::platform
