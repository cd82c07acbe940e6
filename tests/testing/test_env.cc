#include "tests/testing/test_env.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/accountregion/module.h"
#include "services/audit/module.h"
#include "services/contracts/demo_data.h"
#include "services/contracts/module.h"
#include "services/contracts/pg_store.h"
#include "services/insight/module.h"
#include "services/jzplus/module.h"
#include "services/platform/audit.h"
#include "services/platform/status.h"
#include "services/registry/demo_data.h"
#include "services/registry/directory.h"
#include "services/registry/module.h"
#include "services/registry/pg_store.h"
#include "services/registry/registry.h"
#include "services/screening/module.h"
#include "services/supervision/module.h"

namespace ozjt::testing {
namespace {

std::string Sanitize(const std::string& s) {
  std::string out;
  for (char c : s) {
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c))
                                                              : '_');
  }
  return out.substr(0, 30);
}

void Run(const std::string& command) {
  int rc = std::system(command.c_str());
  if (rc != 0) ADD_FAILURE() << "command failed (" << rc << "): " << command;
}

std::string PgBin() {
  std::string out;
  FILE* p = popen("ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1", "r");
  char buf[256];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (p) pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string AsPostgres(const std::string& command) {
  return geteuid() == 0 ? "runuser -u postgres -- " + command : command;
}

}  // namespace

TestDatabase::TestDatabase(const std::string& purpose) {
  static std::atomic<int> counter{0};
  name_ = absl::StrCat("t_", Sanitize(purpose), "_", getpid(), "_", counter++);
  try {
    pqxx::connection admin("dbname=postgres");
    pqxx::nontransaction tx(admin);
    tx.exec("CREATE DATABASE " + tx.quote_name(name_));
  } catch (const std::exception& e) {
    ADD_FAILURE() << "PostgreSQL not reachable (run the tests with ops/test.sh): " << e.what();
    throw;
  }
  conninfo_ = "dbname=" + name_;
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin("dbname=postgres");
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
  } catch (const std::exception&) {
  }
}

void TestDatabase::Exec(const std::string& sql) const {
  pqxx::connection c(conninfo_);
  pqxx::nontransaction tx(c);
  tx.exec(sql);
}

std::string TestDatabase::Query(const std::string& sql) const {
  pqxx::connection c(conninfo_);
  pqxx::nontransaction tx(c);
  pqxx::result r = tx.exec(sql);
  if (r.empty() || r[0][0].is_null()) return "";
  return r[0][0].as<std::string>();
}

PrivateCluster::PrivateCluster() {
  char tmpl[] = "/tmp/ozjt-pc.XXXXXX";
  dir_ = mkdtemp(tmpl);
  if (geteuid() == 0) Run("chown postgres:postgres " + dir_);
  Run(AsPostgres(PgBin() + "/initdb -D " + dir_ +
                 " -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"));
  Start();
}

PrivateCluster::~PrivateCluster() {
  Stop();
  Run("rm -rf " + dir_);
}

std::string PrivateCluster::conninfo() const {
  return "host=" + dir_ + " user=postgres dbname=postgres connect_timeout=2";
}

void PrivateCluster::Start() {
  Run(AsPostgres(PgBin() + "/pg_ctl -D " + dir_ + " -l " + dir_ + "/server.log -w -t 60 -o \"" +
                 "-c listen_addresses='' -c unix_socket_directories='" + dir_ +
                 "' -c fsync=off\" start >/dev/null"));
}

void PrivateCluster::Stop() {
  std::system(
      AsPostgres(PgBin() + "/pg_ctl -D " + dir_ + " -m fast -w stop >/dev/null 2>&1").c_str());
}

void PrivateCluster::Restart() {
  Stop();
  Start();
}

TestDatabase* ServerSuite::db_ = nullptr;
TestServer* ServerSuite::server_ = nullptr;

void ServerSuite::SetUpTestSuite() {
  db_ = new TestDatabase(::testing::UnitTest::GetInstance()->current_test_suite()->name());
  server_ = new TestServer(db_->conninfo());
}

void ServerSuite::TearDownTestSuite() {
  delete server_;
  delete db_;
  server_ = nullptr;
  db_ = nullptr;
}

google::type::Date Date(int year, int month, int day) {
  google::type::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

std::string DayText(const google::type::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::vector<std::string> ViolationFields(const grpc::Status& status) {
  google::rpc::Status details;
  std::vector<std::string> fields;
  if (!details.ParseFromString(status.error_details())) return fields;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) fields.push_back(v.field());
    }
  }
  return fields;
}

std::vector<std::string> ViolationDescriptions(const grpc::Status& status) {
  google::rpc::Status details;
  std::vector<std::string> out;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) out.push_back(v.description());
    }
  }
  return out;
}

std::string DutchMessage(const grpc::Status& status) {
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return "";
  for (const auto& any : details.details()) {
    google::rpc::LocalizedMessage m;
    if (any.UnpackTo(&m) && m.locale() == "nl-NL") return m.message();
  }
  return "";
}

