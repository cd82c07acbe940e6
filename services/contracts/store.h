// What the contracts service's use cases (contracts.h) need from storage, as interfaces: the
// contracts with their history and notes, legal steps, tariff lines with index figures, floors
// and indexation records, KPI definitions and measurements, and the agenda's candidates. The
// PostgreSQL implementation (schema "contracts" only, the only code that knows its tables) is
// PgContractStore in pg_store.h, its statements split per aggregate over pg_*.cc; use cases are
// unit-tested against tests/mocks/contracts/fake_contract_store.h. Reference data and provider
// names come from the registry's Directory, the award gate from the screening service's
// AwardGate.
//
// Reads go through ContractStore directly. Changes run in ContractStore::Write, which hands the
// use case a ContractTx on one transaction: the change, its history row, its mutation event and
// its audit record commit together or not at all (a callback that returns an error, or a
// database error, leaves nothing behind).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/agenda/agenda.h"
#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/letter.h"
#include "services/contracts/tariff.h"
#include "services/contracts/vervoer.h"
#include "services/platform/db.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"

namespace ozjt::contracts {

struct ContractFilter {
  std::string text;
  std::string municipality_code;
  int64_t provider_id = 0;
  std::optional<ContractFamily> family;
  std::optional<ContractKind> kind;
  std::optional<ContractStatus> status;  // effective status on `today`
  int64_t parent_id = 0;
  int ends_within_months = 0;  // 0: any end date; else from `today` to today + months
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

// A letter recorded as sent to one provider of a contract.
struct LetterDispatch {
  int64_t id = 0;
  int64_t contract_id = 0;
  LetterSubject subject;
  int64_t provider_id = 0;
  Day sent_date;
  std::string receipt_proof;
  std::string recorded_by;
  absl::Time create_time = absl::UnixEpoch();
};

// The contracts' candidates for the agenda in [from, to] (due_items_impl.cc makes the items).
struct AgendaSource {
  std::vector<std::shared_ptr<const Contract>> contracts;    // awarded/active, ending near
  std::vector<std::pair<Contract, LegalStep>> legal_steps;   // deadline in window
  std::vector<std::pair<Contract, TariffLine>> below_floor;  // valid_from in window
};

// Changes on one open transaction (the PostgreSQL implementation throws libpqxx exceptions on
// database errors; ContractStore::Write turns them into a status and rolls back). A change that
// finds `before` no longer current fails the whole transaction with ABORTED. Every change writes
// its audit record in the same transaction.
class ContractTx {
 public:
  virtual ~ContractTx() = default;

  // The contract, locked against concurrent changes until commit; nullopt when absent.
  virtual std::optional<Contract> Lock(int64_t id) = 0;
  // Whether another contract than `except_id` has this reference.
  virtual bool ReferenceTaken(const std::string& reference, int64_t except_id) = 0;
  // Stores a new contract (version 1) with a history row; returns it as stored (id, version and
  // times set).
  virtual Contract Insert(const Contract& c) = 0;
  // Stores `after` over `before` (same id, before.version current): version + 1 and a history
  // row.
  virtual Contract Replace(const Contract& before, const Contract& after) = 0;
  // The admitting screening decision (ozjt.screening.v1) of a provider valid on `day`: the
  // case id (the latest valid), or nullopt. Locks it against change until commit (through the
  // screening service's AwardGate).
  virtual std::optional<int64_t> AdmittingScreening(int64_t provider_id, Day day) = 0;
  // Registers the screening decision `case_id` against the contract it allowed to be awarded.
  virtual void RegisterAward(int64_t case_id, int64_t contract_id, int64_t provider_id) = 0;
  // An audit record of its own for an exercised option (entity "option_exercise", id the
  // contract's): notice date and deadline, new end date, recorded on, after the fact or not.
  virtual void AuditOptionExercise(const Contract& contract, const ExtensionOption& option) = 0;
  // A mutation-after-award event (kind: "update", "option_exercised", "tariff_line").
  virtual void RecordMutation(const Contract& contract, const std::string& kind,
                              const std::string& detail_json) = 0;

  // Stores a note by the caller; returns it with id, author and time set.
  virtual ContractNote InsertNote(const ContractNote& note) = 0;

  // ---- legal steps ----
  virtual std::vector<LegalStep> LegalSteps(int64_t contract_id) = 0;
  // The step, locked until commit; nullopt when absent.
  virtual std::optional<LegalStep> LockLegalStep(int64_t id) = 0;
  // Stores a new step by the caller; returns it with id, creator and time set.
  virtual LegalStep InsertLegalStep(const LegalStep& step) = 0;
  virtual LegalStep ReplaceLegalStep(const LegalStep& before, const LegalStep& after) = 0;
  // Stores a letter as sent, recorded by the caller (audited); nullopt when that letter to that
  // provider was recorded already.
  virtual std::optional<LetterDispatch> InsertLetterDispatch(const LetterDispatch& d) = 0;

