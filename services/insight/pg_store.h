// InsightStore on PostgreSQL (schema insight, migration 0015).
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
                                    const Quarter& quarter) override;
  absl::StatusOr<bool> AnyMessage(platform::Deadline d) override;
  registry::Directory& directory() override { return *directory_; }
  contracts::ContractDirectory& contracts() override { return *contracts_; }

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
  std::unique_ptr<contracts::ContractDirectory> contracts_;
};

}  // namespace ozjt::insight
