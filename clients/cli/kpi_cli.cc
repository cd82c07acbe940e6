#include "clients/cli/kpi_cli.h"

#include "clients/cli/lookup.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ct = ::ozjt::contracts::v1;

void AddKpiDefinitions(CLI::App* kpi, const Options& o, int& exit_code) {
  auto* defs = kpi->add_subcommand("definitions", "de KPI-normen van een perceel");
  auto id = std::make_shared<std::string>();
  defs->add_option("contract", *id, "perceel of contract: kenmerk of id")->required();
  defs->callback([&, id] {
    Run(o, exit_code, [&](Client& client) {
      ct::ListKpiDefinitionsRequest req;
      if (int rc = Lookup(o).Contract(*id, req.mutable_contract())) return rc;
      return Send(
          o, &ct::VervoerService::Stub::ListKpiDefinitions, req,
          [&](const ct::ListKpiDefinitionsResponse& resp) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& d : resp.definitions()) {
              rows.push_back(
                  {EnumShort(ct::KpiKind_descriptor(), d.kind(), "KPI_KIND_"),
                   (d.direction() == ct::NORM_DIRECTION_AT_LEAST ? ">= " : "<= ") + d.norm(),
                   d.description()});
            }
            PrintTable({"KPI", "NORM", "OMSCHRIJVING"}, rows);
          });
    });
  });
}

void AddKpiRecord(CLI::App* kpi, const Options& o, int& exit_code) {
  auto* record = kpi->add_subcommand("record", "een meting vastleggen");
  auto rid = std::make_shared<std::string>();
  auto period = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  auto source = std::make_shared<std::string>();
  auto municipality = std::make_shared<std::string>();
  record->add_option("contract", *rid, "perceel of contract: kenmerk of id")->required();
  record->add_option("--period", *period, "periode: jjjj-mm of jjjj-Qn (kwartaal)")->required();
  record
      ->add_option("--kpi", *kind,
                   "KPI: punctuality (stiptheid), ride_time (ritduur), detour (omrijden), "
                   "complaints (klachten), satisfaction (tevredenheid)")
      ->required();
  record->add_option("--value", *value, "de gemeten waarde, bijv. 94,80")->required();
  record->add_option("--source", *source, "bron: callcentre, monitoring of survey (enquête)")
      ->required();
  record->add_option("--municipality", *municipality,
                     "gemeente: naam of CBS-code (gemeentelijke gebruikers: de eigen gemeente)");
  const FlagTable flags = {
      {"measurement.contract", "contract"}, {"measurement.period", "--period"},
      {"measurement.kind", "--kpi"},        {"measurement.value", "--value"},
      {"measurement.source", "--source"},   {"measurement.municipality_code", "--municipality"}};
  record->callback([&, rid, period, kind, value, source, municipality, flags] {
    Run(o, exit_code, [&](Client& client) {
      Lookup lookup(o);
      ct::RecordKpiMeasurementRequest req;
      auto* m = req.mutable_measurement();
      m->set_period(*period);
      ct::KpiKind k;
      ct::MeasurementSource src;
      if (!EnumFlag(ct::KpiKind_descriptor(), "KPI_KIND_", "--kpi", *kind, &k) ||
          !EnumFlag(ct::MeasurementSource_descriptor(), "MEASUREMENT_SOURCE_", "--source", *source,
                    &src) ||
          !DecimalFlag("--value", *value, m->mutable_value())) {
        return 2;
      }
      m->set_kind(k);
      m->set_source(src);
      if (!municipality->empty()) {
        if (int rc = lookup.MunicipalityCode(*municipality, m->mutable_municipality_code())) {
          return rc;
        }
      }
      if (int rc = lookup.Contract(*rid, m->mutable_contract())) return rc;
      return Send(
          o, &ct::VervoerService::Stub::RecordKpiMeasurement, req,
          [&](const ct::KpiMeasurement& out) { std::cout << out.name() << " vastgelegd\n"; },
          flags);
    });
  });
}

void AddKpiBreaches(CLI::App* kpi, const Options& o, int& exit_code) {
  auto* breaches = kpi->add_subcommand("breaches", "metingen die hun norm niet halen");
  auto bperiod = std::make_shared<std::string>();
  auto bid = std::make_shared<std::string>();
  breaches->add_option("--period", *bperiod,
                       "periode: jjjj-mm of jjjj-Qn (kwartaal); standaard het vorige kwartaal");
  breaches->add_option("--contract", *bid, "perceel of contract: kenmerk of id (standaard: alle)");
  breaches->callback([&, bperiod, bid] {
    Run(o, exit_code, [&](Client& client) {
      Lookup lookup(o);
      ct::ListKpiBreachesRequest req;
      req.set_period(*bperiod);
      if (!bid->empty()) {
        if (int rc = lookup.Contract(*bid, req.mutable_contract())) return rc;
      }
      return Send(
          o, &ct::VervoerService::Stub::ListKpiBreaches, req,
          [&](const ct::ListKpiBreachesResponse& resp) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& b : resp.breaches()) {
              const auto& m = b.measurement();
              rows.push_back(
                  {lookup.ContractReference(m.contract()), m.period(),
                   EnumShort(ct::KpiKind_descriptor(), m.kind(), "KPI_KIND_"), m.value(),
                   (b.direction() == ct::NORM_DIRECTION_AT_LEAST ? ">= " : "<= ") + b.norm(),
                   EnumShort(ct::MeasurementSource_descriptor(), m.source(), "MEASUREMENT_SOURCE_"),
                   lookup.MunicipalityName(m.municipality_code())});
            }
            PrintTable({"CONTRACT", "PERIODE", "KPI", "WAARDE", "NORM", "BRON", "GEMEENTE"}, rows);
          },
          {{"period", "--period"}, {"contract", "--contract"}});
    });
  });
}

}  // namespace

void AddKpiCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* kpi = app.add_subcommand("kpi", "KPI's van het doelgroepenvervoer");
  kpi->require_subcommand(1);
  AddKpiDefinitions(kpi, o, exit_code);
  AddKpiRecord(kpi, o, exit_code);
  AddKpiBreaches(kpi, o, exit_code);
}

}  // namespace ozjt::cli
