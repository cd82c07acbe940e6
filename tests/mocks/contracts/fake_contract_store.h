// An in-memory ContractStore for unit tests of the contracts service's use cases
// (services/contracts/contracts.h) without PostgreSQL. It keeps the store's contract: a Write
// whose callback fails leaves nothing behind (the state is restored), Insert numbers contracts
// from 1 at version 1, Replace refuses a `before` that is not current with ABORTED, every stored
// version is in the history, and every change leaves an audit record (audits()). The registry's
// Directory is the in-memory FakeDirectory below; pool() is a pool that never connects (the
// agenda's other sources are built on it, so the tests must not ask for the agenda).
//
// Implemented: contracts (Get, List, History, Lock, ReferenceTaken, Insert, Replace), the award
// gate (admitting screenings set in `admitting`), option-exercise audit, mutation events and
// notes. Legal steps, tariff lines, index figures, floors, indexation, KPIs and the agenda's
// candidates are not: their reads return UNIMPLEMENTED, and their changes fail the Write with
// UNIMPLEMENTED. Integration tests keep running on real PostgreSQL (PgContractStore).
//
//   FakeContractStore store;
//   Contracts contracts(store, *store.LoadContractRefs(platform::NoDeadline()), TariffRefs{}, 14);
//   contracts.Create(request, contract);  EXPECT_EQ(store.writes(), 1);
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/contracts/store.h"
#include "services/platform/status.h"
#include "services/registry/directory.h"
#include "tests/mocks/fake_transaction.h"

