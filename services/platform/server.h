// Server start-up and shutdown, shared by the host binary (all services in one process) and
// each service's own binary. A service is a ServiceModule; the host picks the modules named
// in the configuration.
//
//   int main(int argc, char** argv) {
//     return ozjt::platform::ServerMain(argc, argv, {RegistryModuleEntry()}, "registry only");
//   }
//
// Every server has gRPC health checking (grpc.health.v1, per service and overall; NOT_SERVING
// while the database is unreachable) and server reflection, serves Prometheus metrics at
// GET /metrics (and the modules' HTTP routes) on its HTTP port, and shuts down gracefully on
// SIGTERM or SIGINT (running calls finish, new ones are refused).
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/server.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/call.h"
#include "services/platform/config.h"
#include "services/platform/db.h"

namespace prometheus {
class Registry;
}  // namespace prometheus
namespace ozjt::platform {

class HttpService;
struct HttpTrace;

// A plain HTTP request and response, for the few routes a module serves over HTTP (e.g. an
// iCalendar feed) next to /metrics on the host's HTTP port.
struct HttpRequest {
  std::string path;
  std::map<std::string, std::string> params;  // query parameters
  std::string authorization;                  // Authorization header
  std::string request_id;  // the request's id in the HTTP log line (for its audit records)
};
struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};
struct HttpRoute {
  std::string path;  // exact path, GET only
  std::function<HttpResponse(const HttpRequest&)> handle;
};

// One service of the product, as the host serves it.
class ServiceModule {
 public:
  struct Registration {
    std::string full_name;  // e.g. "ozjt.registry.v1.ProviderRegistry", for health checks
    grpc::Service* service;
  };
  virtual ~ServiceModule() = default;
  // The gRPC services to register; owned by the module.
  virtual std::vector<Registration> GrpcServices() = 0;
  // HTTP routes to serve on the host's HTTP port (none by default).
  virtual std::vector<HttpRoute> HttpRoutes() { return {}; }
};

struct ModuleEntry {
  std::string name;  // as named in OZJT_SERVICES / --services, e.g. "registry"
  // Builds the module on the shared platform; an error stops the start-up.
  std::function<absl::StatusOr<std::unique_ptr<ServiceModule>>(Platform&)> make;
};

class Host {
 public:
  // Applies migrations (when config.migrate), opens the pool, builds the modules named in
  // config.services (all of `available` when empty) and starts serving. INVALID_ARGUMENT for
  // an unknown service name or bad keys; UNAVAILABLE when the database cannot be reached.
  static absl::StatusOr<std::unique_ptr<Host>> Start(const ServerConfig& config,
                                                     const std::vector<ModuleEntry>& available);
  ~Host();

  // The bound gRPC port (useful with port 0).
  int port() const { return port_; }
  // The bound HTTP port (metrics and module routes); 0 when HTTP is off.
  int http_port() const { return http_port_; }
  // The metrics served on the HTTP port (null when HTTP is off), for companions to add to.
  std::shared_ptr<prometheus::Registry> metrics_registry() const { return metrics_registry_; }
  const std::vector<std::string>& service_names() const { return service_names_; }

  // Refuses new calls, lets running ones finish for up to `grace`, then cancels the rest, and
  // chains the audit records they committed.
  void Shutdown(std::chrono::milliseconds grace);

  // A channel to this server's services inside the process: real gRPC (metadata, auth,
  // interceptors, status codes) without a socket. For companions such as the web gateway.
  std::shared_ptr<grpc::Channel> InProcessChannel();

 private:
  Host() = default;
  // Makes the modules `selected` on the platform and serves their gRPC services on
  // config.listen (with health and reflection); UNAVAILABLE when it cannot listen there.
  absl::Status StartGrpc(const ServerConfig& config,
                         const std::vector<const ModuleEntry*>& selected);
  // Serves /metrics and the modules' HTTP routes on `listen` (host:port, port 0: any) with
  // `limits`, each request logged and counted (http_server.h).
  absl::Status StartHttp(const std::string& listen, const HttpLimits& limits);
  // Adds the caller of a module route (the token of its Authorization header or ?token=) to
  // the request's log line when the token is valid.
  void TraceCaller(const HttpRequest& request, HttpTrace& trace) const;
  // Sets every service's health from a database ping (logs changes after the first).
  void CheckDatabase();
  // Deletes the answers kept for retries (idempotency.h) older than idempotency_hours_.
  void ForgetOldAnswers();
  // Calls CheckDatabase and malloc_trim (memory after a peak back to the system) every 2 s,
  // and ForgetOldAnswers every 10 minutes, until Shutdown.
  void WatchDatabase();
  // Chains the audit records committed since the last pass (audit.h ChainCommittedAudit);
  // logs a failure, and the recovery after one. Never throws (Shutdown runs it).
  void ChainAudit() noexcept;
  // Calls ChainAudit every kAuditChainInterval until Shutdown.
  void RunAuditChainer();

  std::unique_ptr<Pool> pool_;
  std::shared_ptr<prometheus::Registry> metrics_registry_;
  std::unique_ptr<HttpService> http_;
  std::unique_ptr<Platform> platform_;
  std::vector<std::unique_ptr<ServiceModule>> modules_;
  std::vector<std::string> service_names_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  int http_port_ = 0;
  int idempotency_hours_ = 48;
  std::mutex watch_mu_;
  std::condition_variable watch_cv_;
  bool stopping_ = false;
  bool health_known_ = false;
  bool serving_ = false;
  std::thread watcher_;
  std::thread chainer_;
  bool chaining_failed_ = false;  // the last ChainAudit failed (chainer_ only)
};

// Something the same process serves next to the gRPC services (the web gateway of the host).
class Companion {
 public:
  virtual ~Companion() = default;
  // Fields added to the "serving" line, e.g. {"web_url", "http://127.0.0.1:8080/"}.
  virtual std::vector<std::pair<std::string, std::string>> Describe() const = 0;
  // Stops serving; called before the gRPC server shuts down.
  virtual void Stop() = 0;
};
// Starts a companion on the started host; an INVALID_ARGUMENT error is bad configuration.
using CompanionStart =
    std::function<absl::StatusOr<std::unique_ptr<Companion>>(const ServerConfig&, Host&)>;

// main() of a server binary: reads the configuration from the environment (flags --listen and
// --services override it), starts a Host with `available` modules (and the companion, if
// any), prints one JSON line with the bound addresses, and runs until SIGTERM or SIGINT. Exit
// code 2 for bad configuration, 1 when the server cannot start.
int ServerMain(int argc, char** argv, const std::vector<ModuleEntry>& available,
               const std::string& description, const CompanionStart& companion = nullptr);

}  // namespace ozjt::platform
