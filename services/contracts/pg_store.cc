// PgContractStore and PgContractTx (pg_store.h): contracts with their history, notes and
// mutation events, reference data and provider names (through the registry's Directory), the
// award gate (through the screening service's AwardGate), Write and the audit. The other
// aggregates are in pg_legal.cc, pg_tariffs.cc, pg_kpi.cc and pg_agenda.cc.
#include "services/contracts/pg_store.h"

#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/contracts/pg_rows.h"
#include "services/platform/audit.h"
#include "services/platform/calendar.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace pg {

const Statements& ContractStatements() {
  static const Statements kStatements = {
      // What a parsed contract is checked against (PgContractStore::Get).
      {"contracts_get_stamp", R"sql(
        SELECT version, (extract(epoch FROM updated_at) * 1000000)::bigint
          FROM contracts.contract WHERE id = $1)sql"},
      {"contracts_get",
       absl::StrCat("SELECT", kContractColumns, "FROM contracts.contract c WHERE c.id = $1")},
      {"contracts_lock", absl::StrCat("SELECT", kContractColumns,
                                      "FROM contracts.contract c WHERE c.id = $1 FOR UPDATE")},
      {"contracts_reference_taken",
       "SELECT 1 FROM contracts.contract WHERE reference = $1 AND id <> $2"},
      {"contracts_list", absl::StrCat("SELECT", kContractColumns, R"sql(
        FROM contracts.contract c
        WHERE ($1::text = '' OR strpos(lower(c.reference || ' ' || c.title), lower($1::text)) > 0)
          AND ($2::text = '' OR $2::text = ANY(c.municipality_codes))
          AND ($3::bigint = 0 OR $3::bigint = ANY(c.provider_ids))
          AND ($4::text = '' OR c.family = $4::text)
          AND ($5::text = '' OR c.kind = $5::text)
          AND ($6::text = '' OR (c.end_date < $7::date AND c.status = ANY($13::text[]))
                             OR (c.end_date >= $7::date AND c.status = ANY($14::text[])))
          AND ($8::bigint = 0 OR c.parent_id = $8::bigint)
          AND ($15::text = '' OR (c.end_date >= $7::date
                                  AND c.end_date <= nullif($15::text, '')::date))
          AND (NOT $9::bool OR (c.reference, c.id) > ($10::text, $11::bigint))
        ORDER BY c.reference, c.id
        LIMIT $12::int)sql")},
      {"contracts_insert", R"sql(
        INSERT INTO contracts.contract (reference, title, kind, parent_id, family, status,
          start_date, end_date, provider_ids, municipality_codes, body)
        VALUES ($1, $2, $3, nullif($4::bigint, 0), $5, $6, $7::date, $8::date,
          ARRAY(SELECT json_array_elements_text($9::json)::bigint),
          ARRAY(SELECT json_array_elements_text($10::json)), $11::jsonb)
        RETURNING id)sql"},
      {"contracts_update", R"sql(
        UPDATE contracts.contract
           SET reference = $2, title = $3, kind = $4, parent_id = nullif($5::bigint, 0),
               family = $6, status = $7, start_date = $8::date, end_date = $9::date,
               provider_ids = ARRAY(SELECT json_array_elements_text($10::json)::bigint),
               municipality_codes = ARRAY(SELECT json_array_elements_text($11::json)),
               body = $12::jsonb, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $13
        RETURNING id)sql"},
      {"contracts_insert_version", R"sql(
        INSERT INTO contracts.contract_version (contract_id, version, snapshot, actor, method)
        VALUES ($1, $2, $3::jsonb, $4, $5))sql"},
      {"contracts_history", R"sql(
        SELECT snapshot::text, actor, method, (extract(epoch FROM changed_at) * 1000000)::bigint
          FROM contracts.contract_version
         WHERE contract_id = $1 AND ($2 = 0 OR version < $2)
         ORDER BY version DESC LIMIT $3)sql"},
      {"contracts_mutation", R"sql(
        INSERT INTO contracts.mutation_event (contract_id, kind, detail, actor)
        VALUES ($1, $2, $3::jsonb, $4))sql"},
      {"contracts_note_insert", R"sql(
        INSERT INTO contracts.note (contract_id, municipality_code, text, author)
        VALUES ($1, $2, $3, $4)
        RETURNING id, (extract(epoch FROM created_at) * 1000000)::bigint)sql"},
      {"contracts_notes", R"sql(
        SELECT id, contract_id, municipality_code, text, author,
               (extract(epoch FROM created_at) * 1000000)::bigint
          FROM contracts.note WHERE contract_id = $1 ORDER BY id DESC)sql"},
  };
  return kStatements;
}

namespace {

absl::StatusOr<Contract> ContractFromRow(const pqxx::row& r, int offset = 0) {
  absl::StatusOr<Contract> c = ContractFromJson(r[offset + 4].as<std::string>());
  if (!c.ok()) return c;
  c->id = r[offset + 0].as<int64_t>();
  c->version = r[offset + 1].as<int64_t>();
  c->create_time = absl::FromUnixMicros(r[offset + 2].as<int64_t>());
  c->update_time = absl::FromUnixMicros(r[offset + 3].as<int64_t>());
  return c;
}

}  // namespace

Contract MustContract(const pqxx::row& r, int offset) {
  absl::StatusOr<Contract> c = ContractFromRow(r, offset);
  if (!c.ok()) throw std::runtime_error(std::string(c.status().message()));
  return *std::move(c);
}

}  // namespace pg

