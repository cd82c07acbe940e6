#include "clients/cli/jzplus_cli.h"

#include <fstream>
#include <memory>
#include <sstream>

#include "clients/cli/lookup.h"
#include "ozjt/jzplus/v1/jzplus.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace jz = ::ozjt::jzplus::v1;
using Stub = jz::InflowService::Stub;

const char* Judged(jz::Judgement j) {
  switch (j) {
    case jz::JUDGEMENT_ON_TRACK:
      return "ja";
    case jz::JUDGEMENT_OFF_TRACK:
      return "nee";
    default:
      return "?";
  }
}

void PrintReport(const jz::InflowReport& r, bool quarters, Lookup& lookup) {
  std::cout << "Instroom Jeugdzorg Plus "
            << (r.municipality_code().empty() ? "regio Twente"
                                              : lookup.MunicipalityName(r.municipality_code()))
            << " (doel: -" << r.reduction_percent() << "% per jaar vanaf " << r.baseline_year()
            << (r.suppressed() ? "; kleine aantallen afgeschermd: <5 en x" : "") << ")\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& y : r.years()) {
    rows.push_back({std::to_string(y.year()), y.placements().shown(),
                    y.target_year_on_year().shown(), Judged(y.year_on_year()),
                    y.target_cumulative().shown(), y.difference_cumulative().shown(),
                    Judged(y.cumulative()), y.emergency().shown(), y.emergency_share().shown(),
                    y.emergency_share_change().shown()});
  }
  PrintTable({"JAAR", "INSTROOM", "DOEL J-O-J", "OP KOERS", "DOEL PAD", "VERSCHIL", "OP KOERS",
              "SPOED", "SPOED %", "VERANDERING"},
             rows);
  if (quarters) {
    rows.clear();
    for (const auto& q : r.quarters()) {
      rows.push_back({std::to_string(q.year()) + "-Q" + std::to_string(q.quarter()),
                      q.placements().shown(), q.target_year_on_year().shown(),
                      q.target_cumulative().shown(), Judged(q.cumulative()), q.emergency().shown(),
                      q.rolling_placements().shown(), q.rolling_target_year_on_year().shown(),
                      q.rolling_target_cumulative().shown(), Judged(q.rolling_cumulative())});
    }
    std::cout << "\n";
    PrintTable({"KWARTAAL", "INSTROOM", "DOEL J-O-J", "DOEL PAD", "OP KOERS", "SPOED",
                "4 KWARTALEN", "DOEL J-O-J", "DOEL PAD", "OP KOERS"},
               rows);
  }
  if (r.providers_size() > 0) {
    rows.clear();
    std::vector<std::string> header = {"AANBIEDER"};
    for (int y : r.providers(0).years()) header.push_back(std::to_string(y));
    for (const auto& p : r.providers()) {
      std::vector<std::string> row = {p.provider_name()};
      for (int64_t n : p.placements()) row.push_back(std::to_string(n));
      rows.push_back(row);
    }
    std::cout << "\n";
    PrintTable(header, rows);
  }
}

void AddJzplusImport(CLI::App* jzplus, const Options& o, int& exit_code) {
  auto* importer =
      jzplus->add_subcommand("import",
                             "een aanlevering inlezen (CSV: "
                             "jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen)"
                             "; elk kwartaal daarin wordt vervangen");
  auto file = std::make_shared<std::string>();
  auto dry = std::make_shared<bool>(false);
  importer->add_option("file", *file, "het CSV-bestand")->required();
  importer->add_flag("--dry-run", *dry, "alleen controleren");
  importer->callback([&, file, dry] {
    std::string csv;
    if (!ReadTextFile(*file, &csv)) {
      exit_code = 2;
      return;
    }
    jz::ImportInflowRequest q;
    q.set_csv(csv);
    q.set_validate_only(*dry);
    exit_code = Send(o, &Stub::ImportInflow, q, [&](const jz::ImportInflowResponse& r) -> int {
      for (const auto& e : r.errors()) {
        std::cerr << *file << ": " << ImportErrorText(e) << "\n";
      }
      std::cout << (r.committed() ? "ingelezen" : "niets vastgelegd") << ": " << r.rows()
                << " regels";
      if (!r.quarters().empty()) std::cout << ", kwartalen";
      for (const auto& qq : r.quarters()) std::cout << " " << qq;
      std::cout << ", " << r.errors_size() << " fouten\n";
      return r.errors_size() > 0 ? 1 : 0;
    });
  });
}

void AddJzplusReport(CLI::App* jzplus, const Options& o, int& exit_code) {
  auto* report = jzplus->add_subcommand("report", "instroom tegenover de streefwaarde");
  auto municipality = std::make_shared<std::string>();
  auto external = std::make_shared<bool>(false);
  auto quarters = std::make_shared<bool>(false);
  report->add_option("--municipality", *municipality,
                     "gemeente: naam of CBS-code (standaard: de hele regio)");
  report->add_flag("--external", *external, "verberg kleine aantallen, zoals bij publicatie");
  report->add_flag("--quarters", *quarters,
                   "ook per kwartaal en over vier voortschrijdende kwartalen");
  report->callback([&, municipality, external, quarters] {
    jz::GetInflowReportRequest q;
    Lookup lookup(o);
    if (!municipality->empty() &&
        (exit_code = lookup.MunicipalityCode(*municipality, q.mutable_municipality_code()))) {
      return;
    }
    q.set_external(*external);
    exit_code = Send(o, &Stub::GetInflowReport, q,
                     [&](const jz::InflowReport& r) { PrintReport(r, *quarters, lookup); },
                     {{"municipality_code", "--municipality"}});
  });
}

void AddJzplusChart(CLI::App* jzplus, const Options& o, int& exit_code) {
  auto* chart = jzplus->add_subcommand("chart", "de instroomgrafiek als SVG schrijven");
  auto municipality = std::make_shared<std::string>();
  auto external = std::make_shared<bool>(false);
  auto out = std::make_shared<std::string>();
  chart->add_option("--municipality", *municipality,
                    "gemeente: naam of CBS-code (standaard: de hele regio)");
  chart->add_flag("--external", *external, "verberg kleine aantallen, zoals bij publicatie");
  chart->add_option("--out", *out, "het SVG-bestand om te schrijven")->required();
  chart->callback([&, municipality, external, out] {
    jz::GetInflowChartRequest q;
    if (!municipality->empty() &&
        (exit_code = Lookup(o).MunicipalityCode(*municipality, q.mutable_municipality_code()))) {
      return;
    }
    q.set_external(*external);
    exit_code = Send(o, &Stub::GetInflowChart, q, [&](const jz::InflowChart& c) -> int {
      std::ofstream file(*out, std::ios::binary);
      file << c.svg();
      if (!file) {
        std::cerr << "fout: het bestand " << *out << " kan niet worden geschreven.\n";
        return 1;
      }
      std::cout << "grafiek geschreven naar " << *out
                << (c.suppressed() ? " (kleine aantallen afgeschermd)" : "") << "\n";
      return 0;
    });
  });
}

}  // namespace

void AddJzplusCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* jzplus = app.add_subcommand("jzplus", "instroom Jeugdzorg Plus tegenover de streefwaarde");
  jzplus->require_subcommand(1);
  AddJzplusImport(jzplus, o, exit_code);
  AddJzplusReport(jzplus, o, exit_code);
  AddJzplusChart(jzplus, o, exit_code);
}

}  // namespace ozjt::cli
