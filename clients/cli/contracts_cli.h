// The CLI's `ozjt contracts` commands: list, get, create, update, history, exercise.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

// Adds the commands to `app`; each runs as a callback after parsing, reads `options` then,
// and leaves its exit code in `exit_code`.
void AddContractCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
