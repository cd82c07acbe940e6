// The CLI's `ozjt kpi` commands: the KPIs of the target-group transport (vervoer): norms,
// measurements, breaches.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddKpiCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