namespace {

using pg::MustContract;

// The stored statuses whose contracts ended before `today` (`ended`) or not have effective
// status `wanted` on `today`, as a text array literal for the list's status filter: the rule
// stays in Contract::EffectiveStatus, the SQL asks only the stored status and the end date.
std::string StoredStatusesFor(ContractStatus wanted, Day today, bool ended) {
  std::string array;
  for (ContractStatus stored :
       {ContractStatus::kDraft, ContractStatus::kAwarded, ContractStatus::kActive,
        ContractStatus::kExpired, ContractStatus::kTerminated}) {
    Contract probe;
    probe.status = stored;
    probe.end_date = ended ? today - 1 : today;
    if (probe.EffectiveStatus(today) == wanted) {
      absl::StrAppend(&array, array.empty() ? "" : ",", Code(stored));
    }
  }
  return absl::StrCat("{", array, "}");
}

}  // namespace

// ---- PgContractTx ----

void PgContractTx::Audit(const std::string& type, int64_t id, const std::string& before,
                         const std::string& after) {
  platform::WriteAudit(tx_, request_, {type, std::to_string(id), before, after});
}

std::optional<Contract> PgContractTx::Lock(int64_t id) {
  pqxx::result r = tx_.exec_prepared("contracts_lock", id);
  if (r.empty()) return std::nullopt;
  return MustContract(r[0]);
}

bool PgContractTx::ReferenceTaken(const std::string& reference, int64_t except_id) {
  return !tx_.exec_prepared("contracts_reference_taken", reference, except_id).empty();
}

std::optional<int64_t> PgContractTx::AdmittingScreening(int64_t provider_id, Day day) {
  return award_gate_.AdmittingCase(tx_, provider_id, day);
}

void PgContractTx::RegisterAward(int64_t case_id, int64_t contract_id, int64_t provider_id) {
  award_gate_.RegisterAward(tx_, case_id, contract_id, provider_id, request_.today,
                            request_.caller.subject);
  Audit("screening_award_registration", case_id, "",
        nlohmann::json{{"case_id", case_id},
                       {"contract_id", contract_id},
                       {"provider_id", provider_id},
                       {"registered_on", FormatDay(request_.today)}}
            .dump());
}

