#include "services/screening/cases.h"

#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/platform/page_token.h"
#include "services/platform/status.h"

namespace ozjt::screening {
namespace {

absl::Status CaseNotFound(int64_t id) {
  return platform::WithDutch(absl::NotFoundError(absl::StrCat("screeningCases/", id, " not found")),
                             absl::StrCat("Er is geen screening met nummer ", id,
                                          "; zoek haar op met ozjt screening list."));
}

absl::Status ProviderNotFound(int64_t id) {
  return platform::WithDutch(absl::NotFoundError(absl::StrCat("providers/", id, " not found")),
                             absl::StrCat("Er is geen aanbieder met nummer ", id,
                                          "; zoek de aanbieder op met ozjt providers list."));
}

// The case after `s`, the one step set, by the caller on their today (an earlier case for a
// reused Bibob advice is read in `tx`).
absl::StatusOr<ScreeningCase> ApplyStep(ScreeningTx& tx, const ScreeningCase& c, const Framework& f,
                                        const CaseStep& s, const platform::RequestInfo& r,
                                        int validity_months) {
  const std::string& actor = r.caller.subject;
  if (s.request) {
    return RequestEvidence(c, f, s.request->first, s.request->second, r.today, actor);
  } else if (s.evidence) {
    Evidence e = *s.evidence;
    e.recorded_by = actor;
    return RecordEvidence(c, f, std::move(e), r.today);
  } else if (s.assessment) {
    Assessment a = *s.assessment;
    a.assessor = actor;
    return Assess(c, f, std::move(a), r.today);
  } else if (s.referral) {
    return ReferToBibob(c, s.referral->first, s.referral->second, r.today);
  } else if (s.reuse_advice_of) {
    std::optional<ScreeningCase> earlier = tx.ReadCase(s.reuse_advice_of);
    if (!earlier) return CaseNotFound(s.reuse_advice_of);
    return ReuseBibobAdvice(c, *earlier, r.today);
  } else if (s.advice) {
    return RecordBibobAdvice(c, s.advice->advice, s.advice->advice_date.value_or(Day()),
                             s.advice->advice_reference, r.today);
  } else if (s.hearing) {
    Hearing h = *s.hearing;
    h.recorded_by = actor;
    return RecordHearing(c, std::move(h), r.today);
  } else {
    Decision d = *s.decision;
    d.decided_by = actor;
    return Decide(c, f, std::move(d), r.today, validity_months);
  }
}

}  // namespace

absl::StatusOr<std::vector<Framework>> Screenings::Frameworks(const platform::RequestInfo& r) {
  return store_.Frameworks(r.deadline);
}

absl::StatusOr<Framework> Screenings::CreateFramework(const platform::RequestInfo& r, Framework f) {
  OZJT_RETURN_IF_ERROR(ValidateFramework(f));
  OZJT_ASSIGN_OR_RETURN(std::vector<Framework> all, store_.Frameworks(r.deadline));
  for (const auto& existing : all) {
    if (existing.code == f.code && existing.version == f.version) {
      return platform::WithDutch(
          absl::AlreadyExistsError(absl::StrCat("framework ", f.code, " ", f.version,
                                                " exists; a change is a new version")),
          absl::StrCat("Het screeningskader ", f.code, " ", f.version,
                       " bestaat al; leg een wijziging vast als een nieuwe versie."));
    }
  }
  Framework stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ScreeningTx& tx) {
    stored = tx.InsertFramework(f);
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<ProviderFacts> Screenings::Provider(const platform::RequestInfo& r, int64_t id) {
  OZJT_ASSIGN_OR_RETURN(std::vector<ProviderFacts> found, store_.Providers(r.deadline, id));
  if (found.empty()) return ProviderNotFound(id);
  return found[0];
}

absl::StatusOr<std::vector<CaseView>> Screenings::Views(const platform::RequestInfo& r,
                                                        ScreeningTx& tx,
                                                        std::vector<ScreeningCase> cases) {
  std::map<int64_t, Framework> frameworks;
  std::vector<CaseView> out;
  for (auto& c : cases) {
    auto f = frameworks.find(c.framework_id);
    if (f == frameworks.end()) {
      std::optional<Framework> found = tx.FrameworkById(c.framework_id);
      if (!found) return absl::InternalError("a case names a framework that does not exist");
      f = frameworks.emplace(c.framework_id, *found).first;
    }
    CaseView v{std::move(c), f->second, "", {}};
    v.registered_contracts = tx.RegisteredContracts(v.c.id);
    out.push_back(std::move(v));
  }
  return out;
}

absl::StatusOr<CaseView> Screenings::Open(const platform::RequestInfo& r, const OpenRequest& o) {
  OZJT_ASSIGN_OR_RETURN(ProviderFacts provider, Provider(r, o.provider_id));
  OZJT_ASSIGN_OR_RETURN(std::vector<Framework> all, store_.Frameworks(r.deadline));
  std::optional<Framework> framework;
  if (o.framework_id == 0) {
    framework = CurrentFramework(all, "kit", r.today);
    if (!framework) {
      return platform::WithDutch(
          absl::FailedPreconditionError("no KIT framework is valid today"),
          "Er is vandaag geen geldig KIT-kader; voeg er een toe met ozjt screening framework-add, "
          "of kies een kader met --framework.");
    }
  } else {
    for (const auto& f : all) {
      if (f.id == o.framework_id) framework = f;
    }
    if (!framework) {
      return platform::WithDutch(
          absl::NotFoundError(absl::StrCat("screeningFrameworks/", o.framework_id, " not found")),
          absl::StrCat("Er is geen screeningskader met nummer ", o.framework_id,
                       " (--framework); de kaders staan bij ozjt screening frameworks."));
    }
  }
  OZJT_ASSIGN_OR_RETURN(ScreeningCase c,
                        NewCase(o.provider_id, *framework, o.occasion, o.contract_id, o.reference,
                                r.today, r.caller.subject));
  CaseView view{{}, *framework, provider.name, {}};
  if (c.contract_id) {
    OZJT_ASSIGN_OR_RETURN(bool contract_exists, store_.ContractExists(r.deadline, c.contract_id));
    if (!contract_exists) {
      return platform::WithDutch(
          absl::NotFoundError(absl::StrCat("contracts/", c.contract_id, " not found")),
          absl::StrCat("Er is geen contract met nummer ", c.contract_id,
                       " (--contract); zoek het op met ozjt contracts list."));
    }
  }
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ScreeningTx& tx) -> absl::Status {
    view.c = tx.InsertCase(c);
    return absl::OkStatus();
  }));
  return view;
}

