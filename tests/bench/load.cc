// ozjt-load: a load generator on the project's own protos. Keeps `--in-flight` calls going
// (one per thread, each waiting for its answer) for `--duration` seconds against one scenario,
// then prints one JSON line: calls/s, p50/p90/p99/max latency in ms, and errors by status code.
//
//   ozjt-load --addr 127.0.0.1:50051 --token "$T" --scenario get_provider --ids 1-400
//       --in-flight 16 --duration 10          (one command line)
//
// Scenarios: health (an empty unary call: the gRPC floor), floor_select and floor_insert (the
// database floors: a gRPC call doing one primary-key SELECT, or one single-row INSERT in a
// transaction, through the services' own connection pool, served by a bare gRPC server in this
// process; --database-url), get_provider, list_providers, get_contract, agenda_municipality,
// agenda_region (--region), agenda_country (no filter, 3 years, first page of 1000),
// indexation_preview, jzplus_report, insight_quarter, create_finding, and the screens of the web
// page, each every call its page makes, one after the other (the page makes them at once: an upper
// bound): screen_supervision_inbox, screen_investigation (--ids), screen_period_report,
// screen_screening_start, screen_screening_case (--ids), screen_kit_outcomes. Ids are drawn
// uniformly from --ids (providers, contracts or investigations), municipalities from
// --municipalities, all from a fixed seed.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/insight/v1/insight.grpc.pb.h"
#include "ozjt/jzplus/v1/jzplus.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"
#include "services/platform/db.h"
#include "services/platform/grpc_status.h"
#include "services/platform/proto_convert.h"

namespace {

namespace ct = ozjt::contracts::v1;
namespace platform = ozjt::platform;
namespace in = ::ozjt::insight::v1;
namespace jz = ozjt::jzplus::v1;
namespace reg = ozjt::registry::v1;
namespace sc = ozjt::screening::v1;
namespace sv = ozjt::supervision::v1;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string addr = "127.0.0.1:50051";
  std::string token;
  std::string scenario = "health";
  int in_flight = 16;
  double duration_s = 10;
  int warmup = 0;
  std::string ids = "1-400";
  std::vector<std::string> municipalities = {"0153"};
  std::string region = "TWENTE";
  int year = 2026;
  uint64_t seed = 20261126;
  std::string database_url;
  int pool_size = 8;
};

// The floors' table for single-row inserts (created by ops/bench.sh, granted to ozjt_app).
constexpr const char* kInsertProbe = "bench_floor.insert_probe";

// The floors: a gRPC server of its own (the same synchronous gRPC server the services use, no
// interceptors) whose one call does one primary-key SELECT ("select:ID") or one single-row
// INSERT in a transaction ("insert:KEY") through the services' own connection pool.
class FloorService final : public grpc::health::v1::Health::Service {
 public:
  explicit FloorService(std::shared_ptr<platform::Pool> pool) : pool_(std::move(pool)) {}
  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest* req,
                     grpc::health::v1::HealthCheckResponse* resp) override {
    const std::string& what = req->service();
    const std::string key = what.substr(what.find(':') + 1);
    auto deadline = std::chrono::system_clock::now() + std::chrono::seconds(30);
    absl::Status st = absl::StartsWith(what, "insert:")
                          ? pool_->Write(deadline,
                                         [&](pqxx::work& tx) {
                                           tx.exec_prepared1("floor_insert", "floor " + key);
                                           return absl::OkStatus();
                                         })
                          : pool_->Read(deadline, [&](pqxx::transaction_base& tx) {
                              if (tx.exec_prepared("floor_select", std::stoll(key)).size() != 1) {
                                return absl::NotFoundError("no provider " + key);
                              }
                              return absl::OkStatus();
                            });
    resp->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return platform::ToGrpcStatus(st);
  }

 private:
  std::shared_ptr<platform::Pool> pool_;
};

// One call of a scenario on `channel` with `ctx`; `rng` is the calling thread's own.
using Call = std::function<grpc::Status(grpc::ClientContext*, std::mt19937_64&)>;

