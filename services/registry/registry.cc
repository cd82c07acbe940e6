#include "services/registry/registry.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/page_token.h"
#include "services/platform/status.h"

namespace ozjt::registry {
namespace {

using platform::FieldViolations;

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr size_t kMaxFilterLength = 200;

absl::Status NotFound(int64_t id) {
  return platform::WithDutch(
      absl::NotFoundError(absl::StrCat("provider providers/", id, " not found")),
      absl::StrCat("Aanbieder ", id, " bestaat niet, of is niet zichtbaar voor uw gemeente."));
}

absl::Status KvkTaken(const std::string& kvk) {
  return platform::WithDutch(
      absl::AlreadyExistsError(
          absl::StrCat("provider.kvk_number: KvK number ", kvk, " is registered already")),
      absl::StrCat("Er is al een aanbieder met KvK-nummer ", kvk,
                   "; zoek die op met ozjt providers list --kvk ", kvk, "."));
}

absl::Status ForeignToken() {
  return platform::InvalidField("page_token", "is not a token this service issued",
                                "Dit vervolgpunt van de lijst is ongeldig; begin opnieuw bij de "
                                "eerste pagina.");
}

bool AllDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

absl::Status ValidateFilter(const ProviderFilter& f) {
  FieldViolations v;
  if (f.name_contains.size() > kMaxFilterLength) {
    v.Add("filter.display_name_contains", "must be at most 200 characters",
          "Het zoekwoord voor de naam mag hoogstens 200 tekens lang zijn.");
  }
  if (!f.kvk_number.empty() && (f.kvk_number.size() != 8 || !AllDigits(f.kvk_number))) {
    v.Add("filter.kvk_number", "must be exactly 8 digits",
          "Het KvK-nummer moet uit precies 8 cijfers bestaan.");
  }
  if (!f.agb_code.empty() && (f.agb_code.size() != 8 || !AllDigits(f.agb_code))) {
    v.Add("filter.agb_code", "must be exactly 8 digits",
          "De AGB-code moet uit precies 8 cijfers bestaan.");
  }
  if (!f.municipality_code.empty() &&
      (f.municipality_code.size() != 4 || !AllDigits(f.municipality_code))) {
    v.Add("filter.municipality_code", "must be a 4-digit CBS code",
          "De gemeente is een CBS-code van 4 cijfers (Enschede is bijvoorbeeld 0153).");
  }
  return v.ToStatus();
}

// Municipal users never see financial figures: a provider's turnover reaches OZJT roles only.
Provider ForCaller(const platform::RequestInfo& r, Provider p) {
  if (r.caller.IsMunicipal()) p.turnover.clear();
  return p;
}

}  // namespace

absl::StatusOr<ProviderQuery> Registry::Scoped(const platform::RequestInfo& r,
                                               const ProviderFilter& f) {
  OZJT_RETURN_IF_ERROR(ValidateFilter(f));
  ProviderQuery q;
  q.filter = f;
  if (r.caller.IsMunicipal()) {
    if (!f.municipality_code.empty() && f.municipality_code != r.caller.municipality_code) {
      return platform::WithDutch(
          absl::PermissionDeniedError(absl::StrCat("you can see providers of municipality ",
                                                   r.caller.municipality_code, " only")),
          absl::StrCat("U ziet alleen de aanbieders van uw eigen gemeente (",
                       r.caller.municipality_code, ")."));
    }
    q.filter.municipality_code = r.caller.municipality_code;
  }
  return q;
}

absl::StatusOr<Provider> Registry::Get(const platform::RequestInfo& r, int64_t id) {
  absl::StatusOr<Provider> p = store_.Get(r.deadline, id);
  if (!p.ok()) return p.status();
  // To a municipal user a provider outside their municipality does not exist.
  if (r.caller.IsMunicipal() && !p->ActiveIn(r.caller.municipality_code)) return NotFound(id);
  return ForCaller(r, *std::move(p));
}

absl::StatusOr<ProviderPage> Registry::List(const platform::RequestInfo& r,
                                            const ProviderFilter& filter, int page_size,
                                            const std::string& page_token) {
  OZJT_ASSIGN_OR_RETURN(int size, platform::PageSize(page_size, kDefaultPageSize, kMaxPageSize));
  OZJT_ASSIGN_OR_RETURN(ProviderQuery q, Scoped(r, filter));
  const ProviderFilter& f = q.filter;
  const std::string fingerprint =
      platform::QueryFingerprint({f.name_contains, f.kvk_number, f.agb_code, f.municipality_code,
                                  f.tier ? Code(*f.tier) : "", f.status ? Code(*f.status) : ""});
  OZJT_ASSIGN_OR_RETURN(std::vector<std::string> after,
                        platform::DecodePageToken(page_token, fingerprint, 2));
  if (!after.empty()) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(after[1], &id)) return ForeignToken();
    q.after = std::make_pair(after[0], id);
  }
  q.limit = size + 1;  // one more tells whether there is a next page
  OZJT_ASSIGN_OR_RETURN(std::vector<Provider> providers, store_.List(r.deadline, q));
  ProviderPage page;
  if (static_cast<int>(providers.size()) > size) {
    providers.resize(size);
    const Provider& last = providers.back();
    page.next_page_token =
        platform::EncodePageToken(fingerprint, {last.name, std::to_string(last.id)});
  }
  for (auto& p : providers) page.providers.push_back(ForCaller(r, std::move(p)));
  return page;
}

