#include "services/contracts/store.h"

#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/contracts/term.h"
#include "services/platform/audit.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

constexpr char kContractColumns[] =
    " c.id, c.version, (extract(epoch FROM c.created_at) * 1000000)::bigint,"
    " (extract(epoch FROM c.updated_at) * 1000000)::bigint, c.body::text ";
constexpr char kLineColumns[] =
    " t.id, t.contract_id, t.law, t.variant, t.product_category, t.product_code, t.description,"
    " t.unit, t.amount_cents, array_to_json(t.municipality_codes)::text, t.valid_from::text,"
    " t.valid_to::text, t.index_year, coalesce(t.supersedes_id, 0) ";
// Scope filters shared by the agenda queries: $3 municipalities (empty: all), $4 provider,
// $5 family. The agenda plans them per call (ExecPlanned), so the GIN index serves $3.
constexpr char kScope[] =
    " AND (cardinality($3::text[]) = 0 OR c.municipality_codes && $3::text[])"
    " AND ($4::bigint = 0 OR $4::bigint = ANY(c.provider_ids))"
    " AND ($5::text = '' OR c.family = $5::text) ";

// How far past the window a contract may end and still have its notice deadline in it: the
// longest notice period, plus a month for the day-of-month arithmetic of NoticeDeadline.
constexpr int kAgendaEndMonths = kMaxNoticeMonths + 1;

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
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
      {"contracts_line_lock",
       absl::StrCat("SELECT", kLineColumns,
                    "FROM contracts.tariff_line t WHERE t.id = $1 FOR UPDATE")},
      {"contracts_lines", absl::StrCat("SELECT", kLineColumns, R"sql(
        FROM contracts.tariff_line t WHERE t.contract_id = $1
        ORDER BY t.product_code, t.valid_from, t.id)sql")},
      {"contracts_line_insert", R"sql(
        INSERT INTO contracts.tariff_line (contract_id, law, variant, product_category,
          product_code, description, unit, amount_cents, municipality_codes, valid_from,
          valid_to, index_year, supersedes_id, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ARRAY(SELECT json_array_elements_text($9::json)),
          $10::date, $11::date, $12, nullif($13::bigint, 0), $14)
        RETURNING id)sql"},
      {"contracts_line_close",
       "UPDATE contracts.tariff_line SET valid_to = $2::date WHERE id = $1"},
      {"contracts_figures",
       "SELECT component, year, kind, hundredths FROM contracts.index_figure ORDER BY component, "
       "year, kind"},
      {"contracts_figure_insert", R"sql(
        INSERT INTO contracts.index_figure (component, year, kind, hundredths, created_by)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1)sql"},
      {"contracts_floors",
       "SELECT product_category, product_code, year, floor_cents FROM contracts.tariff_floor "
       "ORDER BY product_category, product_code, year"},
      {"contracts_floor_insert", R"sql(
        INSERT INTO contracts.tariff_floor (product_category, product_code, year, floor_cents)
        VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1)sql"},
      {"contracts_indexed",
       "SELECT 1 FROM contracts.indexation_run WHERE contract_id = $1 AND year = $2"},
      {"contracts_indexation_insert", R"sql(
        INSERT INTO contracts.indexation_run (contract_id, year, index_hundredths, detail, applied_by)
        VALUES ($1, $2, $3, $4::jsonb, $5))sql"},
      {"contracts_kpi_upsert", R"sql(
        INSERT INTO contracts.kpi_definition (contract_id, kind, norm, direction, description)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (contract_id, kind) DO UPDATE
          SET norm = EXCLUDED.norm, direction = EXCLUDED.direction,
              description = EXCLUDED.description)sql"},
      {"contracts_kpis",
       "SELECT contract_id, kind, norm, direction, description FROM contracts.kpi_definition "
       "WHERE ($1 = 0 OR contract_id = $1) ORDER BY contract_id, kind"},
      {"contracts_measurement_insert", R"sql(
        INSERT INTO contracts.kpi_measurement (contract_id, period, kind, value, source,
          municipality_code, recorded_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
        RETURNING id, (extract(epoch FROM recorded_at) * 1000000)::bigint)sql"},
      {"contracts_measurements", R"sql(
        SELECT id, contract_id, period, kind, value, source, municipality_code, recorded_by,
               (extract(epoch FROM recorded_at) * 1000000)::bigint
          FROM contracts.kpi_measurement
         WHERE ($2 = '' OR period = $2) AND ($1 = 0 OR contract_id = $1)
         ORDER BY contract_id, period DESC, kind, source, municipality_code)sql"},
      {"contracts_get_many",
       absl::StrCat("SELECT", kContractColumns,
                    "FROM contracts.contract c WHERE c.id = ANY($1::bigint[])")},
      {"contracts_agenda_contracts", absl::StrCat(R"sql(
        SELECT c.id, c.version, (extract(epoch FROM c.updated_at) * 1000000)::bigint
        FROM contracts.contract c
        WHERE c.status IN ('awarded', 'active')
          AND c.end_date >= $1::date
          AND c.end_date <= ($2::date + make_interval(months => $6::int)))sql",
                                                  kScope)},
      {"contracts_agenda_steps", absl::StrCat("SELECT", kContractColumns, R"sql(,
               s.id, (extract(epoch FROM s.created_at) * 1000000)::bigint, s.body::text
        FROM contracts.legal_step s JOIN contracts.contract c ON c.id = s.contract_id
        WHERE s.deadline BETWEEN $1::date AND $2::date)sql",
                                              kScope)},
      {"contracts_agenda_floors", absl::StrCat("SELECT", kContractColumns, ",", kLineColumns, R"sql(
        FROM contracts.tariff_floor f
        CROSS JOIN LATERAL (
          -- From each floor to its product's lines (OFFSET 0 keeps this order: the floors
          -- table is small and may never be analysed, and every line in the window is many).
          SELECT * FROM contracts.tariff_line l
           WHERE l.product_category = f.product_category AND l.product_code = f.product_code
             AND l.index_year = f.year AND l.amount_cents < f.floor_cents
             AND l.valid_from BETWEEN $1::date AND $2::date OFFSET 0) t
        JOIN contracts.contract c ON c.id = t.contract_id
        WHERE true)sql",
                                               kScope)},
  };
  return kStatements;
}

