// ozjt-admin: operations commands that work on keys and the database directly.
//
//   ozjt-admin keygen --dir .keys              signing key pair for local tokens and a
//                                              page-token secret (page-token.key)
//   ozjt-admin token --key .keys/signing.key --role gemeente_contract_manager
//                    --municipality 0153 --subject e.jansen
//   ozjt-admin migrate                         apply migrations (OZJT_DATABASE_URL)
//   ozjt-admin seed-demo                       load the demo providers (idempotent)
//   ozjt-admin import-dataset DIR              bulk import of a dataset (see dataset.h)
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/admin/dataset.h"
#include "services/accountregion/demo_data.h"
#include "services/accountregion/pg_store.h"
#include "services/audit/chain.h"
#include "services/contracts/demo_data.h"
#include "services/contracts/pg_store.h"
#include "services/insight/demo_data.h"
#include "services/insight/pg_store.h"
#include "services/jzplus/demo_data.h"
#include "services/jzplus/pg_store.h"
#include "services/platform/audit.h"
#include "services/platform/auth.h"
#include "services/platform/db.h"
#include "services/platform/migrations.h"
#include "services/platform/page_token.h"
#include "services/registry/demo_data.h"
#include "services/registry/directory.h"
#include "services/registry/pg_store.h"
#include "services/registry/registry.h"
#include "services/screening/demo_data.h"
#include "services/screening/pg_store.h"
#include "services/supervision/demo_data.h"
#include "services/supervision/pg_store.h"