namespace ozjt::contracts::testing {

// The registry's Directory in memory: providers by id and name, municipalities with their
// region, product categories and units. Provider facts, turnover and keys are UNIMPLEMENTED.
class FakeDirectory : public registry::Directory {
 public:
  std::map<int64_t, std::string> providers;
  std::vector<registry::MunicipalityEntry> municipalities;
  std::vector<registry::CategoryCode> categories;
  std::vector<std::string> units;

  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline, const std::vector<int64_t>& ids) override {
    std::map<int64_t, std::string> out;
    for (int64_t id : ids) {
      auto it = providers.find(id);
      if (it != providers.end()) out[id] = it->second;
    }
    return out;
  }
  absl::StatusOr<std::map<std::string, registry::AgbProvider>> ProvidersByAgb(
      platform::Deadline, const std::vector<std::string>&) override {
    return absl::UnimplementedError("FakeDirectory::ProvidersByAgb");
  }
  absl::StatusOr<int64_t> CountProviders(platform::Deadline,
                                         const std::vector<int64_t>& ids) override {
    const std::set<int64_t> distinct(ids.begin(), ids.end());
    return static_cast<int64_t>(std::count_if(distinct.begin(), distinct.end(),
                                              [&](int64_t id) { return providers.count(id) > 0; }));
  }
  absl::StatusOr<std::vector<int64_t>> ProvidersActiveIn(platform::Deadline,
                                                         const std::vector<std::string>&) override {
    return absl::UnimplementedError("FakeDirectory::ProvidersActiveIn");
  }
  absl::StatusOr<std::vector<registry::ProviderFacts>> Providers(platform::Deadline,
                                                                 int64_t) override {
    return absl::UnimplementedError("FakeDirectory::Providers");
  }
  absl::StatusOr<std::vector<registry::ProviderTurnover>> ProvidersWithTurnover(platform::Deadline,
                                                                                int64_t) override {
    return absl::UnimplementedError("FakeDirectory::ProvidersWithTurnover");
  }
  absl::StatusOr<std::vector<registry::ProviderKey>> ProviderKeys(platform::Deadline) override {
    return absl::UnimplementedError("FakeDirectory::ProviderKeys");
  }
  absl::StatusOr<std::vector<registry::MunicipalityEntry>> Municipalities(
      platform::Deadline) override {
    return municipalities;
  }
  absl::StatusOr<std::string> MunicipalityName(platform::Deadline,
                                               const std::string& cbs_code) override {
    for (const auto& m : municipalities) {
      if (m.cbs_code == cbs_code) return m.name;
    }
    return std::string();
  }
  absl::StatusOr<std::vector<std::string>> MunicipalitiesOfRegion(
      platform::Deadline, const std::string& region_code) override {
    std::vector<std::string> out;
    for (const auto& m : municipalities) {
      if (m.region_code == region_code) out.push_back(m.cbs_code);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  absl::StatusOr<std::vector<std::string>> RegionCodes(platform::Deadline) override {
    std::set<std::string> codes;
    for (const auto& m : municipalities) codes.insert(m.region_code);
    return std::vector<std::string>(codes.begin(), codes.end());
  }
  absl::StatusOr<std::vector<registry::CategoryCode>> ProductCategories(
      platform::Deadline) override {
    return categories;
  }
  absl::StatusOr<std::vector<std::string>> UnitCodes(platform::Deadline) override { return units; }
};

class FakeContractStore : public ContractStore {
 public:
  // An audit record as the store would write it (entity type and id).
  struct AuditRecord {
    std::string type;
    int64_t id = 0;
  };
  // A mutation-after-award event.
  struct Mutation {
    int64_t contract_id = 0;
    std::string kind;
    std::string detail_json;
  };

  FakeContractStore() {
    directory_.municipalities = {{"0153", "Enschede", "TWENTE"},
                                 {"0164", "Hengelo", "TWENTE"},
                                 {"0141", "Almelo", "TWENTE"}};
  }

  // The contracts as stored, by id.
  const std::map<int64_t, Contract>& contracts() const { return state_.contracts; }
  const std::vector<AuditRecord>& audits() const { return state_.audits; }
  const std::vector<Mutation>& mutations() const { return state_.mutations; }
  // Committed writes (transactions whose callback returned OK).
  int writes() const { return writes_; }
  FakeDirectory& fake_directory() { return directory_; }
  // Provider id -> the screening case that admits it (AdmittingScreening); others have none.
  std::map<int64_t, int64_t> admitting;

  platform::Pool& pool() override { return pool_; }
  registry::Directory& directory() override { return directory_; }

  absl::StatusOr<ContractRefs> LoadContractRefs(platform::Deadline) override {
    ContractRefs refs;
    for (const auto& m : directory_.municipalities) {
      refs.municipalities.insert(m.cbs_code);
      refs.municipality_names[m.cbs_code] = m.name;
    }
    return refs;
  }
  absl::StatusOr<TariffRefs> LoadTariffRefs(platform::Deadline) override {
    TariffRefs refs;
    for (const auto& c : directory_.categories) refs.categories.insert({c.law, c.code});
    for (const auto& u : directory_.units) refs.units.insert(u);
    return refs;
  }
  absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) override {
    return directory_.ProviderNames(d, ids);
  }

  absl::StatusOr<Contract> Get(platform::Deadline, int64_t id) override {
    auto it = state_.contracts.find(id);
    if (it == state_.contracts.end()) {
      return platform::WithDutch(
          absl::NotFoundError(absl::StrCat("contract contracts/", id, " not found")),
          absl::StrCat("Contract ", id,
                       " bestaat niet of valt buiten uw gemeente; zoek het op (ozjt contracts "
                       "list)."));
    }
    return it->second;
  }

  // Every filter of ContractFilter, in (reference, id) order after `q.after`.
  absl::StatusOr<std::vector<Contract>> List(platform::Deadline, const ContractQuery& q) override {
    const ContractFilter& f = q.filter;
    std::vector<Contract> out;
    for (const auto& [id, c] : state_.contracts) {
      const std::string text = absl::AsciiStrToLower(absl::StrCat(c.reference, " ", c.title));
      if (text.find(absl::AsciiStrToLower(f.text)) == std::string::npos) continue;
      if (!f.municipality_code.empty() && !c.TakesPart(f.municipality_code)) continue;
      if (f.provider_id != 0 && std::find(c.provider_ids.begin(), c.provider_ids.end(),
                                          f.provider_id) == c.provider_ids.end()) {
        continue;
      }
      if (f.family && c.family != *f.family) continue;
      if (f.kind && c.kind != *f.kind) continue;
      if (f.status && c.EffectiveStatus(q.today) != *f.status) continue;
      if (f.parent_id != 0 && c.parent_id != f.parent_id) continue;
      if (q.after && std::make_pair(c.reference, c.id) <= *q.after) continue;
      out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const Contract& a, const Contract& b) {
      return std::make_pair(a.reference, a.id) < std::make_pair(b.reference, b.id);
    });
    if (static_cast<int>(out.size()) > q.limit) out.resize(q.limit);
    return out;
  }

