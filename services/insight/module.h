// The contract management information service as the host serves it: ozjt.insight.v1.
// InsightService under the name "insight". Settings: OZJT_INSIGHT_KEY_FILE,
// OZJT_INSIGHT_KEY_VERSION, OZJT_INSIGHT_WAIT_NORMS (platform/config.h).
#pragma once

#include "services/platform/server.h"

namespace ozjt::insight {

platform::ModuleEntry InsightModuleEntry();

}  // namespace ozjt::insight
