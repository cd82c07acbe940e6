#include "services/contracts/contracts.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/accountregion/due_items.h"
#include "services/contracts/due_items.h"
#include "services/insight/due_items.h"
#include "services/platform/page_token.h"
#include "services/platform/status.h"
#include "services/registry/directory.h"
#include "services/screening/due_items.h"
#include "services/supervision/due_items.h"

namespace ozjt::contracts {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr int kMaxEndsWithinMonths = 120;
constexpr int kDefaultAgendaDays = 180;
constexpr int kMaxAgendaDays = 3 * 366;
constexpr int kDefaultAgendaPageSize = 500;
constexpr int kMaxAgendaPageSize = 1000;

using platform::WithDutch;

absl::Status NotFound(int64_t id) {
  return WithDutch(absl::NotFoundError(absl::StrCat("contract contracts/", id, " not found")),
                   absl::StrCat("Contract ", id,
                                " bestaat niet of valt buiten uw gemeente; zoek het op (ozjt "
                                "contracts list)."));
}

absl::Status StaleVersion(const Contract& c, int64_t expected) {
  return WithDutch(
      absl::AbortedError(absl::StrCat("contract contracts/", c.id, " is at version ", c.version,
                                      ", not ", expected, "; read it again and reapply")),
      absl::StrCat("Contract ", c.reference, " is intussen gewijzigd (nu versie ", c.version,
                   ", u las versie ", expected, "); lees het opnieuw (ozjt contracts get ", c.id,
                   ") en breng uw wijziging opnieuw aan."));
}

absl::Status NotVervoer(const Contract& c) {
  return WithDutch(
      absl::FailedPreconditionError("KPIs are kept for doelgroepenvervoer contracts and lots"),
      absl::StrCat("KPI's worden alleen bijgehouden voor doelgroepenvervoer; ", c.reference,
                   " is geen contract of perceel voor doelgroepenvervoer."));
}

bool IsVervoer(const Contract& c) {
  return c.family == ContractFamily::kVervoer || c.family == ContractFamily::kVervoerCallcentre ||
         c.family == ContractFamily::kVervoerMonitoring;
}

// Mutations of an awarded or active contract go to supervision as quality reviews.
bool AfterAward(const Contract& c) {
  return c.status == ContractStatus::kAwarded || c.status == ContractStatus::kActive;
}

// The award gate (docs/domain.md section 6): a contract becomes awarded only when every one of
// its providers has an admitting KIT screening decision valid today. Returns the decision per
// provider, to be registered against the contract once it is stored; else sets `refused` to the
// first provider without one and fails the transaction (AwardRefused says why, afterwards).
absl::StatusOr<std::vector<std::pair<int64_t, int64_t>>> AwardGate(
    ContractTx& tx, const Contract& c, Day today, std::optional<int64_t>& refused) {
  std::vector<std::pair<int64_t, int64_t>> decisions;
  for (int64_t provider : c.provider_ids) {
    std::optional<int64_t> screening = tx.AdmittingScreening(provider, today);
    if (!screening) {
      refused = provider;
      return absl::FailedPreconditionError("award gate");
    }
    decisions.emplace_back(provider, *screening);
  }
  return decisions;
}

// FAILED_PRECONDITION for a contract awarded although `provider` (`name`, empty when unknown)
// has no admitting screening decision valid `today`.
absl::Status AwardRefused(int64_t provider, const std::string& name, Day today) {
  return WithDutch(absl::FailedPreconditionError(absl::StrCat(
                       "contract.status: ", name, " (providers/", provider,
                       ") has no admitting KIT screening decision valid on ", DutchDay(today),
                       "; a contract is awarded only after screening (ozjt.screening.v1)")),
                   absl::StrCat(name.empty() ? absl::StrCat("Aanbieder ", provider) : name,
                                " heeft geen KIT-screeningsbesluit dat toelaat en geldig is op ",
                                DutchDay(today),
                                "; een contract wordt pas gegund na screening (ozjt screening "
                                "outcomes)."));
}

void RegisterAward(ContractTx& tx, const Contract& c,
                   const std::vector<std::pair<int64_t, int64_t>>& decisions) {
  for (const auto& [provider, screening] : decisions) tx.RegisterAward(screening, c.id, provider);
}

}  // namespace

Contracts::Contracts(ContractStore& store, ContractRefs refs, TariffRefs tariff_refs,
                     int supervision_grace_days)
    : store_(store), refs_(std::move(refs)), tariff_refs_(std::move(tariff_refs)) {
  // The agenda's composition root: every service's due items through its public interface.
  std::vector<std::unique_ptr<agenda::DueItemSource>> sources;
  sources.push_back(MakeContractDueItems(store_));
  sources.push_back(accountregion::MakeRecoveryPlanDueItems(store.pool(), store.directory()));
  sources.push_back(screening::MakeEvidenceDueItems(store.pool(), store.directory()));
  sources.push_back(supervision::MakeSupervisionDueItems(store.pool(), store.directory(),
                                                         supervision_grace_days));
  sources.push_back(insight::MakeCeilingDueItems(store.pool(), store.directory()));
  agenda_ = std::make_unique<agenda::Agenda>(store.directory(), std::move(sources));
}

Contracts::~Contracts() = default;

