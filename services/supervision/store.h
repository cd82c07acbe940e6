// SQL for the supervision service (schema "supervision"; providers from "registry", contracts
// and their mutation events from "contracts"). Changes run in SupervisionStore::Write with their
// audit records in the same transaction; so do reads of finding details ("finding.read").
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/provider_facts.h"
#include "services/supervision/supervision.h"

namespace ozjt::supervision {

using registry::ProviderFacts;

struct InvestigationFilter {
  int64_t provider_id = 0;              // 0: all
  std::string requesting_municipality;  // "": all
  std::optional<Status> status;
};

// A contract mutation event not yet turned into reviews.
struct MutationEvent {
  int64_t id = 0;
  int64_t contract_id = 0;
  std::string contract_reference;
  std::string kind;
  std::vector<int64_t> provider_ids;
};

class SupervisionTx {
 public:
  SupervisionTx(pqxx::work& tx, const platform::RequestInfo& r) : tx_(tx), request_(r) {}
  bool ContractExists(int64_t id);
  std::optional<Investigation> Lock(int64_t id);
  std::optional<Investigation> Read(int64_t id);
  std::vector<Investigation> List(const InvestigationFilter& f);
  Investigation Insert(const Investigation& i);
  Investigation Replace(const Investigation& before, const Investigation& after);
  // Up to `limit` unconsumed events, locked (others skip them); then Consume each.
  std::vector<MutationEvent> PendingMutations(int limit);
  // Inserts a review unless one exists for the event and provider; true when inserted.
  bool InsertReview(const Investigation& review);
  void Consume(int64_t event_id);
  // Writes who read which finding details (entity "finding.read").
  void LogRead(const std::string& entity_id, const std::string& what_json);

 private:
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

class SupervisionStore {
 public:
  explicit SupervisionStore(platform::Pool& pool);

  // One provider (empty when absent) or all (id 0).
  absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d, int64_t id);
  // A municipality's name ("" for an unknown CBS code).
  absl::StatusOr<std::string> MunicipalityName(platform::Deadline d, const std::string& code);
  // Investigations (without logging: for counts, summaries and reports).
  absl::StatusOr<std::vector<Investigation>> List(platform::Deadline d,
                                                  const InvestigationFilter& f);

  absl::Status Write(const platform::RequestInfo& r,
                     const std::function<absl::Status(SupervisionTx&)>& fn);

 private:
  platform::Pool& pool_;
  registry::ProviderFactsReader providers_;
};

}  // namespace ozjt::supervision
