#include "services/platform/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <httplib.h>
#include <malloc.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "services/platform/audit.h"
#include "services/platform/call_log.h"
#include "services/platform/http_server.h"
#include "services/platform/idempotency.h"
#include "services/platform/migrations.h"
#include "services/platform/page_token.h"
#include "services/platform/status.h"
#include "services/platform/versioned_cache.h"

namespace ozjt::platform {
namespace {

// Largest request accepted (a 16 MiB CSV import plus framing); larger is RESOURCE_EXHAUSTED.
constexpr int kMaxMessageBytes = 17 * 1024 * 1024;
// Threads gRPC keeps waiting for calls (Host::StartGrpc).
constexpr int kIdlePollers = 16;

// The modules named in config.services (all of `available` when none is named).
absl::StatusOr<std::vector<const ModuleEntry*>> SelectModules(
    const ServerConfig& config, const std::vector<ModuleEntry>& available) {
  std::vector<const ModuleEntry*> selected;
  if (config.services.empty()) {
    for (const auto& m : available) selected.push_back(&m);
  } else {
    for (const auto& name : config.services) {
      auto it = std::find_if(available.begin(), available.end(),
                             [&](const ModuleEntry& m) { return m.name == name; });
      if (it == available.end()) {
        std::vector<std::string> names;
        names.reserve(available.size());
        for (const auto& m : available) names.push_back(m.name);
        return absl::InvalidArgumentError(absl::StrCat(
            "unknown service '", name, "'; this binary serves: ", absl::StrJoin(names, ", ")));
      }
      selected.push_back(&*it);
    }
  }
  return selected;
}

// TLS with the configured certificate and key, or plaintext when none is configured.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerConfig& config) {
  if (config.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  auto cert = ReadSettingFile(config.tls_cert_file);
  if (!cert.ok()) return cert.status();
  auto key = ReadSettingFile(config.tls_key_file);
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(ssl);
}

// The verifier of the callers' JWTs; an unreadable key is bad configuration (INVALID_ARGUMENT).
absl::StatusOr<TokenVerifier> VerifierFor(const ServerConfig& config) {
  TokenPolicy policy;
  policy.issuer = config.jwt_issuer;
  policy.audience = config.jwt_audience;
  absl::StatusOr<TokenVerifier> verifier =
      TokenVerifier::FromPemFiles(config.jwt_public_key_files, policy);
  if (!verifier.ok()) return absl::InvalidArgumentError(verifier.status().message());
  return verifier;
}

// Seals page tokens with the configured keys, or warns that a random secret of this process
// does (development only).
absl::Status UsePageTokenKeys(const ServerConfig& config) {
  if (!config.page_token_key_files.empty()) {
    absl::StatusOr<PageTokenKeys> page_keys = PageTokenKeys::FromFiles(config.page_token_key_files);
    if (!page_keys.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("OZJT_PAGE_TOKEN_KEYS: ", page_keys.status().message()));
    }
    SetPageTokenKeys(*std::move(page_keys));
  } else {
    std::cerr << nlohmann::json{{"event", "page_token_keys"},
                                {"warning",
                                 "OZJT_PAGE_TOKEN_KEYS is not set: page tokens are sealed with a "
                                 "random secret of this process, so they do not survive a "
                                 "restart and other replicas cannot read them (development "
                                 "only)"}}
                     .dump()
              << std::endl;
  }
  return absl::OkStatus();
}

PoolOptions PoolOptionsFor(const ServerConfig& config) {
  PoolOptions pool_options;
  pool_options.conninfo = config.database_url;
  pool_options.size = config.db_pool_size;
  pool_options.acquire_timeout = std::chrono::milliseconds(config.db_pool_wait_ms);
  pool_options.role = config.db_role;
  return pool_options;
}

// The modules' settings. A configuration built by hand (tests) leaves them to the environment.
absl::StatusOr<ModulesConfig> ModulesFor(const ServerConfig& config) {
  return config.modules ? absl::StatusOr<ModulesConfig>(*config.modules)
                        : ModulesConfigFromEnvironment();
}

}  // namespace