absl::Status MakeScenario(const Options& o, std::shared_ptr<grpc::Channel> ch, Call* out) {
  // --ids: "FROM-TO" or "3,5,9".
  std::vector<int64_t> ids;
  std::vector<std::string> range = absl::StrSplit(o.ids, '-');
  int64_t lo = 0, hi = 0;
  if (range.size() == 2 && absl::SimpleAtoi(range[0], &lo) && absl::SimpleAtoi(range[1], &hi) &&
      lo >= 1 && hi >= lo) {
    for (int64_t i = lo; i <= hi; ++i) ids.push_back(i);
  } else {
    for (absl::string_view part : absl::StrSplit(o.ids, ',', absl::SkipWhitespace())) {
      int64_t v = 0;
      if (!absl::SimpleAtoi(part, &v) || v < 1) {
        return absl::InvalidArgumentError("--ids: FROM-TO or a comma-separated list of ids");
      }
      ids.push_back(v);
    }
  }
  if (ids.empty()) return absl::InvalidArgumentError("--ids: none");
  if (o.municipalities.empty()) return absl::InvalidArgumentError("--municipalities: none");
  auto id = [ids](std::mt19937_64& rng) {
    return std::to_string(ids[std::uniform_int_distribution<size_t>(0, ids.size() - 1)(rng)]);
  };
  auto municipality = [ms = o.municipalities](std::mt19937_64& rng) {
    return ms[std::uniform_int_distribution<size_t>(0, ms.size() - 1)(rng)];
  };
  const std::string& s = o.scenario;
  if (s == "floor_select" || s == "floor_insert") {
    if (o.database_url.empty()) return absl::InvalidArgumentError("--database-url: required");
    platform::PoolOptions po;
    po.conninfo = o.database_url;
    po.size = o.pool_size;
    auto pool = std::make_shared<platform::Pool>(po);
    pool->AddStatements({{"floor_select", "SELECT id, name FROM registry.provider WHERE id = $1"},
                         {"floor_insert", std::string("INSERT INTO ") + kInsertProbe +
                                              " (payload) VALUES ($1) RETURNING id"}});
    static FloorService floor(pool);  // lives until the process ends, as its server
    static std::unique_ptr<grpc::Server> server;
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&floor);
    server = builder.BuildAndStart();
    if (!server || port == 0) return absl::UnavailableError("cannot start the floor server");
    auto stub = std::shared_ptr(grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials())));
    const std::string op = s == "floor_insert" ? "insert:" : "select:";
    *out = [stub, id, op](grpc::ClientContext* ctx, std::mt19937_64& rng) {
      grpc::health::v1::HealthCheckRequest req;
      req.set_service(op + id(rng));
      grpc::health::v1::HealthCheckResponse resp;
      return stub->Check(ctx, req, &resp);
    };
  } else if (s == "health") {
    auto stub = std::shared_ptr(grpc::health::v1::Health::NewStub(ch));
    *out = [stub](grpc::ClientContext* ctx, std::mt19937_64&) {
      grpc::health::v1::HealthCheckRequest req;
      grpc::health::v1::HealthCheckResponse resp;
      return stub->Check(ctx, req, &resp);
    };
  } else if (s == "get_provider" || s == "list_providers") {
    auto stub = std::shared_ptr(reg::ProviderRegistry::NewStub(ch));
    if (s == "get_provider") {
      *out = [stub, id](grpc::ClientContext* ctx, std::mt19937_64& rng) {
        reg::GetProviderRequest req;
        req.set_name("providers/" + id(rng));
        reg::Provider resp;
        return stub->GetProvider(ctx, req, &resp);
      };
    } else {
      *out = [stub, municipality](grpc::ClientContext* ctx, std::mt19937_64& rng) {
        reg::ListProvidersRequest req;
        req.mutable_filter()->set_municipality_code(municipality(rng));
        req.set_page_size(50);
        reg::ListProvidersResponse resp;
        return stub->ListProviders(ctx, req, &resp);
      };
    }
  } else if (s == "agenda_country") {
    // The whole country over 3 years (issue 22's overload): the first page of 1000.
    auto stub = std::shared_ptr(ct::ContractService::NewStub(ch));
    *out = [stub](grpc::ClientContext* ctx, std::mt19937_64&) {
      ct::ListAgendaRequest req;
      const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
      platform::FromDay(today + absl::civil_diff_t{1095}, req.mutable_end_date());  // 3 years
      req.set_page_size(1000);
      ct::ListAgendaResponse resp;
      return stub->ListAgenda(ctx, req, &resp);
    };
  } else if (s == "get_contract" || s == "agenda_municipality" || s == "agenda_region") {
    auto stub = std::shared_ptr(ct::ContractService::NewStub(ch));
    if (s == "get_contract") {
      *out = [stub, id](grpc::ClientContext* ctx, std::mt19937_64& rng) {
        ct::GetContractRequest req;
        req.set_name("contracts/" + id(rng));
        ct::Contract resp;
        return stub->GetContract(ctx, req, &resp);
      };
    } else {
      const bool one = s == "agenda_municipality";
      *out = [stub, one, municipality, region = o.region](grpc::ClientContext* ctx,
                                                          std::mt19937_64& rng) {
        ct::ListAgendaRequest req;  // the service's default window: today + 180 days
        if (one) req.set_municipality_code(municipality(rng));
        if (!one) req.set_region_code(region);
        ct::ListAgendaResponse resp;
        return stub->ListAgenda(ctx, req, &resp);
      };
    }
  } else if (s == "indexation_preview") {
    auto stub = std::shared_ptr(ct::TariffService::NewStub(ch));
    *out = [stub, id, year = o.year](grpc::ClientContext* ctx, std::mt19937_64& rng) {
      ct::PreviewIndexationRequest req;
      req.set_contract("contracts/" + id(rng));
      req.set_year(year);
      ct::IndexationPreview resp;
      return stub->PreviewIndexation(ctx, req, &resp);
    };
  } else if (s == "insight_quarter") {
    // A municipality's quarter of contract management information (the demo's 2026-K3).
    auto stub = std::shared_ptr(in::InsightService::NewStub(ch));
    *out = [stub, municipality](grpc::ClientContext* ctx, std::mt19937_64& rng) {
      in::GetQuarterFiguresRequest req;
      req.set_municipality_code(municipality(rng));
      req.set_quarter("2026-K3");
      in::QuarterFigures resp;
      return stub->GetQuarterFigures(ctx, req, &resp);
    };
  } else if (s == "jzplus_report") {
    auto stub = std::shared_ptr(jz::InflowService::NewStub(ch));
    *out = [stub](grpc::ClientContext* ctx, std::mt19937_64&) {
      jz::GetInflowReportRequest req;
      jz::InflowReport resp;
      return stub->GetInflowReport(ctx, req, &resp);
    };
  } else if (s == "create_finding") {
    auto stub = std::shared_ptr(sv::SupervisionService::NewStub(ch));
    *out = [stub, id](grpc::ClientContext* ctx, std::mt19937_64& rng) {
      sv::CreateFindingRequest req;
      req.set_investigation("investigations/" + id(rng));
      auto* f = req.mutable_finding();
      f->set_requirement_kind(sv::REQUIREMENT_KIND_TENDER_REQUIREMENT);
      f->set_requirement_reference("Bestek 4.2.1");
      f->set_requirement_text("Ontruimingsplan actueel en geoefend");
      f->set_observed("Laatste ontruimingsoefening langer dan een jaar geleden");
      f->set_severity(sv::SEVERITY_MINOR);
      platform::FromDay(absl::CivilDay(2026, 11, 20), f->mutable_date());
      sv::Investigation resp;
      return stub->CreateFinding(ctx, req, &resp);
    };
  } else if (absl::StartsWith(s, "screen_")) {
    // Every call of a screen after the first gets a context of its own, as the page's do.
    auto next = [token = o.token] {
      auto ctx = std::make_unique<grpc::ClientContext>();
      if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
      ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      return ctx;
    };
    auto supervision = std::shared_ptr(sv::SupervisionService::NewStub(ch));
    auto screening = std::shared_ptr(sc::ScreeningService::NewStub(ch));
    auto contracts = std::shared_ptr(ct::ContractService::NewStub(ch));
    auto agenda = [contracts, next](std::vector<ct::AgendaKind> kinds) {
      ct::ListAgendaRequest req;
      for (ct::AgendaKind k : kinds) req.add_kinds(k);
      req.set_page_size(1000);
      ct::ListAgendaResponse resp;
      return contracts->ListAgenda(next().get(), req, &resp);
    };
    if (s == "screen_supervision_inbox") {
      *out = [supervision, agenda, next](grpc::ClientContext* ctx, std::mt19937_64&) {
        sv::ListInvestigationsRequest requested;
        requested.set_status(sv::STATUS_REQUESTED);
        sv::ListInvestigationsResponse list;
        grpc::Status st = supervision->ListInvestigations(ctx, requested, &list);
        sv::ListInvestigationsRequest reviews;
        reviews.set_status(sv::STATUS_PLANNED);
        reviews.set_kind(sv::KIND_CONTRACT_REVIEW);
        if (st.ok()) st = supervision->ListInvestigations(next().get(), reviews, &list);
        sv::ListEscalationsResponse escalations;
        if (st.ok()) st = supervision->ListEscalations(next().get(), {}, &escalations);
        if (st.ok()) {
          st = agenda({ct::AGENDA_KIND_SUPERVISION_ACTION, ct::AGENDA_KIND_REINSPECTION,
                       ct::AGENDA_KIND_CALAMITY_MEASURES});
        }
        return st;
      };
    } else if (s == "screen_period_report") {
      *out = [supervision](grpc::ClientContext* ctx, std::mt19937_64&) {
        sv::GetPeriodReportRequest req;  // the year up to the benchmark's day
        req.mutable_start_date()->set_year(2026);
        req.mutable_start_date()->set_month(1);
        req.mutable_start_date()->set_day(1);
        req.mutable_end_date()->set_year(2026);
        req.mutable_end_date()->set_month(11);
        req.mutable_end_date()->set_day(25);
        sv::PeriodReport resp;
        return supervision->GetPeriodReport(ctx, req, &resp);
      };
    } else if (s == "screen_investigation") {
      *out = [supervision, id](grpc::ClientContext* ctx, std::mt19937_64& rng) {
        sv::GetInvestigationRequest req;
        req.set_name("investigations/" + id(rng));
        sv::Investigation resp;
        return supervision->GetInvestigation(ctx, req, &resp);
      };
    } else if (s == "screen_screening_start") {
      *out = [screening, agenda, next](grpc::ClientContext* ctx, std::mt19937_64&) {
        sc::ListCasesRequest open;
        open.set_status(sc::CASE_STATUS_OPEN);
        open.set_page_size(25);
        sc::ListCasesResponse cases;
        grpc::Status st = screening->ListCases(ctx, open, &cases);
        sc::ListCasesRequest referred;
        referred.set_status(sc::CASE_STATUS_REFERRED_TO_BIBOB);
        referred.set_page_size(25);
        if (st.ok()) st = screening->ListCases(next().get(), referred, &cases);
        if (st.ok()) st = agenda({ct::AGENDA_KIND_EVIDENCE_DUE});
        sc::ListFrameworksResponse frameworks;
        if (st.ok()) st = screening->ListFrameworks(next().get(), {}, &frameworks);
        return st;
      };
    } else if (s == "screen_screening_case") {
      *out = [screening, id, next](grpc::ClientContext* ctx, std::mt19937_64& rng) {
        sc::GetCaseRequest req;
        req.set_name("screeningCases/" + id(rng));
        sc::ScreeningCase c;
        grpc::Status st = screening->GetCase(ctx, req, &c);
        sc::ListFrameworksResponse frameworks;
        if (st.ok()) st = screening->ListFrameworks(next().get(), {}, &frameworks);
        return st;
      };
    } else if (s == "screen_kit_outcomes") {
      *out = [screening](grpc::ClientContext* ctx, std::mt19937_64&) {
        sc::ListOutcomesResponse resp;
        return screening->ListOutcomes(ctx, {}, &resp);
      };
    } else {
      return absl::InvalidArgumentError("--scenario: unknown '" + s + "'");
    }
  } else {
    return absl::InvalidArgumentError("--scenario: unknown '" + s + "'");
  }
  return absl::OkStatus();
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i =
      std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
  return sorted[i];
}

