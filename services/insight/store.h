// What the insight service keeps: the message traffic (pg_store.h on PostgreSQL).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contracts/contract_directory.h"
#include "services/insight/ceilings.h"
#include "services/insight/ijw.h"
#include "services/insight/measures.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"

namespace ozjt::insight {

struct ParsedFile {
  std::string file_name;
  Message message;
};

class InsightStore {
 public:
  virtual ~InsightStore() = default;
  // Stores the messages not stored before (by law, type, sender and identification), in one
  // transaction with one audit record ("insight_import") naming every file stored. Per file:
  // true when stored now, false when it was there already.
  virtual absl::StatusOr<std::vector<bool>> Save(const platform::RequestInfo& r,
                                                 const std::vector<ParsedFile>& files,
                                                 int key_version) = 0;
  // The traffic of `municipalities` that bears on `quarter` (measures.h).
  virtual absl::StatusOr<Traffic> TrafficOf(platform::Deadline d,
                                            const std::vector<std::string>& municipalities,
                                            const Period& period) = 0;
  // Whether any message is stored.
  virtual absl::StatusOr<bool> AnyMessage(platform::Deadline d) = 0;

  // Spending ceilings (ceilings.h). Stores `c` as the ceiling of its contract, provider,
  // municipality and year: a new one, or the amount and start day of the one there is (its
  // recorded steps stay); audited ("spending_ceiling"). The ceiling as stored.
  virtual absl::StatusOr<SpendingCeiling> SaveCeiling(const platform::RequestInfo& r,
                                                      const SpendingCeiling& c) = 0;
  // Stores the steps of `after`, a ceiling read as `before`: ABORTED when its steps changed
  // since (another user recorded one); audited.
  virtual absl::Status SaveSteps(const platform::RequestInfo& r, const SpendingCeiling& before,
                                 const SpendingCeiling& after) = 0;
  // NOT_FOUND for an unknown id.
  virtual absl::StatusOr<SpendingCeiling> Ceiling(platform::Deadline d, int64_t id) = 0;
  // The ceilings of `year` of `municipalities` (empty: all).
  virtual absl::StatusOr<std::vector<SpendingCeiling>> Ceilings(
      platform::Deadline d, int year, const std::vector<std::string>& municipalities) = 0;
  virtual registry::Directory& directory() = 0;
  virtual contracts::ContractDirectory& contracts() = 0;
};

}  // namespace ozjt::insight
