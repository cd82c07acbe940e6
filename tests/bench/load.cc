// ozjt-load: a load generator on the project's own protos. Keeps `--in-flight` calls going for
// `--duration` seconds against one scenario, then prints one JSON line: calls/s, p50/p90/p99/max
// latency in ms, and errors by status code. Unary scenarios run on gRPC's asynchronous API
// (completion queues, `--client-threads` threads driving all calls in flight), so that the client
// is not what limits a fast server; the screens, several calls one after the other, keep one
// blocking thread per call in flight.
//
//   ozjt-load --addr 127.0.0.1:50051 --token "$T" --scenario get_provider --ids 1-400
//       --in-flight 16 --duration 10          (one command line)
//
// Scenarios: health (an empty unary call: the gRPC floor), floor_select and floor_insert (the
// database floors, against ozjt-floor's address: a call doing one primary-key SELECT of a
// provider from --ids, or one single-row INSERT in a transaction), floor_list (ListProviders of
// a municipality from --municipalities, page of 50, against ozjt-floor's bare ListProviders),
// get_provider, list_providers,
// get_contract, agenda_municipality, agenda_region (--region), agenda_country (no filter, 3
// years, first page of 1000), indexation_preview, jzplus_report, insight_quarter,
// create_finding, create_note (a note on a contract from --ids), and the screens of the web page,
// each every call its page makes, one after the other (the page makes them at once: an upper
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
#include <memory>
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
  int client_threads =
      1;  // one drives 30,000 empty calls/s on 2 cores; two compete with the server
};

// A blocking scenario: one call (or a screen's calls one after the other) with `ctx`; `rng` is
// the calling thread's own.
using Call = std::function<grpc::Status(grpc::ClientContext*, std::mt19937_64&)>;

// A unary call started on a completion queue: its request, answer and status live here until
// the queue hands back its tag.
struct Pending {
  virtual ~Pending() = default;
  grpc::Status status;
};

template <typename Req, typename Resp>
struct PendingOf final : Pending {
  Req req;
  Resp resp;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Resp>> reader;
};

// Starts one call of an asynchronous scenario on `cq`, to come back with `tag`.
using Start = std::function<std::unique_ptr<Pending>(grpc::ClientContext*, std::mt19937_64&,
                                                     grpc::CompletionQueue*, void*)>;

// A scenario is asynchronous (`start`) or blocking (`call`).
struct Scenario {
  Start start;
  Call call;
};

// A unary scenario: `fill(req, rng)` writes the request, `prepare(ctx, req, cq)` is the stub's
// PrepareAsync method.
template <typename Req, typename Resp, typename Prepare, typename Fill>
Start Unary(const Prepare& prepare, const Fill& fill) {
  return [prepare, fill](grpc::ClientContext* ctx, std::mt19937_64& rng, grpc::CompletionQueue* cq,
                         void* tag) -> std::unique_ptr<Pending> {
    auto p = std::make_unique<PendingOf<Req, Resp>>();
    fill(p->req, rng);
    p->reader = prepare(ctx, p->req, cq);
    p->reader->StartCall();
    p->reader->Finish(&p->resp, &p->status, tag);
    return p;
  };
}

using Draw = std::function<std::string(std::mt19937_64&)>;

