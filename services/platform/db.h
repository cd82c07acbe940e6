// The PostgreSQL connection pool every service's store uses (libpqxx 6.4).
//
// A fixed number of connections, opened lazily; each one runs `SET ROLE <role>` and prepares
// the registered statements when it opens. Work runs in a callback that gets a transaction:
//
//   pool.Write(deadline, [&](pqxx::work& tx) -> absl::Status {
//     tx.exec_prepared0("provider_insert", ...);
//     return absl::OkStatus();        // commit; any other status rolls back
//   });
//
// Database errors never escape as exceptions: they become a status (see StatusFromDbError).
// A connection found broken (PostgreSQL restarted) is dropped and the call is tried once more
// on a new connection, so the first calls after a restart succeed; while PostgreSQL is down,
// calls fail with UNAVAILABLE. Transactions never commit part of a change.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace ozjt::platform {

using Deadline = std::chrono::system_clock::time_point;
inline Deadline NoDeadline() { return Deadline::max(); }

struct PoolOptions {
  // libpq connection string or URL.
  std::string conninfo;
  // Number of connections.
  int size = 8;
  // How long a call waits for a free connection before RESOURCE_EXHAUSTED.
  std::chrono::milliseconds acquire_timeout{2000};
  // Role to SET after connecting (the services' restricted role); empty keeps the login role.
  std::string role = "ozjt_app";
};

// Maps a libpqxx exception to the status the caller should act on: UNAVAILABLE (retry the
// call) for a lost connection, ABORTED for serialization failures and deadlocks,
// ALREADY_EXISTS for a unique violation, DEADLINE_EXCEEDED for a statement timeout,
// INVALID_ARGUMENT for a check violation, INTERNAL otherwise.
absl::Status StatusFromDbError(const std::exception& e);

class Pool {
 public:
  explicit Pool(PoolOptions options);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Registers statements (name, SQL with $n parameters) prepared on every connection,
  // including those already open; a name registered twice keeps the first SQL.
  void AddStatements(const std::vector<std::pair<std::string, std::string>>& statements);

  // Runs `fn` in a read-write transaction; commits when it returns OK, rolls back otherwise.
  absl::Status Write(Deadline deadline, const std::function<absl::Status(pqxx::work&)>& fn);

  // Runs `fn` without a transaction block (one statement per call of `fn` is one snapshot):
  // the cheapest way to read.
  absl::Status Read(Deadline deadline,
                    const std::function<absl::Status(pqxx::transaction_base&)>& fn);

  // Checks that a connection can be opened (used at start-up).
  absl::Status Ping();

  int size() const { return options_.size; }

 private:
  struct Slot;
  class Lease;
  template <typename Tx, typename Fn>
  absl::Status Run(Deadline deadline, const Fn& fn);
  absl::Status Acquire(Deadline deadline, Slot** slot);
  void Release(Slot* slot);
  absl::Status Connect(Slot* slot);
  // Prepares the statements registered since `slot` last prepared (throws on failure).
  void PrepareNew(Slot* slot);

  PoolOptions options_;
  std::vector<std::pair<std::string, std::string>> statements_;
  std::mutex mu_;
  std::condition_variable free_cv_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> free_;
};

}  // namespace ozjt::platform
