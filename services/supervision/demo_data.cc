#include "services/supervision/demo_data.h"

#include "services/platform/status.h"
#include "services/registry/demo_data.h"

namespace ozjt::supervision {
namespace {

constexpr char kSupervisor[] = "demo:toezichthouder";

Finding Found(Severity severity, Day date, const char* reference, const char* requirement,
              const char* observed) {
  Finding f;
  f.requirement_kind = absl::string_view(reference).substr(0, 6) == "Bestek"
                           ? RequirementKind::kTenderRequirement
                           : RequirementKind::kLegalNorm;
  f.requirement_reference = reference;
  f.requirement_text = requirement;
  f.observed = observed;
  f.severity = severity;
  f.date = date;
  f.supervisor = kSupervisor;
  return f;
}

Plan PlanOf(int finding, const char* action, const char* owner, Day due,
            std::optional<Day> reinspection) {
  Plan p;
  p.findings = {finding};
  p.actions = {{0, action, owner, due, std::nullopt}};
  p.reinspection = reinspection;
  return p;
}

// An investigation of `kind` opened by the demo supervisor on `day` at demo provider `index`.
absl::StatusOr<Investigation> Opened(registry::DemoProviderIds& id_of, int index, Kind kind,
                                     const char* subject, Day day) {
  Investigation i;
  OZJT_ASSIGN_OR_RETURN(i.provider_id, id_of(index));
  i.kind = kind;
  i.subject = subject;
  return OpenInvestigation(i, day, kSupervisor);
}

// Proactive, with an action overdue since 01-11-2026.
absl::StatusOr<Investigation> OverdueInspection(registry::DemoProviderIds& id_of) {
  OZJT_ASSIGN_OR_RETURN(
      Investigation i,
      Opened(id_of, 1, Kind::kProactive, "Jaarlijkse inspectie dossiervoering", Day(2026, 9, 1)));
  OZJT_ASSIGN_OR_RETURN(i, AddFinding(i,
                                      Found(Severity::kMajor, Day(2026, 9, 15), "Bestek 4.2.1",
                                            "Elke jeugdige heeft een actueel hulpverleningsplan",
                                            "In 4 van 12 dossiers geen actueel hulpverleningsplan"),
                                      Day(2026, 9, 15)));
  return AddPlan(i,
                 PlanOf(1, "Alle hulpverleningsplannen actualiseren", "teamleider jeugd",
                        Day(2026, 11, 1), Day(2026, 12, 10)),
                 Day(2026, 9, 20));
}

// After a signal: a critical finding.
absl::StatusOr<Investigation> CriticalSignal(registry::DemoProviderIds& id_of) {
  OZJT_ASSIGN_OR_RETURN(Investigation i,
                        Opened(id_of, 4, Kind::kSignal,
                               "Signaal over personele bezetting nachtdienst", Day(2026, 10, 5)));
  OZJT_ASSIGN_OR_RETURN(
      i, AddFinding(i,
                    Found(Severity::kCritical, Day(2026, 10, 12), "Jeugdwet art. 4.1.1",
                          "Verantwoorde hulp: voldoende gekwalificeerd personeel",
                          "Nachtdienst drie nachten zonder gekwalificeerde medewerker"),
                    Day(2026, 10, 12)));
  return AddPlan(i,
                 PlanOf(1, "Tweede gekwalificeerde nachtdienst inroosteren", "directie",
                        Day(2026, 12, 20), std::nullopt),
                 Day(2026, 10, 14));
}

// A calamity requested by Enschede.
absl::StatusOr<Investigation> EnschedeCalamity(registry::DemoProviderIds& id_of) {
  OZJT_ASSIGN_OR_RETURN(int64_t id, id_of(14));
  return RequestInvestigation(id, Kind::kCalamity, "0153",
                              "Aanbieder meldt een calamiteit op een woongroep in Enschede",
                              Day(2026, 11, 19), Day(2026, 11, 20), "Enschede");
}

// An incident requested by Hengelo, concluded.
absl::StatusOr<Investigation> HengeloIncident(registry::DemoProviderIds& id_of) {
  OZJT_ASSIGN_OR_RETURN(int64_t id, id_of(20));
  OZJT_ASSIGN_OR_RETURN(
      Investigation i,
      RequestInvestigation(id, Kind::kIncident, "0164", "Klachten van ouders over bejegening",
                           Day(2026, 5, 28), Day(2026, 6, 2), "Hengelo"));
  OZJT_ASSIGN_OR_RETURN(i, AddFinding(i,
                                      Found(Severity::kMinor, Day(2026, 6, 20), "Bestek 3.1.4",
                                            "Klachtenregeling bekend bij cliënten",
                                            "Klachtenregeling niet op de website"),
                                      Day(2026, 6, 20)));
  StatusChange done;
  done.status = Status::kConcluded;
  done.conclusion = "Bejegening besproken; klachtenregeling gepubliceerd";
  done.conclusion_summary = "Onderzoek afgerond; de aanbieder heeft de klachtenregeling verbeterd";
  done.report_reference = "RAP-2026-023";
  return ChangeStatus(i, done, Day(2026, 8, 15), kSupervisor);
}

// A concluded inspection whose plan worked.
absl::StatusOr<Investigation> EffectiveInspection(registry::DemoProviderIds& id_of) {
  OZJT_ASSIGN_OR_RETURN(
      Investigation i,
      Opened(id_of, 0, Kind::kProactive, "Inspectie veiligheid woonlocaties", Day(2026, 1, 12)));
  OZJT_ASSIGN_OR_RETURN(
      i, AddFinding(i,
                    Found(Severity::kMinor, Day(2026, 1, 20), "Bestek 5.3.2",
                          "Ontruimingsoefening jaarlijks", "Laatste oefening in 2024"),
                    Day(2026, 1, 20)));
  OZJT_ASSIGN_OR_RETURN(i, AddPlan(i,
                                   PlanOf(1, "Ontruimingsoefening houden", "locatiemanager",
                                          Day(2026, 3, 1), std::nullopt),
                                   Day(2026, 1, 25)));
  OZJT_ASSIGN_OR_RETURN(i, CompleteAction(i, 1, 1, Day(2026, 2, 18), Day(2026, 2, 18)));
  OZJT_ASSIGN_OR_RETURN(i, ClosePlan(i, 1, Verdict::kEffective, "Oefening gehouden en geëvalueerd",
                                     Day(2026, 3, 10)));
  StatusChange done;
  done.status = Status::kConcluded;
  done.conclusion = "Veiligheid op orde na oefening";
  done.conclusion_summary = "Afgerond zonder openstaande punten";
  done.report_reference = "RAP-2026-007";
  return ChangeStatus(i, done, Day(2026, 3, 20), kSupervisor);
}

}  // namespace

absl::StatusOr<bool> LoadDemoSupervision(const platform::RequestInfo& r, SupervisionStore& store,
                                         registry::Directory& directory) {
  registry::DemoProviderIds id_of(directory, r.deadline);
  OZJT_ASSIGN_OR_RETURN(int64_t first, id_of(1));
  InvestigationFilter existing;
  existing.provider_id = first;
  OZJT_ASSIGN_OR_RETURN(auto found, store.List(r.deadline, existing));
  if (!found.empty()) return false;

  std::vector<Investigation> all;
  for (auto* demo : {&OverdueInspection, &CriticalSignal, &EnschedeCalamity, &HengeloIncident,
                     &EffectiveInspection}) {
    OZJT_ASSIGN_OR_RETURN(Investigation i, demo(id_of));
    all.push_back(std::move(i));
  }
  OZJT_RETURN_IF_ERROR(store.Write(r, [&](SupervisionTx& tx) {
    for (const auto& i : all) tx.Insert(i);
    return absl::OkStatus();
  }));
  return true;
}

}  // namespace ozjt::supervision
