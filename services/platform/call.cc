#include "services/platform/call.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/support/server_interceptor.h>
#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/platform/call_log.h"
#include "services/platform/csv.h"
#include "services/platform/grpc_status.h"
#include "services/platform/idempotency.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

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

// ---- the request's text ----

constexpr size_t kMaxTextViolations = 20;

void CheckText(const std::string& text, const std::string& field, FieldViolations& v) {
  if (v.violations().size() >= kMaxTextViolations) return;
  if (std::optional<FieldViolation> bad = ControlCharacterViolation(text, field)) {
    v.Add(bad->field, bad->description, bad->dutch);
  }
}

void CheckMessageText(const google::protobuf::Message& message, const std::string& prefix,
                      FieldViolations& v) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);  // the fields that are set, nested ones included
  for (const FieldDescriptor* f : fields) {
    if (v.violations().size() >= kMaxTextViolations) return;
    const std::string name = prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    const bool text = f->type() == FieldDescriptor::TYPE_STRING;  // bytes are not text
    const bool nested = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (!text && !nested) continue;
    std::string scratch;
    if (!f->is_repeated()) {
      if (text) {
        CheckText(reflection->GetStringReference(message, f, &scratch), name, v);
      } else {
        CheckMessageText(reflection->GetMessage(message, f), name, v);
      }
      continue;
    }
    const int n = reflection->FieldSize(message, f);
    for (int i = 0; i < n && v.violations().size() < kMaxTextViolations; ++i) {
      const std::string item = absl::StrCat(name, "[", i, "]");
      if (text) {
        CheckText(reflection->GetRepeatedStringReference(message, f, i, &scratch), item, v);
      } else {
        CheckMessageText(reflection->GetRepeatedMessage(message, f, i), item, v);
      }
    }
  }
}

// ---- the interceptor that hands Serve its request ----

// The request the interceptor last received on this thread, and the call it belongs to. The
// synchronous server deserializes a request, runs the interceptors and then the handler on one
// thread, so Serve finds its own request here; a call it does not recognise is not checked
// (Serve compares the context).
struct ReceivedRequest {
  const grpc::ServerContextBase* context = nullptr;
  const google::protobuf::Message* message = nullptr;
};
thread_local ReceivedRequest t_received;

class RequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit RequestInterceptor(grpc::experimental::ServerRpcInfo* info) : info_(info) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      void* message = methods->GetRecvMessage();
      if (message == nullptr) {
        unparsable_ = true;  // gRPC could not deserialize it
      } else {
        // Every ozjt method's request is a generated protobuf message (single inheritance
        // from google::protobuf::Message), passed here as that message's address.
        t_received = {info_->server_context(), static_cast<google::protobuf::Message*>(message)};
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      if (t_received.context == info_->server_context()) t_received = {};
      if (unparsable_ && methods->GetSendStatus().error_code() == grpc::StatusCode::INTERNAL) {
        // protobuf refuses a proto3 string that is not UTF-8 and gRPC then answers INTERNAL
        // with an empty message: it is the caller's mistake. Serve never ran: log it here.
        CallLogger()->warn(nlohmann::json{
            {"time", absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone())},
            {"method", info_->method()},
            {"code", "INVALID_ARGUMENT"},
            {"request_id", NewRequestId()},
            {"error", "the request is not a valid message (a text that is not UTF-8?)"}}
                               .dump());
        methods->ModifySendStatus(ToGrpcStatus(WithDutch(
            absl::InvalidArgumentError(
                "the request is not a valid message (is every text UTF-8?); nothing was done"),
            "Het verzoek kon niet worden gelezen: een tekst is geen geldige UTF-8 (bijvoorbeeld "
            "een bestand in een andere tekenset). Er is niets gewijzigd; sla de tekst op als "
            "UTF-8 en probeer het opnieuw.")));
      }
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  bool unparsable_ = false;
};

class RequestInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    // Only our own services: health and reflection pass raw or foreign messages.
    if (!absl::StartsWith(info->method(), "/ozjt.")) return nullptr;
    return new RequestInterceptor(info);  // gRPC owns and deletes it
  }
};

}  // namespace

absl::Status CheckRequestText(const google::protobuf::Message& request) {
  FieldViolations v;
  CheckMessageText(request, "", v);
  return v.ToStatus();
}

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
RequestInterceptorCreators() {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<RequestInterceptorFactory>());
  return creators;
}

MethodPolicy HeavyRead(MethodPolicy policy) {
  policy.call_class = CallClass::kHeavyRead;
  return policy;
}

// The places of one class of calls (CallBudgets): a call takes one for as long as it runs.
class Platform::Budget {
 public:
  Budget(const char* name, int limit) : name_(name), limit_(limit) {}

