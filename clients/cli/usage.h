// Parsing the command line the way the README promises: a usage mistake prints one Dutch line
// ("fout: ...") and exits 2, and a mistyped command or flag names the nearest ones
// ("fout: 'contrcts' is geen opdracht van ozjt; bedoelde u: contracts?").
//
//   int rc = ParseCommandLine(app, argc, argv);
//   if (rc >= 0) return rc;  // help (0) or a usage mistake (2); else the commands ran
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ozjt::cli {

// Makes the --help of `app` and of all its commands Dutch: CLI11's own words ("Usage",
// "Options", "Subcommands", "REQUIRED", "TEXT", "Print this help message and exit", ...).
// Call it once the whole command tree is built; it changes no flag, command or error.
void DutchHelp(CLI::App& app);

// Parses and runs the callbacks of `app`. Returns -1 when the command line was good, 0 after
// printing help, and 2 after printing a Dutch usage error on standard error.
int ParseCommandLine(CLI::App& app, int argc, char** argv);

// The candidates nearest to `typed` by edit distance (also those it is the start of), at most
// a third of its length away (at least 2); empty when none is near.
std::vector<std::string> Nearest(const std::string& typed,
                                 const std::vector<std::string>& candidates);

// The Dutch line for a CLI11 parse error (without "fout: "); `app` is the whole command line's
// root, after the failed parse.
std::string DutchUsageError(CLI::App& app, const CLI::ParseError& error);

}  // namespace ozjt::cli
