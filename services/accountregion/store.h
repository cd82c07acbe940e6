// SQL for the account-holding-region service (schema "accountregion" only; providers, their
// turnover and the regions come from the registry's Directory, its public interface). Changes
// run in AccountRegionStore::Write with their audit records in the same transaction.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/accountregion/continuity.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"

namespace ozjt::accountregion {

// What the registry knows of a provider that this service needs.
struct ProviderFacts {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> municipality_codes;
  Turnover turnover;
  bool ActiveIn(const std::string& code) const;
};

class AccountRegionTx {
 public:
  AccountRegionTx(pqxx::work& tx, const platform::RequestInfo& r) : tx_(tx), request_(r) {}
  Assignment InsertAssignment(const Assignment& a);
  // False when a statement for the period exists.
  bool InsertStatement(const FinancialStatement& s);
  Signal InsertSignal(const Signal& s);
  std::optional<ContinuityCase> LockCase(int64_t id);
  bool HasOpenCase(int64_t provider_id);
  ContinuityCase InsertCase(const ContinuityCase& c);
  ContinuityCase ReplaceCase(const ContinuityCase& before, const ContinuityCase& after);

 private:
  void Audit(const std::string& type, int64_t id, const std::string& before,
             const std::string& after);
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

class AccountRegionStore {
 public:
  // With the in-process registry directory on `pool`.
  explicit AccountRegionStore(platform::Pool& pool);
  AccountRegionStore(platform::Pool& pool, std::unique_ptr<registry::Directory> directory);

  absl::StatusOr<std::vector<std::string>> Regions(platform::Deadline d);
  // One provider (nullopt when absent) or all of them (id 0).
  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id);
  absl::StatusOr<std::vector<Assignment>> Assignments(platform::Deadline d, int64_t provider_id);
  absl::StatusOr<std::vector<FinancialStatement>> Statements(platform::Deadline d,
                                                             int64_t provider_id);
  absl::StatusOr<std::vector<Signal>> Signals(platform::Deadline d, int64_t provider_id);
  absl::StatusOr<std::vector<ContinuityCase>> Cases(platform::Deadline d, int64_t provider_id,
                                                    bool open_only);

  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(AccountRegionTx&)>& fn);

 private:
  platform::Pool& pool_;
  std::unique_ptr<registry::Directory> directory_;
};

// JSON of a case (storage and audit), and back.
std::string ToJson(const ContinuityCase& c);
absl::StatusOr<ContinuityCase> CaseFromJson(absl::string_view json);

}  // namespace ozjt::accountregion
