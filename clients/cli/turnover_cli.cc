#include "clients/cli/turnover_cli.h"

#include <memory>

#include "ozjt/registry/v1/registry.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace reg = ::ozjt::registry::v1;

}  // namespace

void AddTurnoverCommands(CLI::App& app, const Options& o, int& exit_code) {
  // Turnover per region, into the registry.
  auto* turnover =
      app.add_subcommand("turnover", "omzet per aanbieder, jaar en regio inlezen (CSV)");
  auto file = std::make_shared<std::string>();
  auto dry = std::make_shared<bool>(false);
  turnover->add_option("file", *file, "CSV-bestand met kvk_nummer;jaar;regio;omzet_cent")
      ->required();
  turnover->add_flag("--dry-run", *dry, "alleen controleren");
  turnover->callback([&, file, dry] {
    std::string csv;
    if (!ReadTextFile(*file, &csv)) {
      exit_code = 2;
      return;
    }
    Client client(o);
    reg::ImportTurnoverRequest q;
    q.set_csv(csv);
    q.set_validate_only(*dry);
    reg::ImportTurnoverResponse resp;
    auto ctx = client.Context();
    grpc::Status st =
        reg::ProviderRegistry::NewStub(client.channel())->ImportTurnover(ctx.get(), q, &resp);
    if (!st.ok()) {
      exit_code = PrintError(st, ctx.get());
      return;
    }
    for (const auto& e : resp.errors()) {
      std::cerr << *file << ": " << ImportErrorText(e) << "\n";
    }
    std::cout << (resp.committed() ? "ingelezen" : "niets vastgelegd") << ": " << resp.years()
              << " aanbieder-jaren, " << resp.providers_updated() << " aanbieders gewijzigd, "
              << resp.errors_size() << " fouten\n";
    exit_code = resp.errors().empty() ? 0 : 1;
  });
}

}  // namespace ozjt::cli
