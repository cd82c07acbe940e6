#include "clients/cli/finance_cli.h"

#include <memory>

#include "clients/cli/accountregion_common.h"

namespace ozjt::cli {
namespace {

namespace ar = ::ozjt::accountregion::v1;

std::string Class(int c) {
  static const char* kNames[] = {"", "slechtst", "zwak", "redelijk", "goed", "sterk"};
  return c >= 0 && c <= 5 ? kNames[c] : "";
}

void AddFinanceAdd(CLI::App* finance, const Options& o, int& exit_code) {
  auto* add = finance->add_subcommand(
      "add", "een jaarrekening vastleggen uit een JSON-bestand (FinancialStatement)");
  auto file = std::make_shared<std::string>();
  add->add_option("--json-file", *file, "de jaarrekening als JSON-bestand")->required();
  add->callback([&, file] {
    ar::CreateFinancialStatementRequest q;
    if (!ReadJsonFile(*file, q.mutable_statement())) {
      exit_code = 2;
      return;
    }
    exit_code = AccountRegionCall<ar::FinancialStatement>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.CreateFinancialStatement(ctx, q, resp); },
        [](const ar::FinancialStatement& f) {
          std::cout << f.period() << ": solvabiliteit " << f.solvency().percent() << "% ("
                    << Class(f.solvency().class_()) << "), current ratio "
                    << f.current_ratio().percent() << "% (" << Class(f.current_ratio().class_())
                    << "), rentabiliteit " << f.profitability().percent() << "% ("
                    << Class(f.profitability().class_()) << ")\n";
        });
  });
}

void AddFinanceList(CLI::App* finance, const Options& o, int& exit_code) {
  auto* list =
      finance->add_subcommand("list", "de jaarrekeningen en kengetallen van een aanbieder");
  auto id = std::make_shared<std::string>();
  list->add_option("provider", *id, "id, KvK-nummer, AGB-code of naam")->required();
  list->callback([&, id] {
    ar::ListFinancialStatementsRequest q;
    if (!ResolveProvider(o, *id, q.mutable_provider(), &exit_code)) return;
    exit_code = AccountRegionCall<ar::ListFinancialStatementsResponse>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.ListFinancialStatements(ctx, q, resp); },
        [](const ar::ListFinancialStatementsResponse& r) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& f : r.statements()) {
            rows.push_back(
                {f.period(), Euros(f.equity_cents()), Euros(f.revenue_cents()),
                 Euros(f.net_result_cents()),
                 f.solvency().percent() + "% " + Class(f.solvency().class_()),
                 f.current_ratio().percent() + "% " + Class(f.current_ratio().class_()),
                 f.profitability().percent() + "% " + Class(f.profitability().class_())});
          }
          PrintTable({"PERIODE", "EIGEN VERMOGEN", "OMZET", "RESULTAAT", "SOLVABILITEIT",
                      "CURRENT RATIO", "RENTABILITEIT"},
                     rows);
        });
  });
}

}  // namespace

void AddFinanceCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* finance = app.add_subcommand("finance", "jaarrekeningen (alleen OZJT)");
  finance->require_subcommand(1);
  AddFinanceAdd(finance, o, exit_code);
  AddFinanceList(finance, o, exit_code);
}

}  // namespace ozjt::cli
