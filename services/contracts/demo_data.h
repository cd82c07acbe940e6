// Demo contracts on top of the demo providers (services/registry/demo_data.h): the youth-care
// framework 2025 for all 14 municipalities (with two lots), the HO framework (13 municipalities,
// 16 providers), doelgroepenvervoer 2023 (10 municipalities, extended to 2029, two lots with
// KPIs, a call-centre and a monitoring-software contract), the medicatiecontrole framework
// with two hospitals (both options exercised: ends 2026-12-31), a Jeugdzorg Plus subsidy with
// an option whose notice deadline is 2026-11-30, a single agreement under a notice of default,
// tariff lines with real iJw/iWmo categories, the published VNG index figures 2023-2025 and an
// HO floor. Everything is inserted in one transaction, audited as the caller; idempotent (does
// nothing when JH-2025 exists).
#pragma once

#include "absl/status/statusor.h"
#include "services/contracts/store.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"

namespace ozjt::contracts {

// Returns the number of contracts added (0 when the demo contracts exist already).
// FAILED_PRECONDITION when the demo providers are not loaded.
absl::StatusOr<int> LoadDemoContracts(const platform::RequestInfo& r, ContractStore& store,
                                      registry::Directory& directory);

}  // namespace ozjt::contracts
