// InsightStore on PostgreSQL (schema insight, migrations 0015 and 0016).
#pragma once

#include <memory>

#include "services/insight/store.h"
#include "services/platform/db.h"

namespace ozjt::insight {

class PgInsightStore final : public InsightStore {
 public:
  explicit PgInsightStore(platform::Pool& pool);
  absl::StatusOr<std::vector<bool>> Save(const platform::RequestInfo& r,
                                         const std::vector<ParsedFile>& files,
                                         int key_version) override;
  absl::StatusOr<Traffic> TrafficOf(platform::Deadline d,
                                    const std::vector<std::string>& municipalities,
                                    const Period& period) override;
  absl::StatusOr<bool> AnyMessage(platform::Deadline d) override;
  absl::StatusOr<SpendingCeiling> SaveCeiling(const platform::RequestInfo& r,
                                              const SpendingCeiling& c) override;
  absl::Status SaveSteps(const platform::RequestInfo& r, const SpendingCeiling& before,
                         const SpendingCeiling& after) override;
  absl::StatusOr<SpendingCeiling> Ceiling(platform::Deadline d, int64_t id) override;
  absl::StatusOr<std::vector<SpendingCeiling>> Ceilings(
      platform::Deadline d, int year, const std::vector<std::string>& municipalities) override;
  registry::Directory& directory() override { return *directory_; }
  contracts::ContractDirectory& contracts() override { return *contracts_; }

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
  std::unique_ptr<contracts::ContractDirectory> contracts_;
};

}  // namespace ozjt::insight