std::string CodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

int MeasureScenario(int argc, char** argv) {
  Options o;
  CLI::App app("ozjt-load: calls/s, latency percentiles and errors of one scenario");
  app.add_option("--addr", o.addr, "gRPC address");
  app.add_option("--token", o.token, "bearer token (or OZJT_TOKEN)")->envname("OZJT_TOKEN");
  app.add_option("--scenario", o.scenario, "what to call")->required();
  app.add_option("--in-flight", o.in_flight, "calls in flight")->check(CLI::Range(1, 1024));
  app.add_option("--duration", o.duration_s, "seconds")->check(CLI::Range(0.1, 3600.0));
  app.add_option("--warmup", o.warmup,
                 "calls made one at a time before the measured window (their slowest is "
                 "reported as first_calls_max_ms)")
      ->check(CLI::Range(0, 1000));
  app.add_option("--ids", o.ids, "FROM-TO: ids of providers, contracts or investigations");
  app.add_option("--municipalities", o.municipalities, "CBS codes to draw from")->delimiter(',');
  app.add_option("--region", o.region, "youth-care region of agenda_region");
  app.add_option("--year", o.year, "indexation year");
  app.add_option("--seed", o.seed, "random seed");
  app.add_option("--database-url", o.database_url, "libpq URL for the floor_* scenarios");
  app.add_option("--pool-size", o.pool_size, "connections of the floor_* scenarios' pool");
  CLI11_PARSE(app, argc, argv);

  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  auto channel = grpc::CreateCustomChannel(o.addr, grpc::InsecureChannelCredentials(), args);
  Call call;
  if (absl::Status s = MakeScenario(o, channel, &call); !s.ok()) {
    std::cerr << s.message() << std::endl;
    return 2;
  }

  // What the first calls after the server started cost (caches still empty), not measured.
  double first_calls_max_ms = 0;
  std::map<std::string, int64_t> warmup_errors;
  for (int n = 0; n < o.warmup; ++n) {
    grpc::ClientContext ctx;
    if (!o.token.empty()) ctx.AddMetadata("authorization", "Bearer " + o.token);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    std::mt19937_64 rng(o.seed);
    const auto begin = Clock::now();
    grpc::Status status = call(&ctx, rng);
    first_calls_max_ms =
        std::max(first_calls_max_ms,
                 std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    if (!status.ok()) ++warmup_errors[CodeName(status.error_code())];
  }

  std::vector<std::vector<double>> latencies(o.in_flight);
  std::vector<std::map<std::string, int64_t>> errors(o.in_flight);
  std::vector<std::vector<double>> refusals(o.in_flight);  // RESOURCE_EXHAUSTED latencies
  std::atomic<bool> stop{false};
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(o.duration_s));
  std::vector<std::thread> threads;
  for (int t = 0; t < o.in_flight; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(o.seed + t);
      while (!stop.load(std::memory_order_relaxed)) {
        grpc::ClientContext ctx;
        if (!o.token.empty()) ctx.AddMetadata("authorization", "Bearer " + o.token);
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        const auto begin = Clock::now();
        grpc::Status status = call(&ctx, rng);
        const auto end = Clock::now();
        if (end > until) break;  // calls that end after the window do not count
        const double ms = std::chrono::duration<double, std::milli>(end - begin).count();
        if (status.ok()) {
          latencies[t].push_back(ms);
        } else {
          if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
            refusals[t].push_back(ms);
          }
          ++errors[t][CodeName(status.error_code())];
        }
      }
      stop = true;
    });
  }
  for (auto& th : threads) th.join();
  const double elapsed = std::chrono::duration<double>(until - start).count();

  std::vector<double> all;
  std::vector<double> refused;
  std::map<std::string, int64_t> by_code = warmup_errors;
  for (int t = 0; t < o.in_flight; ++t) {
    all.insert(all.end(), latencies[t].begin(), latencies[t].end());
    refused.insert(refused.end(), refusals[t].begin(), refusals[t].end());
    for (const auto& [code, n] : errors[t]) by_code[code] += n;
  }
  std::sort(all.begin(), all.end());
  std::sort(refused.begin(), refused.end());
  auto round3 = [](double v) { return std::round(v * 1000) / 1000; };
  nlohmann::json result = {
      {"scenario", o.scenario},
      {"in_flight", o.in_flight},
      {"duration_s", round3(elapsed)},
      {"calls", all.size()},
      {"calls_per_s", round3(static_cast<double>(all.size()) / elapsed)},
      {"p50_ms", round3(Percentile(all, 0.50))},
      {"p90_ms", round3(Percentile(all, 0.90))},
      {"p99_ms", round3(Percentile(all, 0.99))},
      {"max_ms", round3(all.empty() ? 0 : all.back())},
      {"errors", by_code},
      // How long a refused call (RESOURCE_EXHAUSTED) took to be refused.
      {"refused_p99_ms", round3(Percentile(refused, 0.99))},
      {"refused_max_ms", round3(refused.empty() ? 0 : refused.back())},
  };
  if (o.warmup > 0) result["first_calls_max_ms"] = round3(first_calls_max_ms);
  std::cout << result.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return MeasureScenario(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ozjt-load: " << e.what() << std::endl;
    return 1;
  }
}
