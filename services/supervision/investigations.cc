#include "services/supervision/investigations.h"

#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/platform/calendar.h"
#include "services/platform/page_token.h"
#include "services/platform/status.h"

namespace ozjt::supervision {
namespace {

absl::Status NotFound(int64_t id) {
  return platform::WithDutch(
      absl::NotFoundError(absl::StrCat("investigations/", id, " not found")),
      absl::StrCat("Onderzoek ", id,
                   " bestaat niet of u mag het niet inzien; zoek het op met ozjt supervision "
                   "list."));
}

// A contract mutation event's kind in Dutch ("update", "option_exercised", "tariff_line").
std::string MutationInDutch(const std::string& kind) {
  if (kind == "option_exercised") return "lichten verlengingsoptie";
  if (kind == "tariff_line") return "nieuwe tariefregel";
  return "wijziging";
}

// What a requesting municipality sees: the request, status, dates and conclusion summary.
Investigation Restricted(const Investigation& i) {
  Investigation out;
  out.id = i.id;
  out.provider_id = i.provider_id;
  out.kind = i.kind;
  out.scope = i.scope;
  out.subject = i.subject;
  out.status = i.status;
  out.opened = i.opened;
  out.started = i.started;
  out.concluded = i.concluded;
  out.conclusion_summary = i.conclusion_summary;
  out.requesting_municipality = i.requesting_municipality;
  out.request_text = i.request_text;
  out.incident_date = i.incident_date;
  out.version = i.version;
  return out;
}

}  // namespace

absl::StatusOr<ProviderFacts> Supervision::Provider(const platform::RequestInfo& r, int64_t id) {
  OZJT_ASSIGN_OR_RETURN(std::vector<ProviderFacts> found, store_.Providers(r.deadline, id));
  if (found.empty() || (r.caller.IsMunicipal() && !found[0].ActiveIn(r.caller.municipality_code))) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("providers/", id, " not found")),
        absl::StrCat("Aanbieder ", id,
                     " bestaat niet of is niet actief in uw gemeente; zoek de aanbieder op met "
                     "ozjt providers list."));
  }
  return found[0];
}

absl::StatusOr<InvestigationView> Supervision::Open(const platform::RequestInfo& r,
                                                    const Investigation& i) {
  OZJT_ASSIGN_OR_RETURN(ProviderFacts p, Provider(r, i.provider_id));
  OZJT_ASSIGN_OR_RETURN(Investigation opened, OpenInvestigation(i, r.today, r.caller.subject));
  InvestigationView view{{}, p.name, false};
  if (opened.contract_id) {
    OZJT_ASSIGN_OR_RETURN(bool contract_exists,
                          store_.ContractExists(r.deadline, opened.contract_id));
    if (!contract_exists) {
      return platform::WithDutch(
          absl::NotFoundError(absl::StrCat("contracts/", opened.contract_id, " not found")),
          absl::StrCat("Contract ", opened.contract_id,
                       " bestaat niet; zoek het contract op met ozjt contracts list."));
    }
  }
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](SupervisionTx& tx) -> absl::Status {
    view.i = tx.Insert(opened);
    return absl::OkStatus();
  }));
  return view;
}

absl::StatusOr<InvestigationView> Supervision::Request(const platform::RequestInfo& r,
                                                       int64_t provider_id, Kind kind,
                                                       const std::string& text,
                                                       std::optional<Day> incident_date) {
  OZJT_ASSIGN_OR_RETURN(std::string municipality,
                        store_.MunicipalityName(r.deadline, r.caller.municipality_code));
  OZJT_ASSIGN_OR_RETURN(Investigation i,
                        RequestInvestigation(provider_id, kind, r.caller.municipality_code, text,
                                             incident_date, r.today, municipality));
  OZJT_ASSIGN_OR_RETURN(ProviderFacts p, Provider(r, provider_id));
  InvestigationView view{{}, p.name, true};
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](SupervisionTx& tx) {
    view.i = Restricted(tx.Insert(i));
    return absl::OkStatus();
  }));
  return view;
}

absl::StatusOr<InvestigationView> Supervision::Get(const platform::RequestInfo& r, int64_t id) {
  std::optional<Investigation> found;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](SupervisionTx& tx) -> absl::Status {
    found = tx.Read(id);
    if (!found) return NotFound(id);
    if (r.caller.IsMunicipal()) {
      if (found->requesting_municipality != r.caller.municipality_code) return NotFound(id);
      return absl::OkStatus();  // no finding details: nothing to log
    }
    if (!found->findings.empty()) {
      tx.LogRead(
          std::to_string(id),
          nlohmann::json{{"read", "finding details"}, {"findings", found->findings.size()}}.dump());
    }
    return absl::OkStatus();
  }));
  OZJT_ASSIGN_OR_RETURN(auto providers, store_.Providers(r.deadline, found->provider_id));
  const std::string name = providers.empty() ? "" : providers[0].name;
  if (r.caller.IsMunicipal()) return InvestigationView{Restricted(*found), name, true};
  return InvestigationView{*std::move(found), name, false};
}

