// SQL for the contracts service (schema "contracts" only: reference data and provider names come
// from the registry's Directory, the award gate from the screening service's AwardGate).
// Only store.cc knows the tables. Changes run in ContractStore::Write, which hands the use
// case a ContractTx on one transaction: the change, its history row, its mutation event and
// its audit record commit together or not at all.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "services/agenda/agenda.h"
#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/tariff.h"
#include "services/contracts/vervoer.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/platform/versioned_cache.h"
#include "services/registry/directory.h"
#include "services/screening/award_gate.h"

namespace ozjt::contracts {

struct ContractFilter {
  std::string text;
  std::string municipality_code;
  int64_t provider_id = 0;
  std::optional<ContractFamily> family;
  std::optional<ContractKind> kind;
  std::optional<ContractStatus> status;  // effective status on `today`
  int64_t parent_id = 0;
};

struct ContractQuery {
  ContractFilter filter;
  Day today;
  std::optional<std::pair<std::string, int64_t>> after;  // (reference, id)
  int limit = 50;
};

struct ContractVersion {
  Contract contract;
  std::string actor;
  std::string method;
  absl::Time change_time;
};

struct ContractNote {
  int64_t id = 0;
  int64_t contract_id = 0;
  std::string municipality_code;
  std::string text;
  std::string author;
  absl::Time create_time = absl::UnixEpoch();
};

// The contracts' candidates for the agenda in [from, to] (due_items_impl.cc makes the items).
struct AgendaSource {
  std::vector<std::shared_ptr<const Contract>> contracts;    // awarded/active, ending near
  std::vector<std::pair<Contract, LegalStep>> legal_steps;   // deadline in window
  std::vector<std::pair<Contract, TariffLine>> below_floor;  // valid_from in window
};

// Changes on one open transaction. Methods throw libpqxx exceptions on database errors;
// ContractStore::Write turns them into a status and rolls back.
class ContractTx {
 public:
  ContractTx(pqxx::work& tx, const platform::RequestInfo& request, screening::AwardGate& award_gate)
      : tx_(tx), request_(request), award_gate_(award_gate) {}

  std::optional<Contract> Lock(int64_t id);
  bool ReferenceTaken(const std::string& reference, int64_t except_id);
  Contract Insert(const Contract& c);
  Contract Replace(const Contract& before, const Contract& after);
  // The admitting screening decision (ozjt.screening.v1) of a provider valid on `day`: the
  // case id (the latest valid), or nullopt. Locks it against change until commit (through the
  // screening service's AwardGate).
  std::optional<int64_t> AdmittingScreening(int64_t provider_id, Day day);
  // Registers the screening decision `case_id` against the contract it allowed to be awarded.
  void RegisterAward(int64_t case_id, int64_t contract_id, int64_t provider_id);
  // An audit record of its own for an exercised option (entity "option_exercise", id the
  // contract's): notice date and deadline, new end date, recorded on, after the fact or not.
  void AuditOptionExercise(const Contract& contract, const ExtensionOption& option);
  // A mutation-after-award event (kind: "update", "option_exercised", "tariff_line").
  void RecordMutation(const Contract& contract, const std::string& kind,
                      const std::string& detail_json);

  ContractNote InsertNote(const ContractNote& note);

  std::vector<LegalStep> LegalSteps(int64_t contract_id);
  std::optional<LegalStep> LockLegalStep(int64_t id);
  LegalStep InsertLegalStep(const LegalStep& step);
  LegalStep ReplaceLegalStep(const LegalStep& before, const LegalStep& after);

  std::optional<TariffLine> LockTariffLine(int64_t id);
  std::vector<TariffLine> TariffLines(int64_t contract_id);
  TariffLine InsertTariffLine(const TariffLine& line);
  void CloseTariffLine(const TariffLine& line, Day valid_to);
  std::vector<IndexFigure> Figures();
  std::vector<TariffFloor> Floors();
  bool Indexed(int64_t contract_id, int year);
  void RecordIndexation(int64_t contract_id, int year, int64_t index, const std::string& detail);
  // False when the figure exists already.
  bool InsertFigure(const IndexFigure& f);
  bool InsertFloor(const TariffFloor& f);

  void UpsertKpiDefinition(const KpiDefinition& d);
  // nullopt when the same measurement exists already.
  std::optional<KpiMeasurement> InsertMeasurement(const KpiMeasurement& m);

 private:
  void Audit(const std::string& type, int64_t id, const std::string& before,
             const std::string& after);
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
  screening::AwardGate& award_gate_;
};

class ContractStore {
 public:
  explicit ContractStore(platform::Pool& pool);
  // The pool it reads and writes on (the agenda's other sources and the registry's directory
  // share it).
  platform::Pool& pool() { return pool_; }
  // The registry's reference data and provider names (services/registry/directory.h).
  registry::Directory& directory() { return *directory_; }

  absl::StatusOr<ContractRefs> LoadContractRefs(platform::Deadline d);
  absl::StatusOr<TariffRefs> LoadTariffRefs(platform::Deadline d);
  // The names of these providers by id (unknown ids are left out).
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(platform::Deadline d,
                                                               const std::vector<int64_t>& ids);

  // NOT_FOUND when absent.
  absl::StatusOr<Contract> Get(platform::Deadline d, int64_t id);
  absl::StatusOr<std::vector<Contract>> List(platform::Deadline d, const ContractQuery& q);
  absl::StatusOr<std::vector<ContractVersion>> History(platform::Deadline d, int64_t id,
                                                       int64_t before_version, int limit);
  absl::StatusOr<std::vector<ContractNote>> Notes(platform::Deadline d, int64_t contract_id);
  absl::StatusOr<std::vector<LegalStep>> LegalSteps(platform::Deadline d, int64_t contract_id);
  absl::StatusOr<std::vector<TariffLine>> TariffLines(platform::Deadline d, int64_t contract_id);
  absl::StatusOr<std::vector<IndexFigure>> Figures(platform::Deadline d);
  absl::StatusOr<std::vector<TariffFloor>> Floors(platform::Deadline d);
  absl::StatusOr<std::vector<KpiDefinition>> KpiDefinitions(platform::Deadline d,
                                                            int64_t contract_id);
  // Measurements of `period` (empty: every period, newest first), of one contract or (0) all.
  absl::StatusOr<std::vector<KpiMeasurement>> Measurements(platform::Deadline d,
                                                           int64_t contract_id,
                                                           const std::string& period);
  // Scoped by the query's municipalities, provider and family.
  absl::StatusOr<AgendaSource> Agenda(platform::Deadline d, const agenda::AgendaQuery& q);

  absl::Status Write(const platform::RequestInfo& request,
                     const std::function<absl::Status(ContractTx&)>& fn);

 private:
  platform::Pool& pool_;
  std::unique_ptr<screening::AwardGate> award_gate_;
  std::unique_ptr<registry::Directory> directory_;
  // What the agenda parsed before (about 2 KiB each; 20,000 hold every contract in a
  // 180-day window of the national dataset).
  platform::VersionedCache<Contract> agenda_contracts_{20000};
};

}  // namespace ozjt::contracts