// The unary scenarios (asynchronous) of the registry and the contracts service, and the floors;
// false when the scenario is none of them.
bool RegistryOrContracts(const Options& o, const std::shared_ptr<grpc::Channel>& ch, const Draw& id,
                         const Draw& municipality, Start* out) {
  const std::string& s = o.scenario;
  if (s == "health" || s == "floor_select" || s == "floor_insert") {
    auto stub = std::shared_ptr(grpc::health::v1::Health::NewStub(ch));
    const std::string op = s == "health" ? "" : s == "floor_insert" ? "insert:" : "select:";
    *out = Unary<grpc::health::v1::HealthCheckRequest, grpc::health::v1::HealthCheckResponse>(
        [stub](auto* c, const auto& r, auto* q) { return stub->PrepareAsyncCheck(c, r, q); },
        [id, op](auto& req, std::mt19937_64& rng) {
          if (!op.empty()) req.set_service(op + id(rng));
        });
  } else if (s == "get_provider" || s == "list_providers" || s == "floor_list") {
    auto stub = std::shared_ptr(reg::ProviderRegistry::NewStub(ch));
    if (s == "get_provider") {
      *out = Unary<reg::GetProviderRequest, reg::Provider>(
          [stub](auto* c, const auto& r, auto* q) {
            return stub->PrepareAsyncGetProvider(c, r, q);
          },
          [id](auto& req, std::mt19937_64& rng) { req.set_name("providers/" + id(rng)); });
    } else {
      *out = Unary<reg::ListProvidersRequest, reg::ListProvidersResponse>(
          [stub](auto* c, const auto& r, auto* q) {
            return stub->PrepareAsyncListProviders(c, r, q);
          },
          [municipality](auto& req, std::mt19937_64& rng) {
            req.mutable_filter()->set_municipality_code(municipality(rng));
            req.set_page_size(50);
          });
    }
  } else if (s == "get_contract" || absl::StartsWith(s, "agenda_")) {
    auto stub = std::shared_ptr(ct::ContractService::NewStub(ch));
    auto agenda = [stub](auto* c, const auto& r, auto* q) {
      return stub->PrepareAsyncListAgenda(c, r, q);
    };
    if (s == "get_contract") {
      *out = Unary<ct::GetContractRequest, ct::Contract>(
          [stub](auto* c, const auto& r, auto* q) {
            return stub->PrepareAsyncGetContract(c, r, q);
          },
          [id](auto& req, std::mt19937_64& rng) { req.set_name("contracts/" + id(rng)); });
    } else if (s == "agenda_country") {
      // The whole country over 3 years (issue 22's overload): the first page of 1000.
      *out = Unary<ct::ListAgendaRequest, ct::ListAgendaResponse>(
          agenda, [](auto& req, std::mt19937_64&) {
            const absl::CivilDay today = absl::ToCivilDay(absl::Now(), absl::UTCTimeZone());
            platform::FromDay(today + absl::civil_diff_t{1095}, req.mutable_end_date());
            req.set_page_size(1000);
          });
    } else if (s == "agenda_municipality" || s == "agenda_region") {
      const bool one = s == "agenda_municipality";
      *out = Unary<ct::ListAgendaRequest, ct::ListAgendaResponse>(
          agenda, [one, municipality, region = o.region](auto& req, std::mt19937_64& rng) {
            // The service's default window: today + 180 days.
            if (one) req.set_municipality_code(municipality(rng));
            if (!one) req.set_region_code(region);
          });
    } else {
      return false;
    }
  } else {
    return false;
  }
  return true;
}

// The other unary scenarios (asynchronous); false when the scenario is none of them.
bool OtherUnary(const Options& o, const std::shared_ptr<grpc::Channel>& ch, const Draw& id,
                const Draw& municipality, Start* out) {
  const std::string& s = o.scenario;
  if (s == "indexation_preview") {
    auto stub = std::shared_ptr(ct::TariffService::NewStub(ch));
    *out = Unary<ct::PreviewIndexationRequest, ct::IndexationPreview>(
        [stub](auto* c, const auto& r, auto* q) {
          return stub->PrepareAsyncPreviewIndexation(c, r, q);
        },
        [id, year = o.year](auto& req, std::mt19937_64& rng) {
          req.set_contract("contracts/" + id(rng));
          req.set_year(year);
        });
  } else if (s == "insight_quarter") {
    // A municipality's quarter of contract management information (the demo's 2026-K3).
    auto stub = std::shared_ptr(in::InsightService::NewStub(ch));
    *out = Unary<in::GetQuarterFiguresRequest, in::QuarterFigures>(
        [stub](auto* c, const auto& r, auto* q) {
          return stub->PrepareAsyncGetQuarterFigures(c, r, q);
        },
        [municipality](auto& req, std::mt19937_64& rng) {
          req.set_municipality_code(municipality(rng));
          req.set_quarter("2026-K3");
        });
  } else if (s == "jzplus_report") {
    auto stub = std::shared_ptr(jz::InflowService::NewStub(ch));
    *out = Unary<jz::GetInflowReportRequest, jz::InflowReport>(
        [stub](auto* c, const auto& r, auto* q) {
          return stub->PrepareAsyncGetInflowReport(c, r, q);
        },
        [](auto&, std::mt19937_64&) {});
  } else if (s == "create_note") {
    auto stub = std::shared_ptr(ct::ContractService::NewStub(ch));
    *out = Unary<ct::CreateContractNoteRequest, ct::ContractNote>(
        [stub](auto* c, const auto& r, auto* q) {
          return stub->PrepareAsyncCreateContractNote(c, r, q);
        },
        [id](auto& req, std::mt19937_64& rng) {
          req.mutable_note()->set_contract("contracts/" + id(rng));
          req.mutable_note()->set_text("Gesprek met de aanbieder over de wachttijden gevoerd.");
        });
  } else if (s == "create_finding") {
    auto stub = std::shared_ptr(sv::SupervisionService::NewStub(ch));
    *out = Unary<sv::CreateFindingRequest, sv::Investigation>(
        [stub](auto* c, const auto& r, auto* q) {
          return stub->PrepareAsyncCreateFinding(c, r, q);
        },
        [id](auto& req, std::mt19937_64& rng) {
          req.set_investigation("investigations/" + id(rng));
          auto* f = req.mutable_finding();
          f->set_requirement_kind(sv::REQUIREMENT_KIND_TENDER_REQUIREMENT);
          f->set_requirement_reference("Bestek 4.2.1");
          f->set_requirement_text("Ontruimingsplan actueel en geoefend");
          f->set_observed("Laatste ontruimingsoefening langer dan een jaar geleden");
          f->set_severity(sv::SEVERITY_MINOR);
          platform::FromDay(absl::CivilDay(2026, 11, 20), f->mutable_date());
        });
  } else {
    return false;
  }
  return true;
}

