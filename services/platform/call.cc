#include "services/platform/call.h"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/platform/grpc_status.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

struct CallLogSettings {
  std::string file;
  std::string level;
};
// Set once by ConfigureCallLog, before the logger is first made.
CallLogSettings& CallLogSetting() {
  static CallLogSettings settings;
  return settings;
}

// The call log: one JSON line per call on stderr, or, with a call log file (OZJT_CALL_LOG),
// every line appended to that file and only the server's own trouble (level error) on stderr
// too.
std::shared_ptr<spdlog::logger> CallLogger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    const CallLogSettings& settings = CallLogSetting();
    std::shared_ptr<spdlog::logger> l;
    if (!settings.file.empty()) {
      auto to_file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.file);
      auto to_stderr = std::make_shared<spdlog::sinks::stderr_sink_mt>();
      to_stderr->set_level(spdlog::level::err);
      l = std::make_shared<spdlog::logger>("ozjt-calls",
                                           spdlog::sinks_init_list{to_file, to_stderr});
      l->flush_on(spdlog::level::info);
    } else {
      l = spdlog::stderr_logger_mt("ozjt-calls");
    }
    l->set_pattern("%v");
    // Validated at start-up (config.cc); "warn" and "error" are spdlog's names too.
    if (!settings.level.empty()) l->set_level(spdlog::level::from_str(settings.level));
    return l;
  }();
  return logger;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return absl::StrCat(absl::Hex(rng(), absl::kZeroPad16));
}

// A client-supplied request id is kept when it is short and printable.
bool UsableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
           c == ':';
  });
}

std::string CodeName(grpc::StatusCode code) {
  // gRPC and absl share the canonical codes and their names ("INVALID_ARGUMENT").
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

}  // namespace

void ConfigureCallLog(const std::string& file, const std::string& level) {
  static std::once_flag once;
  std::call_once(once, [&] { CallLogSetting() = {file, level}; });
}

bool MethodPolicy::Allows(Role role) const {
  return std::find(allowed.begin(), allowed.end(), role) != allowed.end();
}

class Platform::Metrics {
 public:
  explicit Metrics(prometheus::Registry& registry)
      : calls_(prometheus::BuildCounter()
                   .Name("ozjt_grpc_calls_total")
                   .Help("RPCs served, by method and status code")
                   .Register(registry)),
        errors_(prometheus::BuildCounter()
                    .Name("ozjt_grpc_errors_total")
                    .Help("RPCs that did not end OK, by method")
                    .Register(registry)),
        latency_(prometheus::BuildHistogram()
                     .Name("ozjt_grpc_call_duration_seconds")
                     .Help("RPC latency in the server, by method")
                     .Register(registry)) {}

  void Observe(const std::string& method, grpc::StatusCode code, double seconds) {
    calls_.Add({{"method", method}, {"code", CodeName(code)}}).Increment();
    if (code != grpc::StatusCode::OK) errors_.Add({{"method", method}}).Increment();
    latency_
        .Add({{"method", method}},
             prometheus::Histogram::BucketBoundaries{0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01,
                                                     0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5})
        .Observe(seconds);
  }

 private:
  prometheus::Family<prometheus::Counter>& calls_;
  prometheus::Family<prometheus::Counter>& errors_;
  prometheus::Family<prometheus::Histogram>& latency_;
};

Platform::Platform(Pool& pool, TokenVerifier verifier,
                   const std::shared_ptr<prometheus::Registry>& metrics,
                   std::optional<absl::CivilDay> fixed_today, ModulesConfig modules)
    : pool_(pool),
      verifier_(std::move(verifier)),
      fixed_today_(fixed_today),
      modules_(std::move(modules)) {
  if (metrics) metrics_ = std::make_unique<Metrics>(*metrics);
  // Contract days are Dutch days. Without tzdata the fixed offset of CET is the fallback.
  if (!absl::LoadTimeZone("Europe/Amsterdam", &amsterdam_)) {
    amsterdam_ = absl::FixedTimeZone(3600);
  }
}

absl::CivilDay Platform::Today() const {
  if (fixed_today_) return *fixed_today_;
  return absl::ToCivilDay(absl::Now(), amsterdam_);
}

Platform::~Platform() = default;

