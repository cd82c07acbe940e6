// Legal steps (notices of default, terminations, ...) of PgContractStore and PgContractTx
// (pg_store.h): their statements and rows; the step's body is its JSON (legal.h).
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/contracts/pg_rows.h"
#include "services/contracts/pg_store.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace pg {

const Statements& LegalStatements() {
  static const Statements kStatements = {
      {"contracts_steps", R"sql(
        SELECT id, (extract(epoch FROM created_at) * 1000000)::bigint, body::text
          FROM contracts.legal_step WHERE contract_id = $1 ORDER BY id)sql"},
      {"contracts_step_lock", R"sql(
        SELECT id, (extract(epoch FROM created_at) * 1000000)::bigint, body::text
          FROM contracts.legal_step WHERE id = $1 FOR UPDATE)sql"},
      {"contracts_step_insert", R"sql(
        INSERT INTO contracts.legal_step (contract_id, kind, deadline, body, created_by)
        VALUES ($1, $2, $3::date, $4::jsonb, $5)
        RETURNING id, (extract(epoch FROM created_at) * 1000000)::bigint)sql"},
      {"contracts_step_update", R"sql(
        UPDATE contracts.legal_step SET body = $2::jsonb, deadline = $3::date WHERE id = $1)sql"},
  };
  return kStatements;
}

LegalStep StepFromRow(const pqxx::row& r, int offset) {
  absl::StatusOr<LegalStep> s = LegalStepFromJson(r[offset + 2].as<std::string>());
  if (!s.ok()) throw std::runtime_error(std::string(s.status().message()));
  s->id = r[offset + 0].as<int64_t>();
  s->create_time = absl::FromUnixMicros(r[offset + 1].as<int64_t>());
  return *std::move(s);
}

}  // namespace pg

namespace {

using pg::OptionalDayText;
using pg::StepFromRow;

}  // namespace

std::vector<LegalStep> PgContractTx::LegalSteps(int64_t contract_id) {
  std::vector<LegalStep> out;
  for (const auto& r : tx_.exec_prepared("contracts_steps", contract_id)) {
    out.push_back(StepFromRow(r));
  }
  return out;
}

std::optional<LegalStep> PgContractTx::LockLegalStep(int64_t id) {
  pqxx::result r = tx_.exec_prepared("contracts_step_lock", id);
  if (r.empty()) return std::nullopt;
  return StepFromRow(r[0]);
}

LegalStep PgContractTx::InsertLegalStep(const LegalStep& step) {
  LegalStep out = step;
  out.created_by = request_.caller.subject;
  pqxx::row r =
      tx_.exec_prepared1("contracts_step_insert", out.contract_id, Code(out.kind),
                         OptionalDayText(out.deadline), ToJson(out), request_.caller.subject);
  out.id = r[0].as<int64_t>();
  out.create_time = absl::FromUnixMicros(r[1].as<int64_t>());
  // Store the id inside the body too, so the body alone describes the step.
  tx_.exec_prepared0("contracts_step_update", out.id, ToJson(out), OptionalDayText(out.deadline));
  Audit("legal_step", out.id, "", ToJson(out));
  return out;
}

LegalStep PgContractTx::ReplaceLegalStep(const LegalStep& before, const LegalStep& after) {
  tx_.exec_prepared0("contracts_step_update", after.id, ToJson(after),
                     OptionalDayText(after.deadline));
  Audit("legal_step", after.id, ToJson(before), ToJson(after));
  return after;
}

absl::StatusOr<std::vector<LegalStep>> PgContractStore::LegalSteps(platform::Deadline d,
                                                                   int64_t contract_id) {
  std::vector<LegalStep> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_steps", contract_id)) {
      out.push_back(StepFromRow(r));
    }
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace ozjt::contracts