// The screens of the web page (blocking: each every call its page makes, one after the other);
// false when the scenario is none of them.
bool Screen(const Options& o, const std::shared_ptr<grpc::Channel>& ch, const Draw& id, Call* out) {
  const std::string& s = o.scenario;
  if (!absl::StartsWith(s, "screen_")) return false;
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
    return false;
  }
  return true;
}

absl::Status MakeScenario(const Options& o, const std::shared_ptr<grpc::Channel>& ch,
                          Scenario* out) {
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
  const Draw id = [ids](std::mt19937_64& rng) {
    return std::to_string(ids[std::uniform_int_distribution<size_t>(0, ids.size() - 1)(rng)]);
  };
  const Draw municipality = [ms = o.municipalities](std::mt19937_64& rng) {
    return ms[std::uniform_int_distribution<size_t>(0, ms.size() - 1)(rng)];
  };
  if (RegistryOrContracts(o, ch, id, municipality, &out->start) ||
      OtherUnary(o, ch, id, municipality, &out->start) || Screen(o, ch, id, &out->call)) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError("--scenario: unknown '" + o.scenario + "'");
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

// What one thread of the load saw.
struct Tally {
  std::vector<double> latencies;  // ms, of the calls that succeeded
  std::vector<double> refusals;   // ms, of the RESOURCE_EXHAUSTED answers
  std::map<std::string, int64_t> errors;

  void Add(const grpc::Status& status, double ms) {
    if (status.ok()) {
      latencies.push_back(ms);
      return;
    }
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) refusals.push_back(ms);
    ++errors[CodeName(status.error_code())];
  }
};

std::unique_ptr<grpc::ClientContext> NewContext(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return ctx;
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// One call, waited for (the warm-up).
grpc::Status CallOnce(const Scenario& s, const Options& o, std::mt19937_64& rng) {
  auto ctx = NewContext(o.token);
  if (s.call) return s.call(ctx.get(), rng);
  grpc::CompletionQueue cq;
  std::unique_ptr<Pending> p = s.start(ctx.get(), rng, &cq, &cq);
  void* tag = nullptr;
  bool ok = false;
  cq.Next(&tag, &ok);
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
  return p->status;
}

// A blocking scenario: one thread per call in flight, all stopping when one passes `until`.
std::vector<Tally> RunBlocking(const Scenario& s, const Options& o, Clock::time_point until) {
  std::vector<Tally> tallies(o.in_flight);
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < o.in_flight; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(o.seed + t);
      while (!stop.load(std::memory_order_relaxed)) {
        auto ctx = NewContext(o.token);
        const auto begin = Clock::now();
        grpc::Status status = s.call(ctx.get(), rng);
        const auto end = Clock::now();
        if (end > until) break;  // calls that end after the window do not count
        tallies[t].Add(status, Ms(end - begin));
      }
      stop = true;
    });
  }
  for (auto& th : threads) th.join();
  return tallies;
}

