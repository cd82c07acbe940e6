// An in-memory ProviderStore for unit tests of the registry's use cases (services/registry/
// registry.h) without PostgreSQL. It keeps the store's contract: a Write whose callback fails
// leaves nothing behind (the state is restored), Insert numbers providers from 1 at version 1,
// Replace refuses a `before` that is not current with ABORTED, and every stored version is in
// the history. Integration tests keep running on real PostgreSQL (PgProviderStore).
//
//   FakeProviderStore store;
//   Registry registry(store, refs);
//   registry.Create(request, provider);  EXPECT_EQ(store.writes(), 1);
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/registry/store.h"
#include "tests/mocks/fake_transaction.h"

namespace ozjt::registry::testing {

class FakeProviderStore : public ProviderStore {
 public:
  // The providers as stored, by id.
  const std::map<int64_t, Provider>& providers() const { return state_.providers; }
  // Committed writes (transactions whose callback returned OK).
  int writes() const { return writes_; }
  ReferenceCodes refs{{"0153", "0164", "0141"}, {"TWENTE", "IJSSELLAND"}};

  absl::StatusOr<ReferenceCodes> LoadReferenceCodes(platform::Deadline) override { return refs; }

  absl::StatusOr<Provider> Get(platform::Deadline, int64_t id) override {
    auto it = state_.providers.find(id);
    if (it == state_.providers.end()) {
      return absl::NotFoundError(absl::StrCat("provider providers/", id, " not found"));
    }
    return it->second;
  }

  // The name, KvK, municipality and status filters, in (name, id) order after `q.after`.
  absl::StatusOr<std::vector<Provider>> List(platform::Deadline, const ProviderQuery& q) override {
    std::vector<Provider> out;
    for (const auto& [id, p] : state_.providers) {
      const ProviderFilter& f = q.filter;
      if (absl::AsciiStrToLower(p.name).find(absl::AsciiStrToLower(f.name_contains)) ==
          std::string::npos) {
        continue;
      }
      if (!f.kvk_number.empty() && p.kvk_number != f.kvk_number) continue;
      if (!f.municipality_code.empty() && !p.ActiveIn(f.municipality_code)) continue;
      if (f.status && p.status != *f.status) continue;
      if (q.after && std::make_pair(p.name, p.id) <= *q.after) continue;
      out.push_back(p);
    }
    std::sort(out.begin(), out.end(), [](const Provider& a, const Provider& b) {
      return std::make_pair(a.name, a.id) < std::make_pair(b.name, b.id);
    });
    if (static_cast<int>(out.size()) > q.limit) out.resize(q.limit);
    return out;
  }

  absl::StatusOr<std::vector<ProviderVersion>> History(platform::Deadline, int64_t id,
                                                       int64_t before_version, int limit) override {
    std::vector<ProviderVersion> out;
    for (auto it = state_.history.rbegin(); it != state_.history.rend(); ++it) {
      if (it->provider.id != id) continue;
      if (before_version > 0 && it->provider.version >= before_version) continue;
      if (static_cast<int>(out.size()) == limit) break;
      out.push_back(*it);
    }
    return out;
  }

  absl::Status Write(const platform::RequestInfo& request,
                     const std::function<absl::Status(ProviderTx&)>& fn) override {
    Tx tx(state_, request);
    return mocks::RunTransaction(state_, tx, fn, writes_);
  }

  absl::StatusOr<std::vector<Municipality>> Municipalities(platform::Deadline) override {
    return std::vector<Municipality>{};
  }
  absl::StatusOr<std::vector<Region>> Regions(platform::Deadline) override {
    return std::vector<Region>{};
  }
  absl::StatusOr<std::vector<ProductCategory>> ProductCategories(platform::Deadline) override {
    return std::vector<ProductCategory>{};
  }
  absl::StatusOr<std::vector<Unit>> Units(platform::Deadline) override {
    return std::vector<Unit>{};
  }
  absl::StatusOr<std::vector<JointTask>> JointTasks(platform::Deadline) override {
    return std::vector<JointTask>{};
  }

 private:
  struct State {
    std::map<int64_t, Provider> providers;
    std::vector<ProviderVersion> history;
    int64_t next_id = 1;
  };

  class Tx : public ProviderTx {
   public:
    Tx(State& state, const platform::RequestInfo& request) : state_(state), request_(request) {}
    std::optional<Provider> LockById(int64_t id) override {
      auto it = state_.providers.find(id);
      if (it == state_.providers.end()) return std::nullopt;
      return it->second;
    }
    std::optional<Provider> LockByKvk(const std::string& kvk_number) override {
      for (const auto& [id, p] : state_.providers) {
        if (p.kvk_number == kvk_number) return p;
      }
      return std::nullopt;
    }
    Provider Insert(const Provider& p) override {
      Provider stored = p;
      stored.id = state_.next_id++;
      stored.version = 1;
      return Keep(stored);
    }
    Provider Replace(const Provider& before, const Provider& after) override {
      if (mocks::Stale(state_.providers, before, "provider", failure)) return before;
      Provider stored = after;
      stored.id = before.id;
      stored.version = before.version + 1;
      return Keep(stored);
    }
    absl::Status failure;  // what PostgreSQL's serialization failure would have made of it

   private:
    Provider Keep(const Provider& stored) {
      state_.providers[stored.id] = stored;
      state_.history.push_back({stored, request_.caller.subject, request_.method, absl::Now()});
      return stored;
    }
    State& state_;
    const platform::RequestInfo& request_;
  };

  State state_;
  int writes_ = 0;
};

}  // namespace ozjt::registry::testing