absl::StatusOr<InvestigationPage> Supervision::List(const platform::RequestInfo& r,
                                                    InvestigationFilter f, int page_size,
                                                    const std::string& page_token) {
  if (r.caller.IsMunicipal()) {
    if (!f.requesting_municipality.empty() &&
        f.requesting_municipality != r.caller.municipality_code) {
      return platform::WithDutch(
          absl::PermissionDeniedError(absl::StrCat("you can see the requests of municipality ",
                                                   r.caller.municipality_code, " only")),
          "U ziet alleen de onderzoeksverzoeken van uw eigen gemeente.");
    }
    f.requesting_municipality = r.caller.municipality_code;
  }
  OZJT_ASSIGN_OR_RETURN(int size, platform::PageSize(page_size, 50, 500));
  const std::string fingerprint = platform::QueryFingerprint(
      {"ListInvestigations", absl::StrCat(f.provider_id), f.requesting_municipality,
       f.status ? Code(*f.status) : "", f.kind ? Code(*f.kind) : ""});
  OZJT_ASSIGN_OR_RETURN(int64_t before_id, platform::DecodeIdPageToken(page_token, fingerprint));
  OZJT_ASSIGN_OR_RETURN(auto found, store_.Overview(r.deadline, f, before_id, size + 1));
  InvestigationPage page;
  page.next_page_token = platform::CutToIdPage(found, size, fingerprint);
  std::vector<int64_t> ids;
  ids.reserve(found.size());
  for (const auto& i : found) ids.push_back(i.provider_id);
  OZJT_ASSIGN_OR_RETURN(auto names, store_.ProviderNames(r.deadline, ids));
  for (auto& i : found) {
    Investigation listed = Restricted(i);  // a list never carries finding details
    if (!r.caller.IsMunicipal()) {
      listed.supervisors = i.supervisors;
      listed.contract_id = i.contract_id;
      listed.establishment = i.establishment;
      listed.report_reference = i.report_reference;
      listed.mutation_event_id = i.mutation_event_id;
    }
    page.investigations.push_back({std::move(listed), names[i.provider_id], true});
  }
  return page;
}

absl::StatusOr<InvestigationView> Supervision::Change(const platform::RequestInfo& r, int64_t id,
                                                      const InvestigationChange& c,
                                                      int64_t expected_version) {
  const int given = (c.status ? 1 : 0) + (c.finding ? 1 : 0) + (c.plan ? 1 : 0) +
                    (c.complete_plan ? 1 : 0) + (c.close_plan ? 1 : 0);
  if (given != 1) {
    return platform::InvalidField("change", "give exactly one change",
                                  "Geef precies één wijziging van het onderzoek tegelijk.");
  }
  if (c.status && expected_version <= 0) {
    return platform::InvalidField(
        "version", "send the version you read",
        "Geef de versie van het onderzoek die u hebt gelezen (ozjt supervision show).");
  }
  Investigation stored;
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](SupervisionTx& tx) -> absl::Status {
    std::optional<Investigation> current = tx.Lock(id);
    if (!current) return NotFound(id);
    if (c.status && current->version != expected_version) {
      return platform::WithDutch(
          absl::AbortedError(absl::StrCat("investigations/", id, " is at version ",
                                          current->version, ", not ", expected_version,
                                          "; read it again")),
          absl::StrCat("Het onderzoek ‘", current->subject, "’ is intussen gewijzigd (versie ",
                       current->version, ", u las versie ", expected_version,
                       "); lees het opnieuw met ozjt supervision show en wijzig het dan."));
    }
    absl::StatusOr<Investigation> next;
    if (c.finding) {
      Finding f = *c.finding;
      f.supervisor = r.caller.subject;
      next = AddFinding(*current, std::move(f), r.today);
      if (!next.ok()) return next.status();
      stored = tx.AddFinding(*current, *next);
      return absl::OkStatus();
    }
    if (c.status) {
      next = ChangeStatus(*current, *c.status, r.today, r.caller.subject);
    } else if (c.plan) {
      next = AddPlan(*current, *c.plan, r.today);
    } else if (c.complete_plan) {
      next = CompleteAction(*current, c.complete_plan, c.complete_action, c.done.value_or(Day()),
                            r.today);
    } else {
      next = ClosePlan(*current, c.close_plan, c.verdict, c.verdict_text, r.today);
    }
    if (!next.ok()) return next.status();
    stored = tx.Replace(*current, *next);
    return absl::OkStatus();
  }));
  OZJT_ASSIGN_OR_RETURN(auto providers, store_.Providers(r.deadline, stored.provider_id));
  return InvestigationView{stored, providers.empty() ? "" : providers[0].name, false};
}

