#include "services/accountregion/pg_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/audit.h"
#include "services/platform/calendar.h"
#include "services/platform/json_codes.h"
#include "services/platform/status.h"

namespace ozjt::accountregion {
namespace {

std::optional<std::string> OptionalText(const std::optional<Day>& d) {
  if (!d) return std::nullopt;
  return platform::FormatDay(*d);
}
const char* StatusCode(CaseStatus s) {
  return s == CaseStatus::kResolved     ? "resolved"
         : s == CaseStatus::kBankruptcy ? "bankruptcy"
                                        : "open";
}
const char* BasisCode(AssignmentBasis b) {
  return b == AssignmentBasis::kVngList ? "vng_list" : "agreed";
}

const std::vector<std::pair<std::string, std::string>>& PreparedStatements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"ar_assignments", R"sql(
        SELECT provider_id, region_code, basis, valid_from::text, valid_to::text, note
          FROM accountregion.assignment WHERE $1::bigint = 0 OR provider_id = $1::bigint ORDER BY id)sql"},
      {"ar_assignment_insert", R"sql(
        INSERT INTO accountregion.assignment (provider_id, region_code, basis, valid_from, valid_to, note, created_by)
        VALUES ($1, $2, $3, $4::date, $5::date, $6, $7) RETURNING id)sql"},
      {"ar_statements", R"sql(
        SELECT provider_id, period, equity, total_assets, current_assets, current_liabilities,
               revenue, net_result
          FROM accountregion.financial_statement
         WHERE $1::bigint = 0 OR provider_id = $1::bigint ORDER BY provider_id, period DESC)sql"},
      {"ar_statement_insert", R"sql(
        INSERT INTO accountregion.financial_statement (provider_id, period, equity, total_assets,
          current_assets, current_liabilities, revenue, net_result, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING 1)sql"},
      {"ar_signals", R"sql(
        SELECT id, provider_id, source, category, description, reported_date::text,
               written_confirmation_date::text, recorded_by
          FROM accountregion.signal WHERE $1::bigint = 0 OR provider_id = $1::bigint ORDER BY id DESC)sql"},
      {"ar_signal_insert", R"sql(
        INSERT INTO accountregion.signal (provider_id, source, category, description, reported_date,
          written_confirmation_date, recorded_by)
        VALUES ($1, $2, $3, $4, $5::date, $6::date, $7) RETURNING id)sql"},
      {"ar_cases", R"sql(
        SELECT id, version, body::text FROM accountregion.continuity_case
         WHERE ($1::bigint = 0 OR provider_id = $1::bigint) AND (NOT $2::bool OR status = 'open')
         ORDER BY (status = 'open') DESC, id DESC)sql"},
      {"ar_case_lock",
       "SELECT id, version, body::text FROM accountregion.continuity_case WHERE id = $1 FOR "
       "UPDATE"},
      {"ar_case_open",
       "SELECT 1 FROM accountregion.continuity_case WHERE provider_id = $1 AND status = 'open'"},
      {"ar_case_insert", R"sql(
        INSERT INTO accountregion.continuity_case (provider_id, status, step, recovery_plan_due, body)
        VALUES ($1, $2, $3, $4::date, $5::jsonb) RETURNING id)sql"},
      {"ar_case_update", R"sql(
        UPDATE accountregion.continuity_case
           SET status = $2, step = $3, recovery_plan_due = $4::date, body = $5::jsonb,
               version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $6 RETURNING version)sql"},
  };
  return kStatements;
}

ContinuityCase CaseFromRow(const pqxx::row& r) {
  absl::StatusOr<ContinuityCase> c = CaseFromJson(r[2].as<std::string>());
  if (!c.ok()) throw std::runtime_error(std::string(c.status().message()));
  c->id = r[0].as<int64_t>();
  c->version = r[1].as<int64_t>();
  return *std::move(c);
}

class PgAccountRegionTx : public AccountRegionTx {
 public:
  PgAccountRegionTx(pqxx::work& tx, const platform::RequestInfo& r) : tx_(tx), request_(r) {}
  Assignment InsertAssignment(const Assignment& a) override;
  bool InsertStatement(const FinancialStatement& s) override;
  Signal InsertSignal(const Signal& s) override;
  std::optional<ContinuityCase> LockCase(int64_t id) override;
  bool HasOpenCase(int64_t provider_id) override;
  ContinuityCase InsertCase(const ContinuityCase& c) override;
  ContinuityCase ReplaceCase(const ContinuityCase& before, const ContinuityCase& after) override;

 private:
  void Audit(const std::string& type, int64_t id, const std::string& before,
             const std::string& after);
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

}  // namespace

