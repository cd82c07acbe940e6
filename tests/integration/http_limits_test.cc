// The HTTP ports under slow and idle clients, over-long bodies, and their trace: the web page
// and the host's port (/metrics, /agenda.ics) keep answering within a second while 200 idle
// and 200 slowloris connections are open; a chunked body over the limit gets 413; every
// request, refused ones included, leaves one log line (without the token) and is counted.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/call_log.h"
#include "services/platform/http_server.h"
#include "services/web/gateway.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

using nlohmann::json;
using platform::Role;
using Clock = std::chrono::steady_clock;

constexpr int kIdle = 200;
constexpr int kSlow = 200;

// The soft limit of open files raised to the hard one: 400 client and 400 server sockets.
void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// A blocking TCP connection to 127.0.0.1:port; -1 when it fails.
int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// Everything the server sends within `seconds`, until it closes the connection or `enough`
// says the answer so far is complete; and whether it closed.
std::pair<std::string, bool> Receive(int fd, int seconds,
                                     const std::function<bool(const std::string&)>& enough) {
  std::string answer;
  const auto until = Clock::now() + std::chrono::seconds(seconds);
  char buffer[4096];
  while (Clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return {answer, true};
    answer.append(buffer, static_cast<size_t>(n));
    if (enough(answer)) break;
  }
  return {answer, false};
}

// One answer: its status line, headers and (by Content-Length) body, or what came before the
// server closed or `seconds` passed.
std::string ReadAnswer(int fd, int seconds) {
  return Receive(fd, seconds,
                 [](const std::string& answer) {
                   const size_t end = answer.find("\r\n\r\n");
                   if (end == std::string::npos || answer.size() <= 12) return false;
                   const size_t length_at = answer.find("Content-Length: ");
                   if (length_at == std::string::npos || length_at > end) return false;
                   return answer.size() >= end + 4 + std::stoul(answer.substr(length_at + 16));
                 })
      .first;
}

// Everything the server sends on a kept-alive connection, and whether it closed it within
// `seconds`.
std::pair<std::string, bool> ReadUntilClosed(int fd, int seconds) {
  return Receive(fd, seconds, [](const std::string&) { return false; });
}

// How many answers (status lines) `answer` holds.
int AnswersIn(const std::string& answer) {
  int n = 0;
  for (size_t at = answer.find("HTTP/1.1 "); at != std::string::npos;
       at = answer.find("HTTP/1.1 ", at + 1)) {
    ++n;
  }
  return n;
}

