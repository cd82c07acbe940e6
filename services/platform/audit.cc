#include "services/platform/audit.h"

namespace ozjt::platform {

std::vector<std::pair<std::string, std::string>> AuditStatements() {
  return {{"audit_insert",
           "INSERT INTO audit.audit_record (actor, role, municipality_code, method, entity_type,"
           " entity_id, before_json, after_json, request_id)"
           " VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)"}};
}

void WriteAudit(pqxx::work& tx, const RequestInfo& request, const AuditChange& change) {
  tx.exec_prepared0(
      "audit_insert", request.caller.subject, std::string(RoleName(request.caller.role)),
      request.caller.municipality_code, request.method, change.entity_type, change.entity_id,
      change.before_json.empty() ? nullptr : change.before_json.c_str(),
      change.after_json.empty() ? nullptr : change.after_json.c_str(), request.request_id);
}

}  // namespace ozjt::platform
