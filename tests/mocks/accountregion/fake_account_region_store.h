// An in-memory AccountRegionStore for unit tests of the account-holding-region use cases
// (services/accountregion/accountregion.h) without PostgreSQL or the registry. It keeps the
// store's contract: a Write whose callback fails leaves nothing behind (the state is
// restored), InsertStatement refuses a second statement for a provider's period, cases are
// numbered from 1 at version 1, ReplaceCase refuses a `before` that is not current with
// ABORTED, and the reads keep the PostgreSQL order. Providers and regions are what the test
// puts in. Integration tests keep running on real PostgreSQL (PgAccountRegionStore).
//
//   FakeAccountRegionStore store;
//   store.AddProvider({7, "Jeugdhulp Esrand (fictief)", {"0153"}, {}});
//   AccountRegions regions(store, store.regions, {});
//   regions.AddSignal(request, signal);  EXPECT_EQ(store.writes(), 1);
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "services/accountregion/store.h"
#include "tests/mocks/fake_transaction.h"

namespace ozjt::accountregion::testing {

class FakeAccountRegionStore : public AccountRegionStore {
 public:
  std::vector<std::string> regions{"TWENTE", "IJSSELLAND", "ACHTERHOEK"};

  // A provider as the registry would give it.
  void AddProvider(ProviderFacts p) { providers_[p.id] = std::move(p); }

  // What is stored.
  const std::vector<Assignment>& assignments() const { return state_.assignments; }
  const std::vector<FinancialStatement>& statements() const { return state_.statements; }
  const std::vector<Signal>& signals() const { return state_.signals; }
  const std::map<int64_t, ContinuityCase>& cases() const { return state_.cases; }
  // Committed writes (transactions whose callback returned OK).
  int writes() const { return writes_; }

  absl::StatusOr<std::vector<std::string>> Regions(platform::Deadline) override { return regions; }

  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline, int64_t id) override {
    std::vector<ProviderFacts> out;
    for (const auto& [pid, p] : providers_) {
      if (id == 0 || pid == id) out.push_back(p);
    }
    return out;
  }

  absl::StatusOr<std::vector<Assignment>> Assignments(platform::Deadline,
                                                      int64_t provider_id) override {
    std::vector<Assignment> out;
    for (const auto& a : state_.assignments) {
      if (provider_id == 0 || a.provider_id == provider_id) out.push_back(a);
    }
    return out;
  }

  // By provider, newest period first.
  absl::StatusOr<std::vector<FinancialStatement>> Statements(platform::Deadline,
                                                             int64_t provider_id) override {
    std::vector<FinancialStatement> out;
    for (const auto& s : state_.statements) {
      if (provider_id == 0 || s.provider_id == provider_id) out.push_back(s);
    }
    std::sort(out.begin(), out.end(), [](const FinancialStatement& a, const FinancialStatement& b) {
      return std::tie(a.provider_id, b.period) < std::tie(b.provider_id, a.period);
    });
    return out;
  }

  // Newest first.
  absl::StatusOr<std::vector<Signal>> Signals(platform::Deadline, int64_t provider_id) override {
    std::vector<Signal> out;
    for (auto it = state_.signals.rbegin(); it != state_.signals.rend(); ++it) {
      if (provider_id == 0 || it->provider_id == provider_id) out.push_back(*it);
    }
    return out;
  }

  // Open first, then newest first.
  absl::StatusOr<std::vector<ContinuityCase>> Cases(platform::Deadline, int64_t provider_id,
                                                    bool open_only) override {
    std::vector<ContinuityCase> out;
    for (auto it = state_.cases.rbegin(); it != state_.cases.rend(); ++it) {
      const ContinuityCase& c = it->second;
      if (provider_id != 0 && c.provider_id != provider_id) continue;
      if (open_only && c.status != CaseStatus::kOpen) continue;
      out.push_back(c);
    }
    std::stable_sort(out.begin(), out.end(), [](const ContinuityCase& a, const ContinuityCase& b) {
      return (a.status == CaseStatus::kOpen) && (b.status != CaseStatus::kOpen);
    });
    return out;
  }

  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(AccountRegionTx&)>& fn) override {
    Tx tx(state_, r);
    return mocks::RunTransaction(state_, tx, fn, writes_);
  }

 private:
  struct State {
    std::vector<Assignment> assignments;
    std::vector<FinancialStatement> statements;
    std::vector<Signal> signals;
    std::map<int64_t, ContinuityCase> cases;
    int64_t next_id = 1;
  };

  class Tx : public AccountRegionTx {
   public:
    Tx(State& state, const platform::RequestInfo& r) : state_(state), request_(r) {}
    Assignment InsertAssignment(const Assignment& a) override {
      state_.assignments.push_back(a);
      return a;
    }
    bool InsertStatement(const FinancialStatement& s) override {
      for (const auto& existing : state_.statements) {
        if (existing.provider_id == s.provider_id && existing.period == s.period) return false;
      }
      state_.statements.push_back(s);
      return true;
    }
    Signal InsertSignal(const Signal& s) override {
      Signal out = s;
      out.id = state_.next_id++;
      out.recorded_by = request_.caller.subject;
      state_.signals.push_back(out);
      return out;
    }
    std::optional<ContinuityCase> LockCase(int64_t id) override {
      auto it = state_.cases.find(id);
      if (it == state_.cases.end()) return std::nullopt;
      return it->second;
    }
    bool HasOpenCase(int64_t provider_id) override {
      for (const auto& [id, c] : state_.cases) {
        if (c.provider_id == provider_id && c.status == CaseStatus::kOpen) return true;
      }
      return false;
    }
    ContinuityCase InsertCase(const ContinuityCase& c) override {
      ContinuityCase out = c;
      out.id = state_.next_id++;
      out.version = 1;
      state_.cases[out.id] = out;
      return out;
    }
    ContinuityCase ReplaceCase(const ContinuityCase& before, const ContinuityCase& after) override {
      if (mocks::Stale(state_.cases, before, "case", failure)) return before;
      ContinuityCase out = after;
      out.version = before.version + 1;
      state_.cases[before.id] = out;
      return out;
    }
    absl::Status failure;  // what PostgreSQL's serialization failure would have made of it

   private:
    State& state_;
    const platform::RequestInfo& request_;
  };

  std::map<int64_t, ProviderFacts> providers_;
  State state_;
  int writes_ = 0;
};

}  // namespace ozjt::accountregion::testing
