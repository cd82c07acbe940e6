#include "clients/admin/dataset.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <pqxx/tablewriter>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "services/contracts/contract.h"
#include "services/contracts/tariff.h"
#include "services/platform/audit.h"
#include "services/platform/status.h"
#include "services/registry/provider.h"
#include "services/screening/screening.h"
#include "services/supervision/supervision.h"

namespace ozjt::admin {
namespace {

using contracts::Day;

// One row of a file: its fields unescaped, null as std::nullopt.
using Row = std::vector<std::optional<std::string>>;

std::optional<std::string> Unescape(absl::string_view f) {
  if (f == "\\N") return std::nullopt;
  std::string out;
  out.reserve(f.size());
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '\\' || i + 1 == f.size()) {
      out.push_back(f[i]);
      continue;
    }
    const char c = f[++i];
    out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
  }
  return out;
}

// "{a,b}" (COPY's array form, elements without quotes) -> {"a", "b"}.
std::optional<std::vector<std::string>> ParseArray(const std::optional<std::string>& text) {
  if (!text || text->size() < 2 || text->front() != '{' || text->back() != '}') {
    return std::nullopt;
  }
  const absl::string_view inner = absl::string_view(*text).substr(1, text->size() - 2);
  if (inner.empty()) return std::vector<std::string>{};
  return std::vector<std::string>(absl::StrSplit(inner, ','));
}

std::optional<Day> ParseDate(const std::optional<std::string>& text) {
  Day d;
  if (!text || !absl::ParseCivilTime(*text, &d)) return std::nullopt;
  return d;
}

std::optional<int64_t> ParseInt(const std::optional<std::string>& text) {
  int64_t n = 0;
  if (!text || !absl::SimpleAtoi(*text, &n)) return std::nullopt;
  return n;
}

// Checks the rows of one table by the domain's rules; what later tables need (the contracts
// a tariff line belongs to) is kept between rows. Returns the broken rule, or empty.
class RowChecker {
 public:
  explicit RowChecker(pqxx::work& tx) : tx_(tx) {}

  // Called before a table's first row: loads the references its rows are checked against.
  void Begin(const std::string& table) {
    if (table == "contracts.contract") {
      refs_.municipalities.clear();
      for (const auto& r : tx_.exec("SELECT cbs_code FROM registry.municipality")) {
        refs_.municipalities.insert(r[0].as<std::string>());
      }
    } else if (table == "contracts.tariff_line") {
      for (const auto& r : tx_.exec("SELECT law, code FROM registry.product_category")) {
        tariff_refs_.categories.insert({r[0].as<std::string>(), r[1].as<std::string>()});
      }
      for (const auto& r : tx_.exec("SELECT code FROM registry.unit")) {
        tariff_refs_.units.insert(r[0].as<std::string>());
      }
    }
  }

  // Marks the providers whose municipalities the import added to as updated (their update time
  // now): the services' provider cache keeps a provider while its version and update time are
  // the ones it read (registry/pg_store.cc).
  void MarkChangedProviders() {
    if (municipalities_changed_.empty()) return;
    tx_.exec_params0(
        "UPDATE registry.provider SET updated_at = now() "
        "WHERE id = ANY($1::bigint[]) AND updated_at <> now()",
        absl::StrCat("{", absl::StrJoin(municipalities_changed_, ","), "}"));
  }

  std::string Check(const std::string& table, const Row& row) {
    if (table == "registry.provider") return Provider(row);
    if (table == "contracts.contract") return Contract(row);
    if (table == "contracts.tariff_line") return TariffLine(row);
    if (table == "supervision.investigation") return Investigation(row);
    if (table == "supervision.finding") return Finding(row);
    if (table == "screening.screening_case") return ScreeningCase(row);
    if (table == "registry.provider_municipality") {
      if (auto id = ParseInt(row[0])) municipalities_changed_.insert(*id);
    }
    return "";  // reference rows and counts: the database's constraints check them
  }

