// What every layer may know about the RPC being served: who calls, which method, the
// request id and the deadline. Made by the call runner (call.h) after authentication; the
// domain and store use it for scoping and audit, never the gRPC context itself.
#pragma once

#include <string>

#include "absl/time/civil_time.h"
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
  // The day the request is served on, in Europe/Amsterdam (or the configured fixed day).
  absl::CivilDay today;
};

}  // namespace ozjt::platform