  absl::StatusOr<std::vector<ContractVersion>> History(platform::Deadline, int64_t id,
                                                       int64_t before_version, int limit) override {
    std::vector<ContractVersion> out;
    for (auto it = state_.history.rbegin(); it != state_.history.rend(); ++it) {
      if (it->contract.id != id) continue;
      if (before_version > 0 && it->contract.version >= before_version) continue;
      if (static_cast<int>(out.size()) == limit) break;
      out.push_back(*it);
    }
    return out;
  }

  absl::StatusOr<std::vector<ContractNote>> Notes(platform::Deadline,
                                                  int64_t contract_id) override {
    std::vector<ContractNote> out;
    for (auto it = state_.notes.rbegin(); it != state_.notes.rend(); ++it) {
      if (it->contract_id == contract_id) out.push_back(*it);
    }
    return out;
  }

  absl::StatusOr<std::vector<LegalStep>> LegalSteps(platform::Deadline, int64_t) override {
    return absl::UnimplementedError("FakeContractStore::LegalSteps");
  }
  absl::StatusOr<std::vector<LetterDispatch>> LetterDispatches(platform::Deadline,
                                                               int64_t) override {
    return absl::UnimplementedError("FakeContractStore::LetterDispatches");
  }
  absl::StatusOr<std::vector<TariffLine>> TariffLines(platform::Deadline, int64_t) override {
    return absl::UnimplementedError("FakeContractStore::TariffLines");
  }
  absl::StatusOr<std::vector<IndexFigure>> Figures(platform::Deadline) override {
    return absl::UnimplementedError("FakeContractStore::Figures");
  }
  absl::StatusOr<std::vector<TariffFloor>> Floors(platform::Deadline) override {
    return absl::UnimplementedError("FakeContractStore::Floors");
  }
  absl::StatusOr<bool> Indexed(platform::Deadline, int64_t, int) override {
    return absl::UnimplementedError("FakeContractStore::Indexed");
  }
  absl::StatusOr<std::vector<KpiDefinition>> KpiDefinitions(platform::Deadline, int64_t) override {
    return absl::UnimplementedError("FakeContractStore::KpiDefinitions");
  }
  absl::StatusOr<std::vector<KpiMeasurement>> Measurements(platform::Deadline, int64_t,
                                                           const std::string&) override {
    return absl::UnimplementedError("FakeContractStore::Measurements");
  }
  absl::StatusOr<AgendaSource> Agenda(platform::Deadline, const agenda::AgendaQuery&) override {
    return absl::UnimplementedError("FakeContractStore::Agenda");
  }

  absl::Status Write(const platform::RequestInfo& request,
                     const std::function<absl::Status(ContractTx&)>& fn) override {
    Tx tx(state_, request, admitting);
    return mocks::RunTransaction(state_, tx, fn, writes_);
  }

 private:
  struct State {
    std::map<int64_t, Contract> contracts;
    std::vector<ContractVersion> history;
    std::vector<ContractNote> notes;
    std::vector<AuditRecord> audits;
    std::vector<Mutation> mutations;
    std::vector<std::pair<int64_t, int64_t>> awards;  // (case, contract)
    int64_t next_id = 1;
  };

  class Tx : public ContractTx {
   public:
    Tx(State& state, const platform::RequestInfo& request,
       const std::map<int64_t, int64_t>& admitting)
        : state_(state), request_(request), admitting_(admitting) {}

