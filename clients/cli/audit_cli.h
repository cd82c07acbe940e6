// The CLI's `ozjt audit` command: the audit log (auditor, administrator).
#pragma once

#include <CLI/CLI.hpp>

#include "clients/cli/cli_common.h"

namespace ozjt::cli {

void AddAuditCommands(CLI::App& app, const Options& options, int& exit_code);

}  // namespace ozjt::cli