std::string Contracts::MunicipalityName(const std::string& code) const {
  auto it = refs_.municipality_names.find(code);
  return it == refs_.municipality_names.end() ? absl::StrCat("gemeente ", code) : it->second;
}

absl::Status Contracts::CheckVisible(const platform::RequestInfo& r, const Contract& c) const {
  if (r.caller.IsMunicipal() && !c.TakesPart(r.caller.municipality_code)) return NotFound(c.id);
  return absl::OkStatus();
}

absl::StatusOr<Contract> Contracts::Visible(const platform::RequestInfo& r, int64_t id) {
  OZJT_ASSIGN_OR_RETURN(Contract c, store_.Get(r.deadline, id));
  OZJT_RETURN_IF_ERROR(CheckVisible(r, c));
  return c;
}

absl::StatusOr<Contract> Contracts::LockVisible(const platform::RequestInfo& r, ContractTx& tx,
                                                int64_t id) const {
  std::optional<Contract> c = tx.Lock(id);
  if (!c) return NotFound(id);
  OZJT_RETURN_IF_ERROR(CheckVisible(r, *c));
  return *std::move(c);
}

absl::StatusOr<bool> Contracts::ProvidersKnown(const platform::RequestInfo& r,
                                               const std::vector<int64_t>& ids) {
  if (ids.empty()) return true;
  OZJT_ASSIGN_OR_RETURN(int64_t known, store_.directory().CountProviders(r.deadline, ids));
  return known == static_cast<int64_t>(ids.size());
}

absl::Status Contracts::AwardRefusedFor(const platform::RequestInfo& r, int64_t provider) {
  OZJT_ASSIGN_OR_RETURN(auto names, store_.ProviderNames(r.deadline, {provider}));
  auto it = names.find(provider);
  return AwardRefused(provider, it == names.end() ? "" : it->second, r.today);
}

