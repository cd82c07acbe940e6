// The CLI's quality-supervision commands: investigations, findings, plans, municipal requests,
// the mutation sync, summaries, escalations and the period report.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddSupervisionCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
