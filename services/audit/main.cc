// ozjt-audit: the audit log service on its own.
#include "services/audit/module.h"

int main(int argc, char** argv) {
  return ozjt::platform::ServerMain(argc, argv, {ozjt::audit::AuditModuleEntry()},
                                    "OZJT audit log (ozjt.audit.v1)");
}
