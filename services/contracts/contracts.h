// The contracts service's use cases: what each RPC does in domain terms, with the municipal
// scope (a municipal user sees only contracts their municipality takes part in), pagination,
// mutation-after-award events and audit through the store's transaction. No gRPC types.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/agenda/agenda.h"
#include "services/contracts/agenda.h"
#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/store.h"
#include "services/contracts/tariff.h"
#include "services/contracts/vervoer.h"
#include "services/platform/request.h"

namespace ozjt::contracts {

struct ContractPage {
  std::vector<Contract> contracts;
  std::string next_page_token;
};

struct HistoryPage {
  std::vector<ContractVersion> versions;
  std::string next_page_token;
};

struct AgendaRequest {
  std::optional<Day> from;  // default today
  std::optional<Day> to;    // default from + 180 days
  std::string municipality_code;
  std::string region_code;  // contracts with a municipality of this region (registry.region)
  int64_t provider_id = 0;
  std::optional<ContractFamily> family;
  std::vector<AgendaKind> kinds;  // empty: all
};

struct AgendaPage {
  std::vector<AgendaItem> items;
  std::string next_page_token;
  Day from, to;  // the window listed
};

struct TariffLineView {
  TariffLine line;
  bool below_floor = false;
};

struct IndexationResult {
  IndexationPlan plan;
  bool applied = false;
  std::vector<int64_t> new_line_ids;  // parallel to plan.lines when applied
};

struct KpiBreach {
  KpiMeasurement measurement;
  KpiDefinition definition;
  // Of the contract or lot the measurement belongs to (a framework's breaches are its lots').
  std::string contract_reference;
  std::string contract_title;
};

struct RenderedLetter {
  Letter letter;
  std::string pdf;
};

class Contracts {
 public:
  // `supervision_grace_days`: when an overdue improvement action becomes a signal in the agenda.
  // Builds the agenda (services/agenda) over the due items of contracts, the account-holding
  // region, screening and supervision, on the store's pool.
  Contracts(ContractStore& store, ContractRefs refs, TariffRefs tariff_refs,
            int supervision_grace_days);
  ~Contracts();

  absl::StatusOr<Contract> Get(const platform::RequestInfo& r, int64_t id);
  // The names of the providers of these contracts, by id: who delivers a contract is part of
  // the contract, for everyone who may read it.
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(const platform::RequestInfo& r,
                                                               const std::vector<Contract>& cs);
  absl::StatusOr<ContractPage> List(const platform::RequestInfo& r, ContractFilter filter,
                                    int page_size, const std::string& page_token);
  absl::StatusOr<Contract> Create(const platform::RequestInfo& r, Contract c);
  absl::StatusOr<Contract> Update(const platform::RequestInfo& r, int64_t id,
                                  int64_t expected_version, const Contract& changes,
                                  const std::vector<std::string>& mask);
  absl::StatusOr<HistoryPage> History(const platform::RequestInfo& r, int64_t id, int page_size,
                                      const std::string& page_token);
  absl::StatusOr<Contract> Exercise(const platform::RequestInfo& r, int64_t id, int number,
                                    Day notice_date, const std::string& receipt_proof,
                                    const std::string& consent_reference, int64_t expected_version);
  absl::StatusOr<Contract> Decide(const platform::RequestInfo& r, int64_t id, int number,
                                  OptionDecision decision, int64_t expected_version);

  // ---- letters (letters.cc) ----
  // The letter about `subject` to provider `provider_id` of a visible contract, as a PDF.
  // INVALID_ARGUMENT (provider) when the provider is not the contract's.
  absl::StatusOr<RenderedLetter> Letter(const platform::RequestInfo& r, int64_t id,
                                        const LetterSubject& subject, int64_t provider_id);
  // Records the letter as sent: the letter must exist (as Letter), sent_date not in the future
  // and not before the letter's date, receipt_proof 1..200 characters. ALREADY_EXISTS when
  // recorded already.
  absl::StatusOr<LetterDispatch> RecordLetterSent(const platform::RequestInfo& r, LetterDispatch d);
  absl::StatusOr<std::vector<LetterDispatch>> LetterDispatches(const platform::RequestInfo& r,
                                                               int64_t id);

  // The agenda (services/agenda) in the caller's scope: a municipal user's own municipality,
  // the kinds of items the caller's role sees.
  absl::StatusOr<std::vector<AgendaItem>> Agenda(const platform::RequestInfo& r,
                                                 const AgendaRequest& a);
  // One page of it (agenda.h: AgendaPosition): default 500 items, at most 1000.
  absl::StatusOr<AgendaPage> PageOfAgenda(const platform::RequestInfo& r, AgendaRequest a,
                                          int page_size, const std::string& page_token);

  absl::StatusOr<ContractNote> CreateNote(const platform::RequestInfo& r, ContractNote note);
  absl::StatusOr<std::vector<ContractNote>> Notes(const platform::RequestInfo& r, int64_t id);

