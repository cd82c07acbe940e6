// The CLI's Jeugdzorg Plus commands: import, report, chart.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddJzplusCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
