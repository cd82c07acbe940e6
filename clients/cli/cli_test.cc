#include <gtest/gtest.h>

#include "clients/cli/cli_common.h"
#include "clients/cli/usage.h"

namespace ozjt::cli {
namespace {

google::type::Date Day(const std::string& text) {
  google::type::Date d;
  EXPECT_TRUE(ParseDate(text, &d)) << text;
  return d;
}

TEST(ParseDate, AcceptsDutchAndIsoDates) {
  for (const char* text : {"31-12-2026", "2026-12-31"}) {
    auto d = Day(text);
    EXPECT_EQ(d.year(), 2026);
    EXPECT_EQ(d.month(), 12);
    EXPECT_EQ(d.day(), 31);
  }
  EXPECT_EQ(Day("1-2-2027").month(), 2);
  EXPECT_EQ(Day("29-02-2028").day(), 29);
}

TEST(ParseDate, RefusesWhatIsNoDayOfTheCalendar) {
  google::type::Date d;
  for (const char* text : {"31-02-2026", "29-02-2027", "2026-13-01", "00-01-2026", "12-2026",
                           "2026/12/31", "31-12-26", "31-12-2026x", "", "-1-1-2026"}) {
    EXPECT_FALSE(ParseDate(text, &d)) << text;
  }
}

TEST(NormalizeDecimal, ReadsADecimalCommaAndThousandDots) {
  const std::pair<const char*, const char*> cases[] = {
      {"4,94", "4.94"},         {"4.94", "4.94"}, {"1.234,50", "1234.50"}, {"-0,5", "-0.5"},
      {"1.234.567", "1234567"}, {"12", "12"},     {"+6,30", "6.30"}};
  for (const auto& [in, want] : cases) {
    std::string out;
    EXPECT_TRUE(NormalizeDecimal(in, &out)) << in;
    EXPECT_EQ(out, want) << in;
  }
  std::string out;
  for (const char* bad : {"", "4,9,4", "1.23,4", "12.34.5", "4,", "x", "1,2.3", ",5"}) {
    EXPECT_FALSE(NormalizeDecimal(bad, &out)) << bad;
  }
}

TEST(ParseAmountCents, ReadsEurosAsPeopleTypeThem) {
  const std::pair<const char*, int64_t> cases[] = {
      {"32,42", 3242},  {"32.42", 3242}, {"1.234,50", 123450}, {"\u20ac 1.234,50", 123450},
      {"1234", 123400}, {"0,5", 50}};
  for (const auto& [in, want] : cases) {
    int64_t cents = 0;
    EXPECT_TRUE(ParseAmountCents(in, &cents)) << in;
    EXPECT_EQ(cents, want) << in;
  }
  int64_t cents = 0;
  EXPECT_FALSE(ParseAmountCents("1.234", &cents));  // three decimals: write 1.234,00
  EXPECT_FALSE(ParseAmountCents("32,4x", &cents));
  EXPECT_EQ(Euros(3242), "\u20ac 32,42");
}

TEST(FlagFor, NamesTheFlagOfAFieldPath) {
  const FlagTable flags = {{"conclusion_summary", "--summary"},
                           {"provider.agb_codes", "--agb"},
                           {"plan.actions", "--action"}};
  EXPECT_EQ(FlagFor(flags, "conclusion_summary"), "--summary");
  EXPECT_EQ(FlagFor(flags, "provider.agb_codes[1]"), "--agb");
  EXPECT_EQ(FlagFor(flags, "plan.actions[0].text"), "--action");
  EXPECT_EQ(FlagFor(flags, "provider.kvk_number"), "");
  EXPECT_EQ(FlagFor(flags, "conclusion"), "");
}

TEST(Nearest, SuggestsTheClosestCommands) {
  const std::vector<std::string> commands = {"providers", "contracts", "cases", "notes", "kpi"};
  EXPECT_EQ(Nearest("contrcts", commands), std::vector<std::string>{"contracts"});
  EXPECT_EQ(Nearest("contr", commands), std::vector<std::string>{"contracts"});
  EXPECT_EQ(Nearest("xyz", commands), std::vector<std::string>{});
  EXPECT_EQ(Nearest("nates", commands), std::vector<std::string>{"notes"});
  EXPECT_EQ(Nearest("lst", {"list", "last", "get"}), (std::vector<std::string>{"list", "last"}));
}

// A small command tree like the real one.
struct Cli {
  CLI::App app{"test"};
  std::string id, date;
  Cli() {
    app.require_subcommand(1);
    auto* contracts = app.add_subcommand("contracts", "");
    contracts->require_subcommand(1);
    contracts->add_subcommand("list", "");
    auto* get = contracts->add_subcommand("get", "");
    get->add_option("contract", id)->required();
    get->add_option("--date", date);
    app.add_subcommand("providers", "");
  }
  // The exit code and what was printed on standard error.
  std::pair<int, std::string> Run(std::vector<std::string> words) {
    std::vector<char*> argv = {const_cast<char*>("ozjt")};
    for (auto& w : words) argv.push_back(w.data());
    testing::internal::CaptureStderr();
    const int rc = ParseCommandLine(app, static_cast<int>(argv.size()), argv.data());
    return {rc, testing::internal::GetCapturedStderr()};
  }
};

TEST(ParseCommandLine, AMistypedCommandExits2AndNamesTheNearest) {
  auto [rc, err] = Cli().Run({"contrcts", "list"});
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(err, "fout: 'contrcts' is geen opdracht van ozjt; bedoelde u: contracts?\n");
  std::tie(rc, err) = Cli().Run({"contracts", "lsit"});
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(err, "fout: 'lsit' is geen opdracht van ozjt contracts; bedoelde u: list?\n");
}

TEST(ParseCommandLine, UsageMistakesExit2InDutch) {
  auto [rc, err] = Cli().Run({"contracts", "get"});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(err.find("fout: contract is verplicht bij 'ozjt contracts get'"), std::string::npos)
      << err;
  std::tie(rc, err) = Cli().Run({"contracts"});
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(err, "fout: 'ozjt contracts' heeft een opdracht nodig: list, get\n");
  std::tie(rc, err) = Cli().Run({"contracts", "get", "1", "--dat", "x"});
  EXPECT_EQ(rc, 2);
  EXPECT_NE(err.find("onbekende optie --dat bij 'ozjt contracts get'; bedoelde u: --date?"),
            std::string::npos)
      << err;
  EXPECT_EQ(Cli().Run({"contracts", "get", "JZP-2024"}).first, -1);
}

TEST(DutchHelp, HelpUsesNoEnglishWordsOfCli11) {
  Cli cli;
  DutchHelp(cli.app);
  auto* contracts = cli.app.get_subcommand("contracts");
  for (const std::string& help :
       {cli.app.help(), contracts->help(), contracts->get_subcommand("get")->help()}) {
    for (const char* english : {"Usage", "Options:", "Subcommands:", "Positionals:",
                                "Print this help message", "REQUIRED", "TEXT"}) {
      EXPECT_EQ(help.find(english), std::string::npos) << english << " in:\n" << help;
    }
    EXPECT_NE(help.find("Gebruik: "), std::string::npos) << help;
    EXPECT_NE(help.find("Opties:"), std::string::npos) << help;
    EXPECT_NE(help.find("Toon deze hulp en stop"), std::string::npos) << help;
  }
  EXPECT_NE(cli.app.help().find("Opdrachten:"), std::string::npos);
  EXPECT_NE(contracts->get_subcommand("get")->help().find("contract TEKST VERPLICHT"),
            std::string::npos);
  // Parsing is as before.
  EXPECT_EQ(cli.Run({"contrcts", "list"}),
            std::make_pair(2, std::string("fout: 'contrcts' is geen opdracht van ozjt; bedoelde "
                                          "u: contracts?\n")));
}

}  // namespace
}  // namespace ozjt::cli
