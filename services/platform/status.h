// Errors shared by every layer: absl::Status with the most specific code, plus the field
// violations that make up an INVALID_ARGUMENT. No gRPC here; grpc_status.h turns these into
// grpc::Status with google.rpc.BadRequest details.
//
//   FieldViolations v;
//   if (!IsDigits(kvk, 8)) v.Add("provider.kvk_number", "must be exactly 8 digits");
//   if (!v.empty()) return v.ToStatus();
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ozjt::platform {

// One broken rule: the field path (as the client names it), what the rule is (English, for
// logs and operators) and the same in Dutch for the person who typed it: a whole sentence that
// names the thing in words a contract manager uses, never the proto field
// ("Het KvK-nummer moet uit precies 8 cijfers bestaan."). Clients show `dutch`.
struct FieldViolation {
  std::string field;
  std::string description;
  std::string dutch;
  bool operator==(const FieldViolation& o) const {
    return field == o.field && description == o.description && dutch == o.dutch;
  }
};

// Collects violations; ToStatus() makes one INVALID_ARGUMENT carrying all of them.
class FieldViolations {
 public:
  void Add(std::string field, std::string description, std::string dutch = "");
  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }
  // INVALID_ARGUMENT whose message lists the violations; OK when there are none.
  absl::Status ToStatus() const;

 private:
  std::vector<FieldViolation> violations_;
};

// INVALID_ARGUMENT for a single field.
absl::Status InvalidField(std::string field, std::string description, std::string dutch = "");

// The Dutch text a person reads for this error (sent as google.rpc.LocalizedMessage, nl-NL);
// the status message stays as it is for logs and operators:
//   return WithDutch(absl::NotFoundError("contract 7 not found"), "Contract 7 bestaat niet.");
absl::Status WithDutch(absl::Status status, std::string_view dutch);

// The Dutch text of a status: the one WithDutch attached, else the Dutch descriptions of its
// field violations (one sentence each, joined with a space); "" when there is none.
std::string DutchOf(const absl::Status& status);

// What a person reads for a status that carries no Dutch text of its own: a sentence per code.
std::string DutchForCode(absl::StatusCode code);

// Details for the server's log only (a database error's own text, which may quote SQL or row
// data): kept with the status through every layer, written to the call log by Platform::Serve
// with the request id, and never sent to a client (ToGrpcStatus sends only the message, the
// Dutch text and the violations).
absl::Status WithServerDetail(absl::Status status, std::string_view detail);
// The detail WithServerDetail attached; "" when there is none.
std::string ServerDetailOf(const absl::Status& status);

// The violations carried by a status made by FieldViolations (empty for any other status).
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

#define OZJT_CONCAT_INNER(a, b) a##b
#define OZJT_CONCAT(a, b) OZJT_CONCAT_INNER(a, b)
// Returns from the current function when `expr` (an absl::Status) is not OK. The variable's name
// is unique, so a lambda in `expr` may use the macro too without shadowing it.
#define OZJT_RETURN_IF_ERROR(expr) \
  OZJT_RETURN_IF_ERROR_IMPL(OZJT_CONCAT(ozjt_status_, __COUNTER__), expr)
// `tmp` names a variable and `lhs` may be a declaration: neither can be parenthesized.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define OZJT_RETURN_IF_ERROR_IMPL(tmp, expr) \
  do {                                       \
    absl::Status tmp = (expr);               \
    if (!tmp.ok()) return tmp;               \
  } while (0)
// Assigns the value of a StatusOr `rexpr` to `lhs`, or returns its error.
#define OZJT_ASSIGN_OR_RETURN(lhs, rexpr) \
  OZJT_ASSIGN_OR_RETURN_IMPL(OZJT_CONCAT(ozjt_statusor_, __LINE__), lhs, rexpr)
#define OZJT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                               \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

}  // namespace ozjt::platform
