// The CLI's `ozjt providers` commands: the provider register (list, get, history, create,
// update, import and export as CSV).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddProviderCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