absl::StatusOr<std::unique_ptr<Host>> Host::Start(const ServerConfig& config,
                                                  const std::vector<ModuleEntry>& available) {
  OZJT_ASSIGN_OR_RETURN(const std::vector<const ModuleEntry*> selected,
                        SelectModules(config, available));
  // Debian's Abseil is built with its debug checks: every absl::Mutex (gRPC makes several per
  // call) would be registered in a lock-order graph for deadlock detection (2-3% of a read).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);

  absl::StatusOr<TokenVerifier> verifier = VerifierFor(config);
  if (!verifier.ok()) return verifier.status();
  OZJT_RETURN_IF_ERROR(UsePageTokenKeys(config));

  if (config.migrate) {
    if (absl::Status s = ApplyMigrations(config.database_url); !s.ok()) return s;
  }

  std::unique_ptr<Host> host(new Host());
  host->pool_ = std::make_unique<Pool>(PoolOptionsFor(config));
  host->pool_->AddStatements(AuditStatements());
  host->pool_->AddStatements(IdempotencyStatements());
  host->idempotency_hours_ = config.idempotency_hours;

  if (!config.http_listen.empty()) {
    host->metrics_registry_ = std::make_shared<prometheus::Registry>();
  }
  ConfigureCallLog(config.call_log_file, config.log_level);
  absl::StatusOr<ModulesConfig> modules = ModulesFor(config);
  if (!modules.ok()) return modules.status();
  host->platform_ =
      std::make_unique<Platform>(*host->pool_, *std::move(verifier), host->metrics_registry_,
                                 config.fixed_today, *std::move(modules), config.call_budgets);

  OZJT_RETURN_IF_ERROR(host->StartGrpc(config, selected));
  if (!config.http_listen.empty()) {
    if (absl::Status s = host->StartHttp(config.http_listen, config.http_limits); !s.ok()) {
      return s;
    }
  }
  host->CheckDatabase();
  host->watcher_ = std::thread([h = host.get()] { h->WatchDatabase(); });
  host->chainer_ = std::thread([h = host.get()] { h->RunAuditChainer(); });
  return host;
}

absl::Status Host::StartGrpc(const ServerConfig& config,
                             const std::vector<const ModuleEntry*>& selected) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  OZJT_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> credentials, Credentials(config));
  builder.AddListeningPort(config.listen, credentials, &port_);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  builder.SetMaxSendMessageSize(kMaxMessageBytes);
  // At most one gRPC thread per call the budgets admit, and a few for refusing the rest and for
  // health checks: beyond it calls wait in gRPC's queue instead of each taking a thread.
  grpc::ResourceQuota quota("ozjt-host");
  quota.SetMaxThreads(MaxGrpcThreads(config.call_budgets));
  builder.SetResourceQuota(quota);
  // Keep up to kIdlePollers threads waiting for calls: with gRPC's default of 2, a call that
  // waits on PostgreSQL makes gRPC start a thread for the next call and end it afterwards, and
  // that thread churn cost a third of a read's time (issue 21). Idle pollers count against the
  // thread limit above like any other gRPC thread.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              std::min(kIdlePollers, MaxGrpcThreads(config.call_budgets)));
  // Hands Serve every request, so the text check runs in one place (call.h).
  builder.experimental().SetInterceptorCreators(RequestInterceptorCreators());
  for (const ModuleEntry* entry : selected) {
    absl::StatusOr<std::unique_ptr<ServiceModule>> module = entry->make(*platform_);
    if (!module.ok()) return module.status();
    modules_.push_back(*std::move(module));
    for (const auto& reg : modules_.back()->GrpcServices()) {
      builder.RegisterService(reg.service);
      service_names_.push_back(reg.full_name);
    }
  }
  server_ = builder.BuildAndStart();
  if (!server_ || port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", config.listen));
  }
  return absl::OkStatus();
}

