#include "clients/cli/signals_cli.h"

#include <memory>

#include "clients/cli/accountregion_common.h"

namespace ozjt::cli {
namespace {

namespace ar = ::ozjt::accountregion::v1;

void AddSignalsAdd(CLI::App* signals, const Options& o, int& exit_code) {
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
    exit_code = AccountRegionCall<ar::Signal>(
        o, [&](auto& s, auto* ctx, auto* resp) { return s.CreateSignal(ctx, q, resp); },
        [](const ar::Signal& s) { std::cout << s.name() << " vastgelegd\n"; }, flags);
  });
}

void AddSignalsList(CLI::App* signals, const Options& o, int& exit_code) {
  auto* list = signals->add_subcommand("list", "de signalen over een aanbieder");
  auto lid = std::make_shared<std::string>();
  list->add_option("provider", *lid, "id, KvK-nummer, AGB-code of naam")->required();
  list->callback([&, lid] {
    ar::ListSignalsRequest q;
    if (!ResolveProvider(o, *lid, q.mutable_provider(), &exit_code)) return;
    exit_code = AccountRegionCall<ar::ListSignalsResponse>(
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

}  // namespace

void AddSignalsCommands(CLI::App& app, const Options& o, int& exit_code) {
  auto* signals = app.add_subcommand("signals", "signalen over continuïteit");
  signals->require_subcommand(1);
  AddSignalsAdd(signals, o, exit_code);
  AddSignalsList(signals, o, exit_code);
}

}  // namespace ozjt::cli
