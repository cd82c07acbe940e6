#include "clients/cli/region_cli.h"

#include <memory>

#include "clients/cli/accountregion_common.h"

namespace ozjt::cli {
namespace {

namespace ar = ::ozjt::accountregion::v1;

void PrintRegion(const ar::AccountRegion& a) {
  std::cout << a.provider_name() << " (aanbieder " << a.provider().substr(10) << ")\n"
            << "accounthoudende regio: " << a.region_code() << " ("
            << (a.basis() == "assignment" ? "toegewezen" : "afgeleid") << ")\n"
            << "afgeleid:              " << a.derived_region_code() << " (grootste regio in "
            << a.derived_from_year()
            << (a.financial_figures_withheld() ? "" : ", " + Euros(a.derived_turnover_cents()))
            << ")\n";
  if (a.has_assignment()) {
    std::cout << "toewijzing:            " << a.assignment().region_code() << " ("
              << (a.assignment().basis() == ar::ASSIGNMENT_BASIS_VNG_LIST
                      ? "VNG-lijst"
                      : "afspraak tussen regio's")
              << ", vanaf " << DutchDate(a.assignment().valid_from()) << ")\n";
  }
  std::cout << "landelijke monitoring: " << (a.monitored() ? "ja" : "nee")
            << (a.financial_figures_withheld()
                    ? ""
                    : " (omzet " + Euros(a.latest_turnover_cents()) + ")")
            << "\n";
}

void AddRegionGet(CLI::App* region, const Options& o, int& exit_code) {
  auto* get = region->add_subcommand("get", "de accounthoudende regio van een aanbieder");
  auto id = std::make_shared<std::string>();
  get->add_option("provider", *id, "id, KvK-nummer, AGB-code of naam")->required();
  get->callback([&, id] {
    ar::GetAccountRegionRequest q;
    if (!ResolveProvider(o, *id, q.mutable_provider(), &exit_code)) return;
    exit_code = AccountRegionCall<ar::AccountRegion>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.GetAccountRegion(ctx, q, resp); },
        PrintRegion);
  });
}

void AddRegionPortfolio(CLI::App* region, const Options& o, int& exit_code) {
  auto* portfolio = region->add_subcommand(
      "portfolio", "de aanbieders waarvan een regio accounthouder is (standaard TWENTE)");
  auto code = std::make_shared<std::string>();
  portfolio->add_option("--region", *code, "code van de regio");
  portfolio->callback([&, code] {
    exit_code = AccountRegionCall<ar::ListPortfolioResponse>(
        o,
        [&](auto& s, auto* ctx, auto* resp) {
          ar::ListPortfolioRequest q;
          q.set_region_code(*code);
          return s.ListPortfolio(ctx, q, resp);
        },
        [](const ar::ListPortfolioResponse& r) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& a : r.providers()) {
            rows.push_back({a.provider().substr(10), a.provider_name(),
                            a.basis() == "assignment" ? "toegewezen" : "afgeleid",
                            a.financial_figures_withheld() ? "-" : Euros(a.latest_turnover_cents()),
                            a.monitored() ? "ja" : "nee"});
          }
          PrintTable({"AANBIEDER", "NAAM", "GRONDSLAG", "OMZET", "MONITORING"}, rows);
        });
  });
}

void AddRegionAssign(CLI::App* region, const Options& o, int& exit_code) {
  auto* assign = region->add_subcommand("assign", "een uitdrukkelijke toewijzing vastleggen");
  auto pid = std::make_shared<std::string>();
  auto rcode = std::make_shared<std::string>();
  auto basis = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto note = std::make_shared<std::string>();
  assign->add_option("provider", *pid, "id, KvK-nummer, AGB-code of naam")->required();
  assign->add_option("--region", *rcode, "code van de regio")->required();
  assign->add_option("--basis", *basis, "grond: agreed (afgesproken) of vng_list (VNG-lijst)")
      ->required();
  assign->add_option("--from", *from, "geldig vanaf dd-mm-jjjj")->required();
  assign->add_option("--to", *to, "einde van de toewijzing, dd-mm-jjjj");
  assign->add_option("--note", *note, "notitie");
  const FlagTable flags = {
      {"assignment.provider", "provider"}, {"assignment.region_code", "--region"},
      {"assignment.basis", "--basis"},     {"assignment.valid_from", "--from"},
      {"assignment.valid_to", "--to"},     {"assignment.note", "--note"}};
  assign->callback([&, pid, rcode, basis, from, to, note, flags] {
    ar::CreateAssignmentRequest q;
    auto* a = q.mutable_assignment();
    ar::AssignmentBasis b = ar::ASSIGNMENT_BASIS_UNSPECIFIED;
    if (!EnumFlag(ar::AssignmentBasis_descriptor(), "ASSIGNMENT_BASIS_", "--basis", *basis, &b,
                  &exit_code) ||
        !DateFlag("--from", *from, a->mutable_valid_from(), &exit_code) ||
        !DateFlag("--to", *to, a->mutable_valid_to(), &exit_code) ||
        !ResolveProvider(o, *pid, a->mutable_provider(), &exit_code)) {
      return;
    }
    a->set_region_code(*rcode);
    a->set_basis(b);
    a->set_note(*note);
    exit_code = AccountRegionCall<ar::Assignment>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.CreateAssignment(ctx, q, resp); },
        [](const ar::Assignment& stored) {
          std::cout << "toewijzing aan " << stored.region_code() << " vastgelegd\n";
        },
        flags);
  });
}

}  // namespace

void AddRegionCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* region = app.add_subcommand("region", "accounthoudende regio");
  region->require_subcommand(1);
  AddRegionGet(region, o, exit_code);
  AddRegionPortfolio(region, o, exit_code);
  AddRegionAssign(region, o, exit_code);
}

}  // namespace ozjt::cli
