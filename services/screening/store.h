// What the screening service's use cases need from storage, as interfaces: frameworks, cases,
// their award registrations and the read log (schema "screening"), the providers (from the
// registry's Directory) and contract existence (from the contracts service's
// ContractDirectory), both their public interfaces. The PostgreSQL implementation (the only
// code that knows the tables) is PgScreeningStore in pg_store.h; use cases are unit-tested
// against tests/mocks/screening/fake_screening_store.h.
//
// Reads of frameworks and outcomes go through ScreeningStore directly. Changes run inside
// ScreeningStore::Write, which hands the domain a ScreeningTx on one open transaction; so do
// reads of case content, which are logged as "screening_case.read". Everything the callback
// does, including the audit records, commits together or not at all (a callback that returns
// an error, or a database error, leaves nothing behind).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"
#include "services/screening/screening.h"

namespace ozjt::screening {

using registry::ProviderFacts;

// What a contract manager or municipality may see of a decided case.
struct OutcomeRow {
  int64_t case_id = 0;
  int64_t provider_id = 0;
  std::string provider_name;
  Outcome outcome = Outcome::kUnspecified;
  Day decided_on;
  std::optional<Day> valid_until;
  std::string framework_title;
};

struct CaseFilter {
  int64_t provider_id = 0;  // 0: all
  std::optional<CaseStatus> status;
};

// Case and framework changes on one open transaction, each with its audit record. A
// ReplaceCase that finds `before` no longer current fails the whole transaction with ABORTED
// (the PostgreSQL implementation throws, and Write turns it into the status and rolls back).
class ScreeningTx {
 public:
  virtual ~ScreeningTx() = default;
  // Stores a framework version; returns it with its id set.
  virtual Framework InsertFramework(const Framework& f) = 0;
  // The framework; nullopt when absent.
  virtual std::optional<Framework> FrameworkById(int64_t id) = 0;
  // The case, locked against concurrent changes until commit; nullopt when absent.
  virtual std::optional<ScreeningCase> LockCase(int64_t id) = 0;
  // The case without a lock; nullopt when absent.
  virtual std::optional<ScreeningCase> ReadCase(int64_t id) = 0;
  // The cases matching `f`, newest first: those below id `before_id` (0: from the newest), at
  // most `limit`.
  virtual std::vector<ScreeningCase> Cases(const CaseFilter& f, int64_t before_id, int limit) = 0;
  // The contracts an award was registered against with this case, ascending.
  virtual std::vector<int64_t> RegisteredContracts(int64_t case_id) = 0;
  // Stores a new case (version 1); returns it as stored (id and version set).
  virtual ScreeningCase InsertCase(const ScreeningCase& c) = 0;
  // Stores `after` over `before` (same id, before.version current); returns it at
  // version + 1.
  virtual ScreeningCase ReplaceCase(const ScreeningCase& before, const ScreeningCase& after) = 0;
  // Writes who read what (entity "screening_case.read", id "*" for a list).
  virtual void LogRead(const std::string& entity_id, const std::string& what_json) = 0;
};

class ScreeningStore {
 public:
  virtual ~ScreeningStore() = default;

  // Every framework version, by code and version.
  virtual absl::StatusOr<std::vector<Framework>> Frameworks(platform::Deadline d) = 0;
  // One provider (empty when absent) or all of them (id 0).
  virtual absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d,
                                                               int64_t id) = 0;
  // Id -> name of those of `ids` that exist.
  virtual absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) = 0;
  // Whether contract `id` exists (read before a transaction: contracts are never deleted).
  virtual absl::StatusOr<bool> ContractExists(platform::Deadline d, int64_t id) = 0;
  // The final decisions (admitted, with conditions, refused) of one provider or all (0),
  // newest first, with the provider's name; cases of providers the registry does not know are
  // left out.
  virtual absl::StatusOr<std::vector<OutcomeRow>> Outcomes(platform::Deadline d,
                                                           int64_t provider_id) = 0;

  // Runs `fn` on one transaction; commits when it returns OK.
  virtual absl::Status Write(const platform::RequestInfo& r,
                             const std::function<absl::Status(ScreeningTx&)>& fn) = 0;
};

}  // namespace ozjt::screening
