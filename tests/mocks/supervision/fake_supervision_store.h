// An in-memory SupervisionStore for unit tests of the supervision service's use cases
// (services/supervision/investigations.h) without PostgreSQL. It keeps the store's contract: a
// Write whose callback fails leaves nothing behind (investigations and audit records are
// restored), Insert numbers investigations from 1 at version 1 and stores a review only once per
// mutation event and provider (id 0 otherwise), Replace and AddFinding refuse a `before` that is
// not current with ABORTED (each writes one audit record "investigation"), lists are newest first,
// and every change or read of finding details leaves an audit record. Providers, municipality
// names, contracts and mutation events are what the test puts in. Integration tests keep running on
// real PostgreSQL (PgSupervisionStore).
//
//   FakeSupervisionStore store;
//   store.providers.push_back({1, "Jeugdhulp Esrand (fictief)", {"0153"}});
//   Supervision supervision(store, kDefaultGraceDays);
//   supervision.Open(request, investigation);  EXPECT_EQ(store.writes(), 1);
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/supervision/store.h"
#include "tests/mocks/fake_transaction.h"
#include "tests/mocks/provider_names.h"

namespace ozjt::supervision::testing {

class FakeSupervisionStore : public SupervisionStore {
 public:
  // One audit record: the entity ("investigation", "finding.read") and its id.
  struct AuditRecord {
    std::string entity;
    std::string entity_id;
  };

  // What the other services would answer.
  std::vector<ProviderFacts> providers;                   // by name
  std::map<std::string, std::string> municipality_names;  // CBS code -> name
  std::set<int64_t> contracts;                            // ids of existing contracts
  std::vector<MutationEvent> mutation_events;             // by id, oldest first
  std::set<int64_t> consumed;                             // ids of consumed events

