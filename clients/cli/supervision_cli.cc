#include "clients/cli/supervision_cli.h"

#include <fstream>
#include <memory>

#include "absl/strings/str_join.h"
#include "clients/cli/lookup.h"
#include "ozjt/supervision/v1/supervision.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace sv = ::ozjt::supervision::v1;
using Stub = sv::SupervisionService::Stub;

std::string Short(const google::protobuf::EnumDescriptor* d, int v, const char* prefix) {
  return EnumShort(d, v, prefix);
}

const char* StatusText(int s) {
  switch (s) {
    case sv::STATUS_REQUESTED:
      return "aangevraagd";
    case sv::STATUS_PLANNED:
      return "gepland";
    case sv::STATUS_IN_PROGRESS:
      return "in uitvoering";
    case sv::STATUS_CONCLUDED:
      return "afgerond";
    default:
      return "";
  }
}

void PrintInvestigation(const sv::Investigation& i, Lookup& lookup) {
  std::cout << i.name() << "  " << i.provider_name() << " (aanbieder " << i.provider().substr(10)
            << ")\n"
            << "soort:    " << Short(sv::Kind_descriptor(), i.kind(), "KIND_")
            << (i.contract().empty() ? "" : " (" + lookup.ContractReference(i.contract()) + ")")
            << "\n"
            << "onderwerp: " << i.subject() << "\n"
            << "status:   " << StatusText(i.status()) << ", geopend " << DutchDate(i.opened_date())
            << (i.has_concluded_date() ? ", afgerond " + DutchDate(i.concluded_date()) : "")
            << "\n";
  if (!i.requesting_municipality().empty()) {
    std::cout << "verzoek gemeente " << lookup.MunicipalityName(i.requesting_municipality()) << ": "
              << i.request_text() << "\n";
  }
  if (i.supervisors_size() > 0) {
    std::cout << "toezichthouders:";
    for (const auto& s : i.supervisors()) std::cout << " " << s;
    std::cout << "\n";
  }
  for (const auto& f : i.findings()) {
    std::cout << "  bevinding " << f.number() << " ("
              << Short(sv::Severity_descriptor(), f.severity(), "SEVERITY_") << ", "
              << DutchDate(f.date()) << (f.resolved() ? ", opgelost" : "")
              << "): " << f.requirement_reference() << ": " << f.observed() << "\n";
  }
  for (const auto& p : i.plans()) {
    std::cout << "  verbeterplan " << p.number() << (p.closed() ? " (afgesloten: " : " (open")
              << (p.closed() ? Short(sv::Verdict_descriptor(), p.verdict(), "VERDICT_") + ")" : ")")
              << (p.has_reinspection_date() ? ", herinspectie " + DutchDate(p.reinspection_date())
                                            : "")
              << "\n";
    for (const auto& a : p.actions()) {
      std::cout << "    actie " << a.number() << ": " << a.text() << " (" << a.owner()
                << ", uiterlijk " << DutchDate(a.due_date())
                << (a.has_done_date() ? ", gedaan " + DutchDate(a.done_date()) : "")
                << (a.overdue() ? ", OVER TIJD" : "") << ")\n";
    }
  }
  if (!i.conclusion().empty()) std::cout << "conclusie: " << i.conclusion() << "\n";
  if (!i.conclusion_summary().empty()) {
    std::cout << "samenvatting: " << i.conclusion_summary() << "\n";
  }
  if (i.version() > 0) std::cout << "versie: " << i.version() << "\n";
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << "\xEF\xBB\xBF" << text;  // BOM: Excel reads UTF-8
  if (!out) {
    std::cerr << "fout: het bestand " << path << " kan niet worden geschreven.\n";
    return false;
  }
  return true;
}

// Shows an investigation: a command's `show` that looks up names for it.
auto ShowInvestigation(const Options& o) {
  return [&o](const sv::Investigation& i) {
    Lookup lookup(o);
    PrintInvestigation(i, lookup);
  };
}