 private:
  std::string Provider(const Row& r) {
    if (!ParseInt(r[0])) return "id: not a number";
    if (!r[2] || r[2]->empty() || r[2]->size() > 200) return "name: 1 to 200 characters";
    if (!r[3] || !registry::ParseLegalForm(*r[3])) return "legal_form: unknown";
    auto laws = ParseArray(r[4]);
    if (!laws || laws->empty()) return "laws: at least one";
    for (const auto& law : *laws) {
      if (!registry::ParseLaw(law)) return absl::StrCat("laws: unknown law '", law, "'");
    }
    if (!r[5] || !registry::ParseTier(*r[5])) return "tier: unknown";
    if (!r[6] || !registry::ParseProviderStatus(*r[6])) return "status: unknown";
    return "";
  }

  std::string Contract(const Row& r) {
    auto id = ParseInt(r[0]);
    if (!id) return "id: not a number";
    if (!r[11]) return "body: missing";
    absl::StatusOr<contracts::Contract> c = contracts::ContractFromJson(*r[11]);
    if (!c.ok()) return absl::StrCat("body: ", c.status().message());
    if (absl::Status s = contracts::Prepare(*c, refs_, "body."); !s.ok()) {
      return std::string(s.message());
    }
    // The columns are the body's own values (the store's queries filter on them).
    if (r[1] != c->reference || r[3] != contracts::Code(c->kind) ||
        r[5] != contracts::Code(c->family) || r[6] != contracts::Code(c->status) ||
        ParseDate(r[7]) != c->start_date || ParseDate(r[8]) != c->end_date) {
      return "reference, kind, family, status and dates must match the body";
    }
    auto providers = ParseArray(r[9]);
    auto municipalities = ParseArray(r[10]);
    if (!providers || providers->size() != c->provider_ids.size()) {
      return "provider_ids: must match the body";
    }
    if (!municipalities || *municipalities != c->MunicipalityCodes()) {
      return "municipality_codes: must match the body's participations";
    }
    contracts::Contract kept;  // what a tariff line is checked against
    kept.domain = c->domain;
    kept.participations = c->participations;
    kept.start_date = c->start_date;
    kept.end_date = c->end_date;
    contracts_.emplace(*id, std::move(kept));
    return "";
  }

  std::string TariffLine(const Row& r) {
    contracts::TariffLine l;
    auto contract_id = ParseInt(r[1]);
    auto it = contract_id ? contracts_.find(*contract_id) : contracts_.end();
    if (it == contracts_.end()) return "contract_id: not a contract of this dataset";
    auto law = contracts::ParseTariffLaw(r[2].value_or(""));
    auto variant = contracts::ParseVariant(r[3].value_or(""));
    if (!law) return "law: unknown";
    if (!variant) return "variant: unknown";
    l.contract_id = *contract_id;
    l.law = *law;
    l.variant = *variant;
    l.product_category = r[4].value_or("");
    l.product_code = r[5].value_or("");
    l.description = r[6].value_or("");
    l.unit = r[7].value_or("");
    auto amount = ParseInt(r[8]);
    if (!amount) return "amount_cents: not a number";
    l.amount_cents = *amount;
    auto municipalities = ParseArray(r[9]);
    if (!municipalities) return "municipality_codes: not an array";
    l.municipality_codes = *municipalities;
    auto from = ParseDate(r[10]);
    if (!from) return "valid_from: not a date";
    l.valid_from = *from;
    if (r[11]) {
      l.valid_to = ParseDate(r[11]);
      if (!l.valid_to) return "valid_to: not a date";
    }
    auto index_year = ParseInt(r[12]);
    if (!index_year) return "index_year: not a number";
    l.index_year = static_cast<int>(*index_year);
    if (absl::Status s = contracts::PrepareTariffLine(l, tariff_refs_, it->second); !s.ok()) {
      return std::string(s.message());
    }
    return "";
  }

