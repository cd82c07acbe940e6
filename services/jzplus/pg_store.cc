#include "services/jzplus/pg_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/platform/audit.h"
#include "services/platform/status.h"

namespace ozjt::jzplus {
namespace {

const std::vector<std::pair<std::string, std::string>>& PreparedStatements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"jz_rows", R"sql(
        SELECT year, quarter, municipality_code, provider_id, authorisation, placements, young_people
          FROM jzplus.inflow ORDER BY year, quarter, municipality_code, provider_id, authorisation)sql"},
      {"jz_rows_of", R"sql(
        SELECT year, quarter, municipality_code, provider_id, authorisation, placements, young_people
          FROM jzplus.inflow
         WHERE ($1::text = '' OR municipality_code = $1::text)
           AND (NOT $2::bool OR municipality_code = ANY($3::text[]::bpchar[]))
         ORDER BY year, quarter, municipality_code, provider_id, authorisation)sql"},
      {"jz_quarter_rows", R"sql(
        SELECT municipality_code, provider_id, authorisation, placements, young_people
          FROM jzplus.inflow WHERE year = $1 AND quarter = $2
         ORDER BY municipality_code, provider_id, authorisation)sql"},
      // Two imports of the same quarter take turns (the table is insert and delete only).
      {"jz_quarter_lock", "SELECT pg_advisory_xact_lock(hashtext('jzplus.inflow ' || $1))"},
      {"jz_quarter_delete", "DELETE FROM jzplus.inflow WHERE year = $1 AND quarter = $2"},
      {"jz_insert", R"sql(
        INSERT INTO jzplus.inflow (year, quarter, municipality_code, provider_id, authorisation,
                                   placements, young_people, imported_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql"},
  };
  return kStatements;
}

nlohmann::json RowJson(const std::string& municipality, int64_t provider,
                       const std::string& authorisation, int64_t placements, int64_t young) {
  return {{"municipality", municipality},
          {"provider_id", provider},
          {"authorisation", authorisation},
          {"placements", placements},
          {"young_people", young}};
}

// CBS codes (four digits) as a PostgreSQL text array literal: {"0153","0164"}.
std::string CodeArray(const std::vector<std::string>& codes) {
  std::string array = "{";
  for (size_t i = 0; i < codes.size(); ++i) {
    absl::StrAppend(&array, i ? "," : "", "\"", codes[i], "\"");
  }
  return array + "}";
}

}  // namespace

PgInflowStore::PgInflowStore(platform::Pool& pool)
    : PgInflowStore(pool, registry::MakeDirectory(pool)) {}

PgInflowStore::PgInflowStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory)
    : pool_(pool), directory_(std::move(directory)) {
  pool_.AddStatements(PreparedStatements());
}

absl::StatusOr<std::map<std::string, std::string>> PgInflowStore::Municipalities(
    platform::Deadline d) {
  OZJT_ASSIGN_OR_RETURN(std::vector<registry::MunicipalityEntry> all,
                        directory_->Municipalities(d));
  std::map<std::string, std::string> out;
  for (auto& m : all) out[m.cbs_code] = std::move(m.name);
  return out;
}

absl::StatusOr<std::map<int64_t, std::string>> PgInflowStore::ProviderNames(
    platform::Deadline d, const std::vector<int64_t>& ids) {
  return directory_->ProviderNames(d, ids);
}

absl::StatusOr<Registry> PgInflowStore::LoadRegistry(platform::Deadline d) {
  Registry out;
  OZJT_ASSIGN_OR_RETURN(out.municipalities, Municipalities(d));
  OZJT_ASSIGN_OR_RETURN(std::vector<registry::ProviderKey> providers, directory_->ProviderKeys(d));
  for (auto& p : providers) {
    out.provider_by_kvk[p.kvk_number] = p.id;
    out.provider_names[p.id] = std::move(p.name);
  }
  return out;
}

absl::StatusOr<std::vector<InflowRow>> PgInflowStore::Rows(platform::Deadline d,
                                                           const std::string& municipality_code,
                                                           const std::string& region_code) {
  std::vector<std::string> region_municipalities;
  if (!region_code.empty()) {
    OZJT_ASSIGN_OR_RETURN(region_municipalities,
                          directory_->MunicipalitiesOfRegion(d, region_code));
  }
  std::vector<InflowRow> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    const bool all = municipality_code.empty() && region_code.empty();
    for (const auto& r :
         all ? tx.exec_prepared("jz_rows")
             : tx.exec_prepared("jz_rows_of", municipality_code, !region_code.empty(),
                                CodeArray(region_municipalities))) {
      out.push_back(
          {{r[0].as<int>(), r[1].as<int>()},
           r[2].as<std::string>(),
           r[3].as<int64_t>(),
           ParseAuthorisation(r[4].as<std::string>()).value_or(Authorisation::kUnspecified),
           r[5].as<int64_t>(),
           r[6].as<int64_t>()});
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::Status PgInflowStore::ReplaceQuarters(const platform::RequestInfo& r,
                                            const std::vector<Quarter>& quarters,
                                            const std::vector<InflowRow>& rows) {
  return pool_.Write(r.deadline, [&](pqxx::work& tx) {
    for (const Quarter& q : quarters) {
      nlohmann::json before = nlohmann::json::array(), after = nlohmann::json::array();
      int64_t before_total = 0, after_total = 0;
      tx.exec_prepared("jz_quarter_lock", q.Code());
      for (const auto& row : tx.exec_prepared("jz_quarter_rows", q.year, q.quarter)) {
        before.push_back(RowJson(row[0].as<std::string>(), row[1].as<int64_t>(),
                                 row[2].as<std::string>(), row[3].as<int64_t>(),
                                 row[4].as<int64_t>()));
        before_total += row[3].as<int64_t>();
      }
      tx.exec_prepared0("jz_quarter_delete", q.year, q.quarter);
      for (const auto& row : rows) {
        if (!(row.quarter == q)) continue;
        tx.exec_prepared0("jz_insert", q.year, q.quarter, row.municipality_code, row.provider_id,
                          Code(row.authorisation), row.placements, row.young_people,
                          r.caller.subject);
        after.push_back(RowJson(row.municipality_code, row.provider_id, Code(row.authorisation),
                                row.placements, row.young_people));
        after_total += row.placements;
      }
      platform::WriteAudit(
          tx, r,
          {"jzplus_quarter", q.Code(),
           before.empty() ? ""
                          : nlohmann::json{{"placements", before_total}, {"rows", before}}.dump(),
           nlohmann::json{{"placements", after_total}, {"rows", after}}.dump()});
    }
    return absl::OkStatus();
  });
}

}  // namespace ozjt::jzplus
