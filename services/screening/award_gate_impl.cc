// The in-process award gate (award_gate.h): the screening schema's own SQL.
#include <utility>
#include <vector>

#include "services/screening/award_gate.h"

namespace ozjt::screening {
namespace {

const std::vector<std::pair<std::string, std::string>> kStatements = {
    {"screening_gate_admitting_case", R"sql(
        SELECT id FROM screening.screening_case
         WHERE provider_id = $1 AND outcome IN ('admitted', 'admitted_with_conditions')
           AND decided_on <= $2::date AND valid_until >= $2::date
         ORDER BY valid_until DESC, id DESC LIMIT 1 FOR SHARE)sql"},
    {"screening_gate_register_award", R"sql(
        INSERT INTO screening.award_registration (case_id, contract_id, provider_id,
                                                  registered_on, registered_by)
        VALUES ($1, $2, $3, $4::date, $5) ON CONFLICT (contract_id, provider_id) DO NOTHING)sql"},
};

class PgAwardGate final : public AwardGate {
 public:
  explicit PgAwardGate(platform::Pool& pool) { pool.AddStatements(kStatements); }

  std::optional<int64_t> AdmittingCase(pqxx::transaction_base& tx, int64_t provider_id,
                                       platform::Day day) override {
    pqxx::result r =
        tx.exec_prepared("screening_gate_admitting_case", provider_id, platform::FormatDay(day));
    if (r.empty()) return std::nullopt;
    return r[0][0].as<int64_t>();
  }

  void RegisterAward(pqxx::transaction_base& tx, int64_t case_id, int64_t contract_id,
                     int64_t provider_id, platform::Day on, const std::string& by) override {
    tx.exec_prepared0("screening_gate_register_award", case_id, contract_id, provider_id,
                      platform::FormatDay(on), by);
  }
};

}  // namespace

std::unique_ptr<AwardGate> MakeAwardGate(platform::Pool& pool) {
  return std::make_unique<PgAwardGate>(pool);
}

}  // namespace ozjt::screening