  // ---- tariff lines, index figures, floors, indexation ----
  // The line, locked until commit; nullopt when absent.
  virtual std::optional<TariffLine> LockTariffLine(int64_t id) = 0;
  // A contract's lines by product code, valid from and id.
  virtual std::vector<TariffLine> TariffLines(int64_t contract_id) = 0;
  // Stores a new line; returns it with its id.
  virtual TariffLine InsertTariffLine(const TariffLine& line) = 0;
  // Sets the line's valid_to.
  virtual void CloseTariffLine(const TariffLine& line, Day valid_to) = 0;
  virtual std::vector<IndexFigure> Figures() = 0;
  virtual std::vector<TariffFloor> Floors() = 0;
  // Whether the contract's tariffs were indexed for `year` already.
  virtual bool Indexed(int64_t contract_id, int year) = 0;
  virtual void RecordIndexation(int64_t contract_id, int year, int64_t index,
                                const std::string& detail) = 0;
  // False when the figure exists already.
  virtual bool InsertFigure(const IndexFigure& f) = 0;
  // False when the floor exists already.
  virtual bool InsertFloor(const TariffFloor& f) = 0;

  // ---- KPIs ----
  // Stores the definition of (contract, kind), replacing one there was.
  virtual void UpsertKpiDefinition(const KpiDefinition& d) = 0;
  // nullopt when the same measurement exists already.
  virtual std::optional<KpiMeasurement> InsertMeasurement(const KpiMeasurement& m) = 0;
};

class ContractStore {
 public:
  virtual ~ContractStore() = default;

  // The pool it reads and writes on (the agenda's other sources and the registry's directory
  // share it).
  virtual platform::Pool& pool() = 0;
  // The registry's reference data and provider names (services/registry/directory.h).
  virtual registry::Directory& directory() = 0;

  virtual absl::StatusOr<ContractRefs> LoadContractRefs(platform::Deadline d) = 0;
  virtual absl::StatusOr<TariffRefs> LoadTariffRefs(platform::Deadline d) = 0;
  // The names of these providers by id (unknown ids are left out).
  virtual absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) = 0;

  // NOT_FOUND when absent.
  virtual absl::StatusOr<Contract> Get(platform::Deadline d, int64_t id) = 0;
  // The filter's contracts (status: effective on q.today) in (reference, id) order after
  // q.after, at most q.limit.
  virtual absl::StatusOr<std::vector<Contract>> List(platform::Deadline d,
                                                     const ContractQuery& q) = 0;
  // Versions older than `before_version` (all when 0), newest first, at most `limit`.
  virtual absl::StatusOr<std::vector<ContractVersion>> History(platform::Deadline d, int64_t id,
                                                               int64_t before_version,
                                                               int limit) = 0;
  // Newest first.
  virtual absl::StatusOr<std::vector<ContractNote>> Notes(platform::Deadline d,
                                                          int64_t contract_id) = 0;
  virtual absl::StatusOr<std::vector<LegalStep>> LegalSteps(platform::Deadline d,
                                                            int64_t contract_id) = 0;
  // The letters recorded as sent, oldest first.
  virtual absl::StatusOr<std::vector<LetterDispatch>> LetterDispatches(platform::Deadline d,
                                                                       int64_t contract_id) = 0;
  virtual absl::StatusOr<std::vector<TariffLine>> TariffLines(platform::Deadline d,
                                                              int64_t contract_id) = 0;
  virtual absl::StatusOr<std::vector<IndexFigure>> Figures(platform::Deadline d) = 0;
  virtual absl::StatusOr<std::vector<TariffFloor>> Floors(platform::Deadline d) = 0;
  // Whether the contract's tariffs were indexed for `year` already.
  virtual absl::StatusOr<bool> Indexed(platform::Deadline d, int64_t contract_id, int year) = 0;
  // Of one contract or (0) all.
  virtual absl::StatusOr<std::vector<KpiDefinition>> KpiDefinitions(platform::Deadline d,
                                                                    int64_t contract_id) = 0;
  // Measurements of `period` (empty: every period, newest first), of one contract or (0) all.
  virtual absl::StatusOr<std::vector<KpiMeasurement>> Measurements(platform::Deadline d,
                                                                   int64_t contract_id,
                                                                   const std::string& period) = 0;
  // Scoped by the query's municipalities, provider and family.
  virtual absl::StatusOr<AgendaSource> Agenda(platform::Deadline d,
                                              const agenda::AgendaQuery& q) = 0;

  // Runs `fn` on one transaction; commits when it returns OK, leaves nothing behind otherwise.
  virtual absl::Status Write(const platform::RequestInfo& request,
                             const std::function<absl::Status(ContractTx&)>& fn) = 0;
};

}  // namespace ozjt::contracts
