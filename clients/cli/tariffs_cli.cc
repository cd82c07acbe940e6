#include "clients/cli/tariffs_cli.h"

#include "clients/cli/lookup.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ct = ::ozjt::contracts::v1;

void AddTariffsList(CLI::App* tariffs, const Options& o, int& exit_code) {
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
}

void AddTariffsAdd(CLI::App* tariffs, const Options& o, int& exit_code) {
  auto* add = tariffs->add_subcommand(
      "add", "een tariefregel toevoegen uit een JSON-bestand (ozjt.contracts.v1.TariffLine)");
  auto file = std::make_shared<std::string>();
  add->add_option("--json-file", *file, "de tariefregel als JSON-bestand")->required();
  add->callback([&, file] {
    Run(o, exit_code, [&](Client& client) {
      ct::CreateTariffLineRequest req;
      if (!ReadJsonFile(*file, req.mutable_line())) return 2;
      return Send(o, &ct::TariffService::Stub::CreateTariffLine, req, [&](const ct::TariffLine& l) {
        std::cout << l.name() << " vastgelegd"
                  << (l.below_floor() ? " (onder de reële prijs!)" : "") << "\n";
      });
    });
  });
}

void AddTariffsFigures(CLI::App* tariffs, const Options& o, int& exit_code) {
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
}

void AddTariffsAddFigure(CLI::App* tariffs, const Options& o, int& exit_code) {
  auto* add_figure =
      tariffs->add_subcommand("add-figure", "een gepubliceerd indexcijfer vastleggen");
  auto component = std::make_shared<std::string>();
  auto year = std::make_shared<int>(0);
  auto kind = std::make_shared<std::string>();
  auto percent = std::make_shared<std::string>();
  add_figure->add_option("--component", *component, "soort indexcijfer: OVA, PCC, CAO-...")
      ->required();
  add_figure->add_option("--year", *year, "jaar")->required();
  add_figure->add_option("--kind", *kind, "forecast (voorlopig) of final (definitief)")->required();
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
}

// The calculation of `tariffs index-preview` and `index-apply`: components, index and lines.
void PrintIndexation(const ct::IndexationPreview& resp, Lookup& lookup) {
  std::cout << "indexering " << resp.year() << " voor " << lookup.ContractReference(resp.contract())
            << (resp.first_year() ? " (eerste contractjaar: alleen de raming)" : "") << "\n";
  std::vector<std::vector<std::string>> comps;
  for (const auto& c : resp.components()) {
    comps.push_back({c.component(), std::to_string(c.weight_percent()) + "%", c.forecast(),
                     c.previous_forecast(), c.previous_final(), c.correction()});
  }
  PrintTable(
      {"COMPONENT", "GEWICHT", "RAMING", "RAMING VORIG JR", "DEFINITIEF VORIG JR", "CORRECTIE"},
      comps);
  std::cout << "gewogen raming " << resp.weighted_forecast() << " + gewogen correctie "
            << resp.weighted_correction() << " = index " << resp.index_percent() << "%\n";
  std::vector<std::vector<std::string>> lines;
  for (const auto& l : resp.lines()) {
    lines.push_back({l.line(), l.product_code(), l.description(), Euros(l.old_amount_cents()),
                     Euros(l.new_amount_cents()), l.below_floor() ? "onder reële prijs" : "",
                     l.new_line()});
  }
  PrintTable({"REGEL", "CODE", "OMSCHRIJVING", "OUD", "NIEUW", "", "NIEUWE REGEL"}, lines);
  for (const auto& w : resp.warnings()) std::cout << "waarschuwing: " << w << "\n";
  std::cout << (resp.applied() ? "toegepast\n" : "voorbeeld; niets vastgelegd\n");
}

void AddTariffsIndexation(CLI::App* tariffs, const Options& o, int& exit_code) {
  for (const bool apply : {false, true}) {
    auto* cmd = tariffs->add_subcommand(
        apply ? "index-apply" : "index-preview",
        apply ? "de jaarlijkse indexatie doorvoeren (legt nieuwe tariefregels vast vanaf 1 januari)"
              : "de jaarlijkse indexatie berekenen; legt niets vast");
    auto id = std::make_shared<std::string>();
    auto iyear = std::make_shared<int>(0);
    auto expect = std::make_shared<std::string>();
    cmd->add_option("contract", *id, "kenmerk of id")->required();
    cmd->add_option("--year", *iyear, "het jaar vanaf wanneer de nieuwe tarieven gelden")
        ->required();
    if (apply) {
      cmd->add_option("--expect", *expect,
                      "het indexcijfer uit de voorberekening dat u goedkeurt, bijv. 6,30")
          ->required();
    }
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
        PrintIndexation(resp, lookup);
        return 0;
      });
    });
  }
}

void AddTariffsAddFloor(CLI::App* tariffs, const Options& o, int& exit_code) {
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

}  // namespace

void AddTariffCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* tariffs =
      app.add_subcommand("tariffs", "tariefregels, indexcijfers, reële prijzen, indexatie");
  tariffs->require_subcommand(1);
  AddTariffsList(tariffs, o, exit_code);
  AddTariffsAdd(tariffs, o, exit_code);
  AddTariffsFigures(tariffs, o, exit_code);
  AddTariffsAddFigure(tariffs, o, exit_code);
  AddTariffsIndexation(tariffs, o, exit_code);
  AddTariffsAddFloor(tariffs, o, exit_code);
}

}  // namespace ozjt::cli