absl::Status Contracts::CheckReferences(ContractTx& tx, const Contract& c, bool providers_known) {
  if (tx.ReferenceTaken(c.reference, c.id)) {
    return WithDutch(
        absl::AlreadyExistsError(
            absl::StrCat("contract.reference: ", c.reference, " is used by another contract")),
        absl::StrCat("Kenmerk ", c.reference,
                     " is al in gebruik bij een ander contract; kies een ander kenmerk."));
  }
  if (!providers_known) {
    return platform::InvalidField(
        "contract.providers", "names a provider that is not registered",
        "Een van de aanbieders staat niet in het register; zoek hem op (ozjt providers "
        "list).");
  }
  if (c.parent_id > 0) {
    std::optional<Contract> parent = tx.Lock(c.parent_id);
    if (!parent) {
      return platform::InvalidField(
          "contract.parent", "no such contract",
          absl::StrCat("Raamovereenkomst ", c.parent_id, " bestaat niet."));
    }
    if (parent->kind != ContractKind::kFramework) {
      return platform::InvalidField("contract.parent", "must be a framework agreement",
                                    absl::StrCat(parent->reference,
                                                 " is geen raamovereenkomst; een perceel of nadere "
                                                 "overeenkomst hoort bij een raamovereenkomst."));
    }
    if (parent->id == c.id) {
      return platform::InvalidField("contract.parent", "is the contract itself",
                                    "Een contract kan niet bij zichzelf horen.");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> Contracts::WritingFor(const platform::RequestInfo& r, const Contract& c,
                                                  const std::string& requested,
                                                  const std::string& field) const {
  if (r.caller.IsMunicipal()) {
    if (!requested.empty() && requested != r.caller.municipality_code) {
      return WithDutch(absl::PermissionDeniedError(absl::StrCat(
                           "you write for municipality ", r.caller.municipality_code, " only")),
                       absl::StrCat("U schrijft alleen namens uw eigen gemeente (",
                                    MunicipalityName(r.caller.municipality_code), ")."));
    }
    return r.caller.municipality_code;
  }
  if (!requested.empty() && !c.TakesPart(requested)) {
    return platform::InvalidField(field, "does not take part in the contract",
                                  absl::StrCat(MunicipalityName(requested),
                                               " neemt niet deel aan contract ", c.reference, "."));
  }
  return requested;
}

absl::StatusOr<Contract> Contracts::Get(const platform::RequestInfo& r, int64_t id) {
  return Visible(r, id);
}

absl::StatusOr<std::map<int64_t, std::string>> Contracts::ProviderNames(
    const platform::RequestInfo& r, const std::vector<Contract>& cs) {
  std::vector<int64_t> ids;
  for (const auto& c : cs) ids.insert(ids.end(), c.provider_ids.begin(), c.provider_ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return store_.ProviderNames(r.deadline, ids);
}

absl::StatusOr<ContractPage> Contracts::List(const platform::RequestInfo& r, ContractFilter f,
                                             int page_size, const std::string& page_token) {
  OZJT_ASSIGN_OR_RETURN(int size, platform::PageSize(page_size, kDefaultPageSize, kMaxPageSize));
  if (f.text.size() > 200) {
    return platform::InvalidField("filter.text", "must be at most 200 characters",
                                  "De zoektekst mag hoogstens 200 tekens lang zijn.");
  }
  if (f.ends_within_months < 0 || f.ends_within_months > kMaxEndsWithinMonths) {
    return platform::InvalidField(
        "filter.ends_within_months", "must be 0 to 120 months",
        "Kies bij ‘eindigt binnen’ 1 tot en met 120 maanden, of laat het leeg.");
  }
  if (!f.municipality_code.empty() && refs_.municipalities.count(f.municipality_code) == 0) {
    return platform::InvalidField(
        "filter.municipality_code", "unknown municipality",
        absl::StrCat("Gemeentecode '", f.municipality_code, "' bestaat niet."));
  }
  if (r.caller.IsMunicipal()) {
    if (!f.municipality_code.empty() && f.municipality_code != r.caller.municipality_code) {
      return WithDutch(
          absl::PermissionDeniedError(absl::StrCat("you can see contracts of municipality ",
                                                   r.caller.municipality_code, " only")),
          absl::StrCat("U ziet alleen de contracten van uw eigen gemeente (",
                       MunicipalityName(r.caller.municipality_code), ")."));
    }
    f.municipality_code = r.caller.municipality_code;
  }
  const std::string fingerprint = platform::QueryFingerprint(
      {"ListContracts", f.text, f.municipality_code, std::to_string(f.provider_id),
       f.family ? Code(*f.family) : "", f.kind ? Code(*f.kind) : "",
       f.status ? Code(*f.status) : "", std::to_string(f.parent_id),
       std::to_string(f.ends_within_months)});
  OZJT_ASSIGN_OR_RETURN(auto after, platform::DecodePageToken(page_token, fingerprint, 2));
  ContractQuery q{f, r.today, std::nullopt, size + 1};
  if (!after.empty()) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(after[1], &id)) {
      return platform::InvalidField(
          "page_token", "is not a token this service issued",
          "Het vervolgpunt van de lijst is ongeldig; vraag de lijst opnieuw op.");
    }
    q.after = std::make_pair(after[0], id);
  }
  OZJT_ASSIGN_OR_RETURN(std::vector<Contract> found, store_.List(r.deadline, q));
  ContractPage page;
  if (static_cast<int>(found.size()) > size) {
    found.resize(size);
    page.next_page_token = platform::EncodePageToken(
        fingerprint, {found.back().reference, std::to_string(found.back().id)});
  }
  page.contracts = std::move(found);
  return page;
}

absl::StatusOr<Contract> Contracts::WriteContract(ContractTx& tx, const Contract* current,
                                                  const Contract& next, bool providers_known,
                                                  Day today, std::optional<int64_t>& refused) {
  OZJT_RETURN_IF_ERROR(CheckReferences(tx, next, providers_known));
  std::vector<std::pair<int64_t, int64_t>> screenings;
  if (next.status == ContractStatus::kAwarded &&
      (current == nullptr || current->status != ContractStatus::kAwarded)) {
    OZJT_ASSIGN_OR_RETURN(screenings, AwardGate(tx, next, today, refused));
  }
  Contract stored = current == nullptr ? tx.Insert(next) : tx.Replace(*current, next);
  RegisterAward(tx, stored, screenings);
  return stored;
}

absl::StatusOr<Contract> Contracts::Create(const platform::RequestInfo& r, Contract c) {
  c.id = 0;
  if (c.status == ContractStatus::kUnspecified) c.status = ContractStatus::kDraft;
  if (c.status != ContractStatus::kDraft && c.status != ContractStatus::kAwarded &&
      c.status != ContractStatus::kActive) {
    return platform::InvalidField(
        "contract.status", "a new contract is DRAFT, AWARDED or ACTIVE",
        "Een nieuw contract is concept, gegund of actief; beëindigen gaat met een juridische "
        "stap (ozjt legal add).");
  }
  OZJT_RETURN_IF_ERROR(Prepare(c, refs_, "contract"));
  // An existing contract is entered as it is: options exercised before, with their notice
  // dates, move the end date and are recorded (and audited) as entered after the fact.
  OZJT_RETURN_IF_ERROR(RecordPastExercises(c, r.caller.subject, r.today, "contract"));
  // The registry answers before the transaction: it reads on a connection of its own.
  OZJT_ASSIGN_OR_RETURN(const bool providers_known, ProvidersKnown(r, c.provider_ids));
  Contract stored;
  std::optional<int64_t> refused;
  absl::Status written = store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    refused.reset();  // a retried transaction starts afresh
    OZJT_ASSIGN_OR_RETURN(stored, WriteContract(tx, nullptr, c, providers_known, r.today, refused));
    for (const auto& o : stored.options) {
      if (o.exercise) tx.AuditOptionExercise(stored, o);
    }
    return absl::OkStatus();
  });
  if (refused) return AwardRefusedFor(r, *refused);
  OZJT_RETURN_IF_ERROR(written);
  return stored;
}

