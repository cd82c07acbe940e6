// The screening use cases against an in-memory store (tests/mocks/screening): validation with
// the field it concerns, frameworks as versions, the existence of provider and contract before a
// case is opened, the logged reads of case content, nothing written on a refusal, the
// four-eyes decision and the municipal scope of the outcome list, without PostgreSQL. The same
// use cases on PostgreSQL and gRPC are in the integration tests.
#include <gtest/gtest.h>

#include "services/platform/status.h"
#include "services/screening/cases.h"
#include "tests/mocks/request.h"
#include "tests/mocks/screening/fake_screening_store.h"

namespace ozjt::screening {
namespace {

const Day kToday(2026, 11, 26);

platform::RequestInfo As(const std::string& subject, platform::Role role,
                         std::string municipality = "") {
  platform::RequestInfo r =
      mocks::RequestAs(role, std::move(municipality), "/ozjt.screening.v1.ScreeningService/Test");
  r.caller.subject = subject;
  r.today = kToday;
  return r;
}
const platform::RequestInfo kOfficerA = As("officer-a", platform::Role::kScreeningOfficer);
const platform::RequestInfo kOfficerB = As("officer-b", platform::Role::kScreeningOfficer);
const platform::RequestInfo kManager = As("manager", platform::Role::kOzjtContractManager);
const platform::RequestInfo kHengelo =
    As("hengelo", platform::Role::kGemeenteContractManager, "0164");

constexpr int64_t kEsrand = 12;    // active in Enschede (0153)
constexpr int64_t kHofstede = 13;  // active in Hengelo (0164)

Framework Kit() {
  Framework f;
  f.code = "kit";
  f.version = 2024;
  f.title = "KIT 2024";
  f.valid_from = Day(2024, 1, 1);
  f.items = {{"I2", Part::kIntegrity, "Gedragsverklaring Aanbesteden",
              "gedragsverklaring_aanbesteden", true, 24, ""}};
  return f;
}

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::ViolationsOf(s)) out.push_back(v.field);
  return out;
}

class ScreeningUseCaseTest : public ::testing::Test {
 protected:
  ScreeningUseCaseTest() {
    store.AddProvider({kEsrand, "Jeugdhulp Esrand (fictief)", {"0153"}});
    store.AddProvider({kHofstede, "Zorggroep Hofstede (fictief)", {"0164"}});
    store.AddContract(40);
  }
  // A KIT framework and an open procurement-round case of `provider`.
  CaseView OpenCase(int64_t provider) {
    if (store.frameworks().empty()) EXPECT_TRUE(screenings.CreateFramework(kManager, Kit()).ok());
    OpenRequest o;
    o.provider_id = provider;
    o.occasion = Occasion::kProcurementRound;
    o.reference = "Inkoop 2027";
    absl::StatusOr<CaseView> v = screenings.Open(kOfficerA, o);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : CaseView{};
  }
  // Evidence for I2 and its assessment as meeting it, by officer A.
  void Complete(int64_t id) {
    CaseStep evidence;
    evidence.evidence = Evidence{"I2", Day(2026, 10, 1), Day(2026, 10, 5), "DMS-1", ""};
    ASSERT_TRUE(screenings.Apply(kOfficerA, id, evidence).ok());
    CaseStep assessment;
    assessment.assessment = Assessment{"I2", AssessmentResult::kMeets, "in orde", "", Day()};
    ASSERT_TRUE(screenings.Apply(kOfficerA, id, assessment).ok());
  }
  static CaseStep Admit() {
    CaseStep s;
    s.decision = Decision{Outcome::kAdmitted, kToday, "Beoordeeld volgens KIT", {}, "", {}};
    return s;
  }

  testing::FakeScreeningStore store;
  Screenings screenings{store, kDefaultValidityMonths};
};

TEST_F(ScreeningUseCaseTest, AFrameworkIsValidatedAndAChangeIsANewVersion) {
  Framework bad = Kit();
  bad.version = 1999;
  absl::StatusOr<Framework> refused = screenings.CreateFramework(kManager, bad);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(refused.status()), (std::vector<std::string>{"framework.version"}));

  ASSERT_TRUE(screenings.CreateFramework(kManager, Kit()).ok());
  Framework same = Kit();
  same.title = "KIT 2024, gewijzigd";
  EXPECT_EQ(screenings.CreateFramework(kManager, same).status().code(),
            absl::StatusCode::kAlreadyExists);
  ASSERT_EQ(store.frameworks().size(), 1u);
  EXPECT_EQ(store.frameworks().begin()->second.title, "KIT 2024");
  EXPECT_EQ(store.writes(), 1);
}

TEST_F(ScreeningUseCaseTest, ACaseNeedsAKnownProviderAKnownContractAndAValidKit) {
  OpenRequest o;
  o.provider_id = kEsrand;
  o.occasion = Occasion::kRescreening;
  o.contract_id = 40;
  EXPECT_EQ(screenings.Open(kOfficerA, o).status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(screenings.CreateFramework(kManager, Kit()).ok());

  o.provider_id = 99;
  EXPECT_EQ(screenings.Open(kOfficerA, o).status().code(), absl::StatusCode::kNotFound);
  o.provider_id = kEsrand;
  o.contract_id = 41;
  EXPECT_EQ(screenings.Open(kOfficerA, o).status().code(), absl::StatusCode::kNotFound);
  o.contract_id = 0;
  absl::StatusOr<CaseView> no_contract = screenings.Open(kOfficerA, o);
  EXPECT_EQ(Fields(no_contract.status()), (std::vector<std::string>{"case.contract"}));
  EXPECT_TRUE(store.cases().empty());

  o.contract_id = 40;
  absl::StatusOr<CaseView> opened = screenings.Open(kOfficerA, o);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->provider_name, "Jeugdhulp Esrand (fictief)");
  EXPECT_EQ(opened->framework.title, "KIT 2024");
  EXPECT_EQ(store.cases().at(opened->c.id).version, 1);
}

