// Verifying the audit log's hash chain (migration 0009): every record's hash must be
// SHA-256(previous hash || canonical text), positions must run 1, 2, 3, ... without gaps, and the
// chain head must name the last record. A changed, deleted or inserted record breaks the chain
// at the first record after which the stored and recomputed hashes differ.
//
//   ChainReport r = VerifyAuditChain(tx);
//   if (r.intact) ... else r.broken_at_id, r.reason
//
// The chain is checked up to the head read first: records chained while the check runs come
// after it and are left for the next check, so any transaction (even one statement per
// snapshot, Pool::Read) gives a right answer while the services keep writing.
//
// Records are written unchained and chained by the hosts' chainer within a fraction of a
// second (migration 0018, platform/audit.h): the report counts those not chained yet, read in
// the same snapshot as the head, with the time of the oldest. A tail that keeps growing, or an
// old one, means no host is chaining.
#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "absl/time/time.h"

namespace ozjt::audit {

struct ChainReport {
  bool intact = true;
  int64_t records = 0;        // records checked and intact
  int64_t broken_at_seq = 0;  // the first broken position
  int64_t broken_at_id = 0;   // its audit record id (0 when the record is missing)
  std::string reason;         // English, for operators (ozjt-admin verify-audit)
  std::string dutch_reason;   // the same for the auditor's page and CLI
  std::string head_hash;      // hex of the last hash (to anchor outside the database)
  int64_t unchained = 0;      // records committed after the head, not chained yet
  std::optional<absl::Time> oldest_unchained;  // when the oldest of them was recorded
};

// Reads the whole chain in position order (in batches); a broken chain is a report. Throws
// libpqxx's exceptions when the database cannot be read (Pool maps them to a status).
ChainReport VerifyAuditChain(pqxx::transaction_base& tx);

}  // namespace ozjt::audit