std::string InvestigationName(const std::string& id) { return Name("investigations", id); }

void AddSupervisionList(CLI::App* sup, const Options& o, int& exit_code) {
  auto* list = sup->add_subcommand("list", "onderzoeken, nieuwste eerst (50; --all: alle)");
  auto provider = std::make_shared<std::string>();
  auto status = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  list->add_option("--provider", *provider, "aanbieder: id, KvK-nummer, AGB-code of naam");
  list->add_option("--status", *status,
                   "status: requested (aangevraagd), planned (gepland), in_progress (lopend) of "
                   "concluded (afgerond)");
  list->add_option("--kind", *kind,
                   "aanleiding: proactive (proactief), signal (signaal), incident, calamity "
                   "(calamiteit), municipal_request (verzoek van een gemeente) of "
                   "contract_review (review na contractwijziging)");
  list->add_flag("--all", *all, "alle onderzoeken, niet alleen de nieuwste 50");
  list->callback([&, provider, status, kind, all] {
    sv::ListInvestigationsRequest q;
    sv::Status st;
    if (!status->empty()) {
      if (!EnumFlag(sv::Status_descriptor(), "STATUS_", "--status", *status, &st, &exit_code)) {
        return;
      }
      q.set_status(st);
    }
    sv::Kind k;
    if (!kind->empty()) {
      if (!EnumFlag(sv::Kind_descriptor(), "KIND_", "--kind", *kind, &k, &exit_code)) return;
      q.set_kind(k);
    }
    Lookup lookup(o);
    if (!provider->empty() && (exit_code = lookup.Provider(*provider, q.mutable_provider()))) {
      return;
    }
    exit_code = ListAndShow(
        o, &Stub::ListInvestigations, q, *all, [&](const sv::ListInvestigationsResponse& r) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& i : r.investigations()) {
            rows.push_back({i.name(), i.provider_name(),
                            Short(sv::Kind_descriptor(), i.kind(), "KIND_"), StatusText(i.status()),
                            DutchDate(i.opened_date()),
                            lookup.MunicipalityName(i.requesting_municipality())});
          }
          PrintTable({"ONDERZOEK", "AANBIEDER", "SOORT", "STATUS", "GEOPEND", "GEMEENTE"}, rows);
        });
  });
}

void AddSupervisionShow(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* get = sup->add_subcommand("show", "een onderzoek met bevindingen en verbeterplannen");
  auto id = std::make_shared<std::string>();
  get->add_option("investigation", *id, "id van het onderzoek")->required();
  get->callback([&, show, id] {
    sv::GetInvestigationRequest q;
    q.set_name(InvestigationName(*id));
    exit_code = Send(o, &Stub::GetInvestigation, q, show);
  });
}

void AddSupervisionOpen(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* open = sup->add_subcommand("open", "een onderzoek openen (toezichthouder)");
  auto provider = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto subject = std::make_shared<std::string>();
  auto establishment = std::make_shared<std::string>();
  auto contract = std::make_shared<std::string>();
  open->add_option("provider", *provider, "id, KvK-nummer, AGB-code of naam")->required();
  open->add_option("--kind", *kind,
                   "aanleiding: proactive (proactief), signal (signaal), incident, calamity "
                   "(calamiteit), municipal_request (verzoek van een gemeente)")
      ->required();
  open->add_option("--subject", *subject, "waar het over gaat")->required();
  open->add_option("--establishment", *establishment, "reikwijdte: deze vestiging");
  open->add_option("--contract", *contract, "reikwijdte: dit contract (kenmerk of id)");
  const FlagTable flags = {{"investigation.provider", "provider"},
                           {"investigation.kind", "--kind"},
                           {"investigation.subject", "--subject"},
                           {"investigation.establishment", "--establishment"},
                           {"investigation.contract", "--contract"}};
  open->callback([&, show, provider, kind, subject, establishment, contract, flags] {
    sv::CreateInvestigationRequest q;
    auto* i = q.mutable_investigation();
    sv::Kind k;
    if (!EnumFlag(sv::Kind_descriptor(), "KIND_", "--kind", *kind, &k, &exit_code)) return;
    Lookup lookup(o);
    if ((exit_code = lookup.Provider(*provider, i->mutable_provider())) != 0) return;
    i->set_kind(k);
    i->set_subject(*subject);
    if (!establishment->empty()) {
      i->set_scope(sv::SCOPE_ESTABLISHMENT);
      i->set_establishment(*establishment);
    } else if (!contract->empty()) {
      i->set_scope(sv::SCOPE_CONTRACT);
      if ((exit_code = lookup.Contract(*contract, i->mutable_contract())) != 0) return;
    }
    exit_code = Send(o, &Stub::CreateInvestigation, q, show, flags);
  });
}

