#include "services/jzplus/store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/audit.h"
#include "services/platform/status.h"

namespace ozjt::jzplus {
namespace {

const std::vector<std::pair<std::string, std::string>>& PreparedStatements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"jz_municipalities", "SELECT cbs_code, name FROM registry.municipality"},
      {"jz_providers", "SELECT id, kvk_number, name FROM registry.provider"},
      {"jz_provider_names", "SELECT id, name FROM registry.provider WHERE id = ANY($1::bigint[])"},
      {"jz_rows", R"sql(
        SELECT year, quarter, municipality_code, provider_id, authorisation, placements, young_people
          FROM jzplus.inflow ORDER BY year, quarter, municipality_code, provider_id, authorisation)sql"},
      {"jz_rows_of", R"sql(
        SELECT year, quarter, municipality_code, provider_id, authorisation, placements, young_people
          FROM jzplus.inflow
         WHERE ($1::text = '' OR municipality_code = $1::text)
           AND ($2::text = '' OR municipality_code IN (SELECT cbs_code FROM registry.municipality
                                                        WHERE region_code = $2::text))
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

}  // namespace

InflowStore::InflowStore(platform::Pool& pool) : pool_(pool) {
  pool_.AddStatements(PreparedStatements());
}

absl::StatusOr<std::map<std::string, std::string>> InflowStore::Municipalities(
    platform::Deadline d) {
  std::map<std::string, std::string> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("jz_municipalities"))
      out[r[0].as<std::string>()] = r[1].as<std::string>();
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::map<int64_t, std::string>> InflowStore::ProviderNames(
    platform::Deadline d, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r :
         tx.exec_prepared("jz_provider_names", absl::StrCat("{", absl::StrJoin(ids, ","), "}")))
      out[r[0].as<int64_t>()] = r[1].as<std::string>();
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<Registry> InflowStore::LoadRegistry(platform::Deadline d) {
  Registry out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("jz_municipalities"))
      out.municipalities[r[0].as<std::string>()] = r[1].as<std::string>();
    for (const auto& r : tx.exec_prepared("jz_providers")) {
      out.provider_by_kvk[r[1].as<std::string>()] = r[0].as<int64_t>();
      out.provider_names[r[0].as<int64_t>()] = r[2].as<std::string>();
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<InflowRow>> InflowStore::Rows(platform::Deadline d,
                                                         const std::string& municipality_code,
                                                         const std::string& region_code) {
  std::vector<InflowRow> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    const bool all = municipality_code.empty() && region_code.empty();
    for (const auto& r : all ? tx.exec_prepared("jz_rows")
                             : tx.exec_prepared("jz_rows_of", municipality_code, region_code)) {
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

absl::Status InflowStore::ReplaceQuarters(const platform::RequestInfo& r,
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