TEST_F(ScreeningUseCaseTest, EveryReadOfCaseContentIsLoggedAndAFailedReadLogsNothing) {
  const CaseView opened = OpenCase(kEsrand);
  store.RegisterAward(opened.c.id, 40);
  absl::StatusOr<CaseView> read = screenings.Get(kOfficerB, opened.c.id);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->provider_name, "Jeugdhulp Esrand (fictief)");
  EXPECT_EQ(read->registered_contracts, (std::vector<int64_t>{40}));
  ASSERT_EQ(store.reads().size(), 1u);
  EXPECT_EQ(store.reads()[0].first, std::to_string(opened.c.id));

  EXPECT_EQ(screenings.Get(kOfficerB, 999).status().code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(screenings.List(kOfficerB, CaseFilter{}, 0, "").ok());
  ASSERT_EQ(store.reads().size(), 2u);
  EXPECT_EQ(store.reads()[1].first, "*");
}

TEST_F(ScreeningUseCaseTest, CasesComeInPagesNewestFirstAndEachPageIsLogged) {
  const int64_t first = OpenCase(kEsrand).c.id;
  const int64_t second = OpenCase(kEsrand).c.id;
  const int64_t third = OpenCase(kEsrand).c.id;
  absl::StatusOr<CasePage> page = screenings.List(kOfficerB, CaseFilter{}, 2, "");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->cases.size(), 2u);
  EXPECT_EQ(page->cases[0].c.id, third);
  EXPECT_EQ(page->cases[1].c.id, second);
  EXPECT_EQ(page->cases[0].provider_name, "Jeugdhulp Esrand (fictief)");
  ASSERT_FALSE(page->next_page_token.empty());
  absl::StatusOr<CasePage> rest =
      screenings.List(kOfficerB, CaseFilter{}, 2, page->next_page_token);
  ASSERT_TRUE(rest.ok()) << rest.status();
  ASSERT_EQ(rest->cases.size(), 1u);
  EXPECT_EQ(rest->cases[0].c.id, first);
  EXPECT_TRUE(rest->next_page_token.empty());
  EXPECT_EQ(store.reads().size(), 2u);  // each page's read is logged

  CaseFilter open;
  open.status = CaseStatus::kOpen;
  EXPECT_EQ(Fields(screenings.List(kOfficerB, open, 2, page->next_page_token).status()),
            (std::vector<std::string>{"page_token"}));
  EXPECT_EQ(Fields(screenings.List(kOfficerB, open, -1, "").status()),
            (std::vector<std::string>{"page_size"}));
}

TEST_F(ScreeningUseCaseTest, ARefusedStepLeavesTheCaseAsItWas) {
  const CaseView opened = OpenCase(kEsrand);
  const int writes = store.writes();
  CaseStep two = Admit();
  two.hearing = Hearing{kToday, "Gehoord", ""};
  absl::StatusOr<CaseView> refused = screenings.Apply(kOfficerB, opened.c.id, two);
  EXPECT_EQ(Fields(refused.status()), (std::vector<std::string>{"step"}));

  // No assessment yet: the decision is refused inside the transaction.
  EXPECT_EQ(screenings.Apply(kOfficerB, opened.c.id, Admit()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.writes(), writes);
  EXPECT_EQ(store.cases().at(opened.c.id).version, 1);
  EXPECT_TRUE(store.cases().at(opened.c.id).decisions.empty());
}

TEST_F(ScreeningUseCaseTest, TheDecisionNeedsASecondOfficerAndThenShowsAsAnOutcome) {
  const CaseView opened = OpenCase(kEsrand);
  Complete(opened.c.id);
  EXPECT_EQ(screenings.Apply(kOfficerA, opened.c.id, Admit()).status().code(),
            absl::StatusCode::kFailedPrecondition);  // officer A assessed it
  EXPECT_EQ(store.cases().at(opened.c.id).status, CaseStatus::kOpen);

  absl::StatusOr<CaseView> decided = screenings.Apply(kOfficerB, opened.c.id, Admit());
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_EQ(decided->c.status, CaseStatus::kDecided);
  EXPECT_EQ(decided->c.version, 4);  // opened, evidence, assessment, decision
  absl::StatusOr<std::vector<OutcomeRow>> outcomes = screenings.Outcomes(kManager, 0);
  ASSERT_TRUE(outcomes.ok()) << outcomes.status();
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ((*outcomes)[0].outcome, Outcome::kAdmitted);
  EXPECT_EQ((*outcomes)[0].provider_name, "Jeugdhulp Esrand (fictief)");
  EXPECT_EQ((*outcomes)[0].valid_until, Day(2028, 11, 26));
}

TEST_F(ScreeningUseCaseTest, AMunicipalUserSeesOnlyOutcomesOfItsOwnProviders) {
  for (int64_t provider : {kEsrand, kHofstede}) {
    const CaseView opened = OpenCase(provider);
    Complete(opened.c.id);
    ASSERT_TRUE(screenings.Apply(kOfficerB, opened.c.id, Admit()).ok());
  }
  EXPECT_EQ(screenings.Outcomes(kManager, 0)->size(), 2u);
  absl::StatusOr<std::vector<OutcomeRow>> seen = screenings.Outcomes(kHengelo, 0);
  ASSERT_TRUE(seen.ok()) << seen.status();
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].provider_id, kHofstede);
  EXPECT_EQ(screenings.Outcomes(kHengelo, kEsrand).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(screenings.Outcomes(kHengelo, kHofstede)->size(), 1u);
}

}  // namespace
}  // namespace ozjt::screening