  // The investigations as stored, by id.
  const std::map<int64_t, Investigation>& investigations() const { return state_.investigations; }
  const std::vector<AuditRecord>& audit() const { return state_.audit; }
  // Committed writes (transactions whose callback returned OK).
  int writes() const { return writes_; }

  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline, int64_t id) override {
    std::vector<ProviderFacts> out;
    for (const auto& p : providers) {
      if (id == 0 || p.id == id) out.push_back(p);
    }
    return out;
  }

  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline, const std::vector<int64_t>& ids) override {
    return mocks::ProviderNamesOf(providers, ids);
  }

  absl::StatusOr<std::string> MunicipalityName(platform::Deadline,
                                               const std::string& code) override {
    auto it = municipality_names.find(code);
    return it == municipality_names.end() ? std::string() : it->second;
  }

  absl::StatusOr<bool> ContractExists(platform::Deadline, int64_t id) override {
    return contracts.count(id) > 0;
  }

  absl::StatusOr<std::vector<MutationEvent>> PendingMutations(platform::Deadline,
                                                              int limit) override {
    std::vector<MutationEvent> out;
    for (const auto& e : mutation_events) {
      if (static_cast<int>(out.size()) == limit) break;
      if (consumed.count(e.id) == 0) out.push_back(e);
    }
    return out;
  }

  absl::Status ConsumeMutations(platform::Deadline,
                                const std::vector<int64_t>& event_ids) override {
    consumed.insert(event_ids.begin(), event_ids.end());
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<Investigation>> List(platform::Deadline,
                                                  const InvestigationFilter& f) override {
    return Matching(state_, f);
  }

  absl::StatusOr<std::vector<Investigation>> Overview(platform::Deadline,
                                                      const InvestigationFilter& f,
                                                      int64_t before_id, int limit) override {
    std::vector<Investigation> out;
    for (auto& i : Matching(state_, f)) {
      if (before_id != 0 && i.id >= before_id) continue;
      if (static_cast<int>(out.size()) == limit) break;
      i.findings.clear();
      i.plans.clear();
      out.push_back(std::move(i));
    }
    return out;
  }

  absl::StatusOr<std::vector<Investigation>> MayEscalate(platform::Deadline,
                                                         Day action_due_before) override {
    std::vector<Investigation> out;
    for (const auto& [id, i] : state_.investigations) {
      bool may = false;
      for (const auto& f : i.findings) may |= f.severity == Severity::kCritical && !f.resolved;
      for (const auto& p : i.plans) {
        for (const auto& a : p.actions) may |= !p.closed && !a.done && a.due < action_due_before;
      }
      if (may) out.push_back(i);
    }
    return out;
  }

  absl::StatusOr<PeriodCounts> CountPeriod(platform::Deadline, Day from, Day to) override {
    PeriodCounts counts;
    auto in = [&](Day d) { return from <= d && d <= to; };
    for (const auto& [id, i] : state_.investigations) {
      if (in(i.opened)) ++counts.opened[static_cast<int>(i.kind)];
      if (i.concluded && in(*i.concluded)) ++counts.concluded[static_cast<int>(i.kind)];
      for (const auto& f : i.findings) counts.findings[static_cast<int>(f.severity)] += in(f.date);
      for (const auto& p : i.plans)
        counts.plans_closed += p.closed && p.closed_on && in(*p.closed_on);
    }
    return counts;
  }

  absl::Status Write(const platform::RequestInfo&,
                     const std::function<absl::Status(SupervisionTx&)>& fn) override {
    Tx tx(state_);
    return mocks::RunTransaction(state_, tx, fn, writes_);
  }

 private:
  struct State {
    std::map<int64_t, Investigation> investigations;
    std::vector<AuditRecord> audit;
    int64_t next_id = 1;
  };

  static std::vector<Investigation> Matching(const State& state, const InvestigationFilter& f) {
    std::vector<Investigation> out;
    for (auto it = state.investigations.rbegin(); it != state.investigations.rend(); ++it) {
      const Investigation& i = it->second;
      if (f.provider_id != 0 && i.provider_id != f.provider_id) continue;
      if (!f.requesting_municipality.empty() &&
          i.requesting_municipality != f.requesting_municipality) {
        continue;
      }
      if (f.status && i.status != *f.status) continue;
      if (f.kind && i.kind != *f.kind) continue;
      out.push_back(i);
    }
    return out;
  }

  class Tx : public SupervisionTx {
   public:
    explicit Tx(State& state) : state_(state) {}
    std::optional<Investigation> Lock(int64_t id) override { return Read(id); }
    std::optional<Investigation> Read(int64_t id) override {
      auto it = state_.investigations.find(id);
      if (it == state_.investigations.end()) return std::nullopt;
      return it->second;
    }
    std::vector<Investigation> List(const InvestigationFilter& f) override {
      return Matching(state_, f);
    }
    Investigation Insert(const Investigation& i) override {
      Investigation stored = i;
      stored.version = 1;
      if (i.mutation_event_id != 0) {
        for (const auto& [id, other] : state_.investigations) {
          if (other.mutation_event_id == i.mutation_event_id &&
              other.provider_id == i.provider_id) {
            stored.id = 0;  // ON CONFLICT DO NOTHING
            return stored;
          }
        }
      }
      stored.id = state_.next_id++;
      state_.investigations[stored.id] = stored;
      state_.audit.push_back({"investigation", std::to_string(stored.id)});
      return stored;
    }
    Investigation Replace(const Investigation& before, const Investigation& after) override {
      if (mocks::Stale(state_.investigations, before, "investigation", failure)) return before;
      Investigation stored = after;
      stored.version = before.version + 1;
      state_.investigations[before.id] = stored;
      state_.audit.push_back({"investigation", std::to_string(stored.id)});
      return stored;
    }
    // As PostgreSQL's: the finding stored and the version moved, one audit record.
    Investigation AddFinding(const Investigation& before, const Investigation& after) override {
      return Replace(before, after);
    }
    bool InsertReview(const Investigation& review) override { return Insert(review).id != 0; }
    void LogRead(const std::string& entity_id, const std::string&) override {
      state_.audit.push_back({"finding.read", entity_id});
    }
    absl::Status failure;  // what PostgreSQL's serialization failure would have made of it

   private:
    State& state_;
  };

  State state_;
  int writes_ = 0;
};

}  // namespace ozjt::supervision::testing
