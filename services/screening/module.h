// The screening service (KIT, and the barrièremodel before it) as the host serves it:
// ozjt.screening.v1.ScreeningService under the name "screening". An admitting decision allows
// an award for OZJT_SCREENING_VALIDITY_MONTHS months (default 24, 1 to 60).
#pragma once

#include "services/platform/server.h"

namespace ozjt::screening {

platform::ModuleEntry ScreeningModuleEntry();

}  // namespace ozjt::screening