std::string ToJson(const ContinuityCase& c) {
  nlohmann::json steps = nlohmann::json::array(), actions = nlohmann::json::array(),
                 informed = nlohmann::json::array();
  for (const auto& s : c.steps) {
    steps.push_back({{"step", s.step},
                     {"date", platform::FormatDay(s.date)},
                     {"note", s.note},
                     {"by", s.changed_by}});
  }
  for (const auto& a : c.actions) {
    actions.push_back(
        {{"date", platform::FormatDay(a.date)}, {"text", a.text}, {"actor", a.actor}});
  }
  for (const auto& i : c.regions_informed) {
    informed.push_back({{"region_code", i.region_code}, {"date", platform::FormatDay(i.date)}});
  }
  return nlohmann::json{{"id", c.id},
                        {"provider_id", c.provider_id},
                        {"status", StatusCode(c.status)},
                        {"step", c.step},
                        {"steps", steps},
                        {"recovery_plan_due", platform::DayJson(c.recovery_plan_due)},
                        {"actions", actions},
                        {"regions_informed", informed},
                        {"opened", platform::FormatDay(c.opened)},
                        {"closed", platform::DayJson(c.closed)}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

absl::StatusOr<ContinuityCase> CaseFromJson(absl::string_view text) {
  nlohmann::json j = platform::ParseStoredJson(text);
  if (!j.is_object()) return absl::InternalError("stored case JSON is not an object");
  try {
    ContinuityCase c;
    c.id = j.at("id").get<int64_t>();
    c.provider_id = j.at("provider_id").get<int64_t>();
    const std::string status = j.at("status").get<std::string>();
    c.status = status == "resolved"     ? CaseStatus::kResolved
               : status == "bankruptcy" ? CaseStatus::kBankruptcy
                                        : CaseStatus::kOpen;
    c.step = j.at("step").get<int>();
    for (const auto& s : j.at("steps")) {
      c.steps.push_back({s.at("step").get<int>(),
                         platform::StoredDay(s.at("date").get<std::string>()),
                         s.at("note").get<std::string>(), s.at("by").get<std::string>()});
    }
    c.recovery_plan_due = platform::OptionalDayOf(j.at("recovery_plan_due"));
    for (const auto& a : j.at("actions")) {
      c.actions.push_back({platform::StoredDay(a.at("date").get<std::string>()),
                           a.at("text").get<std::string>(), a.at("actor").get<std::string>()});
    }
    for (const auto& i : j.at("regions_informed")) {
      c.regions_informed.push_back({i.at("region_code").get<std::string>(),
                                    platform::StoredDay(i.at("date").get<std::string>())});
    }
    c.opened = platform::StoredDay(j.at("opened").get<std::string>());
    c.closed = platform::OptionalDayOf(j.at("closed"));
    return c;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored case JSON is incomplete: ", e.what()));
  }
}

void PgAccountRegionTx::Audit(const std::string& type, int64_t id, const std::string& before,
                              const std::string& after) {
  platform::WriteAudit(tx_, request_, {type, std::to_string(id), before, after});
}

Assignment PgAccountRegionTx::InsertAssignment(const Assignment& a) {
  const int64_t id =
      tx_.exec_prepared1("ar_assignment_insert", a.provider_id, a.region_code, BasisCode(a.basis),
                         platform::FormatDay(a.valid_from), OptionalText(a.valid_to), a.note,
                         request_.caller.subject)[0]
          .as<int64_t>();
  Audit("account_region_assignment", id, "",
        nlohmann::json{{"provider_id", a.provider_id},
                       {"region_code", a.region_code},
                       {"basis", BasisCode(a.basis)},
                       {"valid_from", platform::FormatDay(a.valid_from)},
                       {"valid_to", platform::DayJson(a.valid_to)},
                       {"note", a.note}}
            .dump());
  return a;
}

bool PgAccountRegionTx::InsertStatement(const FinancialStatement& s) {
  if (tx_.exec_prepared("ar_statement_insert", s.provider_id, s.period, s.equity, s.total_assets,
                        s.current_assets, s.current_liabilities, s.revenue, s.net_result,
                        request_.caller.subject)
          .empty()) {
    return false;
  }
  Audit("financial_statement", s.provider_id, "",
        nlohmann::json{{"period", s.period},
                       {"equity", s.equity},
                       {"total_assets", s.total_assets},
                       {"current_assets", s.current_assets},
                       {"current_liabilities", s.current_liabilities},
                       {"revenue", s.revenue},
                       {"net_result", s.net_result}}
            .dump());
  return true;
}

Signal PgAccountRegionTx::InsertSignal(const Signal& s) {
  Signal out = s;
  out.recorded_by = request_.caller.subject;
  out.id = tx_.exec_prepared1("ar_signal_insert", s.provider_id, s.source, s.category,
                              s.description, platform::FormatDay(s.reported_date),
                              OptionalText(s.written_confirmation_date), out.recorded_by)[0]
               .as<int64_t>();
  Audit(
      "continuity_signal", out.id, "",
      nlohmann::json{{"provider_id", s.provider_id},
                     {"source", s.source},
                     {"category", s.category},
                     {"description", s.description},
                     {"reported_date", platform::FormatDay(s.reported_date)},
                     {"written_confirmation_date", platform::DayJson(s.written_confirmation_date)}}
          .dump());
  return out;
}

std::optional<ContinuityCase> PgAccountRegionTx::LockCase(int64_t id) {
  pqxx::result r = tx_.exec_prepared("ar_case_lock", id);
  if (r.empty()) return std::nullopt;
  return CaseFromRow(r[0]);
}

bool PgAccountRegionTx::HasOpenCase(int64_t provider_id) {
  return !tx_.exec_prepared("ar_case_open", provider_id).empty();
}

ContinuityCase PgAccountRegionTx::InsertCase(const ContinuityCase& c) {
  ContinuityCase out = c;
  out.id = tx_.exec_prepared1("ar_case_insert", c.provider_id, StatusCode(c.status), c.step,
                              OptionalText(c.recovery_plan_due), ToJson(c))[0]
               .as<int64_t>();
  out.version = 1;
  Audit("continuity_case", out.id, "", ToJson(out));
  return out;
}

ContinuityCase PgAccountRegionTx::ReplaceCase(const ContinuityCase& before,
                                              const ContinuityCase& after) {
  pqxx::result r =
      tx_.exec_prepared("ar_case_update", before.id, StatusCode(after.status), after.step,
                        OptionalText(after.recovery_plan_due), ToJson(after), before.version);
  if (r.empty()) throw pqxx::serialization_failure("case changed concurrently");
  ContinuityCase out = after;
  out.version = r[0][0].as<int64_t>();
  Audit("continuity_case", out.id, ToJson(before), ToJson(out));
  return out;
}

PgAccountRegionStore::PgAccountRegionStore(platform::Pool& pool)
    : PgAccountRegionStore(pool, registry::MakeDirectory(pool)) {}

PgAccountRegionStore::PgAccountRegionStore(platform::Pool& pool,
                                           std::unique_ptr<registry::Directory> directory)
    : pool_(pool), directory_(std::move(directory)) {
  pool_.AddStatements(PreparedStatements());
}

absl::StatusOr<std::vector<std::string>> PgAccountRegionStore::Regions(platform::Deadline d) {
  return directory_->RegionCodes(d);
}

absl::StatusOr<std::vector<ProviderFacts>> PgAccountRegionStore::Providers(platform::Deadline d,
                                                                           int64_t id) {
  OZJT_ASSIGN_OR_RETURN(std::vector<registry::ProviderTurnover> found,
                        directory_->ProvidersWithTurnover(d, id));
  std::vector<ProviderFacts> out;
  out.reserve(found.size());
  for (auto& f : found) {
    ProviderFacts p;
    p.id = f.provider.id;
    p.name = std::move(f.provider.name);
    p.municipality_codes = std::move(f.provider.municipality_codes);
    p.turnover.total = std::move(f.total);
    p.turnover.per_region = std::move(f.per_region);
    out.push_back(std::move(p));
  }
  return out;
}

absl::StatusOr<std::vector<Assignment>> PgAccountRegionStore::Assignments(platform::Deadline d,
                                                                          int64_t provider_id) {
  std::vector<Assignment> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("ar_assignments", provider_id)) {
      Assignment a;
      a.provider_id = r[0].as<int64_t>();
      a.region_code = r[1].as<std::string>();
      a.basis = r[2].as<std::string>() == "vng_list" ? AssignmentBasis::kVngList
                                                     : AssignmentBasis::kAgreed;
      a.valid_from = platform::StoredDay(r[3].as<std::string>());
      if (!r[4].is_null()) a.valid_to = platform::StoredDay(r[4].as<std::string>());
      a.note = r[5].as<std::string>();
      out.push_back(std::move(a));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<FinancialStatement>> PgAccountRegionStore::Statements(
    platform::Deadline d, int64_t provider_id) {
  std::vector<FinancialStatement> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("ar_statements", provider_id)) {
      out.push_back({r[0].as<int64_t>(), r[1].as<std::string>(), r[2].as<int64_t>(),
                     r[3].as<int64_t>(), r[4].as<int64_t>(), r[5].as<int64_t>(), r[6].as<int64_t>(),
                     r[7].as<int64_t>()});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Signal>> PgAccountRegionStore::Signals(platform::Deadline d,
                                                                  int64_t provider_id) {
  std::vector<Signal> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("ar_signals", provider_id)) {
      Signal s;
      s.id = r[0].as<int64_t>();
      s.provider_id = r[1].as<int64_t>();
      s.source = r[2].as<std::string>();
      s.category = r[3].as<std::string>();
      s.description = r[4].as<std::string>();
      s.reported_date = platform::StoredDay(r[5].as<std::string>());
      if (!r[6].is_null()) {
        s.written_confirmation_date = platform::StoredDay(r[6].as<std::string>());
      }
      s.recorded_by = r[7].as<std::string>();
      out.push_back(std::move(s));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ContinuityCase>> PgAccountRegionStore::Cases(platform::Deadline d,
                                                                        int64_t provider_id,
                                                                        bool open_only) {
  std::vector<ContinuityCase> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("ar_cases", provider_id, open_only)) {
      out.push_back(CaseFromRow(r));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status PgAccountRegionStore::Write(const platform::RequestInfo& r,
                                         const std::function<absl::Status(AccountRegionTx&)>& fn) {
  return pool_.Write(r.deadline, [&](pqxx::work& tx) {
    PgAccountRegionTx atx(tx, r);
    return fn(atx);
  });
}

}  // namespace ozjt::accountregion