absl::StatusOr<Contract> Contracts::Update(const platform::RequestInfo& r, int64_t id,
                                           int64_t expected_version, const Contract& changes,
                                           const std::vector<std::string>& mask) {
  OZJT_ASSIGN_OR_RETURN(std::vector<ContractField> fields, ParseContractMask(mask));
  if (expected_version <= 0) {
    return platform::InvalidField(
        "contract.version", "send the version you read",
        "Geef de versie van het contract die u las (ozjt contracts get).");
  }
  // Only new providers need the registry, asked before the transaction (its own connection).
  const bool new_providers =
      std::find(fields.begin(), fields.end(), ContractField::kProviders) != fields.end();
  OZJT_ASSIGN_OR_RETURN(
      const bool providers_known,
      ProvidersKnown(r, new_providers ? changes.provider_ids : std::vector<int64_t>{}));
  Contract stored;
  std::optional<int64_t> refused;
  absl::Status written = store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    refused.reset();  // a retried transaction starts afresh
    OZJT_ASSIGN_OR_RETURN(const Contract current, LockVisible(r, tx, id));
    if (current.version != expected_version) return StaleVersion(current, expected_version);
    OZJT_ASSIGN_OR_RETURN(Contract next,
                          ApplyContractUpdate(current, changes, fields, refs_, r.today));
    if (SameData(current, next)) {
      stored = current;
      return absl::OkStatus();
    }
    OZJT_ASSIGN_OR_RETURN(stored,
                          WriteContract(tx, &current, next, providers_known, r.today, refused));
    if (AfterAward(current)) {
      tx.RecordMutation(stored, "update",
                        nlohmann::json{{"fields", mask}, {"version", stored.version}}.dump());
    }
    return absl::OkStatus();
  });
  if (refused) return AwardRefusedFor(r, *refused);
  OZJT_RETURN_IF_ERROR(written);
  return stored;
}

absl::StatusOr<HistoryPage> Contracts::History(const platform::RequestInfo& r, int64_t id,
                                               int page_size, const std::string& page_token) {
  OZJT_ASSIGN_OR_RETURN(int size, platform::PageSize(page_size, kDefaultPageSize, kMaxPageSize));
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  const std::string fingerprint =
      platform::QueryFingerprint({"ListContractVersions", std::to_string(id)});
  OZJT_ASSIGN_OR_RETURN(auto after, platform::DecodePageToken(page_token, fingerprint, 1));
  int64_t before = 0;
  if (!after.empty() && (!absl::SimpleAtoi(after[0], &before) || before <= 0)) {
    return platform::InvalidField(
        "page_token", "is not a token this service issued",
        "Het vervolgpunt van de lijst is ongeldig; vraag de lijst opnieuw op.");
  }
  OZJT_ASSIGN_OR_RETURN(auto versions, store_.History(r.deadline, id, before, size + 1));
  HistoryPage page;
  if (static_cast<int>(versions.size()) > size) {
    versions.resize(size);
    page.next_page_token =
        platform::EncodePageToken(fingerprint, {std::to_string(versions.back().contract.version)});
  }
  page.versions = std::move(versions);
  return page;
}

