// The Jeugdzorg Plus service end to end (servers see 2026-11-25): imports by CSV and rows,
// all or nothing, quarters replaced atomically and audited, reports exact for OZJT and
// suppressed for municipal users (proved by changing the small counts and comparing), the
// chart, and bad input.
#include <gtest/gtest.h>

#include <atomic>

#include "absl/strings/str_cat.h"
#include "ozjt/jzplus/v1/jzplus.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace jz = jzplus::v1;
namespace reg = registry::v1;
using platform::Role;
using testing::TestServer;

class JzplusTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    stub_ = jz::InflowService::NewStub(server_->Channel());
    if (kvk_.empty()) {
      auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
      reg::CreateProviderRequest req;
      auto* p = req.mutable_provider();
      p->set_display_name("JeugdzorgPlus Instelling (fictief)");
      p->set_kvk_number("70000001");
      p->set_legal_form(reg::LEGAL_FORM_STICHTING);
      p->add_laws(reg::LAW_JEUGDWET);
      p->add_municipality_codes("0153");
      p->set_tier(reg::TIER_STRATEGIC);
      reg::Provider out;
      ASSERT_TRUE(stub->CreateProvider(TestServer::Context(manager_).get(), req, &out).ok());
      kvk_ = "70000001";
      provider_ = out.name();
    }
  }

  // A CSV with, per quarter of 2021-2025, `enschede[y][q]` placements in Enschede (one of them
  // a spoedmachtiging) and 9 in Hengelo.
  static std::string Csv(const std::vector<std::vector<int>>& enschede) {
    std::string csv = "jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n";
    for (size_t y = 0; y < enschede.size(); ++y) {
      for (int q = 0; q < 4; ++q) {
        const int n = enschede[y][q];
        const std::string when = absl::StrCat(2021 + y, ";", q + 1, ";");
        if (n > 1) {
          absl::StrAppend(&csv, when, "0153;", kvk_, ";machtiging;", n - 1, ";", n - 1, "\n");
        }
        if (n > 0) absl::StrAppend(&csv, when, "0153;", kvk_, ";spoedmachtiging;1;1\n");
        absl::StrAppend(&csv, when, "0164;", kvk_, ";machtiging;9;8\n");
      }
    }
    return csv;
  }

  jz::ImportInflowResponse Import(const std::string& csv, bool validate_only = false) {
    jz::ImportInflowRequest q;
    q.set_csv(csv);
    q.set_validate_only(validate_only);
    jz::ImportInflowResponse out;
    grpc::Status s = stub_->ImportInflow(TestServer::Context(manager_).get(), q, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  jz::InflowReport Report(const std::string& token, const std::string& municipality = "",
                          bool external = false) {
    jz::GetInflowReportRequest q;
    q.set_municipality_code(municipality);
    q.set_external(external);
    jz::InflowReport out;
    grpc::Status s = stub_->GetInflowReport(TestServer::Context(token).get(), q, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  static inline std::string kvk_, provider_;
  std::string manager_;
  std::unique_ptr<jz::InflowService::Stub> stub_;
};

const std::vector<std::vector<int>> kEnschede = {
    {3, 9, 12, 6}, {11, 7, 2, 9}, {10, 1, 8, 8}, {6, 4, 9, 7}, {5, 6, 3, 12}};

TEST_F(JzplusTest, ImportReportExactForOzjtAndSuppressedForTheMunicipality) {
  jz::ImportInflowResponse imported = Import(Csv(kEnschede));
  ASSERT_TRUE(imported.committed()) << imported.errors_size();
  EXPECT_EQ(imported.quarters_size(), 20);
  // OZJT: exact. Region 2022 = 29 + 36 = 65 (baseline); 2025 = 26 + 36 = 62.
  jz::InflowReport region = Report(manager_);
  ASSERT_EQ(region.years_size(), 5);
  EXPECT_FALSE(region.suppressed());
  EXPECT_EQ(region.years(1).placements().value(), 65);
  EXPECT_EQ(region.years(4).placements().value(), 62);
  EXPECT_EQ(region.years(4).target_cumulative().shown(), "47.39");  // 65 * 0.729 = 47.385
  EXPECT_EQ(region.years(4).cumulative(), jz::JUDGEMENT_OFF_TRACK);
  ASSERT_EQ(region.providers_size(), 1);
  EXPECT_EQ(region.providers(0).provider(), provider_);
  jz::InflowReport enschede_exact = Report(manager_, "0153");
  EXPECT_EQ(enschede_exact.quarters(0).placements().shown(), "3");

  // The municipality: small counts "<5", everything computed from them "x", no providers.
  const std::string gemeente = server_->Token(Role::kGemeenteContractManager, "0153");
  jz::InflowReport suppressed = Report(gemeente);
  EXPECT_TRUE(suppressed.suppressed());
  EXPECT_EQ(suppressed.municipality_code(), "0153");
  EXPECT_EQ(suppressed.quarters(0).placements().shown(), "<5");
  EXPECT_FALSE(suppressed.quarters(0).placements().exact());
  EXPECT_EQ(suppressed.quarters(0).placements().value(), 0);
  EXPECT_EQ(suppressed.years(0).placements().shown(), "x");  // 3 + 9 + 12 + 6 would give it
  EXPECT_EQ(suppressed.quarters(1).placements().shown(), "9");
  EXPECT_EQ(suppressed.providers_size(), 0);
  // OZJT asking for external output gets the same as the municipality.
  EXPECT_EQ(Report(manager_, "0153", true).SerializeAsString(), suppressed.SerializeAsString());

  // The proof over gRPC: re-import with every small Enschede count changed to another small
  // value; the municipality's report and chart stay byte for byte the same.
  jz::GetInflowChartRequest cq;
  jz::InflowChart chart_before, chart_after;
  ASSERT_TRUE(stub_->GetInflowChart(TestServer::Context(gemeente).get(), cq, &chart_before).ok());
  auto changed = kEnschede;
  for (auto& year : changed) {
    for (int& n : year) {
      if (n >= 1 && n <= 4) n = n == 4 ? 1 : n + 1;
    }
  }
  ASSERT_TRUE(Import(Csv(changed)).committed());
  EXPECT_EQ(Report(gemeente).SerializeAsString(), suppressed.SerializeAsString());
  ASSERT_TRUE(stub_->GetInflowChart(TestServer::Context(gemeente).get(), cq, &chart_after).ok());
  EXPECT_EQ(chart_after.svg(), chart_before.svg());
  EXPECT_NE(Report(manager_, "0153").SerializeAsString(), enschede_exact.SerializeAsString());

  // Another municipality's inflow, or the region, is not theirs to see.
  jz::GetInflowReportRequest other;
  other.set_municipality_code("0164");
  jz::InflowReport out;
  grpc::Status refused = stub_->GetInflowReport(TestServer::Context(gemeente).get(), other, &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(testing::DutchMessage(refused),
            "U ziet alleen de instroom van uw eigen gemeente (Enschede).");
  ASSERT_TRUE(Import(Csv(kEnschede)).committed());  // back for the other tests
}

// A quarter the region delivered is a count for every municipality: one without rows in it had
// no placements (zero), so its years are complete and the targets exist, also when it had none
// in the whole baseline year.
TEST_F(JzplusTest, ADeliveredQuarterIsZeroForAMunicipalityWithoutRows) {
  // Enschede: no rows in all of 2022 (the baseline year) nor in 2023-Q2; Hengelo has rows in
  // every quarter, so the region delivered all of them.
  const std::vector<std::vector<int>> enschede = {
      {3, 9, 12, 6}, {0, 0, 0, 0}, {10, 0, 8, 8}, {6, 4, 9, 7}, {5, 6, 3, 12}};
  ASSERT_TRUE(Import(Csv(enschede)).committed());
  for (const std::string& token :
       {manager_, server_->Token(Role::kGemeenteContractManager, "0153")}) {
    jz::InflowReport r = Report(token, "0153");
    ASSERT_EQ(r.quarters_size(), 20);
    EXPECT_EQ(r.quarters(4).year(), 2022);
    EXPECT_EQ(r.quarters(4).placements().shown(), "0");
    EXPECT_TRUE(r.quarters(4).placements().exact());
    EXPECT_EQ(r.quarters(9).placements().shown(), "0");  // 2023-Q2
    ASSERT_EQ(r.years_size(), 5) << "a year per year the region delivered";
    EXPECT_EQ(r.years(1).year(), 2022);
    EXPECT_EQ(r.years(1).placements().shown(), "0");
    EXPECT_EQ(r.years(2).year(), 2023);
    EXPECT_EQ(r.years(2).placements().shown(), "26");
    // The baseline year had none: the cumulative target is zero, and so is 2023's
    // year-on-year target (2022 had none either).
    EXPECT_EQ(r.years(2).target_cumulative().shown(), "0.00");
    EXPECT_EQ(r.years(2).target_year_on_year().shown(), "0.00");
    EXPECT_EQ(r.years(2).cumulative(), jz::JUDGEMENT_OFF_TRACK);
    EXPECT_EQ(r.years(3).target_year_on_year().shown(), "23.40");  // 26 * 0.9
  }
  ASSERT_TRUE(Import(Csv(kEnschede)).committed());  // back for the other tests
}

TEST_F(JzplusTest, ReImportReplacesTheQuarterAtomicallyAndIsAudited) {
  ASSERT_TRUE(Import(Csv(kEnschede)).committed());
  const std::string q = "jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n";
  jz::ImportInflowResponse r = Import(q + "2025;4;0153;" + kvk_ + ";machtiging;7;6\n");
  ASSERT_TRUE(r.committed());
  EXPECT_EQ(r.quarters(0), "2025-Q4");
  // Hengelo's 2025-Q4 row is gone with the rest of the quarter; other quarters stay.
  EXPECT_EQ(
      db_->Query("SELECT sum(placements) FROM jzplus.inflow WHERE year = 2025 AND quarter = 4"),
      "7");
  EXPECT_EQ(
      db_->Query("SELECT sum(placements) FROM jzplus.inflow WHERE year = 2025 AND quarter = 3"),
      "12");  // 3 Enschede + 9 Hengelo
  EXPECT_EQ(db_->Query("SELECT after_json->>'placements' FROM audit.audit_record WHERE entity_type "
                       "= 'jzplus_quarter' AND entity_id = '2025-Q4' ORDER BY id DESC LIMIT 1"),
            "7");
  EXPECT_EQ(db_->Query("SELECT before_json->>'placements' FROM audit.audit_record WHERE "
                       "entity_type = 'jzplus_quarter' AND entity_id = '2025-Q4' ORDER BY id DESC "
                       "LIMIT 1"),
            "21");  // 12 Enschede + 9 Hengelo
  // A dry run writes nothing.
  r = Import(q + "2025;4;0153;" + kvk_ + ";machtiging;99;9\n", true);
  EXPECT_FALSE(r.committed());
  EXPECT_EQ(
      db_->Query("SELECT sum(placements) FROM jzplus.inflow WHERE year = 2025 AND quarter = 4"),
      "7");
  ASSERT_TRUE(Import(Csv(kEnschede)).committed());
}

TEST_F(JzplusTest, BadRowsAreNamedAndNothingIsWritten) {
  ASSERT_TRUE(Import(Csv(kEnschede)).committed());
  const std::string before = db_->Query("SELECT sum(placements) FROM jzplus.inflow");
  const std::string csv =
      "jaar;kwartaal;gemeente;kvk_nummer;machtiging;plaatsingen;jeugdigen\n"
      "2025;1;0153;" +
      kvk_ +
      ";machtiging;4;4\n"
      "2025;1;0153;" +
      kvk_ +
      ";machtiging;-2;0\n"  // negative, duplicate
      "2025;2;0999;" +
      kvk_ +
      ";machtiging;1;1\n"  // unknown municipality
      "2026;4;0153;" +
      kvk_ +
      ";machtiging;1;1\n"  // has not ended
      "2027;1;0153;" +
      kvk_ +
      ";machtiging;1;1\n"  // in the future
      "2025;2;0153;" +
      kvk_ +
      ";spoedmachtiging;2;2\n"
      "2025;2;0153;" +
      kvk_ + ";spoedmachtiging;3;3\n";  // duplicate
  jz::ImportInflowResponse r = Import(csv);
  EXPECT_FALSE(r.committed());
  std::vector<std::pair<int, std::string>> errors;
  for (const auto& e : r.errors()) errors.emplace_back(e.line(), e.field());
  EXPECT_EQ(errors, (std::vector<std::pair<int, std::string>>{{3, "plaatsingen"},
                                                              {4, "gemeente"},
                                                              {5, "kwartaal"},
                                                              {6, "kwartaal"},
                                                              {8, "kvk_nummer"}}));
  EXPECT_NE(r.errors(4).description().find("duplicate of line 7"), std::string::npos);
  // What the person reads: Dutch, with the line and column.
  EXPECT_EQ(r.errors(1).dutch(),
            "regel 4, kolom gemeente: Er is geen gemeente met CBS-code '0999'; zie ozjt reference "
            "municipalities.");
  EXPECT_EQ(r.errors(2).dutch(),
            "regel 5, kolom kwartaal: Kwartaal 2026-Q4 is nog niet voorbij; een kwartaal wordt "
            "aangeleverd nadat het is afgelopen.");
  EXPECT_EQ(r.errors(4).dutch(),
            "regel 8, kolom kvk_nummer: Dubbel: regel 7 heeft hetzelfde kwartaal, dezelfde "
            "gemeente, aanbieder en machtiging.");
  EXPECT_EQ(db_->Query("SELECT sum(placements) FROM jzplus.inflow"), before);

  // Rows by RPC: the same rules, fields named by position.
  jz::ImportInflowRequest q;
  auto* row = q.add_rows();
  row->set_year(2025);
  row->set_quarter(1);
  row->set_municipality_code("0153");
  row->set_provider(provider_);
  row->set_authorisation(jz::AUTHORISATION_EMERGENCY);
  row->set_placements(3);
  row->set_young_people(4);
  jz::ImportInflowResponse out;
  ASSERT_TRUE(stub_->ImportInflow(TestServer::Context(manager_).get(), q, &out).ok());
  ASSERT_EQ(out.errors_size(), 1);
  EXPECT_EQ(out.errors(0).field(), "rows[0].young_people");
  EXPECT_EQ(out.errors(0).dutch(),
            "rij 1: Er kunnen niet meer jeugdigen (4) zijn dan plaatsingen (3).");
  row->set_provider("providers/999999");
  row->set_young_people(3);
  ASSERT_TRUE(stub_->ImportInflow(TestServer::Context(manager_).get(), q, &out).ok());
  EXPECT_EQ(out.errors(0).field(), "rows[0].provider");
  // Neither csv nor rows, and a file that is not CSV at all, are INVALID_ARGUMENT.
  jz::ImportInflowRequest empty;
  EXPECT_EQ(stub_->ImportInflow(TestServer::Context(manager_).get(), empty, &out).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  empty.set_csv("jaar;kwartaal\n2025;1\n");
  EXPECT_EQ(testing::ViolationFields(
                stub_->ImportInflow(TestServer::Context(manager_).get(), empty, &out)),
            std::vector<std::string>{"csv"});
  EXPECT_EQ(db_->Query("SELECT sum(placements) FROM jzplus.inflow"), before);
}

}  // namespace
}  // namespace ozjt