// The events belong to the contracts service, the reviews to this one: no transaction spans
// both. Reviews are inserted idempotently (one per event and provider) and committed before the
// events are marked consumed; a crash in between leaves events whose reviews exist, which the
// next sync only marks.
absl::StatusOr<int> Supervision::SyncMutations(const platform::RequestInfo& r) {
  int opened = 0;
  for (;;) {
    OZJT_ASSIGN_OR_RETURN(std::vector<MutationEvent> events,
                          store_.PendingMutations(r.deadline, 100));
    if (events.empty()) return opened;
    int batch = 0;
    std::vector<int64_t> ids;
    OZJT_RETURN_IF_ERROR(store_.Write(r, [&](SupervisionTx& tx) {
      batch = 0;
      ids.clear();
      for (const auto& e : events) {
        for (int64_t provider : e.provider_ids) {
          if (tx.InsertReview(ReviewOfMutation(
                  provider, e.contract_id, e.id,
                  absl::StrCat(MutationInDutch(e.kind), " van contract ", e.contract_reference),
                  r.today))) {
            ++batch;
          }
        }
        ids.push_back(e.id);
      }
      return absl::OkStatus();
    }));
    OZJT_RETURN_IF_ERROR(store_.ConsumeMutations(r.deadline, ids));
    opened += batch;
  }
}

absl::StatusOr<Summary> Supervision::ProviderSummary(const platform::RequestInfo& r,
                                                     int64_t provider_id) {
  OZJT_RETURN_IF_ERROR(Provider(r, provider_id).status());
  InvestigationFilter f;
  f.provider_id = provider_id;
  OZJT_ASSIGN_OR_RETURN(auto all, store_.List(r.deadline, f));
  Summary s = Summarize(provider_id, all, r.today, grace_days_);
  if (r.caller.IsMunicipal()) s.escalations.clear();  // they name findings
  return s;
}

absl::StatusOr<std::vector<std::pair<std::string, Summary>>> Supervision::Summaries(
    const platform::RequestInfo& r) {
  OZJT_ASSIGN_OR_RETURN(auto all, store_.List(r.deadline, {}));
  OZJT_ASSIGN_OR_RETURN(auto providers, store_.Providers(r.deadline, 0));
  std::map<int64_t, bool> has;
  for (const auto& i : all) has[i.provider_id] = true;
  std::vector<std::pair<std::string, Summary>> out;
  for (const auto& p : providers) {
    if (has[p.id]) out.emplace_back(p.name, Summarize(p.id, all, r.today, grace_days_));
  }
  return out;
}

absl::StatusOr<std::vector<std::pair<Escalation, std::string>>> Supervision::CurrentEscalations(
    const platform::RequestInfo& r) {
  // An action escalates once it is more than the grace days past its due date.
  OZJT_ASSIGN_OR_RETURN(auto candidates, store_.MayEscalate(r.deadline, r.today - grace_days_));
  std::vector<Escalation> escalations;
  std::vector<int64_t> ids;
  for (const auto& i : candidates) {
    for (auto& e : Escalations(i, r.today, grace_days_)) {
      ids.push_back(e.provider_id);
      escalations.push_back(std::move(e));
    }
  }
  OZJT_ASSIGN_OR_RETURN(auto names, store_.ProviderNames(r.deadline, ids));
  std::vector<std::pair<Escalation, std::string>> out;
  for (auto& e : escalations) {
    const int64_t provider = e.provider_id;
    out.emplace_back(std::move(e), names[provider]);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first.since < b.first.since; });
  return out;
}

absl::StatusOr<PeriodReport> Supervision::Period(const platform::RequestInfo& r, Day from, Day to) {
  platform::FieldViolations v;
  if (to < from) {
    v.Add("end_date", "is before start_date",
          absl::StrCat("De einddatum (", platform::DutchDay(to), ") ligt voor de begindatum (",
                       platform::DutchDay(from), ")."));
  }
  if (to - from > 3 * absl::civil_diff_t{366}) {
    v.Add("end_date", "a period is at most 3 years", "Een periode is hoogstens 3 jaar lang.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_ASSIGN_OR_RETURN(PeriodCounts counts, store_.CountPeriod(r.deadline, from, to));
  OZJT_ASSIGN_OR_RETURN(auto open_on_to, store_.MayEscalate(r.deadline, to));
  return Report(counts, open_on_to, from, to, grace_days_);
}

}  // namespace ozjt::supervision
