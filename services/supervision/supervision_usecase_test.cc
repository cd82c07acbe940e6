// The supervision service's use cases against an in-memory store (tests/mocks/supervision): the
// rules of opening, requesting and changing investigations (validation naming the field, an
// unknown contract, the version check, nothing written on a refusal), the municipal scope, the
// logged reads of finding details and the reviews of contract mutations (once per event and
// provider), without PostgreSQL. The same use cases on PostgreSQL and gRPC are in
// tests/integration/supervision_pgtest.
#include <gtest/gtest.h>

#include "services/platform/status.h"
#include "services/supervision/investigations.h"
#include "tests/mocks/request.h"
#include "tests/mocks/supervision/fake_supervision_store.h"

namespace ozjt::supervision {
namespace {

platform::RequestInfo As(platform::Role role, std::string municipality = "") {
  return mocks::RequestAs(role, std::move(municipality),
                          "/ozjt.supervision.v1.SupervisionService/Test");
}
const platform::RequestInfo kSupervisor = As(platform::Role::kToezichthouder);
const platform::RequestInfo kEnschede = As(platform::Role::kGemeenteContractManager, "0153");
const platform::RequestInfo kHengelo = As(platform::Role::kGemeenteContractManager, "0164");

Investigation Proactive(int64_t provider_id) {
  Investigation i;
  i.provider_id = provider_id;
  i.kind = Kind::kProactive;
  i.subject = "Brandveiligheid op de groepen";
  return i;
}

Finding NoEvacuationPlan() {
  Finding f;
  f.requirement_kind = RequirementKind::kTenderRequirement;
  f.requirement_reference = "Bestek 4.2.1";
  f.requirement_text = "Er is een actueel ontruimingsplan.";
  f.observed = "Het ontruimingsplan is van 2019.";
  f.severity = Severity::kMajor;
  f.date = Day(2026, 11, 20);
  return f;
}

std::vector<std::string> FieldsOf(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : platform::ViolationsOf(s)) out.push_back(v.field);
  return out;
}

class SupervisionUseCaseTest : public ::testing::Test {
 protected:
  SupervisionUseCaseTest() {
    store.providers = {{1, "Jeugdhulp Esrand (fictief)", {"0153"}},
                       {2, "Zorg aan de Berkel (fictief)", {"0164"}}};
    store.municipality_names = {{"0153", "Enschede"}, {"0164", "Hengelo"}};
    store.contracts = {7};
  }
  testing::FakeSupervisionStore store;
  Supervision supervision{store, kDefaultGraceDays};
};

TEST_F(SupervisionUseCaseTest, AnInvalidInvestigationNamesTheFieldAndNeverReachesTheStore) {
  Investigation i = Proactive(1);
  i.kind = Kind::kUnspecified;
  absl::Status s = supervision.Open(kSupervisor, i).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(s), std::vector<std::string>{"investigation.kind"});
  EXPECT_EQ(store.writes(), 0);
  EXPECT_TRUE(store.investigations().empty());
}

TEST_F(SupervisionUseCaseTest, AnUnknownContractIsRefusedAndAKnownOneIsStoredAtVersionOne) {
  Investigation i = Proactive(1);
  i.scope = Scope::kContract;
  i.contract_id = 99;
  absl::Status s = supervision.Open(kSupervisor, i).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(platform::DutchOf(s).find("Contract 99 bestaat niet"), std::string::npos);
  EXPECT_TRUE(store.investigations().empty());

  i.contract_id = 7;
  absl::StatusOr<InvestigationView> opened = supervision.Open(kSupervisor, i);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->i.version, 1);
  EXPECT_EQ(opened->i.status, Status::kPlanned);
  EXPECT_EQ(opened->provider_name, "Jeugdhulp Esrand (fictief)");
  EXPECT_EQ(store.investigations().size(), 1u);
  EXPECT_EQ(store.audit().size(), 1u);
}

TEST_F(SupervisionUseCaseTest, AMunicipalityRequestsAndSeesOnlyItsOwnRequests) {
  // Provider 2 is not active in Enschede: as if it did not exist, and nothing is written.
  EXPECT_EQ(supervision.Request(kEnschede, 2, Kind::kIncident, "Brand op de groep", std::nullopt)
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store.writes(), 0);

  absl::StatusOr<InvestigationView> requested =
      supervision.Request(kEnschede, 1, Kind::kIncident, "Brand op de groep", std::nullopt);
  ASSERT_TRUE(requested.ok()) << requested.status();
  EXPECT_TRUE(requested->restricted);
  EXPECT_EQ(requested->i.subject, "Incident gemeld door gemeente Enschede");
  EXPECT_EQ(requested->i.requesting_municipality, "0153");

  const int64_t id = requested->i.id;
  EXPECT_TRUE(supervision.Get(kEnschede, id).ok());
  EXPECT_EQ(supervision.Get(kHengelo, id).status().code(), absl::StatusCode::kNotFound);
  InvestigationFilter theirs;
  theirs.requesting_municipality = "0153";
  EXPECT_EQ(supervision.List(kHengelo, theirs, 0, "").status().code(),
            absl::StatusCode::kPermissionDenied);
  absl::StatusOr<InvestigationPage> own = supervision.List(kHengelo, {}, 0, "");
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_TRUE(own->investigations.empty());
}