absl::StatusOr<Provider> Registry::Create(const platform::RequestInfo& r, Provider p) {
  if (p.status == ProviderStatus::kUnspecified) p.status = ProviderStatus::kApplicant;
  OZJT_RETURN_IF_ERROR(Prepare(p, refs_, "provider"));
  Provider stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ProviderTx& tx) -> absl::Status {
    if (tx.LockByKvk(p.kvk_number)) return KvkTaken(p.kvk_number);
    stored = tx.Insert(p);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<Provider> Registry::Update(const platform::RequestInfo& r, int64_t id,
                                          int64_t expected_version, const Provider& changes,
                                          const std::vector<std::string>& mask_paths) {
  OZJT_ASSIGN_OR_RETURN(std::vector<ProviderField> fields, ParseUpdateMask(mask_paths));
  if (expected_version <= 0) {
    return platform::InvalidField("provider.version",
                                  "send the version you read (optimistic concurrency)",
                                  "Lees de aanbieder eerst (ozjt providers get) en wijzig dan "
                                  "die versie.");
  }
  Provider stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ProviderTx& tx) -> absl::Status {
    std::optional<Provider> current = tx.LockById(id);
    if (!current || (r.caller.IsMunicipal() && !current->ActiveIn(r.caller.municipality_code))) {
      return NotFound(id);
    }
    if (current->version != expected_version) {
      return platform::WithDutch(
          absl::AbortedError(absl::StrCat("provider providers/", id, " is at version ",
                                          current->version, ", not ", expected_version,
                                          "; read it again and reapply your change")),
          absl::StrCat("Iemand anders heeft ", current->name,
                       " intussen gewijzigd; lees de aanbieder opnieuw (ozjt providers get ", id,
                       ") en breng uw wijziging opnieuw aan."));
    }
    OZJT_ASSIGN_OR_RETURN(Provider next, ApplyUpdate(*current, changes, fields, refs_, "provider"));
    if (next.kvk_number != current->kvk_number) {
      if (auto other = tx.LockByKvk(next.kvk_number); other && other->id != id) {
        return KvkTaken(next.kvk_number);
      }
    }
    if (SameData(*current, next)) {
      stored = *current;  // nothing changed: no new version, no audit record
      return absl::OkStatus();
    }
    stored = tx.Replace(*current, next);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<HistoryPage> Registry::History(const platform::RequestInfo& r, int64_t id,
                                              int page_size, const std::string& page_token) {
  OZJT_ASSIGN_OR_RETURN(int size, platform::PageSize(page_size, kDefaultPageSize, kMaxPageSize));
  OZJT_RETURN_IF_ERROR(Get(r, id).status());  // existence and municipal scope
  const std::string fingerprint = platform::QueryFingerprint({std::to_string(id)});
  OZJT_ASSIGN_OR_RETURN(std::vector<std::string> after,
                        platform::DecodePageToken(page_token, fingerprint, 1));
  int64_t before_version = 0;
  if (!after.empty() && (!absl::SimpleAtoi(after[0], &before_version) || before_version <= 0)) {
    return ForeignToken();
  }
  OZJT_ASSIGN_OR_RETURN(std::vector<ProviderVersion> versions,
                        store_.History(r.deadline, id, before_version, size + 1));
  HistoryPage page;
  if (static_cast<int>(versions.size()) > size) {
    versions.resize(size);
    page.next_page_token =
        platform::EncodePageToken(fingerprint, {std::to_string(versions.back().provider.version)});
  }
  for (auto& v : versions) v.provider = ForCaller(r, std::move(v.provider));
  page.versions = std::move(versions);
  return page;
}

absl::StatusOr<ImportResult> Registry::Import(const platform::RequestInfo& r, absl::string_view csv,
                                              bool allow_partial, bool validate_only) {
  OZJT_ASSIGN_OR_RETURN(ParsedImport parsed, ParseProviderCsv(csv, refs_));
  ImportResult result;
  result.errors = parsed.errors;
  // Rolls the transaction back without being an error of the call.
  const absl::Status kRollBack = absl::CancelledError("roll back");
  absl::Status s = store_.Write(r, [&](ProviderTx& tx) -> absl::Status {
    for (const ImportRow& row : parsed.rows) {
      std::optional<Provider> current = tx.LockByKvk(row.provider.kvk_number);
      if (!current) {
        tx.Insert(row.provider);
        ++result.created;
        continue;
      }
      absl::StatusOr<Provider> next =
          ApplyUpdate(*current, row.provider, CsvFields(row.status_given), refs_, "");
      if (!next.ok()) {
        result.errors.push_back({row.line, "status", std::string(next.status().message()),
                                 platform::DutchOf(next.status())});
        continue;
      }
      if (SameData(*current, *next)) {
        ++result.unchanged;
        continue;
      }
      tx.Replace(*current, *next);
      ++result.updated;
    }
    const bool bad = !result.errors.empty() && !allow_partial;
    // The sentinel is captured by reference: returning it copies, nothing to move.
    if (validate_only || bad) return kRollBack;  // NOLINT(performance-no-automatic-move)
    return absl::OkStatus();
  });
  if (s.ok()) {
    result.committed = true;
  } else if (s != kRollBack) {
    return s;
  }
  std::sort(result.errors.begin(), result.errors.end(),
            [](const RowError& a, const RowError& b) { return a.line < b.line; });
  return result;
}

absl::StatusOr<Registry::TurnoverResult> Registry::ImportTurnover(const platform::RequestInfo& r,
                                                                  absl::string_view csv,
                                                                  bool validate_only) {
  OZJT_ASSIGN_OR_RETURN(TurnoverImport parsed, ParseTurnoverCsv(csv, refs_));
  TurnoverResult result;
  result.errors = parsed.errors;
  result.years = parsed.years;
  const absl::Status kRollBack = absl::CancelledError("roll back");
  absl::Status s = store_.Write(r, [&](ProviderTx& tx) -> absl::Status {
    for (const auto& [kvk, years] : parsed.by_kvk) {
      std::optional<Provider> current = tx.LockByKvk(kvk);
      if (!current) {
        result.errors.push_back(
            {parsed.first_line[kvk], "kvk_nummer",
             absl::StrCat("no provider with KvK number ", kvk),
             absl::StrCat("Er is geen aanbieder met KvK-nummer ", kvk,
                          "; registreer die eerst (ozjt providers create of ozjt providers "
                          "import).")});
        continue;
      }
      Provider changes;
      changes.turnover = current->turnover;
      for (const AnnualTurnover& t : years) {
        auto it = std::find_if(changes.turnover.begin(), changes.turnover.end(),
                               [&](const AnnualTurnover& o) { return o.year == t.year; });
        if (it == changes.turnover.end()) {
          changes.turnover.push_back(t);
        } else {
          *it = t;
        }
      }
      absl::StatusOr<Provider> next =
          ApplyUpdate(*current, changes, {ProviderField::kTurnover}, refs_, "");
      if (!next.ok()) {
        result.errors.push_back({parsed.first_line[kvk], "", std::string(next.status().message()),
                                 platform::DutchOf(next.status())});
        continue;
      }
      if (SameData(*current, *next)) continue;
      tx.Replace(*current, *next);
      ++result.providers_updated;
    }
    if (validate_only || !result.errors.empty()) {
      return kRollBack;  // NOLINT(performance-no-automatic-move): a copy of the captured sentinel
    }
    return absl::OkStatus();
  });
  if (s.ok()) {
    result.committed = true;
  } else if (s != kRollBack) {
    return s;
  }
  std::sort(result.errors.begin(), result.errors.end(),
            [](const RowError& a, const RowError& b) { return a.line < b.line; });
  return result;
}

absl::StatusOr<int> Registry::AddMissing(const platform::RequestInfo& r,
                                         std::vector<Provider> providers) {
  for (size_t i = 0; i < providers.size(); ++i) {
    OZJT_RETURN_IF_ERROR(Prepare(providers[i], refs_, absl::StrCat("providers[", i, "]")));
  }
  int added = 0;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ProviderTx& tx) -> absl::Status {
    for (const Provider& p : providers) {
      if (tx.LockByKvk(p.kvk_number)) continue;
      tx.Insert(p);
      ++added;
    }
    return absl::OkStatus();
  }));
  return added;
}

absl::StatusOr<std::pair<std::string, int>> Registry::Export(const platform::RequestInfo& r,
                                                             const ProviderFilter& filter) {
  OZJT_ASSIGN_OR_RETURN(ProviderQuery q, Scoped(r, filter));
  std::vector<Provider> all;
  q.limit = 1000;
  while (true) {
    OZJT_ASSIGN_OR_RETURN(std::vector<Provider> batch, store_.List(r.deadline, q));
    const bool more = static_cast<int>(batch.size()) == q.limit;
    if (more) q.after = std::make_pair(batch.back().name, batch.back().id);
    for (auto& p : batch) all.push_back(std::move(p));
    if (!more) break;
  }
  const int count = static_cast<int>(all.size());
  return std::make_pair(ProviderCsv(all), count);
}

}  // namespace ozjt::registry