  std::string Investigation(const Row& r) {
    if (!r[8]) return "body: missing";
    absl::StatusOr<supervision::Investigation> i = supervision::InvestigationFromJson(*r[8]);
    if (!i.ok()) return absl::StrCat("body: ", i.status().message());
    if (ParseInt(r[1]) != i->provider_id || r[2] != supervision::Code(i->kind) ||
        r[3] != supervision::Code(i->status) || ParseDate(r[7]) != i->opened) {
      return "provider_id, kind, status and opened must match the body";
    }
    // A read puts the finding rows into the body, over what it holds (migration 0019).
    if (!i->findings.empty()) return "body: findings are rows of supervision.finding";
    return "";
  }

  std::string Finding(const Row& r) {
    if (!ParseInt(r[0])) return "investigation_id: not a number";
    if (!r[5]) return "body: missing";
    absl::StatusOr<supervision::Finding> f = supervision::FindingFromJson(*r[5]);
    if (!f.ok()) return absl::StrCat("body: ", f.status().message());
    if (f->number < 1) return "body: number must be 1 or more";
    // COPY's text form of a boolean: t or f (true, false and the like are refused here).
    if (ParseInt(r[1]) != f->number || r[2] != supervision::Code(f->severity) ||
        ParseDate(r[3]) != f->date || r[4] != std::string(f->resolved ? "t" : "f")) {
      return "number, severity, date and resolved (t or f) must match the body";
    }
    return "";
  }

  std::string ScreeningCase(const Row& r) {
    if (!r[8]) return "body: missing";
    absl::StatusOr<screening::ScreeningCase> c = screening::CaseFromJson(*r[8]);
    if (!c.ok()) return absl::StrCat("body: ", c.status().message());
    const screening::FinalColumns final = screening::FinalColumnsOf(*c);
    if (ParseInt(r[1]) != c->provider_id || ParseInt(r[2]) != c->framework_id ||
        r[3] != screening::Code(c->occasion) || r[4] != screening::Code(c->status) ||
        r[5] != final.outcome || r[6] != final.decided_on || r[7] != final.valid_until) {
      return "provider_id, framework_id, occasion, status, outcome, decided_on and valid_until "
             "must match the body";
    }
    return "";
  }

  pqxx::work& tx_;
  // Providers whose municipalities the import adds to.
  std::set<int64_t> municipalities_changed_;
  contracts::ContractRefs refs_;
  contracts::TariffRefs tariff_refs_;
  std::map<int64_t, contracts::Contract> contracts_;
};

}  // namespace

const std::vector<DatasetTable>& DatasetTables() {
  static const std::vector<DatasetTable> kTables = {
      {"registry.region", {"code", "name"}},
      {"registry.municipality", {"cbs_code", "name", "region_code"}},
      {"registry.provider",
       {"id", "kvk_number", "name", "legal_form", "laws", "tier", "status"},
       true},
      {"registry.provider_municipality", {"provider_id", "cbs_code"}},
      {"contracts.contract",
       {"id", "reference", "title", "kind", "parent_id", "family", "status", "start_date",
        "end_date", "provider_ids", "municipality_codes", "body"},
       true},
      {"contracts.tariff_line",
       {"id", "contract_id", "law", "variant", "product_category", "product_code", "description",
        "unit", "amount_cents", "municipality_codes", "valid_from", "valid_to", "index_year",
        "supersedes_id", "created_by"},
       true},
      {"jzplus.inflow",
       {"year", "quarter", "municipality_code", "provider_id", "authorisation", "placements",
        "young_people", "imported_by"}},
      {"supervision.investigation",
       {"id", "provider_id", "kind", "status", "requesting_municipality", "contract_id",
        "mutation_event_id", "opened", "body"},
       true},
      // An investigation's findings (its body has "findings": []).
      {"supervision.finding",
       {"investigation_id", "number", "severity", "date", "resolved", "body"}},
      {"screening.screening_case",
       {"id", "provider_id", "framework_id", "occasion", "status", "outcome", "decided_on",
        "valid_until", "body"},
       true},
  };
  return kTables;
}