void AddSupervisionRequest(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* request = sup->add_subcommand(
      "request", "een onderzoek naar een incident of calamiteit aanvragen (gemeente)");
  auto provider = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  request->add_option("provider", *provider, "id, KvK-nummer, AGB-code of naam")->required();
  request->add_option("--kind", *kind, "incident of calamity (calamiteit)")->required();
  request->add_option("--description", *text, "wat er gebeurde")->required();
  request->add_option("--incident-date", *date, "datum van het incident, dd-mm-jjjj");
  const FlagTable flags = {{"provider", "provider"},
                           {"kind", "--kind"},
                           {"description", "--description"},
                           {"incident_date", "--incident-date"}};
  request->callback([&, show, provider, kind, text, date, flags] {
    sv::RequestInvestigationRequest q;
    sv::Kind k;
    if (!EnumFlag(sv::Kind_descriptor(), "KIND_", "--kind", *kind, &k, &exit_code) ||
        !DateFlag("--incident-date", *date, q.mutable_incident_date(), &exit_code)) {
      return;
    }
    if ((exit_code = Lookup(o).Provider(*provider, q.mutable_provider())) != 0) return;
    q.set_kind(k);
    q.set_description(*text);
    exit_code = Send(o, &Stub::RequestInvestigation, q, show, flags);
  });
}

void AddSupervisionStatus(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* status = sup->add_subcommand("status", "een onderzoek verder zetten of afronden");
  auto id = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto conclusion = std::make_shared<std::string>();
  auto summary = std::make_shared<std::string>();
  auto report = std::make_shared<std::string>();
  auto version = std::make_shared<long long>(0);
  status->add_option("investigation", *id, "id van het onderzoek")->required();
  status
      ->add_option("--to", *to,
                   "status: planned (gepland), in_progress (lopend) of concluded (afgerond)")
      ->required();
  status->add_option("--conclusion", *conclusion, "de conclusie (bij afronden)");
  status->add_option("--summary", *summary,
                     "samenvatting voor de gemeente die het onderzoek aanvroeg");
  status->add_option("--report", *report, "kenmerk van het rapport");
  status->add_option("--version", *version, "de versie die u las")->required();
  const FlagTable flags = {{"investigation", "investigation"}, {"status", "--to"},
                           {"conclusion", "--conclusion"},     {"conclusion_summary", "--summary"},
                           {"report_reference", "--report"},   {"version", "--version"}};
  status->callback([&, show, id, to, conclusion, summary, report, version, flags] {
    sv::UpdateInvestigationStatusRequest q;
    q.set_investigation(InvestigationName(*id));
    sv::Status st;
    if (!EnumFlag(sv::Status_descriptor(), "STATUS_", "--to", *to, &st, &exit_code)) return;
    q.set_status(st);
    q.set_conclusion(*conclusion);
    q.set_conclusion_summary(*summary);
    q.set_report_reference(*report);
    q.set_version(*version);
    exit_code = Send(o, &Stub::UpdateInvestigationStatus, q, show, flags);
  });
}