// Runs a registered statement with a plan made for this call's values (as an unnamed
// statement). The agenda's optional filters ("$3 empty or ...") keep a prepared statement's
// generic plan from using the indexes: 47 ms -> 5 ms for a region's contracts at national scale.
// The agenda's other statements stay prepared (small tables, the deadline index, or a query
// shape that fixes the order): planning each costs ~0.5 ms.
template <typename... Args>
pqxx::result ExecPlanned(pqxx::transaction_base& tx, const std::string& name, Args&&... args) {
  for (const auto& [statement, sql] : Statements()) {
    if (statement == name) return tx.exec_params(sql, std::forward<Args>(args)...);
  }
  throw std::logic_error("no statement " + name);
}

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

absl::StatusOr<Contract> ContractFromRow(const pqxx::row& r, int offset = 0) {
  absl::StatusOr<Contract> c = ContractFromJson(r[offset + 4].as<std::string>());
  if (!c.ok()) return c;
  c->id = r[offset + 0].as<int64_t>();
  c->version = r[offset + 1].as<int64_t>();
  c->create_time = absl::FromUnixMicros(r[offset + 2].as<int64_t>());
  c->update_time = absl::FromUnixMicros(r[offset + 3].as<int64_t>());
  return c;
}

// Rows made by this service are valid JSON; a bad one is a defect, reported as an exception.
Contract MustContract(const pqxx::row& r, int offset = 0) {
  absl::StatusOr<Contract> c = ContractFromRow(r, offset);
  if (!c.ok()) throw std::runtime_error(std::string(c.status().message()));
  return *std::move(c);
}

LegalStep StepFromRow(const pqxx::row& r, int offset = 0) {
  absl::StatusOr<LegalStep> s = LegalStepFromJson(r[offset + 2].as<std::string>());
  if (!s.ok()) throw std::runtime_error(std::string(s.status().message()));
  s->id = r[offset + 0].as<int64_t>();
  s->create_time = absl::FromUnixMicros(r[offset + 1].as<int64_t>());
  return *std::move(s);
}

