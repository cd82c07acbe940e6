#include "services/platform/db.h"

#include <pqxx/pqxx>
#include <type_traits>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/status.h"

namespace ozjt::platform {

struct Pool::Slot {
  std::unique_ptr<pqxx::connection> conn;
  // How many of the pool's statements are prepared on conn (they are only ever added).
  size_t prepared = 0;
  // The session's statement_timeout in ms (0: none), as last set on conn.
  long timeout_ms = 0;
};

absl::Status StatusFromDbError(const std::exception& e) {
  // The client reads only the fixed English and Dutch texts below: the database's own message
  // (which can quote SQL, a constraint's name or a whole row) goes to the call log as the
  // server detail.
  auto error = [&](absl::StatusCode code, absl::string_view message, absl::string_view dutch = {}) {
    absl::Status s = WithServerDetail(absl::Status(code, message), std::string(e.what()));
    return dutch.empty() ? s : WithDutch(s, std::string(dutch));
  };
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return error(absl::StatusCode::kUnavailable,
                 "database connection lost during commit; outcome unknown");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return error(absl::StatusCode::kUnavailable, "database unreachable; try again");
  }
  if (dynamic_cast<const pqxx::unique_violation*>(&e) != nullptr) {
    return error(absl::StatusCode::kAlreadyExists, "the database holds this already",
                 "Dit bestaat al; er is niets gewijzigd.");
  }
  if (dynamic_cast<const pqxx::check_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::not_null_violation*>(&e) != nullptr) {
    return error(absl::StatusCode::kInvalidArgument,
                 "a value is outside what the database accepts; nothing was changed",
                 "Een waarde valt buiten wat de database toestaat; er is niets gewijzigd.");
  }
  if (dynamic_cast<const pqxx::foreign_key_violation*>(&e) != nullptr) {
    return error(absl::StatusCode::kFailedPrecondition,
                 "the change refers to something that does not exist (or is still referred to)",
                 "De wijziging verwijst naar iets dat niet (meer) bestaat, of iets anders "
                 "verwijst er nog naar; er is niets gewijzigd.");
  }
  // libpqxx 6.4 leaves sqlstate() empty for its specific classes: match on the class.
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr) {
    return error(absl::StatusCode::kAborted, "transaction rolled back, try again");
  }
  if (dynamic_cast<const pqxx::insufficient_privilege*>(&e) != nullptr) {
    return error(absl::StatusCode::kPermissionDenied, "the database refused this change");
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string state = sql->sqlstate();
    if (state == "40001" || state == "40P01") {
      return error(absl::StatusCode::kAborted, "transaction rolled back, try again");
    }
    if (state == "57014") {
      return error(absl::StatusCode::kDeadlineExceeded, "database statement timed out");
    }
    // Class 08 (connection exception), 57P01..57P03 (server shutting down, cannot connect
    // now), 53300 (too many connections).
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state == "53300") {
      return error(absl::StatusCode::kUnavailable, "database unavailable; try again");
    }
  }
  return error(absl::StatusCode::kInternal, "database error");
}

namespace {
// A connection that must be dropped: lost, or the server is shutting down.
bool IsConnectionLost(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) return true;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string state = sql->sqlstate();
    if (state.rfind("57P", 0) == 0 || state.rfind("08", 0) == 0) return true;
    if (!state.empty()) return false;
  }
  if (dynamic_cast<const pqxx::failure*>(&e) == nullptr) return false;
  // libpq's own errors carry no SQLSTATE, and libpqxx throws some of them as a plain failure
  // or sql_error while the connection still looks open: recognise them by their text.
  const absl::string_view what = e.what();
  for (const char* lost :
       {"server closed the connection", "no connection to the server", "terminating connection",
        "could not send data to server", "could not receive data from server",
        "connection to server", "Lost connection", "not connected"}) {
    if (absl::StrContains(what, lost)) return true;
  }
  return false;
}

// Milliseconds left until the deadline, at least 1; 0 when there is no deadline.
long RemainingMs(Deadline deadline) {
  if (deadline == NoDeadline()) return 0;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                  deadline - std::chrono::system_clock::now())
                  .count();
  return left < 1 ? 1 : left;
}
}  // namespace

long StatementTimeoutMs(long remaining_ms) {
  constexpr long kLongest = 2147483647;  // PostgreSQL's largest statement_timeout
  if (remaining_ms <= 0) return 0;
  if (remaining_ms >= kLongest / 5) return kLongest;
  for (long decade = 1;; decade *= 10) {
    for (long step : {1, 2, 5}) {
      if (step * decade >= remaining_ms) return step * decade;
    }
  }
}