void AddSupervisionFinding(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* finding = sup->add_subcommand("finding", "een bevinding vastleggen");
  auto id = std::make_shared<std::string>();
  auto norm = std::make_shared<std::string>();
  auto reference = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto observed = std::make_shared<std::string>();
  auto severity = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto evidence = std::make_shared<std::vector<std::string>>();
  finding->add_option("investigation", *id, "id van het onderzoek")->required();
  finding
      ->add_option(
          "--requirement", *norm,
          "grondslag: tender_requirement (eis uit het bestek) of legal_norm (wettelijke norm)")
      ->required();
  finding->add_option("--reference", *reference, "vindplaats, bijv. \"Bestek 4.2.1\"")->required();
  finding->add_option("--requirement-text", *text, "de tekst van de eis")->required();
  finding->add_option("--observed", *observed, "wat er is waargenomen")->required();
  finding
      ->add_option("--severity", *severity,
                   "ernst: observation (waarneming), minor (gering), major (ernstig) of critical "
                   "(kritiek)")
      ->required();
  finding->add_option("--date", *date, "datum van de bevinding, dd-mm-jjjj")->required();
  finding->add_option("--evidence", *evidence, "kenmerk van een bewijsstuk (herhaalbaar)");
  finding->callback([&, show, id, norm, reference, text, observed, severity, date, evidence] {
    sv::CreateFindingRequest q;
    q.set_investigation(InvestigationName(*id));
    auto* f = q.mutable_finding();
    sv::RequirementKind rk;
    sv::Severity sev;
    if (!EnumFlag(sv::RequirementKind_descriptor(), "REQUIREMENT_KIND_", "--requirement", *norm,
                  &rk, &exit_code) ||
        !EnumFlag(sv::Severity_descriptor(), "SEVERITY_", "--severity", *severity, &sev,
                  &exit_code) ||
        !DateFlag("--date", *date, f->mutable_date(), &exit_code)) {
      return;
    }
    f->set_requirement_kind(rk);
    f->set_severity(sev);
    f->set_requirement_reference(*reference);
    f->set_requirement_text(*text);
    f->set_observed(*observed);
    for (const auto& e : *evidence) f->add_evidence(e);
    exit_code = Send(o, &Stub::CreateFinding, q, show,
                     {{"finding.requirement_kind", "--requirement"},
                      {"finding.requirement_reference", "--reference"},
                      {"finding.requirement_text", "--requirement-text"},
                      {"finding.observed", "--observed"},
                      {"finding.severity", "--severity"},
                      {"finding.date", "--date"},
                      {"finding.evidence", "--evidence"}});
  });
}

void AddSupervisionPlan(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* plan = sup->add_subcommand("plan", "een verbeterplan met één actie vastleggen");
  auto id = std::make_shared<std::string>();
  auto findings = std::make_shared<std::vector<int>>();
  auto action = std::make_shared<std::string>();
  auto owner = std::make_shared<std::string>();
  auto due = std::make_shared<std::string>();
  auto reinspection = std::make_shared<std::string>();
  plan->add_option("investigation", *id, "id van het onderzoek")->required();
  plan->add_option("--finding", *findings, "nummer van de bevinding (herhaalbaar)")->required();
  plan->add_option("--action", *action, "de actie")->required();
  plan->add_option("--owner", *owner, "wie de actie uitvoert")->required();
  plan->add_option("--due", *due, "uiterlijk klaar op dd-mm-jjjj")->required();
  plan->add_option("--reinspection", *reinspection, "herinspectie op dd-mm-jjjj");
  plan->callback([&, show, id, findings, action, owner, due, reinspection] {
    sv::CreatePlanRequest q;
    q.set_investigation(InvestigationName(*id));
    for (int f : *findings) q.mutable_plan()->add_findings(f);
    auto* a = q.mutable_plan()->add_actions();
    a->set_text(*action);
    a->set_owner(*owner);
    if (!DateFlag("--due", *due, a->mutable_due_date(), &exit_code) ||
        !DateFlag("--reinspection", *reinspection, q.mutable_plan()->mutable_reinspection_date(),
                  &exit_code)) {
      return;
    }
    exit_code = Send(o, &Stub::CreatePlan, q, show,
                     {{"plan.findings", "--finding"},
                      {"plan.actions", "--action"},
                      {"plan.actions.owner", "--owner"},
                      {"plan.actions.due_date", "--due"},
                      {"plan.reinspection_date", "--reinspection"}});
  });
}

