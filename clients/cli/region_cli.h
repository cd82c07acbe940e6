// The CLI's `ozjt region` commands: a provider's account-holding region, a region's portfolio,
// and explicit assignments.
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddRegionCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
