// The CLI's continuity commands: region, finance, signals, warnings, cases, and the turnover
// import of the registry.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddAccountRegionCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
