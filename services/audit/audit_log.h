// Reading the audit log (schema "audit"): the domain of ozjt.audit.v1. Writing happens in
// every service's own transactions (services/platform/audit.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/db.h"
#include "services/platform/request.h"

namespace ozjt::audit {

struct AuditRecord {
  int64_t id = 0;
  absl::Time time;
  std::string actor;
  std::string role;
  std::string municipality_code;
  std::string method;
  std::string entity_type;
  std::string entity_id;
  std::string before_json;
  std::string after_json;
  std::string request_id;
};

struct AuditQuery {
  std::string entity_type;
  std::string entity_id;
  std::string actor;
  std::optional<absl::Time> start_time;
  std::optional<absl::Time> end_time;
};

struct AuditPage {
  std::vector<AuditRecord> records;
  std::string next_page_token;
};

class AuditLog {
 public:
  // Registers the prepared statements on `pool`.
  explicit AuditLog(platform::Pool& pool);

  // Records matching `query`, newest first. INVALID_ARGUMENT for a negative page size, a
  // start after the end, over-long filters or a foreign page token.
  absl::StatusOr<AuditPage> List(const platform::RequestInfo& r, const AuditQuery& query,
                                 int page_size, const std::string& page_token);

 private:
  platform::Pool& pool_;
};

}  // namespace ozjt::audit
