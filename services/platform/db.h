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

// The statement timeout the pool sets for a call with `remaining_ms` until its deadline (0: no
// deadline, no timeout): rounded up to a step of 1, 2 or 5 times a power of ten, so that calls
// with the same deadline find it already set on the connection (a round trip less per call);
// a statement can outlive its call's deadline by at most 2.5 times the time that was left.
long StatementTimeoutMs(long remaining_ms);

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

class CallTransaction;

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
  friend class CallTransaction;
  struct Slot;
  class Lease;
  template <typename Tx, typename Fn>
  absl::Status Run(Deadline deadline, const Fn& fn);
  absl::Status Acquire(Deadline deadline, Slot** slot);
  void Release(Slot* slot);
  absl::Status Connect(Slot* slot);
  // Prepares the statements registered since `slot` last prepared (throws on failure).
  void PrepareNew(Slot* slot);
  // Whether the exception `e` thrown on `slot`'s connection means that connection is gone.
  static bool IsLost(const Slot* slot, const std::exception& e);
  // The status of `e`: a lost connection is an outage (UNAVAILABLE), never INTERNAL.
  static absl::Status StatusOf(const std::exception& e, bool lost);

  PoolOptions options_;
  std::vector<std::pair<std::string, std::string>> statements_;
  std::mutex mu_;
  std::condition_variable free_cv_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> free_;
};

// One transaction for a whole call, so that a change and what is kept about it commit together
// (Platform::ServeWrite stores a change's answer under its idempotency key this way). While it
// is open on a thread, that thread's Write calls on `pool` join one transaction instead of
// committing each their own, and its Read calls read inside it once it is open. Nothing commits
// until Commit; destroying it without Commit rolls everything back. A Write that fails rolls
// back its own work when it is the first; after that, the whole call fails with it (libpqxx 6
// ends a transaction at its first failed statement, so a savepoint cannot undo one Write alone).
class CallTransaction {
 public:
  CallTransaction(Pool& pool, Deadline deadline);
  ~CallTransaction();
  CallTransaction(const CallTransaction&) = delete;
  CallTransaction& operator=(const CallTransaction&) = delete;

  // Runs `finish` in the joined transaction (in one of its own when no Write ran) and commits
  // when both the writes and `finish` succeeded; rolls back otherwise. Ends the joining.
  absl::Status Commit(const std::function<absl::Status(pqxx::work&)>& finish);

 private:
  friend class Pool;
  // The call open on this thread for `pool`, if any.
  static CallTransaction* Current(const Pool* pool);
  // Keeps the transaction of the call's first successful Write (and its connection).
  void Adopt(Pool::Slot* slot, std::unique_ptr<pqxx::work> tx);
  // Runs a later Write's or a Read's `fn` inside the open transaction; a failure breaks it.
  template <typename Fn>
  absl::Status Join(const Fn& fn);
  // Stops joining and gives the connection back (after a rollback unless committed).
  void Detach();
  // Drops the transaction and its connection (lost, or left unusable).
  void Drop();
  void Release();

  Pool& pool_;
  Deadline deadline_;
  CallTransaction* outer_ = nullptr;  // the call open on this thread before (none, normally)
  bool attached_ = true;
  Pool::Slot* slot_ = nullptr;
  std::unique_ptr<pqxx::work> tx_;
  // Set when the open transaction can no longer commit: the status of what failed in it.
  absl::Status broken_;
};

}  // namespace ozjt::platform