absl::StatusOr<CaseView> Screenings::Get(const platform::RequestInfo& r, int64_t id) {
  std::vector<CaseView> views;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ScreeningTx& tx) -> absl::Status {
    std::optional<ScreeningCase> c = tx.ReadCase(id);
    if (!c) return CaseNotFound(id);
    tx.LogRead(std::to_string(id), R"({"read": "case"})");
    OZJT_ASSIGN_OR_RETURN(views, Views(r, tx, {*std::move(c)}));
    return absl::OkStatus();
  }));
  OZJT_ASSIGN_OR_RETURN(ProviderFacts provider, Provider(r, views[0].c.provider_id));
  views[0].provider_name = provider.name;
  return views[0];
}

absl::StatusOr<CasePage> Screenings::List(const platform::RequestInfo& r, const CaseFilter& f,
                                          int page_size, const std::string& page_token) {
  if (f.provider_id) OZJT_RETURN_IF_ERROR(Provider(r, f.provider_id).status());
  OZJT_ASSIGN_OR_RETURN(int size, platform::PageSize(page_size, 50, 500));
  const std::string fingerprint = platform::QueryFingerprint(
      {"ListCases", absl::StrCat(f.provider_id), f.status ? Code(*f.status) : ""});
  OZJT_ASSIGN_OR_RETURN(int64_t before_id, platform::DecodeIdPageToken(page_token, fingerprint));
  CasePage page;
  std::vector<CaseView> views;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ScreeningTx& tx) -> absl::Status {
    std::vector<ScreeningCase> cases = tx.Cases(f, before_id, size + 1);
    page.next_page_token = platform::CutToIdPage(cases, size, fingerprint);
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& c : cases) ids.push_back(c.id);
    tx.LogRead("*", nlohmann::json{{"read", "case list"},
                                   {"provider_id", f.provider_id},
                                   {"status", f.status ? Code(*f.status) : ""},
                                   {"cases", ids}}
                        .dump());
    OZJT_ASSIGN_OR_RETURN(views, Views(r, tx, std::move(cases)));
    return absl::OkStatus();
  }));
  std::vector<int64_t> ids;
  ids.reserve(views.size());
  for (const auto& v : views) ids.push_back(v.c.provider_id);
  OZJT_ASSIGN_OR_RETURN(auto names, store_.ProviderNames(r.deadline, ids));
  for (auto& v : views) v.provider_name = names[v.c.provider_id];
  page.cases = std::move(views);
  return page;
}

