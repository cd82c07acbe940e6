#include "services/supervision/supervision.h"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/calendar.h"
#include "services/platform/codes.h"
#include "services/platform/json_codes.h"
#include "services/platform/status.h"

namespace ozjt::supervision {
namespace {

using nlohmann::json;
using platform::CodeName;
using platform::DayJson;
using platform::DayOf;
using platform::DutchDay;
using platform::EnumOf;
using platform::FieldViolations;
using platform::FormatDay;
using platform::OptionalDayOf;

constexpr CodeName<Kind> kKinds[] = {{Kind::kProactive, "proactive"},
                                     {Kind::kSignal, "signal"},
                                     {Kind::kIncident, "incident"},
                                     {Kind::kCalamity, "calamity"},
                                     {Kind::kContractReview, "contract_review"},
                                     {Kind::kMunicipalRequest, "municipal_request"}};
constexpr CodeName<Scope> kScopes[] = {{Scope::kProvider, "provider"},
                                       {Scope::kEstablishment, "establishment"},
                                       {Scope::kContract, "contract"}};
constexpr CodeName<Status> kStatuses[] = {{Status::kRequested, "requested"},
                                          {Status::kPlanned, "planned"},
                                          {Status::kInProgress, "in_progress"},
                                          {Status::kConcluded, "concluded"}};
constexpr CodeName<Severity> kSeverities[] = {{Severity::kObservation, "observation"},
                                              {Severity::kMinor, "minor"},
                                              {Severity::kMajor, "major"},
                                              {Severity::kCritical, "critical"}};
constexpr CodeName<RequirementKind> kRequirementKinds[] = {
    {RequirementKind::kTenderRequirement, "tender_requirement"},
    {RequirementKind::kLegalNorm, "legal_norm"}};
constexpr CodeName<Verdict> kVerdicts[] = {{Verdict::kEffective, "effective"},
                                           {Verdict::kInsufficient, "insufficient"}};

std::string Trim(absl::string_view s) { return std::string(absl::StripAsciiWhitespace(s)); }

std::string DutchStatus(Status s) {
  switch (s) {
    case Status::kRequested:
      return "aangevraagd";
    case Status::kPlanned:
      return "gepland";
    case Status::kInProgress:
      return "in uitvoering";
    case Status::kConcluded:
      return "afgerond";
    default:
      return "zonder status";
  }
}

// `what`: the thing in Dutch with its article ("het onderwerp van het onderzoek").
void Text(FieldViolations& v, const std::string& field, const std::string& what,
          const std::string& value, size_t max, bool required = true) {
  if ((required && value.empty()) || value.size() > max) {
    std::string capital = what;
    if (!capital.empty()) capital[0] = absl::ascii_toupper(capital[0]);
    v.Add(field, absl::StrCat(required ? "1" : "0", " to ", max, " characters"),
          required && value.empty()
              ? absl::StrCat("Vul ", what, " in.")
              : absl::StrCat(capital, " is te lang: hoogstens ", max, " tekens."));
  }
}

absl::Status Open(const Investigation& i) {
  if (i.status == Status::kConcluded) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            absl::StrCat("investigations/", i.id, " is concluded; open a new investigation")),
        absl::StrCat("Het onderzoek ‘", i.subject,
                     "’ is afgerond en verandert niet meer; open een nieuw onderzoek met "
                     "ozjt supervision open."));
  }
  return absl::OkStatus();
}

}  // namespace

const Finding* Investigation::FindingNumbered(int number) const {
  for (const auto& f : findings) {
    if (f.number == number) return &f;
  }
  return nullptr;
}

