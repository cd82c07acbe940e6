#include "clients/cli/legal_cli.h"

#include "clients/cli/lookup.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ct = ::ozjt::contracts::v1;

void AddLegalList(CLI::App* legal, const Options& o, int& exit_code) {
  auto* list = legal->add_subcommand("list", "de juridische stappen bij een contract");
  auto id = std::make_shared<std::string>();
  list->add_option("contract", *id, "kenmerk of id")->required();
  list->callback([&, id] {
    Run(o, exit_code, [&](Client& client) {
      ct::ListLegalStepsRequest req;
      if (int rc = Lookup(o).Contract(*id, req.mutable_contract())) return rc;
      return Send(o, &ct::ContractService::Stub::ListLegalSteps, req,
                  [&](const ct::ListLegalStepsResponse& resp) {
                    std::vector<std::vector<std::string>> rows;
                    for (const auto& s : resp.steps()) {
                      rows.push_back(
                          {s.name(),
                           EnumShort(ct::LegalStepKind_descriptor(), s.kind(), "LEGAL_STEP_KIND_"),
                           DutchDate(s.date()), DutchDate(s.deadline()),
                           s.remedied() ? "hersteld" : (s.response().empty() ? "" : "gereageerd"),
                           s.grounds()});
                    }
                    PrintTable({"STAP", "SOORT", "DATUM", "TERMIJN", "REACTIE", "GRONDEN"}, rows);
                  });
    });
  });
}

void AddLegalAdd(CLI::App* legal, const Options& o, int& exit_code) {
  auto* add = legal->add_subcommand(
      "add", "een juridische stap vastleggen uit een JSON-bestand (ozjt.contracts.v1.LegalStep)");
  auto file = std::make_shared<std::string>();
  add->add_option("--json-file", *file, "de stap als JSON-bestand")->required();
  add->callback([&, file] {
    Run(o, exit_code, [&](Client& client) {
      ct::CreateLegalStepRequest req;
      if (!ReadJsonFile(*file, req.mutable_step())) return 2;
      return Send(o, &ct::ContractService::Stub::CreateLegalStep, req,
                  [&](const ct::LegalStep& s) { std::cout << s.name() << " vastgelegd\n"; });
    });
  });
}

void AddLegalRespond(CLI::App* legal, const Options& o, int& exit_code) {
  auto* respond = legal->add_subcommand(
      "respond", "de reactie van de aanbieder op een ingebrekestelling vastleggen");
  auto step = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto remedied = std::make_shared<bool>(false);
  respond->add_option("step", *step, "id van de juridische stap")->required();
  respond->add_option("--date", *date, "dd-mm-jjjj")->required();
  respond->add_option("--response", *text, "de reactie")->required();
  respond->add_flag("--remedied", *remedied, "het verzuim is op tijd hersteld");
  const FlagTable flags = {{"step", "step"},
                           {"response_date", "--date"},
                           {"response", "--response"},
                           {"remedied", "--remedied"}};
  respond->callback([&, step, date, text, remedied, flags] {
    Run(o, exit_code, [&](Client& client) {
      ct::RecordDefaultResponseRequest req;
      req.set_step(Name("legalSteps", *step));
      if (!ParseDateFlag("--date", *date, req.mutable_response_date())) return 2;
      req.set_response(*text);
      req.set_remedied(*remedied);
      return Send(
          o, &ct::ContractService::Stub::RecordDefaultResponse, req,
          [&](const ct::LegalStep& s) { std::cout << s.name() << " bijgewerkt\n"; }, flags);
    });
  });
}

}  // namespace

void AddLegalCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* legal =
      app.add_subcommand("legal", "juridische trajecten: ingebrekestelling, sancties, ontbinding");
  legal->require_subcommand(1);
  AddLegalList(legal, o, exit_code);
  AddLegalAdd(legal, o, exit_code);
  AddLegalRespond(legal, o, exit_code);
}

}  // namespace ozjt::cli
