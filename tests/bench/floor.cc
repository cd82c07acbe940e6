// ozjt-floor: the benchmark's floor server, in a process of its own so that the load generator
// measuring it does not share its process (ops/bench.sh). The same synchronous gRPC server the
// services use, without their interceptors, serving grpc.health.v1.Health/Check: an empty
// service name is the empty call; "select:ID" does one prepared primary-key SELECT of a
// provider, "insert:KEY" one single-row INSERT in a transaction, each on a bare pool of libpqxx
// connections (nothing else per call: no statement timeout, no retry, no metrics; what the
// services' pool adds is part of what the benchmark measures). The list floor is the registry's
// own ListProviders, bare: the first 50 providers of the filter's municipality by one index
// range scan (provider_municipality's (cbs_code, provider_id) index, then each provider by its
// key), each answered with its name, display name, KvK number and version. Prints
// {"event":"serving","port":N} when serving; runs until killed.
//
//   OZJT_DATABASE_URL="dbname=bench" OZJT_LISTEN=127.0.0.1:0 ozjt-floor [--pool-size 8]
//       [--max-pollers 20]
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <cstdint>
#include <iostream>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/mutex.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"

namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

// The floors' table for single-row inserts (created by ops/bench.sh, granted to ozjt_app).
constexpr const char* kInsertProbe = "bench_floor.insert_probe";

// A fixed set of connections, each with the floor's statements prepared; a call takes one and
// gives it back.
class BarePool {
 public:
  BarePool(const std::string& conninfo, int size) {
    for (int i = 0; i < size; ++i) {
      auto c = std::make_unique<pqxx::connection>(conninfo);
      c->prepare("floor_select", "SELECT id, name FROM registry.provider WHERE id = $1");
      c->prepare("floor_list", R"sql(
        SELECT p.id, p.name, p.kvk_number, p.version
          FROM registry.provider_municipality m JOIN registry.provider p ON p.id = m.provider_id
         WHERE m.cbs_code = $1 ORDER BY m.provider_id LIMIT 50)sql");
      c->prepare("floor_insert", std::string("INSERT INTO ") + kInsertProbe +
                                     " (payload) VALUES ($1) RETURNING id");
      free_.push_back(c.get());
      all_.push_back(std::move(c));
    }
  }

  template <typename Fn>
  void With(const Fn& fn) {
    pqxx::connection* c = nullptr;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return !free_.empty(); });
      c = free_.back();
      free_.pop_back();
    }
    struct Back {
      BarePool* pool;
      pqxx::connection* c;
      ~Back() {
        {
          std::lock_guard<std::mutex> lock(pool->mu_);
          pool->free_.push_back(c);
        }
        pool->cv_.notify_one();
      }
    } back{this, c};
    fn(*c);
  }

 private:
  std::vector<std::unique_ptr<pqxx::connection>> all_;
  std::vector<pqxx::connection*> free_;
  std::mutex mu_;
  std::condition_variable cv_;
};

class FloorService final : public grpc::health::v1::Health::Service {
 public:
  explicit FloorService(BarePool& pool) : pool_(pool) {}

  grpc::Status Check(grpc::ServerContext*, const HealthCheckRequest* req,
                     HealthCheckResponse* resp) override {
    resp->set_status(HealthCheckResponse::SERVING);
    const std::string& what = req->service();
    if (what.empty()) return grpc::Status::OK;
    const std::string key = what.substr(what.find(':') + 1);
    int64_t id = 0;
    const bool insert = absl::StartsWith(what, "insert:");
    if (!insert && (!absl::StartsWith(what, "select:") || !absl::SimpleAtoi(key, &id))) {
      return {grpc::StatusCode::INVALID_ARGUMENT, "service: '', select:ID or insert:KEY"};
    }
    bool found = true;
    try {
      pool_.With([&](pqxx::connection& c) {
        if (insert) {
          pqxx::work tx(c);
          tx.exec_prepared1("floor_insert", "floor " + key);
          tx.commit();
        } else {
          pqxx::nontransaction tx(c);
          found = tx.exec_prepared("floor_select", id).size() == 1;
        }
      });
    } catch (const std::exception& e) {
      return {grpc::StatusCode::UNAVAILABLE, e.what()};
    }
    if (!found) return {grpc::StatusCode::NOT_FOUND, "no provider " + key};
    return grpc::Status::OK;
  }

 private:
  BarePool& pool_;
};

// The list floor: ListProviders of one municipality, 50 rows, nothing else.
class ListFloor final : public ozjt::registry::v1::ProviderRegistry::Service {
 public:
  explicit ListFloor(BarePool& pool) : pool_(pool) {}

  grpc::Status ListProviders(grpc::ServerContext*,
                             const ozjt::registry::v1::ListProvidersRequest* req,
                             ozjt::registry::v1::ListProvidersResponse* resp) override {
    try {
      pool_.With([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        for (const auto& r : tx.exec_prepared("floor_list", req->filter().municipality_code())) {
          auto* p = resp->add_providers();
          p->set_name("providers/" + r[0].as<std::string>());
          p->set_display_name(r[1].as<std::string>());
          p->set_kvk_number(r[2].as<std::string>());
          p->set_version(r[3].as<int64_t>());
        }
      });
    } catch (const std::exception& e) {
      return {grpc::StatusCode::UNAVAILABLE, e.what()};
    }
    return grpc::Status::OK;
  }

 private:
  BarePool& pool_;
};

int Serve(int argc, char** argv) {
  CLI::App app("ozjt-floor: the benchmark's floor server");
  std::string database_url, listen = "127.0.0.1:0";
  int pool_size = 8;
  app.add_option("--database-url", database_url, "libpq connection string")
      ->envname("OZJT_DATABASE_URL")
      ->required();
  app.add_option("--listen", listen, "address to listen on")->envname("OZJT_LISTEN");
  app.add_option("--pool-size", pool_size, "database connections")->check(CLI::Range(1, 64));
  int max_pollers = 0;
  app.add_option("--max-pollers", max_pollers,
                 "threads the synchronous server keeps waiting for calls (default gRPC's, 2: "
                 "best for the empty call; 20 for the database floors, where calls wait on "
                 "PostgreSQL and gRPC would otherwise start and end a thread for most of them)")
      ->envname("OZJT_FLOOR_MAX_POLLERS")
      ->check(CLI::Range(0, 256));
  CLI11_PARSE(app, argc, argv);

  // As the host does (services/platform/server.cc): no deadlock detection on every Mutex.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  BarePool pool(database_url, pool_size);
  FloorService floor(pool);
  ListFloor list(pool);
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&floor);
  builder.RegisterService(&list);
  if (max_pollers > 0) {
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, max_pollers);
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || port == 0) {
    std::cerr << "ozjt-floor: cannot listen on " << listen << std::endl;
    return 1;
  }
  std::cout << R"({"event":"serving","port":)" << port << "}" << std::endl;
  server->Wait();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Serve(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "ozjt-floor: " << e.what() << std::endl;
    return 1;
  }
}
