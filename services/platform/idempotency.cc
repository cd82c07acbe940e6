#include "services/platform/idempotency.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/sha.h>

#include <algorithm>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

const google::protobuf::FieldDescriptor* KeyField(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* f =
      request.GetDescriptor()->FindFieldByName("request_id");
  if (f == nullptr || f->is_repeated() ||
      f->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return nullptr;
  }
  return f;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> IdempotencyStatements() {
  return {
      {"request_answer_find",
       "SELECT method, request_digest, encode(response, 'hex') FROM platform.request_answer"
       " WHERE actor = $1 AND request_id = $2"},
      {"request_answer_keep",
       "INSERT INTO platform.request_answer (actor, request_id, method, request_digest, response)"
       " VALUES ($1, $2, $3, $4, decode($5, 'hex'))"},
  };
}

std::string IdempotencyKey(const google::protobuf::Message& request) {
  const google::protobuf::FieldDescriptor* f = KeyField(request);
  return f == nullptr ? std::string() : request.GetReflection()->GetString(request, f);
}

absl::Status CheckIdempotencyKey(const std::string& key) {
  const bool usable =
      !key.empty() && key.size() <= 100 && std::all_of(key.begin(), key.end(), [](char c) {
        return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
               c == '.' || c == ':';
      });
  if (usable) return absl::OkStatus();
  return InvalidField("request_id",
                      "must be 1 to 100 letters, digits, '-', '_', '.' or ':' (a UUID)",
                      "De sleutel van dit verzoek (request_id) moet bestaan uit 1 tot 100 letters, "
                      "cijfers of de tekens - _ . : (een UUID). Er is niets gewijzigd.");
}

std::string RequestDigest(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  if (const google::protobuf::FieldDescriptor* f = KeyField(*copy)) {
    copy->GetReflection()->ClearField(copy.get(), f);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    copy->SerializeWithCachedSizes(&out);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

absl::StatusOr<std::optional<KeptAnswer>> FindAnswer(Pool& pool, Deadline deadline,
                                                     const std::string& actor,
                                                     const std::string& key) {
  std::optional<KeptAnswer> found;
  absl::Status s = pool.Read(deadline, [&](pqxx::transaction_base& tx) {
    pqxx::result r = tx.exec_prepared("request_answer_find", actor, key);
    if (r.empty()) return absl::OkStatus();
    found = KeptAnswer{r[0][0].as<std::string>(), r[0][1].as<std::string>(),
                       absl::HexStringToBytes(r[0][2].as<std::string>())};
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return found;
}

void KeepAnswer(pqxx::work& tx, const std::string& actor, const std::string& key,
                const KeptAnswer& answer) {
  tx.exec_prepared0("request_answer_keep", actor, key, answer.method, answer.request_digest,
                    absl::BytesToHexString(answer.response));
}

absl::StatusOr<int> ForgetAnswersOlderThan(Pool& pool, int hours) {
  int deleted = 0;
  absl::Status s = pool.Write(NoDeadline(), [&](pqxx::work& tx) {
    deleted = static_cast<int>(
        tx.exec_params0(
              "DELETE FROM platform.request_answer WHERE answered_at < now() - make_interval("
              "hours => $1)",
              hours)
            .affected_rows());
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return deleted;
}

}  // namespace ozjt::platform
