// The audit service as the host serves it: ozjt.audit.v1.AuditLog, under the name "audit".
#pragma once

#include "services/platform/server.h"

namespace ozjt::audit {

platform::ModuleEntry AuditModuleEntry();

}  // namespace ozjt::audit
