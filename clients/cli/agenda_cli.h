// The CLI's `ozjt agenda` command: what is coming up (notice deadlines, contract ends, legal
// deadlines).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddAgendaCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
