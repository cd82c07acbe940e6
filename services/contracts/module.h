// The contracts service as the host serves it: ozjt.contracts.v1.ContractService,
// TariffService and VervoerService, under the name "contracts", plus the agenda as an
// iCalendar feed (GET /agenda.ics) on the host's HTTP port.
#pragma once

#include "services/platform/server.h"

namespace ozjt::contracts {

platform::ModuleEntry ContractsModuleEntry();

}  // namespace ozjt::contracts
