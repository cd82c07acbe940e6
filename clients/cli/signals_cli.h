// The CLI's `ozjt signals` commands: signals about a provider's continuity.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddSignalsCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
