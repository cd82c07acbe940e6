#include "services/platform/grpc_status.h"

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/platform/status.h"

namespace ozjt::platform {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl and gRPC share the canonical code numbers.
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  // What the person reads: the error's own Dutch text, else a Dutch sentence for its code.
  google::rpc::LocalizedMessage localized;
  localized.set_locale("nl-NL");
  std::string dutch = DutchOf(status);
  localized.set_message(dutch.empty() ? DutchForCode(status.code()) : dutch);
  details.add_details()->PackFrom(localized);
  std::vector<FieldViolation> violations = ViolationsOf(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const auto& v : violations) {
      auto* fv = bad_request.add_field_violations();
      fv->set_field(v.field);
      fv->set_description(v.dutch.empty() ? v.description : v.dutch);
    }
    details.add_details()->PackFrom(bad_request);
  }
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace ozjt::platform