std::vector<platform::ModuleEntry> AllModules() {
  return {registry::RegistryModuleEntry(),
          contracts::ContractsModuleEntry(),
          accountregion::AccountRegionModuleEntry(),
          screening::ScreeningModuleEntry(),
          supervision::SupervisionModuleEntry(),
          jzplus::InflowModuleEntry(),
          insight::InsightModuleEntry(),
          audit::AuditModuleEntry()};
}

std::string TempFile(const std::string& text, const std::string& suffix) {
  static std::atomic<int> counter{0};
  std::string path = absl::StrCat("/tmp/ozjt-test-", getpid(), "-", counter++, suffix);
  std::ofstream(path) << text;
  return path;
}

TestServer::TestServer(const std::string& database_conninfo, std::vector<std::string> services,
                       const std::string& tls_cert, const std::string& tls_key,
                       absl::CivilDay today, platform::CallBudgets budgets) {
  keys_ = *platform::GenerateKeyPair(platform::KeyType::kEc);
  key_file_ = TempFile(keys_.public_pem, ".pub");
  // The insight service's pseudonym key (settings come from the environment): one per test
  // process unless the test set its own (an empty value: no key, imports refused).
  if (std::getenv("OZJT_INSIGHT_KEY_FILE") == nullptr) {
    setenv("OZJT_INSIGHT_KEY_FILE", TempFile(std::string(64, 'k'), ".key").c_str(), 1);
  }
  platform::ServerConfig config;
  config.database_url = database_conninfo;
  config.listen = "127.0.0.1:0";
  config.services = std::move(services);
  config.jwt_public_key_files = {key_file_};
  config.http_listen = "127.0.0.1:0";
  config.fixed_today = today;
  config.tls_cert_file = tls_cert;
  config.tls_key_file = tls_key;
  config.db_pool_wait_ms = 5000;
  config.call_budgets = budgets;
  auto host = platform::Host::Start(config, AllModules());
  if (!host.ok()) {
    ADD_FAILURE() << "server did not start: " << host.status();
    throw std::runtime_error("server did not start");
  }
  host_ = *std::move(host);
}

TestServer::~TestServer() {
  if (host_) host_->Shutdown(std::chrono::milliseconds(100));
  std::remove(key_file_.c_str());
}

std::shared_ptr<grpc::Channel> TestServer::Channel() const {
  return grpc::CreateChannel(address(), grpc::InsecureChannelCredentials());
}

std::string TestServer::Token(platform::Role role, const std::string& municipality,
                              const std::string& subject) const {
  platform::TokenRequest r;
  r.role = role;
  r.subject = subject.empty() ? std::string(platform::RoleName(role)) : subject;
  if (role == platform::Role::kGemeenteContractManager) r.municipality_code = municipality;
  r.issued_at = std::chrono::system_clock::now();
  return *platform::IssueToken(keys_.private_pem, r);
}

std::unique_ptr<grpc::ClientContext> TestServer::Context(const std::string& token) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) ctx->AddMetadata("authorization", "Bearer " + token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return ctx;
}

registry::v1::Provider MinimalProvider(const std::string& kvk, const std::string& name) {
  registry::v1::Provider p;
  p.set_display_name(name);
  p.set_kvk_number(kvk);
  p.set_legal_form(registry::v1::LEGAL_FORM_BV);
  p.add_laws(registry::v1::LAW_WMO);
  p.set_tier(registry::v1::TIER_LOCAL);
  return p;
}

contracts::v1::Contract MinimalContract(const std::string& reference, const std::string& title) {
  namespace ct = contracts::v1;
  ct::Contract c;
  c.set_reference(reference);
  c.set_title(title);
  c.set_kind(ct::CONTRACT_KIND_SINGLE);
  c.set_domain(ct::CONTRACT_DOMAIN_WMO);
  c.set_family(ct::CONTRACT_FAMILY_GENERAL);
  auto* p = c.add_participations();
  p->set_municipality_code("0153");
  *p->mutable_valid_from() = Date(2025, 1, 1);
  *c.mutable_start_date() = Date(2025, 1, 1);
  *c.mutable_end_date() = Date(2027, 12, 31);
  c.set_status(ct::CONTRACT_STATUS_DRAFT);
  return c;
}

absl::StatusOr<int> LoadDemoContracts(const std::string& database_conninfo) {
  platform::Pool pool({database_conninfo, 1});
  pool.AddStatements(platform::AuditStatements());
  registry::PgProviderStore providers(pool);
  OZJT_ASSIGN_OR_RETURN(auto refs, providers.LoadReferenceCodes(platform::NoDeadline()));
  registry::Registry reg(providers, refs);
  contracts::PgContractStore store(pool);
  std::unique_ptr<registry::Directory> directory = registry::MakeDirectory(pool);
  platform::RequestInfo r;
  r.caller = {"system:demo-seed", platform::Role::kAdmin, ""};
  r.method = "test";
  r.today = absl::CivilDay(2026, 11, 25);
  OZJT_RETURN_IF_ERROR(reg.AddMissing(r, registry::DemoProviders()).status());
  return contracts::LoadDemoContracts(r, store, *directory);
}

}  // namespace ozjt::testing
