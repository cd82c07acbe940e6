// Tariff lines, index figures, floors and indexation records of PgContractStore and
// PgContractTx (pg_store.h): their statements, rows and the JSON of their audit records.
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/contracts/pg_rows.h"
#include "services/contracts/pg_store.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace pg {

const Statements& TariffStatements() {
  static const Statements kStatements = {
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
  };
  return kStatements;
}

TariffLine LineFromRow(const pqxx::row& r, int o) {
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

}  // namespace pg

namespace {

using pg::LineFromRow;
using pg::OptionalDayText;

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

std::optional<TariffLine> PgContractTx::LockTariffLine(int64_t id) {
  pqxx::result r = tx_.exec_prepared("contracts_line_lock", id);
  if (r.empty()) return std::nullopt;
  return LineFromRow(r[0]);
}

std::vector<TariffLine> PgContractTx::TariffLines(int64_t contract_id) {
  std::vector<TariffLine> out;
  for (const auto& r : tx_.exec_prepared("contracts_lines", contract_id)) {
    out.push_back(LineFromRow(r));
  }
  return out;
}

TariffLine PgContractTx::InsertTariffLine(const TariffLine& l) {
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

void PgContractTx::CloseTariffLine(const TariffLine& line, Day valid_to) {
  tx_.exec_prepared0("contracts_line_close", line.id, FormatDay(valid_to));
  TariffLine after = line;
  after.valid_to = valid_to;
  Audit("tariff_line", line.id, LineJson(line), LineJson(after));
}

std::vector<IndexFigure> PgContractTx::Figures() { return ReadFigures(tx_); }

std::vector<TariffFloor> PgContractTx::Floors() { return ReadFloors(tx_); }

bool PgContractTx::Indexed(int64_t contract_id, int year) {
  return !tx_.exec_prepared("contracts_indexed", contract_id, year).empty();
}

void PgContractTx::RecordIndexation(int64_t contract_id, int year, int64_t index,
                                    const std::string& detail) {
  tx_.exec_prepared0("contracts_indexation_insert", contract_id, year, index, detail,
                     request_.caller.subject);
  Audit("indexation_run", contract_id, "", detail);
}

bool PgContractTx::InsertFigure(const IndexFigure& f) {
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

bool PgContractTx::InsertFloor(const TariffFloor& f) {
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

absl::StatusOr<std::vector<TariffLine>> PgContractStore::TariffLines(platform::Deadline d,
                                                                     int64_t contract_id) {
  std::vector<TariffLine> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("contracts_lines", contract_id)) {
      out.push_back(LineFromRow(r));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<IndexFigure>> PgContractStore::Figures(platform::Deadline d) {
  std::vector<IndexFigure> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out = ReadFigures(tx);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<TariffFloor>> PgContractStore::Floors(platform::Deadline d) {
  std::vector<TariffFloor> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out = ReadFloors(tx);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<bool> PgContractStore::Indexed(platform::Deadline d, int64_t contract_id, int year) {
  bool indexed = false;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    indexed = !tx.exec_prepared("contracts_indexed", contract_id, year).empty();
    return absl::OkStatus();
  }));
  return indexed;
}

}  // namespace ozjt::contracts