absl::StatusOr<CaseView> Screenings::Apply(const platform::RequestInfo& r, int64_t id,
                                           const CaseStep& s) {
  const int given = (s.request ? 1 : 0) + (s.evidence ? 1 : 0) + (s.assessment ? 1 : 0) +
                    (s.referral ? 1 : 0) + (s.reuse_advice_of ? 1 : 0) + (s.advice ? 1 : 0) +
                    (s.hearing ? 1 : 0) + (s.decision ? 1 : 0);
  if (given != 1) {
    return platform::InvalidField("step", "give exactly one step",
                                  "Leg één stap tegelijk vast in de screening.");
  }
  std::vector<CaseView> views;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ScreeningTx& tx) -> absl::Status {
    std::optional<ScreeningCase> c = tx.LockCase(id);
    if (!c) return CaseNotFound(id);
    std::optional<Framework> f = tx.FrameworkById(c->framework_id);
    if (!f) return absl::InternalError("a case names a framework that does not exist");
    absl::StatusOr<ScreeningCase> next = ApplyStep(tx, *c, *f, s, r, validity_months_);
    if (!next.ok()) return next.status();
    OZJT_ASSIGN_OR_RETURN(views, Views(r, tx, {tx.ReplaceCase(*c, *next)}));
    return absl::OkStatus();
  }));
  OZJT_ASSIGN_OR_RETURN(ProviderFacts provider, Provider(r, views[0].c.provider_id));
  views[0].provider_name = provider.name;
  return views[0];
}

absl::StatusOr<CaseView> Screenings::SaveChecklist(const platform::RequestInfo& r, int64_t id,
                                                   Checklist list) {
  if (list.expected_version <= 0) {
    return platform::InvalidField("version", "send the version you read",
                                  "Geef de versie van de screening die u las.");
  }
  for (auto& e : list.evidence) e.recorded_by = r.caller.subject;
  for (auto& a : list.assessments) a.assessor = r.caller.subject;
  std::vector<CaseView> views;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ScreeningTx& tx) -> absl::Status {
    std::optional<ScreeningCase> c = tx.LockCase(id);
    if (!c) return CaseNotFound(id);
    if (c->version != list.expected_version) {
      return platform::WithDutch(
          absl::AbortedError(absl::StrCat("screeningCases/", id, " is at version ", c->version,
                                          ", not ", list.expected_version,
                                          "; read it again and reapply")),
          absl::StrCat("De screening is intussen gewijzigd (versie ", c->version, ", u las versie ",
                       list.expected_version,
                       "); laad haar opnieuw. Wat u invulde, blijft staan."));
    }
    std::optional<Framework> f = tx.FrameworkById(c->framework_id);
    if (!f) return absl::InternalError("a case names a framework that does not exist");
    OZJT_ASSIGN_OR_RETURN(
        ScreeningCase next,
        ::ozjt::screening::SaveChecklist(*c, *f, list.evidence, list.assessments, r.today));
    OZJT_ASSIGN_OR_RETURN(views, Views(r, tx, {tx.ReplaceCase(*c, next)}));
    return absl::OkStatus();
  }));
  OZJT_ASSIGN_OR_RETURN(ProviderFacts provider, Provider(r, views[0].c.provider_id));
  views[0].provider_name = provider.name;
  return views[0];
}

absl::StatusOr<std::vector<OutcomeRow>> Screenings::Outcomes(const platform::RequestInfo& r,
                                                             int64_t provider_id) {
  std::map<int64_t, bool> active_here;
  if (r.caller.IsMunicipal()) {
    OZJT_ASSIGN_OR_RETURN(auto providers, store_.Providers(r.deadline, provider_id));
    for (const auto& p : providers) active_here[p.id] = p.ActiveIn(r.caller.municipality_code);
  }
  if (provider_id) {
    OZJT_RETURN_IF_ERROR(Provider(r, provider_id).status());
    if (r.caller.IsMunicipal() && !active_here[provider_id]) {
      return ProviderNotFound(provider_id);
    }
  }
  OZJT_ASSIGN_OR_RETURN(std::vector<OutcomeRow> rows, store_.Outcomes(r.deadline, provider_id));
  if (r.caller.IsMunicipal()) {
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const OutcomeRow& o) { return !active_here[o.provider_id]; }),
               rows.end());
  }
  return rows;
}

}  // namespace ozjt::screening
