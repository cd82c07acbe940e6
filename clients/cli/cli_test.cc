#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <mutex>
#include <regex>
#include <set>

#include "clients/cli/cli_common.h"
#include "clients/cli/request_ids.h"
#include "clients/cli/usage.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"

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

// A ContractService on 127.0.0.1 that answers UNAVAILABLE ("database unreachable") to the first
// `failures` calls and then OK, and keeps what each call received.
class FlakyContracts : public contracts::v1::ContractService::Service {
 public:
  explicit FlakyContracts(int failures) : failures_(failures) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(this);
    builder.SetMaxReceiveMessageSize(8 * 1024 * 1024);
    server_ = builder.BuildAndStart();
  }
  ~FlakyContracts() override { server_->Shutdown(); }

  // The CLI's options for this server.
  Options options() const {
    Options o;
    o.addr = "127.0.0.1:" + std::to_string(port_);
    o.timeout_s = 20;
    return o;
  }
  // The request_id of each CreateContractNote call, in order.
  std::vector<std::string> keys() {
    std::lock_guard<std::mutex> lock(mu_);
    return keys_;
  }
  // The bytes of each GetContract request, in order.
  std::vector<std::string> reads() {
    std::lock_guard<std::mutex> lock(mu_);
    return reads_;
  }

  grpc::Status CreateContractNote(grpc::ServerContext* /*context*/,
                                  const contracts::v1::CreateContractNoteRequest* request,
                                  contracts::v1::ContractNote* note) override {
    std::lock_guard<std::mutex> lock(mu_);
    keys_.push_back(request->request_id());
    if (failures_ > 0) {
      --failures_;
      return {grpc::StatusCode::UNAVAILABLE, "database unreachable"};
    }
    note->set_name("contractNotes/" + std::to_string(keys_.size()));
    return grpc::Status::OK;
  }

  grpc::Status GetContract(grpc::ServerContext* /*context*/,
                           const contracts::v1::GetContractRequest* request,
                           contracts::v1::Contract* contract) override {
    std::lock_guard<std::mutex> lock(mu_);
    reads_.push_back(request->SerializeAsString());
    if (failures_ > 0) {
      --failures_;
      return {grpc::StatusCode::UNAVAILABLE, "database unreachable"};
    }
    contract->set_name(request->name());
    return grpc::Status::OK;
  }

 private:
  std::mutex mu_;
  int failures_;
  std::vector<std::string> keys_;
  std::vector<std::string> reads_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

// Adds a note through the CLI's own call path (Send, Client); returns its exit code.
int AddNote(const Options& o, contracts::v1::CreateContractNoteRequest req = {}) {
  if (req.note().text().empty()) {
    req.mutable_note()->set_contract("contracts/12");
    req.mutable_note()->set_text("Gesprek gevoerd.");
  }
  return Send<contracts::v1::ContractService::Stub>(
      o, &contracts::v1::ContractService::Stub::CreateContractNote, req,
      [](const contracts::v1::ContractNote& /*note*/) {});
}

bool IsUuidV4(const std::string& key) {
  static const std::regex kUuid(
      "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  return std::regex_match(key, kUuid);
}

TEST(SafeRetries, AnUnavailableWriteIsRetriedWithTheSameKey) {
  FlakyContracts server(/*failures=*/1);
  EXPECT_EQ(AddNote(server.options()), 0);
  const auto keys = server.keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_TRUE(IsUuidV4(keys[0])) << keys[0];
  EXPECT_EQ(keys[1], keys[0]);
}

TEST(SafeRetries, EachWriteGetsItsOwnKey) {
  FlakyContracts server(/*failures=*/0);
  const Options o = server.options();
  EXPECT_EQ(AddNote(o), 0);
  EXPECT_EQ(AddNote(o), 0);
  // One channel for several calls, as `Lookup` keeps one.
  Client client(o);
  contracts::v1::ContractService::Stub stub(client.channel());
  contracts::v1::CreateContractNoteRequest req;
  contracts::v1::ContractNote note;
  EXPECT_TRUE(stub.CreateContractNote(client.Context().get(), req, &note).ok());
  EXPECT_TRUE(stub.CreateContractNote(client.Context().get(), req, &note).ok());
  const auto keys = server.keys();
  ASSERT_EQ(keys.size(), 4u);
  for (const auto& key : keys) EXPECT_TRUE(IsUuidV4(key)) << key;
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), 4u);
}

TEST(SafeRetries, AKeyTheCallerSetIsKept) {
  FlakyContracts server(/*failures=*/1);
  contracts::v1::CreateContractNoteRequest req;
  req.mutable_note()->set_contract("contracts/12");
  req.mutable_note()->set_text("Gesprek gevoerd.");
  req.set_request_id("5f0c1a52-8d5e-4c1b-9a53-0a1d2e3f4a5b");
  EXPECT_EQ(AddNote(server.options(), req), 0);
  EXPECT_EQ(server.keys(), std::vector<std::string>(2, "5f0c1a52-8d5e-4c1b-9a53-0a1d2e3f4a5b"));
}

TEST(SafeRetries, AReadIsRetriedAndSentUnchanged) {
  FlakyContracts server(/*failures=*/1);
  contracts::v1::GetContractRequest req;
  req.set_name("contracts/12");
  const int code = Send<contracts::v1::ContractService::Stub>(
      server.options(), &contracts::v1::ContractService::Stub::GetContract, req,
      [](const contracts::v1::Contract& /*contract*/) {});
  EXPECT_EQ(code, 0);
  EXPECT_EQ(server.reads(), std::vector<std::string>(2, req.SerializeAsString()));
}

TEST(SafeRetries, ALargeWriteSuchAsAnImportIsRetriedToo) {
  FlakyContracts server(/*failures=*/1);
  contracts::v1::CreateContractNoteRequest req;
  req.mutable_note()->set_contract("contracts/12");
  req.mutable_note()->set_text(std::string(size_t{2} * 1024 * 1024, 'x'));  // gRPC keeps 256 KiB
  EXPECT_EQ(AddNote(server.options(), req), 0);
  const auto keys = server.keys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[1], keys[0]);
}

TEST(SafeRetries, GivesUpAfterFiveAttemptsAndSaysSoInDutch) {
  FlakyContracts server(/*failures=*/100);
  testing::internal::CaptureStderr();
  const int code = AddNote(server.options());
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_EQ(code, 1);
  const auto keys = server.keys();
  ASSERT_EQ(keys.size(), 5u);
  for (const auto& key : keys) EXPECT_EQ(key, keys[0]);
  EXPECT_NE(err.find("fout: De server is niet bereikbaar"), std::string::npos) << err;
  EXPECT_NE(err.find("5 keer geprobeerd"), std::string::npos) << err;
  EXPECT_NE(err.find("(UNAVAILABLE)"), std::string::npos) << err;
}

}  // namespace
}  // namespace ozjt::cli
