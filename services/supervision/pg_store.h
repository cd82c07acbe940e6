// The supervision service's storage on PostgreSQL (schema "supervision"): the only code that
// knows the supervision tables (with due_items_impl.cc for the agenda). An investigation is a
// row with its body, and each of its findings a row of supervision.finding (finding_rows.h).
// Providers and municipality names come from the registry's Directory, contracts and their mutation
// events from the contracts service's ContractDirectory and MutationEvents (their public
// interfaces; in-process today). Methods of the transaction throw libpqxx exceptions on database
// errors; PgSupervisionStore::Write turns them into a status and rolls back.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/contracts/contract_directory.h"
#include "services/contracts/mutation_events.h"
#include "services/platform/db.h"
#include "services/registry/directory.h"
#include "services/supervision/store.h"

namespace ozjt::supervision {

class PgSupervisionStore : public SupervisionStore {
 public:
  // With the in-process registry directory, contract directory and mutation events on `pool`.
  // Registers the prepared statements on `pool`.
  explicit PgSupervisionStore(platform::Pool& pool);
  PgSupervisionStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory,
                     std::unique_ptr<contracts::ContractDirectory> contracts,
                     std::unique_ptr<contracts::MutationEvents> mutations);

  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id) override;
  absl::StatusOr<std::string> MunicipalityName(platform::Deadline d,
                                               const std::string& code) override;
  absl::StatusOr<bool> ContractExists(platform::Deadline d, int64_t id) override;
  absl::StatusOr<std::vector<MutationEvent>> PendingMutations(platform::Deadline d,
                                                              int limit) override;
  absl::Status ConsumeMutations(platform::Deadline d,
                                const std::vector<int64_t>& event_ids) override;
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) override;
  absl::StatusOr<std::vector<Investigation>> List(platform::Deadline d,
                                                  const InvestigationFilter& f) override;
  absl::StatusOr<std::vector<Investigation>> Overview(platform::Deadline d,
                                                      const InvestigationFilter& f,
                                                      int64_t before_id, int limit) override;
  absl::StatusOr<std::vector<Investigation>> MayEscalate(platform::Deadline d,
                                                         Day action_due_before) override;
  absl::StatusOr<PeriodCounts> CountPeriod(platform::Deadline d, Day from, Day to) override;
  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(SupervisionTx&)>& fn) override;

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
  std::unique_ptr<contracts::ContractDirectory> contracts_;
  std::unique_ptr<contracts::MutationEvents> mutations_;
};

}  // namespace ozjt::supervision
