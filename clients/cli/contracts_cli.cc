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

// The filter of `contracts list` from its flags: `s` holds municipality, provider, family, kind
// and status; prints the Dutch usage error and returns its exit code for a value that cannot be.
int FillContractFilter(Lookup& lookup, const std::array<std::string, 5>& s, const std::string& text,
                       const std::string& parent, ct::ContractFilter* filter) {
  filter->set_text(text);
  if (!s[0].empty()) {
    if (int rc = lookup.MunicipalityCode(s[0], filter->mutable_municipality_code())) return rc;
  }
  if (!s[1].empty()) {
    if (int rc = lookup.Provider(s[1], filter->mutable_provider())) return rc;
  }
  if (!parent.empty()) {
    if (int rc = lookup.Contract(parent, filter->mutable_parent())) return rc;
  }
  ct::ContractFamily family;
  ct::ContractKind kind;
  ct::ContractStatus status;
  if (!s[2].empty()) {
    if (!EnumFlag(ct::ContractFamily_descriptor(), "CONTRACT_FAMILY_", "--family", s[2], &family)) {
      return 2;
    }
    filter->set_family(family);
  }
  if (!s[3].empty()) {
    if (!EnumFlag(ct::ContractKind_descriptor(), "CONTRACT_KIND_", "--kind", s[3], &kind)) return 2;
    filter->set_kind(kind);
  }
  if (!s[4].empty()) {
    if (!EnumFlag(ct::ContractStatus_descriptor(), "CONTRACT_STATUS_", "--status", s[4], &status)) {
      return 2;
    }
    filter->set_status(status);
  }
  return 0;
}

// The table of `contracts list`.
void PrintContractRows(const ct::ListContractsResponse& all_found, Lookup& lookup) {
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
  PrintTable({"ID", "KENMERK", "TITEL", "FAMILIE", "STATUS", "EINDE", "GEMEENTEN", "AANBIEDERS"},
             rows);
}

int ListContracts(const Options& o, Client& client, const std::array<std::string, 5>& s,
                  const std::string& text, const std::string& parent, bool all,
                  const FlagTable& flags) {
  Lookup lookup(o);
  ct::ListContractsRequest req;
  if (int rc = FillContractFilter(lookup, s, text, parent, req.mutable_filter())) return rc;
  auto stub = ct::ContractService::NewStub(client.channel());
  ct::ListContractsResponse all_found, page;
  do {
    auto ctx = client.Context();
    grpc::Status st = stub->ListContracts(ctx.get(), req, &page);
    if (!st.ok()) return PrintError(st, ctx.get(), flags);
    for (const auto& c : page.contracts()) *all_found.add_contracts() = c;
    req.set_page_token(page.next_page_token());
  } while (all && !req.page_token().empty());
  if (o.json) {
    PrintJson(all_found);
    return 0;
  }
  PrintContractRows(all_found, lookup);
  if (!page.next_page_token().empty() && !all) std::cerr << "(meer: --all)\n";
  return 0;
}

void AddContractsList(CLI::App* contracts, const Options& o, int& exit_code) {
  auto* list = contracts->add_subcommand("list", "contracten opzoeken");
  auto s = std::make_shared<std::array<std::string, 5>>();  // municipality, provider, family,
                                                            // kind, status
  auto all = std::make_shared<bool>(false);
  auto text = std::make_shared<std::string>();
  auto parent = std::make_shared<std::string>();
  list->add_option("--text", *text, "deel van kenmerk of titel");
  list->add_option("--municipality", (*s)[0], "gemeente: naam of CBS-code");
  list->add_option("--provider", (*s)[1], "aanbieder: id, KvK-nummer, AGB-code of naam");
  list->add_option("--family", (*s)[2],
                   "contractfamilie: general, ho, vervoer, medicatiecontrole, jeugdzorg_plus, ...");
  list->add_option("--kind", (*s)[3],
                   "soort: framework (raamovereenkomst), lot (perceel), call_off (nadere "
                   "overeenkomst), subsidy (subsidie), single (enkelvoudig)");
  list->add_option("--status", (*s)[4],
                   "status: draft (concept), awarded (gegund), active (actief), expired "
                   "(verlopen), terminated (beeindigd)");
  list->add_option("--parent", *parent,
                   "raamovereenkomst (kenmerk of id): toon haar percelen en nadere overeenkomsten");
  list->add_flag("--all", *all, "alle pagina's");
  const FlagTable flags = {
      {"filter.text", "--text"},         {"filter.municipality_code", "--municipality"},
      {"filter.provider", "--provider"}, {"filter.family", "--family"},
      {"filter.kind", "--kind"},         {"filter.status", "--status"},
      {"filter.parent", "--parent"},     {"page_size", "--page-size"}};
  list->callback([&, s, all, text, parent, flags] {
    Run(o, exit_code,
        [&](Client& client) { return ListContracts(o, client, *s, *text, *parent, *all, flags); });
  });
}

void AddContractsGet(CLI::App* contracts, const Options& o, int& exit_code) {
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

void AddContractsCreate(CLI::App* contracts, const Options& o, int& exit_code) {
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

void AddContractsUpdate(CLI::App* contracts, const Options& o, int& exit_code) {
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

void AddContractsHistory(CLI::App* contracts, const Options& o, int& exit_code) {
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

void AddContractsExercise(CLI::App* contracts, const Options& o, int& exit_code) {
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

}  // namespace

void AddContractCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* contracts = app.add_subcommand("contracts", "contracten en percelen");
  contracts->require_subcommand(1);
  AddContractsList(contracts, o, exit_code);
  AddContractsGet(contracts, o, exit_code);
  AddContractsCreate(contracts, o, exit_code);
  AddContractsUpdate(contracts, o, exit_code);
  AddContractsHistory(contracts, o, exit_code);
  AddContractsExercise(contracts, o, exit_code);
}

}  // namespace ozjt::cli
