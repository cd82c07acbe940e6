// The CLI's contract management information commands: import (message files, directories,
// zips) and quarter (the figures of a quarter).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddInsightCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
