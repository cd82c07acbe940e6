#include "services/platform/db.h"

#include <pqxx/pqxx>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace ozjt::platform {

struct Pool::Slot {
  std::unique_ptr<pqxx::connection> conn;
  // How many of the pool's statements are prepared on conn (they are only ever added).
  size_t prepared = 0;
  // Whether a session-wide statement_timeout is in force on conn.
  bool session_timeout = false;
};

absl::Status StatusFromDbError(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return absl::UnavailableError(absl::StrCat("database unreachable: ", e.what()));
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return absl::UnavailableError("database connection lost during commit; outcome unknown");
  }
  if (dynamic_cast<const pqxx::unique_violation*>(&e) != nullptr) {
    return absl::AlreadyExistsError(e.what());
  }
  if (dynamic_cast<const pqxx::check_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::not_null_violation*>(&e) != nullptr) {
    return absl::InvalidArgumentError(e.what());
  }
  if (dynamic_cast<const pqxx::foreign_key_violation*>(&e) != nullptr) {
    return absl::FailedPreconditionError(e.what());
  }
  // libpqxx 6.4 leaves sqlstate() empty for its specific classes: match on the class.
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr) {
    return absl::AbortedError(absl::StrCat("transaction rolled back, try again: ", e.what()));
  }
  if (dynamic_cast<const pqxx::insufficient_privilege*>(&e) != nullptr) {
    return absl::PermissionDeniedError(e.what());
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string state = sql->sqlstate();
    if (state == "40001" || state == "40P01") return absl::AbortedError(e.what());
    if (state == "57014") return absl::DeadlineExceededError("database statement timed out");
    if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state == "53300") {
      return absl::UnavailableError(absl::StrCat("database unavailable: ", e.what()));
    }
  }
  return absl::InternalError(absl::StrCat("database error: ", e.what()));
}

namespace {
// A connection that must be dropped: lost, or the server is shutting down.
bool IsConnectionLost(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) return true;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string state = sql->sqlstate();
    return state.rfind("57P", 0) == 0 || state.rfind("08", 0) == 0;
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
    if (!options_.role.empty()) {
      pqxx::nontransaction tx(*conn);
      tx.exec("SET ROLE " + tx.quote_name(options_.role));
    }
    slot->conn = std::move(conn);
    slot->prepared = 0;
    slot->session_timeout = false;
    return absl::OkStatus();
  } catch (const std::exception& e) {
    slot->conn.reset();
    absl::Status s = StatusFromDbError(e);
    if (s.code() == absl::StatusCode::kInternal) {
      // A connection that cannot be opened is an outage from the caller's point of view.
      return absl::UnavailableError(absl::StrCat("cannot connect to the database: ", e.what()));
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
  Slot* slot = nullptr;
  if (absl::Status s = Acquire(deadline, &slot); !s.ok()) return s;
  struct Releaser {
    Pool* pool;
    Slot* slot;
    ~Releaser() { pool->Release(slot); }
  } releaser{this, slot};

  for (int attempt = 0;; ++attempt) {
    const bool fresh = slot->conn == nullptr;
    if (fresh) {
      if (absl::Status s = Connect(slot); !s.ok()) return s;
    }
    try {
      PrepareNew(slot);
      Tx tx(*slot->conn);
      // A client deadline becomes a statement timeout in PostgreSQL.
      const long ms = RemainingMs(deadline);
      if constexpr (std::is_same_v<Tx, pqxx::work>) {
        if (ms > 0) tx.exec("SET LOCAL statement_timeout = " + std::to_string(ms));
      } else if (ms > 0 || slot->session_timeout) {
        slot->session_timeout = ms > 0;
        tx.exec("SET statement_timeout = " + std::to_string(ms));
      }
      absl::Status status = fn(tx);
      if (status.ok()) tx.commit();
      return status;
    } catch (const std::exception& e) {
      if (IsConnectionLost(e)) {
        slot->conn.reset();
        // Nothing was committed on a connection that broke before the commit: a reused
        // connection may simply be stale (server restarted), so try once on a new one.
        if (!fresh && attempt == 0 && dynamic_cast<const pqxx::in_doubt_error*>(&e) == nullptr) {
          continue;
        }
      }
      return StatusFromDbError(e);
    }
  }
}

absl::Status Pool::Write(Deadline deadline, const std::function<absl::Status(pqxx::work&)>& fn) {
  return Run<pqxx::work>(deadline, fn);
}

absl::Status Pool::Read(Deadline deadline,
                        const std::function<absl::Status(pqxx::transaction_base&)>& fn) {
  return Run<pqxx::nontransaction>(deadline, fn);
}

absl::Status Pool::Ping() {
  return Read(NoDeadline(), [](pqxx::transaction_base& tx) {
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
}

}  // namespace ozjt::platform