// The status code of an HTTP answer ("HTTP/1.1 413 ..."), 0 when there is none.
int StatusOf(const std::string& answer) {
  if (!absl::StartsWith(answer, "HTTP/1.1 ") || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

// 200 connections that send nothing and 200 that send a request header one byte every half
// second (slowloris), to one port, for as long as the object lives.
class SlowClients {
 public:
  explicit SlowClients(int port) {
    for (int i = 0; i < kIdle; ++i) idle_.push_back(Connect(port));
    for (int i = 0; i < kSlow; ++i) {
      const int fd = Connect(port);
      if (fd >= 0) SendAll(fd, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      slow_.push_back(fd);
    }
    dripper_ = std::thread([this] {
      while (!stop_) {
        for (int fd : slow_) {
          if (fd >= 0) send(fd, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        }
        for (int i = 0; i < 5 && !stop_; ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
    });
  }
  ~SlowClients() {
    stop_ = true;
    dripper_.join();
    for (int fd : idle_) close(fd);
    for (int fd : slow_) close(fd);
  }
  int connected() const {
    int n = 0;
    for (int fd : idle_) n += fd >= 0 ? 1 : 0;
    for (int fd : slow_) n += fd >= 0 ? 1 : 0;
    return n;
  }

 private:
  std::vector<int> idle_;
  std::vector<int> slow_;
  std::atomic<bool> stop_{false};
  std::thread dripper_;
};

struct Timed {
  int status = 0;
  double seconds = 0;
};

// GET `path` on a new connection, waiting at most 3 s.
Timed Get(int port, const std::string& path) {
  httplib::Client http("127.0.0.1", port);
  http.set_connection_timeout(3, 0);
  http.set_read_timeout(3, 0);
  const auto start = Clock::now();
  auto res = http.Get(path.c_str());
  return {res ? res->status : 0, std::chrono::duration<double>(Clock::now() - start).count()};
}

// A gateway on the test server's services and a call log file of this process's own.
class HttpLimitsTest : public testing::ServerSuite {
 protected:
  static void SetUpTestSuite() {
    RaiseFileLimit();
    ServerSuite::SetUpTestSuite();
    web::WebConfig config;
    config.listen = "127.0.0.1:0";
    config.jwt_public_key_files = {testing::TempFile(server_->keys().public_pem, ".pub")};
    auto g = web::Gateway::Start(config, server_->Channel());
    ASSERT_TRUE(g.ok()) << g.status();
    gateway_ = g->release();
    web_port_ = std::stoi(gateway_->url().substr(gateway_->url().rfind(':') + 1));
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
    ServerSuite::TearDownTestSuite();
  }

  // The call log's lines that are HTTP requests to `route`, once there are at least `n` (the
  // server writes a request's line just after its answer: waits up to 10 s for them, as a loaded
  // machine may need).
  static std::vector<json> LogLines(const std::string& route, size_t n = 1) {
    std::vector<json> lines;
    for (int i = 0; i < 200; ++i) {
      lines = ReadLogLines(route);
      if (lines.size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return lines;
  }
  static std::vector<json> ReadLogLines(const std::string& route) {
    std::ifstream in(log_file_);
    std::vector<json> lines;
    for (std::string line; std::getline(in, line);) {
      json j = json::parse(line, nullptr, false);
      if (j.is_object() && j.value("route", "") == route) lines.push_back(j);
    }
    return lines;
  }

  // The value of one sample on the host's /metrics once it is at least `at_least` (requests
  // are counted just after their answer: waits up to 10 s), e.g.
  // ozjt_http_requests_total{route="/agenda.ics",server="host",status="401"}.
  static double Sample(const std::string& name, const std::string& labels, double at_least = 0) {
    double value = 0;
    for (int i = 0; i < 200; ++i) {
      value = ReadSample(name, labels);
      if (value >= at_least) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return value;
  }
  // The value of one sample on the host's /metrics (0 when absent).
  static double ReadSample(const std::string& name, const std::string& labels) {
    httplib::Client http("127.0.0.1", server_->http_port());
    auto res = http.Get("/metrics");
    if (!res) return -1;
    std::istringstream in(res->body);
    for (std::string line; std::getline(in, line);) {
      if (absl::StartsWith(line, name + "{") && absl::StrContains(line, labels)) {
        return std::stod(line.substr(line.rfind(' ') + 1));
      }
    }
    return 0;
  }

  static std::string log_file_;
  static web::Gateway* gateway_;
  static int web_port_;
};
// The call log of this process goes to a file of its own, set before main and so before any
// server starts (the first setting of a process counts).
std::string HttpLimitsTest::log_file_ = [] {
  std::string file = testing::TempFile("", ".log");
  platform::ConfigureCallLog(file, "info");
  return file;
}();
web::Gateway* HttpLimitsTest::gateway_ = nullptr;
int HttpLimitsTest::web_port_ = 0;

// Three requests over about two seconds, each answered within one, while the slow clients
// hold their connections.
void ExpectAnswersWithinASecond(int port, const std::string& path) {
  const auto opened = Clock::now();
  SlowClients slow(port);
  std::cout << "opened in " << std::chrono::duration<double>(Clock::now() - opened).count() << " s"
            << std::endl;
  ASSERT_EQ(slow.connected(), kIdle + kSlow);
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    const Timed t = Get(port, path);
    std::cout << path << " under " << kIdle << " idle + " << kSlow
              << " slow connections: " << t.status << " in " << t.seconds << " s" << std::endl;
    EXPECT_EQ(t.status, 200) << "request " << i;
    EXPECT_LT(t.seconds, 1.0) << "request " << i;
  }
}

TEST_F(HttpLimitsTest, WebPageAnswersWithinASecondUnderIdleAndSlowConnections) {
  ExpectAnswersWithinASecond(web_port_, "/");
}

TEST_F(HttpLimitsTest, MetricsAnswerWithinASecondUnderIdleAndSlowConnections) {
  ExpectAnswersWithinASecond(server_->http_port(), "/metrics");
}

// A POST with `body` sent in chunks of 64 KiB ("Transfer-Encoding: chunked"); the answer.
std::string PostChunked(int port, const std::string& path, const std::string& body) {
  const int fd = Connect(port);
  if (fd < 0) return "";
  std::string head =
      absl::StrCat("POST ", path,
                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
  bool ok = SendAll(fd, head);
  for (size_t at = 0; ok && at < body.size(); at += 65536) {
    const std::string chunk = body.substr(at, 65536);
    ok = SendAll(fd, absl::StrCat(absl::Hex(chunk.size()), "\r\n", chunk, "\r\n"));
  }
  if (ok) SendAll(fd, "0\r\n\r\n");
  std::string answer = ReadAnswer(fd, 10);
  close(fd);
  return answer;
}

TEST_F(HttpLimitsTest, ChunkedBodyOverTheLimitGets413) {
  // 2.5 MiB of JSON: a string in an object, over the 1 MiB limit.
  const std::string big = absl::StrCat(R"({"x":")", std::string(2621440, 'a'), R"("})");
  const std::string answer =
      PostChunked(web_port_, "/api/rpc/ozjt.contracts.v1.ContractService/ListAgenda", big);
  EXPECT_EQ(StatusOf(answer), 413) << answer.substr(0, 300);
  EXPECT_NE(answer.find("te groot"), std::string::npos) << answer.substr(0, 600);
}

TEST_F(HttpLimitsTest, UnreadableBodyClosesTheKeptAliveConnection) {
  // Broken chunk framing on a kept-alive connection, then what looks like a second request:
  // one answer, and the connection closed (the rest is never taken for a request).
  const int fd = Connect(web_port_);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd,
                      "POST /api/rpc/ozjt.contracts.v1.ContractService/ListAgenda HTTP/1.1\r\n"
                      "Host: 127.0.0.1\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n"
                      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  const auto [answer, closed] = ReadUntilClosed(fd, 5);
  close(fd);
  EXPECT_EQ(StatusOf(answer), 400) << answer.substr(0, 400);
  EXPECT_EQ(AnswersIn(answer), 1) << answer.substr(0, 800);
  EXPECT_TRUE(closed);
}

TEST_F(HttpLimitsTest, MultipartBodyIs415AndClosesTheConnection) {
  // httplib would parse multipart itself (past the limit and our readers, and throw): refused.
  const int fd = Connect(web_port_);
  ASSERT_GE(fd, 0);
  const std::string body =
      "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n";
  ASSERT_TRUE(SendAll(fd, absl::StrCat("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       "Content-Type: multipart/form-data; boundary=x\r\n"
                                       "Content-Length: ",
                                       body.size(), "\r\n\r\n", body)));
  const auto [answer, closed] = ReadUntilClosed(fd, 5);
  close(fd);
  EXPECT_EQ(StatusOf(answer), 415) << answer.substr(0, 400);
  EXPECT_EQ(answer.find("EXCEPTION_WHAT"), std::string::npos) << answer.substr(0, 400);
  EXPECT_TRUE(closed);
}

TEST_F(HttpLimitsTest, BodyWithContentLengthOverTheLimitGets413) {
  httplib::Client http("127.0.0.1", web_port_);
  auto res = http.Post("/api/rpc/ozjt.contracts.v1.ContractService/ListAgenda",
                       std::string(2621440, 'a'), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(HttpLimitsTest, SmallChunkedBodyStillReachesTheApi) {
  // No token: the API itself answers 401 in its JSON, so the body was read and routed.
  const std::string answer = PostChunked(web_port_, "/api/session", "{}");
  EXPECT_EQ(StatusOf(answer), 401) << answer;
  EXPECT_NE(answer.find("\"UNAUTHENTICATED\""), std::string::npos) << answer;
}

TEST_F(HttpLimitsTest, ChunkedBodyToAPathWithoutBodyIsNotKept) {
  // The host's port takes no bodies: a big chunked POST gets 413 (or 404), never a stall.
  const std::string answer =
      PostChunked(server_->http_port(), "/metrics", std::string(2621440, 'a'));
  EXPECT_TRUE(StatusOf(answer) == 413 || StatusOf(answer) == 404) << answer.substr(0, 300);
}

TEST_F(HttpLimitsTest, AgendaFeedRequestsAreLoggedAndCountedWithoutTheToken) {
  const std::string token =
      server_->Token(Role::kGemeenteContractManager, "0153", "feed.reader@enschede.nl");
  const double ok_before =
      Sample("ozjt_http_requests_total", R"(route="/agenda.ics",server="host",status="200")");
  const double refused_before =
      Sample("ozjt_http_requests_total", R"(route="/agenda.ics",server="host",status="401")");
  httplib::Client http("127.0.0.1", server_->http_port());
  auto feed = http.Get(("/agenda.ics?token=" + token).c_str());
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->status, 200);
  auto refused = http.Get("/agenda.ics?token=not-a-token");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);

  EXPECT_EQ(Sample("ozjt_http_requests_total", R"(route="/agenda.ics",server="host",status="200")",
                   ok_before + 1),
            ok_before + 1);
  EXPECT_EQ(Sample("ozjt_http_requests_total", R"(route="/agenda.ics",server="host",status="401")",
                   refused_before + 1),
            refused_before + 1);
  EXPECT_GE(Sample("ozjt_http_request_duration_seconds_count", R"(route="/agenda.ics")", 2), 2);

  const std::vector<json> lines = LogLines("/agenda.ics", 2);
  ASSERT_GE(lines.size(), 2u);
  bool served = false;
  bool denied = false;
  for (const json& line : lines) {
    const std::string text = line.dump();
    EXPECT_EQ(text.find(token), std::string::npos) << "the token is in the log: " << text;
    EXPECT_EQ(text.find("not-a-token"), std::string::npos) << text;
    EXPECT_EQ(line.value("http_method", ""), "GET") << text;
    EXPECT_TRUE(line.contains("latency_ms")) << text;
    EXPECT_FALSE(line.value("request_id", "").empty()) << text;
    if (line.value("status", 0) == 200) {
      served = true;
      EXPECT_EQ(line.value("actor", ""), "feed.reader@enschede.nl") << text;
      EXPECT_EQ(line.value("role", ""), "gemeente_contract_manager") << text;
      EXPECT_EQ(line.value("municipality", ""), "0153") << text;
    }
    if (line.value("status", 0) == 401) {
      denied = true;
      EXPECT_EQ(line.value("actor", ""), "") << text;
    }
  }
  EXPECT_TRUE(served);
  EXPECT_TRUE(denied);
}

TEST_F(HttpLimitsTest, WebApiRequestsAreLogged) {
  const std::string route = "/api/rpc/ozjt.contracts.v1.ContractService/ListContracts";
  const std::string token = server_->Token(Role::kOzjtContractManager, "", "manager@ozjt.nl");
  httplib::Client http("127.0.0.1", web_port_);
  auto ok =
      http.Post(route.c_str(), {{"Authorization", "Bearer " + token}}, "{}", "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_FALSE(ok->get_header_value("X-Request-Id").empty());
  auto anonymous = http.Post(route.c_str(), "{}", "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  auto page = http.Get("/");
  ASSERT_TRUE(page);

  std::vector<json> lines = LogLines(route, 2);
  ASSERT_EQ(lines.size(), 2u);
  // A line is written once its response is sent: the two may come in either order.
  if (lines[0].value("status", 0) != 200) std::swap(lines[0], lines[1]);
  EXPECT_EQ(lines[0].value("status", 0), 200) << lines[0];
  EXPECT_EQ(lines[0].value("server", ""), "web") << lines[0];
  EXPECT_EQ(lines[0].value("actor", ""), "manager@ozjt.nl") << lines[0];
  EXPECT_EQ(lines[0].value("request_id", ""), ok->get_header_value("X-Request-Id")) << lines[0];
  EXPECT_EQ(lines[0].dump().find(token), std::string::npos);
  EXPECT_EQ(lines[1].value("status", 0), 401) << lines[1];
  EXPECT_FALSE(LogLines("/").empty());
}

TEST_F(HttpLimitsTest, RefusedBodyIsLogged) {
  httplib::Client http("127.0.0.1", web_port_);
  auto res = http.Post("/api/session", std::string(2621440, 'a'), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  bool found = false;
  for (int i = 0; i < 200 && !found; ++i) {  // written just after the answer: up to 10 s
    for (const json& line : ReadLogLines("/api/session")) found |= line.value("status", 0) == 413;
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(found);
}

// A server of its own with small limits: one route, GET /, answering "ok".
class SmallLimitsTest : public ::testing::Test {
 protected:
  void Start(const platform::HttpLimits& limits) {
    http_ = std::make_unique<platform::HttpService>("test", limits, nullptr);
    http_->Get("/", [](const httplib::Request&, httplib::Response& res, platform::HttpTrace&) {
      res.set_content("ok", "text/plain");
    });
    auto port = http_->Listen("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
  }
  // Seconds until the server closes `fd` (reads whatever it sends), at most `limit`.
  static double SecondsUntilClosed(int fd, double limit) {
    const auto start = Clock::now();
    char buffer[512];
    while (std::chrono::duration<double>(Clock::now() - start).count() < limit) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, 50) > 0 && recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT) <= 0) break;
      send(fd, "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);  // a slow client's next byte
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::unique_ptr<platform::HttpService> http_;
  int port_ = 0;
};

TEST_F(SmallLimitsTest, SlowRequestIsCutOffAtTheReadTimeout) {
  platform::HttpLimits limits;
  limits.read_timeout_seconds = 1;
  Start(limits);
  const int fd = Connect(port_);
  ASSERT_TRUE(SendAll(fd, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
  // A byte every 0.2 s: every read is quick, the request never completes.
  const double seconds = SecondsUntilClosed(fd, 5);
  close(fd);
  EXPECT_GT(seconds, 0.8);
  EXPECT_LT(seconds, 3.0);  // 1 s and a margin for a busy machine
}

TEST_F(SmallLimitsTest, IdleConnectionIsClosedAfterTheKeepAliveTime) {
  platform::HttpLimits limits;
  limits.keep_alive_seconds = 1;
  Start(limits);
  const int fd = Connect(port_);
  const auto start = Clock::now();
  const std::string answer = ReadAnswer(fd, 5);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  close(fd);
  EXPECT_EQ(answer, "");
  EXPECT_GT(seconds, 0.8);
  EXPECT_LT(seconds, 3.0);  // 1 s and a margin for a busy machine
}

TEST_F(SmallLimitsTest, ConnectionsBeyondTheLimitWaitForAFreeOne) {
  platform::HttpLimits limits;
  limits.max_connections = 2;
  limits.keep_alive_seconds = 1;
  Start(limits);
  const int a = Connect(port_);
  const int b = Connect(port_);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // The third waits until an idle one is closed (after the keep-alive second), then answers.
  const Timed t = Get(port_, "/");
  close(a);
  close(b);
  EXPECT_EQ(t.status, 200);
  EXPECT_GT(t.seconds, 0.7);
  EXPECT_LT(t.seconds, 3.5);  // 1 s and a margin for a busy machine
}

TEST_F(SmallLimitsTest, StopClosesOpenConnectionsAtOnce) {
  platform::HttpLimits limits;
  limits.keep_alive_seconds = 60;
  limits.read_timeout_seconds = 60;
  Start(limits);
  const int idle = Connect(port_);
  const int slow = Connect(port_);
  ASSERT_TRUE(SendAll(slow, "GET / HTTP/1.1\r\n"));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto start = Clock::now();
  http_->Stop();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 1.0);
  close(idle);
  close(slow);
}

}  // namespace
}  // namespace ozjt
