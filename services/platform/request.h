// What every layer may know about the RPC being served: who calls, which method, the
// request id and the deadline. Made by the call runner (call.h) after authentication; the
// domain and store use it for scoping and audit, never the gRPC context itself.
#pragma once

#include <string>

#include "services/platform/auth.h"
#include "services/platform/db.h"

namespace ozjt::platform {

struct RequestInfo {
  Caller caller;
  // Full method, e.g. "/ozjt.registry.v1.ProviderRegistry/GetProvider".
  std::string method;
  // From x-request-id metadata, or generated.
  std::string request_id;
  Deadline deadline = NoDeadline();
};

}  // namespace ozjt::platform
