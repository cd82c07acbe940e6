#include "clients/cli/cases_cli.h"

#include <memory>

#include "clients/cli/accountregion_common.h"

namespace ozjt::cli {
namespace {

namespace ar = ::ozjt::accountregion::v1;

void PrintCase(const ar::ContinuityCase& c) {
  static const char* kStatus[] = {"", "open", "opgelost", "faillissement"};
  std::cout << c.name() << "  " << c.provider_name() << " (aanbieder " << c.provider().substr(10)
            << ")\n"
            << "status: " << kStatus[c.status()] << ", trede " << c.step() << ", geopend "
            << DutchDate(c.opened())
            << (c.has_closed() ? ", gesloten " + DutchDate(c.closed()) : "") << "\n";
  if (c.has_recovery_plan_due()) {
    std::cout << "herstelplan uiterlijk: " << DutchDate(c.recovery_plan_due()) << "\n";
  }
  for (const auto& s : c.steps()) {
    std::cout << "  trede " << s.step() << " op " << DutchDate(s.date()) << " (" << s.changed_by()
              << ") " << s.note() << "\n";
  }
  for (const auto& a : c.actions()) {
    std::cout << "  actie " << DutchDate(a.date()) << ": " << a.text() << "\n";
  }
  for (const auto& i : c.regions_informed()) {
    std::cout << "  regio " << i.region_code() << " geïnformeerd op " << DutchDate(i.date())
              << "\n";
  }
  if (c.version() > 0) std::cout << "versie: " << c.version() << "\n";
}

void AddCasesList(CLI::App* cases, const Options& o, int& exit_code) {
  auto* list = cases->add_subcommand("list", "dossiers, open dossiers eerst");
  auto pid = std::make_shared<std::string>();
  auto open_only = std::make_shared<bool>(false);
  list->add_option("--provider", *pid, "aanbieder: id, KvK-nummer, AGB-code of naam");
  list->add_flag("--open", *open_only, "alleen open dossiers");
  list->callback([&, pid, open_only] {
    ar::ListCasesRequest q;
    if (!pid->empty() && !ResolveProvider(o, *pid, q.mutable_provider(), &exit_code)) return;
    q.set_open_only(*open_only);
    exit_code = AccountRegionCall<ar::ListCasesResponse>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.ListCases(ctx, q, resp); },
        [](const ar::ListCasesResponse& r) {
          for (const auto& c : r.cases()) PrintCase(c);
        });
  });
}

void AddCasesOpen(CLI::App* cases, const Options& o, int& exit_code) {
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
    exit_code = AccountRegionCall<ar::ContinuityCase>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.OpenCase(ctx, q, resp); }, PrintCase,
        open_flags);
  });
}

void AddCasesMove(CLI::App* cases, const Options& o, int& exit_code) {
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
    exit_code = AccountRegionCall<ar::ContinuityCase>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.MoveCaseStep(ctx, q, resp); }, PrintCase,
        move_flags);
  });
}

void AddCasesUpdate(CLI::App* cases, const Options& o, int& exit_code) {
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
      if (!DateFlag("--date", *udate, q.mutable_region_informed()->mutable_date(), &exit_code)) {
        return;
      }
    }
    q.set_resolve(*resolve);
    q.set_version(*uversion);
    exit_code = AccountRegionCall<ar::ContinuityCase>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.UpdateCase(ctx, q, resp); }, PrintCase,
        update_flags);
  });
}

}  // namespace

void AddCasesCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* cases = app.add_subcommand("cases", "continuïteitsdossiers");
  cases->require_subcommand(1);
  AddCasesList(cases, o, exit_code);
  AddCasesOpen(cases, o, exit_code);
  AddCasesMove(cases, o, exit_code);
  AddCasesUpdate(cases, o, exit_code);
}

}  // namespace ozjt::cli
