// The Jeugdzorg Plus inflow service as the host serves it: ozjt.jzplus.v1.InflowService under
// the name "jzplus". Targets: OZJT_JZPLUS_BASELINE_YEAR (default 2022) and
// OZJT_JZPLUS_REDUCTION_PERCENT (default 10).
#pragma once

#include "services/platform/server.h"

namespace ozjt::jzplus {

platform::ModuleEntry InflowModuleEntry();

}  // namespace ozjt::jzplus
