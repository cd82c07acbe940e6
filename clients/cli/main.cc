// ozjt: the command-line client for every role. See README "CLI".
//
//   export OZJT_TOKEN=$(ozjt-admin token --key .keys/signing.key --role ozjt_contract_manager)
//   ozjt providers list --municipality 0153
//   ozjt providers update 12 --version 3 --status suspended
//   ozjt providers import providers.csv --dry-run
//   ozjt audit list --entity-type provider --entity-id 12
//   ozjt health; ozjt services
//
// Errors are printed in Dutch as "fout: ..." followed by one line per field violation naming
// the flag, and the code and request id; the exit code is 1 for a failed call and 2 for bad
// usage (a mistyped command names the nearest ones: "bedoelde u: contracts?").
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "clients/cli/agenda_cli.h"
#include "clients/cli/audit_cli.h"
#include "clients/cli/cases_cli.h"
#include "clients/cli/cli_common.h"
#include "clients/cli/contracts_cli.h"
#include "clients/cli/finance_cli.h"
#include "clients/cli/insight_cli.h"
#include "clients/cli/jzplus_cli.h"
#include "clients/cli/kpi_cli.h"
#include "clients/cli/legal_cli.h"
#include "clients/cli/notes_cli.h"
#include "clients/cli/providers_cli.h"
#include "clients/cli/reference_cli.h"
#include "clients/cli/region_cli.h"
#include "clients/cli/screening_cli.h"
#include "clients/cli/server_cli.h"
#include "clients/cli/signals_cli.h"
#include "clients/cli/supervision_cli.h"
#include "clients/cli/tariffs_cli.h"
#include "clients/cli/turnover_cli.h"
#include "clients/cli/usage.h"
#include "clients/cli/warnings_cli.h"

namespace ozjt::cli {
namespace {

int RunCommandLine(int argc, char** argv) {
  Options o;
  o.addr = Env("OZJT_ADDR").empty() ? o.addr : Env("OZJT_ADDR");
  o.token = Env("OZJT_TOKEN");
  o.tls_ca = Env("OZJT_TLS_CA");
  CLI::App app("ozjt: de opdrachtregel voor het contractbeheer van OZJT");
  app.require_subcommand(1);
  app.add_option("--addr", o.addr, "adres van de server (omgevingsvariabele OZJT_ADDR)");
  app.add_option("--token", o.token, "toegangstoken (omgevingsvariabele OZJT_TOKEN)");
  app.add_option("--tls-ca", o.tls_ca,
                 "CA-certificaat: verbind via TLS (omgevingsvariabele OZJT_TLS_CA)");
  app.add_option("--timeout", o.timeout_s, "seconden per aanroep naar de server")
      ->check(CLI::Range(1, 3600).description("1 t/m 3600"));
  app.add_flag("--json", o.json, "toon JSON in plaats van een tabel");

  // Each command runs as a callback after parsing and leaves its exit code here; the order
  // of the calls is the order of the commands in --help.
  int exit_code = 0;
  AddProviderCommands(app, o, exit_code);
  AddAuditCommands(app, o, exit_code);
  AddReferenceCommands(app, o, exit_code);
  AddServerCommands(app, o, exit_code);
  AddContractCommands(app, o, exit_code);
  AddAgendaCommands(app, o, exit_code);
  AddNotesCommands(app, o, exit_code);
  AddLegalCommands(app, o, exit_code);
  AddTariffCommands(app, o, exit_code);
  AddKpiCommands(app, o, exit_code);
  AddRegionCommands(app, o, exit_code);
  AddFinanceCommands(app, o, exit_code);
  AddSignalsCommands(app, o, exit_code);
  AddWarningsCommands(app, o, exit_code);
  AddCasesCommands(app, o, exit_code);
  AddTurnoverCommands(app, o, exit_code);
  AddScreeningCommands(app, o, exit_code);
  AddSupervisionCommands(app, o, exit_code);
  AddJzplusCommands(app, o, exit_code);
  AddInsightCommands(app, o, exit_code);
  DutchHelp(app);
  if (int rc = ParseCommandLine(app, argc, argv); rc >= 0) return rc;
  return exit_code;
}

}  // namespace
}  // namespace ozjt::cli

int main(int argc, char** argv) {
  try {
    return ozjt::cli::RunCommandLine(argc, argv);
  } catch (const std::exception& e) {
    // Nothing above throws on purpose; a library that does ends the command with its message.
    std::cerr << "fout: " << e.what() << std::endl;
    return 1;
  }
}
