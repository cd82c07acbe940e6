// Verifying the audit log's hash chain (migration 0009): every record's hash must be
// SHA-256(previous hash || canonical text), positions must run 1, 2, 3, ... without gaps, and the
// chain head must name the last record. A changed, deleted or inserted record breaks the chain
// at the first record after which the stored and recomputed hashes differ.
//
//   absl::StatusOr<ChainReport> r = VerifyAuditChain(connection);
//   if (r->intact) ... else r->broken_at_id, r->reason
#pragma once

#include <cstdint>
#include <pqxx/pqxx>
#include <string>

#include "absl/status/statusor.h"

namespace ozjt::audit {

struct ChainReport {
  bool intact = true;
  int64_t records = 0;        // records checked
  int64_t broken_at_seq = 0;  // the first broken position
  int64_t broken_at_id = 0;   // its audit record id (0 when the record is missing)
  std::string reason;
  std::string head_hash;  // hex of the last hash (to anchor outside the database)
};

// Reads the whole chain in position order (in batches). INTERNAL when the database cannot be
// read; a broken chain is a report, not an error.
absl::StatusOr<ChainReport> VerifyAuditChain(pqxx::connection& connection);

}  // namespace ozjt::audit
