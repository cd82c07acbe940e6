// Demo Jeugdzorg Plus inflow 2021-2025 on top of the demo providers: three closed-youth-care
// providers, the 14 municipalities by population, regional totals of 124, 112 (the 2022
// baseline), 99, 92 and 80 placements, and spoedmachtigingen falling from 38% to 24%. On the
// cumulative path (112 * 0.9^n) 2023 and 2025 are on track and 2024 is not. Deterministic;
// loaded through the same quarter replacement as an import (audited); idempotent.
#pragma once

#include "absl/status/statusor.h"
#include "services/jzplus/store.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"

namespace ozjt::jzplus {

// The demo rows (provider ids from `ids`, a function of the demo provider index).
std::vector<InflowRow> DemoInflow(const std::vector<int64_t>& provider_ids);

// Returns true when the demo data was added (false when any inflow was there already).
absl::StatusOr<bool> LoadDemoInflow(const platform::RequestInfo& r, InflowStore& store,
                                    registry::Directory& directory);

}  // namespace ozjt::jzplus