absl::StatusOr<Contract> Contracts::ChangeOptions(
    const platform::RequestInfo& r, int64_t id, int64_t expected_version,
    const std::function<absl::StatusOr<Contract>(const Contract&)>& change,
    const std::function<void(ContractTx&, const Contract&)>& recorded) {
  if (expected_version <= 0) {
    return platform::InvalidField(
        "version", "send the version you read",
        "Geef de versie van het contract die u las (ozjt contracts get).");
  }
  Contract stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    OZJT_ASSIGN_OR_RETURN(const Contract current, LockVisible(r, tx, id));
    if (current.version != expected_version) return StaleVersion(current, expected_version);
    OZJT_ASSIGN_OR_RETURN(Contract next, change(current));
    stored = tx.Replace(current, next);
    recorded(tx, stored);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<Contract> Contracts::Exercise(const platform::RequestInfo& r, int64_t id, int number,
                                             Day notice_date, const std::string& receipt_proof,
                                             const std::string& consent_reference,
                                             int64_t expected_version) {
  return ChangeOptions(
      r, id, expected_version,
      [&](const Contract& current) {
        return ExerciseOption(current, number, notice_date, receipt_proof, consent_reference,
                              r.caller.subject, r.today);
      },
      [&](ContractTx& tx, const Contract& stored) {
        const ExtensionOption& exercised = *stored.Option(number);
        tx.AuditOptionExercise(stored, exercised);
        tx.RecordMutation(
            stored, "option_exercised",
            nlohmann::json{{"option", number},
                           {"notice_date", FormatDay(notice_date)},
                           {"new_end_date", FormatDay(stored.end_date)},
                           {"recorded_after_the_fact", exercised.exercise->after_the_fact}}
                .dump());
      });
}

absl::StatusOr<Contract> Contracts::Decide(const platform::RequestInfo& r, int64_t id, int number,
                                           OptionDecision decision, int64_t expected_version) {
  // The version and its history row are the record (audited with it); a decision is not a
  // mutation after award: the exercise that follows it is.
  return ChangeOptions(
      r, id, expected_version,
      [&](const Contract& current) {
        return DecideOption(current, number, decision, r.caller.subject, r.today);
      },
      [](ContractTx&, const Contract&) {});
}

absl::StatusOr<std::vector<AgendaItem>> Contracts::Agenda(const platform::RequestInfo& r,
                                                          const AgendaRequest& a) {
  const Day from = a.from.value_or(r.today);
  const Day to = a.to.value_or(from + kDefaultAgendaDays);
  platform::FieldViolations v;
  if (to < from) {
    v.Add("end_date", "is before start_date",
          absl::StrCat("De einddatum (", DutchDay(to), ") ligt voor de begindatum (",
                       DutchDay(from), ")."));
  }
  if (to - from > kMaxAgendaDays) {
    v.Add("end_date", "the window is at most 3 years",
          "De agenda beslaat hoogstens 3 jaar; kies een latere begindatum of een eerdere "
          "einddatum.");
  }
  if (!a.municipality_code.empty() && refs_.municipalities.count(a.municipality_code) == 0) {
    v.Add("municipality_code", "unknown municipality",
          absl::StrCat("Gemeentecode '", a.municipality_code, "' bestaat niet."));
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  agenda::AgendaQuery q = agenda::QueryFor(r.caller, from, to, r.today);
  q.provider_id = a.provider_id;
  if (a.family) q.family = static_cast<int>(*a.family);
  q.kinds = a.kinds;
  std::string municipality = a.municipality_code;
  if (r.caller.IsMunicipal()) {
    if (!municipality.empty() && municipality != r.caller.municipality_code) {
      return WithDutch(
          absl::PermissionDeniedError(absl::StrCat("you can see the agenda of municipality ",
                                                   r.caller.municipality_code, " only")),
          absl::StrCat("U ziet alleen de agenda van uw eigen gemeente (",
                       MunicipalityName(r.caller.municipality_code), ")."));
    }
    municipality = r.caller.municipality_code;
  }
  if (!a.region_code.empty()) {
    OZJT_ASSIGN_OR_RETURN(q.municipalities,
                          store_.directory().MunicipalitiesOfRegion(r.deadline, a.region_code));
    if (q.municipalities.empty()) {
      platform::FieldViolations unknown;
      unknown.Add("region_code", "unknown region",
                  absl::StrCat("Regiocode '", a.region_code, "' bestaat niet."));
      return unknown.ToStatus();
    }
  }
  if (!municipality.empty()) {
    // Both filters: the municipality, when it lies in the region.
    if (!a.region_code.empty() && std::find(q.municipalities.begin(), q.municipalities.end(),
                                            municipality) == q.municipalities.end()) {
      return std::vector<AgendaItem>{};
    }
    q.municipalities = {municipality};
  }
  return agenda_->Items(std::move(q), r.deadline);
}

absl::StatusOr<AgendaPage> Contracts::PageOfAgenda(const platform::RequestInfo& r, AgendaRequest a,
                                                   int page_size, const std::string& page_token) {
  OZJT_ASSIGN_OR_RETURN(int size,
                        platform::PageSize(page_size, kDefaultAgendaPageSize, kMaxAgendaPageSize));
  std::vector<std::string> filters = {"ListAgenda",
                                      a.from ? FormatDay(*a.from) : "",
                                      a.to ? FormatDay(*a.to) : "",
                                      a.municipality_code,
                                      a.region_code,
                                      absl::StrCat(a.provider_id),
                                      a.family ? Code(*a.family) : ""};
  for (AgendaKind k : a.kinds) filters.push_back(absl::StrCat(static_cast<int>(k)));
  const std::string fingerprint = platform::QueryFingerprint(filters);
  OZJT_ASSIGN_OR_RETURN(auto position, platform::DecodePageToken(page_token, fingerprint,
                                                                 agenda::kAgendaPositionParts));
  std::optional<agenda::AgendaPlace> place;
  if (!position.empty()) {
    OZJT_ASSIGN_OR_RETURN(place, agenda::AgendaPlaceOf(position));
    a.from = place->from;  // the first page's window
    a.to = place->to;
  }
  a.from = a.from.value_or(r.today);
  a.to = a.to.value_or(*a.from + kDefaultAgendaDays);
  OZJT_ASSIGN_OR_RETURN(std::vector<AgendaItem> items, Agenda(r, a));
  const size_t first = place ? agenda::FirstAfter(items, place->after) : 0;
  const size_t end = std::min(items.size(), first + size);
  AgendaPage page;
  page.from = *a.from;
  page.to = *a.to;
  page.items.assign(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(first)),
                    std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(end)));
  if (end < items.size()) {
    page.next_page_token = platform::EncodePageToken(
        fingerprint, agenda::AgendaPosition(*a.from, *a.to, page.items.back()));
  }
  return page;
}

