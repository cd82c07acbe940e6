#include "clients/cli/contracts_cli.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/cli/lookup.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ct = ::ozjt::contracts::v1;

std::string Short(const google::protobuf::EnumDescriptor* d, int v, const char* prefix) {
  return EnumShort(d, v, prefix);
}

std::string Status(int s) {
  switch (s) {
    case ct::CONTRACT_STATUS_DRAFT:
      return "concept";
    case ct::CONTRACT_STATUS_AWARDED:
      return "gegund";
    case ct::CONTRACT_STATUS_ACTIVE:
      return "actief";
    case ct::CONTRACT_STATUS_EXPIRED:
      return "verlopen";
    case ct::CONTRACT_STATUS_TERMINATED:
      return "beeindigd";
    default:
      return "";
  }
}

void PrintContract(const ct::Contract& c, Lookup& lookup) {
  lookup.KnowProviders(c.providers(), c.provider_display_names());
  std::vector<std::string> providers(c.providers().begin(), c.providers().end());
  std::cout << "id:            " << c.name().substr(10) << "\n"
            << "kenmerk:       " << c.reference() << "\n"
            << "titel:         " << c.title() << "\n"
            << "soort:         " << Short(ct::ContractKind_descriptor(), c.kind(), "CONTRACT_KIND_")
            << (c.parent().empty() ? "" : " van " + lookup.ContractReference(c.parent())) << "\n"
            << "familie:       "
            << Short(ct::ContractFamily_descriptor(), c.family(), "CONTRACT_FAMILY_") << "\n"
            << "wet:           "
            << Short(ct::ContractDomain_descriptor(), c.domain(), "CONTRACT_DOMAIN_") << "\n"
            << "status:        " << Status(c.status()) << "\n"
            << "looptijd:      " << DutchDate(c.start_date()) << " t/m " << DutchDate(c.end_date())
            << "\n"
            << "waarde/jaar:   " << Euros(c.value_cents()) << "\n"
            << "aanbieders:    " << lookup.ProviderNames(providers, 1000) << "\n"
            << "opdrachtgever: " << c.contracting_party() << "\n";
  std::vector<std::string> munis;
  for (const auto& p : c.participations()) {
    const std::string name = lookup.MunicipalityName(p.municipality_code());
    munis.push_back(p.has_valid_to() ? name + " (t/m " + DutchDate(p.valid_to()) + ")" : name);
  }
  std::cout << "gemeenten:     " << absl::StrJoin(munis, ", ") << "\n";
  for (const auto& o : c.options()) {
    std::cout << "optie " << o.number() << ":       " << o.length_months() << " maanden, "
              << (o.unilateral() ? "eenzijdig" : "met instemming") << ", opzegtermijn "
              << o.notice_months() << " maanden";
    if (o.has_exercise()) {
      std::cout << "; gelicht op " << DutchDate(o.exercise().notice_date()) << " ("
                << o.exercise().receipt_proof() << "), nieuwe einddatum "
                << DutchDate(o.exercise().new_end_date());
    } else {
      std::cout << "; uiterlijk aanzeggen op " << DutchDate(o.notice_deadline());
    }
    std::cout << "\n";
  }
  for (const auto& d : c.documents()) {
    std::cout << "document:      " << d.title() << " (" << d.link() << ", " << DutchDate(d.date())
              << ")\n";
  }
  std::cout << "versie:        " << c.version() << "\n";
}

// Shows a contract: a command's `show` that looks up names for it.
auto ShowContract(const Options& o) {
  return [&o](const ct::Contract& c) {
    Lookup lookup(o);
    PrintContract(c, lookup);
  };
}

// Runs `fn` with a client, sets the exit code.
template <typename Fn>
void Run(const Options& o, int& exit_code, Fn fn) {
  Client client(o);
  exit_code = fn(client);
}

void ListKinds(CLI::App* cmd, std::vector<std::string>* kinds) {
  cmd->add_option(
      "--kind", *kinds,
      "soort: notice_deadline (aanzegtermijn), contract_end (einde contract), legal_deadline "
      "(juridische termijn), tariff_below_floor (tarief onder reële prijs) (herhaalbaar)");
}

}  // namespace

