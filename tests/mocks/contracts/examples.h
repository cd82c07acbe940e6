// Example contracts shared by the contracts service's unit and use-case tests.
#pragma once

#include "services/contracts/contract.h"

namespace ozjt::contracts::testing {

// The medicatiecontrole framework of docs/domain.md: 2022-01-01 to 2024-12-31, two unilateral
// one-year options, notice 3 months before the end; Enschede (0153) takes part. No id or
// providers: as it is entered.
inline Contract Medicatiecontrole() {
  Contract c;
  c.reference = "MC-2022";
  c.title = "Medicatiecontrole";
  c.kind = ContractKind::kFramework;
  c.domain = ContractDomain::kJeugdwet;
  c.family = ContractFamily::kMedicatiecontrole;
  c.participations = {{"0153", Day(2022, 1, 1), std::nullopt}};
  c.start_date = Day(2022, 1, 1);
  c.end_date = Day(2024, 12, 31);
  c.status = ContractStatus::kActive;
  c.notice_months = 3;
  c.options = {{1, 12, true, 0, std::nullopt}, {2, 12, true, 0, std::nullopt}};
  return c;
}

}  // namespace ozjt::contracts::testing
