// The web gateway over real gRPC and PostgreSQL with the demo contracts: the page is served,
// calls carry the user's token, status codes become HTTP statuses with field errors, a
// municipality cannot reach another's contract, and only the page's calls pass.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "services/web/gateway.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

using nlohmann::json;
using platform::Role;
using testing::TestServer;

class WebTest : public testing::ServerSuite {
 protected:
  static void SetUpTestSuite() {
    ServerSuite::SetUpTestSuite();
    ASSERT_TRUE(testing::LoadDemoContracts(db_->conninfo()).ok());

    web::WebConfig config;
    config.listen = "127.0.0.1:0";
    config.dev_login = true;
    // Files of this process's own (ctest runs each test in a process of its own, in parallel,
    // each suite with its own keys): a fixed name in TempDir() was overwritten by another
    // process's keys, and its tokens were refused ("signature does not match").
    config.dev_signing_key_file = testing::TempFile(server_->keys().private_pem, ".key");
    config.jwt_public_key_files = {testing::TempFile(server_->keys().public_pem, ".pub")};
    auto g = web::Gateway::Start(config, server_->Channel());
    ASSERT_TRUE(g.ok()) << g.status();
    gateway_ = g->release();
  }
  static void TearDownTestSuite() {
    delete gateway_;
    gateway_ = nullptr;
    ServerSuite::TearDownTestSuite();
  }

  struct Answer {
    int status = 0;
    json body;
  };
  static Answer Post(const std::string& path, const json& body, const std::string& token = "") {
    std::string url = gateway_->url();  // http://127.0.0.1:PORT/
    url.pop_back();
    httplib::Client http(url);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    auto res = http.Post(path, headers, body.dump(), "application/json");
    if (!res) return {};
    return {res->status, json::parse(res->body, nullptr, false)};
  }
  static std::string Login(const std::string& municipality) {
    Answer a = Post("/api/dev-login", {{"municipality", municipality}});
    EXPECT_EQ(a.status, 200) << a.body;
    return a.body.value("token", "");
  }
  // The id of the demo contract with this reference, as the OZJT manager sees it.
  static std::string ContractNamed(const std::string& reference) {
    const std::string manager = server_->Token(Role::kOzjtContractManager);
    Answer a = Post("/api/rpc/ozjt.contracts.v1.ContractService/ListContracts",
                    {{"filter", {{"text", reference}}}}, manager);
    EXPECT_EQ(a.status, 200) << a.body;
    for (const auto& c : a.body["contracts"]) {
      if (c["reference"] == reference) return c["name"];
    }
    return "";
  }

  static web::Gateway* gateway_;
};
web::Gateway* WebTest::gateway_ = nullptr;

