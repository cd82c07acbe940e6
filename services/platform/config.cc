#include "services/platform/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace ozjt::platform {
namespace {
std::string Env(const char* name, std::string fallback = "") {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::move(fallback);
}
// Comma-separated values, each without surrounding spaces ("a.key, b.key").
std::vector<std::string> List(const std::string& v) {
  std::vector<std::string> out;
  for (absl::string_view item : absl::StrSplit(v, ',', absl::SkipWhitespace())) {
    out.emplace_back(absl::StripAsciiWhitespace(item));
  }
  return out;
}
}  // namespace

absl::StatusOr<std::string> ReadSettingFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {
// A whole-number setting: `*out` keeps its default when unset or empty; a bad value adds
// an error naming the variable and the range.
void ModuleInt(const char* name, int min, int max, int* out, std::vector<std::string>& errors) {
  const std::string text = Env(name);
  if (text.empty()) return;
  int value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < min || value > max) {
    errors.push_back(
        absl::StrCat(name, ": a whole number from ", min, " to ", max, ", not '", text, "'"));
    return;
  }
  *out = value;
}

// The modules' settings, their errors added to `errors`.
ModulesConfig ReadModules(std::vector<std::string>& errors) {
  ModulesConfig m;
  ModuleInt("OZJT_SUPERVISION_GRACE_DAYS", 0, 365, &m.supervision.grace_days, errors);
  ModuleInt("OZJT_SUPERVISION_SYNC_SECONDS", 0, 86400, &m.supervision.sync_seconds, errors);
  ModuleInt("OZJT_SCREENING_VALIDITY_MONTHS", 1, 60, &m.screening.validity_months, errors);
  ModuleInt("OZJT_JZPLUS_BASELINE_YEAR", 2000, 2100, &m.jzplus.baseline_year, errors);
  ModuleInt("OZJT_JZPLUS_REDUCTION_PERCENT", 1, 50, &m.jzplus.reduction_percent, errors);
  m.accountregion.ratio_classes = Env("OZJT_RATIO_CLASSES");
  m.insight.key_file = Env("OZJT_INSIGHT_KEY_FILE");
  ModuleInt("OZJT_INSIGHT_KEY_VERSION", 1, 1000000, &m.insight.key_version, errors);
  m.insight.wait_norms = Env("OZJT_INSIGHT_WAIT_NORMS");
  return m;
}

// The HTTP servers' limits, their errors added to `errors`.
HttpLimits ReadHttpLimits(std::vector<std::string>& errors) {
  HttpLimits h;
  ModuleInt("OZJT_HTTP_MAX_CONNECTIONS", 1, 65536, &h.max_connections, errors);
  ModuleInt("OZJT_HTTP_KEEP_ALIVE_SECONDS", 1, 300, &h.keep_alive_seconds, errors);
  ModuleInt("OZJT_HTTP_READ_TIMEOUT_SECONDS", 1, 300, &h.read_timeout_seconds, errors);
  ModuleInt("OZJT_HTTP_WRITE_TIMEOUT_SECONDS", 1, 300, &h.write_timeout_seconds, errors);
  ModuleInt("OZJT_HTTP_MAX_BODY_BYTES", 1024, 64 * 1024 * 1024, &h.max_body_bytes, errors);
  return h;
}

// The HTTP port's address ("off": none) and the limits of the HTTP servers.
void ReadHttp(ServerConfig& c, std::vector<std::string>& errors) {
  c.http_listen = Env("OZJT_HTTP_LISTEN", c.http_listen);
  if (c.http_listen == "off") c.http_listen.clear();
  c.http_limits = ReadHttpLimits(errors);
}

CallBudgets ReadCallBudgets(std::vector<std::string>& errors) {
  CallBudgets b;
  ModuleInt("OZJT_MAX_READ_CALLS", 1, 4096, &b.reads, errors);
  ModuleInt("OZJT_MAX_HEAVY_READ_CALLS", 1, 1024, &b.heavy_reads, errors);
  ModuleInt("OZJT_MAX_WRITE_CALLS", 1, 4096, &b.writes, errors);
  ModuleInt("OZJT_CALL_QUEUE_MS", 0, 10000, &b.queue_ms, errors);
  return b;
}
}  // namespace

