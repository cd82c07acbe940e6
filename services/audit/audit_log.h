// Reading the audit log (schema "audit"): the domain of ozjt.audit.v1. Writing happens in
// every service's own transactions (services/platform/audit.h).
//
// Some records hold confidential content: a screening case's records its whole file, an
// investigation's its findings. The owning service declares who may read that content
// (services/screening/confidential.h, services/supervision/confidential.h); the audit log shows
// it to those roles only, and logs each read it shows as the owner's read record:
//
//   AuditLog log(pool);
//   absl::StatusOr<AuditPage> page = log.List(request, query, 100, "");
//   // as admin: screening_case records with content_withheld and no before/after;
//   // as auditor: with content, and a screening_case.read record per case shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/audit/chain.h"
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
  // Set (and before_json/after_json emptied) when the caller may not read the content.
  bool content_withheld = false;
};

// An entity type whose audit records hold confidential content, as its owning service
// declares it.
struct ConfidentialEntity {
  std::string entity_type;                      // e.g. "screening_case"
  std::vector<platform::Role> content_readers;  // the roles that may read the entity itself
  std::string read_entity_type;                 // the record a read writes: "screening_case.read"
};

// The confidential entity types of every service: screening cases and investigations.
const std::vector<ConfidentialEntity>& ConfidentialEntities();

// One entity whose content a listing showed: the read record to write for it.
struct ContentRead {
  std::string read_entity_type;     // "screening_case.read", "finding.read"
  std::string entity_id;            // the case or investigation
  std::vector<int64_t> record_ids;  // the audit records shown, in listing order
};

// Applies `confidential` to `records` for a caller in `role`: a record of a confidential
// entity type keeps its content only when `role` is among that type's content readers;
// otherwise before_json and after_json are emptied and content_withheld is set. Returns the
// entities whose content stays shown, one per (read type, entity id), in order of first
// appearance: each is a read to log. Other records are left as they are and return nothing.
std::vector<ContentRead> WithholdConfidentialContent(
    platform::Role role, const std::vector<ConfidentialEntity>& confidential,
    std::vector<AuditRecord>& records);

// The after_json of the read record for `read`: {"read":"audit log","audit_records":[ids]}.
std::string ContentReadJson(const ContentRead& read);

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

  // Records matching `query`, newest first, with confidential content withheld from callers
  // who may not read it (WithholdConfidentialContent). Content that is shown is logged in the
  // same transaction: one read record per entity (ContentReadJson), so the page and its read
  // records commit together or the call fails. INVALID_ARGUMENT for a negative page size, a
  // start after the end, over-long filters or a foreign page token.
  absl::StatusOr<AuditPage> List(const platform::RequestInfo& r, const AuditQuery& query,
                                 int page_size, const std::string& page_token);

  // The hash chain checked up to its current head (chain.h).
  absl::StatusOr<ChainReport> VerifyChain(const platform::RequestInfo& r);

 private:
  platform::Pool& pool_;
};

}  // namespace ozjt::audit