TEST_F(WebTest, ServesTheDutchPageWithSecurityHeaders) {
  std::string url = gateway_->url();
  url.pop_back();
  httplib::Client http(url);
  auto page = http.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("lang=\"nl\""), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  auto js = http.Get("/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(http.Get("/nergens")->status, 404);
}

TEST_F(WebTest, DevLoginIssuesAMunicipalTokenTheSessionNames) {
  const std::string token = Login("0153");
  ASSERT_FALSE(token.empty());
  Answer session = Post("/api/session", json::object(), token);
  EXPECT_EQ(session.status, 200);
  EXPECT_EQ(session.body["role"], "gemeente_contract_manager");
  EXPECT_EQ(session.body["municipality"], "0153");
  // A municipal role needs a 4-digit municipality: a field error.
  Answer bad = Post("/api/dev-login", {{"municipality", "Enschede"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["fields"][0]["field"], "municipality");
  EXPECT_EQ(Post("/api/session", json::object(), "not-a-token").status, 401);
}

TEST_F(WebTest, CallsCarryTheUsersTokenAndStatusesBecomeHttp) {
  const std::string path = "/api/rpc/ozjt.contracts.v1.ContractService/ListContracts";
  Answer anonymous = Post(path, json::object());
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body["code"], "UNAUTHENTICATED");

  // Almelo does not take part in doelgroepenvervoer: the lot is not there for it, by URL or
  // by search; Enschede sees it.
  const std::string lot = ContractNamed("DGV-2023-P1");
  ASSERT_FALSE(lot.empty());
  const std::string almelo = Login("0141"), enschede = Login("0153");
  Answer hidden =
      Post("/api/rpc/ozjt.contracts.v1.ContractService/GetContract", {{"name", lot}}, almelo);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body["code"], "NOT_FOUND");
  Answer search = Post(path, {{"filter", {{"text", "DGV-2023-P1"}}}}, almelo);
  EXPECT_EQ(search.status, 200);
  EXPECT_TRUE(search.body["contracts"].empty());
  EXPECT_EQ(
      Post("/api/rpc/ozjt.contracts.v1.ContractService/GetContract", {{"name", lot}}, enschede)
          .status,
      200);

  // A bad period is a 400 naming the field; a good measurement is listed.
  const std::string record = "/api/rpc/ozjt.contracts.v1.VervoerService/RecordKpiMeasurement";
  json m = {{"contract", lot},
            {"period", "oktober"},
            {"kind", "KPI_KIND_PUNCTUALITY"},
            {"value", "94.10"},
            {"source", "MEASUREMENT_SOURCE_MONITORING"}};
  Answer bad = Post(record, {{"measurement", m}}, enschede);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["code"], "INVALID_ARGUMENT");
  ASSERT_FALSE(bad.body["fields"].empty()) << bad.body;
  EXPECT_EQ(bad.body["fields"][0]["field"], "measurement.period");
  const std::string list = "/api/rpc/ozjt.contracts.v1.VervoerService/ListKpiMeasurements";
  const size_t before = Post(list, {{"contract", lot}}, enschede).body["measurements"].size();
  m["period"] = "2026-10";
  EXPECT_EQ(Post(record, {{"measurement", m}}, enschede).status, 200);
  Answer listed = Post(list, {{"contract", lot}}, enschede);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.body["measurements"].size(), before + 1);
  int ours = 0;
  for (const auto& x : listed.body["measurements"]) {
    ours += x["value"] == "94.10" && x["municipalityCode"] == "0153" && x["period"] == "2026-10";
  }
  EXPECT_EQ(ours, 1);
}

