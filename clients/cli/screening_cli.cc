#include "clients/cli/screening_cli.h"

#include <memory>

#include "absl/strings/str_join.h"
#include "clients/cli/lookup.h"
#include "ozjt/screening/v1/screening.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace sc = ::ozjt::screening::v1;
using Stub = sc::ScreeningService::Stub;

const char* OutcomeText(int o) {
  switch (o) {
    case sc::OUTCOME_ADMITTED:
      return "toegelaten";
    case sc::OUTCOME_ADMITTED_WITH_CONDITIONS:
      return "toegelaten onder voorwaarden";
    case sc::OUTCOME_REFUSED:
      return "geweigerd";
    case sc::OUTCOME_REFERRED_TO_BIBOB:
      return "doorverwezen naar Bibob";
    default:
      return "";
  }
}

const char* StatusText(int s) {
  switch (s) {
    case sc::CASE_STATUS_OPEN:
      return "open";
    case sc::CASE_STATUS_REFERRED_TO_BIBOB:
      return "wacht op Bibob-advies";
    case sc::CASE_STATUS_DECIDED:
      return "besloten";
    default:
      return "";
  }
}

std::string Short(const google::protobuf::EnumDescriptor* d, int v, const char* prefix) {
  return EnumShort(d, v, prefix);
}

void PrintFramework(const sc::Framework& f) {
  std::cout << f.name() << "  " << f.title() << " (" << f.code() << " " << f.version() << ", vanaf "
            << DutchDate(f.valid_from()) << ")\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : f.items()) {
    rows.push_back({i.code(), Short(sc::Part_descriptor(), i.part(), "PART_"), i.title(),
                    i.required() ? "ja" : "nee",
                    i.max_age_months() ? std::to_string(i.max_age_months()) + " mnd" : "-"});
  }
  PrintTable({"ITEM", "DEEL", "TITEL", "VERPLICHT", "MAX. OUDERDOM"}, rows);
}

void PrintCase(const sc::ScreeningCase& c, Lookup& lookup) {
  std::cout << c.name() << "  " << c.provider_name() << " (aanbieder " << c.provider().substr(10)
            << ")\n"
            << "kader:    " << c.framework_code() << " " << c.framework_version() << "\n"
            << "aanleiding: " << Short(sc::Occasion_descriptor(), c.occasion(), "OCCASION_")
            << (c.contract().empty() ? "" : " (" + lookup.ContractReference(c.contract()) + ")")
            << (c.reference().empty() ? "" : ", " + c.reference()) << "\n"
            << "status:   " << StatusText(c.status()) << ", geopend " << DutchDate(c.opened_date())
            << " door " << c.opened_by() << "\n";
  if (c.items_size() > 0) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : c.items()) {
      rows.push_back(
          {i.item_code(), i.title(), i.required() ? "ja" : "nee",
           i.has_evidence() ? DutchDate(i.evidence().document_date()) : "-",
           i.has_evidence_valid_until() ? DutchDate(i.evidence_valid_until()) : "-",
           i.result() ? Short(sc::AssessmentResult_descriptor(), i.result(), "ASSESSMENT_RESULT_")
                      : "-",
           i.late() ? "te laat" : "", i.problem()});
    }
    PrintTable({"ITEM", "TITEL", "VERPLICHT", "DOCUMENT", "GELDIG T/M", "OORDEEL", "", "PROBLEEM"},
               rows);
  }
  for (const auto& r : c.evidence_requests()) {
    std::cout << "  opgevraagd " << r.item_code() << " op " << DutchDate(r.requested_date())
              << ", uiterlijk " << DutchDate(r.due_date())
              << (r.has_fulfilled_date() ? ", ontvangen " + DutchDate(r.fulfilled_date()) : "")
              << "\n";
  }
  for (const auto& a : c.assessments()) {
    std::cout << "  beoordeling " << a.item_code() << " ("
              << Short(sc::AssessmentResult_descriptor(), a.result(), "ASSESSMENT_RESULT_") << ", "
              << a.assessor() << ", " << DutchDate(a.date()) << "): " << a.finding() << "\n";
  }
  if (c.has_bibob()) {
    const auto& b = c.bibob();
    std::cout << "  Bibob: verwezen " << DutchDate(b.referred_date()) << " (" << b.reference()
              << ")";
    if (b.has_advice_date()) {
      std::cout << ", advies " << Short(sc::BibobAdvice_descriptor(), b.advice(), "BIBOB_ADVICE_")
                << " op " << DutchDate(b.advice_date());
    }
    if (!b.reused_from_case().empty()) std::cout << ", hergebruikt uit " << b.reused_from_case();
    std::cout << "\n";
  }
  for (const auto& h : c.hearings()) {
    std::cout << "  hoor en wederhoor " << DutchDate(h.date()) << ": " << h.summary() << "\n";
  }
  for (const auto& d : c.decisions()) {
    std::cout << "  besluit " << DutchDate(d.date()) << ": " << OutcomeText(d.outcome());
    if (!d.decided_by().empty()) std::cout << " door " << d.decided_by();
    if (d.has_valid_until()) std::cout << ", geldig t/m " << DutchDate(d.valid_until());
    std::cout << "\n";
    if (!d.reasons().empty()) std::cout << "    motivering: " << d.reasons() << "\n";
    for (const auto& cond : d.conditions()) std::cout << "    voorwaarde: " << cond << "\n";
  }
  for (const auto& k : c.registered_contracts()) {
    std::cout << "  gegund: " << lookup.ContractReference(k) << "\n";
  }
}