TariffLine LineFromRow(const pqxx::row& r, int o = 0) {
  TariffLine l;
  l.id = r[o + 0].as<int64_t>();
  l.contract_id = r[o + 1].as<int64_t>();
  l.law = ParseTariffLaw(r[o + 2].as<std::string>()).value_or(TariffLaw::kUnspecified);
  l.variant = ParseVariant(r[o + 3].as<std::string>()).value_or(Variant::kUnspecified);
  l.product_category = r[o + 4].as<std::string>();
  l.product_code = r[o + 5].as<std::string>();
  l.description = r[o + 6].as<std::string>();
  l.unit = r[o + 7].as<std::string>();
  l.amount_cents = r[o + 8].as<int64_t>();
  l.municipality_codes =
      nlohmann::json::parse(r[o + 9].as<std::string>()).get<std::vector<std::string>>();
  l.valid_from = platform::StoredDay(r[o + 10].as<std::string>());
  if (!r[o + 11].is_null()) l.valid_to = platform::StoredDay(r[o + 11].as<std::string>());
  l.index_year = r[o + 12].as<int>();
  l.supersedes_id = r[o + 13].as<int64_t>();
  return l;
}

std::string LineJson(const TariffLine& l) {
  return nlohmann::json{
      {"id", l.id},
      {"contract_id", l.contract_id},
      {"law", Code(l.law)},
      {"variant", Code(l.variant)},
      {"product_category", l.product_category},
      {"product_code", l.product_code},
      {"description", l.description},
      {"unit", l.unit},
      {"amount_cents", l.amount_cents},
      {"municipality_codes", l.municipality_codes},
      {"valid_from", FormatDay(l.valid_from)},
      {"valid_to", l.valid_to ? nlohmann::json(FormatDay(*l.valid_to)) : nlohmann::json()},
      {"index_year", l.index_year},
      {"supersedes_id", l.supersedes_id}}
      .dump();
}

const char* FigureCode(FigureKind k) { return k == FigureKind::kFinal ? "final" : "forecast"; }

std::optional<std::string> OptionalDayText(const std::optional<Day>& d) {
  if (!d) return std::nullopt;
  return FormatDay(*d);
}

std::vector<IndexFigure> ReadFigures(pqxx::transaction_base& tx) {
  std::vector<IndexFigure> out;
  for (const auto& r : tx.exec_prepared("contracts_figures")) {
    out.push_back({r[0].as<std::string>(), r[1].as<int>(),
                   r[2].as<std::string>() == "final" ? FigureKind::kFinal : FigureKind::kForecast,
                   r[3].as<int64_t>()});
  }
  return out;
}

std::vector<TariffFloor> ReadFloors(pqxx::transaction_base& tx) {
  std::vector<TariffFloor> out;
  for (const auto& r : tx.exec_prepared("contracts_floors")) {
    out.push_back(
        {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<int>(), r[3].as<int64_t>()});
  }
  return out;
}

}  // namespace

// ---- ContractTx ----

void ContractTx::Audit(const std::string& type, int64_t id, const std::string& before,
                       const std::string& after) {
  platform::WriteAudit(tx_, request_, {type, std::to_string(id), before, after});
}

std::optional<Contract> ContractTx::Lock(int64_t id) {
  pqxx::result r = tx_.exec_prepared("contracts_lock", id);
  if (r.empty()) return std::nullopt;
  return MustContract(r[0]);
}

bool ContractTx::ReferenceTaken(const std::string& reference, int64_t except_id) {
  return !tx_.exec_prepared("contracts_reference_taken", reference, except_id).empty();
}

std::optional<int64_t> ContractTx::AdmittingScreening(int64_t provider_id, Day day) {
  return award_gate_.AdmittingCase(tx_, provider_id, day);
}

void ContractTx::RegisterAward(int64_t case_id, int64_t contract_id, int64_t provider_id) {
  award_gate_.RegisterAward(tx_, case_id, contract_id, provider_id, request_.today,
                            request_.caller.subject);
  Audit("screening_award_registration", case_id, "",
        nlohmann::json{{"case_id", case_id},
                       {"contract_id", contract_id},
                       {"provider_id", provider_id},
                       {"registered_on", FormatDay(request_.today)}}
            .dump());
}

