// The web gateway of the thin client for municipal contract managers: serves the page (Dutch,
// static, embedded in the binary) and a JSON API that forwards each call to the gRPC services
// with the user's own token. It holds no business rules: the services decide what a user may
// see and do; the gateway only translates JSON <-> protobuf and gRPC status -> HTTP status.
//
//   POST /api/rpc/ozjt.contracts.v1.ContractService/ListAgenda   {"startDate": {...}}
//     Authorization: Bearer <token>
//   -> 200 {...the response in proto3 JSON...}
//   -> 400 {"code": "INVALID_ARGUMENT", "message": "...", "fields": [{"field": "...",
//          "description": "..."}]}   (401, 403, 404, 409, 429, 503, 504, 500 likewise)
// "message" is what a person reads, in Dutch: the service's google.rpc.LocalizedMessage (nl-NL),
// else a Dutch sentence for the code; "fields" are the google.rpc.BadRequest violations (the
// proto field path, e.g. "measurement.period", and the Dutch description). The English status
// message stays in the services' logs; "code" is the canonical code for programs.
//
// Other routes: GET / (the page and its files), GET /api/config, POST /api/session (who the
// token names), and, only with OZJT_WEB_DEV_LOGIN=1, POST /api/dev-login and
// GET /api/dev-login/municipalities.
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/platform/auth.h"
#include "services/platform/config.h"
#include "services/platform/server.h"

namespace prometheus {
class Registry;
}  // namespace prometheus
namespace ozjt::platform {
class HttpService;
}  // namespace ozjt::platform

namespace ozjt::web {

struct WebConfig {
  std::string listen;  // e.g. "127.0.0.1:8080"; empty: no gateway
  // Dev/demo login: issues tokens for a chosen municipality and role, signed with the private
  // key in dev_signing_key_file. Off by default; refused together with TLS.
  bool dev_login = false;
  std::string dev_signing_key_file;
  // HTTPS with these PEM files (the same as the gRPC port's) when set.
  std::string tls_cert_file;
  std::string tls_key_file;
  // Token verification: the same keys, issuer and audience as the services.
  std::vector<std::string> jwt_public_key_files;
  platform::TokenPolicy policy;
  // ozjt-web only: the gRPC address of the services, and the CA to trust when they use TLS.
  std::string upstream = "127.0.0.1:50051";
  std::string upstream_ca_file;
  // Connections, timeouts and the body limit (the OZJT_HTTP_* variables, config.h).
  platform::HttpLimits limits;
  // ozjt-web only (the host configures its own): OZJT_CALL_LOG and OZJT_LOG_LEVEL.
  platform::CallLogSettings call_log;
};

// Reads OZJT_WEB_LISTEN (unset or "off": no gateway), OZJT_WEB_DEV_LOGIN, OZJT_WEB_DEV_SIGNING_KEY,
// OZJT_WEB_UPSTREAM, OZJT_TLS_CA, OZJT_TLS_CERT/OZJT_TLS_KEY, the OZJT_JWT_* settings, the
// OZJT_HTTP_* limits, OZJT_CALL_LOG and OZJT_LOG_LEVEL.
// INVALID_ARGUMENT naming every bad variable, including dev login with TLS.
absl::StatusOr<WebConfig> WebConfigFromEnvironment();

// A service's Dutch text as the page shows it: without the hints for CLI users in parentheses,
// a command ("(ozjt contracts get 7)", "(zie ozjt reference regions)") or a flag ("(--date)"),
// which mean nothing on the page (its form fields carry the message instead):
//   "lees het opnieuw (ozjt contracts get 7)." -> "lees het opnieuw."
std::string ForThePage(absl::string_view dutch);

class Gateway : public platform::Companion {
 public:
  // Starts serving on config.listen, calling the services over `channel`. Every request is
  // logged (the call log) and, with `metrics`, counted (ozjt_http_requests_total{server="web"}).
  static absl::StatusOr<std::unique_ptr<Gateway>> Start(
      const WebConfig& config, std::shared_ptr<grpc::Channel> channel,
      const std::shared_ptr<prometheus::Registry>& metrics = nullptr);
  ~Gateway() override;

  // "http://127.0.0.1:8080/" with the bound port.
  std::string url() const { return url_; }
  std::vector<std::pair<std::string, std::string>> Describe() const override {
    return {{"web_url", url_}};
  }
  void Stop() override;

 private:
  Gateway() = default;
  class Api;
  std::unique_ptr<Api> api_;
  std::unique_ptr<platform::HttpService> http_;
  std::string url_;
};

// The companion the host starts: the gateway on the host's own services (in-process channel),
// with the web settings from the environment; none when OZJT_WEB_LISTEN is unset or "off".
platform::CompanionStart HostGateway();

}  // namespace ozjt::web
