#include "clients/cli/reference_cli.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/lookup.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace reg = ::ozjt::registry::v1;
using Stub = reg::ReferenceData::Stub;

int Municipalities(const Options& o) {
  return Send(o, &Stub::ListMunicipalities, reg::ListMunicipalitiesRequest(),
              [](const reg::ListMunicipalitiesResponse& resp) {
                std::vector<std::vector<std::string>> rows;
                for (const auto& m : resp.municipalities()) {
                  rows.push_back({m.cbs_code(), m.display_name(), m.region_code()});
                }
                PrintTable({"CBS", "GEMEENTE", "REGIO"}, rows);
              });
}

int Regions(const Options& o) {
  return Send(o, &Stub::ListRegions, reg::ListRegionsRequest(),
              [](const reg::ListRegionsResponse& resp) {
                std::vector<std::vector<std::string>> rows;
                for (const auto& r : resp.regions()) rows.push_back({r.code(), r.display_name()});
                PrintTable({"CODE", "REGIO"}, rows);
              });
}

int Categories(const Options& o) {
  return Send(o, &Stub::ListProductCategories, reg::ListProductCategoriesRequest(),
              [](const reg::ListProductCategoriesResponse& resp) {
                std::vector<std::vector<std::string>> rows;
                for (const auto& c : resp.categories()) {
                  rows.push_back({EnumShort(reg::Law_descriptor(), c.law(), "LAW_"), c.code(),
                                  c.display_name(), c.legacy() ? "oud" : ""});
                }
                PrintTable({"WET", "CODE", "CATEGORIE", ""}, rows);
              });
}

int Units(const Options& o) {
  return Send(o, &Stub::ListUnits, reg::ListUnitsRequest(), [](const reg::ListUnitsResponse& resp) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : resp.units()) rows.push_back({u.code(), u.display_name()});
    PrintTable({"CODE", "EENHEID"}, rows);
  });
}

int JointTasks(const Options& o) {
  return Send(
      o, &Stub::ListJointTasks, reg::ListJointTasksRequest(),
      [&o](const reg::ListJointTasksResponse& resp) {
        std::vector<std::vector<std::string>> rows;
        Lookup lookup(o);
        for (const auto& t : resp.tasks()) {
          std::vector<std::string> codes;
          for (const auto& p : t.participations()) {
            const std::string name = lookup.MunicipalityName(p.municipality_code());
            codes.push_back(
                p.has_valid_to() ? absl::StrCat(name, " (tot ", p.valid_to().year(), ")") : name);
          }
          rows.push_back({t.code(), t.display_name(), std::to_string(t.participations_size()),
                          absl::StrJoin(codes, ", ")});
        }
        PrintTable({"CODE", "TAAK", "AANTAL", "GEMEENTEN"}, rows);
      });
}

}  // namespace

void AddReferenceCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* reference = app.add_subcommand("reference", "referentiegegevens");
  auto what = std::make_shared<std::string>();
  reference
      ->add_option("what", *what,
                   "welke lijst: municipalities (gemeenten), regions (regio's), categories "
                   "(productcategorieën), units (eenheden) of tasks (gezamenlijke taken)")
      ->required()
      ->check(CLI::IsMember({"municipalities", "regions", "categories", "units", "tasks"}));
  reference->callback([&, what] {
    exit_code = *what == "municipalities" ? Municipalities(o)
                : *what == "regions"      ? Regions(o)
                : *what == "categories"   ? Categories(o)
                : *what == "units"        ? Units(o)
                                          : JointTasks(o);
  });
}

}  // namespace ozjt::cli
