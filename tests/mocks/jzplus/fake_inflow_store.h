// An in-memory InflowStore for unit tests of the Jeugdzorg Plus use cases
// (services/jzplus/monitor.h) without PostgreSQL. It keeps the store's contract: ReplaceQuarters
// replaces every row of the quarters it names (other quarters stay) and records one audit
// record per quarter, rows come in (year, quarter, municipality, provider, authorisation) order,
// and a region's rows are those of its municipalities. Municipalities, regions and providers are
// what the test puts in. Integration tests keep running on real PostgreSQL (PgInflowStore).
//
//   FakeInflowStore store;
//   store.municipalities = {{"0153", "Enschede"}};
//   store.regions = {{"TWENTE", {"0153"}}};
//   Monitor monitor(store, TargetPolicy{2022, 10});
//   monitor.Import(request, csv, {}, false);  EXPECT_EQ(store.writes(), 1);
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "services/jzplus/store.h"
#include "tests/mocks/provider_names.h"

namespace ozjt::jzplus::testing {

class FakeInflowStore : public InflowStore {
 public:
  struct Provider {
    int64_t id = 0;
    std::string kvk_number;
    std::string name;
  };

  // What the registry would answer.
  std::map<std::string, std::string> municipalities;        // CBS code -> name
  std::map<std::string, std::vector<std::string>> regions;  // region -> CBS codes
  std::vector<Provider> providers;

  // The rows as stored, in the store's order.
  const std::vector<InflowRow>& rows() const { return rows_; }
  // The quarters audited ("2025-Q1"), in the order they were replaced.
  const std::vector<std::string>& audited_quarters() const { return audited_; }
  // Committed ReplaceQuarters calls.
  int writes() const { return writes_; }

  absl::StatusOr<std::map<std::string, std::string>> Municipalities(platform::Deadline) override {
    return municipalities;
  }

  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline, const std::vector<int64_t>& ids) override {
    return mocks::ProviderNamesOf(providers, ids);
  }

  absl::StatusOr<Registry> LoadRegistry(platform::Deadline) override {
    Registry out;
    out.municipalities = municipalities;
    for (const auto& p : providers) {
      out.provider_by_kvk[p.kvk_number] = p.id;
      out.provider_names[p.id] = p.name;
    }
    return out;
  }

  absl::StatusOr<std::vector<InflowRow>> Rows(platform::Deadline,
                                              const std::string& municipality_code,
                                              const std::string& region_code) override {
    std::vector<std::string> in_region;
    if (!region_code.empty()) {
      auto it = regions.find(region_code);
      if (it != regions.end()) in_region = it->second;
    }
    std::vector<InflowRow> out;
    for (const auto& row : rows_) {
      if (!municipality_code.empty() && row.municipality_code != municipality_code) continue;
      if (!region_code.empty() &&
          std::find(in_region.begin(), in_region.end(), row.municipality_code) == in_region.end()) {
        continue;
      }
      out.push_back(row);
    }
    return out;
  }

  absl::Status ReplaceQuarters(const platform::RequestInfo&, const std::vector<Quarter>& quarters,
                               const std::vector<InflowRow>& rows) override {
    for (const Quarter& q : quarters) {
      rows_.erase(std::remove_if(rows_.begin(), rows_.end(),
                                 [&](const InflowRow& row) { return row.quarter == q; }),
                  rows_.end());
      for (const auto& row : rows) {
        if (row.quarter == q) rows_.push_back(row);
      }
      audited_.push_back(q.Code());
    }
    std::sort(rows_.begin(), rows_.end(), [](const InflowRow& a, const InflowRow& b) {
      return std::make_tuple(a.quarter.Index(), a.municipality_code, a.provider_id,
                             Code(a.authorisation)) <
             std::make_tuple(b.quarter.Index(), b.municipality_code, b.provider_id,
                             Code(b.authorisation));
    });
    ++writes_;
    return absl::OkStatus();
  }

 private:
  std::vector<InflowRow> rows_;
  std::vector<std::string> audited_;
  int writes_ = 0;
};

}  // namespace ozjt::jzplus::testing
