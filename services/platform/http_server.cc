#include "services/platform/http_server.h"

#include <httplib.h>
#include <netdb.h>
#include <poll.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/platform/call_log.h"

namespace ozjt::platform {
namespace {

using Clock = std::chrono::steady_clock;

// How often a connection's waits look whether the server is stopping.
constexpr auto kStopCheck = std::chrono::milliseconds(100);
// A body over the limit is read on (and dropped) up to this much more, so that the client
// finishes sending and reads its 413; beyond it the connection is closed.
constexpr size_t kDrainBytes = size_t{16} * 1024 * 1024;

// The request being served on this thread: httplib serves a connection's requests one after
// the other on one thread, and calls the pre-routing handler, the route's handler and the
// logger of a request on it.
struct CurrentRequest {
  Clock::time_point start;
  bool started = false;
  HttpTrace trace;
  // The connection must close after this answer (a body was left unread).
  bool close_connection = false;
};
CurrentRequest& Current() {
  thread_local CurrentRequest current;
  return current;
}

// ---- Connections --------------------------------------------------------------------------

// Each connection on a thread of its own, at most `max` at a time: the listener waits for a
// free slot before it accepts the next one (the kernel queues the others).
class ConnectionThreads final : public httplib::TaskQueue {
 public:
  explicit ConnectionThreads(int max) : max_(max) {}

  void enqueue(std::function<void()> fn) override {
    {
      std::unique_lock<std::mutex> lock(mu_);
      slot_free_.wait(lock, [&] { return running_ < max_; });
      ++running_;
    }
    try {
      std::thread([this, fn] {
        fn();
        Done();
      }).detach();
    } catch (const std::system_error&) {
      // No thread to be had (a task or memory limit of the host): serve this connection on
      // the listener's thread, bounded by its deadlines, rather than end the process.
      fn();
      Done();
    }
  }

  void Done() {
    std::lock_guard<std::mutex> lock(mu_);
    --running_;
    slot_free_.notify_all();
  }

  // Waits until every connection has ended (the server closes them when it stops).
  void shutdown() override {
    std::unique_lock<std::mutex> lock(mu_);
    slot_free_.wait(lock, [&] { return running_ == 0; });
  }

 private:
  const int max_;
  std::mutex mu_;
  std::condition_variable slot_free_;
  int running_ = 0;
};

// Waits until `fd` can be read (or written) or `until` passes, looking every 0.1 s whether the
// server is stopping. False on timeout, error or stop.
bool WaitFor(int fd, short events, Clock::time_point until, const std::atomic<int>& listener) {
  while (listener.load() != INVALID_SOCKET) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, events, 0};
    const int n = poll(&p, 1, static_cast<int>(std::min(left, kStopCheck).count()));
    if (n > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
    if (n < 0 && errno != EINTR) return false;
  }
  return false;
}

// A connection's socket with a deadline for reading the current request and a timeout per
// write; buffered, since httplib reads the request line and headers a byte at a time.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int fd, std::chrono::seconds write_timeout, const std::atomic<int>& listener)
      : fd_(fd), write_timeout_(write_timeout), listener_(listener) {}

  void set_read_deadline(Clock::time_point deadline) { read_deadline_ = deadline; }
  bool has_buffered() const { return offset_ < size_; }
  // A read failed (deadline passed, connection closed or reset): the connection is done.
  bool broken() const { return broken_; }

