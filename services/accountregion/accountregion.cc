#include "services/accountregion/accountregion.h"

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/status.h"

namespace ozjt::accountregion {
namespace {

absl::Status ProviderNotFound(int64_t id) {
  return platform::WithDutch(
      absl::NotFoundError(absl::StrCat("provider providers/", id, " not found")),
      absl::StrCat("Aanbieder ", id, " bestaat niet, of is niet zichtbaar voor uw gemeente."));
}

// Municipal users see the account-holding region, never the turnover figures behind it.
AccountRegion ForCaller(const platform::RequestInfo& r, AccountRegion a) {
  if (r.caller.IsMunicipal()) {
    a.derived.cents = 0;
    a.latest_turnover_cents = 0;
    a.financial_figures_withheld = true;
  }
  return a;
}

}  // namespace

absl::StatusOr<ProviderFacts> AccountRegions::Visible(const platform::RequestInfo& r, int64_t id) {
  OZJT_ASSIGN_OR_RETURN(std::vector<ProviderFacts> found, store_.Providers(r.deadline, id));
  if (found.empty()) return ProviderNotFound(id);
  if (r.caller.IsMunicipal() && !found[0].ActiveIn(r.caller.municipality_code)) {
    return ProviderNotFound(id);
  }
  return found[0];
}

AccountRegion AccountRegions::Resolve(const ProviderFacts& p, const std::vector<Assignment>& a,
                                      Day today) const {
  return ResolveRegion(p.id, p.name, p.turnover, a, today);
}

absl::StatusOr<AccountRegion> AccountRegions::Get(const platform::RequestInfo& r, int64_t id) {
  OZJT_ASSIGN_OR_RETURN(ProviderFacts p, Visible(r, id));
  OZJT_ASSIGN_OR_RETURN(std::vector<Assignment> a, store_.Assignments(r.deadline, id));
  return ForCaller(r, Resolve(p, a, r.today));
}

absl::StatusOr<std::vector<AccountRegion>> AccountRegions::Portfolio(const platform::RequestInfo& r,
                                                                     std::string region) {
  if (region.empty()) region = kOwnRegion;
  if (std::find(regions_.begin(), regions_.end(), region) == regions_.end()) {
    return platform::InvalidField("region_code", absl::StrCat("unknown region '", region, "'"),
                                  absl::StrCat("Er is geen jeugdregio '", region,
                                               "'; zie ozjt reference regions voor de codes."));
  }
  OZJT_ASSIGN_OR_RETURN(std::vector<ProviderFacts> providers, store_.Providers(r.deadline, 0));
  OZJT_ASSIGN_OR_RETURN(std::vector<Assignment> assignments, store_.Assignments(r.deadline, 0));
  std::vector<AccountRegion> out;
  for (const auto& p : providers) {
    if (r.caller.IsMunicipal() && !p.ActiveIn(r.caller.municipality_code)) continue;
    AccountRegion a = Resolve(p, assignments, r.today);
    if (a.region_code == region) out.push_back(ForCaller(r, std::move(a)));
  }
  return out;
}

absl::StatusOr<Assignment> AccountRegions::Assign(const platform::RequestInfo& r, Assignment a) {
  OZJT_RETURN_IF_ERROR(ValidateAssignment(a, regions_));
  OZJT_RETURN_IF_ERROR(Visible(r, a.provider_id).status());
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](AccountRegionTx& tx) {
    tx.InsertAssignment(a);
    return absl::OkStatus();
  }));
  return a;
}

absl::StatusOr<StatementView> AccountRegions::AddStatement(const platform::RequestInfo& r,
                                                           FinancialStatement s) {
  OZJT_RETURN_IF_ERROR(ValidateStatement(s, r.today));
  OZJT_RETURN_IF_ERROR(Visible(r, s.provider_id).status());
  bool inserted = false;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](AccountRegionTx& tx) {
    inserted = tx.InsertStatement(s);
    return absl::OkStatus();
  }));
  if (!inserted) {
    return platform::WithDutch(
        absl::AlreadyExistsError(absl::StrCat("a statement for ", s.period, " exists")),
        absl::StrCat("Er is al een jaarrekening of kwartaalcijfer over ", s.period,
                     " voor deze aanbieder; zie ozjt finance list ", s.provider_id, "."));
  }
  return StatementView{s, ComputeRatios(s, thresholds_)};
}

absl::StatusOr<std::vector<StatementView>> AccountRegions::Statements(
    const platform::RequestInfo& r, int64_t id) {
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  OZJT_ASSIGN_OR_RETURN(auto statements, store_.Statements(r.deadline, id));
  std::vector<StatementView> out;
  out.reserve(statements.size());
  for (auto& s : statements) out.push_back({s, ComputeRatios(s, thresholds_)});
  return out;
}

