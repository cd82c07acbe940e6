// The one place every RPC passes through: authentication, the method's role check, the
// per-call log line, metrics, and the status mapping. Handlers stay thin:
//
//   const MethodPolicy kGetProvider{"/ozjt.registry.v1.ProviderRegistry/GetProvider",
//                                   {Role::kOzjtContractManager, Role::kAuditor, ...}};
//   grpc::Status Handler::GetProvider(grpc::ServerContext* ctx, const Req* req, Provider* out) {
//     return platform_.Serve(ctx, kGetProvider, [&](const RequestInfo& r) -> absl::Status {
//       ... domain call, proto conversion ...
//     });
//   }
//
// A call without a valid token is UNAUTHENTICATED; a role not in the policy is
// PERMISSION_DENIED; both before any work is done.
#pragma once

#include <grpcpp/server_context.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/platform/auth.h"
#include "services/platform/config.h"
#include "services/platform/db.h"
#include "services/platform/request.h"

namespace prometheus {
class Registry;
}
namespace google::protobuf {
class Message;
}
namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace ozjt::platform {

// The classes of methods that each have a call budget (CallBudgets in config.h): a flood of
// one class (256 callers of the whole-country agenda) cannot take the threads and memory the
// others need. Changes are the methods served with ServeWrite; heavy reads are marked with
// HeavyRead where their policy is declared (answers of megabytes or work over everything).
enum class CallClass { kRead, kHeavyRead, kWrite };

// Which roles may call a method.
struct MethodPolicy {
  std::string method;  // full name: "/package.Service/Method"
  std::vector<Role> allowed;
  CallClass call_class = CallClass::kRead;  // ServeWrite makes it kWrite
  bool Allows(Role role) const;
};

// `policy` as a heavy read: ListAgenda, ExportProviders, the reports.
MethodPolicy HeavyRead(MethodPolicy policy);

// Shared state of one server: the pool, the token verifier and the metrics. One per process;
// every service handler keeps a reference.
class Platform {
 public:
  // `metrics` may be null (no metrics). `fixed_today` pins the day every request sees (demos
  // and tests); unset means today in Europe/Amsterdam.
  // `modules`: the modules' settings from the configuration.
  // `budgets`: how many calls of each class run at once (config.h).
  Platform(Pool& pool, TokenVerifier verifier, const std::shared_ptr<prometheus::Registry>& metrics,
           std::optional<absl::CivilDay> fixed_today = std::nullopt, ModulesConfig modules = {},
           CallBudgets budgets = {});
  ~Platform();

  Pool& pool() { return pool_; }
  // Today in Europe/Amsterdam, or the fixed day.
  absl::CivilDay Today() const;
  const TokenVerifier& verifier() const { return verifier_; }
  // The modules' settings (config.h), read once at start-up; each module takes its own part.
  const ModulesConfig& modules() const { return modules_; }

  // Authenticates the caller of `context`, checks `policy`, runs `fn`, and returns its result
  // as a grpc::Status; logs one line and counts the call whatever the outcome.
  grpc::Status Serve(grpc::ServerContext* context, const MethodPolicy& policy,
                     const std::function<absl::Status(const RequestInfo&)>& fn);

  // Serve for a method that creates or changes something, safe to retry (AIP-155): when
  // `request` carries a request_id, the change and its answer (`response` as `fn` filled it)
  // commit in one transaction (CallTransaction), and a request sent again with the same key by
  // the same caller is answered with the kept answer without running `fn`; a key used before
  // for another request is INVALID_ARGUMENT (request_id). Without a key it is Serve.
  grpc::Status ServeWrite(grpc::ServerContext* context, const MethodPolicy& policy,
                          const google::protobuf::Message& request,
                          google::protobuf::Message* response,
                          const std::function<absl::Status(const RequestInfo&)>& fn);

 private:
  class Metrics;
  class Budget;
  // What Serve and ServeWrite share: authenticates, checks the request's text, runs `body`,
  // maps its status for the client, logs one line and counts the call. `replayed` (set by
  // `body`) marks an answer given from the kept answers in the log line.
  grpc::Status Answer(grpc::ServerContext* context, const MethodPolicy& policy,
                      CallClass call_class,
                      const std::function<absl::Status(const RequestInfo&, bool& replayed)>& body);
  // ServeWrite's body for a request with the key `key`.
  absl::Status ServeOnce(const RequestInfo& info, const std::string& key,
                         const google::protobuf::Message& request,
                         google::protobuf::Message* response,
                         const std::function<absl::Status(const RequestInfo&)>& fn, bool& replayed);
  // Fills `info` (method, request id, deadline, and the caller once the token is valid);
  // UNAUTHENTICATED or PERMISSION_DENIED when the call may not proceed.
  absl::Status Authenticate(grpc::ServerContext* context, const MethodPolicy& policy,
                            RequestInfo& info);
  Pool& pool_;
  TokenVerifier verifier_;
  std::unique_ptr<Metrics> metrics_;
  std::optional<absl::CivilDay> fixed_today_;
  absl::TimeZone amsterdam_;
  ModulesConfig modules_;
  std::chrono::milliseconds queue_wait_;
  std::unique_ptr<Budget> reads_, heavy_reads_, writes_;
};

// INVALID_ARGUMENT naming each string field of `request` that holds a control character
// (csv.h FindControlCharacter: NUL, other C0 controls except tab and line breaks, DEL, C1),
// nested messages and repeated fields included ("line.description", "rows[3].note"), at most
// 20 of them; OK otherwise. Serve runs it on every request after authentication.
absl::Status CheckRequestText(const google::protobuf::Message& request);

// The interceptor the host installs on its gRPC server
// (builder.experimental().SetInterceptorCreators(RequestInterceptorCreators())): it hands
// Serve each request of an ozjt method (so that CheckRequestText sees every request in one
// place), and answers a request that cannot be parsed (a string that is not UTF-8) with
// INVALID_ARGUMENT instead of gRPC's bare INTERNAL.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
RequestInterceptorCreators();

}  // namespace ozjt::platform
