// The provider registry end to end: real gRPC channel, real PostgreSQL, signed tokens.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace pb = registry::v1;
using platform::Role;
using testing::TestServer;
using testing::ViolationFields;

class RegistryTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    stub_ = pb::ProviderRegistry::NewStub(server_->Channel());
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
  }

  // A unique KvK number per call.
  static std::string NextKvk() {
    static std::atomic<int> n{0};
    return std::to_string(70000000 + n++);
  }

  static pb::Provider Sample(const std::string& name, std::vector<std::string> municipalities) {
    pb::Provider p;
    p.set_display_name(name);
    p.set_kvk_number(NextKvk());
    p.set_legal_form(pb::LEGAL_FORM_STICHTING);
    p.add_laws(pb::LAW_JEUGDWET);
    for (const auto& m : municipalities) p.add_municipality_codes(m);
    p.set_tier(pb::TIER_LOCAL);
    return p;
  }

  grpc::Status Create(const pb::Provider& p, pb::Provider* out, const std::string& token = "") {
    pb::CreateProviderRequest req;
    *req.mutable_provider() = p;
    return stub_->CreateProvider(TestServer::Context(token.empty() ? manager_ : token).get(), req,
                                 out);
  }

  pb::Provider MustCreate(const pb::Provider& p) {
    pb::Provider out;
    grpc::Status s = Create(p, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  grpc::Status Update(const pb::Provider& p, std::vector<std::string> paths, pb::Provider* out) {
    pb::UpdateProviderRequest req;
    *req.mutable_provider() = p;
    for (const auto& path : paths) req.mutable_update_mask()->add_paths(path);
    return stub_->UpdateProvider(TestServer::Context(manager_).get(), req, out);
  }

  std::vector<pb::Provider> ListAll(pb::ProviderFilter filter, const std::string& token,
                                    int page_size) {
    std::vector<pb::Provider> all;
    pb::ListProvidersRequest req;
    *req.mutable_filter() = filter;
    req.set_page_size(page_size);
    do {
      pb::ListProvidersResponse resp;
      grpc::Status s = stub_->ListProviders(TestServer::Context(token).get(), req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const auto& p : resp.providers()) all.push_back(p);
      req.set_page_token(resp.next_page_token());
    } while (!req.page_token().empty());
    return all;
  }

  std::unique_ptr<pb::ProviderRegistry::Stub> stub_;
  std::string manager_;
};

TEST_F(RegistryTest, CreateThenGetReturnsTheStoredProvider) {
  pb::Provider in = Sample("Jeugdhulp Create (fictief)", {"0164", "0153"});
  in.add_agb_codes("98000001");
  auto* e = in.add_establishments();
  e->set_establishment_number("000012345678");
  e->set_name("Locatie Hengelo");
  e->set_municipality_code("0164");
  auto* t = in.add_turnover();
  t->set_year(2024);
  t->set_total_cents(150000000);
  auto* r = t->add_per_region();
  r->set_region_code("TWENTE");
  r->set_amount_cents(100000000);
  pb::Provider created = MustCreate(in);
  EXPECT_EQ(created.version(), 1);
  EXPECT_EQ(created.status(), pb::PROVIDER_STATUS_APPLICANT);  // default
  EXPECT_EQ(created.name().rfind("providers/", 0), 0u);

  pb::GetProviderRequest req;
  req.set_name(created.name());
  pb::Provider got;
  ASSERT_TRUE(stub_->GetProvider(TestServer::Context(manager_).get(), req, &got).ok());
  EXPECT_EQ(got.display_name(), "Jeugdhulp Create (fictief)");
  EXPECT_EQ(got.kvk_number(), in.kvk_number());
  ASSERT_EQ(got.municipality_codes_size(), 2);
  EXPECT_EQ(got.municipality_codes(0), "0153");  // canonical order
  EXPECT_EQ(got.establishments(0).name(), "Locatie Hengelo");
  EXPECT_EQ(got.turnover(0).per_region(0).amount_cents(), 100000000);
  EXPECT_EQ(got.agb_codes(0), "98000001");
}

TEST_F(RegistryTest, DuplicateKvkIsAlreadyExists) {
  pb::Provider p = Sample("Dubbel (fictief)", {"0153"});
  MustCreate(p);
  pb::Provider out;
  grpc::Status s = Create(p, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(s.error_message().find(p.kvk_number()), std::string::npos);
  // What the person reads: Dutch, naming the KvK number and how to find that provider.
  EXPECT_EQ(testing::DutchMessage(s), "Er is al een aanbieder met KvK-nummer " + p.kvk_number() +
                                          "; zoek die op met ozjt providers list --kvk " +
                                          p.kvk_number() + ".");
}

TEST_F(RegistryTest, BadInputIsInvalidArgumentWithFieldViolations) {
  pb::Provider p = Sample("Fout (fictief)", {"0153", "9999"});
  p.set_kvk_number("1234");
  p.add_agb_codes("12");
  p.set_display_name(std::string(300, 'x'));
  pb::Provider out;
  grpc::Status s = Create(p, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(s),
            (std::vector<std::string>{"provider.display_name", "provider.kvk_number",
                                      "provider.agb_codes[0]", "provider.municipality_codes[1]"}));
  // Each violation in Dutch, naming the thing rather than the field; the whole as one message.
  const std::vector<std::string> dutch = {
      "De naam van de aanbieder mag hoogstens 200 tekens lang zijn.",
      "Het KvK-nummer moet uit precies 8 cijfers bestaan.",
      "AGB-code '12' moet uit precies 8 cijfers bestaan.",
      "Er is geen gemeente met CBS-code 9999; zie ozjt reference municipalities."};
  EXPECT_EQ(testing::ViolationDescriptions(s), dutch);
  EXPECT_EQ(testing::DutchMessage(s), dutch[0] + " " + dutch[1] + " " + dutch[2] + " " + dutch[3]);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider WHERE name LIKE 'xxxx%'"), "0");
}

TEST_F(RegistryTest, UnknownEnumNumberIsInvalidArgument) {
  pb::Provider p = Sample("Enum (fictief)", {"0153"});
  p.set_tier(static_cast<pb::Tier>(42));
  pb::Provider out;
  grpc::Status s = Create(p, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(s), std::vector<std::string>{"provider.tier"});
}

TEST_F(RegistryTest, MalformedNameIsInvalidArgumentAndMissingIsNotFound) {
  pb::GetProviderRequest req;
  pb::Provider out;
  req.set_name("provider/1");
  EXPECT_EQ(stub_->GetProvider(TestServer::Context(manager_).get(), req, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  req.set_name("providers/999999999");
  grpc::Status s = stub_->GetProvider(TestServer::Context(manager_).get(), req, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(testing::DutchMessage(s), "Aanbieder 999999999 bestaat niet.");
}

TEST_F(RegistryTest, UpdateChangesOnlyMaskedFieldsAndBumpsVersion) {
  pb::Provider created = MustCreate(Sample("Voor (fictief)", {"0153"}));
  pb::Provider change;
  change.set_name(created.name());
  change.set_version(created.version());
  change.set_display_name("Na (fictief)");
  change.set_tier(pb::TIER_STRATEGIC);  // not in the mask
  pb::Provider updated;
  ASSERT_TRUE(Update(change, {"display_name"}, &updated).ok());
  EXPECT_EQ(updated.display_name(), "Na (fictief)");
  EXPECT_EQ(updated.tier(), pb::TIER_LOCAL);
  EXPECT_EQ(updated.version(), 2);
}

TEST_F(RegistryTest, StaleVersionIsAbortedAndWritesNothing) {
  pb::Provider created = MustCreate(Sample("Versie (fictief)", {"0153"}));
  pb::Provider change;
  change.set_name(created.name());
  change.set_version(created.version());
  change.set_display_name("Eerste (fictief)");
  pb::Provider out;
  ASSERT_TRUE(Update(change, {"display_name"}, &out).ok());
  change.set_display_name("Tweede (fictief)");  // still version 1
  grpc::Status s = Update(change, {"display_name"}, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  const std::string id = created.name().substr(10);
  EXPECT_EQ(testing::DutchMessage(s),
            "Iemand anders heeft Eerste (fictief) intussen gewijzigd; lees de aanbieder opnieuw "
            "(ozjt providers get " +
                id + ") en breng uw wijziging opnieuw aan.");
  EXPECT_EQ(db_->Query("SELECT name FROM registry.provider WHERE id = " + id), "Eerste (fictief)");
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider_version WHERE provider_id = " + id),
            "2");
}

TEST_F(RegistryTest, WrongFieldMaskIsInvalidArgument) {
  pb::Provider created = MustCreate(Sample("Masker (fictief)", {"0153"}));
  pb::Provider change;
  change.set_name(created.name());
  change.set_version(1);
  pb::Provider out;
  for (const std::vector<std::string>& mask :
       {std::vector<std::string>{}, {"colour"}, {"version"}, {"create_time"}}) {
    grpc::Status s = Update(change, mask, &out);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << mask.size();
    EXPECT_EQ(ViolationFields(s), std::vector<std::string>{"update_mask"});
  }
}

TEST_F(RegistryTest, IllegalStatusChangeIsFailedPrecondition) {
  pb::Provider p = Sample("Einde (fictief)", {"0153"});
  p.set_status(pb::PROVIDER_STATUS_ENDED);
  pb::Provider created = MustCreate(p);
  pb::Provider change;
  change.set_name(created.name());
  change.set_version(created.version());
  change.set_status(pb::PROVIDER_STATUS_CONTRACTED);
  pb::Provider out;
  grpc::Status s = Update(change, {"status"}, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::DutchMessage(s).rfind("De status kan niet van beëindigd naar gecontracteerd "
                                           "gaan.",
                                           0),
            0u)
      << testing::DutchMessage(s);
}

TEST_F(RegistryTest, HistoryListsEveryVersionNewestFirst) {
  pb::Provider created = MustCreate(Sample("Historie (fictief)", {"0153"}));
  pb::Provider change;
  change.set_name(created.name());
  change.set_version(1);
  change.set_status(pb::PROVIDER_STATUS_CONTRACTED);
  pb::Provider out;
  ASSERT_TRUE(Update(change, {"status"}, &out).ok());
  change.set_version(2);
  change.set_status(pb::PROVIDER_STATUS_SUSPENDED);
  ASSERT_TRUE(Update(change, {"status"}, &out).ok());
  pb::ListProviderHistoryRequest req;
  req.set_name(created.name());
  req.set_page_size(2);
  pb::ListProviderHistoryResponse resp;
  ASSERT_TRUE(stub_->ListProviderHistory(TestServer::Context(manager_).get(), req, &resp).ok());
  ASSERT_EQ(resp.versions_size(), 2);
  EXPECT_EQ(resp.versions(0).provider().version(), 3);
  EXPECT_EQ(resp.versions(0).provider().status(), pb::PROVIDER_STATUS_SUSPENDED);
  EXPECT_EQ(resp.versions(0).actor(), "anna.ozjt");
  ASSERT_FALSE(resp.next_page_token().empty());
  req.set_page_token(resp.next_page_token());
  ASSERT_TRUE(stub_->ListProviderHistory(TestServer::Context(manager_).get(), req, &resp).ok());
  ASSERT_EQ(resp.versions_size(), 1);
  EXPECT_EQ(resp.versions(0).provider().version(), 1);
  EXPECT_TRUE(resp.next_page_token().empty());
}

TEST_F(RegistryTest, ListPagesThroughEveryMatchOnceInNameOrder) {
  for (int i = 0; i < 7; ++i) {
    MustCreate(Sample("Paginatest " + std::to_string(6 - i) + " (fictief)", {"0147"}));
  }
  pb::ProviderFilter f;
  f.set_display_name_contains("paginatest");
  auto all = ListAll(f, manager_, 3);
  ASSERT_EQ(all.size(), 7u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].display_name(), "Paginatest " + std::to_string(i) + " (fictief)");
  }
}

TEST_F(RegistryTest, FiltersCombine) {
  pb::Provider a = Sample("Filter Strategisch (fictief)", {"0168"});
  a.set_tier(pb::TIER_STRATEGIC);
  a.add_agb_codes("98111111");
  MustCreate(a);
  MustCreate(Sample("Filter Lokaal (fictief)", {"0168"}));
  pb::ProviderFilter f;
  f.set_display_name_contains("FILTER");
  f.set_municipality_code("0168");
  f.set_tier(pb::TIER_STRATEGIC);
  auto found = ListAll(f, manager_, 50);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].display_name(), "Filter Strategisch (fictief)");
  pb::ProviderFilter by_agb;
  by_agb.set_agb_code("98111111");
  EXPECT_EQ(ListAll(by_agb, manager_, 50).size(), 1u);
  pb::ProviderFilter by_kvk;
  by_kvk.set_kvk_number(a.kvk_number());
  EXPECT_EQ(ListAll(by_kvk, manager_, 50).size(), 1u);
}

TEST_F(RegistryTest, StringFiltersAreDataNotSql) {
  MustCreate(Sample("Injectie' OR '1'='1 (fictief)", {"0153"}));
  pb::ProviderFilter f;
  f.set_display_name_contains("' OR '1'='1");
  auto found = ListAll(f, manager_, 50);
  ASSERT_EQ(found.size(), 1u);
  f.set_display_name_contains("%");
  EXPECT_EQ(ListAll(f, manager_, 50).size(), 0u);
}

TEST_F(RegistryTest, BadListInputIsInvalidArgument) {
  pb::ListProvidersRequest req;
  pb::ListProvidersResponse resp;
  req.set_page_token("not-a-token");
  grpc::Status s = stub_->ListProviders(TestServer::Context(manager_).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(s), std::vector<std::string>{"page_token"});
  req.clear_page_token();
  req.set_page_size(-1);
  EXPECT_EQ(stub_->ListProviders(TestServer::Context(manager_).get(), req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  req.set_page_size(0);
  req.mutable_filter()->set_display_name_contains(std::string(201, 'a'));
  EXPECT_EQ(stub_->ListProviders(TestServer::Context(manager_).get(), req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  req.mutable_filter()->set_display_name_contains("");
  req.mutable_filter()->set_municipality_code("15");
  EXPECT_EQ(stub_->ListProviders(TestServer::Context(manager_).get(), req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RegistryTest, PageTokenFromOtherFiltersIsRefused) {
  for (int i = 0; i < 3; ++i) MustCreate(Sample("Tokenwissel " + std::to_string(i), {"0153"}));
  pb::ListProvidersRequest req;
  req.mutable_filter()->set_display_name_contains("Tokenwissel");
  req.set_page_size(1);
  pb::ListProvidersResponse resp;
  ASSERT_TRUE(stub_->ListProviders(TestServer::Context(manager_).get(), req, &resp).ok());
  req.set_page_token(resp.next_page_token());
  req.mutable_filter()->set_display_name_contains("Anders");
  EXPECT_EQ(stub_->ListProviders(TestServer::Context(manager_).get(), req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RegistryTest, OversizedMessageIsRefused) {
  pb::ImportProvidersRequest req;
  req.set_csv(std::string(size_t{18} * 1024 * 1024, 'a'));
  pb::ImportProvidersResponse resp;
  grpc::Status s = stub_->ImportProviders(TestServer::Context(manager_).get(), req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(RegistryTest, MunicipalUserSeesOwnMunicipalityOnly) {
  pb::Provider in_losser = MustCreate(Sample("Scope Losser (fictief)", {"0168"}));
  pb::Provider in_almelo = MustCreate(Sample("Scope Almelo (fictief)", {"0141"}));
  const std::string losser = server_->Token(Role::kGemeenteContractManager, "0168");
  pb::ProviderFilter f;
  f.set_display_name_contains("Scope ");
  auto seen = ListAll(f, losser, 50);
  ASSERT_FALSE(seen.empty());
  for (const auto& p : seen) {
    EXPECT_NE(std::find(p.municipality_codes().begin(), p.municipality_codes().end(), "0168"),
              p.municipality_codes().end())
        << p.display_name();
  }
  pb::GetProviderRequest get;
  pb::Provider out;
  get.set_name(in_almelo.name());
  EXPECT_EQ(stub_->GetProvider(TestServer::Context(losser).get(), get, &out).error_code(),
            grpc::StatusCode::NOT_FOUND);
  get.set_name(in_losser.name());
  EXPECT_TRUE(stub_->GetProvider(TestServer::Context(losser).get(), get, &out).ok());
  // Asking for another municipality is refused, not silently widened.
  pb::ListProvidersRequest other;
  other.mutable_filter()->set_municipality_code("0141");
  pb::ListProvidersResponse resp;
  EXPECT_EQ(stub_->ListProviders(TestServer::Context(losser).get(), other, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pb::ListProviderHistoryRequest hist;
  hist.set_name(in_almelo.name());
  pb::ListProviderHistoryResponse hresp;
  EXPECT_EQ(
      stub_->ListProviderHistory(TestServer::Context(losser).get(), hist, &hresp).error_code(),
      grpc::StatusCode::NOT_FOUND);
  pb::ExportProvidersRequest exp;
  pb::ExportProvidersResponse eresp;
  ASSERT_TRUE(stub_->ExportProviders(TestServer::Context(losser).get(), exp, &eresp).ok());
  EXPECT_EQ(eresp.csv().find("Scope Almelo"), std::string::npos);
  EXPECT_NE(eresp.csv().find("Scope Losser"), std::string::npos);
}

TEST_F(RegistryTest, ImportIsAllOrNothingByDefault) {
  const std::string good = NextKvk(), bad = NextKvk();
  const std::string csv =
      "kvk_nummer;naam;rechtsvorm;agb_codes;wetten;gemeenten;niveau;status\r\n" + good +
      ";Import Goed (fictief);stichting;;jeugdwet;0153;lokaal;\r\n" + bad +
      ";Import Fout (fictief);stichting;;jeugdwet;9999;lokaal;\r\n";
  pb::ImportProvidersRequest req;
  req.set_csv(csv);
  pb::ImportProvidersResponse resp;
  ASSERT_TRUE(stub_->ImportProviders(TestServer::Context(manager_).get(), req, &resp).ok());
  EXPECT_FALSE(resp.committed());
  ASSERT_EQ(resp.errors_size(), 1);
  EXPECT_EQ(resp.errors(0).line(), 3);
  EXPECT_EQ(resp.errors(0).field(), "gemeenten");
  // The person reads the line and column in Dutch.
  EXPECT_EQ(resp.errors(0).dutch(),
            "regel 3, kolom gemeenten: Er is geen gemeente met CBS-code 9999; zie ozjt reference "
            "municipalities.");
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider WHERE kvk_number = '" + good + "'"),
            "0");

  req.set_allow_partial(true);
  ASSERT_TRUE(stub_->ImportProviders(TestServer::Context(manager_).get(), req, &resp).ok());
  EXPECT_TRUE(resp.committed());
  EXPECT_EQ(resp.created(), 1);
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider WHERE kvk_number = '" + good + "'"),
            "1");
}

TEST_F(RegistryTest, ImportUpdatesByKvkAndExportRoundTrips) {
  pb::Provider created = MustCreate(Sample("Rondje (fictief)", {"0183"}));
  pb::ExportProvidersRequest exp;
  exp.mutable_filter()->set_kvk_number(created.kvk_number());
  pb::ExportProvidersResponse exported;
  ASSERT_TRUE(stub_->ExportProviders(TestServer::Context(manager_).get(), exp, &exported).ok());
  EXPECT_EQ(exported.count(), 1);
  EXPECT_EQ(exported.csv().substr(0, 3), "\xEF\xBB\xBF");
  // Re-importing the export changes nothing.
  pb::ImportProvidersRequest req;
  req.set_csv(exported.csv());
  pb::ImportProvidersResponse resp;
  ASSERT_TRUE(stub_->ImportProviders(TestServer::Context(manager_).get(), req, &resp).ok());
  EXPECT_EQ(resp.unchanged(), 1);
  EXPECT_EQ(resp.updated(), 0);
  // An edited export updates the provider (a new version).
  std::string edited = exported.csv();
  edited.replace(edited.find("Rondje (fictief)"), 16, "Rondje Twee (fictief)");
  req.set_csv(edited);
  ASSERT_TRUE(stub_->ImportProviders(TestServer::Context(manager_).get(), req, &resp).ok());
  EXPECT_EQ(resp.updated(), 1);
  pb::GetProviderRequest get;
  get.set_name(created.name());
  pb::Provider after;
  ASSERT_TRUE(stub_->GetProvider(TestServer::Context(manager_).get(), get, &after).ok());
  EXPECT_EQ(after.display_name(), "Rondje Twee (fictief)");
  EXPECT_EQ(after.version(), 2);
}

TEST_F(RegistryTest, ConcurrentUpdatesLoseNothing) {
  pb::Provider created = MustCreate(Sample("Gelijktijdig (fictief)", {"0153"}));
  std::atomic<int> accepted{0};
  constexpr int kWriters = 8, kEach = 10;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto stub = pb::ProviderRegistry::NewStub(server_->Channel());
      for (int i = 0; i < kEach;) {
        pb::GetProviderRequest get;
        get.set_name(created.name());
        pb::Provider current;
        if (!stub->GetProvider(TestServer::Context(manager_).get(), get, &current).ok()) continue;
        pb::UpdateProviderRequest req;
        req.mutable_provider()->set_name(created.name());
        req.mutable_provider()->set_version(current.version());
        req.mutable_provider()->set_display_name("Gelijktijdig w" + std::to_string(w) + " i" +
                                                 std::to_string(i));
        req.mutable_update_mask()->add_paths("display_name");
        pb::Provider out;
        grpc::Status s = stub->UpdateProvider(TestServer::Context(manager_).get(), req, &out);
        if (s.ok()) {
          ++accepted;
          ++i;
        } else {
          ASSERT_EQ(s.error_code(), grpc::StatusCode::ABORTED) << s.error_message();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), kWriters * kEach);
  const std::string id = created.name().substr(10);
  EXPECT_EQ(db_->Query("SELECT version FROM registry.provider WHERE id = " + id),
            std::to_string(1 + kWriters * kEach));
  EXPECT_EQ(db_->Query("SELECT count(*) FROM registry.provider_version WHERE provider_id = " + id),
            std::to_string(1 + kWriters * kEach));
  EXPECT_EQ(db_->Query("SELECT count(*) FROM audit.audit_record WHERE entity_type = 'provider' "
                       "AND entity_id = '" +
                       id + "'"),
            std::to_string(1 + kWriters * kEach));
}

TEST_F(RegistryTest, ReferenceDataHasTheFourteenMunicipalitiesAndJointTasks) {
  auto ref = pb::ReferenceData::NewStub(server_->Channel());
  pb::ListMunicipalitiesResponse m;
  ASSERT_TRUE(ref->ListMunicipalities(TestServer::Context(manager_).get(), {}, &m).ok());
  EXPECT_EQ(m.municipalities_size(), 14);
  pb::ListJointTasksRequest req;
  req.mutable_on_date()->set_year(2025);
  req.mutable_on_date()->set_month(6);
  req.mutable_on_date()->set_day(1);
  pb::ListJointTasksResponse tasks;
  ASSERT_TRUE(ref->ListJointTasks(TestServer::Context(manager_).get(), req, &tasks).ok());
  std::map<std::string, int> count;
  for (const auto& t : tasks.tasks()) count[t.code()] = t.participations_size();
  EXPECT_EQ(count["HO"], 13);
  EXPECT_EQ(count["VERVOER"], 10);
  EXPECT_EQ(count["JEUGD"], 14);
  EXPECT_EQ(count["AMBULANT"], 12);  // Almelo and Hof van Twente left in 2018
  req.mutable_on_date()->set_year(2017);
  ASSERT_TRUE(ref->ListJointTasks(TestServer::Context(manager_).get(), req, &tasks).ok());
  for (const auto& t : tasks.tasks()) {
    if (t.code() == "AMBULANT") {
      EXPECT_EQ(t.participations_size(), 14);
    }
    if (t.code() == "VERVOER") {
      EXPECT_EQ(t.participations_size(), 0);
    }
  }
  pb::ListProductCategoriesRequest cat;
  cat.set_law(pb::LAW_WMO);
  pb::ListProductCategoriesResponse cats;
  ASSERT_TRUE(ref->ListProductCategories(TestServer::Context(manager_).get(), cat, &cats).ok());
  EXPECT_EQ(cats.categories_size(), 18);
  req.mutable_on_date()->set_month(2);
  req.mutable_on_date()->set_day(30);
  EXPECT_EQ(ref->ListJointTasks(TestServer::Context(manager_).get(), req, &tasks).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RegistryTest, HealthIsServingForEveryService) {
  auto health = grpc::health::v1::Health::NewStub(server_->Channel());
  for (const char* name : {"", "ozjt.registry.v1.ProviderRegistry", "ozjt.audit.v1.AuditLog"}) {
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(name);
    grpc::health::v1::HealthCheckResponse resp;
    ASSERT_TRUE(health->Check(TestServer::Context("").get(), req, &resp).ok()) << name;
    EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING) << name;
  }
}

}  // namespace
}  // namespace ozjt