absl::StatusOr<Signal> AccountRegions::AddSignal(const platform::RequestInfo& r, Signal s) {
  s.description = std::string(absl::StripAsciiWhitespace(s.description));
  platform::FieldViolations v;
  if (s.source.empty()) {
    v.Add("signal.source", "is required",
          "Kies de bron van het signaal (bijvoorbeeld provider, accountant of supervisor).");
  }
  if (s.category.empty()) {
    v.Add("signal.category", "is required",
          "Kies het soort signaal (bijvoorbeeld liquidity of three_years_losses).");
  }
  if (s.description.empty() || s.description.size() > 2000) {
    v.Add("signal.description", "1 to 2000 characters",
          "Beschrijf het signaal in 1 tot 2000 tekens.");
  }
  if (s.reported_date > r.today) {
    v.Add("signal.reported_date", "is in the future",
          absl::StrCat("De meldingsdatum ", platform::DutchDay(s.reported_date),
                       " ligt in de toekomst."));
  }
  if (s.written_confirmation_date && *s.written_confirmation_date < s.reported_date) {
    v.Add("signal.written_confirmation_date", "is before the reported date",
          absl::StrCat(
              "De schriftelijke bevestiging (", platform::DutchDay(*s.written_confirmation_date),
              ") kan niet voor de melding (", platform::DutchDay(s.reported_date), ") liggen."));
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(Visible(r, s.provider_id).status());
  Signal stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](AccountRegionTx& tx) {
    stored = tx.InsertSignal(s);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<std::vector<Signal>> AccountRegions::Signals(const platform::RequestInfo& r,
                                                            int64_t id) {
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  return store_.Signals(r.deadline, id);
}

absl::StatusOr<std::vector<Warning>> AccountRegions::EarlyWarnings(const platform::RequestInfo& r) {
  OZJT_ASSIGN_OR_RETURN(auto providers, store_.Providers(r.deadline, 0));
  OZJT_ASSIGN_OR_RETURN(auto assignments, store_.Assignments(r.deadline, 0));
  OZJT_ASSIGN_OR_RETURN(auto statements, store_.Statements(r.deadline, 0));
  OZJT_ASSIGN_OR_RETURN(auto signals, store_.Signals(r.deadline, 0));
  OZJT_ASSIGN_OR_RETURN(auto cases, store_.Cases(r.deadline, 0, /*open_only=*/true));
  std::map<int64_t, std::vector<FinancialStatement>> by_provider;
  for (auto& s : statements) by_provider[s.provider_id].push_back(s);
  std::map<int64_t, std::vector<Signal>> signals_of;
  for (auto& s : signals) signals_of[s.provider_id].push_back(s);
  std::map<int64_t, ContinuityCase> case_of;
  for (auto& c : cases) case_of[c.provider_id] = c;
  std::vector<Warning> warnings;
  for (const auto& p : providers) {
    AccountRegion region = Resolve(p, assignments, r.today);
    // The portfolio and every provider in the national monitoring scope.
    if (region.region_code != kOwnRegion && !region.monitored) continue;
    auto c = case_of.find(p.id);
    warnings.push_back(Assess(region, c == case_of.end() ? std::nullopt : std::optional(c->second),
                              by_provider[p.id], signals_of[p.id], thresholds_, r.today));
  }
  return Rank(std::move(warnings));
}

absl::StatusOr<CaseView> AccountRegions::Open(const platform::RequestInfo& r, int64_t provider_id,
                                              int step, Day date, std::optional<Day> due,
                                              const std::string& note) {
  OZJT_ASSIGN_OR_RETURN(ProviderFacts p, Visible(r, provider_id));
  OZJT_ASSIGN_OR_RETURN(ContinuityCase c,
                        OpenCase(provider_id, step, date, due, note, r.caller.subject, r.today));
  ContinuityCase stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](AccountRegionTx& tx) -> absl::Status {
    if (tx.HasOpenCase(provider_id)) {
      return platform::WithDutch(
          absl::AlreadyExistsError(absl::StrCat(p.name, " has an open continuity case")),
          absl::StrCat(p.name, " heeft al een open continuïteitscasus; zie ozjt cases list."));
    }
    stored = tx.InsertCase(c);
    return absl::OkStatus();
  }));
  return CaseView{stored, p.name, false};
}