namespace ozjt::admin {
namespace {

int Fail(const std::string& message) {
  std::cerr << "ozjt-admin: " << message << std::endl;
  return 1;
}

std::string DatabaseUrl() {
  const char* url = std::getenv("OZJT_DATABASE_URL");
  return url ? url : "";
}

bool WriteFile(const std::filesystem::path& path, const std::string& text, mode_t mode) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  return out.good() && chmod(path.c_str(), mode) == 0;
}

// "8h", "30m", "90s", "2d" -> seconds; 0 when malformed.
long long ParseDuration(const std::string& text) {
  if (text.size() < 2) return 0;
  long long n = 0;
  if (!absl::SimpleAtoi(text.substr(0, text.size() - 1), &n) || n <= 0) return 0;
  switch (text.back()) {
    case 's':
      return n;
    case 'm':
      return n * 60;
    case 'h':
      return n * 3600;
    case 'd':
      return n * 86400;
    default:
      return 0;
  }
}

// Today in Europe/Amsterdam (or OZJT_TODAY, as the servers see it).
absl::CivilDay Today() {
  absl::CivilDay day;
  const char* fixed = std::getenv("OZJT_TODAY");
  if (fixed && absl::ParseCivilTime(fixed, &day)) return day;
  absl::TimeZone amsterdam;
  if (!absl::LoadTimeZone("Europe/Amsterdam", &amsterdam)) amsterdam = absl::FixedTimeZone(3600);
  return absl::ToCivilDay(absl::Now(), amsterdam);
}

// The options of the commands, filled by the command line.
struct KeygenOptions {
  std::string dir = ".keys";
  std::string type = "rsa";
  bool force = false;
};
struct TokenOptions {
  std::string key_file, role_name, municipality, subject, ttl = "8h";
  std::string issuer = "ozjt-local", audience = "ozjt-contracts";
};

int Keygen(const KeygenOptions& options) {
  std::filesystem::path dir(options.dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  // The page-token secret (OZJT_PAGE_TOKEN_KEYS), also added to an existing key directory.
  if (!std::filesystem::exists(dir / "page-token.key") || options.force) {
    if (!WriteFile(dir / "page-token.key", platform::NewPageTokenSecret(), 0600)) {
      return Fail("cannot write " + (dir / "page-token.key").string());
    }
    std::cout << "wrote " << (dir / "page-token.key").string() << std::endl;
  }
  // The key of the insight service's BSN pseudonyms (OZJT_INSIGHT_KEY_FILE): made once and
  // never replaced, not even with --force (a new key makes new pseudonyms: README, Privacy).
  if (!std::filesystem::exists(dir / "insight.key")) {
    if (!WriteFile(dir / "insight.key", platform::NewPageTokenSecret(), 0600)) {
      return Fail("cannot write " + (dir / "insight.key").string());
    }
    std::cout << "wrote " << (dir / "insight.key").string() << std::endl;
  }
  if (std::filesystem::exists(dir / "signing.key") && !options.force) {
    std::cout << "key pair exists: " << (dir / "signing.key").string() << std::endl;
    return 0;
  }
  auto pair = platform::GenerateKeyPair(options.type == "ec" ? platform::KeyType::kEc
                                                             : platform::KeyType::kRsa);
  if (!pair.ok()) return Fail(std::string(pair.status().message()));
  if (!WriteFile(dir / "signing.key", pair->private_pem, 0600) ||
      !WriteFile(dir / "signing.pub", pair->public_pem, 0644)) {
    return Fail("cannot write keys to " + dir.string());
  }
  std::cout << "wrote " << (dir / "signing.key").string() << " and "
            << (dir / "signing.pub").string() << std::endl;
  return 0;
}

int Token(const TokenOptions& options) {
  std::optional<platform::Role> role = platform::ParseRole(options.role_name);
  if (!role) return Fail("unknown role '" + options.role_name + "'");
  const long long seconds = ParseDuration(options.ttl);
  if (seconds <= 0) return Fail("--ttl must look like 90s, 30m, 8h or 2d");
  std::ifstream in(options.key_file);
  if (!in) return Fail("cannot read " + options.key_file);
  std::stringstream pem;
  pem << in.rdbuf();
  platform::TokenRequest request;
  request.subject = options.subject.empty() ? options.role_name : options.subject;
  request.role = *role;
  request.municipality_code = options.municipality;
  request.issuer = options.issuer;
  request.audience = options.audience;
  request.issued_at = std::chrono::system_clock::now();
  request.lifetime = std::chrono::seconds(seconds);
  auto jwt = platform::IssueToken(pem.str(), request);
  if (!jwt.ok()) return Fail(std::string(jwt.status().message()));
  std::cout << *jwt << std::endl;
  return 0;
}

int VerifyAudit(const std::string& url) {
  try {
    pqxx::connection connection(url);
    pqxx::read_transaction tx(connection);
    const audit::ChainReport report = audit::VerifyAuditChain(tx);
    if (!report.intact) {
      std::cout << "audit chain BROKEN at position " << report.broken_at_seq
                << (report.broken_at_id
                        ? " (audit record " + std::to_string(report.broken_at_id) + ")"
                        : "")
                << ": " << report.reason << " (" << report.records
                << " records before it are intact)" << std::endl;
      return 1;
    }
    std::cout << "audit chain intact: " << report.records << " records, head " << report.head_hash
              << std::endl;
    if (report.unchained > 0) {
      std::cout << report.unchained << " records not chained yet (the oldest recorded "
                << absl::FormatTime(absl::RFC3339_sec, *report.oldest_unchained,
                                    absl::UTCTimeZone())
                << "; a running host chains them within a second)" << std::endl;
    }
    return 0;
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
}

int Import(const std::string& url, const std::string& dataset_dir) {
  const auto start = std::chrono::steady_clock::now();
  auto report = ImportDataset(url, dataset_dir, "system:import-dataset");
  if (!report.ok()) return Fail(std::string(report.status().message()));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const auto& [table, rows] : report->rows) {
    std::cout << table << ": " << rows << " rows" << std::endl;
  }
  std::cout << "imported " << report->total_rows << " rows in " << seconds << " s" << std::endl;
  return 0;
}

// The demo iJw/iWmo traffic, pseudonymised with the key of OZJT_INSIGHT_KEY_FILE (skipped
// without one).
int SeedDemoTraffic(const platform::RequestInfo& request, platform::Pool& pool) {
  const char* key_file = std::getenv("OZJT_INSIGHT_KEY_FILE");
  if (key_file == nullptr || *key_file == '\0') {
    std::cout << "demo iJw/iWmo messages skipped: OZJT_INSIGHT_KEY_FILE is not set" << std::endl;
    return 0;
  }
  int version = 1;
  const char* version_text = std::getenv("OZJT_INSIGHT_KEY_VERSION");
  if (version_text != nullptr && *version_text != '\0') version = std::atoi(version_text);
  auto pseudonymiser = insight::Pseudonymiser::FromFile(key_file, version);
  if (!pseudonymiser.ok()) return Fail(std::string(pseudonymiser.status().message()));
  insight::PgInsightStore store(pool);
  auto messages = insight::LoadDemoTraffic(request, store, *pseudonymiser);
  if (!messages.ok()) return Fail(std::string(messages.status().message()));
  std::cout << "demo iJw/iWmo messages " << (*messages > 0 ? "added: " : "present")
            << (*messages > 0 ? std::to_string(*messages) : "") << std::endl;
  return 0;
}

int SeedDemo(const std::string& url) {
  platform::Pool pool({url, 1});
  pool.AddStatements(platform::AuditStatements());
  registry::PgProviderStore store(pool);
  auto refs = store.LoadReferenceCodes(platform::NoDeadline());
  if (!refs.ok()) return Fail(std::string(refs.status().message()));
  registry::Registry reg(store, *refs);
  platform::RequestInfo request;
  request.caller = {"system:demo-seed", platform::Role::kAdmin, ""};
  request.method = "ozjt-admin seed-demo";
  request.request_id = "seed-demo";
  request.today = Today();
  auto added = reg.AddMissing(request, registry::DemoProviders());
  if (!added.ok()) return Fail(std::string(added.status().message()));
  std::cout << "demo providers added: " << *added << " (of " << registry::kDemoProviderCount << ")"
            << std::endl;
  std::unique_ptr<registry::Directory> directory = registry::MakeDirectory(pool);
  contracts::PgContractStore contract_store(pool);
  auto contracts_added = contracts::LoadDemoContracts(request, contract_store, *directory);
  if (!contracts_added.ok()) return Fail(std::string(contracts_added.status().message()));
  std::cout << "demo contracts added: " << *contracts_added << std::endl;
  accountregion::PgAccountRegionStore region_store(pool);
  auto continuity = accountregion::LoadDemoContinuity(request, region_store, *directory);
  if (!continuity.ok()) return Fail(std::string(continuity.status().message()));
  std::cout << "demo continuity data " << (*continuity ? "added" : "present") << std::endl;
  screening::PgScreeningStore screening_store(pool);
  auto screened = screening::LoadDemoScreening(request, screening_store, *directory);
  if (!screened.ok()) return Fail(std::string(screened.status().message()));
  std::cout << "demo screening data " << (*screened ? "added" : "present") << std::endl;
  supervision::PgSupervisionStore supervision_store(pool);
  auto supervised = supervision::LoadDemoSupervision(request, supervision_store, *directory);
  if (!supervised.ok()) return Fail(std::string(supervised.status().message()));
  std::cout << "demo supervision data " << (*supervised ? "added" : "present") << std::endl;
  jzplus::PgInflowStore inflow_store(pool);
  auto inflow = jzplus::LoadDemoInflow(request, inflow_store, *directory);
  if (!inflow.ok()) return Fail(std::string(inflow.status().message()));
  std::cout << "demo Jeugdzorg Plus inflow " << (*inflow ? "added" : "present") << std::endl;
  if (int rc = SeedDemoTraffic(request, pool)) return rc;
  insight::PgInsightStore insight_store(pool);  // after the traffic: the ceilings read it
  auto ceilings = insight::LoadDemoCeilings(request, insight_store);
  if (!ceilings.ok()) return Fail(std::string(ceilings.status().message()));
  std::cout << "demo spending ceilings " << (*ceilings ? "added" : "present") << std::endl;
  return 0;
}

// Parses the command line and runs the command named.
int Run(int argc, char** argv) {
  CLI::App app("OZJT operations: keys, tokens, migrations, demo data");
  app.require_subcommand(1);

  auto* keygen = app.add_subcommand(
      "keygen", "create a signing key pair and a page-token secret (kept if present)");
  KeygenOptions k;
  keygen->add_option("--dir", k.dir, "directory for signing.key and signing.pub");
  keygen->add_option("--type", k.type, "rsa (RS256) or ec (ES256)")
      ->check(CLI::IsMember({"rsa", "ec"}));
  keygen->add_flag("--force", k.force, "replace an existing key pair");

  auto* token = app.add_subcommand("token", "issue a token (for local use and tests)");
  TokenOptions t;
  token->add_option("--key", t.key_file, "PEM private key")->required();
  token
      ->add_option("--role", t.role_name,
                   "ozjt_contract_manager, toezichthouder, gemeente_contract_manager, "
                   "screening_officer, auditor or admin")
      ->required();
  token->add_option("--municipality", t.municipality, "CBS code (gemeente_contract_manager)");
  token->add_option("--subject", t.subject, "who the token is for (default: the role name)");
  token->add_option("--ttl", t.ttl, "lifetime: 90s, 30m, 8h, 2d");
  token->add_option("--issuer", t.issuer, "iss claim");
  token->add_option("--audience", t.audience, "aud claim");

  auto* migrate = app.add_subcommand("migrate", "apply database migrations (OZJT_DATABASE_URL)");
  auto* seed = app.add_subcommand("seed-demo", "load the demo providers (OZJT_DATABASE_URL)");
  auto* import = app.add_subcommand(
      "import-dataset", "bulk import of a dataset directory in one transaction (see README)");
  std::string dataset_dir;
  import->add_option("dir", dataset_dir, "directory of <schema>.<table>.copy files")->required();
  auto* verify = app.add_subcommand(
      "verify-audit", "check the audit log's hash chain; report the first broken link");

  CLI11_PARSE(app, argc, argv);

  if (*keygen) return Keygen(k);
  if (*token) return Token(t);

  const std::string url = DatabaseUrl();
  if (url.empty()) return Fail("set OZJT_DATABASE_URL");
  if (absl::Status s = platform::ApplyMigrations(url); !s.ok()) {
    return Fail(std::string(s.message()));
  }
  if (*migrate) {
    std::cout << "migrations applied" << std::endl;
    return 0;
  }
  if (*verify) return VerifyAudit(url);
  if (*import) return Import(url, dataset_dir);
  if (*seed) return SeedDemo(url);
  return 0;
}

}  // namespace
}  // namespace ozjt::admin

int main(int argc, char** argv) {
  try {
    return ozjt::admin::Run(argc, argv);
  } catch (const std::exception& e) {
    // Nothing above throws on purpose; a library that does ends the command with its message.
    return ozjt::admin::Fail(e.what());
  }
}
