#include "services/audit/chain.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace ozjt::audit {
namespace {

std::string Sha256(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), length);
}

std::string Bytes(const pqxx::field& f) { return absl::HexStringToBytes(f.as<std::string>()); }

// The report of a chain broken at position `at_seq` (record `id`, 0 when missing).
ChainReport Broken(ChainReport report, int64_t at_seq, int64_t id, std::string reason,
                   std::string dutch_reason) {
  report.intact = false;
  report.broken_at_seq = at_seq;
  report.broken_at_id = id;
  report.reason = std::move(reason);
  report.dutch_reason = std::move(dutch_reason);
  return report;
}

ChainReport HeadMismatch(ChainReport report, int64_t at_seq) {
  return Broken(std::move(report), at_seq, 0,
                "the chain head does not name the last record (records removed at the end)",
                "De kop van de keten noemt een ander laatste record: er zijn records aan het "
                "eind verwijderd.");
}

}  // namespace

ChainReport VerifyAuditChain(pqxx::transaction_base& tx) {
  ChainReport report;
  // The head and the unchained tail in one snapshot: the chainer moves records from the one to
  // the other in one transaction, so none is counted twice or missed.
  pqxx::result head = tx.exec(
      "SELECT last_seq, encode(last_hash, 'hex'), u.n, "
      "       (extract(epoch FROM u.oldest) * 1000000)::bigint "
      "  FROM audit.chain_head, (SELECT count(*) AS n, min(recorded_at) AS oldest "
      "                            FROM audit.audit_record WHERE chain_seq IS NULL) u");
  if (head.empty()) return HeadMismatch(report, 1);
  const int64_t last_seq = head[0][0].as<int64_t>();
  const std::string last_hash = Bytes(head[0][1]);
  report.unchained = head[0][2].as<int64_t>();
  if (!head[0][3].is_null()) {
    report.oldest_unchained = absl::FromUnixMicros(head[0][3].as<int64_t>());
  }
  std::string prev = Bytes(tx.exec1("SELECT encode(audit.genesis(), 'hex')")[0]);
  int64_t seq = 0;
  while (seq < last_seq) {
    pqxx::result rows = tx.exec_params(
        "SELECT chain_seq, id, encode(prev_hash, 'hex'), encode(hash, 'hex'), "
        "audit.canonical(r) FROM audit.audit_record r WHERE chain_seq > $1 AND chain_seq <= $2 "
        "ORDER BY chain_seq LIMIT 10000",
        seq, last_seq);
    if (rows.empty()) break;
    for (const auto& row : rows) {
      const int64_t at = row[0].as<int64_t>(), id = row[1].as<int64_t>();
      if (at != seq + 1) {
        return Broken(report, seq + 1, 0,
                      absl::StrCat("chain position ", seq + 1, " is missing (deleted)"),
                      absl::StrCat("Positie ", seq + 1,
                                   " van de keten ontbreekt: er is een "
                                   "record verwijderd."));
      }
      if (Bytes(row[2]) != prev) {
        return Broken(report, at, id,
                      "the previous hash does not match the record before (removed or moved)",
                      "De vorige hash past niet bij het record ervoor: er is een record "
                      "verwijderd of verplaatst.");
      }
      const std::string hash = Sha256(prev + row[4].as<std::string>());
      if (Bytes(row[3]) != hash) {
        return Broken(report, at, id, "the record's content does not match its hash (changed)",
                      "De inhoud van het record past niet bij zijn hash: het record is "
                      "gewijzigd.");
      }
      prev = hash;
      seq = at;
      ++report.records;
    }
  }
  if (seq != last_seq || prev != last_hash) return HeadMismatch(report, seq + 1);
  report.head_hash = absl::BytesToHexString(prev);
  return report;
}

}  // namespace ozjt::audit
