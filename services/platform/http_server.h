// The product's HTTP servers (the web gateway; the host's port of /metrics and /agenda.ics) on
// cpp-httplib, with the same limits and the same trace:
//   - each connection on a thread of its own, at most HttpLimits::max_connections at a time
//     (the next one waits in the kernel's queue until one closes): an idle or slow client holds
//     its own connection, never the threads of the others (httplib's pool has 8 threads, so 16
//     idle connections stalled the page for 10 s);
//   - an idle connection is closed after keep_alive_seconds; a request (line, headers and
//     body) must arrive within read_timeout_seconds of its first byte (a client that sends a
//     byte every half second is cut off, plain HTTP; with TLS each read waits at most that
//     long); a write waits at most write_timeout_seconds;
//   - request bodies up to max_body_bytes, with or without Content-Length: 413 beyond, also for
//     "Transfer-Encoding: chunked" (httplib 0.11 alone reads those without a limit);
//   - one JSON line per request, refused ones included, in the call log (like the gRPC calls:
//     route, status, latency, actor, request id; never the query string, which may hold a
//     token), and the Prometheus counters ozjt_http_requests_total{server,route,status} and
//     ozjt_http_request_duration_seconds{server,route} when a metrics registry is given.
//
//   HttpService http("web", limits, registry);
//   http.Get("/", [](const httplib::Request&, httplib::Response& res, HttpTrace&) {...});
//   http.Post(R"(/api/rpc/[A-Za-z0-9_.]+/[A-Za-z0-9_]+)", [](const httplib::Request& req,
//       httplib::Response& res, HttpTrace& trace) { trace.actor = ...; ... req.body ... });
//   absl::StatusOr<int> port = http.Listen("127.0.0.1", 0);
//   ...
//   http.Stop();
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/platform/config.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib
namespace prometheus {
class Registry;
}  // namespace prometheus

namespace ozjt::platform {

// What a handler adds to its request's log line. Everything is optional.
struct HttpTrace {
  std::string route;  // the metrics label; default: the route's pattern
  std::string actor;  // the token's subject once the token is valid
  std::string role;   // the token's role
  std::string municipality;
  std::string request_id;  // set by the service; a handler may pass it on (x-request-id)
  std::string error;       // English detail for operators (never a token)
};

using HttpHandler =
    std::function<void(const httplib::Request&, httplib::Response&, HttpTrace& trace)>;

class HttpService {
 public:
  // `name` labels the log lines and metrics ("web", "host"); `metrics` may be null. With
  // `tls_cert_file` and `tls_key_file` (PEM), HTTPS.
  HttpService(std::string name, const HttpLimits& limits,
              const std::shared_ptr<prometheus::Registry>& metrics,
              const std::string& tls_cert_file = "", const std::string& tls_key_file = "");
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  // False when the TLS certificate or key cannot be used.
  bool valid() const;
  // The headers of every answer.
  void SetDefaultHeaders(const std::multimap<std::string, std::string>& headers);
  // How an error of the service itself (413, 404 of a body nobody takes) is written; default
  // plain text. `dutch` is the sentence a person reads.
  void SetErrorReply(std::function<void(httplib::Response&, int status, const std::string& dutch)>);

  // A GET route (httplib's regex pattern; the pattern labels the log line and the metrics
  // unless the handler sets trace.route).
  void Get(const std::string& pattern, HttpHandler handler);
  // A POST route: the body (at most max_body_bytes) is in req.body; 413 beyond.
  void Post(const std::string& pattern, HttpHandler handler);

  // Binds host:port (port 0: any free port) and serves on a thread of its own; the bound port,
  // or UNAVAILABLE when it cannot listen there.
  absl::StatusOr<int> Listen(const std::string& host, int port);
  // Stops serving: open connections are closed (within 0.1 s), running handlers finish.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
};

}  // namespace ozjt::platform