absl::Status Platform::Authenticate(grpc::ServerContext* context, const MethodPolicy& policy,
                                    RequestInfo& info) {
  info.method = policy.method;
  const auto& metadata = context->client_metadata();
  auto rid = metadata.find("x-request-id");
  info.request_id =
      rid != metadata.end() && UsableRequestId({rid->second.data(), rid->second.size()})
          ? std::string(rid->second.data(), rid->second.size())
          : NewRequestId();
  info.today = Today();
  info.deadline = context->deadline();
  if (info.deadline >= std::chrono::system_clock::now() + std::chrono::hours(24 * 365)) {
    info.deadline = NoDeadline();
  }
  auto auth = metadata.find("authorization");
  if (auth == metadata.end()) {
    return WithDutch(absl::UnauthenticatedError("missing bearer token"),
                     "U bent niet ingelogd: er is geen token meegestuurd (zet OZJT_TOKEN).");
  }
  absl::string_view value(auth->second.data(), auth->second.size());
  if (!absl::StartsWithIgnoreCase(value, "Bearer ")) {
    return WithDutch(absl::UnauthenticatedError("authorization must be 'Bearer <token>'"),
                     "Het token is niet als 'Bearer <token>' meegestuurd.");
  }
  value.remove_prefix(7);
  absl::StatusOr<Caller> caller = verifier_.Verify(value, std::chrono::system_clock::now());
  if (!caller.ok()) return caller.status();
  info.caller = *std::move(caller);
  if (!policy.Allows(info.caller.role)) {
    return WithDutch(absl::PermissionDeniedError(absl::StrCat("role ", RoleName(info.caller.role),
                                                              " may not call ", policy.method)),
                     absl::StrCat("Uw rol (", RoleName(info.caller.role),
                                  ") mag deze handeling niet uitvoeren."));
  }
  return absl::OkStatus();
}

grpc::Status Platform::Serve(grpc::ServerContext* context, const MethodPolicy& policy,
                             const std::function<absl::Status(const RequestInfo&)>& fn) {
  const auto start = std::chrono::steady_clock::now();
  RequestInfo info;
  absl::Status status = Authenticate(context, policy, info);
  if (status.ok()) status = fn(info);
  const std::string& request_id = info.request_id;
  const bool known = !info.caller.subject.empty();  // the token was valid
  std::string client_message(status.message());
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    // Internal details (SQL, stack state) stay in the log; the client gets the request id.
    client_message = absl::StrCat("internal error; request id ", request_id);
  }
  absl::Status client_status(status.code(), client_message);
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    client_status.SetPayload(url, payload);
  });
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    client_status =
        WithDutch(client_status, absl::StrCat("Er ging iets mis op de server. Noem ", "verzoek-id ",
                                              request_id, " als u dit meldt bij de beheerder."));
  }
  grpc::Status result = ToGrpcStatus(client_status);
  context->AddTrailingMetadata("x-request-id", request_id);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (metrics_) metrics_->Observe(policy.method, result.error_code(), seconds);
  nlohmann::json line = {
      {"time", absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone())},
      {"method", policy.method},
      {"code", CodeName(result.error_code())},
      {"latency_ms", std::round(seconds * 1e6) / 1e3},
      {"actor", info.caller.subject},
      {"role", known ? std::string(RoleName(info.caller.role)) : ""},
      {"request_id", request_id},
  };
  if (known && info.caller.IsMunicipal()) line["municipality"] = info.caller.municipality_code;
  if (!status.ok()) line["error"] = std::string(status.message());
  // OK is info; a caller's mistake (bad input, not found, denied) is warn; the server's own
  // trouble (unavailable, internal, overload, deadline) is error. OZJT_LOG_LEVEL filters.
  const grpc::StatusCode code = result.error_code();
  const bool server_side =
      code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNAVAILABLE ||
      code == grpc::StatusCode::UNKNOWN || code == grpc::StatusCode::DATA_LOSS ||
      code == grpc::StatusCode::RESOURCE_EXHAUSTED || code == grpc::StatusCode::DEADLINE_EXCEEDED;
  CallLogger()->log(code == grpc::StatusCode::OK ? spdlog::level::info
                    : server_side                ? spdlog::level::err
                                                 : spdlog::level::warn,
                    line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return result;
}

}  // namespace ozjt::platform