void Host::CheckDatabase() {
  // Health follows the database: NOT_SERVING while it cannot be reached.
  absl::Status ping = pool_->Ping();
  const bool serving = ping.code() != absl::StatusCode::kUnavailable;
  if (health_known_ && serving == serving_) return;
  auto* health = server_->GetHealthCheckService();
  health->SetServingStatus(serving);
  for (const auto& name : service_names_) health->SetServingStatus(name, serving);
  if (health_known_) {
    std::cerr << nlohmann::json{{"event", serving ? "database_up" : "database_down"},
                                {"detail", std::string(ping.message())}}
                     .dump()
              << std::endl;
  }
  serving_ = serving;
  health_known_ = true;
}

void Host::ForgetOldAnswers() {
  absl::StatusOr<int> forgotten = ForgetAnswersOlderThan(*pool_, idempotency_hours_);
  if (!forgotten.ok()) {
    std::cerr << nlohmann::json{{"event", "forget_answers_failed"},
                                {"detail", std::string(forgotten.status().message())}}
                     .dump()
              << std::endl;
  }
}

void Host::WatchDatabase() {
  constexpr int kTicksBetweenForgetting = 300;  // of 2 s: 10 minutes
  constexpr auto kCacheIdle = std::chrono::seconds(4);
  std::unique_lock<std::mutex> lock(watch_mu_);
  for (int tick = 0; !watch_cv_.wait_for(lock, std::chrono::seconds(2), [&] { return stopping_; });
       ++tick) {
    lock.unlock();
    CheckDatabase();
    if (tick % kTicksBetweenForgetting == 0) ForgetOldAnswers();
    // Give the memory of a peak (large answers, many threads, the agenda's parsed rows) back
    // to the system: glibc keeps freed memory in its arenas otherwise.
    ForgetIdleCaches(kCacheIdle);
    malloc_trim(0);
    lock.lock();
  }
}

void Host::ChainAudit() noexcept {
  try {
    absl::StatusOr<int64_t> chained =
        ChainCommittedAudit(*pool_, std::chrono::system_clock::now() + std::chrono::seconds(5));
    if (chained.ok() == !chaining_failed_) return;
    chaining_failed_ = !chained.ok();
    nlohmann::json line{
        {"event", chained.ok() ? "audit_chaining_resumed" : "audit_chaining_failed"}};
    if (!chained.ok()) line["detail"] = std::string(chained.status().message());
    std::cerr << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
  } catch (const std::exception& e) {
    // Only memory or the log stream can fail here; the next pass tries again.
    chaining_failed_ = true;
  }
}

void Host::RunAuditChainer() {
  std::unique_lock<std::mutex> lock(watch_mu_);
  while (!watch_cv_.wait_for(lock, kAuditChainInterval, [&] { return stopping_; })) {
    lock.unlock();
    ChainAudit();
    lock.lock();
  }
}

absl::Status Host::StartHttp(const std::string& listen, const HttpLimits& limits) {
  const size_t colon = listen.rfind(':');
  int port = -1;
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &port) ||
      port < 0) {
    return absl::InvalidArgumentError(absl::StrCat("HTTP address '", listen, "' is not host:port"));
  }
  http_ = std::make_unique<HttpService>("host", limits, metrics_registry_);
  auto registry = metrics_registry_;
  http_->Get("/metrics", [registry](const httplib::Request&, httplib::Response& res, HttpTrace&) {
    prometheus::TextSerializer serializer;
    res.set_content(serializer.Serialize(registry->Collect()), "text/plain; version=0.0.4");
  });
  for (auto& module : modules_) {
    for (HttpRoute& route : module->HttpRoutes()) {
      http_->Get(route.path,
                 [this, handle = std::move(route.handle)](
                     const httplib::Request& req, httplib::Response& res, HttpTrace& trace) {
                   HttpRequest request;
                   request.path = req.path;
                   for (const auto& [k, v] : req.params) request.params[k] = v;
                   request.authorization = req.get_header_value("Authorization");
                   request.request_id = trace.request_id;
                   TraceCaller(request, trace);
                   HttpResponse response = handle(request);
                   res.status = response.status;
                   res.set_content(response.body, response.content_type.c_str());
                 });
    }
  }
  OZJT_ASSIGN_OR_RETURN(http_port_, http_->Listen(listen.substr(0, colon), port));
  return absl::OkStatus();
}