// What the page shows is what a person reads: the service's Dutch (google.rpc.LocalizedMessage
// and the BadRequest descriptions), never the English status message; the gateway's own errors
// are Dutch too.
TEST_F(WebTest, ErrorsCarryTheServicesDutchMessageNotTheEnglishStatus) {
  const std::string lot = ContractNamed("DGV-2023-P1");
  ASSERT_FALSE(lot.empty());
  const std::string enschede = Login("0153");
  contracts::v1::RecordKpiMeasurementRequest request;
  auto* m = request.mutable_measurement();
  m->set_contract(lot);
  m->set_period("oktober");
  m->set_kind(contracts::v1::KPI_KIND_PUNCTUALITY);
  m->set_value("94.10");
  m->set_source(contracts::v1::MEASUREMENT_SOURCE_MONITORING);
  // What the service itself sends for this input.
  auto stub = contracts::v1::VervoerService::NewStub(server_->Channel());
  contracts::v1::KpiMeasurement ignored;
  grpc::Status direct =
      stub->RecordKpiMeasurement(TestServer::Context(enschede).get(), request, &ignored);
  ASSERT_EQ(direct.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const std::string dutch = testing::DutchMessage(direct);
  ASSERT_FALSE(dutch.empty());
  ASSERT_NE(dutch, direct.error_message());

  Answer bad = Post("/api/rpc/ozjt.contracts.v1.VervoerService/RecordKpiMeasurement",
                    {{"measurement",
                      {{"contract", lot},
                       {"period", "oktober"},
                       {"kind", "KPI_KIND_PUNCTUALITY"},
                       {"value", "94.10"},
                       {"source", "MEASUREMENT_SOURCE_MONITORING"}}}},
                    enschede);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["code"], "INVALID_ARGUMENT");
  EXPECT_EQ(bad.body["message"], dutch);
  EXPECT_EQ(bad.body.dump().find(direct.error_message()), std::string::npos) << bad.body;
  std::vector<std::string> fields, descriptions;
  for (const auto& f : bad.body["fields"]) {
    fields.push_back(f["field"]);
    descriptions.push_back(f["description"]);
  }
  EXPECT_EQ(fields, testing::ViolationFields(direct));
  EXPECT_EQ(descriptions, testing::ViolationDescriptions(direct));
  EXPECT_EQ(fields, std::vector<std::string>{"measurement.period"});

  // Another municipality's contract: the service's Dutch NOT_FOUND.
  const std::string almelo = Login("0141");
  contracts::v1::Contract contract;
  contracts::v1::GetContractRequest get;
  get.set_name(lot);
  grpc::Status hidden_direct = contracts::v1::ContractService::NewStub(server_->Channel())
                                   ->GetContract(TestServer::Context(almelo).get(), get, &contract);
  ASSERT_EQ(hidden_direct.error_code(), grpc::StatusCode::NOT_FOUND);
  Answer hidden =
      Post("/api/rpc/ozjt.contracts.v1.ContractService/GetContract", {{"name", lot}}, almelo);
  EXPECT_EQ(hidden.status, 404);
  // The page shows the service's Dutch without its hint for CLI users ("(ozjt contracts list)").
  EXPECT_EQ(hidden.body["message"], web::ForThePage(testing::DutchMessage(hidden_direct)));
  EXPECT_NE(testing::DutchMessage(hidden_direct).find("(ozjt "), std::string::npos);
  EXPECT_EQ(hidden.body["message"].get<std::string>().find("ozjt "), std::string::npos)
      << hidden.body;
  EXPECT_NE(hidden.body["message"], hidden_direct.error_message());

  // The gateway's own errors: Dutch sentences.
  Answer anonymous = Post("/api/rpc/ozjt.contracts.v1.ContractService/ListContracts", {});
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body["message"], "U bent niet ingelogd; log eerst in.");
  Answer unreadable = Post("/api/rpc/ozjt.contracts.v1.ContractService/ListContracts",
                           {{"filter", {{"gemeente", "0164"}}}}, enschede);
  EXPECT_EQ(unreadable.status, 400);
  EXPECT_EQ(unreadable.body["message"].get<std::string>().rfind("De pagina stuurde een verzoek", 0),
            0u)
      << unreadable.body;
  Answer session = Post("/api/session", json::object(), "not-a-token");
  EXPECT_EQ(session.status, 401);
  EXPECT_EQ(session.body["message"].get<std::string>().find("token"), std::string::npos);
  Answer role = Post("/api/dev-login", {{"role", "baas"}});
  EXPECT_EQ(role.status, 400);
  EXPECT_EQ(role.body["fields"][0]["field"], "role");
  EXPECT_EQ(role.body["fields"][0]["description"], "Kies een van de rollen uit de lijst.");
}

TEST_F(WebTest, OnlyThePagesCallsPassAndBadBodiesAreRefused) {
  const std::string enschede = Login("0153");
  // Creating providers is not something the page does: not found at the gateway.
  Answer create =
      Post("/api/rpc/ozjt.registry.v1.ProviderRegistry/CreateProvider",
           {{"provider", {{"displayName", "X"}}}}, server_->Token(Role::kOzjtContractManager));
  EXPECT_EQ(create.status, 404);
  Answer unknown_field = Post("/api/rpc/ozjt.contracts.v1.ContractService/ListContracts",
                              {{"filter", {{"gemeente", "0164"}}}}, enschede);
  EXPECT_EQ(unknown_field.status, 400);
  EXPECT_EQ(unknown_field.body["code"], "INVALID_ARGUMENT");
  // Another municipality as filter: the service refuses, the gateway passes it on as 403.
  Answer other = Post("/api/rpc/ozjt.registry.v1.ProviderRegistry/ListProviders",
                      {{"filter", {{"municipalityCode", "0164"}}}}, enschede);
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.body["code"], "PERMISSION_DENIED");
}

}  // namespace
}  // namespace ozjt
