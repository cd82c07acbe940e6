// Schema migrations: the numbered SQL files in ops/migrations/, embedded at build time.
//
//   OZJT_RETURN_IF_ERROR(ApplyMigrations(conninfo));
//
// Each migration runs once, in its own transaction, and is recorded in
// public.schema_migrations. A session advisory lock serialises processes that start at the
// same time, so two hosts starting together apply each migration exactly once.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace ozjt::platform {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// All migrations in version order (generated from ops/migrations/).
const std::vector<Migration>& AllMigrations();

// Applies the migrations the database does not have yet, connecting with `conninfo` as the
// login role (not the services' restricted role). Returns UNAVAILABLE when the database cannot
// be reached and INTERNAL (naming the migration) when one fails; a failed migration leaves
// nothing of itself behind.
absl::Status ApplyMigrations(const std::string& conninfo);

}  // namespace ozjt::platform
