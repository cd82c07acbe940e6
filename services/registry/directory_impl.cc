// The in-process registry::Directory: prepared statements on the registry's own tables, read on
// the caller's pool (see directory.h).
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/status.h"
#include "services/registry/directory.h"

namespace ozjt::registry {
namespace {

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"directory_provider_names",
       "SELECT id, name FROM registry.provider WHERE id = ANY($1::bigint[])"},
      {"directory_providers_by_agb", R"sql(
        SELECT a.agb_code, p.id, p.name FROM registry.provider_agb a
          JOIN registry.provider p ON p.id = a.provider_id
         WHERE a.agb_code = ANY($1::text[]::bpchar[]))sql"},
      {"directory_count_providers",
       "SELECT count(*) FROM registry.provider WHERE id = ANY($1::bigint[])"},
      {"directory_providers_active_in", R"sql(
        SELECT DISTINCT m.provider_id FROM registry.provider_municipality m
         WHERE m.cbs_code = ANY($1::text[]::bpchar[]) ORDER BY m.provider_id)sql"},
      {"directory_providers", R"sql(
        SELECT p.id, p.name,
               (SELECT coalesce(json_agg(m.cbs_code), '[]')::text
                  FROM registry.provider_municipality m WHERE m.provider_id = p.id)
          FROM registry.provider p
         WHERE $1::bigint = 0 OR p.id = $1::bigint ORDER BY p.name, p.id)sql"},
      {"directory_providers_turnover", R"sql(
        SELECT p.id, p.name,
               (SELECT coalesce(json_agg(m.cbs_code), '[]')::text
                  FROM registry.provider_municipality m WHERE m.provider_id = p.id),
               (SELECT coalesce(json_agg(json_build_array(t.year, t.total_cents)), '[]')::text
                  FROM registry.provider_turnover t WHERE t.provider_id = p.id),
               (SELECT coalesce(json_agg(json_build_array(r.year, r.region_code, r.amount_cents)), '[]')::text
                  FROM registry.provider_region_turnover r WHERE r.provider_id = p.id)
          FROM registry.provider p
         WHERE $1::bigint = 0 OR p.id = $1::bigint
         ORDER BY p.name, p.id)sql"},
      {"directory_provider_keys", "SELECT id, kvk_number, name FROM registry.provider"},
      {"directory_municipalities", "SELECT cbs_code, name, region_code FROM registry.municipality"},
      {"directory_municipality_name", "SELECT name FROM registry.municipality WHERE cbs_code = $1"},
      {"directory_region_municipalities",
       "SELECT cbs_code FROM registry.municipality WHERE region_code = $1::text ORDER BY cbs_code"},
      {"directory_regions", "SELECT code FROM registry.region ORDER BY code"},
      {"directory_categories", "SELECT law, code FROM registry.product_category"},
      {"directory_units", "SELECT code FROM registry.unit"},
  };
  return kStatements;
}

// Ids as a PostgreSQL array literal for `= ANY($1::bigint[])`: {3,5,8}.
std::string IdArray(const std::vector<int64_t>& ids) {
  return absl::StrCat("{", absl::StrJoin(ids, ","), "}");
}

// Codes as a PostgreSQL text array literal, each element quoted: {"0153","0164"}.
std::string CodeArray(const std::vector<std::string>& codes) {
  std::string array = "{";
  for (size_t i = 0; i < codes.size(); ++i) {
    absl::StrAppend(&array, i ? "," : "", "\"");
    for (char c : codes[i]) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += '"';
  }
  return array + "}";
}

std::vector<std::string> Strings(const pqxx::field& f) {
  return nlohmann::json::parse(f.as<std::string>()).get<std::vector<std::string>>();
}