// Shows a case: a command's `show` that looks up names for it.
auto ShowCase(const Options& o) {
  return [&o](const sc::ScreeningCase& c) {
    Lookup lookup(o);
    PrintCase(c, lookup);
  };
}

void AddScreeningFrameworks(CLI::App* screening, const Options& o, int& exit_code) {
  screening->add_subcommand("frameworks", "screeningskaders en hun onderdelen")->callback([&] {
    exit_code = Send(o, &Stub::ListFrameworks, sc::ListFrameworksRequest(),
                     [](const sc::ListFrameworksResponse& r) {
                       for (const auto& f : r.frameworks()) PrintFramework(f);
                     });
  });
}

void AddScreeningFrameworkAdd(CLI::App* screening, const Options& o, int& exit_code) {
  auto* add = screening->add_subcommand("framework-add",
                                        "een versie van een screeningskader toevoegen uit een "
                                        "JSON-bestand (ozjt.screening.v1.Framework)");
  auto file = std::make_shared<std::string>();
  add->add_option("--json-file", *file, "het kader als JSON-bestand")->required();
  add->callback([&, file] {
    sc::CreateFrameworkRequest q;
    if (!ReadJsonFile(*file, q.mutable_framework())) {
      exit_code = 2;
      return;
    }
    exit_code = Send(o, &Stub::CreateFramework, q, PrintFramework);
  });
}

void AddScreeningOpen(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* open = screening->add_subcommand("open", "een screeningsdossier openen voor een aanbieder");
  auto provider = std::make_shared<std::string>();
  auto occasion = std::make_shared<std::string>();
  auto framework = std::make_shared<std::string>();
  auto contract = std::make_shared<std::string>();
  auto reference = std::make_shared<std::string>();
  open->add_option("provider", *provider, "id, KvK-nummer, AGB-code of naam")->required();
  open->add_option(
          "--occasion", *occasion,
          "aanleiding: procurement_round (aanbestedingsronde), new_entrant (nieuwe toetreder), "
          "rescreening (herscreening) of contract_mutation (contractwijziging)")
      ->required();
  open->add_option("--framework", *framework, "id van het kader (standaard: de huidige KIT)");
  open->add_option("--contract", *contract,
                   "contract: kenmerk of id (bij herscreening of contractwijziging)");
  open->add_option("--reference", *reference, "toelichting, bijv. de aanbestedingsronde");
  const FlagTable flags = {{"provider", "provider"},         {"case.provider", "provider"},
                           {"occasion", "--occasion"},       {"case.occasion", "--occasion"},
                           {"framework", "--framework"},     {"contract", "--contract"},
                           {"case.contract", "--contract"},  {"reference", "--reference"},
                           {"case.reference", "--reference"}};
  open->callback([&, show, provider, occasion, framework, contract, reference, flags] {
    sc::CreateCaseRequest q;
    sc::Occasion occ;
    if (!EnumFlag(sc::Occasion_descriptor(), "OCCASION_", "--occasion", *occasion, &occ,
                  &exit_code)) {
      return;
    }
    Lookup lookup(o);
    if ((exit_code = lookup.Provider(*provider, q.mutable_provider())) != 0) return;
    q.set_occasion(occ);
    if (!framework->empty()) q.set_framework(Name("screeningFrameworks", *framework));
    if (!contract->empty() && (exit_code = lookup.Contract(*contract, q.mutable_contract())) != 0) {
      return;
    }
    q.set_reference(*reference);
    exit_code = Send(o, &Stub::CreateCase, q, show, flags);
  });
}

