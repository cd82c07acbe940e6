// What every in-memory store of tests/mocks/ does alike: a Write is one transaction over the
// fake's state (a callback that fails, or what PostgreSQL would have refused, leaves the state
// as it was), and a Replace refuses a row that changed since it was read.
//
//   absl::Status Write(..., fn) override {
//     Tx tx(state_);
//     return mocks::RunTransaction(state_, tx, fn, writes_);
//   }
#pragma once

#include <cstdint>
#include <map>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace ozjt::mocks {

// Runs `fn(tx)` on `state`. When it fails, or `tx.failure` holds what PostgreSQL would have made
// of it (a serialization failure), restores `state` as it was and returns that status; otherwise
// counts the commit in `writes`.
template <typename State, typename Tx, typename Fn>
absl::Status RunTransaction(State& state, Tx& tx, const Fn& fn, int& writes) {
  const State before = state;
  absl::Status s = fn(tx);
  if (s.ok()) s = tx.failure;
  if (!s.ok()) {
    state = before;  // rolled back
    return s;
  }
  ++writes;
  return absl::OkStatus();
}

// Whether `before` (by id and version) is no longer the stored row of `rows`; then `failure`
// is ABORTED "<what> changed concurrently", as the PostgreSQL stores' version check makes it.
template <typename Row>
bool Stale(const std::map<int64_t, Row>& rows, const Row& before, const char* what,
           absl::Status& failure) {
  auto it = rows.find(before.id);
  if (it != rows.end() && it->second.version == before.version) return false;
  failure = absl::AbortedError(absl::StrCat(what, " changed concurrently"));
  return true;
}

}  // namespace ozjt::mocks