  // Takes a place, waiting at most `wait` for one; RESOURCE_EXHAUSTED when none came free.
  absl::Status Enter(std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!free_.wait_for(lock, wait, [&] { return in_use_ < limit_; })) {
      return WithDutch(
          absl::ResourceExhaustedError(absl::StrCat("too many ", name_, " calls at once (at most ",
                                                    limit_, "); try again shortly")),
          "De server is op dit moment te druk: er lopen al te veel verzoeken van deze soort. "
          "Probeer het over een paar seconden opnieuw.");
    }
    ++in_use_;
    return absl::OkStatus();
  }
  void Leave() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --in_use_;
    }
    free_.notify_one();
  }

 private:
  const char* name_;
  const int limit_;
  std::mutex mu_;
  std::condition_variable free_;
  int in_use_ = 0;
};

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
                   std::optional<absl::CivilDay> fixed_today, ModulesConfig modules,
                   CallBudgets budgets)
    : pool_(pool),
      verifier_(std::move(verifier)),
      fixed_today_(fixed_today),
      modules_(std::move(modules)),
      queue_wait_(budgets.queue_ms),
      reads_(std::make_unique<Budget>("read", budgets.reads)),
      heavy_reads_(std::make_unique<Budget>("heavy read", budgets.heavy_reads)),
      writes_(std::make_unique<Budget>("write", budgets.writes)) {
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
                     absl::StrCat("Dit is niet toegestaan voor uw rol (",
                                  DutchRoleName(info.caller.role), ")."));
  }
  return absl::OkStatus();
}

grpc::Status Platform::Serve(grpc::ServerContext* context, const MethodPolicy& policy,
                             const std::function<absl::Status(const RequestInfo&)>& fn) {
  return Answer(context, policy, policy.call_class,
                [&](const RequestInfo& info, bool&) { return fn(info); });
}

grpc::Status Platform::ServeWrite(grpc::ServerContext* context, const MethodPolicy& policy,
                                  const google::protobuf::Message& request,
                                  google::protobuf::Message* response,
                                  const std::function<absl::Status(const RequestInfo&)>& fn) {
  return Answer(context, policy, CallClass::kWrite, [&](const RequestInfo& info, bool& replayed) {
    const std::string key = IdempotencyKey(request);
    if (key.empty()) return fn(info);
    OZJT_RETURN_IF_ERROR(CheckIdempotencyKey(key));
    return ServeOnce(info, key, request, response, fn, replayed);
  });
}

absl::Status Platform::ServeOnce(const RequestInfo& info, const std::string& key,
                                 const google::protobuf::Message& request,
                                 google::protobuf::Message* response,
                                 const std::function<absl::Status(const RequestInfo&)>& fn,
                                 bool& replayed) {
  const std::string digest = RequestDigest(request);
  // The kept answer, when this key was used before: the same request gets the first answer.
  auto replay = [&](const KeptAnswer& kept) -> absl::Status {
    if (kept.method != info.method || kept.request_digest != digest) {
      return InvalidField(
          "request_id", "was used before for another request; nothing was changed",
          "Deze sleutel (request_id) is al gebruikt voor een ander verzoek; er is niets "
          "gewijzigd. Elk verzoek krijgt een eigen sleutel.");
    }
    response->Clear();
    if (!response->ParseFromString(kept.response)) {
      return absl::InternalError("a kept answer cannot be read");
    }
    replayed = true;
    return absl::OkStatus();
  };
  OZJT_ASSIGN_OR_RETURN(std::optional<KeptAnswer> kept,
                        FindAnswer(pool_, info.deadline, info.caller.subject, key));
  if (kept) return replay(*kept);

  bool twin = false;  // the same request, sent again before this one was answered, came first
  absl::Status status;
  {
    CallTransaction call(pool_, info.deadline);
    status = fn(info);
    if (!status.ok()) return status;  // nothing kept: the call rolls back whatever it wrote
    status = call.Commit([&](pqxx::work& tx) {
      try {
        KeepAnswer(tx, info.caller.subject, key,
                   {info.method, digest, response->SerializeAsString()});
      } catch (const pqxx::unique_violation&) {
        twin = true;
        return absl::AbortedError("the same request was answered meanwhile");
      }
      return absl::OkStatus();
    });
  }
  if (!twin) return status;
  OZJT_ASSIGN_OR_RETURN(kept, FindAnswer(pool_, info.deadline, info.caller.subject, key));
  if (!kept) return status;
  return replay(*kept);
}

grpc::Status Platform::Answer(
    grpc::ServerContext* context, const MethodPolicy& policy, CallClass call_class,
    const std::function<absl::Status(const RequestInfo&, bool& replayed)>& body) {
  const auto start = std::chrono::steady_clock::now();
  RequestInfo info;
  // The request the interceptor received for this call (none when the server runs without it).
  const google::protobuf::Message* request =
      t_received.context == context ? t_received.message : nullptr;
  absl::Status status = Authenticate(context, policy, info);
  // No control character reaches a service (or PostgreSQL, which refuses NUL in text).
  if (status.ok() && request != nullptr) status = CheckRequestText(*request);
  bool replayed = false;
  if (status.ok()) {
    Budget& budget = call_class == CallClass::kWrite       ? *writes_
                     : call_class == CallClass::kHeavyRead ? *heavy_reads_
                                                           : *reads_;
    status = budget.Enter(queue_wait_);
    if (status.ok()) {
      struct Place {
        Budget& budget;
        ~Place() { budget.Leave(); }
      } place{budget};
      status = body(info, replayed);
    }
  }
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
  if (replayed) line["replayed"] = true;  // answered from the kept answer of a first request
  if (!status.ok()) line["error"] = std::string(status.message());
  // A database error's own text (SQL, row data) is logged here and never sent.
  if (std::string detail = ServerDetailOf(status); !detail.empty()) line["detail"] = detail;
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
