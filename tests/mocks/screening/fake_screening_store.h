// An in-memory ScreeningStore for unit tests of the screening use cases
// (services/screening/cases.h) without PostgreSQL, the registry or the contracts service. It
// keeps the store's contract: a Write whose callback fails leaves nothing behind (the state,
// the read log included, is restored), frameworks and cases are numbered from 1, cases start
// at version 1, ReplaceCase refuses a `before` that is not current with ABORTED, case lists
// are newest first, and outcomes are the final decisions newest first, without providers the
// registry does not know. Providers, contracts and award registrations are what the test puts
// in. Integration tests keep running on real PostgreSQL (PgScreeningStore).
//
//   FakeScreeningStore store;
//   store.AddProvider({12, "Jeugdhulp Esrand (fictief)", {"0153"}});
//   Screenings screenings(store, kDefaultValidityMonths);
//   screenings.Get(officer, 1);  EXPECT_EQ(store.reads().size(), 1u);
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "services/screening/store.h"
#include "tests/mocks/fake_transaction.h"

namespace ozjt::screening::testing {

class FakeScreeningStore : public ScreeningStore {
 public:
  // What the registry and the contracts service would give.
  void AddProvider(ProviderFacts p) { providers_[p.id] = std::move(p); }
  void AddContract(int64_t id) { contracts_.insert(id); }
  // An award registered against case `case_id` (the contracts service's award gate does this).
  void RegisterAward(int64_t case_id, int64_t contract_id) {
    state_.registrations[case_id].push_back(contract_id);
  }

  // What is stored.
  const std::map<int64_t, Framework>& frameworks() const { return state_.frameworks; }
  const std::map<int64_t, ScreeningCase>& cases() const { return state_.cases; }
  // The read log: (entity id, what) per logged read.
  const std::vector<std::pair<std::string, std::string>>& reads() const { return state_.reads; }
  // Committed writes (transactions whose callback returned OK).
  int writes() const { return writes_; }

  // By code and version.
  absl::StatusOr<std::vector<Framework>> Frameworks(platform::Deadline) override {
    std::vector<Framework> out;
    for (const auto& [id, f] : state_.frameworks) out.push_back(f);
    std::sort(out.begin(), out.end(), [](const Framework& a, const Framework& b) {
      return std::tie(a.code, a.version) < std::tie(b.code, b.version);
    });
    return out;
  }

  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline, int64_t id) override {
    std::vector<ProviderFacts> out;
    for (const auto& [pid, p] : providers_) {
      if (id == 0 || pid == id) out.push_back(p);
    }
    return out;
  }

  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline, const std::vector<int64_t>& ids) override {
    std::map<int64_t, std::string> out;
    for (int64_t id : ids) {
      auto it = providers_.find(id);
      if (it != providers_.end()) out[id] = it->second.name;
    }
    return out;
  }

  absl::StatusOr<bool> ContractExists(platform::Deadline, int64_t id) override {
    return contracts_.count(id) > 0;
  }

  // Decided cases with a final decision, newest decision first.
  absl::StatusOr<std::vector<OutcomeRow>> Outcomes(platform::Deadline,
                                                   int64_t provider_id) override {
    std::vector<OutcomeRow> out;
    for (const auto& [id, c] : state_.cases) {
      const Decision* d = c.Final();
      if (c.status != CaseStatus::kDecided || d == nullptr) continue;
      if (provider_id != 0 && c.provider_id != provider_id) continue;
      auto p = providers_.find(c.provider_id);
      if (p == providers_.end()) continue;
      auto f = state_.frameworks.find(c.framework_id);
      out.push_back({id, c.provider_id, p->second.name, d->outcome, d->date, d->valid_until,
                     f == state_.frameworks.end() ? "" : f->second.title});
    }
    std::sort(out.begin(), out.end(), [](const OutcomeRow& a, const OutcomeRow& b) {
      return std::tie(b.decided_on, b.case_id) < std::tie(a.decided_on, a.case_id);
    });
    return out;
  }

  absl::Status Write(const platform::RequestInfo&,
                     const std::function<absl::Status(ScreeningTx&)>& fn) override {
    Tx tx(state_);
    return mocks::RunTransaction(state_, tx, fn, writes_);
  }

 private:
  struct State {
    std::map<int64_t, Framework> frameworks;
    std::map<int64_t, ScreeningCase> cases;
    std::map<int64_t, std::vector<int64_t>> registrations;
    std::vector<std::pair<std::string, std::string>> reads;
    int64_t next_id = 1;
  };

  class Tx : public ScreeningTx {
   public:
    explicit Tx(State& state) : state_(state) {}
    Framework InsertFramework(const Framework& f) override {
      Framework out = f;
      out.id = state_.next_id++;
      state_.frameworks[out.id] = out;
      return out;
    }
    std::optional<Framework> FrameworkById(int64_t id) override {
      auto it = state_.frameworks.find(id);
      if (it == state_.frameworks.end()) return std::nullopt;
      return it->second;
    }
    std::optional<ScreeningCase> LockCase(int64_t id) override { return ReadCase(id); }
    std::optional<ScreeningCase> ReadCase(int64_t id) override {
      auto it = state_.cases.find(id);
      if (it == state_.cases.end()) return std::nullopt;
      return it->second;
    }
    std::vector<ScreeningCase> Cases(const CaseFilter& f, int64_t before_id, int limit) override {
      std::vector<ScreeningCase> out;
      for (auto it = state_.cases.rbegin();
           it != state_.cases.rend() && static_cast<int>(out.size()) < limit; ++it) {
        const ScreeningCase& c = it->second;
        if (before_id != 0 && c.id >= before_id) continue;
        if (f.provider_id != 0 && c.provider_id != f.provider_id) continue;
        if (f.status && c.status != *f.status) continue;
        out.push_back(c);
      }
      return out;
    }
    std::vector<int64_t> RegisteredContracts(int64_t case_id) override {
      auto it = state_.registrations.find(case_id);
      if (it == state_.registrations.end()) return {};
      std::vector<int64_t> out = it->second;
      std::sort(out.begin(), out.end());
      return out;
    }
    ScreeningCase InsertCase(const ScreeningCase& c) override {
      ScreeningCase out = c;
      out.id = state_.next_id++;
      out.version = 1;
      state_.cases[out.id] = out;
      return out;
    }
    ScreeningCase ReplaceCase(const ScreeningCase& before, const ScreeningCase& after) override {
      if (mocks::Stale(state_.cases, before, "screening case", failure)) return before;
      ScreeningCase out = after;
      out.version = before.version + 1;
      state_.cases[before.id] = out;
      return out;
    }
    void LogRead(const std::string& entity_id, const std::string& what_json) override {
      state_.reads.emplace_back(entity_id, what_json);
    }
    absl::Status failure;  // what PostgreSQL's serialization failure would have made of it

   private:
    State& state_;
  };

  std::map<int64_t, ProviderFacts> providers_;
  std::set<int64_t> contracts_;
  State state_;
  int writes_ = 0;
};

}  // namespace ozjt::screening::testing