    std::optional<Contract> Lock(int64_t id) override {
      auto it = state_.contracts.find(id);
      if (it == state_.contracts.end()) return std::nullopt;
      return it->second;
    }
    bool ReferenceTaken(const std::string& reference, int64_t except_id) override {
      for (const auto& [id, c] : state_.contracts) {
        if (c.reference == reference && id != except_id) return true;
      }
      return false;
    }
    Contract Insert(const Contract& c) override {
      Contract stored = c;
      stored.id = state_.next_id++;
      stored.version = 1;
      stored.create_time = stored.update_time = absl::Now();
      state_.audits.push_back({"contract", stored.id});
      return Keep(stored);
    }
    Contract Replace(const Contract& before, const Contract& after) override {
      if (mocks::Stale(state_.contracts, before, "contract", failure)) return before;
      Contract stored = after;
      stored.id = before.id;
      stored.version = before.version + 1;
      stored.create_time = before.create_time;
      stored.update_time = absl::Now();
      state_.audits.push_back({"contract", stored.id});
      return Keep(stored);
    }
    std::optional<int64_t> AdmittingScreening(int64_t provider_id, Day) override {
      auto it = admitting_.find(provider_id);
      if (it == admitting_.end()) return std::nullopt;
      return it->second;
    }
    void RegisterAward(int64_t case_id, int64_t contract_id, int64_t) override {
      state_.awards.emplace_back(case_id, contract_id);
      state_.audits.push_back({"screening_award_registration", case_id});
    }
    void AuditOptionExercise(const Contract& contract, const ExtensionOption&) override {
      state_.audits.push_back({"option_exercise", contract.id});
    }
    void RecordMutation(const Contract& contract, const std::string& kind,
                        const std::string& detail_json) override {
      state_.mutations.push_back({contract.id, kind, detail_json});
    }
    ContractNote InsertNote(const ContractNote& note) override {
      ContractNote out = note;
      out.id = static_cast<int64_t>(state_.notes.size()) + 1;
      out.author = request_.caller.subject;
      out.create_time = absl::Now();
      state_.notes.push_back(out);
      state_.audits.push_back({"contract_note", out.id});
      return out;
    }

    // Not kept by the fake: the Write fails with UNIMPLEMENTED.
    std::vector<LegalStep> LegalSteps(int64_t) override {
      Unimplemented("LegalSteps");
      return {};
    }
    std::optional<LegalStep> LockLegalStep(int64_t) override {
      Unimplemented("LockLegalStep");
      return std::nullopt;
    }
    LegalStep InsertLegalStep(const LegalStep& step) override {
      Unimplemented("InsertLegalStep");
      return step;
    }
    LegalStep ReplaceLegalStep(const LegalStep&, const LegalStep& after) override {
      Unimplemented("ReplaceLegalStep");
      return after;
    }
    std::optional<LetterDispatch> InsertLetterDispatch(const LetterDispatch&) override {
      Unimplemented("InsertLetterDispatch");
      return std::nullopt;
    }
    std::optional<TariffLine> LockTariffLine(int64_t) override {
      Unimplemented("LockTariffLine");
      return std::nullopt;
    }
    std::vector<TariffLine> TariffLines(int64_t) override {
      Unimplemented("TariffLines");
      return {};
    }
    TariffLine InsertTariffLine(const TariffLine& line) override {
      Unimplemented("InsertTariffLine");
      return line;
    }
    void CloseTariffLine(const TariffLine&, Day) override { Unimplemented("CloseTariffLine"); }
    std::vector<IndexFigure> Figures() override {
      Unimplemented("Figures");
      return {};
    }
    std::vector<TariffFloor> Floors() override {
      Unimplemented("Floors");
      return {};
    }
    bool Indexed(int64_t, int) override {
      Unimplemented("Indexed");
      return false;
    }
    void RecordIndexation(int64_t, int, int64_t, const std::string&) override {
      Unimplemented("RecordIndexation");
    }
    bool InsertFigure(const IndexFigure&) override {
      Unimplemented("InsertFigure");
      return false;
    }
    bool InsertFloor(const TariffFloor&) override {
      Unimplemented("InsertFloor");
      return false;
    }
    void UpsertKpiDefinition(const KpiDefinition&) override {
      Unimplemented("UpsertKpiDefinition");
    }
    std::optional<KpiMeasurement> InsertMeasurement(const KpiMeasurement&) override {
      Unimplemented("InsertMeasurement");
      return std::nullopt;
    }

    // What PostgreSQL would have made of a failed statement (ABORTED for a stale Replace).
    absl::Status failure;

   private:
    void Unimplemented(const char* what) {
      if (failure.ok())
        failure = absl::UnimplementedError(absl::StrCat("FakeContractStore: ", what));
    }
    Contract Keep(const Contract& stored) {
      state_.contracts[stored.id] = stored;
      state_.history.push_back({stored, request_.caller.subject, request_.method, absl::Now()});
      return stored;
    }
    State& state_;
    const platform::RequestInfo& request_;
    const std::map<int64_t, int64_t>& admitting_;
  };

  State state_;
  int writes_ = 0;
  FakeDirectory directory_;
  platform::Pool pool_{platform::PoolOptions{}};  // never connected
};

}  // namespace ozjt::contracts::testing
