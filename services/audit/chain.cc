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

}  // namespace

absl::StatusOr<ChainReport> VerifyAuditChain(pqxx::connection& connection) {
  ChainReport report;
  try {
    pqxx::read_transaction tx(connection);
    std::string prev = Bytes(tx.exec1("SELECT encode(audit.genesis(), 'hex')")[0]);
    int64_t seq = 0;
    auto broken = [&](int64_t at_seq, int64_t id, std::string reason) {
      report.intact = false;
      report.broken_at_seq = at_seq;
      report.broken_at_id = id;
      report.reason = std::move(reason);
    };
    for (;;) {
      pqxx::result rows = tx.exec_params(
          "SELECT chain_seq, id, encode(prev_hash, 'hex'), encode(hash, 'hex'), "
          "audit.canonical(r) FROM audit.audit_record r WHERE chain_seq > $1 "
          "ORDER BY chain_seq LIMIT 10000",
          seq);
      if (rows.empty()) break;
      for (const auto& row : rows) {
        const int64_t at = row[0].as<int64_t>(), id = row[1].as<int64_t>();
        if (at != seq + 1) {
          broken(seq + 1, 0, absl::StrCat("chain position ", seq + 1, " is missing (deleted)"));
          return report;
        }
        if (Bytes(row[2]) != prev) {
          broken(at, id, "the previous hash does not match the record before (removed or moved)");
          return report;
        }
        const std::string hash = Sha256(prev + row[4].as<std::string>());
        if (Bytes(row[3]) != hash) {
          broken(at, id, "the record's content does not match its hash (changed)");
          return report;
        }
        prev = hash;
        seq = at;
        ++report.records;
      }
    }
    pqxx::result head = tx.exec("SELECT last_seq, encode(last_hash, 'hex') FROM audit.chain_head");
    if (head.empty() || head[0][0].as<int64_t>() != seq || Bytes(head[0][1]) != prev) {
      broken(seq + 1, 0,
             "the chain head does not name the last record (records removed at the end)");
      return report;
    }
    report.head_hash = absl::BytesToHexString(prev);
    return report;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("cannot read the audit chain: ", e.what()));
  }
}

}  // namespace ozjt::audit
