// What the account-holding-region service's use cases need from storage, as interfaces:
// assignments, financial statements, signals and continuity cases (schema "accountregion"),
// and the providers, their turnover and the regions (from the registry's Directory, its public
// interface). The PostgreSQL implementation (the only code that knows the tables) is
// PgAccountRegionStore in pg_store.h; use cases are unit-tested against
// tests/mocks/accountregion/fake_account_region_store.h.
//
// Reads go through AccountRegionStore directly. Changes run inside AccountRegionStore::Write,
// which hands the domain an AccountRegionTx on one open transaction: everything the callback
// does, including the audit records, commits together or not at all (a callback that returns
// an error, or a database error, leaves nothing behind).
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/accountregion/continuity.h"
#include "services/platform/db.h"
#include "services/platform/request.h"

namespace ozjt::accountregion {

// What the registry knows of a provider that this service needs.
struct ProviderFacts {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> municipality_codes;
  Turnover turnover;
  bool ActiveIn(const std::string& code) const {
    return std::find(municipality_codes.begin(), municipality_codes.end(), code) !=
           municipality_codes.end();
  }
};

// Changes on one open transaction, each with its audit record. A ReplaceCase that finds
// `before` no longer current fails the whole transaction with ABORTED (the PostgreSQL
// implementation throws, and Write turns it into the status and rolls back).
class AccountRegionTx {
 public:
  virtual ~AccountRegionTx() = default;
  // Stores an assignment of a provider to a region; returns it.
  virtual Assignment InsertAssignment(const Assignment& a) = 0;
  // Stores a financial statement; false (nothing stored) when the provider has one for that
  // period.
  virtual bool InsertStatement(const FinancialStatement& s) = 0;
  // Stores a signal; returns it with its id and recorded_by (the caller) set.
  virtual Signal InsertSignal(const Signal& s) = 0;
  // The case, locked against concurrent changes until commit; nullopt when absent.
  virtual std::optional<ContinuityCase> LockCase(int64_t id) = 0;
  // Whether the provider has an open continuity case.
  virtual bool HasOpenCase(int64_t provider_id) = 0;
  // Stores a new case (version 1); returns it as stored (id and version set).
  virtual ContinuityCase InsertCase(const ContinuityCase& c) = 0;
  // Stores `after` over `before` (same id, before.version current); returns it at
  // version + 1.
  virtual ContinuityCase ReplaceCase(const ContinuityCase& before, const ContinuityCase& after) = 0;
};

class AccountRegionStore {
 public:
  virtual ~AccountRegionStore() = default;

  // The codes of the youth-care regions.
  virtual absl::StatusOr<std::vector<std::string>> Regions(platform::Deadline d) = 0;
  // One provider (empty when absent) or all of them (id 0).
  virtual absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d,
                                                               int64_t id) = 0;
  // Of one provider, or of all (provider_id 0): the assignments in the order stored,
  virtual absl::StatusOr<std::vector<Assignment>> Assignments(platform::Deadline d,
                                                              int64_t provider_id) = 0;
  // the statements by provider, newest period first,
  virtual absl::StatusOr<std::vector<FinancialStatement>> Statements(platform::Deadline d,
                                                                     int64_t provider_id) = 0;
  // the signals, newest first,
  virtual absl::StatusOr<std::vector<Signal>> Signals(platform::Deadline d,
                                                      int64_t provider_id) = 0;
  // and the cases (only the open ones with open_only), open first, then newest first.
  virtual absl::StatusOr<std::vector<ContinuityCase>> Cases(platform::Deadline d,
                                                            int64_t provider_id,
                                                            bool open_only) = 0;

  // Runs `fn` on one transaction; commits when it returns OK.
  virtual absl::Status Write(const platform::RequestInfo& r,
                             const std::function<absl::Status(AccountRegionTx&)>& fn) = 0;
};

}  // namespace ozjt::accountregion
