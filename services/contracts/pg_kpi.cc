// KPI definitions and measurements (doelgroepenvervoer) of PgContractStore and PgContractTx
// (pg_store.h): their statements, rows and the JSON of their audit records.
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/contracts/pg_rows.h"
#include "services/contracts/pg_store.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace pg {

const Statements& KpiStatements() {
  static const Statements kStatements = {
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
  };
  return kStatements;
}

}  // namespace pg

void PgContractTx::UpsertKpiDefinition(const KpiDefinition& d) {
  tx_.exec_prepared0("contracts_kpi_upsert", d.contract_id, Code(d.kind), d.norm, Code(d.direction),
                     d.description);
  Audit("kpi_definition", d.contract_id, "",
        nlohmann::json{{"kind", Code(d.kind)},
                       {"norm", FormatHundredths(d.norm)},
                       {"direction", Code(d.direction)},
                       {"description", d.description}}
            .dump());
}

std::optional<KpiMeasurement> PgContractTx::InsertMeasurement(const KpiMeasurement& m) {
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

absl::StatusOr<std::vector<KpiDefinition>> PgContractStore::KpiDefinitions(platform::Deadline d,
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

absl::StatusOr<std::vector<KpiMeasurement>> PgContractStore::Measurements(
    platform::Deadline d, int64_t contract_id, const std::string& period) {
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

}  // namespace ozjt::contracts
