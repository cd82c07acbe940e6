// ozjt-host: every service in one process (or the ones named in OZJT_SERVICES/--services).
#include "services/accountregion/module.h"
#include "services/audit/module.h"
#include "services/contracts/module.h"
#include "services/insight/module.h"
#include "services/jzplus/module.h"
#include "services/registry/module.h"
#include "services/screening/module.h"
#include "services/supervision/module.h"
#include "services/web/gateway.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(
      argc, argv,
      {ozjt::registry::RegistryModuleEntry(), ozjt::contracts::ContractsModuleEntry(),
       ozjt::accountregion::AccountRegionModuleEntry(), ozjt::screening::ScreeningModuleEntry(),
       ozjt::supervision::SupervisionModuleEntry(), ozjt::jzplus::InflowModuleEntry(),
       ozjt::insight::InsightModuleEntry(), ozjt::audit::AuditModuleEntry()},
      "OZJT contracts host: all services in one process, and the web gateway",
      ozjt::web::HostGateway());
}
