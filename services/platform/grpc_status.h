// absl::Status -> grpc::Status, for handlers. Every error carries google.rpc.Status details
// (grpc-status-details-bin) with a google.rpc.LocalizedMessage (nl-NL): the Dutch text a person
// reads (status.h's WithDutch / the violations' Dutch, else a sentence for the code). An
// INVALID_ARGUMENT made by FieldViolations also carries a google.rpc.BadRequest whose
// descriptions are Dutch, so a client can show each violation next to its field.
#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace ozjt::platform {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace ozjt::platform
