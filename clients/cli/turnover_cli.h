// The CLI's `ozjt turnover` command: the turnover per provider, year and region, read into
// the registry from CSV.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddTurnoverCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
