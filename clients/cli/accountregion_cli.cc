#include "clients/cli/accountregion_cli.h"

#include <memory>

#include "absl/strings/str_join.h"
#include "clients/cli/lookup.h"
#include "ozjt/accountregion/v1/accountregion.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ar = ::ozjt::accountregion::v1;
namespace reg = ::ozjt::registry::v1;

template <typename Resp, typename Call, typename Show>
int Do(const Options& o, Call call, Show show, const FlagTable& flags = FlagTable()) {
  return CallAndShow<ar::AccountRegionService::Stub, Resp>(o, call, show, flags);
}

// The provider a person typed (id, KvK number, AGB code or name) as "providers/{id}";
// false after printing why not (exit code in `*exit_code`).
bool ResolveProvider(const Options& o, const std::string& text, std::string* name, int* exit_code) {
  *exit_code = Lookup(o).Provider(text, name);
  return *exit_code == 0;
}

std::string Class(int c) {
  static const char* kNames[] = {"", "slechtst", "zwak", "redelijk", "goed", "sterk"};
  return c >= 0 && c <= 5 ? kNames[c] : "";
}

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

void PrintCase(const ar::ContinuityCase& c) {
  static const char* kStatus[] = {"", "open", "opgelost", "faillissement"};
  std::cout << c.name() << "  " << c.provider_name() << " (aanbieder " << c.provider().substr(10)
            << ")\n"
            << "status: " << kStatus[c.status()] << ", trede " << c.step() << ", geopend "
            << DutchDate(c.opened())
            << (c.has_closed() ? ", gesloten " + DutchDate(c.closed()) : "") << "\n";
  if (c.has_recovery_plan_due())
    std::cout << "herstelplan uiterlijk: " << DutchDate(c.recovery_plan_due()) << "\n";
  for (const auto& s : c.steps()) {
    std::cout << "  trede " << s.step() << " op " << DutchDate(s.date()) << " (" << s.changed_by()
              << ") " << s.note() << "\n";
  }
  for (const auto& a : c.actions())
    std::cout << "  actie " << DutchDate(a.date()) << ": " << a.text() << "\n";
  for (const auto& i : c.regions_informed()) {
    std::cout << "  regio " << i.region_code() << " geïnformeerd op " << DutchDate(i.date())
              << "\n";
  }
  if (c.version() > 0) std::cout << "versie: " << c.version() << "\n";
}

}  // namespace

void AddAccountRegionCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* region = app.add_subcommand("region", "accounthoudende regio");
  region->require_subcommand(1);
  {
    auto* get = region->add_subcommand("get", "de accounthoudende regio van een aanbieder");
    auto id = std::make_shared<std::string>();
    get->add_option("provider", *id, "id, KvK-nummer, AGB-code of naam")->required();
    get->callback([&, id] {
      ar::GetAccountRegionRequest q;
      if (!ResolveProvider(o, *id, q.mutable_provider(), &exit_code)) return;
      exit_code = Do<ar::AccountRegion>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.GetAccountRegion(ctx, q, resp); },
          PrintRegion);
    });
    auto* portfolio = region->add_subcommand(
        "portfolio", "de aanbieders waarvan een regio accounthouder is (standaard TWENTE)");
    auto code = std::make_shared<std::string>();
    portfolio->add_option("--region", *code, "code van de regio");
    portfolio->callback([&, code] {
      exit_code = Do<ar::ListPortfolioResponse>(
          o,
          [&](auto& s, auto* ctx, auto* resp) {
            ar::ListPortfolioRequest q;
            q.set_region_code(*code);
            return s.ListPortfolio(ctx, q, resp);
          },
          [](const ar::ListPortfolioResponse& r) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& a : r.providers()) {
              rows.push_back(
                  {a.provider().substr(10), a.provider_name(),
                   a.basis() == "assignment" ? "toegewezen" : "afgeleid",
                   a.financial_figures_withheld() ? "-" : Euros(a.latest_turnover_cents()),
                   a.monitored() ? "ja" : "nee"});
            }
            PrintTable({"AANBIEDER", "NAAM", "GRONDSLAG", "OMZET", "MONITORING"}, rows);
          });
    });
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
      exit_code = Do<ar::Assignment>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.CreateAssignment(ctx, q, resp); },
          [](const ar::Assignment& a) {
            std::cout << "toewijzing aan " << a.region_code() << " vastgelegd\n";
          },
          flags);
    });
  }

  auto* finance = app.add_subcommand("finance", "jaarrekeningen (alleen OZJT)");
  finance->require_subcommand(1);
  {
    auto* add = finance->add_subcommand(
        "add", "een jaarrekening vastleggen uit een JSON-bestand (FinancialStatement)");
    auto file = std::make_shared<std::string>();
    add->add_option("--json-file", *file, "de jaarrekening als JSON-bestand")->required();
    add->callback([&, file] {
      ar::CreateFinancialStatementRequest q;
      if (!ReadJsonFile(*file, q.mutable_statement())) {
        exit_code = 2;
        return;
      }
      exit_code = Do<ar::FinancialStatement>(
          o,
          [&](auto& s, auto* ctx, auto* resp) { return s.CreateFinancialStatement(ctx, q, resp); },
          [](const ar::FinancialStatement& f) {
            std::cout << f.period() << ": solvabiliteit " << f.solvency().percent() << "% ("
                      << Class(f.solvency().class_()) << "), current ratio "
                      << f.current_ratio().percent() << "% (" << Class(f.current_ratio().class_())
                      << "), rentabiliteit " << f.profitability().percent() << "% ("
                      << Class(f.profitability().class_()) << ")\n";
          });
    });
    auto* list =
        finance->add_subcommand("list", "de jaarrekeningen en kengetallen van een aanbieder");
    auto id = std::make_shared<std::string>();
    list->add_option("provider", *id, "id, KvK-nummer, AGB-code of naam")->required();
    list->callback([&, id] {
      ar::ListFinancialStatementsRequest q;
      if (!ResolveProvider(o, *id, q.mutable_provider(), &exit_code)) return;
      exit_code = Do<ar::ListFinancialStatementsResponse>(
          o,
          [&](auto& s, auto* ctx, auto* resp) { return s.ListFinancialStatements(ctx, q, resp); },
          [](const ar::ListFinancialStatementsResponse& r) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& f : r.statements()) {
              rows.push_back(
                  {f.period(), Euros(f.equity_cents()), Euros(f.revenue_cents()),
                   Euros(f.net_result_cents()),
                   f.solvency().percent() + "% " + Class(f.solvency().class_()),
                   f.current_ratio().percent() + "% " + Class(f.current_ratio().class_()),
                   f.profitability().percent() + "% " + Class(f.profitability().class_())});
            }
            PrintTable({"PERIODE", "EIGEN VERMOGEN", "OMZET", "RESULTAAT", "SOLVABILITEIT",
                        "CURRENT RATIO", "RENTABILITEIT"},
                       rows);
          });
    });
  }

  auto* signals = app.add_subcommand("signals", "signalen over continuïteit");
  signals->require_subcommand(1);
  {
    auto* add = signals->add_subcommand("add", "een signaal vastleggen");
    auto id = std::make_shared<std::string>();
    auto source = std::make_shared<std::string>();
    auto category = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto confirmed = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    add->add_option("provider", *id, "id, KvK-nummer, AGB-code of naam")->required();
    add->add_option("--source", *source,
                    "bron: provider (aanbieder), national_warning (landelijke waarschuwing), "
                    "accountant, supervisor (toezichthouder), media, own_analysis (eigen analyse)")
        ->required();
    add->add_option(
           "--category", *category,
           "soort: three_years_losses (drie jaar verlies), liquidity (liquiditeit), "
           "governance_unrest (onrust in het bestuur), supervisor_measures (maatregelen van de "
           "toezichthouder), disciplinary_or_criminal (tucht- of strafrecht), other (overig)")
        ->required();
    add->add_option("--date", *date, "gemeld op dd-mm-jjjj")->required();
    add->add_option("--confirmed", *confirmed, "schriftelijk bevestigd op dd-mm-jjjj");
    add->add_option("--description", *text, "wat er is gemeld")->required();
    const FlagTable flags = {{"signal.provider", "provider"},
                             {"signal.source", "--source"},
                             {"signal.category", "--category"},
                             {"signal.reported_date", "--date"},
                             {"signal.written_confirmation_date", "--confirmed"},
                             {"signal.description", "--description"}};
    add->callback([&, id, source, category, date, confirmed, text, flags] {
      ar::CreateSignalRequest q;
      auto* sig = q.mutable_signal();
      ar::SignalSource src = ar::SIGNAL_SOURCE_UNSPECIFIED;
      ar::SignalCategory cat = ar::SIGNAL_CATEGORY_UNSPECIFIED;
      if (!EnumFlag(ar::SignalSource_descriptor(), "SIGNAL_SOURCE_", "--source", *source, &src,
                    &exit_code) ||
          !EnumFlag(ar::SignalCategory_descriptor(), "SIGNAL_CATEGORY_", "--category", *category,
                    &cat, &exit_code) ||
          !DateFlag("--date", *date, sig->mutable_reported_date(), &exit_code) ||
          !DateFlag("--confirmed", *confirmed, sig->mutable_written_confirmation_date(),
                    &exit_code) ||
          !ResolveProvider(o, *id, sig->mutable_provider(), &exit_code)) {
        return;
      }
      sig->set_source(src);
      sig->set_category(cat);
      sig->set_description(*text);
      exit_code = Do<ar::Signal>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.CreateSignal(ctx, q, resp); },
          [](const ar::Signal& s) { std::cout << s.name() << " vastgelegd\n"; }, flags);
    });
    auto* list = signals->add_subcommand("list", "de signalen over een aanbieder");
    auto lid = std::make_shared<std::string>();
    list->add_option("provider", *lid, "id, KvK-nummer, AGB-code of naam")->required();
    list->callback([&, lid] {
      ar::ListSignalsRequest q;
      if (!ResolveProvider(o, *lid, q.mutable_provider(), &exit_code)) return;
      exit_code = Do<ar::ListSignalsResponse>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.ListSignals(ctx, q, resp); },
          [](const ar::ListSignalsResponse& r) {
            std::vector<std::vector<std::string>> rows;
            for (const auto& s : r.signals()) {
              rows.push_back(
                  {DutchDate(s.reported_date()),
                   EnumShort(ar::SignalSource_descriptor(), s.source(), "SIGNAL_SOURCE_"),
                   EnumShort(ar::SignalCategory_descriptor(), s.category(), "SIGNAL_CATEGORY_"),
                   DutchDate(s.written_confirmation_date()), s.description()});
            }
            PrintTable({"GEMELD", "BRON", "CATEGORIE", "BEVESTIGD", "OMSCHRIJVING"}, rows);
          });
    });
  }

  auto* warnings = app.add_subcommand("warnings", "lijst voor vroegsignalering (alleen OZJT)");
  warnings->callback([&] {
    exit_code = Do<ar::ListEarlyWarningsResponse>(
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

  auto* cases = app.add_subcommand("cases", "continuïteitsdossiers");
  cases->require_subcommand(1);
  {
    auto* list = cases->add_subcommand("list", "dossiers, open dossiers eerst");
    auto pid = std::make_shared<std::string>();
    auto open_only = std::make_shared<bool>(false);
    list->add_option("--provider", *pid, "aanbieder: id, KvK-nummer, AGB-code of naam");
    list->add_flag("--open", *open_only, "alleen open dossiers");
    list->callback([&, pid, open_only] {
      ar::ListCasesRequest q;
      if (!pid->empty() && !ResolveProvider(o, *pid, q.mutable_provider(), &exit_code)) return;
      q.set_open_only(*open_only);
      exit_code = Do<ar::ListCasesResponse>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.ListCases(ctx, q, resp); },
          [](const ar::ListCasesResponse& r) {
            for (const auto& c : r.cases()) PrintCase(c);
          });
    });
    auto* open = cases->add_subcommand("open", "een dossier openen voor een aanbieder");
    auto oid = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto step = std::make_shared<int>(0);
    auto due = std::make_shared<std::string>();
    auto note = std::make_shared<std::string>();
    open->add_option("provider", *oid, "id, KvK-nummer, AGB-code of naam")->required();
    open->add_option("--date", *date, "dd-mm-jjjj")->required();
    open->add_option("--step", *step, "stap 1-6 (standaard 1)");
    open->add_option("--plan-due", *due, "herstelplan uiterlijk op dd-mm-jjjj (vanaf stap 3)");
    open->add_option("--note", *note, "notitie");
    const FlagTable open_flags = {{"provider", "provider"},
                                  {"date", "--date"},
                                  {"step", "--step"},
                                  {"recovery_plan_due", "--plan-due"},
                                  {"note", "--note"}};
    open->callback([&, oid, date, step, due, note, open_flags] {
      ar::OpenCaseRequest q;
      if (!DateFlag("--date", *date, q.mutable_date(), &exit_code) ||
          !DateFlag("--plan-due", *due, q.mutable_recovery_plan_due(), &exit_code) ||
          !ResolveProvider(o, *oid, q.mutable_provider(), &exit_code)) {
        return;
      }
      q.set_step(*step);
      q.set_note(*note);
      exit_code = Do<ar::ContinuityCase>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.OpenCase(ctx, q, resp); }, PrintCase,
          open_flags);
    });
    auto* move = cases->add_subcommand("move", "een dossier naar een andere stap zetten");
    auto cid = std::make_shared<std::string>();
    auto mstep = std::make_shared<int>(0);
    auto mdate = std::make_shared<std::string>();
    auto mdue = std::make_shared<std::string>();
    auto mnote = std::make_shared<std::string>();
    auto version = std::make_shared<long long>(0);
    move->add_option("case", *cid, "id van het dossier")->required();
    move->add_option("--step", *mstep, "stap 1-6")->required();
    move->add_option("--date", *mdate, "dd-mm-jjjj")->required();
    move->add_option("--plan-due", *mdue, "herstelplan uiterlijk op dd-mm-jjjj");
    move->add_option("--note", *mnote, "notitie");
    move->add_option("--version", *version, "de versie die u las")->required();
    const FlagTable move_flags = {{"case", "case"},   {"step", "--step"},
                                  {"date", "--date"}, {"recovery_plan_due", "--plan-due"},
                                  {"note", "--note"}, {"version", "--version"}};
    move->callback([&, cid, mstep, mdate, mdue, mnote, version, move_flags] {
      ar::MoveCaseStepRequest q;
      if (!DateFlag("--date", *mdate, q.mutable_date(), &exit_code) ||
          !DateFlag("--plan-due", *mdue, q.mutable_recovery_plan_due(), &exit_code)) {
        return;
      }
      q.set_case_(Name("continuityCases", *cid));
      q.set_step(*mstep);
      q.set_note(*mnote);
      q.set_version(*version);
      exit_code = Do<ar::ContinuityCase>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.MoveCaseStep(ctx, q, resp); },
          PrintCase, move_flags);
    });
    auto* update = cases->add_subcommand(
        "update",
        "een actie vastleggen, een geïnformeerde regio vastleggen, of het dossier afsluiten");
    auto uid = std::make_shared<std::string>();
    auto udate = std::make_shared<std::string>();
    auto utext = std::make_shared<std::string>();
    auto uregion = std::make_shared<std::string>();
    auto resolve = std::make_shared<bool>(false);
    auto uversion = std::make_shared<long long>(0);
    update->add_option("case", *uid, "id van het dossier")->required();
    update->add_option("--date", *udate, "dd-mm-jjjj van de actie of van het informeren");
    update->add_option("--action", *utext, "een actie voor het logboek");
    update->add_option("--informed", *uregion, "code van de regio die is geïnformeerd");
    update->add_flag("--resolve", *resolve, "sluit het dossier als opgelost");
    update->add_option("--version", *uversion, "de versie die u las")->required();
    const FlagTable update_flags = {{"action.date", "--date"},
                                    {"action.text", "--action"},
                                    {"region_informed.date", "--date"},
                                    {"region_informed.region_code", "--informed"},
                                    {"version", "--version"}};
    update->callback([&, uid, udate, utext, uregion, resolve, uversion, update_flags] {
      ar::UpdateCaseRequest q;
      q.set_case_(Name("continuityCases", *uid));
      if (!utext->empty()) {
        q.mutable_action()->set_text(*utext);
        if (!DateFlag("--date", *udate, q.mutable_action()->mutable_date(), &exit_code)) return;
      }
      if (!uregion->empty()) {
        q.mutable_region_informed()->set_region_code(*uregion);
        if (!DateFlag("--date", *udate, q.mutable_region_informed()->mutable_date(), &exit_code))
          return;
      }
      q.set_resolve(*resolve);
      q.set_version(*uversion);
      exit_code = Do<ar::ContinuityCase>(
          o, [&](auto& s, auto* ctx, auto* resp) { return s.UpdateCase(ctx, q, resp); }, PrintCase,
          update_flags);
    });
  }

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