absl::StatusOr<CallLogSettings> CallLogSettingsFromEnvironment() {
  CallLogSettings log;
  log.file = Env("OZJT_CALL_LOG");
  log.level = Env("OZJT_LOG_LEVEL", log.level);
  if (log.level != "info" && log.level != "warn" && log.level != "error" && log.level != "off") {
    return absl::InvalidArgumentError("OZJT_LOG_LEVEL must be info, warn, error or off");
  }
  return log;
}

absl::StatusOr<HttpLimits> HttpLimitsFromEnvironment() {
  std::vector<std::string> errors;
  HttpLimits h = ReadHttpLimits(errors);
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "; "));
  return h;
}

absl::StatusOr<ModulesConfig> ModulesConfigFromEnvironment() {
  std::vector<std::string> errors;
  ModulesConfig m = ReadModules(errors);
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "; "));
  return m;
}

absl::StatusOr<ServerConfig> ConfigFromEnvironment() {
  ServerConfig c;
  std::vector<std::string> errors;
  c.database_url = Env("OZJT_DATABASE_URL");
  if (c.database_url.empty()) errors.push_back("OZJT_DATABASE_URL is required");
  c.listen = Env("OZJT_LISTEN", c.listen);
  c.services = List(Env("OZJT_SERVICES"));
  c.jwt_public_key_files = List(Env("OZJT_JWT_PUBLIC_KEYS"));
  if (c.jwt_public_key_files.empty()) errors.push_back("OZJT_JWT_PUBLIC_KEYS is required");
  c.jwt_issuer = Env("OZJT_JWT_ISSUER", c.jwt_issuer);
  c.jwt_audience = Env("OZJT_JWT_AUDIENCE", c.jwt_audience);
  c.page_token_key_files = List(Env("OZJT_PAGE_TOKEN_KEYS"));
  c.tls_cert_file = Env("OZJT_TLS_CERT");
  c.tls_key_file = Env("OZJT_TLS_KEY");
  if (c.tls_cert_file.empty() != c.tls_key_file.empty()) {
    errors.push_back("OZJT_TLS_CERT and OZJT_TLS_KEY must be set together");
  }
  ReadHttp(c, errors);
  auto number = [&](const char* name, int* out, int min, int max) {
    std::string v = Env(name);
    if (v.empty()) return;
    int n = 0;
    if (!absl::SimpleAtoi(v, &n) || n < min || n > max) {
      errors.push_back(absl::StrCat(name, " must be a whole number from ", min, " to ", max));
    } else {
      *out = n;
    }
  };
  number("OZJT_DB_POOL_SIZE", &c.db_pool_size, 1, 256);
  number("OZJT_IDEMPOTENCY_HOURS", &c.idempotency_hours, 24, 8760);
  c.call_budgets = ReadCallBudgets(errors);
  number("OZJT_DB_POOL_WAIT_MS", &c.db_pool_wait_ms, 0, 600000);
  c.db_role = Env("OZJT_DB_ROLE", c.db_role);
  std::string migrate = Env("OZJT_MIGRATE", "1");
  if (migrate != "0" && migrate != "1") errors.push_back("OZJT_MIGRATE must be 0 or 1");
  c.migrate = migrate == "1";
  if (absl::StatusOr<CallLogSettings> log = CallLogSettingsFromEnvironment(); log.ok()) {
    c.log_level = log->level;
    c.call_log_file = log->file;
  } else {
    errors.emplace_back(log.status().message());
  }
  if (std::string today = Env("OZJT_TODAY"); !today.empty()) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(today, &day)) {
      errors.push_back("OZJT_TODAY must be a date YYYY-MM-DD");
    } else {
      c.fixed_today = day;
    }
  }
  c.modules = ReadModules(errors);
  if (!errors.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("configuration: ", absl::StrJoin(errors, "; ")));
  }
  return c;
}

}  // namespace ozjt::platform
