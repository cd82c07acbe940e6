// The CLI's `ozjt finance` commands: providers' financial statements and their ratios (OZJT only).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddFinanceCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
