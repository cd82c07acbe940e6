#include "services/platform/migrations.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "services/platform/db.h"

namespace ozjt::platform {
namespace {
// Any constant works; it only has to be the same in every process.
constexpr long long kMigrationLock = 0x6f7a6a74;  // "ozjt"
}  // namespace

absl::Status ApplyMigrations(const std::string& conninfo) {
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(conninfo);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("cannot connect to the database: ", e.what()));
  }
  const Migration* current = nullptr;
  try {
    {
      pqxx::nontransaction tx(*conn);
      tx.exec("SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")");
      tx.exec(
          "CREATE TABLE IF NOT EXISTS public.schema_migrations ("
          " version int PRIMARY KEY, name text NOT NULL,"
          " applied_at timestamptz NOT NULL DEFAULT now())");
    }
    for (const Migration& m : AllMigrations()) {
      current = &m;
      pqxx::work tx(*conn);
      auto done =
          tx.exec_params("SELECT 1 FROM public.schema_migrations WHERE version = $1", m.version);
      if (!done.empty()) continue;
      tx.exec(m.sql);
      tx.exec_params("INSERT INTO public.schema_migrations (version, name) VALUES ($1, $2)",
                     m.version, std::string(m.name));
      tx.commit();
    }
    pqxx::nontransaction tx(*conn);
    tx.exec("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")");
    return absl::OkStatus();
  } catch (const std::exception& e) {
    absl::Status s = StatusFromDbError(e);
    if (s.code() == absl::StatusCode::kUnavailable) return s;
    return absl::InternalError(
        absl::StrCat("migration ", current ? current->name : "(setup)", " failed: ", e.what()));
  }
}

}  // namespace ozjt::platform
