// Test fixtures over real parts: a fresh PostgreSQL database per test suite (in the cluster
// that ops/test.sh starts; PGHOST etc. from the environment), an in-process server on a
// loopback port with real gRPC channels and real signed tokens, and a private cluster for
// tests that stop and restart PostgreSQL.
#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/type/date.pb.h"
#include "ozjt/contracts/v1/contracts.pb.h"
#include "ozjt/registry/v1/registry.pb.h"
#include "services/platform/auth.h"
#include "services/platform/config.h"
#include "services/platform/server.h"

namespace ozjt::testing {

// A new, empty database; dropped on destruction. Fails the test when PostgreSQL is not
// reachable: database tests never skip.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& purpose);
  ~TestDatabase();
  // libpq connection string of the database (host etc. from the environment).
  const std::string& conninfo() const { return conninfo_; }
  const std::string& name() const { return name_; }
  // Runs SQL as the cluster's superuser (not the services' role).
  void Exec(const std::string& sql) const;
  // First column of the first row, as text ("" for none or NULL).
  std::string Query(const std::string& sql) const;

 private:
  std::string name_;
  std::string conninfo_;
};

// A PostgreSQL cluster of its own in a temporary directory, for stopping and restarting.
class PrivateCluster {
 public:
  PrivateCluster();
  ~PrivateCluster();
  std::string conninfo() const;  // database "postgres"
  void Start();
  void Stop();
  void Restart();

 private:
  std::string dir_;
};

// A server (a Host) in this process on 127.0.0.1 (gRPC and HTTP on free ports) with a fresh
// key pair.
class TestServer {
 public:
  // Serves `services` (all when empty) of the host's modules on `database_conninfo`.
  // `tls_cert`/`tls_key` are PEM file paths; empty means plaintext.
  // `today` pins the day the server sees (default 2026-11-25, so date rules are repeatable).
  // `budgets`: the call budget (config.h), the default one unless a test needs a small one.
  explicit TestServer(const std::string& database_conninfo, std::vector<std::string> services = {},
                      const std::string& tls_cert = "", const std::string& tls_key = "",
                      absl::CivilDay today = absl::CivilDay(2026, 11, 25),
                      platform::CallBudgets budgets = {});
  ~TestServer();

  std::string address() const { return "127.0.0.1:" + std::to_string(host_->port()); }
  // The HTTP port (metrics, agenda feed).
  int http_port() const { return host_->http_port(); }
  std::shared_ptr<grpc::Channel> Channel() const;
  // A valid token for `role` (municipality for gemeente_contract_manager).
  std::string Token(platform::Role role, const std::string& municipality = "0153",
                    const std::string& subject = "") const;
  // A context carrying `token` (none when empty) and a 30 s deadline.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token);
  const platform::KeyPair& keys() const { return keys_; }
  platform::Host& host() { return *host_; }

 private:
  platform::KeyPair keys_;
  std::string key_file_;
  std::unique_ptr<platform::Host> host_;
};

// The usual integration fixture: each test suite gets a fresh database and a server with every
// service on it, shared by the suite's tests.
class ServerSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static TestDatabase* db_;
  static TestServer* server_;
};

// A google.type.Date.
google::type::Date Date(int year, int month, int day);
// "2026-11-25", to compare a Date in one line.
std::string DayText(const google::type::Date& d);

// The smallest valid provider to create: a BV in the Wmo, local tier, active nowhere yet.
registry::v1::Provider MinimalProvider(const std::string& kvk, const std::string& name);

// The smallest valid contract to create: a draft single Wmo contract of Enschede (0153),
// 2025-01-01 to 2027-12-31.
contracts::v1::Contract MinimalContract(const std::string& reference, const std::string& title);

// Writes the demo providers and contracts (what `ozjt-admin seed-demo` starts with) straight
// into the database, as of 2026-11-25; returns how many contracts were added (0 the second time).
absl::StatusOr<int> LoadDemoContracts(const std::string& database_conninfo);

// The fields named in a status's google.rpc.BadRequest details, in order.
std::vector<std::string> ViolationFields(const grpc::Status& status);
// The descriptions (Dutch) of a status's google.rpc.BadRequest details, in order.
std::vector<std::string> ViolationDescriptions(const grpc::Status& status);
// The message of a status's google.rpc.LocalizedMessage when its locale is nl-NL ("" when none).
std::string DutchMessage(const grpc::Status& status);

// The modules of the all-in-one host (registry, audit, ...).
std::vector<platform::ModuleEntry> AllModules();

// Writes `text` to a new temporary file and returns its path.
std::string TempFile(const std::string& text, const std::string& suffix = "");

}  // namespace ozjt::testing