absl::StatusOr<ContractNote> Contracts::CreateNote(const platform::RequestInfo& r,
                                                   ContractNote note) {
  note.text = std::string(absl::StripAsciiWhitespace(note.text));
  platform::FieldViolations v;
  if (note.text.empty() || note.text.size() > 5000) {
    v.Add("note.text", "1 to 5000 characters", "Een notitie is 1 tot 5000 tekens lang.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_ASSIGN_OR_RETURN(Contract c, Visible(r, note.contract_id));
  OZJT_ASSIGN_OR_RETURN(note.municipality_code,
                        WritingFor(r, c, note.municipality_code, "note.municipality_code"));
  ContractNote stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) {
    stored = tx.InsertNote(note);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<std::vector<ContractNote>> Contracts::Notes(const platform::RequestInfo& r,
                                                           int64_t id) {
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  OZJT_ASSIGN_OR_RETURN(std::vector<ContractNote> notes, store_.Notes(r.deadline, id));
  if (r.caller.IsMunicipal()) {
    notes.erase(std::remove_if(notes.begin(), notes.end(),
                               [&](const ContractNote& n) {
                                 return n.municipality_code != r.caller.municipality_code;
                               }),
                notes.end());
  }
  return notes;
}

absl::StatusOr<LegalStep> Contracts::CreateLegalStep(const platform::RequestInfo& r,
                                                     LegalStep step) {
  OZJT_RETURN_IF_ERROR(PrepareLegalStep(step, r.today));
  LegalStep stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    std::optional<Contract> contract = tx.Lock(step.contract_id);
    if (!contract) return NotFound(step.contract_id);
    OZJT_ASSIGN_OR_RETURN(Contract after,
                          ApplyLegalStep(*contract, step, tx.LegalSteps(contract->id), r.today));
    stored = tx.InsertLegalStep(step);
    if (!SameData(*contract, after)) tx.Replace(*contract, after);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<LegalStep> Contracts::RecordDefaultResponse(const platform::RequestInfo& r,
                                                           int64_t step_id, Day response_date,
                                                           const std::string& response,
                                                           bool remedied) {
  LegalStep stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    std::optional<LegalStep> step = tx.LockLegalStep(step_id);
    if (!step) {
      return WithDutch(
          absl::NotFoundError(absl::StrCat("legalSteps/", step_id, " not found")),
          absl::StrCat("Juridische stap ", step_id,
                       " bestaat niet; zie de stappen bij het contract (ozjt legal list)."));
    }
    OZJT_ASSIGN_OR_RETURN(LegalStep next,
                          RecordResponse(*step, response_date, response, remedied, r.today));
    stored = tx.ReplaceLegalStep(*step, next);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<std::vector<LegalStep>> Contracts::LegalSteps(const platform::RequestInfo& r,
                                                             int64_t id) {
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  return store_.LegalSteps(r.deadline, id);
}

absl::StatusOr<std::vector<TariffLineView>> Contracts::TariffLines(const platform::RequestInfo& r,
                                                                   int64_t id,
                                                                   std::optional<Day> valid_on) {
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  OZJT_ASSIGN_OR_RETURN(std::vector<TariffLine> lines, store_.TariffLines(r.deadline, id));
  OZJT_ASSIGN_OR_RETURN(std::vector<TariffFloor> floors, store_.Floors(r.deadline));
  std::vector<TariffLineView> out;
  for (auto& l : lines) {
    if (valid_on && !l.ValidOn(*valid_on)) continue;
    const bool below =
        BelowFloor(l.product_category, l.product_code, l.index_year, l.amount_cents, floors);
    out.push_back({std::move(l), below});
  }
  return out;
}

absl::StatusOr<TariffLineView> Contracts::CreateTariffLine(const platform::RequestInfo& r,
                                                           TariffLine line) {
  TariffLineView stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    std::optional<Contract> contract = tx.Lock(line.contract_id);
    if (!contract) return NotFound(line.contract_id);
    OZJT_RETURN_IF_ERROR(PrepareTariffLine(line, tariff_refs_, *contract));
    if (line.supersedes_id > 0) {
      std::optional<TariffLine> old = tx.LockTariffLine(line.supersedes_id);
      if (!old || old->contract_id != contract->id) {
        return platform::InvalidField(
            "line.supersedes", "no such tariff line on this contract",
            absl::StrCat("Contract ", contract->reference, " heeft geen tariefregel ",
                         line.supersedes_id, " (ozjt tariffs list ", contract->id, ")."));
      }
      if (line.valid_from <= old->valid_from) {
        return platform::InvalidField(
            "line.valid_from", "must be after the superseded line's valid_from",
            absl::StrCat("De nieuwe tariefregel moet ingaan na ", DutchDay(old->valid_from),
                         ", de ingangsdatum van de regel die hij vervangt."));
      }
      if (old->valid_to && *old->valid_to < line.valid_from - 1) {
        return WithDutch(
            absl::FailedPreconditionError("the superseded line ended before the new one starts"),
            absl::StrCat("De tariefregel die u vervangt, eindigde al op ", DutchDay(*old->valid_to),
                         ", voor de nieuwe regel ingaat (", DutchDay(line.valid_from), ")."));
      }
      tx.CloseTariffLine(*old, line.valid_from - 1);
    }
    stored.line = tx.InsertTariffLine(line);
    stored.below_floor = BelowFloor(line.product_category, line.product_code, line.index_year,
                                    line.amount_cents, tx.Floors());
    if (AfterAward(*contract)) {
      tx.RecordMutation(*contract, "tariff_line",
                        nlohmann::json{{"tariff_line", stored.line.id}}.dump());
    }
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<IndexFigure> Contracts::CreateFigure(const platform::RequestInfo& r, IndexFigure f) {
  OZJT_RETURN_IF_ERROR(ValidateWeights({{f.component, 100}}, "figure"));
  platform::FieldViolations v;
  if (f.year < 2000 || f.year > 2100) {
    v.Add("figure.year", "must be from 2000 to 2100", "Het jaar ligt tussen 2000 en 2100.");
  }
  if (f.kind == FigureKind::kUnspecified) {
    v.Add("figure.kind", "FORECAST or FINAL",
          "Geef aan of het cijfer een raming (forecast) of definitief (final) is.");
  }
  if (f.hundredths < -5000 || f.hundredths > 10000) {
    v.Add("figure.percent", "must be from -50 to 100", "Het percentage ligt tussen -50 en 100.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  bool inserted = false;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) {
    inserted = tx.InsertFigure(f);
    return absl::OkStatus();
  }));
  if (!inserted) {
    return WithDutch(
        absl::AlreadyExistsError(absl::StrCat("a ",
                                              f.kind == FigureKind::kFinal ? "final" : "forecast",
                                              " ", f.component, " figure for ", f.year, " exists")),
        absl::StrCat("Er is al een ", f.kind == FigureKind::kFinal ? "definitief" : "geraamd", " ",
                     f.component, "-cijfer voor ", f.year,
                     "; een vastgelegd cijfer wordt niet overschreven (ozjt tariffs "
                     "figures)."));
  }
  return f;
}

absl::StatusOr<std::vector<IndexFigure>> Contracts::Figures(const platform::RequestInfo& r,
                                                            const std::string& component) {
  OZJT_ASSIGN_OR_RETURN(std::vector<IndexFigure> all, store_.Figures(r.deadline));
  if (component.empty()) return all;
  std::vector<IndexFigure> out;
  for (auto& f : all) {
    if (f.component == component) out.push_back(std::move(f));
  }
  return out;
}

absl::StatusOr<TariffFloor> Contracts::CreateFloor(const platform::RequestInfo& r, TariffFloor f) {
  OZJT_RETURN_IF_ERROR(ValidateFloor(f));
  bool inserted = false;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) {
    inserted = tx.InsertFloor(f);
    return absl::OkStatus();
  }));
  if (!inserted) {
    return WithDutch(
        absl::AlreadyExistsError(absl::StrCat("a floor for ", f.product_category, "/",
                                              f.product_code, " in ", f.year, " exists")),
        absl::StrCat("Er is al een reële prijs voor product ", f.product_code, " (categorie ",
                     f.product_category, ") in ", f.year, "."));
  }
  return f;
}

absl::StatusOr<std::vector<TariffFloor>> Contracts::Floors(const platform::RequestInfo& r) {
  return store_.Floors(r.deadline);
}

absl::StatusOr<IndexationResult> Contracts::PreviewIndexation(const platform::RequestInfo& r,
                                                              int64_t id, int year) {
  if (year < 2001 || year > 2100) {
    return platform::InvalidField("year", "must be from 2001 to 2100",
                                  "Het indexeringsjaar ligt tussen 2001 en 2100.");
  }
  OZJT_ASSIGN_OR_RETURN(Contract c, Visible(r, id));
  OZJT_ASSIGN_OR_RETURN(auto lines, store_.TariffLines(r.deadline, id));
  OZJT_ASSIGN_OR_RETURN(auto figures, store_.Figures(r.deadline));
  OZJT_ASSIGN_OR_RETURN(auto floors, store_.Floors(r.deadline));
  IndexationResult result;
  OZJT_ASSIGN_OR_RETURN(result.plan, PlanIndexation(c, year, lines, figures, floors));
  // Applied already: the preview shows what was applied, and says so.
  OZJT_ASSIGN_OR_RETURN(result.applied, store_.Indexed(r.deadline, id, year));
  return result;
}

absl::StatusOr<IndexationResult> Contracts::ApplyIndexation(const platform::RequestInfo& r,
                                                            int64_t id, int year,
                                                            int64_t expected_index) {
  if (year < 2001 || year > 2100) {
    return platform::InvalidField("year", "must be from 2001 to 2100",
                                  "Het indexeringsjaar ligt tussen 2001 en 2100.");
  }
  IndexationResult result;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    std::optional<Contract> c = tx.Lock(id);
    if (!c) return NotFound(id);
    if (tx.Indexed(id, year)) {
      return WithDutch(
          absl::FailedPreconditionError(
              absl::StrCat("contracts/", id, " was indexed for ", year, " already")),
          absl::StrCat("Contract ", c->reference, " is al geïndexeerd voor ", year, "."));
    }
    OZJT_ASSIGN_OR_RETURN(result.plan,
                          PlanIndexation(*c, year, tx.TariffLines(id), tx.Figures(), tx.Floors()));
    if (result.plan.index.index != expected_index) {
      return WithDutch(
          absl::AbortedError(absl::StrCat(
              "the index for ", year, " is now ", FormatHundredths(result.plan.index.index),
              "%, not the ", FormatHundredths(expected_index), "% you approved; preview again")),
          absl::StrCat("De index voor ", year, " is nu ", DutchPercent(result.plan.index.index),
                       ", niet de ", DutchPercent(expected_index),
                       " die u goedkeurde; bekijk het voorstel opnieuw (ozjt tariffs "
                       "index-preview ",
                       id, " --year ", year, ")."));
    }
    for (const PlannedLine& p : result.plan.lines) {
      tx.CloseTariffLine(p.current, Day(year - 1, 12, 31));
      result.new_line_ids.push_back(tx.InsertTariffLine(p.next).id);
    }
    nlohmann::json detail = {{"contract_id", id},
                             {"year", year},
                             {"index_percent", FormatHundredths(result.plan.index.index)},
                             {"first_year", result.plan.index.first_year},
                             {"lines", result.plan.lines.size()},
                             {"new_line_ids", result.new_line_ids},
                             {"warnings", result.plan.warnings}};
    tx.RecordIndexation(id, year, result.plan.index.index, detail.dump());
    result.applied = true;
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<KpiDefinition> Contracts::SetKpiDefinition(const platform::RequestInfo& r,
                                                          KpiDefinition d) {
  OZJT_RETURN_IF_ERROR(ValidateKpiDefinition(d));
  OZJT_ASSIGN_OR_RETURN(Contract c, Visible(r, d.contract_id));
  if (!IsVervoer(c)) {
    return NotVervoer(c);
  }
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) {
    tx.UpsertKpiDefinition(d);
    return absl::OkStatus();
  }));
  return d;
}

