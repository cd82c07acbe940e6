// Idempotency keys (AIP-155): a change sent again with the same request_id is answered with
// the first answer and changes nothing again. Platform::ServeWrite keeps each change's answer
// under (caller, key) in platform.request_answer, in the transaction that makes the change, so
// a change and its answer commit together; a retry after "outcome unknown" finds the answer
// exactly when the change committed. Answers are kept at least OZJT_IDEMPOTENCY_HOURS hours.
#pragma once

#include <google/protobuf/message.h>

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"

namespace ozjt::platform {

// The answer kept for one key.
struct KeptAnswer {
  std::string method;          // "/ozjt.contracts.v1.ContractService/CreateContractNote"
  std::string request_digest;  // RequestDigest of the request it answered
  std::string response;        // the serialized response message
};

// The prepared statements of this file; the server registers them on every pool.
std::vector<std::pair<std::string, std::string>> IdempotencyStatements();

// The request's idempotency key: its string field `request_id` ("" when it has none or it is
// empty).
std::string IdempotencyKey(const google::protobuf::Message& request);

// INVALID_ARGUMENT (field request_id) unless `key` is 1 to 100 letters, digits, '-', '_', '.'
// or ':' (a UUID is).
absl::Status CheckIdempotencyKey(const std::string& key);

// SHA-256 (hex) of the request without its request_id, serialized deterministically: the same
// request sent twice has the same digest.
std::string RequestDigest(const google::protobuf::Message& request);

// The answer kept for `actor`'s `key`, if any.
absl::StatusOr<std::optional<KeptAnswer>> FindAnswer(Pool& pool, Deadline deadline,
                                                     const std::string& actor,
                                                     const std::string& key);

// Keeps `answer` under (`actor`, `key`) in `tx`. Throws pqxx::unique_violation when the key
// is kept already (a twin of the request committed first).
void KeepAnswer(pqxx::work& tx, const std::string& actor, const std::string& key,
                const KeptAnswer& answer);

// Deletes the answers older than `hours`; returns how many.
absl::StatusOr<int> ForgetAnswersOlderThan(Pool& pool, int hours);

}  // namespace ozjt::platform