absl::StatusOr<CaseView> AccountRegions::Change(
    const platform::RequestInfo& r, int64_t case_id, int64_t expected_version,
    const std::function<absl::StatusOr<ContinuityCase>(const ContinuityCase&)>& fn) {
  if (expected_version <= 0) {
    return platform::InvalidField("version", "send the version you read",
                                  "Geef de versie op die u las (--version; zie ozjt cases list).");
  }
  ContinuityCase stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](AccountRegionTx& tx) -> absl::Status {
    std::optional<ContinuityCase> current = tx.LockCase(case_id);
    if (!current) {
      return platform::WithDutch(
          absl::NotFoundError(absl::StrCat("continuityCases/", case_id, " not found")),
          absl::StrCat("Continuïteitscasus ", case_id, " bestaat niet."));
    }
    if (current->version != expected_version) {
      return platform::WithDutch(
          absl::AbortedError(absl::StrCat("the case is at version ", current->version, ", not ",
                                          expected_version, "; read it again")),
          absl::StrCat("Iemand anders heeft casus ", case_id, " intussen gewijzigd (nu versie ",
                       current->version,
                       "); lees hem opnieuw met ozjt cases list en probeer "
                       "het nog eens."));
    }
    OZJT_ASSIGN_OR_RETURN(ContinuityCase next, fn(*current));
    stored = tx.ReplaceCase(*current, next);
    return absl::OkStatus();
  }));
  OZJT_ASSIGN_OR_RETURN(auto providers, store_.Providers(r.deadline, stored.provider_id));
  return CaseView{stored, providers.empty() ? "" : providers[0].name, false};
}

absl::StatusOr<CaseView> AccountRegions::Move(const platform::RequestInfo& r, int64_t case_id,
                                              int step, Day date, std::optional<Day> due,
                                              const std::string& note, int64_t expected_version) {
  return Change(r, case_id, expected_version, [&](const ContinuityCase& c) {
    return MoveStep(c, step, date, due, note, r.caller.subject, r.today);
  });
}

absl::StatusOr<CaseView> AccountRegions::Update(const platform::RequestInfo& r, int64_t case_id,
                                                const CaseUpdate& u, int64_t expected_version) {
  const int given = (u.action ? 1 : 0) + (u.region_informed ? 1 : 0) + (u.resolve ? 1 : 0);
  if (given != 1) {
    return platform::InvalidField("action", "give exactly one of action, region_informed, resolve",
                                  "Geef precies één van: een actie (--action), een geïnformeerde "
                                  "regio (--informed) of afsluiten (--resolve).");
  }
  platform::FieldViolations v;
  if (u.action) {
    if (u.action->text.empty() || u.action->text.size() > 2000) {
      v.Add("action.text", "1 to 2000 characters", "Beschrijf de actie in 1 tot 2000 tekens.");
    }
    if (u.action->date > r.today) {
      v.Add("action.date", "is in the future",
            absl::StrCat("De datum ", platform::DutchDay(u.action->date), " ligt in de toekomst."));
    }
  }
  if (u.region_informed) {
    if (std::find(regions_.begin(), regions_.end(), u.region_informed->region_code) ==
        regions_.end()) {
      v.Add("region_informed.region_code", "unknown region",
            absl::StrCat("Er is geen jeugdregio '", u.region_informed->region_code,
                         "'; zie ozjt reference regions voor de codes."));
    }
    if (u.region_informed->date > r.today) {
      v.Add("region_informed.date", "is in the future",
            absl::StrCat("De datum ", platform::DutchDay(u.region_informed->date),
                         " ligt in de toekomst."));
    }
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  return Change(r, case_id, expected_version,
                [&](const ContinuityCase& c) -> absl::StatusOr<ContinuityCase> {
                  if (c.status != CaseStatus::kOpen) return CaseClosed();
                  ContinuityCase next = c;
                  if (u.action) {
                    next.actions.push_back({u.action->date, u.action->text, r.caller.subject});
                  }
                  if (u.region_informed) next.regions_informed.push_back(*u.region_informed);
                  if (u.resolve) {
                    next.status = CaseStatus::kResolved;
                    next.closed = r.today;
                  }
                  return next;
                });
}

absl::StatusOr<std::vector<CaseView>> AccountRegions::Cases(const platform::RequestInfo& r,
                                                            int64_t provider_id, bool open_only) {
  if (provider_id > 0) OZJT_RETURN_IF_ERROR(Visible(r, provider_id).status());
  OZJT_ASSIGN_OR_RETURN(auto cases, store_.Cases(r.deadline, provider_id, open_only));
  OZJT_ASSIGN_OR_RETURN(auto providers, store_.Providers(r.deadline, provider_id));
  std::map<int64_t, const ProviderFacts*> by_id;
  for (const auto& p : providers) by_id[p.id] = &p;
  std::vector<CaseView> out;
  for (auto& c : cases) {
    auto p = by_id.find(c.provider_id);
    const std::string name = p == by_id.end() ? "" : p->second->name;
    if (r.caller.IsMunicipal()) {
      if (p == by_id.end() || !p->second->ActiveIn(r.caller.municipality_code)) continue;
      // Whether a case is open and its step; nothing else.
      ContinuityCase restricted;
      restricted.id = c.id;
      restricted.provider_id = c.provider_id;
      restricted.status = c.status;
      restricted.step = c.step;
      restricted.opened = c.opened;
      restricted.closed = c.closed;
      out.push_back({restricted, name, true});
    } else {
      out.push_back({std::move(c), name, false});
    }
  }
  return out;
}

}  // namespace ozjt::accountregion