absl::StatusOr<std::vector<KpiDefinition>> Contracts::KpiDefinitions(const platform::RequestInfo& r,
                                                                     int64_t id) {
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  return store_.KpiDefinitions(r.deadline, id);
}

absl::StatusOr<KpiMeasurement> Contracts::RecordMeasurement(const platform::RequestInfo& r,
                                                            KpiMeasurement m) {
  OZJT_RETURN_IF_ERROR(ValidateKpiMeasurement(m, r.today));
  OZJT_ASSIGN_OR_RETURN(Contract c, Visible(r, m.contract_id));
  if (!IsVervoer(c)) {
    return NotVervoer(c);
  }
  OZJT_ASSIGN_OR_RETURN(m.municipality_code,
                        WritingFor(r, c, m.municipality_code, "measurement.municipality_code"));
  std::optional<KpiMeasurement> stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) {
    stored = tx.InsertMeasurement(m);
    return absl::OkStatus();
  }));
  if (!stored) {
    return WithDutch(
        absl::AlreadyExistsError(absl::StrCat("a ", Code(m.kind), " measurement for ", m.period,
                                              " from ", Code(m.source), " exists")),
        absl::StrCat("Er is al een meting van deze KPI voor ", m.period,
                     " uit deze bron; een vastgelegde meting wordt niet overschreven."));
  }
  return *stored;
}