Contract ContractTx::Insert(const Contract& c) {
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

Contract ContractTx::Replace(const Contract& before, const Contract& after) {
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

void ContractTx::AuditOptionExercise(const Contract& contract, const ExtensionOption& option) {
  Audit("option_exercise", contract.id, "", ExerciseAuditJson(contract, option));
}

void ContractTx::RecordMutation(const Contract& contract, const std::string& kind,
                                const std::string& detail_json) {
  tx_.exec_prepared0("contracts_mutation", contract.id, kind, detail_json, request_.caller.subject);
}

ContractNote ContractTx::InsertNote(const ContractNote& note) {
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

std::vector<LegalStep> ContractTx::LegalSteps(int64_t contract_id) {
  std::vector<LegalStep> out;
  for (const auto& r : tx_.exec_prepared("contracts_steps", contract_id))
    out.push_back(StepFromRow(r));
  return out;
}

std::optional<LegalStep> ContractTx::LockLegalStep(int64_t id) {
  pqxx::result r = tx_.exec_prepared("contracts_step_lock", id);
  if (r.empty()) return std::nullopt;
  return StepFromRow(r[0]);
}

LegalStep ContractTx::InsertLegalStep(const LegalStep& step) {
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

LegalStep ContractTx::ReplaceLegalStep(const LegalStep& before, const LegalStep& after) {
  tx_.exec_prepared0("contracts_step_update", after.id, ToJson(after),
                     OptionalDayText(after.deadline));
  Audit("legal_step", after.id, ToJson(before), ToJson(after));
  return after;
}

std::optional<TariffLine> ContractTx::LockTariffLine(int64_t id) {
  pqxx::result r = tx_.exec_prepared("contracts_line_lock", id);
  if (r.empty()) return std::nullopt;
  return LineFromRow(r[0]);
}

std::vector<TariffLine> ContractTx::TariffLines(int64_t contract_id) {
  std::vector<TariffLine> out;
  for (const auto& r : tx_.exec_prepared("contracts_lines", contract_id))
    out.push_back(LineFromRow(r));
  return out;
}

TariffLine ContractTx::InsertTariffLine(const TariffLine& l) {
  TariffLine out = l;
  out.id = tx_.exec_prepared1("contracts_line_insert", l.contract_id, Code(l.law), Code(l.variant),
                              l.product_category, l.product_code, l.description, l.unit,
                              l.amount_cents, nlohmann::json(l.municipality_codes).dump(),
                              FormatDay(l.valid_from), OptionalDayText(l.valid_to), l.index_year,
                              l.supersedes_id, request_.caller.subject)[0]
               .as<int64_t>();
  Audit("tariff_line", out.id, "", LineJson(out));
  return out;
}

void ContractTx::CloseTariffLine(const TariffLine& line, Day valid_to) {
  tx_.exec_prepared0("contracts_line_close", line.id, FormatDay(valid_to));
  TariffLine after = line;
  after.valid_to = valid_to;
  Audit("tariff_line", line.id, LineJson(line), LineJson(after));
}

std::vector<IndexFigure> ContractTx::Figures() { return ReadFigures(tx_); }

std::vector<TariffFloor> ContractTx::Floors() { return ReadFloors(tx_); }

bool ContractTx::Indexed(int64_t contract_id, int year) {
  return !tx_.exec_prepared("contracts_indexed", contract_id, year).empty();
}

void ContractTx::RecordIndexation(int64_t contract_id, int year, int64_t index,
                                  const std::string& detail) {
  tx_.exec_prepared0("contracts_indexation_insert", contract_id, year, index, detail,
                     request_.caller.subject);
  Audit("indexation_run", contract_id, "", detail);
}

bool ContractTx::InsertFigure(const IndexFigure& f) {
  if (tx_.exec_prepared("contracts_figure_insert", f.component, f.year, FigureCode(f.kind),
                        f.hundredths, request_.caller.subject)
          .empty()) {
    return false;
  }
  Audit("index_figure", f.year, "",
        nlohmann::json{{"component", f.component},
                       {"year", f.year},
                       {"kind", FigureCode(f.kind)},
                       {"percent", FormatHundredths(f.hundredths)}}
            .dump());
  return true;
}

bool ContractTx::InsertFloor(const TariffFloor& f) {
  if (tx_.exec_prepared("contracts_floor_insert", f.product_category, f.product_code, f.year,
                        f.floor_cents)
          .empty()) {
    return false;
  }
  Audit("tariff_floor", f.year, "",
        nlohmann::json{{"product_category", f.product_category},
                       {"product_code", f.product_code},
                       {"year", f.year},
                       {"floor_cents", f.floor_cents}}
            .dump());
  return true;
}

void ContractTx::UpsertKpiDefinition(const KpiDefinition& d) {
  tx_.exec_prepared0("contracts_kpi_upsert", d.contract_id, Code(d.kind), d.norm, Code(d.direction),
                     d.description);
  Audit("kpi_definition", d.contract_id, "",
        nlohmann::json{{"kind", Code(d.kind)},
                       {"norm", FormatHundredths(d.norm)},
                       {"direction", Code(d.direction)},
                       {"description", d.description}}
            .dump());
}

std::optional<KpiMeasurement> ContractTx::InsertMeasurement(const KpiMeasurement& m) {
  pqxx::result r =
      tx_.exec_prepared("contracts_measurement_insert", m.contract_id, m.period, Code(m.kind),
                        m.value, Code(m.source), m.municipality_code, request_.caller.subject);
  if (r.empty()) return std::nullopt;
  KpiMeasurement out = m;
  out.id = r[0][0].as<int64_t>();
  out.record_time = absl::FromUnixMicros(r[0][1].as<int64_t>());
  out.recorded_by = request_.caller.subject;
  Audit("kpi_measurement", out.id, "",
        nlohmann::json{{"contract_id", m.contract_id},
                       {"period", m.period},
                       {"kind", Code(m.kind)},
                       {"value", FormatHundredths(m.value)},
                       {"source", Code(m.source)},
                       {"municipality_code", m.municipality_code}}
            .dump());
  return out;
}

// ---- ContractStore ----

ContractStore::ContractStore(platform::Pool& pool)
    : pool_(pool),
      award_gate_(screening::MakeAwardGate(pool)),
      directory_(registry::MakeDirectory(pool)) {
  pool_.AddStatements(Statements());
}

absl::StatusOr<ContractRefs> ContractStore::LoadContractRefs(platform::Deadline d) {
  ContractRefs refs;
  OZJT_ASSIGN_OR_RETURN(auto municipalities, directory_->Municipalities(d));
  for (const auto& m : municipalities) {
    refs.municipalities.insert(m.cbs_code);
    refs.municipality_names[m.cbs_code] = m.name;
  }
  return refs;
}

absl::StatusOr<TariffRefs> ContractStore::LoadTariffRefs(platform::Deadline d) {
  TariffRefs refs;
  OZJT_ASSIGN_OR_RETURN(auto categories, directory_->ProductCategories(d));
  for (const auto& c : categories) refs.categories.insert({c.law, c.code});
  OZJT_ASSIGN_OR_RETURN(auto units, directory_->UnitCodes(d));
  for (auto& u : units) refs.units.insert(std::move(u));
  return refs;
}

absl::StatusOr<Contract> ContractStore::Get(platform::Deadline d, int64_t id) {
  std::optional<Contract> c;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) -> absl::Status {
    pqxx::result r = tx.exec_prepared("contracts_get", id);
    if (!r.empty()) c = MustContract(r[0]);
    return absl::OkStatus();
  }));
  if (!c) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("contract contracts/", id, " not found")),
        absl::StrCat("Contract ", id,
                     " bestaat niet of valt buiten uw gemeente; zoek het op (ozjt contracts "
                     "list)."));
  }
  return *std::move(c);
}

