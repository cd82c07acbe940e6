// Legal steps (notices of default, terminations, ...) and the letters recorded as sent, of
// PgContractStore and PgContractTx (pg_store.h): their statements and rows; a step's body is
// its JSON (legal.h).
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
      {"contracts_letters", R"sql(
        SELECT id, contract_id, kind, option_number, coalesce(legal_step_id, 0), provider_id,
               sent_date::text, receipt_proof, recorded_by,
               (extract(epoch FROM created_at) * 1000000)::bigint
          FROM contracts.letter_dispatch WHERE contract_id = $1 ORDER BY id)sql"},
      {"contracts_letter_insert", R"sql(
        INSERT INTO contracts.letter_dispatch (contract_id, kind, option_number, legal_step_id,
                                               provider_id, sent_date, receipt_proof, recorded_by)
        VALUES ($1, $2, $3, nullif($4::bigint, 0), $5, $6::date, $7, $8)
        ON CONFLICT DO NOTHING
        RETURNING id, (extract(epoch FROM created_at) * 1000000)::bigint)sql"},
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

LetterDispatch LetterFromRow(const pqxx::row& r) {
  LetterDispatch d;
  d.id = r[0].as<int64_t>();
  d.contract_id = r[1].as<int64_t>();
  d.subject.kind = ParseLetterKind(r[2].as<std::string>()).value_or(LetterKind::kUnspecified);
  d.subject.option_number = r[3].as<int>();
  d.subject.legal_step_id = r[4].as<int64_t>();
  d.provider_id = r[5].as<int64_t>();
  d.sent_date = platform::ParseDay(r[6].as<std::string>()).value_or(Day());
  d.receipt_proof = r[7].as<std::string>();
  d.recorded_by = r[8].as<std::string>();
  d.create_time = absl::FromUnixMicros(r[9].as<int64_t>());
  return d;
}

}  // namespace pg

namespace {

using pg::OptionalDayText;
using pg::StepFromRow;

nlohmann::json LetterJson(const LetterDispatch& d) {
  return {{"contract_id", d.contract_id},
          {"kind", Code(d.subject.kind)},
          {"option_number", d.subject.option_number},
          {"legal_step_id", d.subject.legal_step_id},
          {"provider_id", d.provider_id},
          {"sent_date", FormatDay(d.sent_date)},
          {"receipt_proof", d.receipt_proof}};
}

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

std::optional<LetterDispatch> PgContractTx::InsertLetterDispatch(const LetterDispatch& d) {
  pqxx::result r =
      tx_.exec_prepared("contracts_letter_insert", d.contract_id, Code(d.subject.kind),
                        d.subject.option_number, d.subject.legal_step_id, d.provider_id,
                        FormatDay(d.sent_date), d.receipt_proof, request_.caller.subject);
  if (r.empty()) return std::nullopt;
  LetterDispatch out = d;
  out.id = r[0][0].as<int64_t>();
  out.create_time = absl::FromUnixMicros(r[0][1].as<int64_t>());
  out.recorded_by = request_.caller.subject;
  Audit("letter_dispatch", out.id, "", LetterJson(out).dump());
  return out;
}

absl::StatusOr<std::vector<LetterDispatch>> PgContractStore::LetterDispatches(platform::Deadline d,
                                                                              int64_t contract_id) {
  std::vector<LetterDispatch> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_letters", contract_id)) {
      out.push_back(pg::LetterFromRow(r));
    }
    return absl::OkStatus();
  }));
  return out;
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
