// Demo continuity data on top of the demo providers: financial statements 2023-2025 for the
// four providers Twente holds and one monitored provider elsewhere (one with three years of
// losses, one with a current ratio in the worst class, one with negative equity), two signals,
// an assignment from the VNG list, and an open continuity case at step 3 whose recovery plan is
// due on 2026-12-15. One transaction, audited as the caller; idempotent.
#pragma once

#include "absl/status/statusor.h"
#include "services/accountregion/store.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"

namespace ozjt::accountregion {

// Returns true when the demo data was added (false when it was there already).
absl::StatusOr<bool> LoadDemoContinuity(const platform::RequestInfo& r, AccountRegionStore& store,
                                        registry::Directory& directory);

}  // namespace ozjt::accountregion
