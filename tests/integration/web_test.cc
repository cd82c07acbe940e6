// The web gateway over real gRPC and PostgreSQL with the demo contracts: the page is served,
// calls carry the user's token, status codes become HTTP statuses with field errors, a
// municipality cannot reach another's contract, and only the page's calls pass.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "services/web/gateway.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

using nlohmann::json;
using platform::Role;
using testing::TestServer;

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

class WebTest : public testing::ServerSuite {
 protected:
  static void SetUpTestSuite() {
    ServerSuite::SetUpTestSuite();
    ASSERT_TRUE(testing::LoadDemoContracts(db_->conninfo()).ok());

    web::WebConfig config;
    config.listen = "127.0.0.1:0";
    config.dev_login = true;
    config.dev_signing_key_file = WriteTemp("web_signing.key", server_->keys().private_pem);
    config.jwt_public_key_files = {WriteTemp("web_signing.pub", server_->keys().public_pem)};
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
