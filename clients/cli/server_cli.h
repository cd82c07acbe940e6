// The CLI's commands about the server itself: `ozjt health` (the state of the server and of
// each service) and `ozjt services` (the services it offers, through reflection).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddServerCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
