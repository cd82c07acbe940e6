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
//   OZJT_DB_POOL_SIZE     connections, default 8
//   OZJT_DB_POOL_WAIT_MS  wait for a free connection before RESOURCE_EXHAUSTED, default 2000
//   OZJT_DB_ROLE          role the services SET after connecting, default ozjt_app
//   OZJT_MIGRATE          apply migrations at start-up, default 1
//   OZJT_LOG_LEVEL        call log: info (every call, default), warn (failed calls), error
//                         (server-side failures only) or off
//   OZJT_TODAY            YYYY-MM-DD: the day every request sees (demos and tests only)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace ozjt::platform {

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
  int db_pool_size = 8;
  int db_pool_wait_ms = 2000;
  std::string db_role = "ozjt_app";
  bool migrate = true;
  // Call log lines: info (every call), warn (failed calls), error (server-side failures), off.
  std::string log_level = "info";
  std::optional<absl::CivilDay> fixed_today;
};

// Reads the OZJT_* variables above. INVALID_ARGUMENT listing every bad or missing variable.
absl::StatusOr<ServerConfig> ConfigFromEnvironment();

// The whole text of a file a setting names (a key, a certificate); INVALID_ARGUMENT
// "cannot read PATH" when it cannot be read.
absl::StatusOr<std::string> ReadSettingFile(const std::string& path);

// A whole-number setting a module reads at start-up (e.g. OZJT_SUPERVISION_GRACE_DAYS):
// `fallback` when unset or empty; INVALID_ARGUMENT naming the variable and the range otherwise.
absl::StatusOr<int> IntFromEnvironment(const char* name, int fallback, int min, int max);

}  // namespace ozjt::platform