void AddScreeningShow(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* get = screening->add_subcommand(
      "show", "een dossier met zijn onderdelen (het inzien wordt gelogd)");
  auto id = std::make_shared<std::string>();
  get->add_option("case", *id, "id van het dossier")->required();
  get->callback([&, show, id] {
    sc::GetCaseRequest q;
    q.set_name(Name("screeningCases", *id));
    exit_code = Send(o, &Stub::GetCase, q, show);
  });
}

void AddScreeningList(CLI::App* screening, const Options& o, int& exit_code) {
  auto* list = screening->add_subcommand(
      "list", "dossiers, nieuwste eerst (50; --all: alle; het inzien wordt gelogd)");
  auto provider = std::make_shared<std::string>();
  auto status = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  list->add_option("--provider", *provider, "aanbieder: id, KvK-nummer, AGB-code of naam");
  list->add_option("--status", *status,
                   "status: open, referred_to_bibob (naar Bibob) of decided (besloten)");
  list->add_flag("--all", *all, "alle dossiers, niet alleen de nieuwste 50");
  list->callback([&, provider, status, all] {
    sc::ListCasesRequest q;
    sc::CaseStatus st;
    if (!status->empty()) {
      if (!EnumFlag(sc::CaseStatus_descriptor(), "CASE_STATUS_", "--status", *status, &st,
                    &exit_code)) {
        return;
      }
      q.set_status(st);
    }
    if (!provider->empty() &&
        (exit_code = Lookup(o).Provider(*provider, q.mutable_provider())) != 0) {
      return;
    }
    exit_code = ListAndShow(o, &Stub::ListCases, q, *all, [](const sc::ListCasesResponse& r) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& c : r.cases()) {
        const auto* d = c.decisions_size() ? &c.decisions(c.decisions_size() - 1) : nullptr;
        rows.push_back({c.name(), c.provider_name(),
                        c.framework_code() + " " + std::to_string(c.framework_version()),
                        StatusText(c.status()), d ? OutcomeText(d->outcome()) : "",
                        d ? DutchDate(d->date()) : ""});
      }
      PrintTable({"ZAAK", "AANBIEDER", "KADER", "STATUS", "BESLUIT", "DATUM"}, rows);
    });
  });
}

void AddScreeningRequest(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* request = screening->add_subcommand("request", "om bewijsstukken vragen (binnen 14 dagen)");
  auto id = std::make_shared<std::string>();
  auto item = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  request->add_option("case", *id, "id van het dossier")->required();
  request->add_option("--item", *item, "code van het onderdeel, bijv. I2")->required();
  request->add_option("--date", *date, "dd-mm-jjjj waarop het verzoek is verstuurd")->required();
  request->callback([&, show, id, item, date] {
    sc::RequestEvidenceRequest q;
    q.set_case_(Name("screeningCases", *id));
    q.set_item_code(*item);
    if (!DateFlag("--date", *date, q.mutable_requested_date(), &exit_code)) return;
    exit_code = Send(o, &Stub::RequestEvidence, q, show,
                     {{"item_code", "--item"}, {"requested_date", "--date"}});
  });
}

void AddScreeningEvidence(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* evidence = screening->add_subcommand("evidence", "een bewijsstuk vastleggen");
  auto id = std::make_shared<std::string>();
  auto item = std::make_shared<std::string>();
  auto doc = std::make_shared<std::string>();
  auto received = std::make_shared<std::string>();
  auto reference = std::make_shared<std::string>();
  evidence->add_option("case", *id, "id van het dossier")->required();
  evidence->add_option("--item", *item, "code van het onderdeel")->required();
  evidence->add_option("--document-date", *doc, "dd-mm-jjjj op het document")->required();
  evidence->add_option("--received", *received, "dd-mm-jjjj van ontvangst")->required();
  evidence->add_option("--reference", *reference, "kenmerk van het document")->required();
  evidence->callback([&, show, id, item, doc, received, reference] {
    sc::RecordEvidenceRequest q;
    q.set_case_(Name("screeningCases", *id));
    q.mutable_evidence()->set_item_code(*item);
    if (!DateFlag("--document-date", *doc, q.mutable_evidence()->mutable_document_date(),
                  &exit_code) ||
        !DateFlag("--received", *received, q.mutable_evidence()->mutable_received_date(),
                  &exit_code)) {
      return;
    }
    q.mutable_evidence()->set_reference(*reference);
    exit_code = Send(o, &Stub::RecordEvidence, q, show,
                     {{"evidence.item_code", "--item"},
                      {"evidence.document_date", "--document-date"},
                      {"evidence.received_date", "--received"},
                      {"evidence.reference", "--reference"}});
  });
}

