// The CLI's KIT screening commands: frameworks, cases and their steps, and outcomes.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddScreeningCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