void Host::TraceCaller(const HttpRequest& request, HttpTrace& trace) const {
  std::string token;
  if (absl::StartsWithIgnoreCase(request.authorization, "Bearer ")) {
    token = request.authorization.substr(7);
  } else if (auto it = request.params.find("token"); it != request.params.end()) {
    token = it->second;
  }
  if (token.empty()) return;
  absl::StatusOr<Caller> caller =
      platform_->verifier().Verify(token, std::chrono::system_clock::now());
  if (!caller.ok()) {
    trace.error = std::string(caller.status().message());
    return;
  }
  trace.actor = caller->subject;
  trace.role = std::string(RoleName(caller->role));
  if (caller->IsMunicipal()) trace.municipality = caller->municipality_code;
}

void Host::Shutdown(std::chrono::milliseconds grace) {
  {
    std::lock_guard<std::mutex> lock(watch_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  watch_cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
  const bool started = chainer_.joinable();  // false when Start failed
  if (started) chainer_.join();
  if (http_) http_->Stop();
  if (server_) {
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(std::chrono::system_clock::now() + grace);
    server_->Wait();
  }
  if (started) ChainAudit();  // what the last calls wrote
}

Host::~Host() { Shutdown(std::chrono::milliseconds(0)); }

std::shared_ptr<grpc::Channel> Host::InProcessChannel() {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxMessageBytes);
  return server_->InProcessChannel(args);
}

int ServerMain(int argc, char** argv, const std::vector<ModuleEntry>& available,
               const std::string& description, const CompanionStart& companion) {
  // At most 4 malloc arenas (glibc's default is 8 per core, one per busy gRPC thread): the
  // benchmark's peak RSS under 16 concurrent national JZ+ reports fell from 205 to 161 MiB, at
  // the same throughput. MALLOC_ARENA_MAX in the environment still wins.
  if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 4);
  CLI::App app(description);
  std::string listen;
  std::string services;
  app.add_option("--listen", listen, "gRPC address (overrides OZJT_LISTEN)");
  app.add_option("--services", services,
                 "comma-separated services to serve (overrides OZJT_SERVICES)");
  CLI11_PARSE(app, argc, argv);

  absl::StatusOr<ServerConfig> config = ConfigFromEnvironment();
  if (!config.ok()) {
    std::cerr << config.status().message() << std::endl;
    return 2;
  }
  if (!listen.empty()) config->listen = listen;
  if (!services.empty()) config->services = absl::StrSplit(services, ',', absl::SkipWhitespace());

  // Block the stop signals in every thread; the main thread waits for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  absl::StatusOr<std::unique_ptr<Host>> host = Host::Start(*config, available);
  if (!host.ok()) {
    std::cerr << "cannot start: " << host.status().message() << std::endl;
    return host.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  std::unique_ptr<Companion> started;
  if (companion) {
    absl::StatusOr<std::unique_ptr<Companion>> c = companion(*config, **host);
    if (!c.ok()) {
      std::cerr << "cannot start: " << c.status().message() << std::endl;
      (*host)->Shutdown(std::chrono::seconds(0));
      return c.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
    }
    started = std::move(*c);
  }
  nlohmann::json serving = {{"event", "serving"},
                            {"port", (*host)->port()},
                            {"http_port", (*host)->http_port()},
                            {"tls", !config->tls_cert_file.empty()},
                            {"services", (*host)->service_names()}};
  if (started) {
    for (const auto& [key, value] : started->Describe()) serving[key] = value;
  }
  std::cout << serving.dump() << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << nlohmann::json{{"event", "stopping"}, {"signal", signal_number}}.dump() << std::endl;
  if (started) started->Stop();
  (*host)->Shutdown(std::chrono::seconds(10));
  return 0;
}

}  // namespace ozjt::platform