void AddSupervisionActionDone(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* done =
      sup->add_subcommand("action-done", "een actie van een verbeterplan als gedaan markeren");
  auto id = std::make_shared<std::string>();
  auto plan = std::make_shared<int>(0);
  auto action = std::make_shared<int>(0);
  auto date = std::make_shared<std::string>();
  done->add_option("investigation", *id, "id van het onderzoek")->required();
  done->add_option("--plan", *plan, "nummer van het verbeterplan")->required();
  done->add_option("--action", *action, "nummer van de actie")->required();
  done->add_option("--date", *date, "datum waarop de actie gedaan is, dd-mm-jjjj")->required();
  done->callback([&, show, id, plan, action, date] {
    sv::CompleteActionRequest q;
    q.set_investigation(InvestigationName(*id));
    q.set_plan(*plan);
    q.set_action(*action);
    if (!DateFlag("--date", *date, q.mutable_done_date(), &exit_code)) return;
    exit_code = Send(o, &Stub::CompleteAction, q, show,
                     {{"plan", "--plan"}, {"action", "--action"}, {"done_date", "--date"}});
  });
}

void AddSupervisionPlanClose(CLI::App* sup, const Options& o, int& exit_code) {
  auto show = ShowInvestigation(o);
  auto* close = sup->add_subcommand("plan-close", "een verbeterplan afsluiten met een oordeel");
  auto id = std::make_shared<std::string>();
  auto plan = std::make_shared<int>(0);
  auto verdict = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  close->add_option("investigation", *id, "id van het onderzoek")->required();
  close->add_option("--plan", *plan, "nummer van het verbeterplan")->required();
  close
      ->add_option("--verdict", *verdict,
                   "oordeel: effective (doeltreffend) of insufficient (onvoldoende)")
      ->required();
  close->add_option("--text", *text, "de motivering van het oordeel")->required();
  close->callback([&, show, id, plan, verdict, text] {
    sv::ClosePlanRequest q;
    q.set_investigation(InvestigationName(*id));
    q.set_plan(*plan);
    sv::Verdict v;
    if (!EnumFlag(sv::Verdict_descriptor(), "VERDICT_", "--verdict", *verdict, &v, &exit_code)) {
      return;
    }
    q.set_verdict(v);
    q.set_verdict_text(*text);
    exit_code = Send(o, &Stub::ClosePlan, q, show,
                     {{"plan", "--plan"}, {"verdict", "--verdict"}, {"verdict_text", "--text"}});
  });
}

void AddSupervisionSync(CLI::App* sup, const Options& o, int& exit_code) {
  sup->add_subcommand("sync", "contractwijzigingen nu omzetten in onderzoeken ter beoordeling")
      ->callback([&] {
        exit_code = Send(o, &Stub::SyncContractMutations, sv::SyncContractMutationsRequest(),
                         [](const sv::SyncContractMutationsResponse& r) {
                           std::cout << "beoordelingen geopend: " << r.reviews_opened() << "\n";
                         });
      });
}

