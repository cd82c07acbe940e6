// The CLI's `ozjt warnings` command: the early-warning list (OZJT only).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddWarningsCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