Pool::Pool(PoolOptions options) : options_(std::move(options)) {
  if (options_.size < 1) options_.size = 1;
  for (int i = 0; i < options_.size; ++i) {
    slots_.push_back(std::make_unique<Slot>());
    free_.push_back(slots_.back().get());
  }
}

Pool::~Pool() = default;

void Pool::AddStatements(const std::vector<std::pair<std::string, std::string>>& statements) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& s : statements) {
    bool known = false;
    for (const auto& existing : statements_) known = known || existing.first == s.first;
    if (!known) statements_.push_back(s);
  }
}

absl::Status Pool::Acquire(Deadline deadline, Slot** slot) {
  auto wait_until = std::chrono::system_clock::now() + options_.acquire_timeout;
  if (deadline < wait_until) wait_until = deadline;
  std::unique_lock<std::mutex> lock(mu_);
  if (!free_cv_.wait_until(lock, wait_until, [&] { return !free_.empty(); })) {
    if (deadline <= wait_until) {
      return absl::DeadlineExceededError("deadline passed while waiting for a database connection");
    }
    return absl::ResourceExhaustedError(
        absl::StrCat("all ", options_.size, " database connections busy; try again later"));
  }
  *slot = free_.back();
  free_.pop_back();
  return absl::OkStatus();
}

void Pool::Release(Slot* slot) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(slot);
  }
  free_cv_.notify_one();
}

absl::Status Pool::Connect(Slot* slot) {
  try {
    auto conn = std::make_unique<pqxx::connection>(options_.conninfo);
    // libpqxx 6 may otherwise reconnect a broken connection by itself (its exec retries a
    // statement such as BEGIN after reset()): a session without SET ROLE and the pool's
    // session state, or, while PostgreSQL is still down, a plain pqxx::failure from the failed
    // reset that is no broken_connection (an INTERNAL answer for an outage). The pool drops a
    // broken connection and opens a new one itself.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    conn->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    if (!options_.role.empty()) {
      pqxx::nontransaction tx(*conn);
      tx.exec("SET ROLE " + tx.quote_name(options_.role));
    }
    slot->conn = std::move(conn);
    slot->prepared = 0;
    slot->timeout_ms = 0;
    return absl::OkStatus();
  } catch (const std::exception& e) {
    slot->conn.reset();
    absl::Status s = StatusFromDbError(e);
    if (s.code() == absl::StatusCode::kInternal) {
      // A connection that cannot be opened is an outage from the caller's point of view.
      return WithServerDetail(absl::UnavailableError("cannot connect to the database; try again"),
                              e.what());
    }
    return s;
  }
}

void Pool::PrepareNew(Slot* slot) {
  std::vector<std::pair<std::string, std::string>> added;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (slot->prepared == statements_.size()) return;
    added.assign(statements_.begin() + static_cast<std::ptrdiff_t>(slot->prepared),
                 statements_.end());
  }
  for (const auto& [name, sql] : added) slot->conn->prepare(name, sql);
  slot->prepared += added.size();
}

template <typename Tx, typename Fn>
absl::Status Pool::Run(Deadline deadline, const Fn& fn) {
  constexpr bool kWrite = std::is_same_v<Tx, pqxx::work>;
  CallTransaction* call = CallTransaction::Current(this);
  if (call != nullptr && (call->tx_ != nullptr || !call->broken_.ok())) return call->Join(fn);
  Slot* slot = nullptr;
  if (absl::Status s = Acquire(deadline, &slot); !s.ok()) return s;
  struct Releaser {
    Pool* pool;
    Slot* slot;
    ~Releaser() {
      if (slot != nullptr) pool->Release(slot);
    }
  } releaser{this, slot};

  for (int attempt = 0;; ++attempt) {
    const bool fresh = slot->conn == nullptr;
    if (fresh) {
      if (absl::Status s = Connect(slot); !s.ok()) return s;
    }
    try {
      PrepareNew(slot);
      // A client deadline becomes a statement timeout in PostgreSQL, set on the session (before
      // a write's BEGIN, so that a rollback cannot undo it) only when its step changes.
      if (const long ms = StatementTimeoutMs(RemainingMs(deadline)); ms != slot->timeout_ms) {
        pqxx::nontransaction(*slot->conn).exec("SET statement_timeout = " + std::to_string(ms));
        slot->timeout_ms = ms;
      }
      auto tx = std::make_unique<Tx>(*slot->conn);
      absl::Status status = fn(*tx);
      if (!status.ok()) return status;
      if constexpr (kWrite) {
        if (call != nullptr) {  // the call commits it, with what it keeps about the change
          call->Adopt(slot, std::move(tx));
          releaser.slot = nullptr;
          return status;
        }
      }
      tx->commit();
      return status;
    } catch (const std::exception& e) {
      const bool lost = IsLost(slot, e);
      if (lost) slot->conn.reset();  // the transaction (a local of the try block) is gone
      // Nothing was committed on a connection that broke before the commit: a reused
      // connection may simply be stale (server restarted), so try once on a new one.
      if (lost && !fresh && attempt == 0 &&
          dynamic_cast<const pqxx::in_doubt_error*>(&e) == nullptr) {
        continue;
      }
      return StatusOf(e, lost);
    }
  }
}