// A call in flight of an asynchronous scenario: the queue hands back its address as the tag.
struct Slot {
  std::mt19937_64 rng;
  std::unique_ptr<grpc::ClientContext> ctx;
  std::unique_ptr<Pending> call;
  Clock::time_point begin;
};

// An asynchronous scenario: `threads` completion queues, each driving its share of the calls in
// flight; a call that ends is counted and the next one started at once, until `until`.
std::vector<Tally> RunAsync(const Scenario& s, const Options& o, int threads,
                            Clock::time_point until) {
  std::vector<Tally> tallies(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      grpc::CompletionQueue cq;
      std::vector<Slot> slots;
      for (int i = t; i < o.in_flight; i += threads) {
        slots.push_back({std::mt19937_64(o.seed + i), nullptr, nullptr, {}});
      }
      const auto start = [&](Slot& slot) {
        slot.ctx = NewContext(o.token);
        slot.begin = Clock::now();
        slot.call = s.start(slot.ctx.get(), slot.rng, &cq, &slot);
      };
      for (Slot& slot : slots) start(slot);
      size_t running = slots.size();
      void* tag = nullptr;
      bool ok = false;
      while (running > 0 && cq.Next(&tag, &ok)) {
        Slot& slot = *static_cast<Slot*>(tag);
        const auto end = Clock::now();
        if (end > until) {  // calls that end after the window do not count
          --running;
          continue;
        }
        tallies[t].Add(slot.call->status, Ms(end - slot.begin));
        start(slot);
      }
      cq.Shutdown();
      while (cq.Next(&tag, &ok)) {
      }
    });
  }
  for (auto& w : workers) w.join();
  return tallies;
}

nlohmann::json Summary(const Options& o, const std::vector<Tally>& tallies, double elapsed,
                       std::map<std::string, int64_t> by_code) {
  std::vector<double> all;
  std::vector<double> refused;
  for (const Tally& t : tallies) {
    all.insert(all.end(), t.latencies.begin(), t.latencies.end());
    refused.insert(refused.end(), t.refusals.begin(), t.refusals.end());
    for (const auto& [code, n] : t.errors) by_code[code] += n;
  }
  std::sort(all.begin(), all.end());
  std::sort(refused.begin(), refused.end());
  auto round3 = [](double v) { return std::round(v * 1000) / 1000; };
  return {
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
}

int MeasureScenario(int argc, char** argv) {
  Options o;
  CLI::App app("ozjt-load: calls/s, latency percentiles and errors of one scenario");
  app.add_option("--addr", o.addr, "gRPC address (of ozjt-floor for the floor_* scenarios)");
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
  app.add_option("--client-threads", o.client_threads,
                 "threads driving the asynchronous calls, at most one per call in flight")
      ->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);

  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  auto channel = grpc::CreateCustomChannel(o.addr, grpc::InsecureChannelCredentials(), args);
  Scenario scenario;
  if (absl::Status s = MakeScenario(o, channel, &scenario); !s.ok()) {
    std::cerr << s.message() << std::endl;
    return 2;
  }

  // What the first calls after the server started cost (caches still empty), not measured.
  double first_calls_max_ms = 0;
  std::map<std::string, int64_t> warmup_errors;
  for (int n = 0; n < o.warmup; ++n) {
    std::mt19937_64 rng(o.seed);
    const auto begin = Clock::now();
    grpc::Status status = CallOnce(scenario, o, rng);
    first_calls_max_ms = std::max(first_calls_max_ms, Ms(Clock::now() - begin));
    if (!status.ok()) ++warmup_errors[CodeName(status.error_code())];
  }

  const int threads = std::min(o.in_flight, o.client_threads);
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(o.duration_s));
  const std::vector<Tally> tallies =
      scenario.call ? RunBlocking(scenario, o, until) : RunAsync(scenario, o, threads, until);
  nlohmann::json result =
      Summary(o, tallies, std::chrono::duration<double>(until - start).count(), warmup_errors);
  if (o.warmup > 0) result["first_calls_max_ms"] = std::round(first_calls_max_ms * 1000) / 1000;
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