void AddSupervisionSummary(CLI::App* sup, const Options& o, int& exit_code) {
  auto* summary = sup->add_subcommand("summary", "samenvatting van het toezicht op een aanbieder");
  auto provider = std::make_shared<std::string>();
  summary->add_option("provider", *provider, "id, KvK-nummer, AGB-code of naam")->required();
  summary->callback([&, provider] {
    sv::GetProviderSummaryRequest q;
    Lookup lookup(o);
    if ((exit_code = lookup.Provider(*provider, q.mutable_provider())) != 0) return;
    exit_code = Send(o, &Stub::GetProviderSummary, q, [&](const sv::ProviderSummary& s) {
      std::cout << lookup.ProviderName(s.provider()) << " (aanbieder " << s.provider().substr(10)
                << ")\n"
                << "open bevindingen: kritiek " << s.open_critical() << ", ernstig "
                << s.open_major() << ", gering " << s.open_minor() << ", observatie "
                << s.open_observations() << "\n"
                << "verbeterplannen: open " << s.plans_open() << " (over tijd " << s.plans_overdue()
                << "), effectief " << s.plans_closed_effective() << ", onvoldoende "
                << s.plans_closed_insufficient() << "\n"
                << "lopende onderzoeken: " << s.investigations_open() << "\n"
                << "laatste inspectie: " << DutchDate(s.last_inspection()) << "\n";
      for (const auto& e : s.escalations()) {
        std::cout << "SIGNAAL " << DutchDate(e.since()) << ": " << e.reason() << "\n";
      }
    });
  });
}

void AddSupervisionEscalations(CLI::App* sup, const Options& o, int& exit_code) {
  sup->add_subcommand("escalations", "signalen voor de contractmanager")->callback([&] {
    exit_code =
        Send(o, &Stub::ListEscalations, sv::ListEscalationsRequest(),
             [](const sv::ListEscalationsResponse& r) {
               std::vector<std::vector<std::string>> rows;
               for (const auto& e : r.escalations()) {
                 rows.push_back({DutchDate(e.since()), e.provider_name(), e.reason(), e.subject()});
               }
               PrintTable({"SINDS", "AANBIEDER", "SIGNAAL", "BRON"}, rows);
             });
  });
}

void AddSupervisionReport(CLI::App* sup, const Options& o, int& exit_code) {
  auto* report = sup->add_subcommand("report", "perioderapportage voor de contractmanagers");
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto csv = std::make_shared<std::string>();
  auto providers_csv = std::make_shared<std::string>();
  report->add_option("--from", *from, "begin van de periode, dd-mm-jjjj")->required();
  report->add_option("--to", *to, "einde van de periode, dd-mm-jjjj")->required();
  report->add_option("--csv", *csv, "schrijf de rapportage als CSV naar dit bestand");
  report->add_option("--providers-csv", *providers_csv,
                     "schrijf de samenvatting per aanbieder als CSV naar dit bestand");
  report->callback([&, from, to, csv, providers_csv] {
    sv::GetPeriodReportRequest q;
    if (!DateFlag("--from", *from, q.mutable_start_date(), &exit_code) ||
        !DateFlag("--to", *to, q.mutable_end_date(), &exit_code)) {
      return;
    }
    q.set_with_provider_summaries(!providers_csv->empty());
    exit_code =
        Send(o, &Stub::GetPeriodReport, q,
             [&](const sv::PeriodReport& r) -> int {
               std::cout << r.csv();
               if (!csv->empty() && !WriteFile(*csv, r.csv())) return 1;
               if (!providers_csv->empty() && !WriteFile(*providers_csv, r.summaries_csv())) {
                 return 1;
               }
               return 0;
             },
             {{"start_date", "--from"}, {"end_date", "--to"}});
  });
}

}  // namespace

void AddSupervisionCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* sup = app.add_subcommand("supervision", "toezicht op kwaliteit");
  sup->require_subcommand(1);
  AddSupervisionList(sup, o, exit_code);
  AddSupervisionShow(sup, o, exit_code);
  AddSupervisionOpen(sup, o, exit_code);
  AddSupervisionRequest(sup, o, exit_code);
  AddSupervisionStatus(sup, o, exit_code);
  AddSupervisionFinding(sup, o, exit_code);
  AddSupervisionPlan(sup, o, exit_code);
  AddSupervisionActionDone(sup, o, exit_code);
  AddSupervisionPlanClose(sup, o, exit_code);
  AddSupervisionSync(sup, o, exit_code);
  AddSupervisionSummary(sup, o, exit_code);
  AddSupervisionEscalations(sup, o, exit_code);
  AddSupervisionReport(sup, o, exit_code);
}

}  // namespace ozjt::cli
