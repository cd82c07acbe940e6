// Demo supervision data on top of the demo providers (built with the same domain rules, on past
// days): a proactive investigation whose improvement action is overdue past the grace period
// (a signal since 16-11-2026, re-inspection on 10-12-2026), an investigation after a signal with
// a critical finding, a calamity requested by Enschede on 20-11-2026 (measures due 27-11-2026),
// an incident requested by Hengelo and concluded, and a concluded inspection whose plan worked.
// One transaction, audited as the caller; idempotent.
#pragma once

#include "absl/status/statusor.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"
#include "services/supervision/store.h"

namespace ozjt::supervision {

// Returns true when the demo data was added (false when it was there already).
absl::StatusOr<bool> LoadDemoSupervision(const platform::RequestInfo& r, SupervisionStore& store,
                                         registry::Directory& directory);

}  // namespace ozjt::supervision