void AddScreeningAssess(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* assess =
      screening->add_subcommand("assess", "één onderdeel beoordelen (u bent de beoordelaar)");
  auto id = std::make_shared<std::string>();
  auto item = std::make_shared<std::string>();
  auto result = std::make_shared<std::string>();
  auto finding = std::make_shared<std::string>();
  assess->add_option("case", *id, "id van het dossier")->required();
  assess->add_option("--item", *item, "code van het onderdeel")->required();
  assess
      ->add_option("--result", *result,
                   "oordeel: meets (voldoet), does_not_meet (voldoet niet) of not_applicable "
                   "(niet van toepassing)")
      ->required();
  assess->add_option("--finding", *finding, "wat u vond")->required();
  assess->callback([&, show, id, item, result, finding] {
    sc::AssessItemRequest q;
    q.set_case_(Name("screeningCases", *id));
    q.mutable_assessment()->set_item_code(*item);
    sc::AssessmentResult r;
    if (!EnumFlag(sc::AssessmentResult_descriptor(), "ASSESSMENT_RESULT_", "--result", *result, &r,
                  &exit_code)) {
      return;
    }
    q.mutable_assessment()->set_result(r);
    q.mutable_assessment()->set_finding(*finding);
    exit_code = Send(o, &Stub::AssessItem, q, show,
                     {{"assessment.item_code", "--item"},
                      {"assessment.result", "--result"},
                      {"assessment.finding", "--finding"}});
  });
}

void AddScreeningBibob(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* bibob = screening->add_subcommand("bibob",
                                          "doorverwijzen naar het Landelijk Bureau Bibob, of het "
                                          "advies van een eerder dossier hergebruiken");
  auto id = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto reference = std::make_shared<std::string>();
  auto reuse = std::make_shared<std::string>();
  bibob->add_option("case", *id, "id van het dossier")->required();
  bibob->add_option("--date", *date, "dd-mm-jjjj van doorverwijzing");
  bibob->add_option("--reference", *reference, "kenmerk van het LBB");
  bibob->add_option(
      "--reuse", *reuse,
      "id van het dossier waarvan het advies (hoogstens 5 jaar oud) wordt hergebruikt");
  bibob->callback([&, show, id, date, reference, reuse] {
    sc::ReferToBibobRequest q;
    q.set_case_(Name("screeningCases", *id));
    if (!reuse->empty()) {
      q.set_reuse_advice_of(Name("screeningCases", *reuse));
    } else {
      if (!DateFlag("--date", *date, q.mutable_referred_date(), &exit_code)) return;
      q.set_reference(*reference);
    }
    exit_code = Send(o, &Stub::ReferToBibob, q, show,
                     {{"referred_date", "--date"},
                      {"reference", "--reference"},
                      {"reuse_advice_of", "--reuse"}});
  });
}

void AddScreeningAdvice(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* advice = screening->add_subcommand("advice", "het Bibob-advies vastleggen");
  auto id = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto reference = std::make_shared<std::string>();
  advice->add_option("case", *id, "id van het dossier")->required();
  advice
      ->add_option("--advice", *kind,
                   "advies: no_risk (geen gevaar), lesser_risk (mindere mate van gevaar) of "
                   "serious_risk (ernstig gevaar)")
      ->required();
  advice->add_option("--date", *date, "dd-mm-jjjj van het advies")->required();
  advice->add_option("--reference", *reference, "kenmerk van het advies")->required();
  advice->callback([&, show, id, kind, date, reference] {
    sc::RecordBibobAdviceRequest q;
    q.set_case_(Name("screeningCases", *id));
    sc::BibobAdvice a;
    if (!EnumFlag(sc::BibobAdvice_descriptor(), "BIBOB_ADVICE_", "--advice", *kind, &a,
                  &exit_code) ||
        !DateFlag("--date", *date, q.mutable_advice_date(), &exit_code)) {
      return;
    }
    q.set_advice(a);
    q.set_reference(*reference);
    exit_code =
        Send(o, &Stub::RecordBibobAdvice, q, show,
             {{"advice", "--advice"}, {"advice_date", "--date"}, {"reference", "--reference"}});
  });
}

