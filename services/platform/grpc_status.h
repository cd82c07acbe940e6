// absl::Status -> grpc::Status, for handlers. INVALID_ARGUMENT made by FieldViolations
// carries a google.rpc.BadRequest in the status details (grpc-status-details-bin), so a
// client can show each violation next to its field.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace ozjt::platform {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace ozjt::platform