Contract PgContractTx::Insert(const Contract& c) {
  const int64_t id =
      tx_.exec_prepared1("contracts_insert", c.reference, c.title, Code(c.kind), c.parent_id,
                         Code(c.family), Code(c.status), FormatDay(c.start_date),
                         FormatDay(c.end_date), nlohmann::json(c.provider_ids).dump(),
                         nlohmann::json(c.MunicipalityCodes()).dump(), ToJson(c))[0]
          .as<int64_t>();
  Contract stored = MustContract(tx_.exec_prepared1("contracts_get", id));
  const std::string json = ToJson(stored);
  tx_.exec_prepared0("contracts_insert_version", id, stored.version, json, request_.caller.subject,
                     request_.method);
  Audit("contract", id, "", json);
  return stored;
}

Contract PgContractTx::Replace(const Contract& before, const Contract& after) {
  pqxx::result r = tx_.exec_prepared(
      "contracts_update", before.id, after.reference, after.title, Code(after.kind),
      after.parent_id, Code(after.family), Code(after.status), FormatDay(after.start_date),
      FormatDay(after.end_date), nlohmann::json(after.provider_ids).dump(),
      nlohmann::json(after.MunicipalityCodes()).dump(), ToJson(after), before.version);
  if (r.empty()) throw pqxx::serialization_failure("contract changed concurrently");
  Contract stored = MustContract(tx_.exec_prepared1("contracts_get", before.id));
  const std::string json = ToJson(stored);
  tx_.exec_prepared0("contracts_insert_version", stored.id, stored.version, json,
                     request_.caller.subject, request_.method);
  Audit("contract", stored.id, ToJson(before), json);
  return stored;
}

void PgContractTx::AuditOptionExercise(const Contract& contract, const ExtensionOption& option) {
  Audit("option_exercise", contract.id, "", ExerciseAuditJson(contract, option));
}

void PgContractTx::RecordMutation(const Contract& contract, const std::string& kind,
                                  const std::string& detail_json) {
  tx_.exec_prepared0("contracts_mutation", contract.id, kind, detail_json, request_.caller.subject);
}

ContractNote PgContractTx::InsertNote(const ContractNote& note) {
  pqxx::row r = tx_.exec_prepared1("contracts_note_insert", note.contract_id,
                                   note.municipality_code, note.text, request_.caller.subject);
  ContractNote out = note;
  out.id = r[0].as<int64_t>();
  out.create_time = absl::FromUnixMicros(r[1].as<int64_t>());
  out.author = request_.caller.subject;
  Audit("contract_note", out.id, "",
        nlohmann::json{{"contract_id", out.contract_id},
                       {"municipality_code", out.municipality_code},
                       {"text", out.text}}
            .dump());
  return out;
}

// ---- PgContractStore ----

PgContractStore::PgContractStore(platform::Pool& pool)
    : pool_(pool),
      award_gate_(screening::MakeAwardGate(pool)),
      directory_(registry::MakeDirectory(pool)) {
  for (const auto* statements :
       {&pg::ContractStatements(), &pg::LegalStatements(), &pg::TariffStatements(),
        &pg::KpiStatements(), &pg::AgendaStatements()}) {
    pool_.AddStatements(*statements);
  }
}

absl::StatusOr<ContractRefs> PgContractStore::LoadContractRefs(platform::Deadline d) {
  ContractRefs refs;
  OZJT_ASSIGN_OR_RETURN(auto municipalities, directory_->Municipalities(d));
  for (const auto& m : municipalities) {
    refs.municipalities.insert(m.cbs_code);
    refs.municipality_names[m.cbs_code] = m.name;
  }
  return refs;
}

absl::StatusOr<TariffRefs> PgContractStore::LoadTariffRefs(platform::Deadline d) {
  TariffRefs refs;
  OZJT_ASSIGN_OR_RETURN(auto categories, directory_->ProductCategories(d));
  for (const auto& c : categories) refs.categories.insert({c.law, c.code});
  OZJT_ASSIGN_OR_RETURN(auto units, directory_->UnitCodes(d));
  for (auto& u : units) refs.units.insert(std::move(u));
  return refs;
}

