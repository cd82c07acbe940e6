// Server configuration, read once at start-up from the environment and validated; a bad
// value stops the process with a message naming the variable.
//
//   OZJT_DATABASE_URL     libpq connection string or URL (required)
//   OZJT_LISTEN           gRPC address, default 127.0.0.1:50051 (port 0 picks a free port)
//   OZJT_SERVICES         comma-separated services to serve, default all
//   OZJT_JWT_PUBLIC_KEYS  comma-separated PEM files of token verification keys (required)
//   OZJT_JWT_ISSUER       required token issuer, default ozjt-local
//   OZJT_JWT_AUDIENCE     required token audience, default ozjt-contracts
//   OZJT_PAGE_TOKEN_KEYS  comma-separated files of page-token secrets (the first seals, all
//                         open; `ozjt-admin keygen` writes one); unset: a random secret per
//                         process (development only; tokens do not survive a restart)
//   OZJT_TLS_CERT, OZJT_TLS_KEY  PEM files; both set means TLS, neither means plaintext
//   OZJT_HTTP_LISTEN      HTTP address for /metrics and /agenda.ics, default 127.0.0.1:9464;
//                         "off" disables (port 0 picks a free port)
//   The limits of both HTTP servers (this port and the web gateway's; HttpLimits below):
//   OZJT_HTTP_MAX_CONNECTIONS        open connections per server, 1 to 65536, default 512
//   OZJT_HTTP_KEEP_ALIVE_SECONDS     an idle connection is closed after, 1 to 300, default 5
//   OZJT_HTTP_READ_TIMEOUT_SECONDS   a request must arrive within, 1 to 300, default 10
//   OZJT_HTTP_WRITE_TIMEOUT_SECONDS  a write may wait at most, 1 to 300, default 10
//   OZJT_HTTP_MAX_BODY_BYTES         largest request body, 1024 to 67108864, default 1048576
//   OZJT_DB_POOL_SIZE     connections, default 8
//   OZJT_DB_POOL_WAIT_MS  wait for a free connection before RESOURCE_EXHAUSTED, default 2000
//   OZJT_DB_ROLE          role the services SET after connecting, default ozjt_app
//   OZJT_MIGRATE          apply migrations at start-up, default 1
//   The call budget (CallBudgets below): calls served at once per class of method; a call
//   that finds its class's budget spent waits at most OZJT_CALL_QUEUE_MS, then is
//   RESOURCE_EXHAUSTED:
//   OZJT_MAX_READ_CALLS        reads, 1 to 4096, default 64
//   OZJT_MAX_HEAVY_READ_CALLS  heavy reads (agenda, reports, exports), 1 to 1024, default 4
//   OZJT_MAX_WRITE_CALLS       changes, 1 to 4096, default 16
//   OZJT_CALL_QUEUE_MS         0 to 10000, default 100
//   OZJT_IDEMPOTENCY_HOURS  how long the answer to a change is kept for a retry with the same
//                         request_id (idempotency.h), 24 to 8760, default 48
//   OZJT_LOG_LEVEL        call log: info (every call, default), warn (failed calls), error
//                         (server-side failures only) or off
//   OZJT_TODAY            YYYY-MM-DD: the day every request sees (demos and tests only)
//   OZJT_CALL_LOG         file the call log is appended to (stderr keeps the errors); unset:
//                         every line on stderr
//
// The modules' own settings (ModulesConfig, one struct per module; each module gets its part
// when the host builds it, through Platform::modules()):
//   OZJT_SUPERVISION_GRACE_DAYS     days after an action's due date before it escalates, 0 to
//                                   365, default 14 (supervision and the contracts agenda)
//   OZJT_SUPERVISION_SYNC_SECONDS   how often contract mutations are synced, 0 (off) to 86400,
//                                   default 60
//   OZJT_SCREENING_VALIDITY_MONTHS  months an admitting decision allows an award, 1 to 60,
//                                   default 24
//   OZJT_JZPLUS_BASELINE_YEAR       baseline year of the Jeugdzorg Plus target, 2000 to 2100,
//                                   default 2022
//   OZJT_JZPLUS_REDUCTION_PERCENT   yearly reduction of that target, 1 to 50, default 10
//   OZJT_INSIGHT_KEY_FILE           file with the key of the BSN pseudonyms (at least 32 bytes);
//                                   unset: the insight service refuses imports
//   OZJT_INSIGHT_KEY_VERSION        the version of that key, 1 to 1000000, default 1
//   OZJT_INSIGHT_WAIT_NORMS         waiting-time norms in days: "42" or "42,jw/45=28,wmo/07=42"
//                                   (default, then law/category); parsed by the insight module
//   OZJT_RATIO_CLASSES              ratio class bounds (parsed and checked by the
//                                   accountregion module); unset: the CBS classes
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace ozjt::platform {

struct SupervisionConfig {
  int grace_days = 14;
  int sync_seconds = 60;  // 0: no background sync
};
struct ScreeningConfig {
  int validity_months = 24;
};
struct JzplusConfig {
  int baseline_year = 2022;
  int reduction_percent = 10;
};
struct InsightConfig {
  std::string key_file;  // empty: no imports
  int key_version = 1;
  std::string wait_norms;  // as given; empty: the default norm (insight/measures.h)
};
struct AccountRegionConfig {
  std::string ratio_classes;  // as given; empty: the CBS classes
};
struct ModulesConfig {
  SupervisionConfig supervision;
  ScreeningConfig screening;
  JzplusConfig jzplus;
  AccountRegionConfig accountregion;
  InsightConfig insight;
};

// The limits of an HTTP server (http_server.h), the same for the host's HTTP port and the web
// gateway.
struct HttpLimits {
  // Connections served at once, each on its own thread; further ones wait until one closes.
  int max_connections = 512;
  // An idle connection (no request yet, or between requests) is closed after this long.
  int keep_alive_seconds = 5;
  // A request (line, headers and body) must arrive within this long of its first byte.
  int read_timeout_seconds = 10;
  // A write to a client that does not read waits at most this long.
  int write_timeout_seconds = 10;
  // Larger request bodies get 413, with or without Content-Length.
  int max_body_bytes = 1024 * 1024;
};

// How many calls of each class (call.h CallClass) the server serves at once, and how long a
// call waits for a place before RESOURCE_EXHAUSTED.
struct CallBudgets {
  int reads = 64;
  int heavy_reads = 4;
  int writes = 16;
  int queue_ms = 50;
};

// The gRPC server's thread limit for `budgets`: every admitted call, and 16 more to refuse
// the others and answer health checks.
inline int MaxGrpcThreads(const CallBudgets& budgets) {
  return budgets.reads + budgets.heavy_reads + budgets.writes + 16;
}

struct ServerConfig {
  std::string database_url;
  std::string listen = "127.0.0.1:50051";
  std::vector<std::string> services;  // empty: all
  std::vector<std::string> jwt_public_key_files;
  std::string jwt_issuer = "ozjt-local";
  std::string jwt_audience = "ozjt-contracts";
  // Page-token secret files (page_token.h); empty: a random secret of this process.
  std::vector<std::string> page_token_key_files;
  std::string tls_cert_file;
  std::string tls_key_file;
  std::string http_listen = "127.0.0.1:9464";  // empty: off
  HttpLimits http_limits;
  int db_pool_size = 8;
  int db_pool_wait_ms = 2000;
  std::string db_role = "ozjt_app";
  bool migrate = true;
  int idempotency_hours = 48;
  CallBudgets call_budgets;
  // Call log lines: info (every call), warn (failed calls), error (server-side failures), off.
  std::string log_level = "info";
  std::string call_log_file;  // empty: stderr
  std::optional<absl::CivilDay> fixed_today;
  // The modules' settings. ConfigFromEnvironment always fills them; a configuration built by
  // hand (tests) may leave them unset, and the host then reads them from the environment.
  std::optional<ModulesConfig> modules;
};

// Reads the OZJT_* variables above. INVALID_ARGUMENT listing every bad or missing variable.
absl::StatusOr<ServerConfig> ConfigFromEnvironment();

// The whole text of a file a setting names (a key, a certificate); INVALID_ARGUMENT
// "cannot read PATH" when it cannot be read.
absl::StatusOr<std::string> ReadSettingFile(const std::string& path);

// Where the call log goes and what it keeps (call_log.h): OZJT_CALL_LOG and OZJT_LOG_LEVEL,
// read by ozjt-host and ozjt-web alike.
struct CallLogSettings {
  std::string file;  // empty: stderr
  std::string level = "info";
};
// INVALID_ARGUMENT naming OZJT_LOG_LEVEL when it is not info, warn, error or off.
absl::StatusOr<CallLogSettings> CallLogSettingsFromEnvironment();

// The OZJT_HTTP_* limits above. INVALID_ARGUMENT naming each bad variable and its range.
absl::StatusOr<HttpLimits> HttpLimitsFromEnvironment();

// The OZJT_* variables of the modules (ModulesConfig above). INVALID_ARGUMENT naming each bad
// variable and its range, e.g. "OZJT_SUPERVISION_GRACE_DAYS: a whole number from 0 to 365, not
// 'x'" (several joined by "; ").
absl::StatusOr<ModulesConfig> ModulesConfigFromEnvironment();

}  // namespace ozjt::platform
