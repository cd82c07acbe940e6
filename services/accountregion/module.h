// The account-holding-region service as the host serves it:
// ozjt.accountregion.v1.AccountRegionService under the name "accountregion". Its ratio
// classes come from OZJT_RATIO_CLASSES (default: the CBS sector classes), e.g.
// "solvency:0,10,20,35;current_ratio:30,70,130;profitability:0,2,4".
#pragma once

#include "services/platform/server.h"

namespace ozjt::accountregion {

platform::ModuleEntry AccountRegionModuleEntry();

}  // namespace ozjt::accountregion