  absl::StatusOr<LegalStep> CreateLegalStep(const platform::RequestInfo& r, LegalStep step);
  absl::StatusOr<LegalStep> RecordDefaultResponse(const platform::RequestInfo& r, int64_t step_id,
                                                  Day response_date, const std::string& response,
                                                  bool remedied);
  absl::StatusOr<std::vector<LegalStep>> LegalSteps(const platform::RequestInfo& r, int64_t id);

  absl::StatusOr<std::vector<TariffLineView>> TariffLines(const platform::RequestInfo& r,
                                                          int64_t id, std::optional<Day> valid_on);
  absl::StatusOr<TariffLineView> CreateTariffLine(const platform::RequestInfo& r, TariffLine line);
  absl::StatusOr<IndexFigure> CreateFigure(const platform::RequestInfo& r, IndexFigure f);
  absl::StatusOr<std::vector<IndexFigure>> Figures(const platform::RequestInfo& r,
                                                   const std::string& component);
  absl::StatusOr<TariffFloor> CreateFloor(const platform::RequestInfo& r, TariffFloor f);
  absl::StatusOr<std::vector<TariffFloor>> Floors(const platform::RequestInfo& r);
  absl::StatusOr<IndexationResult> PreviewIndexation(const platform::RequestInfo& r, int64_t id,
                                                     int year);
  // ABORTED when the index is not `expected_index` (hundredths).
  absl::StatusOr<IndexationResult> ApplyIndexation(const platform::RequestInfo& r, int64_t id,
                                                   int year, int64_t expected_index);

  absl::StatusOr<KpiDefinition> SetKpiDefinition(const platform::RequestInfo& r, KpiDefinition d);
  absl::StatusOr<std::vector<KpiDefinition>> KpiDefinitions(const platform::RequestInfo& r,
                                                            int64_t id);
  absl::StatusOr<KpiMeasurement> RecordMeasurement(const platform::RequestInfo& r,
                                                   KpiMeasurement m);
  // A visible contract's measurements (period empty: all, newest period first).
  absl::StatusOr<std::vector<KpiMeasurement>> Measurements(const platform::RequestInfo& r,
                                                           int64_t id, const std::string& period);
  absl::StatusOr<std::vector<KpiBreach>> Breaches(const platform::RequestInfo& r, int64_t id,
                                                  const std::string& period);

 private:
  // Changes the options of contract `id` read at `expected_version` (INVALID_ARGUMENT without
  // one, ABORTED when stale) in one transaction: `change` makes the new contract from the
  // locked one, `recorded` adds what goes with the stored version (audit, mutation event).
  absl::StatusOr<Contract> ChangeOptions(
      const platform::RequestInfo& r, int64_t id, int64_t expected_version,
      const std::function<absl::StatusOr<Contract>(const Contract&)>& change,
      const std::function<void(ContractTx&, const Contract&)>& recorded);
  // NOT_FOUND for a municipal caller whose municipality does not take part.
  absl::Status CheckVisible(const platform::RequestInfo& r, const Contract& c) const;
  // The contract, if the caller may see it.
  absl::StatusOr<Contract> Visible(const platform::RequestInfo& r, int64_t id);
  // The contract, locked in `tx` until commit, if the caller may see it.
  absl::StatusOr<Contract> LockVisible(const platform::RequestInfo& r, ContractTx& tx,
                                       int64_t id) const;
  // The municipality a note or measurement is for: a municipal user's own (another is
  // PERMISSION_DENIED); for others `requested`, which must take part in `c` (or be empty).
  absl::StatusOr<std::string> WritingFor(const platform::RequestInfo& r, const Contract& c,
                                         const std::string& requested,
                                         const std::string& field) const;
  // A municipality's name for messages ("Enschede"), or "gemeente 0153" when unknown.
  std::string MunicipalityName(const std::string& code) const;
  // Providers exist, parent is a framework, reference is free: the checks that need the database.
  // Reference unique, providers registered (`providers_known`, asked of the registry before the
  // transaction), parent a framework agreement.
  absl::Status CheckReferences(ContractTx& tx, const Contract& c, bool providers_known);
  // Whether every one of `ids` is a registered provider.
  absl::StatusOr<bool> ProvidersKnown(const platform::RequestInfo& r,
                                      const std::vector<int64_t>& ids);
  // The award gate's refusal for `provider`, named from the registry.
  absl::Status AwardRefusedFor(const platform::RequestInfo& r, int64_t provider);
  // Stores `next` on `tx`, new (`current` null) or replacing `current`, after CheckReferences;
  // when it becomes awarded, the award gate first (`refused`: the provider it refused) and
  // the admitting screening decisions registered against it after.
  absl::StatusOr<Contract> WriteContract(ContractTx& tx, const Contract* current,
                                         const Contract& next, bool providers_known, Day today,
                                         std::optional<int64_t>& refused);

  ContractStore& store_;
  ContractRefs refs_;
  TariffRefs tariff_refs_;
  std::unique_ptr<agenda::Agenda> agenda_;
};

}  // namespace ozjt::contracts
