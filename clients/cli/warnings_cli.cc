#include "clients/cli/warnings_cli.h"

#include "absl/strings/str_join.h"
#include "clients/cli/accountregion_common.h"

namespace ozjt::cli {
namespace {

namespace ar = ::ozjt::accountregion::v1;

}  // namespace

void AddWarningsCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* warnings = app.add_subcommand("warnings", "lijst voor vroegsignalering (alleen OZJT)");
  warnings->callback([&] {
    exit_code = AccountRegionCall<ar::ListEarlyWarningsResponse>(
        o,
        [&](auto& s, auto* ctx, auto* resp) {
          return s.ListEarlyWarnings(ctx, ar::ListEarlyWarningsRequest(), resp);
        },
        [](const ar::ListEarlyWarningsResponse& r) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& w : r.warnings()) {
            rows.push_back({std::to_string(w.score()), w.provider().provider_name(),
                            w.provider().region_code(), absl::StrJoin(w.reasons(), "; ")});
          }
          PrintTable({"RISICO", "AANBIEDER", "REGIO", "REDENEN"}, rows);
        });
  });
}

}  // namespace ozjt::cli
