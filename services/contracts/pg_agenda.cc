// The agenda's candidates of PgContractStore (pg_store.h, Agenda): contracts ending near,
// legal steps with a deadline and tariff lines below their floor in the window, in the query's
// scope; contracts parsed before come from the store's cache.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/contracts/pg_rows.h"
#include "services/contracts/pg_store.h"
#include "services/contracts/term.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

// Scope filters shared by the agenda queries: $3 municipalities (empty: all), $4 provider,
// $5 family. The agenda plans them per call (ExecPlanned), so the GIN index serves $3.
constexpr char kScope[] =
    " AND (cardinality($3::text[]) = 0 OR c.municipality_codes && $3::text[])"
    " AND ($4::bigint = 0 OR $4::bigint = ANY(c.provider_ids))"
    " AND ($5::text = '' OR c.family = $5::text) ";

// How far past the window a contract may end and still have its notice deadline in it: the
// longest notice period, plus a month for the day-of-month arithmetic of NoticeDeadline.
constexpr int kAgendaEndMonths = kMaxNoticeMonths + 1;

}  // namespace

namespace pg {

const Statements& AgendaStatements() {
  static const Statements kStatements = {
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

}  // namespace pg

namespace {

using pg::LineFromRow;
using pg::MustContract;
using pg::StepFromRow;

// Runs a registered statement with a plan made for this call's values (as an unnamed
// statement). The agenda's optional filters ("$3 empty or ...") keep a prepared statement's
// generic plan from using the indexes: 47 ms -> 5 ms for a region's contracts at national scale.
// The agenda's other statements stay prepared (small tables, the deadline index, or a query
// shape that fixes the order): planning each costs ~0.5 ms.
template <typename... Args>
pqxx::result ExecPlanned(pqxx::transaction_base& tx, const std::string& name, Args&&... args) {
  for (const auto& [statement, sql] : pg::AgendaStatements()) {
    if (statement == name) return tx.exec_params(sql, std::forward<Args>(args)...);
  }
  throw std::logic_error("no statement " + name);
}

}  // namespace

absl::StatusOr<AgendaSource> PgContractStore::Agenda(platform::Deadline d,
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
      auto c = parsed_.Find(id, r[1].as<int64_t>(), r[2].as<int64_t>());
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
        parsed_.Put(c->id, c->version, absl::ToUnixMicros(c->update_time), c);
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

}  // namespace ozjt::contracts