class DbDirectory : public Directory {
 public:
  explicit DbDirectory(platform::Pool& pool) : pool_(pool) { pool_.AddStatements(Statements()); }

  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) override {
    std::map<int64_t, std::string> out;
    if (ids.empty()) return out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("directory_provider_names", IdArray(ids))) {
        out[r[0].as<int64_t>()] = r[1].as<std::string>();
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::map<std::string, AgbProvider>> ProvidersByAgb(
      platform::Deadline d, const std::vector<std::string>& agb_codes) override {
    std::map<std::string, AgbProvider> out;
    if (agb_codes.empty()) return out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("directory_providers_by_agb", CodeArray(agb_codes))) {
        out[r[0].as<std::string>()] = {r[1].as<int64_t>(), r[2].as<std::string>()};
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<int64_t> CountProviders(platform::Deadline d,
                                         const std::vector<int64_t>& ids) override {
    int64_t out = 0;
    if (ids.empty()) return out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      out = tx.exec_prepared1("directory_count_providers", IdArray(ids))[0].as<int64_t>();
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<int64_t>> ProvidersActiveIn(
      platform::Deadline d, const std::vector<std::string>& municipality_codes) override {
    std::vector<int64_t> out;
    if (municipality_codes.empty()) return out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r :
           tx.exec_prepared("directory_providers_active_in", CodeArray(municipality_codes))) {
        out.push_back(r[0].as<int64_t>());
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id) override {
    std::vector<ProviderFacts> out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("directory_providers", id)) {
        out.push_back({r[0].as<int64_t>(), r[1].as<std::string>(), Strings(r[2])});
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<ProviderTurnover>> ProvidersWithTurnover(platform::Deadline d,
                                                                      int64_t id) override {
    std::vector<ProviderTurnover> out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("directory_providers_turnover", id)) {
        ProviderTurnover p;
        p.provider = {r[0].as<int64_t>(), r[1].as<std::string>(), Strings(r[2])};
        for (const auto& t : nlohmann::json::parse(r[3].as<std::string>())) {
          p.total[t[0].get<int>()] = t[1].get<int64_t>();
        }
        for (const auto& t : nlohmann::json::parse(r[4].as<std::string>())) {
          p.per_region[t[0].get<int>()][t[1].get<std::string>()] = t[2].get<int64_t>();
        }
        out.push_back(std::move(p));
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<ProviderKey>> ProviderKeys(platform::Deadline d) override {
    std::vector<ProviderKey> out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("directory_provider_keys")) {
        out.push_back({r[0].as<int64_t>(), r[1].as<std::string>(), r[2].as<std::string>()});
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<MunicipalityEntry>> Municipalities(platform::Deadline d) override {
    std::vector<MunicipalityEntry> out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("directory_municipalities")) {
        out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::string> MunicipalityName(platform::Deadline d,
                                               const std::string& cbs_code) override {
    std::string out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      pqxx::result r = tx.exec_prepared("directory_municipality_name", cbs_code);
      out = r.empty() ? "" : r[0][0].as<std::string>();
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<std::string>> MunicipalitiesOfRegion(
      platform::Deadline d, const std::string& region_code) override {
    return Column(d, "directory_region_municipalities", region_code);
  }

  absl::StatusOr<std::vector<std::string>> RegionCodes(platform::Deadline d) override {
    return Column(d, "directory_regions");
  }

  absl::StatusOr<std::vector<CategoryCode>> ProductCategories(platform::Deadline d) override {
    std::vector<CategoryCode> out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      for (const auto& r : tx.exec_prepared("directory_categories")) {
        out.push_back({r[0].as<std::string>(), r[1].as<std::string>()});
      }
      return absl::OkStatus();
    }));
    return out;
  }

  absl::StatusOr<std::vector<std::string>> UnitCodes(platform::Deadline d) override {
    return Column(d, "directory_units");
  }

 private:
  // The first column of a statement's rows, as text.
  template <typename... Args>
  absl::StatusOr<std::vector<std::string>> Column(platform::Deadline d, const char* statement,
                                                  const Args&... args) {
    std::vector<std::string> out;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      const pqxx::result rows = tx.exec_prepared(statement, args...);
      for (const pqxx::row& r : rows) out.push_back(r[0].as<std::string>());
      return absl::OkStatus();
    }));
    return out;
  }

  platform::Pool& pool_;
};

}  // namespace

std::unique_ptr<Directory> MakeDirectory(platform::Pool& pool) {
  return std::make_unique<DbDirectory>(pool);
}

}  // namespace ozjt::registry
