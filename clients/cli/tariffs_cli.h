// The CLI's `ozjt tariffs` commands: tariff lines, index figures, tariff floors and the yearly
// indexation.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddTariffCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
