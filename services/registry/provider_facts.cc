#include "services/registry/provider_facts.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "services/platform/status.h"

namespace ozjt::registry {

bool ProviderFacts::ActiveIn(const std::string& code) const {
  return std::find(municipality_codes.begin(), municipality_codes.end(), code) !=
         municipality_codes.end();
}

ProviderFactsReader::ProviderFactsReader(platform::Pool& pool) : pool_(pool) {
  pool_.AddStatements({{"registry_provider_facts", R"sql(
        SELECT p.id, p.name,
               (SELECT coalesce(json_agg(m.cbs_code), '[]')::text
                  FROM registry.provider_municipality m WHERE m.provider_id = p.id)
          FROM registry.provider p
         WHERE $1::bigint = 0 OR p.id = $1::bigint ORDER BY p.name, p.id)sql"}});
}

absl::StatusOr<std::vector<ProviderFacts>> ProviderFactsReader::Read(platform::Deadline d,
                                                                     int64_t id) {
  std::vector<ProviderFacts> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("registry_provider_facts", id)) {
      out.push_back(
          {r[0].as<int64_t>(), r[1].as<std::string>(),
           nlohmann::json::parse(r[2].as<std::string>()).get<std::vector<std::string>>()});
    }
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace ozjt::registry