absl::StatusOr<std::vector<Contract>> ContractStore::List(platform::Deadline d,
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
        f.status ? StoredStatusesFor(*f.status, q.today, false) : "{}");
    for (const auto& row : r) out.push_back(MustContract(row));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ContractVersion>> ContractStore::History(platform::Deadline d,
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

absl::StatusOr<std::vector<ContractNote>> ContractStore::Notes(platform::Deadline d,
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

absl::StatusOr<std::vector<LegalStep>> ContractStore::LegalSteps(platform::Deadline d,
                                                                 int64_t contract_id) {
  std::vector<LegalStep> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_steps", contract_id))
      out.push_back(StepFromRow(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<TariffLine>> ContractStore::TariffLines(platform::Deadline d,
                                                                   int64_t contract_id) {
  std::vector<TariffLine> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_lines", contract_id))
      out.push_back(LineFromRow(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<IndexFigure>> ContractStore::Figures(platform::Deadline d) {
  std::vector<IndexFigure> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out = ReadFigures(tx);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::map<int64_t, std::string>> ContractStore::ProviderNames(
    platform::Deadline d, const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::map<int64_t, std::string>{};
  return directory_->ProviderNames(d, ids);
}

absl::StatusOr<std::vector<TariffFloor>> ContractStore::Floors(platform::Deadline d) {
  std::vector<TariffFloor> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out = ReadFloors(tx);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<KpiDefinition>> ContractStore::KpiDefinitions(platform::Deadline d,
                                                                         int64_t contract_id) {
  std::vector<KpiDefinition> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_kpis", contract_id)) {
      out.push_back(
          {r[0].as<int64_t>(), ParseKpiKind(r[1].as<std::string>()).value_or(KpiKind::kUnspecified),
           r[2].as<int64_t>(),
           ParseNormDirection(r[3].as<std::string>()).value_or(NormDirection::kUnspecified),
           r[4].as<std::string>()});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<KpiMeasurement>> ContractStore::Measurements(platform::Deadline d,
                                                                        int64_t contract_id,
                                                                        const std::string& period) {
  std::vector<KpiMeasurement> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_measurements", contract_id, period)) {
      KpiMeasurement m;
      m.id = r[0].as<int64_t>();
      m.contract_id = r[1].as<int64_t>();
      m.period = r[2].as<std::string>();
      m.kind = ParseKpiKind(r[3].as<std::string>()).value_or(KpiKind::kUnspecified);
      m.value = r[4].as<int64_t>();
      m.source =
          ParseMeasurementSource(r[5].as<std::string>()).value_or(MeasurementSource::kUnspecified);
      m.municipality_code = r[6].as<std::string>();
      m.recorded_by = r[7].as<std::string>();
      m.record_time = absl::FromUnixMicros(r[8].as<int64_t>());
      out.push_back(std::move(m));
    }
    return absl::OkStatus();
  }));
  SortNewestFirst(out);  // by the end of the period: "2026-Q3" sorts above "2026-10" as text
  return out;
}

absl::StatusOr<AgendaSource> ContractStore::Agenda(platform::Deadline d,
                                                   const agenda::AgendaQuery& q) {
  AgendaSource out;
  const std::string from = FormatDay(q.from), to = FormatDay(q.to);
  const std::string family = q.family ? Code(static_cast<ContractFamily>(*q.family)) : "";
  const std::string municipalities = absl::StrCat("{", absl::StrJoin(q.municipalities, ","), "}");
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out = AgendaSource{};  // the pool runs this again on a fresh connection after a broken one
    // Ids and versions first; only contracts not parsed before (or changed since) are read
    // and parsed (at national scale: 25 ms -> 3 ms for a municipality's 150 contracts).
    std::string missing;
    for (const auto& r : ExecPlanned(tx, "contracts_agenda_contracts", from, to, municipalities,
                                     q.provider_id, family, kAgendaEndMonths)) {
      const int64_t id = r[0].as<int64_t>();
      auto c = agenda_contracts_.Find(id, r[1].as<int64_t>(), r[2].as<int64_t>());
      if (c) {
        out.contracts.push_back(std::move(c));
      } else {
        absl::StrAppend(&missing, missing.empty() ? "" : ",", id);
      }
    }
    if (!missing.empty()) {
      for (const auto& r :
           tx.exec_prepared("contracts_get_many", absl::StrCat("{", missing, "}"))) {
        auto c = std::make_shared<const Contract>(MustContract(r));
        agenda_contracts_.Put(c->id, c->version, absl::ToUnixMicros(c->update_time), c);
        out.contracts.push_back(std::move(c));
      }
    }
    for (const auto& r : tx.exec_prepared("contracts_agenda_steps", from, to, municipalities,
                                          q.provider_id, family)) {
      out.legal_steps.emplace_back(MustContract(r), StepFromRow(r, 5));
    }
    for (const auto& r : tx.exec_prepared("contracts_agenda_floors", from, to, municipalities,
                                          q.provider_id, family)) {
      out.below_floor.emplace_back(MustContract(r), LineFromRow(r, 5));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status ContractStore::Write(const platform::RequestInfo& request,
                                  const std::function<absl::Status(ContractTx&)>& fn) {
  return pool_.Write(request.deadline, [&](pqxx::work& tx) {
    ContractTx ctx(tx, request, *award_gate_);
    return fn(ctx);
  });
}

}  // namespace ozjt::contracts
