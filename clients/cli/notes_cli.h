// The CLI's `ozjt notes` commands: add and list the contract manager's notes on a contract.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddNotesCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
