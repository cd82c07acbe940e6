// The supervision service as the host serves it: ozjt.supervision.v1.SupervisionService under
// the name "supervision". OZJT_SUPERVISION_GRACE_DAYS (default 14): days after an action's due
// date before it escalates. OZJT_SUPERVISION_SYNC_SECONDS (default 60, 0 off): how often
// contract mutation events become review investigations without anyone asking.
#pragma once

#include "services/platform/server.h"

namespace ozjt::supervision {

platform::ModuleEntry SupervisionModuleEntry();

}  // namespace ozjt::supervision
