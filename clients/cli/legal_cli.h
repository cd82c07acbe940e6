// The CLI's `ozjt legal` commands: the legal steps on a contract (notice of default, sanctions,
// dissolution).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddLegalCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