void AddScreeningHearing(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* hearing = screening->add_subcommand("hearing", "hoor en wederhoor vastleggen");
  auto id = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto summary = std::make_shared<std::string>();
  hearing->add_option("case", *id, "id van het dossier")->required();
  hearing->add_option("--date", *date, "dd-mm-jjjj")->required();
  hearing->add_option("--summary", *summary, "wat de aanbieder inbracht")->required();
  hearing->callback([&, show, id, date, summary] {
    sc::RecordHearingRequest q;
    q.set_case_(Name("screeningCases", *id));
    if (!DateFlag("--date", *date, q.mutable_hearing()->mutable_date(), &exit_code)) return;
    q.mutable_hearing()->set_summary(*summary);
    exit_code = Send(o, &Stub::RecordHearing, q, show,
                     {{"hearing.date", "--date"}, {"hearing.summary", "--summary"}});
  });
}

void AddScreeningDecide(CLI::App* screening, const Options& o, int& exit_code) {
  auto show = ShowCase(o);
  auto* decide = screening->add_subcommand(
      "decide", "besluiten over het dossier (niet als een van de beoordelaars)");
  auto id = std::make_shared<std::string>();
  auto outcome = std::make_shared<std::string>();
  auto reasons = std::make_shared<std::string>();
  auto conditions = std::make_shared<std::vector<std::string>>();
  decide->add_option("case", *id, "id van het dossier")->required();
  decide
      ->add_option("--outcome", *outcome,
                   "besluit: admitted (toegelaten), admitted_with_conditions (toegelaten onder "
                   "voorwaarden), refused (geweigerd) of referred_to_bibob (naar Bibob)")
      ->required();
  decide->add_option("--reasons", *reasons, "de motivering")->required();
  decide->add_option("--condition", *conditions, "een voorwaarde (herhaalbaar)");
  decide->callback([&, show, id, outcome, reasons, conditions] {
    sc::DecideCaseRequest q;
    q.set_case_(Name("screeningCases", *id));
    sc::Outcome out;
    if (!EnumFlag(sc::Outcome_descriptor(), "OUTCOME_", "--outcome", *outcome, &out, &exit_code)) {
      return;
    }
    q.set_outcome(out);
    q.set_reasons(*reasons);
    for (const auto& c : *conditions) q.add_conditions(c);
    exit_code = Send(o, &Stub::DecideCase, q, show,
                     {{"decision.outcome", "--outcome"},
                      {"decision.reasons", "--reasons"},
                      {"decision.conditions", "--condition"}});
  });
}

void AddScreeningOutcomes(CLI::App* screening, const Options& o, int& exit_code) {
  auto* outcomes = screening->add_subcommand(
      "outcomes", "uitkomsten en data van screenings (zonder inhoud van het dossier)");
  auto provider = std::make_shared<std::string>();
  outcomes->add_option("--provider", *provider, "aanbieder: id, KvK-nummer, AGB-code of naam");
  outcomes->callback([&, provider] {
    sc::ListOutcomesRequest q;
    if (!provider->empty() &&
        (exit_code = Lookup(o).Provider(*provider, q.mutable_provider())) != 0) {
      return;
    }
    exit_code = Send(o, &Stub::ListOutcomes, q, [](const sc::ListOutcomesResponse& r) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& x : r.outcomes()) {
        rows.push_back({x.provider().substr(10), x.provider_name(), OutcomeText(x.outcome()),
                        DutchDate(x.decided_date()),
                        x.has_valid_until() ? DutchDate(x.valid_until()) : "",
                        x.framework_title()});
      }
      PrintTable({"AANBIEDER", "NAAM", "UITKOMST", "BESLUIT", "GELDIG T/M", "KADER"}, rows);
    });
  });
}

}  // namespace

void AddScreeningCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* screening = app.add_subcommand("screening", "KIT-screening (vertrouwelijk)");
  screening->require_subcommand(1);
  AddScreeningFrameworks(screening, o, exit_code);
  AddScreeningFrameworkAdd(screening, o, exit_code);
  AddScreeningOpen(screening, o, exit_code);
  AddScreeningShow(screening, o, exit_code);
  AddScreeningList(screening, o, exit_code);
  AddScreeningRequest(screening, o, exit_code);
  AddScreeningEvidence(screening, o, exit_code);
  AddScreeningAssess(screening, o, exit_code);
  AddScreeningBibob(screening, o, exit_code);
  AddScreeningAdvice(screening, o, exit_code);
  AddScreeningHearing(screening, o, exit_code);
  AddScreeningDecide(screening, o, exit_code);
  AddScreeningOutcomes(screening, o, exit_code);
}

}  // namespace ozjt::cli
