// The screening service's award gate for the contracts service (docs/domain.md section 6): a
// contract is awarded only when each of its providers has an admitting KIT screening decision
// valid that day, and the decision is registered against the contract. Public: the contracts
// store includes this header, never the screening tables.
//
// In-process today: both calls run on the caller's open transaction (one database), so the
// decision is locked against change until the award commits and the registration commits with
// it. This class is the seam where a screening RPC (reserve, then confirm) goes when services
// run apart.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "services/platform/calendar.h"
#include "services/platform/db.h"

namespace ozjt::screening {

class AwardGate {
 public:
  virtual ~AwardGate() = default;
  // The admitting screening decision (ozjt.screening.v1) of a provider valid on `day`: the case
  // id (the latest valid), or nullopt. Locks it against change until `tx` ends. Throws libpqxx
  // exceptions on database errors.
  virtual std::optional<int64_t> AdmittingCase(pqxx::transaction_base& tx, int64_t provider_id,
                                               platform::Day day) = 0;
  // Registers decision `case_id` against the contract it allowed to be awarded (once per
  // contract and provider), on `on` by `by`.
  virtual void RegisterAward(pqxx::transaction_base& tx, int64_t case_id, int64_t contract_id,
                             int64_t provider_id, platform::Day on, const std::string& by) = 0;
};

// The in-process gate (registers its statements on `pool`).
std::unique_ptr<AwardGate> MakeAwardGate(platform::Pool& pool);

}  // namespace ozjt::screening
