#include "services/web/gateway.h"

#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ozjt/accountregion/v1/accountregion.pb.h"
#include "ozjt/audit/v1/audit.pb.h"
#include "ozjt/contracts/v1/contracts.pb.h"
#include "ozjt/insight/v1/insight.pb.h"
#include "ozjt/jzplus/v1/jzplus.pb.h"
#include "ozjt/registry/v1/registry.pb.h"
#include "ozjt/screening/v1/screening.pb.h"
#include "ozjt/supervision/v1/supervision.pb.h"
#include "services/platform/http_server.h"
#include "services/platform/status.h"
#include "services/web/static_files.h"

namespace ozjt::web {
namespace {

using google::protobuf::FileDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;
using nlohmann::json;

constexpr auto kCallDeadline = std::chrono::seconds(10);

std::string Env(const char* name, std::string fallback = "") {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : std::move(fallback);
}

// The RPCs the page uses, per service; nothing else passes the gateway.
struct Allowed {
  const FileDescriptor* file;
  const char* service;
  std::vector<const char*> methods;
};
std::vector<Allowed> AllowedMethods() {
  return {
      {ozjt::registry::v1::Provider::descriptor()->file(),
       "ProviderRegistry",
       {"GetProvider", "ListProviders", "UpdateProvider", "ListProviderHistory", "ImportProviders",
        "ExportProviders"}},
      {ozjt::registry::v1::Provider::descriptor()->file(),
       "ReferenceData",
       {"ListMunicipalities", "ListRegions"}},
      {ozjt::contracts::v1::Contract::descriptor()->file(),
       "ContractService",
       {"GetContract", "ListContracts", "ListAgenda", "CreateContractNote", "ListContractNotes",
        "UpdateContract", "ListContractHistory", "ExerciseOption", "DecideOption",
        "GetContractLetter", "RecordLetterSent", "ListLetterDispatches", "ListLegalSteps",
        "CreateLegalStep"}},
      {ozjt::contracts::v1::Contract::descriptor()->file(),
       "TariffService",
       {"ListTariffLines", "CreateTariffLine", "ListIndexFigures", "CreateIndexFigure",
        "PreviewIndexation", "ApplyIndexation"}},
      {ozjt::contracts::v1::Contract::descriptor()->file(),
       "VervoerService",
       {"RecordKpiMeasurement", "ListKpiMeasurements", "ListKpiBreaches", "ListKpiDefinitions",
        "SetKpiDefinition"}},
      {ozjt::accountregion::v1::ContinuityCase::descriptor()->file(),
       "AccountRegionService",
       {"ListCases", "ListEarlyWarnings", "ListPortfolio", "OpenCase", "MoveCaseStep",
        "UpdateCase"}},
      {ozjt::screening::v1::OutcomeSummary::descriptor()->file(),
       "ScreeningService",
       {"ListOutcomes", "ListFrameworks", "CreateCase", "GetCase", "ListCases", "RequestEvidence",
        "SaveChecklist", "ReferToBibob", "RecordBibobAdvice", "RecordHearing", "DecideCase"}},
      {ozjt::supervision::v1::Investigation::descriptor()->file(),
       "SupervisionService",
       {"RequestInvestigation", "ListInvestigations", "GetProviderSummary", "GetInvestigation",
        "CreateInvestigation", "UpdateInvestigationStatus", "CreateFinding", "CreatePlan",
        "CompleteAction", "ClosePlan", "ListEscalations", "GetPeriodReport"}},
      {ozjt::jzplus::v1::InflowChart::descriptor()->file(),
       "InflowService",
       {"GetInflowChart", "GetInflowReport"}},
      {ozjt::insight::v1::QuarterFigures::descriptor()->file(),
       "InsightService",
       {"GetQuarterFigures", "SetSpendingCeiling", "RecordCeilingStep", "ListSpendingCeilings",
        "GetReport"}},
      {ozjt::audit::v1::AuditRecord::descriptor()->file(),
       "AuditLog",
       {"ListAuditRecords", "VerifyAuditChain"}},
  };
}

// google/rpc/code.proto's HTTP mapping.
int HttpStatus(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    default:
      return 500;
  }
}

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

void Reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

// {"code", "message", "fields": [{"field", "description"}]}: what the page shows, the fields
// next to their inputs. The message is the Dutch google.rpc.LocalizedMessage (nl-NL) the
// service sent, else the gateway's own Dutch (`dutch`), else a Dutch sentence for the code; the
// field descriptions are the google.rpc.BadRequest ones (Dutch). The English status message is
// for logs and operators and is never passed to the page.
json ErrorBody(grpc::StatusCode code, const std::string& dutch, const std::string& details = "") {
  json fields = json::array();
  std::string message = dutch;
  google::rpc::Status status;
  if (!details.empty() && status.ParseFromString(details)) {
    for (const auto& any : status.details()) {
      google::rpc::BadRequest bad;
      google::rpc::LocalizedMessage localized;
      if (any.UnpackTo(&bad)) {
        for (const auto& v : bad.field_violations()) {
          fields.push_back({{"field", v.field()}, {"description", ForThePage(v.description())}});
        }
      } else if (any.UnpackTo(&localized) && localized.locale() == "nl-NL" &&
                 !localized.message().empty()) {
        message = localized.message();
      }
    }
  }
  if (message.empty()) message = platform::DutchForCode(static_cast<absl::StatusCode>(code));
  return {{"code", CodeName(code)}, {"message", ForThePage(message)}, {"fields", fields}};
}

// An error of the gateway itself, in Dutch (the message the page shows).
void ReplyError(httplib::Response& res, grpc::StatusCode code, const std::string& dutch) {
  Reply(res, HttpStatus(code), ErrorBody(code, dutch));
}

// A service's error as the service sent it: its Dutch message and field errors.
void ReplyStatus(httplib::Response& res, const grpc::Status& status) {
  Reply(res, HttpStatus(status.error_code()),
        ErrorBody(status.error_code(), "", status.error_details()));
}

// A 400 naming one field of the gateway's own requests (dev login), in Dutch.
void ReplyFieldError(httplib::Response& res, const std::string& field, const std::string& dutch) {
  json body = ErrorBody(grpc::StatusCode::INVALID_ARGUMENT, dutch);
  body["fields"].push_back({{"field", field}, {"description", dutch}});
  Reply(res, 400, body);
}

std::string ContentType(const std::string& path) {
  if (absl::EndsWith(path, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(path, ".js")) return "text/javascript; charset=utf-8";
  if (absl::EndsWith(path, ".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

std::string BearerToken(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  if (!absl::StartsWithIgnoreCase(header, "Bearer ")) return "";
  return header.substr(7);
}

}  // namespace

namespace {
// Whether text in parentheses is a hint for CLI users: a command or a flag.
bool ForTheCli(absl::string_view inside) {
  return absl::StrContains(inside, "ozjt ") || absl::StrContains(inside, "ozjt-admin ") ||
         absl::StrContains(inside, "--");
}
}  // namespace

std::string ForThePage(absl::string_view dutch) {
  std::string out;
  size_t at = 0;
  while (at < dutch.size()) {
    const size_t open = dutch.find('(', at);
    const size_t close = open == absl::string_view::npos ? open : dutch.find(')', open);
    if (close == absl::string_view::npos) break;
    absl::string_view inside = dutch.substr(open + 1, close - open - 1);
    absl::string_view before = dutch.substr(at, open - at);
    at = close + 1;
    // "(--document-date, 01-01-2026)": the flag goes, what follows it stays.
    if (absl::StartsWith(inside, "--")) {
      const size_t comma = inside.find_first_of(",;");
      inside = comma == absl::string_view::npos
                   ? absl::string_view()
                   : absl::StripLeadingAsciiWhitespace(inside.substr(comma + 1));
      if (inside.empty() || ForTheCli(inside)) inside = absl::string_view();
    } else if (ForTheCli(inside)) {
      inside = absl::string_view();
    }
    if (inside.empty()) {
      absl::StrAppend(&out, absl::StripTrailingAsciiWhitespace(before));
    } else {
      absl::StrAppend(&out, before, "(", inside, ")");
    }
  }
  absl::StrAppend(&out, dutch.substr(at));
  return out;
}

absl::StatusOr<WebConfig> WebConfigFromEnvironment() {
  WebConfig c;
  std::vector<std::string> errors;
  c.listen = Env("OZJT_WEB_LISTEN");  // unset or "off": no gateway
  if (c.listen == "off") c.listen.clear();
  const std::string dev = Env("OZJT_WEB_DEV_LOGIN", "0");
  if (dev != "0" && dev != "1") errors.push_back("OZJT_WEB_DEV_LOGIN must be 0 or 1");
  c.dev_login = dev == "1";
  c.dev_signing_key_file = Env("OZJT_WEB_DEV_SIGNING_KEY");
  c.tls_cert_file = Env("OZJT_TLS_CERT");
  c.tls_key_file = Env("OZJT_TLS_KEY");
  if (c.tls_cert_file.empty() != c.tls_key_file.empty()) {
    errors.push_back("OZJT_TLS_CERT and OZJT_TLS_KEY must be set together");
  }
  if (c.dev_login && c.dev_signing_key_file.empty()) {
    errors.push_back("OZJT_WEB_DEV_LOGIN=1 needs OZJT_WEB_DEV_SIGNING_KEY (a private key file)");
  }
  if (c.dev_login && !c.tls_cert_file.empty()) {
    errors.push_back(
        "OZJT_WEB_DEV_LOGIN=1 is refused with TLS (OZJT_TLS_CERT): dev login is for local demos, "
        "never for production");
  }
  c.jwt_public_key_files = absl::StrSplit(Env("OZJT_JWT_PUBLIC_KEYS"), ',', absl::SkipWhitespace());
  if (c.jwt_public_key_files.empty()) errors.push_back("OZJT_JWT_PUBLIC_KEYS is required");
  c.policy.issuer = Env("OZJT_JWT_ISSUER", c.policy.issuer);
  c.policy.audience = Env("OZJT_JWT_AUDIENCE", c.policy.audience);
  c.upstream = Env("OZJT_WEB_UPSTREAM", c.upstream);
  c.upstream_ca_file = Env("OZJT_TLS_CA");
  absl::StatusOr<platform::HttpLimits> limits = platform::HttpLimitsFromEnvironment();
  if (limits.ok()) {
    c.limits = *limits;
  } else {
    errors.emplace_back(limits.status().message());
  }
  if (absl::StatusOr<platform::CallLogSettings> log = platform::CallLogSettingsFromEnvironment();
      log.ok()) {
    c.call_log = *log;
  } else {
    errors.emplace_back(log.status().message());
  }
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "; "));
  return c;
}

// The JSON API: token checks, dev login and the forwarding of allowed RPCs.
class Gateway::Api {
 public:
  Api(const WebConfig& config, std::shared_ptr<grpc::Channel> channel,
      platform::TokenVerifier verifier, std::string dev_key)
      : config_(config),
        channel_(std::move(channel)),
        stub_(channel_),
        verifier_(std::move(verifier)),
        dev_key_(std::move(dev_key)) {
    for (const auto& a : AllowedMethods()) {
      const auto* service = a.file->FindServiceByName(a.service);
      for (const char* m : a.methods) {
        const MethodDescriptor* method = service->FindMethodByName(m);
        methods_[absl::StrCat("/", service->full_name(), "/", m)] = method;
      }
    }
  }

  void Config(const httplib::Request&, httplib::Response& res) const {
    Reply(res, 200, {{"dev_login", config_.dev_login}});
  }

  // Who the bearer token names (verified with the services' keys).
  void Session(const httplib::Request& req, httplib::Response& res,
               platform::HttpTrace& trace) const {
    auto caller = Trace(BearerToken(req), trace);
    if (!caller.ok()) {
      ReplyError(res, grpc::StatusCode::UNAUTHENTICATED,
                 "U bent niet (meer) ingelogd: uw sessie is verlopen of ongeldig. Log opnieuw in.");
      return;
    }
    Reply(res, 200,
          {{"subject", caller->subject},
           {"role", std::string(platform::RoleName(caller->role))},
           {"municipality", caller->municipality_code}});
  }

  // POST /api/dev-login {"municipality": "0153", "role": "gemeente_contract_manager",
  // "subject": "..."} -> {"token": "..."}; 8 hours, like `ozjt-admin token`.
  void DevLogin(const httplib::Request& req, httplib::Response& res) const {
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) {
      ReplyError(res, grpc::StatusCode::INVALID_ARGUMENT,
                 "Het inlogverzoek is onleesbaar; laad de pagina opnieuw.");
      return;
    }
    // Each field is text when present (json::value would throw on another type).
    auto text = [&body](const char* key,
                        const std::string& fallback) -> std::optional<std::string> {
      if (!body.contains(key)) return fallback;
      if (!body[key].is_string()) return std::nullopt;
      return body[key].get<std::string>();
    };
    const auto role_text = text("role", "gemeente_contract_manager");
    const auto municipality = text("municipality", "");
    const auto subject = text("subject", "");
    if (!role_text || !municipality || !subject) {
      ReplyError(res, grpc::StatusCode::INVALID_ARGUMENT,
                 "Het inlogverzoek is onleesbaar; laad de pagina opnieuw.");
      return;
    }
    platform::TokenRequest t;
    const std::string& role = *role_text;
    auto parsed = platform::ParseRole(role);
    if (!parsed) {
      ReplyFieldError(res, "role", "Kies een van de rollen uit de lijst.");
      return;
    }
    t.role = *parsed;
    t.municipality_code = t.role == platform::Role::kGemeenteContractManager ? *municipality : "";
    t.subject = *subject;
    if (t.subject.empty()) {
      t.subject = absl::StrCat("demo.", t.municipality_code.empty() ? role : t.municipality_code);
    }
    t.issuer = config_.policy.issuer;
    t.audience = config_.policy.audience;
    t.issued_at = std::chrono::system_clock::now();
    auto token = platform::IssueToken(dev_key_, t);
    if (!token.ok()) {
      ReplyFieldError(res, "municipality",
                      "Kies een gemeente uit de lijst: een contractmanager van een gemeente "
                      "logt in voor zijn eigen gemeente.");
      return;
    }
    Reply(res, 200, {{"token", *token}});
  }

  // The municipalities for the dev login screen (read with a short-lived token of its own).
  void DevMunicipalities(const httplib::Request&, httplib::Response& res) const {
    platform::TokenRequest t;
    t.subject = "system:web-dev-login";
    t.role = platform::Role::kAuditor;
    t.issuer = config_.policy.issuer;
    t.audience = config_.policy.audience;
    t.issued_at = std::chrono::system_clock::now();
    t.lifetime = std::chrono::seconds(60);
    auto token = platform::IssueToken(dev_key_, t);
    if (!token.ok()) {
      ReplyError(res, grpc::StatusCode::INTERNAL,
                 "De lijst van gemeenten kon niet worden geladen; vraag de beheerder de "
                 "demo-inlog te controleren.");
      return;
    }
    Forward("/ozjt.registry.v1.ReferenceData/ListMunicipalities", *token, "{}", res);
  }

  // POST /api/rpc/<package.Service>/<Method>: the body as the request, the user's token.
  void Rpc(const httplib::Request& req, httplib::Response& res, platform::HttpTrace& trace) const {
    const std::string path = req.path.substr(std::string("/api/rpc").size());
    // One label per RPC the page may call; the rest share one.
    trace.route = methods_.count(path) > 0 ? req.path : "/api/rpc/(other)";
    const std::string token = BearerToken(req);
    if (token.empty()) {
      ReplyError(res, grpc::StatusCode::UNAUTHENTICATED, "U bent niet ingelogd; log eerst in.");
      return;
    }
    (void)Trace(token, trace);  // for the log line only: the services check the token
    Forward(path, token, req.body.empty() ? "{}" : req.body, res, trace.request_id);
  }

 private:
  // The caller `token` names, added to the request's log line when the token is valid.
  absl::StatusOr<platform::Caller> Trace(const std::string& token,
                                         platform::HttpTrace& trace) const {
    auto caller = verifier_.Verify(token, std::chrono::system_clock::now());
    if (caller.ok()) {
      trace.actor = caller->subject;
      trace.role = std::string(platform::RoleName(caller->role));
      if (caller->IsMunicipal()) trace.municipality = caller->municipality_code;
    } else if (!token.empty()) {
      trace.error = std::string(caller.status().message());
    }
    return caller;
  }

  // Calls `path` with `token`, the gRPC call carrying `request_id` (x-request-id), so that the
  // service's call log line and the gateway's request line share it.
  void Forward(const std::string& path, const std::string& token, const std::string& body,
               httplib::Response& res, const std::string& request_id = "") const {
    auto it = methods_.find(path);
    if (it == methods_.end()) {
      ReplyError(
          res, grpc::StatusCode::NOT_FOUND,
          "Deze handeling is niet beschikbaar op de webpagina; gebruik de ozjt-opdrachtregel.");
      return;
    }
    const MethodDescriptor* method = it->second;
    google::protobuf::DynamicMessageFactory factory;
    std::unique_ptr<Message> request(factory.GetPrototype(method->input_type())->New());
    std::unique_ptr<Message> response(factory.GetPrototype(method->output_type())->New());
    google::protobuf::util::JsonParseOptions parse;
    parse.ignore_unknown_fields = false;
    auto parsed = google::protobuf::util::JsonStringToMessage(body, request.get(), parse);
    if (!parsed.ok()) {
      ReplyError(res, grpc::StatusCode::INVALID_ARGUMENT,
                 "De pagina stuurde een verzoek dat de server niet kan lezen; laad de pagina "
                 "opnieuw en probeer het nog eens.");
      return;
    }
    std::string bytes;
    request->SerializeToString(&bytes);
    grpc::Slice slice(bytes);
    grpc::ByteBuffer in(&slice, 1), out;
    grpc::ClientContext context;
    context.AddMetadata("authorization", absl::StrCat("Bearer ", token));
    if (!request_id.empty()) context.AddMetadata("x-request-id", request_id);
    context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
    std::promise<grpc::Status> done;
    stub_.UnaryCall(&context, path, grpc::StubOptions(), &in, &out,
                    [&done](grpc::Status s) { done.set_value(std::move(s)); });
    grpc::Status status = done.get_future().get();
    if (!status.ok()) {
      ReplyStatus(res, status);
      return;
    }
    std::vector<grpc::Slice> slices;
    std::string received;
    if (out.Dump(&slices).ok()) {
      for (const auto& s : slices) {
        received.append(reinterpret_cast<const char*>(s.begin()), s.size());
      }
    }
    if (!response->ParseFromString(received)) {
      ReplyError(res, grpc::StatusCode::INTERNAL,
                 "Het antwoord van de server was onleesbaar; probeer het opnieuw of meld het de "
                 "beheerder.");
      return;
    }
    google::protobuf::util::JsonPrintOptions print;
    print.always_print_primitive_fields = true;
    std::string text;
    auto printed = google::protobuf::util::MessageToJsonString(*response, &text, print);
    if (!printed.ok()) {
      ReplyError(res, grpc::StatusCode::INTERNAL,
                 "Het antwoord van de server kon niet worden getoond; meld het de beheerder.");
      return;
    }
    res.status = 200;
    res.set_content(text, "application/json; charset=utf-8");
  }

  const WebConfig config_;
  std::shared_ptr<grpc::Channel> channel_;
  mutable grpc::GenericStub stub_;
  platform::TokenVerifier verifier_;
  const std::string dev_key_;
  std::map<std::string, const MethodDescriptor*> methods_;
};

namespace {

// The headers of every answer, the gateway's own errors in the API's JSON, and the page's
// static files.
void ServeStaticFiles(platform::HttpService& http) {
  http.SetErrorReply([](httplib::Response& res, int status, const std::string& dutch) {
    const grpc::StatusCode code = status == 413   ? grpc::StatusCode::RESOURCE_EXHAUSTED
                                  : status == 404 ? grpc::StatusCode::NOT_FOUND
                                                  : grpc::StatusCode::INVALID_ARGUMENT;
    Reply(res, status, ErrorBody(code, dutch));
  });
  http.SetDefaultHeaders({
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  });
  for (const auto& f : StaticFiles()) {
    const std::string path(f.path);
    const std::string body(f.body);
    const std::string type = ContentType(path);
    auto serve = [body, type](const httplib::Request&, httplib::Response& res,
                              platform::HttpTrace&) { res.set_content(body, type); };
    http.Get(path, serve);
    if (path == "/index.html") http.Get("/", serve);
  }
}

// The host and port of `listen` (host:port; port 0: any free port).
absl::StatusOr<std::pair<std::string, int>> HostAndPort(const std::string& listen) {
  std::vector<std::string> parts = absl::StrSplit(listen, absl::MaxSplits(':', 1));
  int port = 0;
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[1], &port) || port < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("OZJT_WEB_LISTEN: host:port expected, not '", listen, "'"));
  }
  return std::make_pair(parts[0], port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Gateway>> Gateway::Start(
    const WebConfig& config, std::shared_ptr<grpc::Channel> channel,
    const std::shared_ptr<prometheus::Registry>& metrics) {
  auto verifier = platform::TokenVerifier::FromPemFiles(config.jwt_public_key_files, config.policy);
  if (!verifier.ok()) return verifier.status();
  std::string dev_key;
  if (config.dev_login) {
    auto key = platform::ReadSettingFile(config.dev_signing_key_file);
    if (!key.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("OZJT_WEB_DEV_SIGNING_KEY: ", key.status().message()));
    }
    dev_key = *key;
  }
  std::unique_ptr<Gateway> g(new Gateway());
  g->api_ = std::make_unique<Api>(config, std::move(channel), std::move(*verifier), dev_key);
  OZJT_ASSIGN_OR_RETURN(const auto address, HostAndPort(config.listen));
  const bool tls = !config.tls_cert_file.empty();
  g->http_ = std::make_unique<platform::HttpService>("web", config.limits, metrics,
                                                     config.tls_cert_file, config.tls_key_file);
  if (!g->http_->valid()) {
    return absl::InvalidArgumentError("OZJT_TLS_CERT/OZJT_TLS_KEY: not a usable certificate/key");
  }
  platform::HttpService& http = *g->http_;
  ServeStaticFiles(http);
  Api* api = g->api_.get();
  http.Get("/api/config", [api](const httplib::Request& q, httplib::Response& s,
                                platform::HttpTrace&) { api->Config(q, s); });
  http.Post("/api/session", [api](const httplib::Request& q, httplib::Response& s,
                                  platform::HttpTrace& t) { api->Session(q, s, t); });
  if (config.dev_login) {
    http.Post("/api/dev-login", [api](const httplib::Request& q, httplib::Response& s,
                                      platform::HttpTrace&) { api->DevLogin(q, s); });
    http.Get("/api/dev-login/municipalities",
             [api](const httplib::Request& q, httplib::Response& s, platform::HttpTrace&) {
               api->DevMunicipalities(q, s);
             });
  }
  http.Post(R"(/api/rpc/[A-Za-z0-9_.]+/[A-Za-z0-9_]+)",
            [api](const httplib::Request& q, httplib::Response& s, platform::HttpTrace& t) {
              api->Rpc(q, s, t);
            });
  absl::StatusOr<int> port = http.Listen(address.first, address.second);
  if (!port.ok()) {
    return absl::UnavailableError(
        absl::StrCat("OZJT_WEB_LISTEN: cannot listen on ", config.listen));
  }
  g->url_ = absl::StrCat(tls ? "https" : "http", "://", address.first, ":", *port, "/");
  return g;
}

void Gateway::Stop() {
  if (http_) http_->Stop();
}

Gateway::~Gateway() { Stop(); }

platform::CompanionStart HostGateway() {
  return [](const platform::ServerConfig&,
            platform::Host& host) -> absl::StatusOr<std::unique_ptr<platform::Companion>> {
    auto config = WebConfigFromEnvironment();
    if (!config.ok()) return config.status();
    if (config->listen.empty()) return std::unique_ptr<platform::Companion>();
    auto g = Gateway::Start(*config, host.InProcessChannel(), host.metrics_registry());
    if (!g.ok()) return g.status();
    return std::unique_ptr<platform::Companion>(std::move(*g));
  };
}

}  // namespace ozjt::web
