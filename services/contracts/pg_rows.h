// What the files of the contracts' PostgreSQL implementation (pg_*.cc, see pg_store.h) share:
// the column lists several statements read, the row decoders of contracts, legal steps and
// tariff lines, and each aggregate's prepared statements (registered by PgContractStore).
// Only pg_*.cc include this.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/tariff.h"
#include "services/platform/db.h"

namespace ozjt::contracts::pg {

// A contract read: id, version, created and updated (microseconds), the body as JSON.
inline constexpr char kContractColumns[] =
    " c.id, c.version, (extract(epoch FROM c.created_at) * 1000000)::bigint,"
    " (extract(epoch FROM c.updated_at) * 1000000)::bigint, c.body::text ";
// A tariff line read (LineFromRow).
inline constexpr char kLineColumns[] =
    " t.id, t.contract_id, t.law, t.variant, t.product_category, t.product_code, t.description,"
    " t.unit, t.amount_cents, array_to_json(t.municipality_codes)::text, t.valid_from::text,"
    " t.valid_to::text, t.index_year, coalesce(t.supersedes_id, 0) ";

// (name, SQL) of an aggregate's prepared statements.
using Statements = std::vector<std::pair<std::string, std::string>>;
const Statements& ContractStatements();  // pg_store.cc
const Statements& LegalStatements();     // pg_legal.cc
const Statements& TariffStatements();    // pg_tariffs.cc
const Statements& KpiStatements();       // pg_kpi.cc
const Statements& AgendaStatements();    // pg_agenda.cc

// Rows made by this service are valid JSON; a bad one is a defect, reported as an exception.
// The decoders read the columns above from `offset` on.
Contract MustContract(const pqxx::row& r, int offset = 0);  // pg_store.cc
LegalStep StepFromRow(const pqxx::row& r, int offset = 0);  // pg_legal.cc
TariffLine LineFromRow(const pqxx::row& r, int o = 0);      // pg_tariffs.cc

inline std::optional<std::string> OptionalDayText(const std::optional<Day>& d) {
  if (!d) return std::nullopt;
  return FormatDay(*d);
}

}  // namespace ozjt::contracts::pg