TEST_F(SupervisionUseCaseTest, TheListComesInPagesNewestFirstWithoutFindings) {
  for (int n = 0; n < 3; ++n) ASSERT_TRUE(supervision.Open(kSupervisor, Proactive(1)).ok());
  InvestigationChange finding;
  finding.finding = NoEvacuationPlan();
  finding.finding->severity = Severity::kCritical;
  ASSERT_TRUE(supervision.Change(kSupervisor, 3, finding, 0).ok());
  // The critical finding escalates, named with its provider.
  auto escalations = supervision.CurrentEscalations(kSupervisor);
  ASSERT_TRUE(escalations.ok()) << escalations.status();
  ASSERT_EQ(escalations->size(), 1u);
  EXPECT_EQ((*escalations)[0].first.subject, "investigations/3/findings/1");
  EXPECT_EQ((*escalations)[0].second, "Jeugdhulp Esrand (fictief)");

  absl::StatusOr<InvestigationPage> first = supervision.List(kSupervisor, {}, 2, "");
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->investigations.size(), 2u);
  EXPECT_EQ(first->investigations[0].i.id, 3);
  EXPECT_TRUE(first->investigations[0].i.findings.empty());
  EXPECT_EQ(first->investigations[1].i.id, 2);
  ASSERT_FALSE(first->next_page_token.empty());
  absl::StatusOr<InvestigationPage> second =
      supervision.List(kSupervisor, {}, 2, first->next_page_token);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->investigations.size(), 1u);
  EXPECT_EQ(second->investigations[0].i.id, 1);
  EXPECT_TRUE(second->next_page_token.empty());

  InvestigationFilter other;
  other.kind = Kind::kCalamity;
  EXPECT_EQ(supervision.List(kSupervisor, other, 2, first->next_page_token).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(supervision.List(kSupervisor, other, 0, "")->investigations.empty());
  EXPECT_EQ(supervision.List(kSupervisor, {}, -1, "").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(SupervisionUseCaseTest, AStaleVersionIsAbortedAndTheStoredInvestigationStays) {
  const Investigation opened = supervision.Open(kSupervisor, Proactive(1))->i;
  InvestigationChange start;
  start.status = StatusChange{Status::kInProgress, {}, "", "", ""};
  absl::StatusOr<InvestigationView> started = supervision.Change(kSupervisor, opened.id, start, 1);
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_EQ(started->i.version, 2);

  InvestigationChange back_to_planned;
  back_to_planned.status = StatusChange{Status::kPlanned, {}, "", "", ""};
  EXPECT_EQ(supervision.Change(kSupervisor, opened.id, back_to_planned, 1).status().code(),
            absl::StatusCode::kAborted);
  EXPECT_EQ(store.investigations().at(opened.id).version, 2);
  EXPECT_EQ(store.investigations().at(opened.id).status, Status::kInProgress);
  EXPECT_EQ(store.audit().size(), 2u);  // the opening and the start
}

TEST_F(SupervisionUseCaseTest, ARefusedChangeNamesTheFieldAndWritesNothing) {
  const Investigation opened = supervision.Open(kSupervisor, Proactive(1))->i;
  const int writes = store.writes();

  InvestigationChange none;
  EXPECT_EQ(FieldsOf(supervision.Change(kSupervisor, opened.id, none, 1).status()),
            std::vector<std::string>{"change"});

  InvestigationChange finding;
  finding.finding = NoEvacuationPlan();
  finding.finding->severity = Severity::kUnspecified;
  absl::Status s = supervision.Change(kSupervisor, opened.id, finding, 0).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(s), std::vector<std::string>{"finding.severity"});

  EXPECT_EQ(store.writes(), writes);
  EXPECT_EQ(store.investigations().at(opened.id).version, 1);
  EXPECT_TRUE(store.investigations().at(opened.id).findings.empty());
  EXPECT_EQ(store.audit().size(), 1u);
}

TEST_F(SupervisionUseCaseTest, ReadingFindingDetailsIsLoggedAndMunicipalitiesNeverSeeThem) {
  const Investigation opened = supervision.Open(kSupervisor, Proactive(1))->i;
  InvestigationChange finding;
  finding.finding = NoEvacuationPlan();
  ASSERT_TRUE(supervision.Change(kSupervisor, opened.id, finding, 0).ok());
  const size_t records = store.audit().size();

  absl::StatusOr<InvestigationView> read = supervision.Get(kSupervisor, opened.id);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->i.findings.size(), 1u);
  EXPECT_EQ(read->i.findings[0].supervisor, "tester");
  ASSERT_EQ(store.audit().size(), records + 1);
  EXPECT_EQ(store.audit().back().entity, "finding.read");
  EXPECT_EQ(store.audit().back().entity_id, std::to_string(opened.id));

  // Not a request of Enschede: not there for them, and nothing logged.
  EXPECT_EQ(supervision.Get(kEnschede, opened.id).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store.audit().size(), records + 1);
}

TEST_F(SupervisionUseCaseTest, EveryMutationEventOpensOneReviewPerProviderOnce) {
  store.mutation_events = {{1, 7, "JZP-2024", "update", {1, 2}},
                           {2, 7, "JZP-2024", "option_exercised", {1}}};
  absl::StatusOr<int> opened = supervision.SyncMutations(kSupervisor);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, 3);
  EXPECT_EQ(store.consumed, (std::set<int64_t>{1, 2}));
  EXPECT_EQ(store.investigations().at(1).subject,
            "Kwaliteitstoets na wijziging van contract JZP-2024");
  EXPECT_EQ(store.investigations().at(3).subject,
            "Kwaliteitstoets na lichten verlengingsoptie van contract JZP-2024");

  // A crash after the reviews but before the mark: the next sync only marks the event.
  store.consumed.erase(1);
  opened = supervision.SyncMutations(kSupervisor);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, 0);
  EXPECT_EQ(store.investigations().size(), 3u);
  EXPECT_EQ(store.consumed.count(1), 1u);
}

}  // namespace
}  // namespace ozjt::supervision