absl::StatusOr<Investigation> OpenInvestigation(Investigation i, Day today,
                                                const std::string& supervisor) {
  i.subject = Trim(i.subject);
  i.establishment = Trim(i.establishment);
  FieldViolations v;
  if (i.kind == Kind::kUnspecified) {
    v.Add("investigation.kind", "is required",
          "Kies het soort onderzoek: proactief, na een signaal, incident, calamiteit of op "
          "verzoek van een gemeente.");
  }
  if (i.kind == Kind::kContractReview) {
    v.Add("investigation.kind", "reviews are opened from contract mutations automatically",
          "Een kwaliteitstoets na een contractwijziging wordt vanzelf geopend; kies een ander "
          "soort onderzoek.");
  }
  if (i.scope == Scope::kUnspecified) i.scope = Scope::kProvider;
  if (i.scope == Scope::kEstablishment && i.establishment.empty()) {
    v.Add("investigation.establishment", "name the establishment for an establishment scope",
          "Noem de vestiging waar het onderzoek over gaat.");
  }
  if (i.establishment.size() > 300) {
    v.Add("investigation.establishment", "at most 300 characters",
          "De naam van de vestiging is te lang: hoogstens 300 tekens.");
  }
  if (i.scope == Scope::kContract && i.contract_id == 0) {
    v.Add("investigation.contract", "name the contract for a contract scope",
          "Noem het contract waar het onderzoek over gaat.");
  }
  Text(v, "investigation.subject", "het onderwerp van het onderzoek", i.subject, 2000);
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  i.id = 0;
  i.status = Status::kPlanned;
  i.opened = today;
  if (std::find(i.supervisors.begin(), i.supervisors.end(), supervisor) == i.supervisors.end()) {
    i.supervisors.insert(i.supervisors.begin(), supervisor);
  }
  i.findings.clear();
  i.plans.clear();
  return i;
}

absl::StatusOr<Investigation> RequestInvestigation(int64_t provider_id, Kind kind,
                                                   const std::string& municipality,
                                                   const std::string& text,
                                                   std::optional<Day> incident_date, Day today,
                                                   const std::string& municipality_name) {
  FieldViolations v;
  if (kind != Kind::kIncident && kind != Kind::kCalamity) {
    v.Add("kind", "a municipality requests an incident or calamity investigation",
          "Een gemeente vraagt een onderzoek aan na een incident of een calamiteit; kies een "
          "van die twee.");
  }
  const std::string trimmed = Trim(text);
  Text(v, "description", "wat er is gebeurd", trimmed, 5000);
  if (incident_date && *incident_date > today) {
    v.Add("incident_date", "is in the future",
          absl::StrCat("De datum van het incident (", DutchDay(*incident_date),
                       ") ligt in de toekomst."));
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  Investigation i;
  i.provider_id = provider_id;
  i.kind = kind;
  i.scope = Scope::kProvider;
  i.subject =
      absl::StrCat(kind == Kind::kCalamity ? "Calamiteit" : "Incident", " gemeld door gemeente ",
                   municipality_name.empty() ? municipality : municipality_name);
  i.status = Status::kRequested;
  i.opened = today;
  i.requesting_municipality = municipality;
  i.request_text = trimmed;
  i.incident_date = incident_date;
  return i;
}

Investigation ReviewOfMutation(int64_t provider_id, int64_t contract_id, int64_t event_id,
                               const std::string& what, Day today) {
  Investigation i;
  i.provider_id = provider_id;
  i.kind = Kind::kContractReview;
  i.scope = Scope::kContract;
  i.contract_id = contract_id;
  i.mutation_event_id = event_id;
  i.subject = absl::StrCat("Kwaliteitstoets na ", what);
  i.status = Status::kPlanned;
  i.opened = today;
  return i;
}

absl::StatusOr<Investigation> ChangeStatus(const Investigation& i, StatusChange c, Day today,
                                           const std::string& actor) {
  c.conclusion = Trim(c.conclusion);
  c.conclusion_summary = Trim(c.conclusion_summary);
  c.report_reference = Trim(c.report_reference);
  FieldViolations v;
  if (c.status == Status::kUnspecified || c.status == Status::kRequested) {
    v.Add("status", "planned, in progress or concluded",
          "Kies de nieuwe status: gepland, in uitvoering of afgerond.");
  }
  if (c.status == Status::kConcluded) {
    Text(v, "conclusion", "de conclusie", c.conclusion, 10000);
    Text(v, "conclusion_summary", "de samenvatting voor de gemeente", c.conclusion_summary, 2000);
    Text(v, "report_reference", "de verwijzing naar het rapport", c.report_reference, 300);
  } else if (!c.conclusion.empty() || !c.conclusion_summary.empty() ||
             !c.report_reference.empty()) {
    v.Add("conclusion", "only when concluding",
          "Een conclusie, samenvatting en rapport horen bij het afronden van het onderzoek.");
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(Open(i));
  if (c.status < i.status) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            absl::StrCat("the investigation is ", Code(i.status), "; its status does not go back")),
        absl::StrCat("Het onderzoek is al ", DutchStatus(i.status),
                     "; de status gaat niet terug."));
  }
  Investigation next = i;
  next.status = c.status;
  if (c.status >= Status::kInProgress && !next.started) next.started = today;
  if (c.status == Status::kConcluded) {
    next.concluded = today;
    next.conclusion = c.conclusion;
    next.conclusion_summary = c.conclusion_summary;
    next.report_reference = c.report_reference;
  }
  if (!c.supervisors.empty()) next.supervisors = c.supervisors;
  if (std::find(next.supervisors.begin(), next.supervisors.end(), actor) ==
      next.supervisors.end()) {
    next.supervisors.push_back(actor);
  }
  return next;
}

