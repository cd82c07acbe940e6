#include "clients/cli/agenda_cli.h"

#include "clients/cli/lookup.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ct = ::ozjt::contracts::v1;

void ListKinds(CLI::App* cmd, std::vector<std::string>* kinds) {
  cmd->add_option(
      "--kind", *kinds,
      "soort: notice_deadline (aanzegtermijn), contract_end (einde contract), legal_deadline "
      "(juridische termijn), tariff_below_floor (tarief onder reële prijs) (herhaalbaar)");
}

// The table of `agenda`, with the providers' names.
void PrintAgenda(const ct::ListAgendaResponse& resp, Lookup& lookup) {
  std::vector<std::string> every_provider;
  for (const auto& i : resp.items()) {
    every_provider.insert(every_provider.end(), i.providers().begin(), i.providers().end());
  }
  lookup.PrefetchProviders(every_provider);
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : resp.items()) {
    rows.push_back({DutchDate(i.date()), i.contract_reference(), i.summary(),
                    i.subject().empty() ? i.contract_reference() : i.subject(),
                    lookup.ProviderNames({i.providers().begin(), i.providers().end()}, 1)});
  }
  PrintTable({"DATUM", "CONTRACT", "ACTIE", "OBJECT", "AANBIEDERS"}, rows);
}

// Every page of the window (the service gives at most 1000 items a call), as a table or JSON.
int ShowWholeAgenda(const Options& o, Client& client, ct::ListAgendaRequest req, Lookup& lookup,
                    const FlagTable& flags) {
  req.set_page_size(1000);
  auto stub = ct::ContractService::NewStub(client.channel());
  ct::ListAgendaResponse all;
  do {
    ct::ListAgendaResponse page;
    auto ctx = client.Context();
    grpc::Status s = stub->ListAgenda(ctx.get(), req, &page);
    if (!s.ok()) return PrintError(s, ctx.get(), flags);
    for (auto& i : *page.mutable_items()) *all.add_items() = std::move(i);
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  if (o.json) {
    PrintJson(all);
  } else {
    PrintAgenda(all, lookup);
  }
  return 0;
}

}  // namespace

void AddAgendaCommands(CLI::App& app, const Options& o, int& exit_code) {
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
        if (int rc = lookup.MunicipalityCode(*municipality, req.mutable_municipality_code())) {
          return rc;
        }
      }
      req.set_region_code(*region);
      if (!provider->empty()) {
        if (int rc = lookup.Provider(*provider, req.mutable_provider())) return rc;
      }
      ct::ContractFamily fam;
      if (!family->empty()) {
        if (!EnumFlag(ct::ContractFamily_descriptor(), "CONTRACT_FAMILY_", "--family", *family,
                      &fam)) {
          return 2;
        }
        req.set_family(fam);
      }
      for (const auto& k : *kinds) {
        ct::AgendaKind kind;
        if (!EnumFlag(ct::AgendaKind_descriptor(), "AGENDA_KIND_", "--kind", k, &kind)) return 2;
        req.add_kinds(kind);
      }
      return ShowWholeAgenda(o, client, std::move(req), lookup, flags);
    });
  });
}

}  // namespace ozjt::cli
