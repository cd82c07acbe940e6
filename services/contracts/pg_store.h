// The contracts service's storage on PostgreSQL (schema "contracts"): the only code that knows
// the contracts' tables. PgContractStore and PgContractTx are defined per aggregate:
//   pg_store.cc    contracts with their history, notes and mutation events; reference data and
//                  provider names (through the registry's Directory); Write and the audit
//   pg_legal.cc    legal steps and the letters recorded as sent
//   pg_tariffs.cc  tariff lines, index figures, floors and indexation records
//   pg_kpi.cc      KPI definitions and measurements
//   pg_agenda.cc   the agenda's candidates (Agenda)
// What these files share (column lists, row decoders, each aggregate's statements) is in
// pg_rows.h. Methods of the transaction throw libpqxx exceptions on database errors;
// PgContractStore::Write turns them into a status and rolls back.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/contracts/store.h"
#include "services/platform/db.h"
#include "services/platform/versioned_cache.h"
#include "services/registry/directory.h"
#include "services/screening/award_gate.h"

namespace ozjt::contracts {

// Changes on one open transaction of the pool.
class PgContractTx : public ContractTx {
 public:
  PgContractTx(pqxx::work& tx, const platform::RequestInfo& request,
               screening::AwardGate& award_gate)
      : tx_(tx), request_(request), award_gate_(award_gate) {}

  std::optional<Contract> Lock(int64_t id) override;
  bool ReferenceTaken(const std::string& reference, int64_t except_id) override;
  Contract Insert(const Contract& c) override;
  Contract Replace(const Contract& before, const Contract& after) override;
  std::optional<int64_t> AdmittingScreening(int64_t provider_id, Day day) override;
  void RegisterAward(int64_t case_id, int64_t contract_id, int64_t provider_id) override;
  void AuditOptionExercise(const Contract& contract, const ExtensionOption& option) override;
  void RecordMutation(const Contract& contract, const std::string& kind,
                      const std::string& detail_json) override;

  ContractNote InsertNote(const ContractNote& note) override;

  // pg_legal.cc
  std::vector<LegalStep> LegalSteps(int64_t contract_id) override;
  std::optional<LegalStep> LockLegalStep(int64_t id) override;
  LegalStep InsertLegalStep(const LegalStep& step) override;
  LegalStep ReplaceLegalStep(const LegalStep& before, const LegalStep& after) override;
  std::optional<LetterDispatch> InsertLetterDispatch(const LetterDispatch& d) override;

  // pg_tariffs.cc
  std::optional<TariffLine> LockTariffLine(int64_t id) override;
  std::vector<TariffLine> TariffLines(int64_t contract_id) override;
  TariffLine InsertTariffLine(const TariffLine& line) override;
  void CloseTariffLine(const TariffLine& line, Day valid_to) override;
  std::vector<IndexFigure> Figures() override;
  std::vector<TariffFloor> Floors() override;
  bool Indexed(int64_t contract_id, int year) override;
  void RecordIndexation(int64_t contract_id, int year, int64_t index,
                        const std::string& detail) override;
  bool InsertFigure(const IndexFigure& f) override;
  bool InsertFloor(const TariffFloor& f) override;

  // pg_kpi.cc
  void UpsertKpiDefinition(const KpiDefinition& d) override;
  std::optional<KpiMeasurement> InsertMeasurement(const KpiMeasurement& m) override;

 private:
  void Audit(const std::string& type, int64_t id, const std::string& before,
             const std::string& after);
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
  screening::AwardGate& award_gate_;
};

class PgContractStore : public ContractStore {
 public:
  // Registers the prepared statements of every aggregate on `pool`.
  explicit PgContractStore(platform::Pool& pool);

  platform::Pool& pool() override { return pool_; }
  registry::Directory& directory() override { return *directory_; }

  absl::StatusOr<ContractRefs> LoadContractRefs(platform::Deadline d) override;
  absl::StatusOr<TariffRefs> LoadTariffRefs(platform::Deadline d) override;
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) override;

  absl::StatusOr<Contract> Get(platform::Deadline d, int64_t id) override;
  absl::StatusOr<std::vector<Contract>> List(platform::Deadline d, const ContractQuery& q) override;
  absl::StatusOr<std::vector<ContractVersion>> History(platform::Deadline d, int64_t id,
                                                       int64_t before_version, int limit) override;
  absl::StatusOr<std::vector<ContractNote>> Notes(platform::Deadline d,
                                                  int64_t contract_id) override;
  // pg_legal.cc
  absl::StatusOr<std::vector<LegalStep>> LegalSteps(platform::Deadline d,
                                                    int64_t contract_id) override;
  absl::StatusOr<std::vector<LetterDispatch>> LetterDispatches(platform::Deadline d,
                                                               int64_t contract_id) override;
  // pg_tariffs.cc
  absl::StatusOr<std::vector<TariffLine>> TariffLines(platform::Deadline d,
                                                      int64_t contract_id) override;
  absl::StatusOr<std::vector<IndexFigure>> Figures(platform::Deadline d) override;
  absl::StatusOr<std::vector<TariffFloor>> Floors(platform::Deadline d) override;
  absl::StatusOr<bool> Indexed(platform::Deadline d, int64_t contract_id, int year) override;
  // pg_kpi.cc
  absl::StatusOr<std::vector<KpiDefinition>> KpiDefinitions(platform::Deadline d,
                                                            int64_t contract_id) override;
  absl::StatusOr<std::vector<KpiMeasurement>> Measurements(platform::Deadline d,
                                                           int64_t contract_id,
                                                           const std::string& period) override;
  // pg_agenda.cc
  absl::StatusOr<AgendaSource> Agenda(platform::Deadline d, const agenda::AgendaQuery& q) override;

  absl::Status Write(const platform::RequestInfo& request,
                     const std::function<absl::Status(ContractTx&)>& fn) override;

 private:
  platform::Pool& pool_;
  std::unique_ptr<screening::AwardGate> award_gate_;
  std::unique_ptr<registry::Directory> directory_;
  // The contracts the agenda and Get parsed before (about 2 KiB each; 20,000 hold every
  // contract in a 180-day window of the national dataset).
  platform::VersionedCache<Contract> parsed_{20000};
};

}  // namespace ozjt::contracts