bool Pool::IsLost(const Slot* slot, const std::exception& e) {
  // Whatever libpqxx threw (a broken_connection, an sql_error of class 08 or 57P, or a plain
  // failure at BEGIN, a statement, PREPARE or COMMIT), a connection that is no longer open is
  // an outage.
  return IsConnectionLost(e) || slot->conn == nullptr || !slot->conn->is_open();
}

absl::Status Pool::StatusOf(const std::exception& e, bool lost) {
  absl::Status status = StatusFromDbError(e);
  if (lost && status.code() != absl::StatusCode::kUnavailable) {
    status =
        WithServerDetail(absl::UnavailableError("database connection lost; try again"), e.what());
  }
  return status;
}

absl::Status Pool::Write(Deadline deadline, const std::function<absl::Status(pqxx::work&)>& fn) {
  return Run<pqxx::work>(deadline, fn);
}

absl::Status Pool::Read(Deadline deadline,
                        const std::function<absl::Status(pqxx::transaction_base&)>& fn) {
  return Run<pqxx::nontransaction>(deadline, fn);
}

absl::Status Pool::Ping() {
  absl::Status s = Read(NoDeadline(), [](pqxx::transaction_base& tx) {
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
  // Ping's answer is for the operator (start-up, health log): keep the database's reason.
  if (const std::string detail = ServerDetailOf(s); !detail.empty()) {
    s = absl::Status(s.code(), absl::StrCat(s.message(), ": ", detail));
  }
  return s;
}

// ---- CallTransaction ----

namespace {
thread_local CallTransaction* t_call = nullptr;
}  // namespace

CallTransaction::CallTransaction(Pool& pool, Deadline deadline)
    : pool_(pool), deadline_(deadline), outer_(t_call) {
  t_call = this;
}

CallTransaction::~CallTransaction() {
  Detach();
  Release();
}

CallTransaction* CallTransaction::Current(const Pool* pool) {
  for (CallTransaction* c = t_call; c != nullptr; c = c->outer_) {
    if (&c->pool_ == pool) return c;
  }
  return nullptr;
}

void CallTransaction::Adopt(Pool::Slot* slot, std::unique_ptr<pqxx::work> tx) {
  slot_ = slot;
  tx_ = std::move(tx);
}

template <typename Fn>
absl::Status CallTransaction::Join(const Fn& fn) {
  if (!broken_.ok()) return broken_;
  try {
    absl::Status status = fn(*tx_);
    // What `fn` did before it failed cannot be undone alone (libpqxx 6 ends a transaction at
    // its first failed statement, so savepoints cannot help): the whole call fails with it.
    if (!status.ok()) broken_ = status;
    return status;
  } catch (const std::exception& e) {
    const bool lost = Pool::IsLost(slot_, e);
    if (lost) Drop();
    broken_ = Pool::StatusOf(e, lost);
    return broken_;
  }
}

absl::Status CallTransaction::Commit(const std::function<absl::Status(pqxx::work&)>& finish) {
  Detach();
  if (!broken_.ok()) {
    Release();
    return broken_;
  }
  if (tx_ == nullptr) return pool_.Write(deadline_, finish);  // nothing written: one of its own
  absl::Status status;
  try {
    status = finish(*tx_);
    if (status.ok()) tx_->commit();
  } catch (const std::exception& e) {
    const bool lost = Pool::IsLost(slot_, e);
    if (lost) Drop();
    status = Pool::StatusOf(e, lost);
  }
  Release();
  return status;
}

void CallTransaction::Detach() {
  if (!attached_) return;
  attached_ = false;
  // Calls open on one thread end in the reverse order of their opening.
  if (t_call == this) t_call = outer_;
}

void CallTransaction::Drop() {
  tx_.reset();  // before its connection
  slot_->conn.reset();
}

void CallTransaction::Release() {
  if (slot_ == nullptr) return;
  tx_.reset();  // rolls back what was not committed
  pool_.Release(slot_);
  slot_ = nullptr;
}

}  // namespace ozjt::platform