std::string CopyField(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string CopyRow(const std::vector<std::string>& escaped_fields) {
  return absl::StrCat(absl::StrJoin(escaped_fields, "\t"), "\n");
}

namespace {

// Copies the rows of one table's file in `dir` (none when there is no file), each checked
// first; the number of rows, or the first broken one.
absl::StatusOr<int64_t> CopyTable(pqxx::work& tx, RowChecker& checker, const DatasetTable& table,
                                  const std::filesystem::path& dir) {
  const std::filesystem::path path = dir / (table.name + ".copy");
  int64_t rows = 0;
  if (!std::filesystem::exists(path)) return rows;
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path.string()));
  checker.Begin(table.name);
// libpqxx 6.4 streams already escaped COPY lines only through the deprecated tablewriter
// (stream_to keeps write_raw_line private); the files are COPY text, so no re-escaping.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  pqxx::tablewriter writer(tx, table.name, table.columns.begin(), table.columns.end());
#pragma GCC diagnostic pop
  std::string line;
  Row row;
  while (std::getline(in, line)) {
    ++rows;
    row.clear();
    for (absl::string_view f : absl::StrSplit(line, '\t')) row.push_back(Unescape(f));
    std::string broken = row.size() == table.columns.size()
                             ? checker.Check(table.name, row)
                             : absl::StrCat(row.size(), " fields, expected ", table.columns.size());
    if (!broken.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.filename().string(), " line ", rows, ": ", broken));
    }
    writer.write_raw_line(line);
  }
  writer.complete();
  if (table.has_id_sequence && rows > 0) {
    tx.exec(absl::StrCat("SELECT setval(pg_get_serial_sequence('", table.name,
                         "', 'id'), (SELECT max(id) FROM ", table.name, "))"));
  }
  return rows;
}

}  // namespace

absl::StatusOr<ImportReport> ImportDataset(const std::string& database_url,
                                           const std::filesystem::path& dir,
                                           const std::string& actor) {
  if (!std::filesystem::is_directory(dir)) {
    return absl::InvalidArgumentError(
        absl::StrCat("dataset: ", dir.string(), " is not a directory"));
  }
  ImportReport report;
  try {
    pqxx::connection conn(database_url);
    for (const auto& [name, sql] : platform::AuditStatements()) conn.prepare(name, sql);
    pqxx::work tx(conn);
    RowChecker checker(tx);
    for (const DatasetTable& table : DatasetTables()) {
      OZJT_ASSIGN_OR_RETURN(const int64_t rows, CopyTable(tx, checker, table, dir));
      report.rows.emplace_back(table.name, rows);
      report.total_rows += rows;
    }
    checker.MarkChangedProviders();
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [name, n] : report.rows) counts[name] = n;
    platform::RequestInfo request;
    request.caller = {actor, platform::Role::kAdmin, ""};
    request.method = "ozjt-admin import-dataset";
    request.request_id = "import-dataset";
    platform::WriteAudit(tx, request, {"dataset", dir.filename().string(), "", counts.dump()});
    tx.commit();
    // Fresh statistics and visibility for the imported tables, so the services' plans (and
    // index-only scans) fit the new data at once rather than after autovacuum comes by.
    pqxx::nontransaction maintenance(conn);
    for (const DatasetTable& table : DatasetTables()) {
      maintenance.exec(absl::StrCat("VACUUM (ANALYZE) ", table.name));
    }
  } catch (const pqxx::broken_connection& e) {
    return absl::UnavailableError(e.what());
  } catch (const pqxx::sql_error& e) {
    return absl::FailedPreconditionError(
        absl::StrCat("the database refused the import: ", e.what()));
  }
  return report;
}

}  // namespace ozjt::admin
