// The CLI's `ozjt reference` command: the reference data (municipalities, regions, product
// categories, units and joint tasks).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddReferenceCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