absl::StatusOr<Investigation> AddFinding(const Investigation& i, Finding f, Day today) {
  f.requirement_reference = Trim(f.requirement_reference);
  f.requirement_text = Trim(f.requirement_text);
  f.observed = Trim(f.observed);
  FieldViolations v;
  if (f.requirement_kind == RequirementKind::kUnspecified) {
    v.Add("finding.requirement_kind", "a tender requirement or a legal norm",
          "Geef aan of de bevinding een eis uit het bestek of een wettelijke norm betreft.");
  }
  Text(v, "finding.requirement_reference", "de vindplaats van de eis (bijvoorbeeld Bestek 4.2.1)",
       f.requirement_reference, 200);
  Text(v, "finding.requirement_text", "de tekst van de eis", f.requirement_text, 5000);
  Text(v, "finding.observed", "wat er is vastgesteld", f.observed, 10000);
  if (f.severity == Severity::kUnspecified) {
    v.Add("finding.severity", "observation, minor, major or critical",
          "Kies de ernst: observatie, gering, ernstig of kritiek.");
  }
  if (f.date > today) {
    v.Add("finding.date", "is in the future",
          absl::StrCat("De datum van de bevinding (", DutchDay(f.date), ") ligt in de toekomst."));
  }
  if (f.evidence.size() > 50) {
    v.Add("finding.evidence", "at most 50 references",
          "Noem hoogstens 50 bewijsstukken bij een bevinding.");
  }
  for (size_t k = 0; k < f.evidence.size(); ++k) {
    f.evidence[k] = Trim(f.evidence[k]);
    Text(v, absl::StrCat("finding.evidence[", k, "]"), absl::StrCat("bewijsstuk ", k + 1),
         f.evidence[k], 500);
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(Open(i));
  Investigation next = i;
  f.number = static_cast<int>(i.findings.size()) + 1;
  f.resolved = false;
  next.findings.push_back(std::move(f));
  if (next.status < Status::kInProgress) {
    next.status = Status::kInProgress;
    next.started = today;
  }
  return next;
}

absl::StatusOr<Investigation> AddPlan(const Investigation& i, Plan p, Day today) {
  FieldViolations v;
  if (p.findings.empty()) {
    v.Add("plan.findings", "name the findings the plan improves",
          "Noem de bevindingen die het verbeterplan verhelpt.");
  }
  std::set<int> seen;
  for (size_t k = 0; k < p.findings.size(); ++k) {
    if (!i.FindingNumbered(p.findings[k]) || !seen.insert(p.findings[k]).second) {
      v.Add(absl::StrCat("plan.findings[", k, "]"),
            absl::StrCat("no finding ", p.findings[k], " in this investigation (or twice)"),
            absl::StrCat("Bevinding ", p.findings[k],
                         " bestaat niet in dit onderzoek of is twee keer genoemd."));
    }
  }
  if (p.actions.empty()) {
    v.Add("plan.actions", "a plan has at least one action",
          "Een verbeterplan heeft ten minste één verbeteractie.");
  }
  for (size_t k = 0; k < p.actions.size(); ++k) {
    Action& a = p.actions[k];
    const std::string f = absl::StrCat("plan.actions[", k, "].");
    a.text = Trim(a.text);
    a.owner = Trim(a.owner);
    Text(v, f + "text", absl::StrCat("wat verbeteractie ", k + 1, " inhoudt"), a.text, 2000);
    Text(v, f + "owner", absl::StrCat("de eigenaar van verbeteractie ", k + 1), a.owner, 200);
    if (a.due < today) {
      v.Add(f + "due_date", "is in the past",
            absl::StrCat("De uiterste datum van verbeteractie ", k + 1, " (", DutchDay(a.due),
                         ") ligt in het verleden."));
    }
    a.number = static_cast<int>(k) + 1;
    a.done.reset();
  }
  if (p.follow_up && *p.follow_up < today) {
    v.Add("plan.follow_up_date", "is in the past",
          absl::StrCat("De datum van het vervolgcontact (", DutchDay(*p.follow_up),
                       ") ligt in het verleden."));
  }
  if (p.reinspection && *p.reinspection < today) {
    v.Add("plan.reinspection_date", "is in the past",
          absl::StrCat("De datum van de herinspectie (", DutchDay(*p.reinspection),
                       ") ligt in het verleden."));
  }
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  OZJT_RETURN_IF_ERROR(Open(i));
  Investigation next = i;
  p.number = static_cast<int>(i.plans.size()) + 1;
  p.closed = false;
  p.closed_on.reset();
  p.verdict = Verdict::kUnspecified;
  p.verdict_text.clear();
  next.plans.push_back(std::move(p));
  return next;
}

namespace {
absl::StatusOr<Plan*> PlanOf(Investigation& i, int number) {
  for (auto& p : i.plans) {
    if (p.number == number) return &p;
  }
  return platform::WithDutch(
      absl::NotFoundError(absl::StrCat("investigations/", i.id, "/plans/", number, " not found")),
      absl::StrCat("Het onderzoek ‘", i.subject, "’ heeft geen verbeterplan ", number, "."));
}
}  // namespace

absl::StatusOr<Investigation> CompleteAction(const Investigation& i, int plan, int action, Day done,
                                             Day today) {
  if (done > today) {
    return platform::InvalidField("done_date", "is in the future",
                                  absl::StrCat("De datum waarop de actie is uitgevoerd (",
                                               DutchDay(done), ") ligt in de toekomst."));
  }
  Investigation next = i;
  OZJT_ASSIGN_OR_RETURN(Plan * p, PlanOf(next, plan));
  if (p->closed) {
    return platform::WithDutch(
        absl::FailedPreconditionError("the plan is closed"),
        absl::StrCat("Verbeterplan ", plan, " is afgesloten; de acties veranderen niet meer."));
  }
  for (auto& a : p->actions) {
    if (a.number != action) continue;
    if (a.done) {
      return platform::WithDutch(
          absl::FailedPreconditionError("the action is done already"),
          absl::StrCat("Verbeteractie ", action, " van plan ", plan, " is al op ",
                       DutchDay(*a.done), " als uitgevoerd vastgelegd."));
    }
    a.done = done;
    return next;
  }
  return platform::WithDutch(
      absl::NotFoundError(
          absl::StrCat("investigations/", i.id, "/plans/", plan, " has no action ", action)),
      absl::StrCat("Verbeterplan ", plan, " heeft geen verbeteractie ", action, "."));
}

absl::StatusOr<Investigation> ClosePlan(const Investigation& i, int plan, Verdict verdict,
                                        const std::string& text, Day today) {
  FieldViolations v;
  if (verdict == Verdict::kUnspecified) {
    v.Add("verdict", "effective or insufficient",
          "Kies het oordeel over het verbeterplan: doeltreffend of onvoldoende.");
  }
  Text(v, "verdict_text", "de onderbouwing van het oordeel", Trim(text), 5000);
  OZJT_RETURN_IF_ERROR(v.ToStatus());
  Investigation next = i;
  OZJT_ASSIGN_OR_RETURN(Plan * p, PlanOf(next, plan));
  if (p->closed) {
    return platform::WithDutch(absl::FailedPreconditionError("the plan is closed already"),
                               absl::StrCat("Verbeterplan ", plan, " is al afgesloten."));
  }
  if (verdict == Verdict::kEffective) {
    for (const auto& a : p->actions) {
      if (!a.done) {
        return platform::WithDutch(
            absl::FailedPreconditionError(absl::StrCat(
                "action ", a.number, " is not done; an effective verdict needs every action done")),
            absl::StrCat("Verbeteractie ", a.number, " van plan ", plan,
                         " is nog niet uitgevoerd; het oordeel ‘doeltreffend’ vraagt dat elke "
                         "actie is uitgevoerd (ozjt supervision action-done)."));
      }
    }
    for (auto& f : next.findings) {
      if (std::count(p->findings.begin(), p->findings.end(), f.number)) f.resolved = true;
    }
  }
  p->closed = true;
  p->closed_on = today;
  p->verdict = verdict;
  p->verdict_text = Trim(text);
  return next;
}

bool Overdue(const Action& a, Day today) { return !a.done && a.due < today; }

std::vector<Escalation> Escalations(const Investigation& i, Day today, int grace_days) {
  std::vector<Escalation> out;
  for (const auto& f : i.findings) {
    if (f.severity == Severity::kCritical && !f.resolved) {
      out.push_back({i.id, i.provider_id, f.date,
                     absl::StrCat("Kritieke bevinding: ", f.requirement_reference, " (",
                                  DutchDay(f.date), ")"),
                     absl::StrCat("investigations/", i.id, "/findings/", f.number)});
    }
  }
  for (const auto& p : i.plans) {
    if (p.closed) continue;
    for (const auto& a : p.actions) {
      if (!a.done && a.due + grace_days < today) {
        out.push_back({i.id, i.provider_id, a.due + grace_days + 1,
                       absl::StrCat("Verbeteractie ", a.number, " van plan ", p.number,
                                    " is sinds ", DutchDay(a.due), " over tijd (", a.owner, ")"),
                       absl::StrCat("investigations/", i.id, "/plans/", p.number)});
      }
    }
  }
  return out;
}

namespace {
// The investigation in words, for the agenda: its subject (cut at about 80 characters), else
// its kind and the day it was opened.
std::string InvestigationInWords(const Investigation& i) {
  std::string subject = i.subject;
  if (subject.size() > 80) {
    size_t cut = 77;
    while (cut > 0 && (static_cast<unsigned char>(subject[cut]) & 0xC0) == 0x80) --cut;
    subject = absl::StrCat(absl::StripTrailingAsciiWhitespace(subject.substr(0, cut)), "...");
  }
  if (subject.empty()) {
    return absl::StrCat("onderzoek (", DutchName(i.kind), ") van ", DutchDay(i.opened));
  }
  return absl::StrCat("onderzoek ‘", subject, "’");
}
}  // namespace

std::vector<Due> DueItems(const Investigation& i, const std::string& provider_name, Day from,
                          Day to, Day today, int grace_days) {
  std::vector<Due> out;
  auto in = [&](Day d) { return from <= d && d <= to; };
  const bool now = from <= today && today <= to;
  // Whom and which investigation, so that two items of one provider differ by more than a date.
  const std::string at =
      absl::StrCat(" bij ", provider_name.empty() ? "de aanbieder" : provider_name, ", ",
                   InvestigationInWords(i));
  const std::string investigation = absl::StrCat("investigations/", i.id);
  if (i.kind == Kind::kCalamity && i.status < Status::kInProgress) {
    const Day due = i.opened + kCalamityMeasureDays;
    if (in(due) || (now && due < today)) {
      out.push_back({due, DueKind::kCalamityMeasures, i.provider_id,
                     absl::StrCat("Maatregelen toezichthouder na calamiteit", at,
                                  " (binnen 7 dagen na melding op ", DutchDay(i.opened), ")",
                                  due < today ? ": over tijd" : ""),
                     investigation});
    }
  }
  for (const auto& p : i.plans) {
    if (p.closed) continue;
    const std::string plan = absl::StrCat(investigation, "/plans/", p.number);
    for (const auto& a : p.actions) {
      if (a.done) continue;
      const bool overdue = a.due < today;
      if (in(a.due) || (now && overdue)) {
        out.push_back(
            {a.due, DueKind::kAction, i.provider_id,
             absl::StrCat("Verbeteractie ", a.number, " van plan ", p.number, " (", a.text,
                          "; eigenaar ", a.owner, ")", at, overdue ? ": over tijd" : ""),
             plan});
      }
    }
    for (const auto& [day, what] : {std::make_pair(p.reinspection, "Herinspectie"),
                                    std::make_pair(p.follow_up, "Vervolgcontact")}) {
      if (day && in(*day)) {
        out.push_back({*day, DueKind::kReinspection, i.provider_id,
                       absl::StrCat(what, " verbeterplan ", p.number, at), plan});
      }
    }
  }
  if (now) {
    for (const auto& e : Escalations(i, today, grace_days)) {
      out.push_back({e.since, DueKind::kSignal, i.provider_id,
                     absl::StrCat("Signaal voor contractmanagement", at, ": ", e.reason),
                     e.subject});
    }
  }
  return out;
}

Summary Summarize(int64_t provider_id, const std::vector<Investigation>& all, Day today,
                  int grace_days) {
  Summary s;
  s.provider_id = provider_id;
  for (const auto& i : all) {
    if (i.provider_id != provider_id) continue;
    if (i.status != Status::kConcluded) ++s.investigations_open;
    std::optional<Day> inspected = i.concluded ? i.concluded : i.started;
    if (inspected && (!s.last_inspection || *inspected > *s.last_inspection)) {
      s.last_inspection = inspected;
    }
    for (const auto& f : i.findings) {
      if (!f.resolved) ++s.open_findings[static_cast<int>(f.severity)];
    }
    for (const auto& p : i.plans) {
      if (p.closed) {
        ++(p.verdict == Verdict::kEffective ? s.plans_closed_effective
                                            : s.plans_closed_insufficient);
        continue;
      }
      ++s.plans_open;
      if (std::any_of(p.actions.begin(), p.actions.end(),
                      [&](const Action& a) { return Overdue(a, today); })) {
        ++s.plans_overdue;
      }
    }
    for (auto& e : Escalations(i, today, grace_days)) s.escalations.push_back(std::move(e));
  }
  return s;
}

PeriodReport Report(const PeriodCounts& counts, const std::vector<Investigation>& open_on_to,
                    Day from, Day to, int grace_days) {
  PeriodReport r;
  static_cast<PeriodCounts&>(r) = counts;
  r.from = from;
  r.to = to;
  for (const auto& i : open_on_to) {
    for (const auto& p : i.plans) {
      if (!p.closed && std::any_of(p.actions.begin(), p.actions.end(),
                                   [&](const Action& a) { return Overdue(a, to); })) {
        ++r.plans_overdue;
      }
    }
    r.escalations += static_cast<int>(Escalations(i, to, grace_days).size());
  }
  return r;
}

std::string ReportCsv(const PeriodReport& r) {
  std::string out = absl::StrCat("periode;", DutchDay(r.from), " t/m ", DutchDay(r.to), "\r\n",
                                 "onderdeel;soort;aantal\r\n");
  for (const auto& [kind, code] : kKinds) {
    absl::StrAppend(&out, "onderzoeken geopend;", DutchName(kind), ";",
                    r.opened[static_cast<int>(kind)], "\r\n");
  }
  for (const auto& [kind, code] : kKinds) {
    absl::StrAppend(&out, "onderzoeken afgerond;", DutchName(kind), ";",
                    r.concluded[static_cast<int>(kind)], "\r\n");
  }
  for (const auto& [severity, code] : kSeverities) {
    absl::StrAppend(&out, "bevindingen;", DutchName(severity), ";",
                    r.findings[static_cast<int>(severity)], "\r\n");
  }
  absl::StrAppend(&out, "verbeterplannen;afgesloten;", r.plans_closed, "\r\n",
                  "verbeterplannen;over tijd;", r.plans_overdue, "\r\n", "signalen;escalatie;",
                  r.escalations, "\r\n");
  return out;
}

std::string SummariesCsv(const std::vector<std::pair<std::string, Summary>>& named) {
  std::string out =
      "aanbieder;naam;open_kritiek;open_ernstig;open_gering;open_observatie;plannen_open;"
      "plannen_over_tijd;plannen_effectief;plannen_onvoldoende;onderzoeken_open;laatste_inspectie;"
      "signalen\r\n";
  for (const auto& [name, s] : named) {
    std::string safe = name;
    std::replace(safe.begin(), safe.end(), ';', ',');
    absl::StrAppend(&out, "providers/", s.provider_id, ";", safe, ";",
                    s.open_findings[static_cast<int>(Severity::kCritical)], ";",
                    s.open_findings[static_cast<int>(Severity::kMajor)], ";",
                    s.open_findings[static_cast<int>(Severity::kMinor)], ";",
                    s.open_findings[static_cast<int>(Severity::kObservation)], ";", s.plans_open,
                    ";", s.plans_overdue, ";", s.plans_closed_effective, ";",
                    s.plans_closed_insufficient, ";", s.investigations_open, ";",
                    s.last_inspection ? DutchDay(*s.last_inspection) : "", ";",
                    s.escalations.size(), "\r\n");
  }
  return out;
}

// ---- codes ----

std::string Code(Kind v) { return platform::CodeOf(kKinds, v); }
std::string Code(Scope v) { return platform::CodeOf(kScopes, v); }
std::string Code(Status v) { return platform::CodeOf(kStatuses, v); }
std::string Code(Severity v) { return platform::CodeOf(kSeverities, v); }
std::optional<Kind> ParseKind(absl::string_view code) { return platform::ParseCode(kKinds, code); }
std::optional<Severity> ParseSeverity(absl::string_view code) {
  return platform::ParseCode(kSeverities, code);
}
std::string Code(RequirementKind v) { return platform::CodeOf(kRequirementKinds, v); }
std::string Code(Verdict v) { return platform::CodeOf(kVerdicts, v); }

std::string DutchName(Kind v) {
  switch (v) {
    case Kind::kProactive:
      return "proactief";
    case Kind::kSignal:
      return "na signaal";
    case Kind::kIncident:
      return "incident";
    case Kind::kCalamity:
      return "calamiteit";
    case Kind::kContractReview:
      return "toets na contractwijziging";
    case Kind::kMunicipalRequest:
      return "op verzoek gemeente";
    default:
      return "";
  }
}

std::string DutchName(Severity v) {
  switch (v) {
    case Severity::kObservation:
      return "observatie";
    case Severity::kMinor:
      return "gering";
    case Severity::kMajor:
      return "ernstig";
    case Severity::kCritical:
      return "kritiek";
    default:
      return "";
  }
}

// ---- JSON ----

namespace {
json FindingJson(const Finding& f) {
  return {{"number", f.number},
          {"requirement_kind", Code(f.requirement_kind)},
          {"requirement_reference", f.requirement_reference},
          {"requirement_text", f.requirement_text},
          {"observed", f.observed},
          {"severity", Code(f.severity)},
          {"evidence", f.evidence},
          {"date", FormatDay(f.date)},
          {"supervisor", f.supervisor},
          {"resolved", f.resolved}};
}

// Throws (nlohmann's exceptions) on a missing or mistyped field.
Finding FindingOf(const json& f) {
  Finding x;
  x.number = f.at("number").get<int>();
  x.requirement_kind = EnumOf(kRequirementKinds, f.at("requirement_kind"));
  x.requirement_reference = f.at("requirement_reference").get<std::string>();
  x.requirement_text = f.at("requirement_text").get<std::string>();
  x.observed = f.at("observed").get<std::string>();
  x.severity = EnumOf(kSeverities, f.at("severity"));
  x.evidence = f.at("evidence").get<std::vector<std::string>>();
  x.date = DayOf(f.at("date"));
  x.supervisor = f.at("supervisor").get<std::string>();
  x.resolved = f.at("resolved").get<bool>();
  return x;
}
}  // namespace

std::string FindingToJson(const Finding& f) {
  return FindingJson(f).dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<Finding> FindingFromJson(absl::string_view text) {
  json j = platform::ParseStoredJson(text);
  if (!j.is_object()) return absl::InternalError("stored finding is not a JSON object");
  try {
    return FindingOf(j);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored finding is incomplete: ", e.what()));
  }
}

absl::StatusOr<Investigation> InvestigationFromJson(absl::string_view body,
                                                    absl::string_view findings) {
  OZJT_ASSIGN_OR_RETURN(Investigation i, InvestigationFromJson(body));
  json j = platform::ParseStoredJson(findings);
  if (!j.is_array()) return absl::InternalError("stored findings are not a JSON array");
  try {
    for (const auto& f : j) i.findings.push_back(FindingOf(f));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored finding is incomplete: ", e.what()));
  }
  return i;
}

std::string ToJson(const Investigation& i) {
  json findings = json::array(), plans = json::array();
  for (const auto& f : i.findings) findings.push_back(FindingJson(f));
  for (const auto& p : i.plans) {
    json actions = json::array();
    for (const auto& a : p.actions) {
      actions.push_back({{"number", a.number},
                         {"text", a.text},
                         {"owner", a.owner},
                         {"due", FormatDay(a.due)},
                         {"done", DayJson(a.done)}});
    }
    plans.push_back({{"number", p.number},
                     {"findings", p.findings},
                     {"actions", actions},
                     {"follow_up", DayJson(p.follow_up)},
                     {"reinspection", DayJson(p.reinspection)},
                     {"closed", p.closed},
                     {"closed_on", DayJson(p.closed_on)},
                     {"verdict", Code(p.verdict)},
                     {"verdict_text", p.verdict_text}});
  }
  return json{{"id", i.id},
              {"provider_id", i.provider_id},
              {"kind", Code(i.kind)},
              {"scope", Code(i.scope)},
              {"establishment", i.establishment},
              {"contract_id", i.contract_id},
              {"subject", i.subject},
              {"status", Code(i.status)},
              {"opened", FormatDay(i.opened)},
              {"started", DayJson(i.started)},
              {"concluded", DayJson(i.concluded)},
              {"supervisors", i.supervisors},
              {"conclusion", i.conclusion},
              {"conclusion_summary", i.conclusion_summary},
              {"report_reference", i.report_reference},
              {"requesting_municipality", i.requesting_municipality},
              {"request_text", i.request_text},
              {"incident_date", DayJson(i.incident_date)},
              {"mutation_event_id", i.mutation_event_id},
              {"findings", findings},
              {"plans", plans}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<Investigation> InvestigationFromJson(absl::string_view text) {
  json j = platform::ParseStoredJson(text);
  if (!j.is_object()) return absl::InternalError("stored investigation is not a JSON object");
  try {
    Investigation i;
    i.id = j.at("id").get<int64_t>();
    i.provider_id = j.at("provider_id").get<int64_t>();
    i.kind = EnumOf(kKinds, j.at("kind"));
    i.scope = EnumOf(kScopes, j.at("scope"));
    i.establishment = j.at("establishment").get<std::string>();
    i.contract_id = j.at("contract_id").get<int64_t>();
    i.subject = j.at("subject").get<std::string>();
    i.status = EnumOf(kStatuses, j.at("status"));
    i.opened = DayOf(j.at("opened"));
    i.started = OptionalDayOf(j.at("started"));
    i.concluded = OptionalDayOf(j.at("concluded"));
    i.supervisors = j.at("supervisors").get<std::vector<std::string>>();
    i.conclusion = j.at("conclusion").get<std::string>();
    i.conclusion_summary = j.at("conclusion_summary").get<std::string>();
    i.report_reference = j.at("report_reference").get<std::string>();
    i.requesting_municipality = j.at("requesting_municipality").get<std::string>();
    i.request_text = j.at("request_text").get<std::string>();
    i.incident_date = OptionalDayOf(j.at("incident_date"));
    i.mutation_event_id = j.at("mutation_event_id").get<int64_t>();
    for (const auto& f : j.at("findings")) i.findings.push_back(FindingOf(f));
    for (const auto& p : j.at("plans")) {
      Plan x;
      x.number = p.at("number").get<int>();
      x.findings = p.at("findings").get<std::vector<int>>();
      for (const auto& a : p.at("actions")) {
        x.actions.push_back({a.at("number").get<int>(), a.at("text").get<std::string>(),
                             a.at("owner").get<std::string>(), DayOf(a.at("due")),
                             OptionalDayOf(a.at("done"))});
      }
      x.follow_up = OptionalDayOf(p.at("follow_up"));
      x.reinspection = OptionalDayOf(p.at("reinspection"));
      x.closed = p.at("closed").get<bool>();
      x.closed_on = OptionalDayOf(p.at("closed_on"));
      const std::string verdict = p.at("verdict").get<std::string>();
      x.verdict = platform::ParseCode(kVerdicts, verdict).value_or(Verdict::kUnspecified);
      x.verdict_text = p.at("verdict_text").get<std::string>();
      i.plans.push_back(std::move(x));
    }
    return i;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("stored investigation is incomplete: ", e.what()));
  }
}

}  // namespace ozjt::supervision