void AddContractCommands(CLI::App& app, const Options& o, int& exit_code) {
  // ---- contracts ----
  auto* contracts = app.add_subcommand("contracts", "contracten en percelen");
  contracts->require_subcommand(1);
  {
    auto* list = contracts->add_subcommand("list", "contracten opzoeken");
    auto f = std::make_shared<ct::ContractFilter>();
    auto s = std::make_shared<std::array<std::string, 5>>();  // municipality, provider, family,
                                                              // kind, status
    auto all = std::make_shared<bool>(false);
    auto text = std::make_shared<std::string>();
    auto parent = std::make_shared<std::string>();
    list->add_option("--text", *text, "deel van kenmerk of titel");
    list->add_option("--municipality", (*s)[0], "gemeente: naam of CBS-code");
    list->add_option("--provider", (*s)[1], "aanbieder: id, KvK-nummer, AGB-code of naam");
    list->add_option(
        "--family", (*s)[2],
        "contractfamilie: general, ho, vervoer, medicatiecontrole, jeugdzorg_plus, ...");
    list->add_option("--kind", (*s)[3],
                     "soort: framework (raamovereenkomst), lot (perceel), call_off (nadere "
                     "overeenkomst), subsidy (subsidie), single (enkelvoudig)");
    list->add_option("--status", (*s)[4],
                     "status: draft (concept), awarded (gegund), active (actief), expired "
                     "(verlopen), terminated (beeindigd)");
    list->add_option(
        "--parent", *parent,
        "raamovereenkomst (kenmerk of id): toon haar percelen en nadere overeenkomsten");
    list->add_flag("--all", *all, "alle pagina's");
    const FlagTable flags = {
        {"filter.text", "--text"},         {"filter.municipality_code", "--municipality"},
        {"filter.provider", "--provider"}, {"filter.family", "--family"},
        {"filter.kind", "--kind"},         {"filter.status", "--status"},
        {"filter.parent", "--parent"},     {"page_size", "--page-size"}};
    list->callback([&, f, s, all, text, parent, flags] {
      Run(o, exit_code, [&](Client& client) {
        Lookup lookup(o);
        ct::ListContractsRequest req;
        auto* filter = req.mutable_filter();
        filter->set_text(*text);
        if (!(*s)[0].empty()) {
          if (int rc = lookup.MunicipalityCode((*s)[0], filter->mutable_municipality_code()))
            return rc;
        }
        if (!(*s)[1].empty()) {
          if (int rc = lookup.Provider((*s)[1], filter->mutable_provider())) return rc;
        }
        if (!parent->empty()) {
          if (int rc = lookup.Contract(*parent, filter->mutable_parent())) return rc;
        }
        ct::ContractFamily family;
        ct::ContractKind kind;
        ct::ContractStatus status;
        if (!(*s)[2].empty()) {
          if (!EnumFlag(ct::ContractFamily_descriptor(), "CONTRACT_FAMILY_", "--family", (*s)[2],
                        &family))
            return 2;
          filter->set_family(family);
        }
        if (!(*s)[3].empty()) {
          if (!EnumFlag(ct::ContractKind_descriptor(), "CONTRACT_KIND_", "--kind", (*s)[3], &kind))
            return 2;
          filter->set_kind(kind);
        }
        if (!(*s)[4].empty()) {
          if (!EnumFlag(ct::ContractStatus_descriptor(), "CONTRACT_STATUS_", "--status", (*s)[4],
                        &status))
            return 2;
          filter->set_status(status);
        }
        auto stub = ct::ContractService::NewStub(client.channel());
        ct::ListContractsResponse all_found, page;
        do {
          auto ctx = client.Context();
          grpc::Status st = stub->ListContracts(ctx.get(), req, &page);
          if (!st.ok()) return PrintError(st, ctx.get(), flags);
          for (const auto& c : page.contracts()) *all_found.add_contracts() = c;
          req.set_page_token(page.next_page_token());
        } while (*all && !req.page_token().empty());
        if (o.json) {
          PrintJson(all_found);
          return 0;
        }
        std::vector<std::string> every_provider;
        for (const auto& c : all_found.contracts()) {
          lookup.KnowProviders(c.providers(), c.provider_display_names());
          every_provider.insert(every_provider.end(), c.providers().begin(), c.providers().end());
        }
        lookup.PrefetchProviders(every_provider);
        std::vector<std::vector<std::string>> rows;
        for (const auto& c : all_found.contracts()) {
          rows.push_back({c.name().substr(10), c.reference(), c.title(),
                          Short(ct::ContractFamily_descriptor(), c.family(), "CONTRACT_FAMILY_"),
                          Status(c.status()), DutchDate(c.end_date()),
                          std::to_string(c.participations_size()),
                          lookup.ProviderNames({c.providers().begin(), c.providers().end()}, 1)});
        }
        PrintTable(
            {"ID", "KENMERK", "TITEL", "FAMILIE", "STATUS", "EINDE", "GEMEENTEN", "AANBIEDERS"},
            rows);
        if (!page.next_page_token().empty() && !*all) std::cerr << "(meer: --all)\n";
        return 0;
      });
    });
  }
  {
    auto* get = contracts->add_subcommand("get", "één contract met verlengingsopties en termijnen");
    auto id = std::make_shared<std::string>();
    get->add_option("contract", *id, "kenmerk (JZP-2024) of id")->required();
    get->callback([&, id] {
      Run(o, exit_code, [&](Client& client) {
        ct::GetContractRequest req;
        if (int rc = Lookup(o).Contract(*id, req.mutable_name())) return rc;
        return Send(o, &ct::ContractService::Stub::GetContract, req, ShowContract(o),
                    {{"name", "contract"}});
      });
    });
  }
  {
    auto* create = contracts->add_subcommand(
        "create", "een contract vastleggen uit een JSON-bestand (ozjt.contracts.v1.Contract)");
    auto file = std::make_shared<std::string>();
    create->add_option("--json-file", *file, "het contract als JSON-bestand")->required();
    create->callback([&, file] {
      Run(o, exit_code, [&](Client& client) {
        ct::CreateContractRequest req;
        if (!ReadJsonFile(*file, req.mutable_contract())) return 2;
        return Send(o, &ct::ContractService::Stub::CreateContract, req, ShowContract(o));
      });
    });
  }
  {
    auto* update =
        contracts->add_subcommand("update", "de genoemde velden wijzigen, uit een JSON-bestand");
    auto id = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto mask = std::make_shared<std::string>();
    auto version = std::make_shared<long long>(0);
    update->add_option("contract", *id, "kenmerk of id")->required();
    update->add_option("--version", *version, "de versie die u las")->required();
    update->add_option("--json-file", *file, "de nieuwe waarden als Contract in een JSON-bestand")
        ->required();
    update
        ->add_option("--mask", *mask,
                     "te wijzigen velden, gescheiden door komma's, bijv. title,end_date")
        ->required();
    update->callback([&, id, file, mask, version] {
      Run(o, exit_code, [&](Client& client) {
        ct::UpdateContractRequest req;
        if (!ReadJsonFile(*file, req.mutable_contract())) return 2;
        if (int rc = Lookup(o).Contract(*id, req.mutable_contract()->mutable_name())) return rc;
        req.mutable_contract()->set_version(*version);
        for (auto p : absl::StrSplit(*mask, ',', absl::SkipWhitespace())) {
          req.mutable_update_mask()->add_paths(std::string(p));
        }
        return Send(o, &ct::ContractService::Stub::UpdateContract, req, ShowContract(o),
                    {{"contract.version", "--version"}, {"update_mask", "--mask"}});
      });
    });
  }
  {
    auto* history = contracts->add_subcommand("history", "de versies van een contract");
    auto id = std::make_shared<std::string>();
    history->add_option("contract", *id, "kenmerk of id")->required();
    history->callback([&, id] {
      Run(o, exit_code, [&](Client& client) {
        ct::ListContractHistoryRequest req;
        if (int rc = Lookup(o).Contract(*id, req.mutable_name())) return rc;
        req.set_page_size(500);
        return Send(
            o, &ct::ContractService::Stub::ListContractHistory, req,
            [&](const ct::ListContractHistoryResponse& resp) {
              std::vector<std::vector<std::string>> rows;
              for (const auto& v : resp.versions()) {
                rows.push_back({std::to_string(v.contract().version()), v.actor(),
                                v.method().substr(v.method().rfind('/') + 1),
                                Status(v.contract().status()), DutchDate(v.contract().end_date())});
              }
              PrintTable({"VERSIE", "WIE", "ACTIE", "STATUS", "EINDE"}, rows);
            });
      });
    });
  }
  {
    auto* exercise = contracts->add_subcommand("exercise", "de volgende verlengingsoptie lichten");
    auto id = std::make_shared<std::string>();
    auto option = std::make_shared<int>(0);
    auto version = std::make_shared<long long>(0);
    auto notice = std::make_shared<std::string>();
    auto receipt = std::make_shared<std::string>();
    auto consent = std::make_shared<std::string>();
    exercise->add_option("contract", *id, "kenmerk of id")->required();
    exercise->add_option("--option", *option, "nummer van de verlengingsoptie")->required();
    exercise->add_option("--version", *version, "de versie die u las")->required();
    exercise->add_option("--notice-date", *notice, "dd-mm-jjjj waarop is aangezegd")->required();
    exercise->add_option("--receipt", *receipt, "bewijs dat de aanbieder de aanzegging ontving")
        ->required();
    exercise->add_option("--consent", *consent,
                         "instemming van de aanbieder (bij opties die dat vragen)");
    const FlagTable flags = {{"contract", "contract"},       {"option_number", "--option"},
                             {"version", "--version"},       {"notice_date", "--notice-date"},
                             {"receipt_proof", "--receipt"}, {"consent_reference", "--consent"}};
    exercise->callback([&, id, option, version, notice, receipt, consent, flags] {
      Run(o, exit_code, [&](Client& client) {
        ct::ExerciseOptionRequest req;
        if (!ParseDateFlag("--notice-date", *notice, req.mutable_notice_date())) return 2;
        if (int rc = Lookup(o).Contract(*id, req.mutable_contract())) return rc;
        req.set_option_number(*option);
        req.set_version(*version);
        req.set_receipt_proof(*receipt);
        req.set_consent_reference(*consent);
        return Send(o, &ct::ContractService::Stub::ExerciseOption, req, ShowContract(o), flags);
      });
    });
  }

  // ---- agenda ----
  {
    auto* agenda = app.add_subcommand(
        "agenda", "wat eraan komt: aanzegtermijnen, einde van contracten, juridische termijnen");
    auto from = std::make_shared<std::string>();
    auto to = std::make_shared<std::string>();
    auto municipality = std::make_shared<std::string>();
    auto region = std::make_shared<std::string>();
    auto provider = std::make_shared<std::string>();
    auto family = std::make_shared<std::string>();
    auto kinds = std::make_shared<std::vector<std::string>>();
    agenda->add_option("--from", *from, "begindatum, dd-mm-jjjj (standaard vandaag)");
    agenda->add_option("--to", *to, "einddatum, dd-mm-jjjj (standaard --from + 180 dagen)");
    agenda->add_option("--municipality", *municipality, "gemeente: naam of CBS-code");
    agenda->add_option("--region", *region, "code van de jeugdzorgregio, bijv. TWENTE");
    agenda->add_option("--provider", *provider, "aanbieder: id, KvK-nummer, AGB-code of naam");
    agenda->add_option("--family", *family, "contractfamilie");
    ListKinds(agenda, kinds.get());
    const FlagTable flags = {{"start_date", "--from"},
                             {"end_date", "--to"},
                             {"municipality_code", "--municipality"},
                             {"region_code", "--region"},
                             {"provider", "--provider"},
                             {"family", "--family"},
                             {"kinds", "--kind"}};
    agenda->callback([&, from, to, municipality, region, provider, family, kinds, flags] {
      Run(o, exit_code, [&](Client& client) {
        ct::ListAgendaRequest req;
        if ((!from->empty() && !ParseDateFlag("--from", *from, req.mutable_start_date())) ||
            (!to->empty() && !ParseDateFlag("--to", *to, req.mutable_end_date()))) {
          return 2;
        }
        Lookup lookup(o);
        if (!municipality->empty()) {
          if (int rc = lookup.MunicipalityCode(*municipality, req.mutable_municipality_code()))
            return rc;
        }
        req.set_region_code(*region);
        if (!provider->empty()) {
          if (int rc = lookup.Provider(*provider, req.mutable_provider())) return rc;
        }
        ct::ContractFamily fam;
        if (!family->empty()) {
          if (!EnumFlag(ct::ContractFamily_descriptor(), "CONTRACT_FAMILY_", "--family", *family,
                        &fam))
            return 2;
          req.set_family(fam);
        }
        for (const auto& k : *kinds) {
          ct::AgendaKind kind;
          if (!EnumFlag(ct::AgendaKind_descriptor(), "AGENDA_KIND_", "--kind", k, &kind)) return 2;
          req.add_kinds(kind);
        }
        return Send(
            o, &ct::ContractService::Stub::ListAgenda, req,
            [&](const ct::ListAgendaResponse& resp) {
              std::vector<std::string> every_provider;
              for (const auto& i : resp.items()) {
                every_provider.insert(every_provider.end(), i.providers().begin(),
                                      i.providers().end());
              }
              lookup.PrefetchProviders(every_provider);
              std::vector<std::vector<std::string>> rows;
              for (const auto& i : resp.items()) {
                rows.push_back(
                    {DutchDate(i.date()), i.contract_reference(), i.summary(),
                     i.subject().empty() ? i.contract_reference() : i.subject(),
                     lookup.ProviderNames({i.providers().begin(), i.providers().end()}, 1)});
              }
              PrintTable({"DATUM", "CONTRACT", "ACTIE", "OBJECT", "AANBIEDERS"}, rows);
            },
            flags);
      });
    });
  }

  // ---- notes ----
  auto* notes = app.add_subcommand("notes", "notities van het contractmanagement");
  notes->require_subcommand(1);
  {
    auto* add = notes->add_subcommand("add", "een notitie bij een contract vastleggen");
    auto id = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    auto municipality = std::make_shared<std::string>();
    add->add_option("contract", *id, "kenmerk of id")->required();
    add->add_option("--text", *text, "de notitie")->required();
    add->add_option("--municipality", *municipality,
                    "gemeente: naam of CBS-code (gemeentelijke gebruikers: de eigen gemeente)");
    const FlagTable flags = {{"note.contract", "contract"},
                             {"note.text", "--text"},
                             {"note.municipality_code", "--municipality"}};
    add->callback([&, id, text, municipality, flags] {
      Run(o, exit_code, [&](Client& client) {
        Lookup lookup(o);
        ct::CreateContractNoteRequest req;
        if (int rc = lookup.Contract(*id, req.mutable_note()->mutable_contract())) return rc;
        req.mutable_note()->set_text(*text);
        if (!municipality->empty()) {
          if (int rc = lookup.MunicipalityCode(*municipality,
                                               req.mutable_note()->mutable_municipality_code()))
            return rc;
        }
        return Send(
            o, &ct::ContractService::Stub::CreateContractNote, req,
            [&](const ct::ContractNote& n) { std::cout << n.name() << " vastgelegd\n"; }, flags);
      });
    });
    auto* list = notes->add_subcommand("list", "de notities bij een contract");
    auto lid = std::make_shared<std::string>();
    list->add_option("contract", *lid, "kenmerk of id")->required();
    list->callback([&, lid] {
      Run(o, exit_code, [&](Client& client) {
        Lookup lookup(o);
        ct::ListContractNotesRequest req;
        if (int rc = lookup.Contract(*lid, req.mutable_contract())) return rc;
        return Send(o, &ct::ContractService::Stub::ListContractNotes, req,
                    [&](const ct::ListContractNotesResponse& resp) {
                      std::vector<std::vector<std::string>> rows;
                      for (const auto& n : resp.notes())
                        rows.push_back(
                            {lookup.MunicipalityName(n.municipality_code()), n.author(), n.text()});
                      PrintTable({"GEMEENTE", "AUTEUR", "NOTITIE"}, rows);
                    });
      });
    });
  }

  // ---- legal ----
  auto* legal =
      app.add_subcommand("legal", "juridische trajecten: ingebrekestelling, sancties, ontbinding");
  legal->require_subcommand(1);
  {
    auto* list = legal->add_subcommand("list", "de juridische stappen bij een contract");
    auto id = std::make_shared<std::string>();
    list->add_option("contract", *id, "kenmerk of id")->required();
    list->callback([&, id] {
      Run(o, exit_code, [&](Client& client) {
        ct::ListLegalStepsRequest req;
        if (int rc = Lookup(o).Contract(*id, req.mutable_contract())) return rc;
        return Send(
            o, &ct::ContractService::Stub::ListLegalSteps, req,
            [&](const ct::ListLegalStepsResponse& resp) {
              std::vector<std::vector<std::string>> rows;
              for (const auto& s : resp.steps()) {
                rows.push_back(
                    {s.name(), Short(ct::LegalStepKind_descriptor(), s.kind(), "LEGAL_STEP_KIND_"),
                     DutchDate(s.date()), DutchDate(s.deadline()),
                     s.remedied() ? "hersteld" : (s.response().empty() ? "" : "gereageerd"),
                     s.grounds()});
              }
              PrintTable({"STAP", "SOORT", "DATUM", "TERMIJN", "REACTIE", "GRONDEN"}, rows);
            });
      });
    });
    auto* add = legal->add_subcommand(
        "add", "een juridische stap vastleggen uit een JSON-bestand (ozjt.contracts.v1.LegalStep)");
    auto file = std::make_shared<std::string>();
    add->add_option("--json-file", *file, "de stap als JSON-bestand")->required();
    add->callback([&, file] {
      Run(o, exit_code, [&](Client& client) {
        ct::CreateLegalStepRequest req;
        if (!ReadJsonFile(*file, req.mutable_step())) return 2;
        return Send(o, &ct::ContractService::Stub::CreateLegalStep, req,
                    [&](const ct::LegalStep& s) { std::cout << s.name() << " vastgelegd\n"; });
      });
    });
    auto* respond = legal->add_subcommand(
        "respond", "de reactie van de aanbieder op een ingebrekestelling vastleggen");
    auto step = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    auto remedied = std::make_shared<bool>(false);
    respond->add_option("step", *step, "id van de juridische stap")->required();
    respond->add_option("--date", *date, "dd-mm-jjjj")->required();
    respond->add_option("--response", *text, "de reactie")->required();
    respond->add_flag("--remedied", *remedied, "het verzuim is op tijd hersteld");
    const FlagTable flags = {{"step", "step"},
                             {"response_date", "--date"},
                             {"response", "--response"},
                             {"remedied", "--remedied"}};
    respond->callback([&, step, date, text, remedied, flags] {
      Run(o, exit_code, [&](Client& client) {
        ct::RecordDefaultResponseRequest req;
        req.set_step(Name("legalSteps", *step));
        if (!ParseDateFlag("--date", *date, req.mutable_response_date())) return 2;
        req.set_response(*text);
        req.set_remedied(*remedied);
        return Send(
            o, &ct::ContractService::Stub::RecordDefaultResponse, req,
            [&](const ct::LegalStep& s) { std::cout << s.name() << " bijgewerkt\n"; }, flags);
      });
    });
  }

  // ---- tariffs and indexation ----
  auto* tariffs =
      app.add_subcommand("tariffs", "tariefregels, indexcijfers, reële prijzen, indexatie");
  tariffs->require_subcommand(1);
  {
    auto* list = tariffs->add_subcommand("list", "de tariefregels van een contract");
    auto id = std::make_shared<std::string>();
    auto on = std::make_shared<std::string>();
    list->add_option("contract", *id, "kenmerk of id")->required();
    list->add_option("--on", *on, "alleen regels die gelden op dd-mm-jjjj");
    list->callback([&, id, on] {
      Run(o, exit_code, [&](Client& client) {
        ct::ListTariffLinesRequest req;
        if (!on->empty() && !ParseDateFlag("--on", *on, req.mutable_valid_on())) return 2;
        if (int rc = Lookup(o).Contract(*id, req.mutable_contract())) return rc;
        return Send(o, &ct::TariffService::Stub::ListTariffLines, req,
                    [&](const ct::ListTariffLinesResponse& resp) {
                      std::vector<std::vector<std::string>> rows;
                      for (const auto& l : resp.lines()) {
                        rows.push_back({l.name().substr(12), l.product_category(), l.product_code(),
                                        l.description(), l.unit(), Euros(l.amount_cents()),
                                        DutchDate(l.valid_from()), DutchDate(l.valid_to()),
                                        std::to_string(l.index_year()),
                                        l.below_floor() ? "onder reële prijs" : ""});
                      }
                      PrintTable({"ID", "CAT", "CODE", "OMSCHRIJVING", "EENH", "TARIEF", "VANAF",
                                  "TOT EN MET", "PRIJSPEIL", ""},
                                 rows);
                    });
      });
    });
    auto* add = tariffs->add_subcommand(
        "add", "een tariefregel toevoegen uit een JSON-bestand (ozjt.contracts.v1.TariffLine)");
    auto file = std::make_shared<std::string>();
    add->add_option("--json-file", *file, "de tariefregel als JSON-bestand")->required();
    add->callback([&, file] {
      Run(o, exit_code, [&](Client& client) {
        ct::CreateTariffLineRequest req;
        if (!ReadJsonFile(*file, req.mutable_line())) return 2;
        return Send(o, &ct::TariffService::Stub::CreateTariffLine, req,
                    [&](const ct::TariffLine& l) {
                      std::cout << l.name() << " vastgelegd"
                                << (l.below_floor() ? " (onder de reële prijs!)" : "") << "\n";
                    });
      });
    });
    auto* figures = tariffs->add_subcommand("figures", "gepubliceerde indexcijfers");
    figures->callback([&] {
      Run(o, exit_code, [&](Client& client) {
        ct::ListIndexFiguresResponse resp;
        auto ctx = client.Context();
        grpc::Status st =
            ct::TariffService::NewStub(client.channel())->ListIndexFigures(ctx.get(), {}, &resp);
        if (!st.ok()) return PrintError(st, ctx.get());
        if (o.json) {
          PrintJson(resp);
          return 0;
        }
        std::vector<std::vector<std::string>> rows;
        for (const auto& f : resp.figures()) {
          rows.push_back({f.component(), std::to_string(f.year()),
                          f.kind() == ct::FIGURE_KIND_FINAL ? "definitief" : "voorlopig",
                          f.percent() + "%"});
        }
        PrintTable({"COMPONENT", "JAAR", "SOORT", "PERCENTAGE"}, rows);
        return 0;
      });
    });
    auto* add_figure =
        tariffs->add_subcommand("add-figure", "een gepubliceerd indexcijfer vastleggen");
    auto component = std::make_shared<std::string>();
    auto year = std::make_shared<int>(0);
    auto kind = std::make_shared<std::string>();
    auto percent = std::make_shared<std::string>();
    add_figure->add_option("--component", *component, "soort indexcijfer: OVA, PCC, CAO-...")
        ->required();
    add_figure->add_option("--year", *year, "jaar")->required();
    add_figure->add_option("--kind", *kind, "forecast (voorlopig) of final (definitief)")
        ->required();
    add_figure->add_option("--percent", *percent, "het cijfer, bijv. 4,94")->required();
    const FlagTable figure_flags = {{"figure.component", "--component"},
                                    {"figure.year", "--year"},
                                    {"figure.kind", "--kind"},
                                    {"figure.percent", "--percent"}};
    add_figure->callback([&, component, year, kind, percent, figure_flags] {
      Run(o, exit_code, [&](Client& client) {
        ct::CreateIndexFigureRequest req;
        req.mutable_figure()->set_component(*component);
        req.mutable_figure()->set_year(*year);
        ct::FigureKind k;
        if (!EnumFlag(ct::FigureKind_descriptor(), "FIGURE_KIND_", "--kind", *kind, &k)) return 2;
        req.mutable_figure()->set_kind(k);
        if (!DecimalFlag("--percent", *percent, req.mutable_figure()->mutable_percent())) return 2;
        ct::IndexFigure f;
        auto ctx = client.Context();
        grpc::Status st =
            ct::TariffService::NewStub(client.channel())->CreateIndexFigure(ctx.get(), req, &f);
        if (!st.ok()) return PrintError(st, ctx.get(), figure_flags);
        std::cout << f.component() << " " << f.year() << " " << f.percent() << "% vastgelegd\n";
        return 0;
      });
    });
    for (const bool apply : {false, true}) {
      auto* cmd = tariffs->add_subcommand(
          apply ? "index-apply" : "index-preview",
          apply
              ? "de jaarlijkse indexatie doorvoeren (legt nieuwe tariefregels vast vanaf 1 januari)"
              : "de jaarlijkse indexatie berekenen; legt niets vast");
      auto id = std::make_shared<std::string>();
      auto iyear = std::make_shared<int>(0);
      auto expect = std::make_shared<std::string>();
      cmd->add_option("contract", *id, "kenmerk of id")->required();
      cmd->add_option("--year", *iyear, "het jaar vanaf wanneer de nieuwe tarieven gelden")
          ->required();
      if (apply)
        cmd->add_option("--expect", *expect,
                        "het indexcijfer uit de voorberekening dat u goedkeurt, bijv. 6,30")
            ->required();
      const FlagTable flags = {
          {"contract", "contract"}, {"year", "--year"}, {"expected_index_percent", "--expect"}};
      cmd->callback([&, id, iyear, expect, apply, flags] {
        Run(o, exit_code, [&](Client& client) {
          Lookup lookup(o);
          std::string contract, expected;
          if (apply && !DecimalFlag("--expect", *expect, &expected)) return 2;
          if (int rc = lookup.Contract(*id, &contract)) return rc;
          ct::IndexationPreview resp;
          auto stub = ct::TariffService::NewStub(client.channel());
          auto ctx = client.Context();
          grpc::Status st;
          if (apply) {
            ct::ApplyIndexationRequest req;
            req.set_contract(contract);
            req.set_year(*iyear);
            req.set_expected_index_percent(expected);
            st = stub->ApplyIndexation(ctx.get(), req, &resp);
          } else {
            ct::PreviewIndexationRequest req;
            req.set_contract(contract);
            req.set_year(*iyear);
            st = stub->PreviewIndexation(ctx.get(), req, &resp);
          }
          if (!st.ok()) return PrintError(st, ctx.get(), flags);
          if (o.json) {
            PrintJson(resp);
            return 0;
          }
          std::cout << "indexering " << resp.year() << " voor "
                    << lookup.ContractReference(resp.contract())
                    << (resp.first_year() ? " (eerste contractjaar: alleen de raming)" : "")
                    << "\n";
          std::vector<std::vector<std::string>> comps;
          for (const auto& c : resp.components()) {
            comps.push_back({c.component(), std::to_string(c.weight_percent()) + "%", c.forecast(),
                             c.previous_forecast(), c.previous_final(), c.correction()});
          }
          PrintTable({"COMPONENT", "GEWICHT", "RAMING", "RAMING VORIG JR", "DEFINITIEF VORIG JR",
                      "CORRECTIE"},
                     comps);
          std::cout << "gewogen raming " << resp.weighted_forecast() << " + gewogen correctie "
                    << resp.weighted_correction() << " = index " << resp.index_percent() << "%\n";
          std::vector<std::vector<std::string>> lines;
          for (const auto& l : resp.lines()) {
            lines.push_back({l.line(), l.product_code(), l.description(),
                             Euros(l.old_amount_cents()), Euros(l.new_amount_cents()),
                             l.below_floor() ? "onder reële prijs" : "", l.new_line()});
          }
          PrintTable({"REGEL", "CODE", "OMSCHRIJVING", "OUD", "NIEUW", "", "NIEUWE REGEL"}, lines);
          for (const auto& w : resp.warnings()) std::cout << "waarschuwing: " << w << "\n";
          std::cout << (resp.applied() ? "toegepast\n" : "voorbeeld; niets vastgelegd\n");
          return 0;
        });
      });
    }
    auto* add_floor = tariffs->add_subcommand(
        "add-floor", "een reële prijs (ondergrens van het tarief) vastleggen");
    auto category = std::make_shared<std::string>();
    auto code = std::make_shared<std::string>();
    auto fyear = std::make_shared<int>(0);
    auto cents = std::make_shared<long long>(0);
    auto amount = std::make_shared<std::string>();
    add_floor->add_option("--category", *category, "productcategorie, bijv. 01")->required();
    add_floor->add_option("--code", *code, "productcode")->required();
    add_floor->add_option("--year", *fyear, "jaar")->required();
    auto* amount_flag =
        add_floor->add_option("--amount", *amount, "reële prijs per eenheid in euro, bijv. 32,42");
    add_floor->add_option("--cents", *cents, "reële prijs per eenheid in centen")
        ->excludes(amount_flag);
    const FlagTable floor_flags = {{"floor.product_category", "--category"},
                                   {"floor.product_code", "--code"},
                                   {"floor.year", "--year"},
                                   {"floor.floor_cents", "--amount"}};
    add_floor->callback([&, add_floor, category, code, fyear, cents, amount, floor_flags] {
      Run(o, exit_code, [&](Client& client) {
        ct::CreateTariffFloorRequest req;
        req.mutable_floor()->set_product_category(*category);
        req.mutable_floor()->set_product_code(*code);
        req.mutable_floor()->set_year(*fyear);
        int64_t floor_cents = *cents;
        if (add_floor->count("--amount") > 0 && !ParseAmountCents(*amount, &floor_cents)) {
          return UsageError("--amount: '" + *amount +
                            "' is geen bedrag; schrijf bijvoorbeeld 32,42 of 1.234,50.");
        }
        if (add_floor->count("--amount") + add_floor->count("--cents") == 0) {
          return UsageError(
              "--amount is verplicht bij 'ozjt tariffs add-floor' (bijvoorbeeld "
              "--amount 32,42).");
        }
        req.mutable_floor()->set_floor_cents(floor_cents);
        ct::TariffFloor f;
        auto ctx = client.Context();
        grpc::Status st =
            ct::TariffService::NewStub(client.channel())->CreateTariffFloor(ctx.get(), req, &f);
        if (!st.ok()) return PrintError(st, ctx.get(), floor_flags);
        std::cout << "reële prijs " << Euros(f.floor_cents()) << " vastgelegd\n";
        return 0;
      });
    });
  }

  // ---- vervoer KPIs ----
  auto* kpi = app.add_subcommand("kpi", "KPI's van het doelgroepenvervoer");
  kpi->require_subcommand(1);
  {
    auto* defs = kpi->add_subcommand("definitions", "de KPI-normen van een perceel");
    auto id = std::make_shared<std::string>();
    defs->add_option("contract", *id, "perceel of contract: kenmerk of id")->required();
    defs->callback([&, id] {
      Run(o, exit_code, [&](Client& client) {
        ct::ListKpiDefinitionsRequest req;
        if (int rc = Lookup(o).Contract(*id, req.mutable_contract())) return rc;
        return Send(
            o, &ct::VervoerService::Stub::ListKpiDefinitions, req,
            [&](const ct::ListKpiDefinitionsResponse& resp) {
              std::vector<std::vector<std::string>> rows;
              for (const auto& d : resp.definitions()) {
                rows.push_back(
                    {Short(ct::KpiKind_descriptor(), d.kind(), "KPI_KIND_"),
                     (d.direction() == ct::NORM_DIRECTION_AT_LEAST ? ">= " : "<= ") + d.norm(),
                     d.description()});
              }
              PrintTable({"KPI", "NORM", "OMSCHRIJVING"}, rows);
            });
      });
    });
    auto* record = kpi->add_subcommand("record", "een meting vastleggen");
    auto rid = std::make_shared<std::string>();
    auto period = std::make_shared<std::string>();
    auto kind = std::make_shared<std::string>();
    auto value = std::make_shared<std::string>();
    auto source = std::make_shared<std::string>();
    auto municipality = std::make_shared<std::string>();
    record->add_option("contract", *rid, "perceel of contract: kenmerk of id")->required();
    record->add_option("--period", *period, "periode: jjjj-mm of jjjj-Qn (kwartaal)")->required();
    record
        ->add_option("--kpi", *kind,
                     "KPI: punctuality (stiptheid), ride_time (ritduur), detour (omrijden), "
                     "complaints (klachten), satisfaction (tevredenheid)")
        ->required();
    record->add_option("--value", *value, "de gemeten waarde, bijv. 94,80")->required();
    record->add_option("--source", *source, "bron: callcentre, monitoring of survey (enquête)")
        ->required();
    record->add_option("--municipality", *municipality,
                       "gemeente: naam of CBS-code (gemeentelijke gebruikers: de eigen gemeente)");
    const FlagTable flags = {
        {"measurement.contract", "contract"}, {"measurement.period", "--period"},
        {"measurement.kind", "--kpi"},        {"measurement.value", "--value"},
        {"measurement.source", "--source"},   {"measurement.municipality_code", "--municipality"}};
    record->callback([&, rid, period, kind, value, source, municipality, flags] {
      Run(o, exit_code, [&](Client& client) {
        Lookup lookup(o);
        ct::RecordKpiMeasurementRequest req;
        auto* m = req.mutable_measurement();
        m->set_period(*period);
        ct::KpiKind k;
        ct::MeasurementSource src;
        if (!EnumFlag(ct::KpiKind_descriptor(), "KPI_KIND_", "--kpi", *kind, &k) ||
            !EnumFlag(ct::MeasurementSource_descriptor(), "MEASUREMENT_SOURCE_", "--source",
                      *source, &src) ||
            !DecimalFlag("--value", *value, m->mutable_value())) {
          return 2;
        }
        m->set_kind(k);
        m->set_source(src);
        if (!municipality->empty()) {
          if (int rc = lookup.MunicipalityCode(*municipality, m->mutable_municipality_code()))
            return rc;
        }
        if (int rc = lookup.Contract(*rid, m->mutable_contract())) return rc;
        return Send(
            o, &ct::VervoerService::Stub::RecordKpiMeasurement, req,
            [&](const ct::KpiMeasurement& out) { std::cout << out.name() << " vastgelegd\n"; },
            flags);
      });
    });
    auto* breaches = kpi->add_subcommand("breaches", "metingen die hun norm niet halen");
    auto bperiod = std::make_shared<std::string>();
    auto bid = std::make_shared<std::string>();
    breaches->add_option("--period", *bperiod, "periode: jjjj-mm of jjjj-Qn (kwartaal)")
        ->required();
    breaches->add_option("--contract", *bid,
                         "perceel of contract: kenmerk of id (standaard: alle)");
    breaches->callback([&, bperiod, bid] {
      Run(o, exit_code, [&](Client& client) {
        Lookup lookup(o);
        ct::ListKpiBreachesRequest req;
        req.set_period(*bperiod);
        if (!bid->empty()) {
          if (int rc = lookup.Contract(*bid, req.mutable_contract())) return rc;
        }
        return Send(
            o, &ct::VervoerService::Stub::ListKpiBreaches, req,
            [&](const ct::ListKpiBreachesResponse& resp) {
              std::vector<std::vector<std::string>> rows;
              for (const auto& b : resp.breaches()) {
                const auto& m = b.measurement();
                rows.push_back(
                    {lookup.ContractReference(m.contract()), m.period(),
                     Short(ct::KpiKind_descriptor(), m.kind(), "KPI_KIND_"), m.value(),
                     (b.direction() == ct::NORM_DIRECTION_AT_LEAST ? ">= " : "<= ") + b.norm(),
                     Short(ct::MeasurementSource_descriptor(), m.source(), "MEASUREMENT_SOURCE_"),
                     lookup.MunicipalityName(m.municipality_code())});
              }
              PrintTable({"CONTRACT", "PERIODE", "KPI", "WAARDE", "NORM", "BRON", "GEMEENTE"},
                         rows);
            },
            {{"period", "--period"}, {"contract", "--contract"}});
      });
    });
  }
}

}  // namespace ozjt::cli