absl::StatusOr<Contract> PgContractStore::Get(platform::Deadline d, int64_t id) {
  // The body is read and parsed only when the contract changed since this process last parsed
  // it: otherwise the parsed one, checked by its version and update time.
  std::shared_ptr<const Contract> c;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) -> absl::Status {
    c = nullptr;
    pqxx::result stamp = tx.exec_prepared("contracts_get_stamp", id);
    if (stamp.empty()) return absl::OkStatus();
    c = parsed_.Find(id, stamp[0][0].as<int64_t>(), stamp[0][1].as<int64_t>());
    if (c != nullptr) return absl::OkStatus();
    pqxx::result r = tx.exec_prepared("contracts_get", id);
    if (r.empty()) return absl::OkStatus();  // deleted in between
    c = std::make_shared<const Contract>(MustContract(r[0]));
    parsed_.Put(id, c->version, absl::ToUnixMicros(c->update_time), c);
    return absl::OkStatus();
  }));
  if (c == nullptr) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("contract contracts/", id, " not found")),
        absl::StrCat("Contract ", id,
                     " bestaat niet of valt buiten uw gemeente; zoek het op (ozjt contracts "
                     "list)."));
  }
  return *c;
}

absl::StatusOr<std::vector<Contract>> PgContractStore::List(platform::Deadline d,
                                                            const ContractQuery& q) {
  std::vector<Contract> out;
  const ContractFilter& f = q.filter;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    pqxx::result r = tx.exec_prepared(
        "contracts_list", f.text, f.municipality_code, f.provider_id,
        f.family ? Code(*f.family) : "", f.kind ? Code(*f.kind) : "",
        f.status ? Code(*f.status) : "", FormatDay(q.today), f.parent_id, q.after.has_value(),
        q.after ? q.after->first : "", q.after ? q.after->second : 0, q.limit,
        f.status ? StoredStatusesFor(*f.status, q.today, true) : "{}",
        f.status ? StoredStatusesFor(*f.status, q.today, false) : "{}",
        f.ends_within_months > 0 ? FormatDay(platform::AddMonths(q.today, f.ends_within_months))
                                 : "");
    for (const auto& row : r) out.push_back(MustContract(row));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ContractVersion>> PgContractStore::History(platform::Deadline d,
                                                                      int64_t id,
                                                                      int64_t before_version,
                                                                      int limit) {
  std::vector<ContractVersion> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) -> absl::Status {
    for (const auto& r : tx.exec_prepared("contracts_history", id, before_version, limit)) {
      OZJT_ASSIGN_OR_RETURN(Contract c, ContractFromJson(r[0].as<std::string>()));
      out.push_back({std::move(c), r[1].as<std::string>(), r[2].as<std::string>(),
                     absl::FromUnixMicros(r[3].as<int64_t>())});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ContractNote>> PgContractStore::Notes(platform::Deadline d,
                                                                 int64_t contract_id) {
  std::vector<ContractNote> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_notes", contract_id)) {
      out.push_back({r[0].as<int64_t>(), r[1].as<int64_t>(), r[2].as<std::string>(),
                     r[3].as<std::string>(), r[4].as<std::string>(),
                     absl::FromUnixMicros(r[5].as<int64_t>())});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::map<int64_t, std::string>> PgContractStore::ProviderNames(
    platform::Deadline d, const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::map<int64_t, std::string>{};
  return directory_->ProviderNames(d, ids);
}

absl::Status PgContractStore::Write(const platform::RequestInfo& request,
                                    const std::function<absl::Status(ContractTx&)>& fn) {
  return pool_.Write(request.deadline, [&](pqxx::work& tx) {
    PgContractTx ctx(tx, request, *award_gate_);
    return fn(ctx);
  });
}

}  // namespace ozjt::contracts
