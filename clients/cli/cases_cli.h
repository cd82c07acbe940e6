// The CLI's `ozjt cases` commands: continuity cases (list, open, move to a step, update).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddCasesCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