  bool is_readable() const override {
    return has_buffered() || WaitFor(fd_, POLLIN, read_deadline_, listener_);
  }
  bool is_writable() const override {
    return WaitFor(fd_, POLLOUT, Clock::now() + write_timeout_, listener_);
  }
  ssize_t read(char* ptr, size_t size) override {
    if (!has_buffered()) {
      if (!WaitFor(fd_, POLLIN, read_deadline_, listener_)) {
        broken_ = true;
        return -1;
      }
      ssize_t n = 0;
      do {
        n = recv(fd_, buffer_.data(), buffer_.size(), 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) {
        broken_ = true;
        return n;
      }
      offset_ = 0;
      size_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, size_ - offset_);
    std::memcpy(ptr, buffer_.data() + offset_, n);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n = 0;
    do {
      n = send(fd_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    Address(getpeername, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    Address(getsockname, ip, port);
  }
  socket_t socket() const override { return fd_; }

 private:
  using NameFn = int (*)(int, sockaddr*, socklen_t*);
  void Address(NameFn name, std::string& ip, int& port) const {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (name(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
    std::array<char, NI_MAXHOST> host{};
    std::array<char, NI_MAXSERV> service{};
    if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host.data(), host.size(),
                    service.data(), service.size(), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      ip = host.data();
      port = std::atoi(service.data());
    }
  }

  const int fd_;
  const std::chrono::seconds write_timeout_;
  const std::atomic<int>& listener_;
  Clock::time_point read_deadline_;
  std::array<char, 4096> buffer_{};
  size_t offset_ = 0;
  size_t size_ = 0;
  bool broken_ = false;
};

// An httplib server whose listening socket queues up to `backlog` connections: Debian's
// libcpp-httplib listens with a backlog of 5, so a burst of new connections (a page's files,
// a reconnecting client) had its SYNs dropped and waited a second or more for a retry.
template <typename Base>
class Backlogged : public Base {
 public:
  using Base::Base;
  // After binding: listen() again on the bound socket sets its backlog (Linux).
  void SetBacklog(int backlog) { ::listen(this->svr_sock_, backlog); }
};

// Plain HTTP with a deadline per request: httplib 0.11 only bounds each read, so a client that
// sends a byte every few seconds held a connection (and a thread) for as long as it liked.
class DeadlineServer final : public Backlogged<httplib::Server> {
 public:
  explicit DeadlineServer(const HttpLimits& limits) : limits_(limits) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    DeadlineStream stream(sock, std::chrono::seconds(limits_.write_timeout_seconds), svr_sock_);
    bool ok = true;
    for (size_t left = keep_alive_max_count_; ok && left > 0; --left) {
      // Idle: the first (or next) request must start within the keep-alive time.
      if (!stream.has_buffered() &&
          !WaitFor(sock, POLLIN, Clock::now() + std::chrono::seconds(limits_.keep_alive_seconds),
                   svr_sock_)) {
        break;
      }
      stream.set_read_deadline(Clock::now() + std::chrono::seconds(limits_.read_timeout_seconds));
      bool closed = false;
      Current().close_connection = false;
      ok = process_request(stream, left == 1, closed, nullptr);
      if (closed || stream.broken() || Current().close_connection) break;
    }
    shutdown(sock, SHUT_RDWR);
    close(sock);
    return ok;
  }

  const HttpLimits limits_;
};

// ---- Metrics ------------------------------------------------------------------------------

class HttpMetrics {
 public:
  explicit HttpMetrics(prometheus::Registry& registry)
      : requests_(prometheus::BuildCounter()
                      .Name("ozjt_http_requests_total")
                      .Help("HTTP requests answered, by server, route and status")
                      .Register(registry)),
        latency_(prometheus::BuildHistogram()
                     .Name("ozjt_http_request_duration_seconds")
                     .Help("HTTP request latency in the server, by server and route")
                     .Register(registry)) {}

  void Observe(const std::string& server, const std::string& route, int status, double seconds) {
    requests_.Add({{"server", server}, {"route", route}, {"status", std::to_string(status)}})
        .Increment();
    latency_
        .Add({{"server", server}, {"route", route}},
             prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05,
                                                     0.1, 0.25, 0.5, 1, 2.5, 5, 10})
        .Observe(seconds);
  }

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& latency_;
};

// The rest of the request was not read: the connection closes after this answer.
void CloseAfterAnswer(httplib::Response& res) {
  Current().close_connection = true;
  res.set_header("Connection", "close");
}

void PlainErrorReply(httplib::Response& res, int status, const std::string& dutch) {
  res.status = status;
  res.set_content(dutch + "\n", "text/plain; charset=utf-8");
}

}  // namespace

class HttpService::Impl {
 public:
  Impl(std::string name, const HttpLimits& limits,
       const std::shared_ptr<prometheus::Registry>& metrics, const std::string& tls_cert_file,
       const std::string& tls_key_file)
      : name_(std::move(name)), limits_(limits), error_reply_(PlainErrorReply) {
    if (metrics) metrics_ = std::make_unique<HttpMetrics>(*metrics);
    if (tls_cert_file.empty()) {
      auto plain = std::make_unique<DeadlineServer>(limits);
      set_backlog_ = [server = plain.get()](int backlog) { server->SetBacklog(backlog); };
      http_ = std::move(plain);
    } else {
      // httplib's own TLS connections: each read waits at most read_timeout_seconds.
      auto tls = std::make_unique<Backlogged<httplib::SSLServer>>(tls_cert_file.c_str(),
                                                                  tls_key_file.c_str());
      set_backlog_ = [server = tls.get()](int backlog) { server->SetBacklog(backlog); };
      http_ = std::move(tls);
    }
    const int max = limits.max_connections;
    http_->new_task_queue = [max] { return new ConnectionThreads(max); };
    http_->set_keep_alive_timeout(limits.keep_alive_seconds);
    http_->set_read_timeout(limits.read_timeout_seconds, 0);
    http_->set_write_timeout(limits.write_timeout_seconds, 0);
    http_->set_payload_max_length(static_cast<size_t>(limits.max_body_bytes));
    http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      CurrentRequest& current = Current();
      current.start = Clock::now();
      current.started = true;
      current.trace = HttpTrace();
      current.trace.request_id = NewRequestId();
      res.set_header("X-Request-Id", current.trace.request_id);
      // httplib would parse a multipart body itself, past the body limit and our readers.
      if (req.is_multipart_form_data()) {
        CloseAfterAnswer(res);
        current.trace.error = "multipart/form-data is not accepted";
        error_reply_(res, 415, "Deze server neemt geen formulierbestanden aan (multipart).");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    // A handler that throws is a fault of ours: a fixed 500, the reason only in the log (not
    // httplib's EXCEPTION_WHAT header).
    http_->set_exception_handler(
        [this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unknown exception";
          try {
            std::rethrow_exception(std::move(ep));
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          Current().trace.error = absl::StrCat("handler threw: ", what);
          res.headers.clear();
          res.set_header("X-Request-Id", Current().trace.request_id);
          CloseAfterAnswer(res);  // the body may be half read
          error_reply_(res, 500, "Er ging iets mis op de server; probeer het later opnieuw.");
        });
    http_->set_logger(
        [this](const httplib::Request& req, const httplib::Response& res) { Log(req, res); });
  }

  httplib::Server& http() { return *http_; }
  // After binding: as many waiting connections as the server may serve at once.
  void SetBacklog() { set_backlog_(limits_.max_connections); }

  void SetErrorReply(std::function<void(httplib::Response&, int, const std::string&)> reply) {
    error_reply_ = std::move(reply);
  }

  void Get(const std::string& pattern, HttpHandler handler) {
    http_->Get(pattern, [pattern, handler = std::move(handler)](const httplib::Request& req,
                                                                httplib::Response& res) {
      HttpTrace& trace = Current().trace;
      trace.route = pattern;
      handler(req, res, trace);
    });
  }

  void Post(const std::string& pattern, HttpHandler handler) {
    http_->Post(pattern, [this, pattern, handler = std::move(handler)](
                             const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& content) {
      HttpTrace& trace = Current().trace;
      trace.route = pattern;
      std::string body;
      if (!ReadBody(res, content, body)) return;
      httplib::Request with_body = req;
      with_body.body = std::move(body);
      handler(with_body, res, trace);
    });
  }

  // Bodies nobody takes are read (within the limit) and dropped: 404.
  void RefuseOtherBodies() {
    auto refuse = [this](const httplib::Request&, httplib::Response& res,
                         const httplib::ContentReader& content) {
      std::string body;
      if (!ReadBody(res, content, body)) return;
      error_reply_(res, 404, "Deze pagina bestaat niet.");
    };
    http_->Post(".*", refuse);
    http_->Put(".*", refuse);
    http_->Patch(".*", refuse);
    http_->Delete(".*", refuse);
  }

 private:
  // Reads the request body into `body`. False after answering 413 (over max_body_bytes, with
  // or without Content-Length) or 400 (the body could not be read).
  bool ReadBody(httplib::Response& res, const httplib::ContentReader& content,
                std::string& body) const {
    const auto limit = static_cast<size_t>(limits_.max_body_bytes);
    size_t total = 0;
    const bool read = content([&](const char* data, size_t n) {
      total += n;
      if (total > limit) return total <= limit + kDrainBytes;  // read on, drop
      body.append(data, n);
      return true;
    });
    if (total > limit || res.status == 413) {
      if (!read) CloseAfterAnswer(res);
      Current().trace.error = absl::StrCat("request body over ", limit, " bytes");
      error_reply_(res, 413,
                   absl::StrCat("Het verzoek is te groot: de server neemt hoogstens ", limit / 1024,
                                " kB aan. Maak de invoer kleiner."));
      return false;
    }
    if (!read) {
      CloseAfterAnswer(res);
      Current().trace.error = "request body could not be read";
      error_reply_(res, 400, "Het verzoek kwam niet volledig aan; probeer het opnieuw.");
      return false;
    }
    return true;
  }

  void Log(const httplib::Request& req, const httplib::Response& res) {
    CurrentRequest& current = Current();
    const double seconds =
        current.started ? std::chrono::duration<double>(Clock::now() - current.start).count() : 0;
    HttpTrace& trace = current.trace;
    // Unrouted requests (404, unreadable requests) share one label: the path is the client's.
    const std::string route = trace.route.empty() ? "unmatched" : trace.route;
    if (metrics_) metrics_->Observe(name_, route, res.status, seconds);
    nlohmann::json line = {
        {"time", absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone())},
        {"server", name_},
        {"http_method", req.method},
        {"route", route},
        {"status", res.status},
        {"latency_ms", std::round(seconds * 1e6) / 1e3},
        {"actor", trace.actor},
        {"role", trace.role},
        {"request_id", trace.request_id},
    };
    // Never req.target: its query string may hold a token (agenda.ics?token=...).
    if (trace.route.empty()) line["path"] = req.path.substr(0, 200);
    if (!trace.municipality.empty()) line["municipality"] = trace.municipality;
    if (!trace.error.empty()) line["error"] = trace.error;
    // Like the call log: OK is info, a client's mistake warn, the server's trouble error.
    const spdlog::level::level_enum level = res.status < 400 ? spdlog::level::info
                                            : res.status >= 500 || res.status == 429
                                                ? spdlog::level::err
                                                : spdlog::level::warn;
    CallLogger()->log(level, line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    // httplib logs a request before its connection loop asks whether to close: keep that.
    const bool close_connection = current.close_connection;
    current = CurrentRequest();
    current.close_connection = close_connection;
  }

  const std::string name_;
  const HttpLimits limits_;
  std::function<void(httplib::Response&, int, const std::string&)> error_reply_;
  std::unique_ptr<HttpMetrics> metrics_;
  std::unique_ptr<httplib::Server> http_;
  std::function<void(int)> set_backlog_;
};

HttpService::HttpService(std::string name, const HttpLimits& limits,
                         const std::shared_ptr<prometheus::Registry>& metrics,
                         const std::string& tls_cert_file, const std::string& tls_key_file)
    : impl_(std::make_unique<Impl>(std::move(name), limits, metrics, tls_cert_file, tls_key_file)) {
}

HttpService::~HttpService() { Stop(); }

bool HttpService::valid() const { return impl_->http().is_valid(); }

void HttpService::SetDefaultHeaders(const std::multimap<std::string, std::string>& headers) {
  impl_->http().set_default_headers(httplib::Headers(headers.begin(), headers.end()));
}

void HttpService::SetErrorReply(
    std::function<void(httplib::Response&, int status, const std::string& dutch)> reply) {
  impl_->SetErrorReply(std::move(reply));
}

void HttpService::Get(const std::string& pattern, HttpHandler handler) {
  impl_->Get(pattern, std::move(handler));
}

void HttpService::Post(const std::string& pattern, HttpHandler handler) {
  impl_->Post(pattern, std::move(handler));
}

absl::StatusOr<int> HttpService::Listen(const std::string& host, int port) {
  httplib::Server& http = impl_->http();
  impl_->RefuseOtherBodies();  // after the routes: the first matching pattern serves
  const int bound =
      port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen for HTTP on ", host, ":", port));
  }
  impl_->SetBacklog();
  thread_ = std::thread([&http] { http.listen_after_bind(); });
  // httplib's stop() is lost on a server that is not listening yet: wait until it is.
  for (int i = 0; i < 5000 && !http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return bound;
}

void HttpService::Stop() {
  if (!impl_) return;
  impl_->http().stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace ozjt::platform
