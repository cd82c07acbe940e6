#include "clients/cli/notes_cli.h"

#include "clients/cli/lookup.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"

namespace ozjt::cli {
namespace {

namespace ct = ::ozjt::contracts::v1;

void AddNotesAdd(CLI::App* notes, const Options& o, int& exit_code) {
  auto* add = notes->add_subcommand("add", "een notitie bij een contract vastleggen");
  auto id = std::make_shared<std::string>();
  auto text = std::make_shared<std::string>();
  auto municipality = std::make_shared<std::string>();
  add->add_option("contract", *id, "kenmerk of id")->required();
  add->add_option("--text", *text, "de notitie")->required();
  add->add_option("--municipality", *municipality,
                  "gemeente: naam of CBS-code (gemeentelijke gebruikers: de eigen gemeente)");
  const FlagTable flags = {{"note.contract", "contract"},
                           {"note.text", "--text"},
                           {"note.municipality_code", "--municipality"}};
  add->callback([&, id, text, municipality, flags] {
    Run(o, exit_code, [&](Client& client) {
      Lookup lookup(o);
      ct::CreateContractNoteRequest req;
      if (int rc = lookup.Contract(*id, req.mutable_note()->mutable_contract())) return rc;
      req.mutable_note()->set_text(*text);
      if (!municipality->empty()) {
        if (int rc = lookup.MunicipalityCode(*municipality,
                                             req.mutable_note()->mutable_municipality_code())) {
          return rc;
        }
      }
      return Send(
          o, &ct::ContractService::Stub::CreateContractNote, req,
          [&](const ct::ContractNote& n) { std::cout << n.name() << " vastgelegd\n"; }, flags);
    });
  });
}

void AddNotesList(CLI::App* notes, const Options& o, int& exit_code) {
  auto* list = notes->add_subcommand("list", "de notities bij een contract");
  auto lid = std::make_shared<std::string>();
  list->add_option("contract", *lid, "kenmerk of id")->required();
  list->callback([&, lid] {
    Run(o, exit_code, [&](Client& client) {
      Lookup lookup(o);
      ct::ListContractNotesRequest req;
      if (int rc = lookup.Contract(*lid, req.mutable_contract())) return rc;
      return Send(o, &ct::ContractService::Stub::ListContractNotes, req,
                  [&](const ct::ListContractNotesResponse& resp) {
                    std::vector<std::vector<std::string>> rows;
                    for (const auto& n : resp.notes()) {
                      rows.push_back(
                          {lookup.MunicipalityName(n.municipality_code()), n.author(), n.text()});
                    }
                    PrintTable({"GEMEENTE", "AUTEUR", "NOTITIE"}, rows);
                  });
    });
  });
}

}  // namespace

void AddNotesCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* notes = app.add_subcommand("notes", "notities van het contractmanagement");
  notes->require_subcommand(1);
  AddNotesAdd(notes, o, exit_code);
  AddNotesList(notes, o, exit_code);
}

}  // namespace ozjt::cli