absl::StatusOr<std::vector<KpiMeasurement>> Contracts::Measurements(const platform::RequestInfo& r,
                                                                    int64_t id,
                                                                    const std::string& period) {
  if (!period.empty() && !PeriodStart(period)) {
    return platform::InvalidField("period", "'YYYY-MM' or 'YYYY-Qn'",
                                  "Geef de periode als maand (2026-10) of kwartaal (2026-Q3).");
  }
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  return store_.Measurements(r.deadline, id, period);
}

namespace {

// The KPI definitions of `contracts` and their measurements of `period`.
absl::Status ReadNorms(ContractStore& store, platform::Deadline d,
                       const std::vector<int64_t>& contracts, const std::string& period,
                       std::vector<KpiDefinition>& definitions,
                       std::vector<KpiMeasurement>& measurements) {
  for (int64_t contract : contracts) {
    OZJT_ASSIGN_OR_RETURN(auto defs, store.KpiDefinitions(d, contract));
    OZJT_ASSIGN_OR_RETURN(auto measured, store.Measurements(d, contract, period));
    definitions.insert(definitions.end(), defs.begin(), defs.end());
    measurements.insert(measurements.end(), measured.begin(), measured.end());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<KpiBreach>> Contracts::Breaches(const platform::RequestInfo& r,
                                                           int64_t id, const std::string& period) {
  if (!PeriodStart(period)) {
    return platform::InvalidField("period", "'YYYY-MM' or 'YYYY-Qn'",
                                  "Geef de periode als maand (2026-10) of kwartaal (2026-Q3).");
  }
  // The contracts read so far: nullopt when the caller may not see it.
  std::map<int64_t, std::optional<Contract>> seen;
  std::vector<int64_t> ids = {id};
  if (id > 0) {
    OZJT_ASSIGN_OR_RETURN(Contract c, Visible(r, id));
    // A framework agreement's norms are kept per lot: its breaches are its lots'.
    if (c.kind == ContractKind::kFramework) {
      ContractQuery lots;
      lots.filter.parent_id = id;
      lots.today = r.today;
      lots.limit = kMaxPageSize;
      OZJT_ASSIGN_OR_RETURN(std::vector<Contract> found, store_.List(r.deadline, lots));
      for (Contract& lot : found) {
        if (!CheckVisible(r, lot).ok()) continue;
        ids.push_back(lot.id);
        seen[lot.id] = std::move(lot);
      }
    }
    seen[id] = std::move(c);
  }
  std::vector<KpiDefinition> definitions;
  std::vector<KpiMeasurement> measurements;
  OZJT_RETURN_IF_ERROR(ReadNorms(store_, r.deadline, ids, period, definitions, measurements));
  std::vector<KpiBreach> out;
  for (auto& [m, def] : FindBreaches(definitions, measurements)) {
    auto it = seen.find(m.contract_id);
    if (it == seen.end()) {
      absl::StatusOr<Contract> c = Visible(r, m.contract_id);
      if (!c.ok() && c.status().code() != absl::StatusCode::kNotFound) return c.status();
      it = seen.emplace(m.contract_id,
                        c.ok() ? std::optional<Contract>(*std::move(c)) : std::nullopt)
               .first;
    }
    if (!it->second) continue;
    out.push_back({m, def, it->second->reference, it->second->title});
  }
  return out;
}

}  // namespace ozjt::contracts
