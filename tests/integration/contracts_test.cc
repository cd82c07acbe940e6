// The contracts service end to end: real gRPC channel, real PostgreSQL, signed tokens, and
// servers that each see a fixed day.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <set>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "ozjt/contracts/v1/contracts.grpc.pb.h"
#include "ozjt/registry/v1/registry.grpc.pb.h"
#include "services/contracts/demo_data.h"
#include "services/platform/audit.h"
#include "services/registry/demo_data.h"
#include "services/registry/registry.h"
#include "tests/testing/poppler.h"
#include "tests/testing/test_env.h"

namespace ozjt {
namespace {

namespace ct = contracts::v1;
namespace reg = registry::v1;
using platform::Role;
using testing::TestServer;
using testing::ViolationFields;

google::type::Date D(int y, int m, int d) { return testing::Date(y, m, d); }

class ContractsTest : public testing::ServerSuite {
 protected:
  void SetUp() override {
    manager_ = server_->Token(Role::kOzjtContractManager, "", "anna.ozjt");
    contracts_ = ct::ContractService::NewStub(server_->Channel());
    tariffs_ = ct::TariffService::NewStub(server_->Channel());
    vervoer_ = ct::VervoerService::NewStub(server_->Channel());
  }

  static std::string NextReference() {
    static std::atomic<int> n{0};
    return "T-" + std::to_string(n++);
  }

  // A provider to contract with.
  std::string Provider() {
    static std::string name;
    if (!name.empty()) return name;
    auto stub = reg::ProviderRegistry::NewStub(server_->Channel());
    reg::CreateProviderRequest req;
    auto* p = req.mutable_provider();
    p->set_display_name("Contractpartij (fictief)");
    p->set_kvk_number("30000001");
    p->set_legal_form(reg::LEGAL_FORM_STICHTING);
    p->add_laws(reg::LAW_JEUGDWET);
    p->set_tier(reg::TIER_LOCAL);
    reg::Provider out;
    EXPECT_TRUE(stub->CreateProvider(TestServer::Context(manager_).get(), req, &out).ok());
    name = out.name();
    return name;
  }

  ct::Contract Sample(ct::ContractFamily family = ct::CONTRACT_FAMILY_GENERAL,
                      std::vector<std::string> municipalities = {"0153", "0164"}) {
    ct::Contract c;
    c.set_reference(NextReference());
    c.set_title("Testcontract");
    c.set_kind(ct::CONTRACT_KIND_SINGLE);
    c.set_domain(ct::CONTRACT_DOMAIN_BOTH);
    c.set_family(family);
    c.add_providers(Provider());
    for (const auto& m : municipalities) {
      auto* p = c.add_participations();
      p->set_municipality_code(m);
      *p->mutable_valid_from() = D(2025, 1, 1);
    }
    *c.mutable_start_date() = D(2025, 1, 1);
    *c.mutable_end_date() = D(2027, 12, 31);
    c.set_value_cents(100000000);
    c.set_status(ct::CONTRACT_STATUS_ACTIVE);
    return c;
  }

  grpc::Status Create(const ct::Contract& c, ct::Contract* out,
                      ct::ContractService::Stub* stub = nullptr) {
    ct::CreateContractRequest req;
    *req.mutable_contract() = c;
    return (stub ? stub : contracts_.get())
        ->CreateContract(TestServer::Context(manager_).get(), req, out);
  }

  ct::Contract MustCreate(const ct::Contract& c) {
    ct::Contract out;
    grpc::Status s = Create(c, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  std::string count(const std::string& sql) { return db_->Query(sql); }

  std::string manager_;
  std::unique_ptr<ct::ContractService::Stub> contracts_;
  std::unique_ptr<ct::TariffService::Stub> tariffs_;
  std::unique_ptr<ct::VervoerService::Stub> vervoer_;
};

TEST_F(ContractsTest, CreateGetAndEffectiveStatus) {
  ct::Contract in = Sample();
  ct::Contract created = MustCreate(in);
  EXPECT_EQ(created.version(), 1);
  EXPECT_EQ(created.status(), ct::CONTRACT_STATUS_ACTIVE);
  EXPECT_EQ(created.contracting_party(), "OZJT namens de deelnemende gemeenten");
  ASSERT_EQ(created.index_weights_size(), 2);  // OVA 90 / PCC 10 by default
  // Ended before today (2026-11-25): reads as expired, and is found by that status.
  ct::Contract old = Sample();
  *old.mutable_end_date() = D(2026, 6, 30);
  ct::Contract stored = MustCreate(old);
  EXPECT_EQ(stored.status(), ct::CONTRACT_STATUS_EXPIRED);
  ct::ListContractsRequest list;
  list.mutable_filter()->set_status(ct::CONTRACT_STATUS_EXPIRED);
  list.mutable_filter()->set_text(old.reference());
  ct::ListContractsResponse resp;
  ASSERT_TRUE(contracts_->ListContracts(TestServer::Context(manager_).get(), list, &resp).ok());
  ASSERT_EQ(resp.contracts_size(), 1);
  EXPECT_EQ(resp.contracts(0).name(), stored.name());
}

// "Eindigt binnen N maanden" in the register: from today (2026-11-25) up to and including
// today + N months; not the ones that ended already; 0 means any end date.
TEST_F(ContractsTest, EndingWithinMonthsCountsFromToday) {
  std::vector<std::string> names;
  for (const auto& end : {D(2026, 6, 30), D(2026, 11, 25), D(2027, 1, 25), D(2027, 1, 26)}) {
    ct::Contract c = Sample();
    c.set_title("Looptijdfilter");
    *c.mutable_end_date() = end;
    names.push_back(MustCreate(c).name());
  }
  auto found = [&](int months) {
    ct::ListContractsRequest list;
    list.mutable_filter()->set_text("Looptijdfilter");
    list.mutable_filter()->set_ends_within_months(months);
    ct::ListContractsResponse resp;
    grpc::Status s = contracts_->ListContracts(TestServer::Context(manager_).get(), list, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::set<std::string> out;
    for (const auto& c : resp.contracts()) out.insert(c.name());
    return out;
  };
  EXPECT_EQ(found(2), (std::set<std::string>{names[1], names[2]}));
  EXPECT_EQ(found(1), (std::set<std::string>{names[1]}));
  EXPECT_EQ(found(0).size(), 4U);
  ct::ListContractsRequest bad;
  bad.mutable_filter()->set_ends_within_months(121);
  ct::ListContractsResponse resp;
  grpc::Status s = contracts_->ListContracts(TestServer::Context(manager_).get(), bad, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(s), (std::vector<std::string>{"filter.ends_within_months"}));
  EXPECT_EQ(testing::ViolationDescriptions(s),
            (std::vector<std::string>{
                "Kies bij ‘eindigt binnen’ 1 tot en met 120 maanden, of laat het leeg."}));
}

TEST_F(ContractsTest, BadInputNamesTheFields) {
  ct::Contract c = Sample();
  c.set_reference("met spatie");
  c.mutable_participations(0)->set_municipality_code("9999");
  *c.mutable_end_date() = D(2024, 1, 1);
  c.set_kind(ct::CONTRACT_KIND_LOT);
  ct::Contract out;
  grpc::Status s = Create(c, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(s),
            (std::vector<std::string>{"contract.reference", "contract.parent",
                                      "contract.participations[0].municipality_code",
                                      "contract.end_date"}));
  // What the person reads: Dutch, in a contract manager's words, dates as dd-mm-jjjj.
  EXPECT_EQ(testing::ViolationDescriptions(s),
            (std::vector<std::string>{
                "Het kenmerk bestaat uit 1 tot 50 letters, cijfers of - _ . / (zonder spaties).",
                "Een perceel of nadere overeenkomst hoort bij een raamovereenkomst: geef die op.",
                "Gemeentecode '9999' bestaat niet; gebruik de CBS-code van een Twentse gemeente "
                "(bijvoorbeeld 0153 voor Enschede).",
                "De einddatum (01-01-2024) ligt voor de begindatum (01-01-2025)."}));
  ct::Contract bad_date = Sample();
  *bad_date.mutable_start_date() = D(2025, 2, 30);
  EXPECT_EQ(ViolationFields(Create(bad_date, &out)),
            std::vector<std::string>{"contract.start_date"});
  ct::Contract unknown = Sample();
  unknown.add_providers("providers/999999");
  EXPECT_EQ(Create(unknown, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ct::Contract lot = Sample();
  lot.set_kind(ct::CONTRACT_KIND_LOT);
  lot.set_parent(MustCreate(Sample()).name());  // a single agreement, not a framework
  EXPECT_EQ(ViolationFields(Create(lot, &out)), std::vector<std::string>{"contract.parent"});
  ct::Contract dup = Sample();
  MustCreate(dup);
  grpc::Status taken = Create(dup, &out);
  EXPECT_EQ(taken.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(testing::DutchMessage(taken),
            "Kenmerk " + dup.reference() +
                " is al in gebruik bij een ander contract; kies een ander kenmerk.");
}

TEST_F(ContractsTest, UpdateUsesMaskVersionAndRecordsMutationsAfterAward) {
  ct::Contract draft = Sample();
  draft.set_status(ct::CONTRACT_STATUS_DRAFT);
  ct::Contract c = MustCreate(draft);
  const std::string id = c.name().substr(10);
  auto update = [&](ct::Contract change, std::vector<std::string> mask, ct::Contract* out) {
    ct::UpdateContractRequest req;
    *req.mutable_contract() = change;
    for (const auto& m : mask) req.mutable_update_mask()->add_paths(m);
    return contracts_->UpdateContract(TestServer::Context(manager_).get(), req, out);
  };
  ct::Contract change;
  change.set_name(c.name());
  change.set_version(1);
  change.set_title("Nieuwe titel");
  ct::Contract out;
  ASSERT_TRUE(update(change, {"title"}, &out).ok());
  EXPECT_EQ(count("SELECT count(*) FROM contracts.mutation_event WHERE contract_id = " + id),
            "0");                                                                      // draft
  EXPECT_EQ(update(change, {"title"}, &out).error_code(), grpc::StatusCode::ABORTED);  // stale
  change.set_version(2);
  change.set_status(ct::CONTRACT_STATUS_ACTIVE);
  EXPECT_EQ(update(change, {"status"}, &out).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // skips awarded
  change.set_status(ct::CONTRACT_STATUS_AWARDED);
  // The award gate: no admitting screening decision yet (the full flow is in screening_pgtest).
  grpc::Status gated = update(change, {"status"}, &out);
  EXPECT_EQ(gated.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(gated.error_message().find("no admitting KIT screening decision valid on 25-11-2026"),
            std::string::npos);
  EXPECT_EQ(testing::DutchMessage(gated),
            "Contractpartij (fictief) heeft geen KIT-screeningsbesluit dat toelaat en geldig is "
            "op 25-11-2026; een contract wordt pas gegund na screening (ozjt screening "
            "outcomes).");
  const std::string provider = Provider().substr(10);
  db_->Exec(
      "INSERT INTO screening.screening_case (provider_id, framework_id, occasion, status, "
      "outcome, decided_on, valid_until, body) SELECT " +
      provider +
      ", id, 'procurement_round', 'decided', 'admitted', '2026-11-01', '2028-11-01', '{}' "
      "FROM screening.framework WHERE code = 'kit'");
  ASSERT_TRUE(update(change, {"status"}, &out).ok());
  EXPECT_EQ(count("SELECT count(*) FROM screening.award_registration WHERE contract_id = " + id),
            "1");
  change.set_version(3);
  change.set_value_cents(5);
  ASSERT_TRUE(update(change, {"value_cents"}, &out).ok());
  EXPECT_EQ(count("SELECT count(*) FROM contracts.mutation_event WHERE contract_id = " + id), "1");
  EXPECT_EQ(
      count("SELECT detail->'fields'->>0 FROM contracts.mutation_event WHERE contract_id = " + id),
      "value_cents");
  change.set_version(4);
  change.set_status(ct::CONTRACT_STATUS_TERMINATED);
  EXPECT_EQ(update(change, {"status"}, &out).error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ViolationFields(update(change, {"colour"}, &out)),
            std::vector<std::string>{"update_mask"});
  ct::ListContractHistoryRequest h;
  h.set_name(c.name());
  ct::ListContractHistoryResponse hist;
  ASSERT_TRUE(contracts_->ListContractHistory(TestServer::Context(manager_).get(), h, &hist).ok());
  ASSERT_EQ(hist.versions_size(), 4);
  EXPECT_EQ(hist.versions(0).contract().value_cents(), 5);
  EXPECT_EQ(hist.versions(3).contract().title(), "Testcontract");
}

TEST_F(ContractsTest, MedicatiecontroleOptionsOverTheYears) {
  // The worked example: 2022-01-01 to 2024-12-31, two unilateral one-year options, 3 months.
  TestServer in_2024(db_->conninfo(), {}, "", "", absl::CivilDay(2024, 9, 20));
  TestServer in_2025(db_->conninfo(), {}, "", "", absl::CivilDay(2025, 10, 2));
  auto stub_2024 = ct::ContractService::NewStub(in_2024.Channel());
  auto stub_2025 = ct::ContractService::NewStub(in_2025.Channel());
  const std::string token_2024 = in_2024.Token(Role::kOzjtContractManager);
  const std::string token_2025 = in_2025.Token(Role::kOzjtContractManager);
  ct::Contract mc = Sample(ct::CONTRACT_FAMILY_MEDICATIECONTROLE);
  *mc.mutable_start_date() = D(2022, 1, 1);
  *mc.mutable_end_date() = D(2024, 12, 31);
  mc.set_notice_months(3);
  for (int n = 1; n <= 2; ++n) {
    auto* o = mc.add_options();
    o->set_number(n);
    o->set_length_months(12);
    o->set_unilateral(true);
  }
  ct::CreateContractRequest create;
  *create.mutable_contract() = mc;
  ct::Contract c;
  ASSERT_TRUE(stub_2024->CreateContract(TestServer::Context(token_2024).get(), create, &c).ok());
  EXPECT_EQ(c.options(0).notice_deadline().month(), 9);
  EXPECT_EQ(c.options(0).notice_deadline().day(), 30);
  EXPECT_EQ(c.options(1).notice_deadline().year(), 2025);

  ct::ExerciseOptionRequest ex;
  ex.set_contract(c.name());
  ex.set_option_number(1);
  *ex.mutable_notice_date() = D(2024, 9, 16);
  ex.set_receipt_proof("aangetekend RR123");
  ex.set_version(1);
  ASSERT_TRUE(stub_2024->ExerciseOption(TestServer::Context(token_2024).get(), ex, &c).ok());
  EXPECT_EQ(c.end_date().year(), 2025);
  EXPECT_EQ(c.end_date().month(), 12);
  EXPECT_EQ(c.end_date().day(), 31);

  ex.set_option_number(2);
  ex.set_version(2);
  *ex.mutable_notice_date() = D(2025, 10, 1);  // one day late
  grpc::Status late = stub_2025->ExerciseOption(TestServer::Context(token_2025).get(), ex, &c);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(late), std::vector<std::string>{"notice_date"});
  EXPECT_NE(late.error_message().find("2025-09-30"), std::string::npos);
  *ex.mutable_notice_date() = D(2025, 9, 30);
  ASSERT_TRUE(stub_2025->ExerciseOption(TestServer::Context(token_2025).get(), ex, &c).ok());
  EXPECT_EQ(c.end_date().year(), 2026);
  ex.set_option_number(3);
  ex.set_version(3);
  EXPECT_EQ(stub_2025->ExerciseOption(TestServer::Context(token_2025).get(), ex, &c).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // no option left
  EXPECT_EQ(count("SELECT count(*) FROM contracts.mutation_event WHERE kind = 'option_exercised' "
                  "AND contract_id = " +
                  c.name().substr(10)),
            "2");
}

// The medicatiecontrole framework of docs/domain.md as a contract manager enters it in
// November 2026: the term as agreed (2022-01-01 to 2024-12-31) and both options, used.
ct::Contract MedicatiecontroleAsAgreed(ct::Contract mc) {
  *mc.mutable_start_date() = testing::Date(2022, 1, 1);
  *mc.mutable_end_date() = testing::Date(2024, 12, 31);
  for (auto& p : *mc.mutable_participations()) *p.mutable_valid_from() = testing::Date(2022, 1, 1);
  mc.set_notice_months(3);
  for (int n = 1; n <= 2; ++n) {
    auto* o = mc.add_options();
    o->set_number(n);
    o->set_length_months(12);
    o->set_unilateral(true);
  }
  return mc;
}

// The same with both options exercised: the first noticed on 16-09-2024, the second on
// `second_notice` (proof of receipt "aangetekend RR <date>").
ct::Contract MedicatiecontroleWithBothOptionsUsed(ct::Contract sample,
                                                  google::type::Date second_notice) {
  ct::Contract mc = MedicatiecontroleAsAgreed(std::move(sample));
  auto* first = mc.mutable_options(0)->mutable_exercise();
  *first->mutable_notice_date() = testing::Date(2024, 9, 16);
  first->set_receipt_proof("aangetekend RR 2024-0916");
  auto* second = mc.mutable_options(1)->mutable_exercise();
  *second->mutable_notice_date() = second_notice;
  second->set_receipt_proof(absl::StrCat("aangetekend RR ", second_notice.year(), "-",
                                         absl::Dec(second_notice.month(), absl::kZeroPad2),
                                         absl::Dec(second_notice.day(), absl::kZeroPad2)));
  return mc;
}

TEST_F(ContractsTest, ExistingContractIsEnteredWithItsExercisedOptions) {
  // The second notice on the last notice day itself.
  ct::Contract mc = MedicatiecontroleWithBothOptionsUsed(
      Sample(ct::CONTRACT_FAMILY_MEDICATIECONTROLE), D(2025, 9, 30));
  auto* second = mc.mutable_options(1)->mutable_exercise();
  *second->mutable_new_end_date() = D(2026, 12, 31);  // optional check, agrees
  ct::Contract created = MustCreate(mc);

  ct::GetContractRequest get;
  get.set_name(created.name());
  ct::Contract c;
  ASSERT_TRUE(contracts_->GetContract(TestServer::Context(manager_).get(), get, &c).ok());
  EXPECT_EQ(c.status(), ct::CONTRACT_STATUS_ACTIVE);  // not expired: extended to 2026-12-31
  EXPECT_EQ(c.end_date().year(), 2026);
  EXPECT_EQ(c.end_date().month(), 12);
  EXPECT_EQ(c.end_date().day(), 31);
  ASSERT_EQ(c.options_size(), 2);
  for (int i = 0; i < 2; ++i) {
    const ct::OptionExercise& e = c.options(i).exercise();
    ASSERT_TRUE(c.options(i).has_exercise()) << i;
    EXPECT_EQ(e.new_end_date().year(), 2025 + i);
    EXPECT_EQ(e.new_end_date().month(), 12);
    EXPECT_EQ(e.notice_deadline().year(), 2024 + i);
    EXPECT_EQ(e.notice_deadline().month(), 9);
    EXPECT_EQ(e.notice_deadline().day(), 30);
    EXPECT_TRUE(e.recorded_after_the_fact());
    EXPECT_EQ(e.recorded_on().year(), 2026);
    EXPECT_EQ(e.exercised_by(), "anna.ozjt");
    EXPECT_FALSE(c.options(i).has_notice_deadline());  // no deadline left to meet
  }
  EXPECT_EQ(c.options(0).exercise().notice_date().day(), 16);
  EXPECT_EQ(c.options(1).exercise().receipt_proof(), "aangetekend RR 2025-0930");

  // Audited as recorded after the fact: one record per option, besides the contract's own.
  const std::string id = created.name().substr(10);
  EXPECT_EQ(count("SELECT count(*) FROM audit.audit_record WHERE entity_type = 'option_exercise' "
                  "AND after_json->>'recorded_after_the_fact' = 'true' AND method LIKE "
                  "'%/CreateContract' AND entity_id = '" +
                  id + "'"),
            "2");
  EXPECT_EQ(count("SELECT after_json->>'summary' FROM audit.audit_record WHERE entity_type = "
                  "'option_exercise' AND entity_id = '" +
                  id + "' ORDER BY id LIMIT 1"),
            "Verlengingsoptie 1 achteraf vastgelegd op 25-11-2026: aangezegd op 16-09-2024 "
            "(uiterlijk 30-09-2024), nieuwe einddatum 31-12-2025.");
  EXPECT_EQ(count("SELECT after_json->'options'->1->'exercise'->>'recorded_after_the_fact' FROM "
                  "audit.audit_record WHERE entity_type = 'contract' AND entity_id = '" +
                  id + "'"),
            "true");
}

TEST_F(ContractsTest, PastExerciseWithLateNoticeIsRefusedInDutch) {
  // The second notice one day after the last notice day.
  ct::Contract mc = MedicatiecontroleWithBothOptionsUsed(
      Sample(ct::CONTRACT_FAMILY_MEDICATIECONTROLE), D(2025, 10, 1));
  ct::Contract out;
  grpc::Status late = Create(mc, &out);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(late),
            std::vector<std::string>{"contract.options[1].exercise.notice_date"});
  EXPECT_EQ(testing::ViolationDescriptions(late),
            std::vector<std::string>{
                "Verlengingsoptie 2 moest uiterlijk 30-09-2025 worden aangezegd; aanzeggen op "
                "01-10-2025 is te laat, dus het contract is niet met deze optie verlengd."});
  EXPECT_EQ(
      count("SELECT count(*) FROM contracts.contract WHERE reference = '" + mc.reference() + "'"),
      "0");
  // The end date already extended, given with the exercises: named, in Dutch.
  ct::Contract extended = mc;
  *extended.mutable_options(1)->mutable_exercise()->mutable_notice_date() = D(2025, 9, 1);
  *extended.mutable_end_date() = D(2026, 12, 31);
  *extended.mutable_options(0)->mutable_exercise()->mutable_new_end_date() = D(2025, 12, 31);
  grpc::Status wrong_end = Create(extended, &out);
  EXPECT_EQ(ViolationFields(wrong_end),
            std::vector<std::string>{"contract.options[0].exercise.new_end_date"});
  EXPECT_NE(testing::DutchMessage(wrong_end).find("einddatum zonder verlengingen"),
            std::string::npos);
}

TEST_F(ContractsTest, ExerciseOptionRecordsAPastExerciseAfterTheFact) {
  // Entered without its exercises, the framework reads as expired (ended 31-12-2024)...
  ct::Contract c =
      MustCreate(MedicatiecontroleAsAgreed(Sample(ct::CONTRACT_FAMILY_MEDICATIECONTROLE)));
  EXPECT_EQ(c.status(), ct::CONTRACT_STATUS_EXPIRED);
  // ...until the options noticed in time are recorded, in 2026, with their notice dates.
  ct::ExerciseOptionRequest ex;
  ex.set_contract(c.name());
  ex.set_option_number(1);
  *ex.mutable_notice_date() = D(2024, 9, 16);
  ex.set_receipt_proof("aangetekend RR 2024-0916");
  ex.set_version(1);
  ASSERT_TRUE(contracts_->ExerciseOption(TestServer::Context(manager_).get(), ex, &c).ok());
  EXPECT_EQ(c.end_date().year(), 2025);
  EXPECT_TRUE(c.options(0).exercise().recorded_after_the_fact());
  ex.set_option_number(2);
  ex.set_version(2);
  *ex.mutable_notice_date() = D(2025, 10, 1);
  grpc::Status late = contracts_->ExerciseOption(TestServer::Context(manager_).get(), ex, &c);
  EXPECT_EQ(late.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(late), std::vector<std::string>{"notice_date"});
  EXPECT_EQ(testing::DutchMessage(late),
            "Verlengingsoptie 2 moest uiterlijk 30-09-2025 worden aangezegd; aanzeggen op "
            "01-10-2025 is te laat, dus het contract is niet met deze optie verlengd.");
  *ex.mutable_notice_date() = D(2025, 9, 12);
  ASSERT_TRUE(contracts_->ExerciseOption(TestServer::Context(manager_).get(), ex, &c).ok());
  EXPECT_EQ(c.status(), ct::CONTRACT_STATUS_ACTIVE);
  EXPECT_EQ(c.end_date().year(), 2026);
  const std::string id = c.name().substr(10);
  EXPECT_EQ(count("SELECT count(*) FROM audit.audit_record WHERE entity_type = 'option_exercise' "
                  "AND after_json->>'recorded_after_the_fact' = 'true' AND method LIKE "
                  "'%/ExerciseOption' AND entity_id = '" +
                  id + "'"),
            "2");
  EXPECT_EQ(count("SELECT count(*) FROM contracts.mutation_event WHERE kind = 'option_exercised' "
                  "AND detail->>'recorded_after_the_fact' = 'true' AND contract_id = " +
                  id),
            "2");
}

// Issue 16: the decision on an option, the letter to the provider as a PDF, and its sending
// recorded once with its proof of receipt.
TEST_F(ContractsTest, OptionDecisionLetterAndItsSending) {
  ct::Contract in = Sample();
  auto* option = in.add_options();
  option->set_number(1);
  option->set_length_months(12);
  option->set_unilateral(true);
  option->set_notice_months(3);
  ct::Contract c = MustCreate(in);
  auto context = [&] { return TestServer::Context(manager_); };

  ct::DecideOptionRequest decide;
  decide.set_contract(c.name());
  decide.set_option_number(1);
  decide.set_version(c.version());
  auto* d = decide.mutable_decision();
  d->set_outcome(ct::OPTION_OUTCOME_EXTEND);
  d->set_decided_by("AO Jeugd");
  *d->mutable_decision_date() = D(2026, 11, 26);
  d->set_reference("besluit 2026-31");
  d->set_article("artikel 2.3");
  grpc::Status future = contracts_->DecideOption(context().get(), decide, &c);
  EXPECT_EQ(future.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(future), std::vector<std::string>{"decision.decision_date"});
  *d->mutable_decision_date() = D(2026, 11, 20);
  grpc::Status decided = contracts_->DecideOption(context().get(), decide, &c);
  ASSERT_TRUE(decided.ok()) << decided.error_message();
  ASSERT_TRUE(c.options(0).has_decision());
  EXPECT_EQ(c.options(0).decision().outcome(), ct::OPTION_OUTCOME_EXTEND);
  EXPECT_EQ(c.options(0).decision().recorded_by(), "anna.ozjt");
  EXPECT_EQ(c.end_date().year(), 2027);  // deciding is not exercising

  ct::GetContractLetterRequest get;
  get.set_contract(c.name());
  get.set_kind(ct::LETTER_KIND_OPTION_EXERCISE);
  get.set_option_number(1);
  get.set_provider(c.providers(0));
  ct::ContractLetter letter;
  grpc::Status got = contracts_->GetContractLetter(context().get(), get, &letter);
  ASSERT_TRUE(got.ok()) << got.error_message();
  EXPECT_EQ(letter.subject(), "Verlenging overeenkomst " + c.reference());
  EXPECT_EQ(letter.file_name().substr(0, 25), "brief-verlenging-optie-1-");
  EXPECT_EQ(letter.letter_date().day(), 25);
  const std::string text = testing::PdfText(letter.pdf());
  EXPECT_NE(text.find("Contractpartij (fictief)"), std::string::npos) << text;
  EXPECT_NE(text.find("31-12-2028"), std::string::npos) << text;
  EXPECT_NE(text.find("AO Jeugd"), std::string::npos) << text;
  // No letter of a legal step without the step; no letter to a stranger.
  get.set_provider("providers/999999");
  EXPECT_EQ(contracts_->GetContractLetter(context().get(), get, &letter).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  get.set_provider(c.providers(0));
  get.set_kind(ct::LETTER_KIND_OPTION_DECLINE);
  EXPECT_EQ(contracts_->GetContractLetter(context().get(), get, &letter).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  ct::RecordLetterSentRequest sent;
  auto* dispatch = sent.mutable_dispatch();
  dispatch->set_contract(c.name());
  dispatch->set_kind(ct::LETTER_KIND_OPTION_EXERCISE);
  dispatch->set_option_number(1);
  dispatch->set_provider(c.providers(0));
  *dispatch->mutable_sent_date() = D(2026, 11, 26);
  ct::LetterDispatch out;
  // What is wrong is named as the dispatch's field: its option, its provider.
  dispatch->set_option_number(0);
  grpc::Status no_option = contracts_->RecordLetterSent(context().get(), sent, &out);
  EXPECT_EQ(no_option.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(no_option), std::vector<std::string>{"dispatch.option_number"});
  dispatch->set_option_number(1);
  dispatch->set_provider("providers/999999");
  grpc::Status stranger = contracts_->RecordLetterSent(context().get(), sent, &out);
  EXPECT_EQ(ViolationFields(stranger), std::vector<std::string>{"dispatch.provider"});
  dispatch->set_provider(c.providers(0));
  grpc::Status bad = contracts_->RecordLetterSent(context().get(), sent, &out);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolationFields(bad),
            (std::vector<std::string>{"dispatch.receipt_proof", "dispatch.sent_date"}));
  *dispatch->mutable_sent_date() = D(2026, 11, 25);
  dispatch->set_receipt_proof("Aangetekend RR123456785NL");
  grpc::Status recorded = contracts_->RecordLetterSent(context().get(), sent, &out);
  ASSERT_TRUE(recorded.ok()) << recorded.error_message();
  EXPECT_EQ(out.name().substr(0, 17), "letterDispatches/");
  EXPECT_EQ(out.provider_display_name(), "Contractpartij (fictief)");
  EXPECT_EQ(out.recorded_by(), "anna.ozjt");
  grpc::Status again = contracts_->RecordLetterSent(context().get(), sent, &out);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(testing::DutchMessage(again),
            "De verzending van deze brief aan deze aanbieder is al vastgelegd.");

  ct::ListLetterDispatchesRequest list;
  list.set_contract(c.name());
  ct::ListLetterDispatchesResponse listed;
  ASSERT_TRUE(contracts_->ListLetterDispatches(context().get(), list, &listed).ok());
  ASSERT_EQ(listed.dispatches_size(), 1);
  EXPECT_EQ(listed.dispatches(0).receipt_proof(), "Aangetekend RR123456785NL");
  EXPECT_EQ(count("SELECT count(*) FROM audit.audit_record WHERE entity_type = "
                  "'letter_dispatch' AND entity_id = '" +
                  out.name().substr(17) + "'"),
            "1");
}

// A declined option is final: it cannot be exercised, and its letter says the contract ends.
TEST_F(ContractsTest, DeclinedOptionEndsTheContract) {
  ct::Contract in = Sample();
  for (int n = 1; n <= 2; ++n) {
    auto* option = in.add_options();
    option->set_number(n);
    option->set_length_months(12);
    option->set_unilateral(true);
    option->set_notice_months(3);
  }
  ct::Contract c = MustCreate(in);
  ct::DecideOptionRequest decide;
  decide.set_contract(c.name());
  decide.set_option_number(1);
  decide.set_version(c.version());
  decide.mutable_decision()->set_outcome(ct::OPTION_OUTCOME_DECLINE);
  decide.mutable_decision()->set_decided_by("Portefeuillehoudersoverleg Wmo");
  *decide.mutable_decision()->mutable_decision_date() = D(2026, 11, 18);
  grpc::Status declined = contracts_->DecideOption(TestServer::Context(manager_).get(), decide, &c);
  ASSERT_TRUE(declined.ok()) << declined.error_message();

  ct::ExerciseOptionRequest ex;
  ex.set_contract(c.name());
  ex.set_option_number(1);
  ex.set_version(c.version());
  *ex.mutable_notice_date() = D(2026, 11, 25);
  ex.set_receipt_proof("aangetekend");
  ct::Contract unchanged;
  grpc::Status refused =
      contracts_->ExerciseOption(TestServer::Context(manager_).get(), ex, &unchanged);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::DutchMessage(refused),
            "Verlengingsoptie 1 is afgewezen (besluit van 18-11-2026, Portefeuillehoudersoverleg "
            "Wmo).");
  decide.set_version(c.version());
  decide.mutable_decision()->set_outcome(ct::OPTION_OUTCOME_EXTEND);
  EXPECT_EQ(contracts_->DecideOption(TestServer::Context(manager_).get(), decide, &unchanged)
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  ct::GetContractLetterRequest get;
  get.set_contract(c.name());
  get.set_kind(ct::LETTER_KIND_OPTION_DECLINE);
  get.set_option_number(1);
  get.set_provider(c.providers(0));
  ct::ContractLetter letter;
  grpc::Status got =
      contracts_->GetContractLetter(TestServer::Context(manager_).get(), get, &letter);
  ASSERT_TRUE(got.ok()) << got.error_message();
  EXPECT_EQ(letter.letter_date().day(), 18);
  const std::string text = testing::PdfText(letter.pdf());
  EXPECT_NE(text.find("eindigt daarom op 31-12-2027"), std::string::npos) << text;
}

TEST_F(ContractsTest, MunicipalUsersSeeTheirContractsAndWriteOnlyNotesAndKpis) {
  ct::Contract ours = MustCreate(Sample(ct::CONTRACT_FAMILY_VERVOER, {"0168"}));
  ct::Contract theirs = MustCreate(Sample(ct::CONTRACT_FAMILY_GENERAL, {"0141"}));
  const std::string losser = server_->Token(Role::kGemeenteContractManager, "0168", "m.losser");
  ct::GetContractRequest get;
  ct::Contract out;
  get.set_name(theirs.name());
  grpc::Status hidden = contracts_->GetContract(TestServer::Context(losser).get(), get, &out);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(testing::DutchMessage(hidden),
            "Contract " + theirs.name().substr(10) +
                " bestaat niet of valt buiten uw gemeente; zoek het op (ozjt contracts "
                "list).");
  get.set_name(ours.name());
  EXPECT_TRUE(contracts_->GetContract(TestServer::Context(losser).get(), get, &out).ok());
  // Who delivers the contract is read by name, also a provider the municipality cannot open
  // (it is active nowhere): the CLI and the page showed `providers/N` for it.
  ASSERT_EQ(out.provider_display_names_size(), 1);
  EXPECT_EQ(out.provider_display_names(0), "Contractpartij (fictief)");
  {
    reg::GetProviderRequest req;
    req.set_name(ours.providers(0));
    reg::Provider p;
    EXPECT_EQ(reg::ProviderRegistry::NewStub(server_->Channel())
                  ->GetProvider(TestServer::Context(losser).get(), req, &p)
                  .error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  ct::ListContractsRequest list;
  ct::ListContractsResponse resp;
  ASSERT_TRUE(contracts_->ListContracts(TestServer::Context(losser).get(), list, &resp).ok());
  ASSERT_FALSE(resp.contracts().empty());
  for (const auto& c : resp.contracts()) {
    EXPECT_EQ(c.provider_display_names_size(), c.providers_size()) << c.reference();
    for (const auto& n : c.provider_display_names()) EXPECT_FALSE(n.empty()) << c.reference();
    bool takes_part = false;
    for (const auto& p : c.participations()) takes_part |= p.municipality_code() == "0168";
    EXPECT_TRUE(takes_part) << c.reference();
  }
  list.mutable_filter()->set_municipality_code("0141");
  EXPECT_EQ(contracts_->ListContracts(TestServer::Context(losser).get(), list, &resp).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  ct::CreateContractNoteRequest note;
  note.mutable_note()->set_contract(ours.name());
  note.mutable_note()->set_text("Overleg gehad over wachttijden");
  ct::ContractNote n;
  ASSERT_TRUE(contracts_->CreateContractNote(TestServer::Context(losser).get(), note, &n).ok());
  EXPECT_EQ(n.municipality_code(), "0168");
  note.mutable_note()->set_municipality_code("0153");
  EXPECT_EQ(
      contracts_->CreateContractNote(TestServer::Context(losser).get(), note, &n).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  note.mutable_note()->set_municipality_code("");
  note.mutable_note()->set_contract(theirs.name());
  EXPECT_EQ(
      contracts_->CreateContractNote(TestServer::Context(losser).get(), note, &n).error_code(),
      grpc::StatusCode::NOT_FOUND);
  // Another municipality's note on a shared contract stays out of view.
  ct::Contract shared = MustCreate(Sample(ct::CONTRACT_FAMILY_GENERAL, {"0168", "0173"}));
  note.mutable_note()->set_contract(shared.name());
  note.mutable_note()->set_text("Notitie Oldenzaal");
  const std::string oldenzaal = server_->Token(Role::kGemeenteContractManager, "0173");
  ASSERT_TRUE(contracts_->CreateContractNote(TestServer::Context(oldenzaal).get(), note, &n).ok());
  ct::ListContractNotesRequest notes;
  notes.set_contract(shared.name());
  ct::ListContractNotesResponse seen;
  ASSERT_TRUE(contracts_->ListContractNotes(TestServer::Context(losser).get(), notes, &seen).ok());
  EXPECT_EQ(seen.notes_size(), 0);
  ASSERT_TRUE(
      contracts_->ListContractNotes(TestServer::Context(manager_).get(), notes, &seen).ok());
  EXPECT_EQ(seen.notes_size(), 1);

  ct::RecordKpiMeasurementRequest m;
  m.mutable_measurement()->set_contract(ours.name());
  m.mutable_measurement()->set_period("2026-10");
  m.mutable_measurement()->set_kind(ct::KPI_KIND_PUNCTUALITY);
  m.mutable_measurement()->set_value("93.20");
  m.mutable_measurement()->set_source(ct::MEASUREMENT_SOURCE_SURVEY);
  ct::KpiMeasurement recorded;
  ASSERT_TRUE(vervoer_->RecordKpiMeasurement(TestServer::Context(losser).get(), m, &recorded).ok());
  EXPECT_EQ(recorded.municipality_code(), "0168");
  EXPECT_EQ(recorded.value(), "93.20");
  // Listed on the contract, newest period first; another municipality's contract is NOT_FOUND.
  m.mutable_measurement()->set_period("2026-11");
  m.mutable_measurement()->set_value("95.00");
  ASSERT_TRUE(vervoer_->RecordKpiMeasurement(TestServer::Context(losser).get(), m, &recorded).ok());
  ct::ListKpiMeasurementsRequest lm;
  lm.set_contract(ours.name());
  ct::ListKpiMeasurementsResponse listed;
  ASSERT_TRUE(vervoer_->ListKpiMeasurements(TestServer::Context(losser).get(), lm, &listed).ok());
  ASSERT_EQ(listed.measurements_size(), 2);
  EXPECT_EQ(listed.measurements(0).period(), "2026-11");
  EXPECT_EQ(listed.measurements(1).value(), "93.20");
  lm.set_period("2026-10");
  ASSERT_TRUE(vervoer_->ListKpiMeasurements(TestServer::Context(losser).get(), lm, &listed).ok());
  EXPECT_EQ(listed.measurements_size(), 1);
  lm.set_period("oktober");
  EXPECT_EQ(
      vervoer_->ListKpiMeasurements(TestServer::Context(losser).get(), lm, &listed).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  lm.set_period("");
  lm.set_contract(theirs.name());
  EXPECT_EQ(
      vervoer_->ListKpiMeasurements(TestServer::Context(losser).get(), lm, &listed).error_code(),
      grpc::StatusCode::NOT_FOUND);
  // Terms are not theirs to change.
  ct::UpdateContractRequest up;
  up.mutable_contract()->set_name(ours.name());
  up.mutable_update_mask()->add_paths("title");
  EXPECT_EQ(contracts_->UpdateContract(TestServer::Context(losser).get(), up, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ContractsTest, LegalTrackFromNoticeOfDefaultToOntbinding) {
  ct::Contract c = MustCreate(Sample());
  ct::CreateLegalStepRequest req;
  auto* s = req.mutable_step();
  s->set_contract(c.name());
  s->set_kind(ct::LEGAL_STEP_KIND_INGEBREKESTELLING);
  *s->mutable_date() = D(2026, 11, 1);
  s->set_term_days(30);  // deadline 2026-12-01, after today
  s->set_grounds("Verantwoording ontbreekt");
  ct::LegalStep notice;
  ASSERT_TRUE(contracts_->CreateLegalStep(TestServer::Context(manager_).get(), req, &notice).ok());
  EXPECT_EQ(notice.deadline().month(), 12);
  EXPECT_EQ(notice.deadline().day(), 1);

  ct::CreateLegalStepRequest end;
  auto* o = end.mutable_step();
  o->set_contract(c.name());
  o->set_kind(ct::LEGAL_STEP_KIND_ONTBINDING);
  *o->mutable_date() = D(2026, 11, 25);
  o->set_ground(ct::TERMINATION_GROUND_AFTER_DEFAULT);
  o->set_default_step(notice.name());
  o->set_grounds("Tekortkoming niet hersteld");
  ct::LegalStep out;
  EXPECT_EQ(
      ViolationFields(contracts_->CreateLegalStep(TestServer::Context(manager_).get(), end, &out)),
      std::vector<std::string>{"step.handover_note"});
  o->set_handover_note("Clienten gaan per 1 januari naar andere aanbieders; warme overdracht");
  grpc::Status early = contracts_->CreateLegalStep(TestServer::Context(manager_).get(), end, &out);
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << early.error_message();

  // An earlier notice whose term has lapsed makes the ontbinding possible.
  *s->mutable_date() = D(2026, 10, 1);
  s->set_term_days(14);
  ct::LegalStep lapsed;
  ASSERT_TRUE(contracts_->CreateLegalStep(TestServer::Context(manager_).get(), req, &lapsed).ok());
  o->set_default_step(lapsed.name());
  ASSERT_TRUE(contracts_->CreateLegalStep(TestServer::Context(manager_).get(), end, &out).ok());
  ct::GetContractRequest get;
  get.set_name(c.name());
  ct::Contract after;
  ASSERT_TRUE(contracts_->GetContract(TestServer::Context(manager_).get(), get, &after).ok());
  EXPECT_EQ(after.status(), ct::CONTRACT_STATUS_TERMINATED);
  EXPECT_EQ(after.end_date().month(), 11);
  EXPECT_EQ(
      contracts_->CreateLegalStep(TestServer::Context(manager_).get(), req, &out).error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);  // terminated: no further steps
  ct::ListLegalStepsRequest list;
  list.set_contract(c.name());
  ct::ListLegalStepsResponse steps;
  ASSERT_TRUE(contracts_->ListLegalSteps(TestServer::Context(manager_).get(), list, &steps).ok());
  EXPECT_EQ(steps.steps_size(), 3);

  // An immediate ground needs no notice of default.
  ct::Contract other = MustCreate(Sample());
  o->set_contract(other.name());
  o->set_ground(ct::TERMINATION_GROUND_E_FRAUD);
  o->clear_default_step();
  ASSERT_TRUE(contracts_->CreateLegalStep(TestServer::Context(manager_).get(), end, &out).ok());
}

TEST_F(ContractsTest, TariffLinesAreNeverOverwritten) {
  ct::Contract c = MustCreate(Sample());
  ct::CreateTariffLineRequest req;
  auto* l = req.mutable_line();
  l->set_contract(c.name());
  l->set_law(ct::TARIFF_LAW_JEUGDWET);
  l->set_variant(ct::VARIANT_INSPANNINGSGERICHT);
  l->set_product_category("45");
  l->set_product_code("45A01");
  l->set_description("Ambulante begeleiding");
  l->set_unit("04");
  l->set_amount_cents(7850);
  *l->mutable_valid_from() = D(2025, 1, 1);
  ct::TariffLine first;
  ASSERT_TRUE(tariffs_->CreateTariffLine(TestServer::Context(manager_).get(), req, &first).ok());
  l->set_amount_cents(8000);
  *l->mutable_valid_from() = D(2026, 7, 1);
  l->set_supersedes(first.name());
  ct::TariffLine second;
  ASSERT_TRUE(tariffs_->CreateTariffLine(TestServer::Context(manager_).get(), req, &second).ok());
  ct::ListTariffLinesRequest list;
  list.set_contract(c.name());
  *list.mutable_valid_on() = D(2026, 6, 30);
  ct::ListTariffLinesResponse lines;
  ASSERT_TRUE(tariffs_->ListTariffLines(TestServer::Context(manager_).get(), list, &lines).ok());
  ASSERT_EQ(lines.lines_size(), 1);
  EXPECT_EQ(lines.lines(0).amount_cents(), 7850);
  EXPECT_EQ(lines.lines(0).valid_to().day(), 30);
  // Bad lines.
  l->clear_supersedes();
  l->set_product_category("99");
  l->set_unit("77");
  l->add_municipality_codes("0141");  // does not take part
  EXPECT_EQ(ViolationFields(
                tariffs_->CreateTariffLine(TestServer::Context(manager_).get(), req, &second)),
            (std::vector<std::string>{"line.product_category", "line.unit",
                                      "line.municipality_codes[0]"}));
  // The database refuses an overwrite by the services' role.
  EXPECT_THROW(db_->Exec("SET ROLE ozjt_app; UPDATE contracts.tariff_line SET amount_cents = 1"),
               std::exception);
}

TEST_F(ContractsTest, IndexationReproducesVngAndWritesNewLinesOnApproval) {
  const char* figures[][4] = {
      {"OVA", "2023", "forecast", "4.74"}, {"OVA", "2023", "final", "6.36"},
      {"PCC", "2023", "forecast", "4.87"}, {"PCC", "2023", "final", "7.02"},
      {"OVA", "2024", "forecast", "4.94"}, {"OVA", "2024", "final", "6.00"},
      {"PCC", "2024", "forecast", "2.51"}, {"PCC", "2024", "final", "3.10"},
      {"OVA", "2025", "forecast", "4.18"}, {"PCC", "2025", "forecast", "1.82"}};
  for (const auto& f : figures) {
    ct::CreateIndexFigureRequest req;
    req.mutable_figure()->set_component(f[0]);
    req.mutable_figure()->set_year(std::stoi(f[1]));
    req.mutable_figure()->set_kind(std::string(f[2]) == "final" ? ct::FIGURE_KIND_FINAL
                                                                : ct::FIGURE_KIND_FORECAST);
    req.mutable_figure()->set_percent(f[3]);
    ct::IndexFigure out;
    grpc::Status s = tariffs_->CreateIndexFigure(TestServer::Context(manager_).get(), req, &out);
    ASSERT_TRUE(s.ok() || s.error_code() == grpc::StatusCode::ALREADY_EXISTS) << s.error_message();
    EXPECT_EQ(
        tariffs_->CreateIndexFigure(TestServer::Context(manager_).get(), req, &out).error_code(),
        grpc::StatusCode::ALREADY_EXISTS);
  }
  ct::Contract ho = Sample(ct::CONTRACT_FAMILY_HO);
  ho.set_domain(ct::CONTRACT_DOMAIN_WMO);
  *ho.mutable_start_date() = D(2023, 1, 1);
  ho.set_index_base_year(2022);
  ct::Contract c = MustCreate(ho);
  ct::CreateTariffLineRequest line;
  auto* l = line.mutable_line();
  l->set_contract(c.name());
  l->set_law(ct::TARIFF_LAW_WMO);
  l->set_variant(ct::VARIANT_INSPANNINGSGERICHT);
  l->set_product_category("01");
  l->set_product_code("01HX1");
  l->set_description("Hulp bij het huishouden");
  l->set_unit("04");
  l->set_amount_cents(3050);
  *l->mutable_valid_from() = D(2023, 1, 1);
  ct::TariffLine created;
  ASSERT_TRUE(tariffs_->CreateTariffLine(TestServer::Context(manager_).get(), line, &created).ok());
  ct::CreateTariffFloorRequest floor;
  floor.mutable_floor()->set_product_category("01");
  floor.mutable_floor()->set_product_code("01HX1");
  floor.mutable_floor()->set_year(2024);
  floor.mutable_floor()->set_floor_cents(3300);
  ct::TariffFloor f;
  ASSERT_TRUE(tariffs_->CreateTariffFloor(TestServer::Context(manager_).get(), floor, &f).ok());

  ct::PreviewIndexationRequest preview;
  preview.set_contract(c.name());
  preview.set_year(2024);
  ct::IndexationPreview p;
  ASSERT_TRUE(tariffs_->PreviewIndexation(TestServer::Context(manager_).get(), preview, &p).ok());
  EXPECT_EQ(p.index_percent(), "6.30");
  EXPECT_EQ(p.weighted_forecast(), "4.70");
  EXPECT_EQ(p.weighted_correction(), "1.60");
  ASSERT_EQ(p.lines_size(), 1);
  EXPECT_EQ(p.lines(0).new_amount_cents(), 3242);
  EXPECT_TRUE(p.lines(0).below_floor());
  ASSERT_EQ(p.warnings_size(), 1);
  EXPECT_NE(p.warnings(0).find("wordt € 32,42: onder de reële prijs voor 2024"), std::string::npos)
      << p.warnings(0);
  EXPECT_FALSE(p.applied());

  ct::ApplyIndexationRequest apply;
  apply.set_contract(c.name());
  apply.set_year(2024);
  apply.set_expected_index_percent("6.29");
  EXPECT_EQ(tariffs_->ApplyIndexation(TestServer::Context(manager_).get(), apply, &p).error_code(),
            grpc::StatusCode::ABORTED);
  apply.set_expected_index_percent("6.30");
  ASSERT_TRUE(tariffs_->ApplyIndexation(TestServer::Context(manager_).get(), apply, &p).ok());
  EXPECT_TRUE(p.applied());
  EXPECT_FALSE(p.lines(0).new_line().empty());
  EXPECT_EQ(tariffs_->ApplyIndexation(TestServer::Context(manager_).get(), apply, &p).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // once per year
  // The preview of a year applied says so (the web page then offers nothing to approve).
  ASSERT_TRUE(tariffs_->PreviewIndexation(TestServer::Context(manager_).get(), preview, &p).ok());
  EXPECT_TRUE(p.applied());
  EXPECT_EQ(p.index_percent(), "6.30");

  preview.set_year(2025);
  ASSERT_TRUE(tariffs_->PreviewIndexation(TestServer::Context(manager_).get(), preview, &p).ok());
  EXPECT_EQ(p.index_percent(), "4.91");
  EXPECT_EQ(p.lines(0).old_amount_cents(), 3242);
  EXPECT_EQ(p.lines(0).new_amount_cents(), 3401);
  preview.set_year(2026);  // no 2026 forecast recorded
  grpc::Status missing =
      tariffs_->PreviewIndexation(TestServer::Context(manager_).get(), preview, &p);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(missing.error_message().find("2026"), std::string::npos);
  EXPECT_EQ(testing::DutchMessage(missing),
            "Het geraamde OVA-cijfer voor 2026 ontbreekt; leg het eerst vast (ozjt tariffs "
            "add-figure --component OVA --year 2026 --kind forecast --percent ...).");
  ct::ListTariffLinesRequest list;
  list.set_contract(c.name());
  ct::ListTariffLinesResponse lines;
  ASSERT_TRUE(tariffs_->ListTariffLines(TestServer::Context(manager_).get(), list, &lines).ok());
  ASSERT_EQ(lines.lines_size(), 2);
  EXPECT_EQ(lines.lines(0).valid_to().year(), 2023);
  EXPECT_TRUE(lines.lines(1).below_floor());
}

TEST_F(ContractsTest, KpiBreachesPerPeriod) {
  ct::Contract lot = MustCreate(Sample(ct::CONTRACT_FAMILY_VERVOER));
  ct::SetKpiDefinitionRequest def;
  def.mutable_definition()->set_contract(lot.name());
  def.mutable_definition()->set_kind(ct::KPI_KIND_COMPLAINTS);
  def.mutable_definition()->set_norm("1.50");
  def.mutable_definition()->set_direction(ct::NORM_DIRECTION_AT_MOST);
  ct::KpiDefinition d;
  ASSERT_TRUE(vervoer_->SetKpiDefinition(TestServer::Context(manager_).get(), def, &d).ok());
  ct::RecordKpiMeasurementRequest m;
  auto* mm = m.mutable_measurement();
  mm->set_contract(lot.name());
  mm->set_period("2026-Q3");
  mm->set_kind(ct::KPI_KIND_COMPLAINTS);
  mm->set_value("1.90");
  mm->set_source(ct::MEASUREMENT_SOURCE_CALLCENTRE);
  ct::KpiMeasurement out;
  ASSERT_TRUE(vervoer_->RecordKpiMeasurement(TestServer::Context(manager_).get(), m, &out).ok());
  EXPECT_EQ(
      vervoer_->RecordKpiMeasurement(TestServer::Context(manager_).get(), m, &out).error_code(),
      grpc::StatusCode::ALREADY_EXISTS);
  mm->set_source(ct::MEASUREMENT_SOURCE_SURVEY);
  mm->set_value("1.20");
  ASSERT_TRUE(vervoer_->RecordKpiMeasurement(TestServer::Context(manager_).get(), m, &out).ok());
  ct::ListKpiBreachesRequest b;
  b.set_contract(lot.name());
  b.set_period("2026-Q3");
  ct::ListKpiBreachesResponse breaches;
  ASSERT_TRUE(vervoer_->ListKpiBreaches(TestServer::Context(manager_).get(), b, &breaches).ok());
  ASSERT_EQ(breaches.breaches_size(), 1);
  EXPECT_EQ(breaches.breaches(0).measurement().value(), "1.90");
  EXPECT_EQ(breaches.breaches(0).norm(), "1.50");
  mm->set_period("2027-Q1");  // future
  EXPECT_EQ(
      vervoer_->RecordKpiMeasurement(TestServer::Context(manager_).get(), m, &out).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  mm->set_period("2026-Q2");
  mm->set_value("-1");
  EXPECT_EQ(
      vervoer_->RecordKpiMeasurement(TestServer::Context(manager_).get(), m, &out).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
  ct::Contract general = MustCreate(Sample());
  def.mutable_definition()->set_contract(general.name());
  EXPECT_EQ(vervoer_->SetKpiDefinition(TestServer::Context(manager_).get(), def, &d).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

// The demo data on a fresh database, as the run command loads it, seen on 2026-11-25.
class DemoAgendaTest : public testing::ServerSuite {};

TEST_F(DemoAgendaTest, AgendaShowsDeadlinesInWindowScopedAndAsICalendar) {
  auto added = testing::LoadDemoContracts(db_->conninfo());
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(*added, 12);
  EXPECT_EQ(*testing::LoadDemoContracts(db_->conninfo()), 0);  // idempotent

  auto stub = ct::ContractService::NewStub(server_->Channel());
  const std::string manager = server_->Token(Role::kOzjtContractManager);
  ct::ListAgendaRequest req;  // today + 180 days
  ct::ListAgendaResponse agenda;
  ASSERT_TRUE(stub->ListAgenda(TestServer::Context(manager).get(), req, &agenda).ok());
  std::vector<std::string> seen;
  for (const auto& i : agenda.items()) {
    seen.push_back(std::to_string(i.date().month()) + "-" + std::to_string(i.date().day()) + " " +
                   i.contract_reference());
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{"11-30 JZP-2024", "12-7 EA-2025-017", "12-31 MC-2022"}));
  req.add_kinds(ct::AGENDA_KIND_LEGAL_DEADLINE);
  ASSERT_TRUE(stub->ListAgenda(TestServer::Context(manager).get(), req, &agenda).ok());
  ASSERT_EQ(agenda.items_size(), 1);
  EXPECT_EQ(agenda.items(0).subject().rfind("legalSteps/", 0), 0u);
  // A municipality outside EA-2025-017 does not see its legal deadline.
  const auto& demo = registry::DemoProviders();
  std::string outsider;
  for (const auto& m : registry::TwenteMunicipalities()) {
    if (std::find(demo[60].municipality_codes.begin(), demo[60].municipality_codes.end(), m) ==
        demo[60].municipality_codes.end()) {
      outsider = m;
      break;
    }
  }
  ASSERT_FALSE(outsider.empty());
  req.clear_kinds();
  ASSERT_TRUE(
      stub->ListAgenda(
              TestServer::Context(server_->Token(Role::kGemeenteContractManager, outsider)).get(),
              req, &agenda)
          .ok());
  for (const auto& i : agenda.items()) EXPECT_NE(i.contract_reference(), "EA-2025-017");
  *req.mutable_start_date() = D(2026, 1, 1);
  *req.mutable_end_date() = D(2030, 1, 1);
  EXPECT_EQ(stub->ListAgenda(TestServer::Context(manager).get(), req, &agenda).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  httplib::Client http("127.0.0.1", server_->http_port());
  auto unauthorised = http.Get("/agenda.ics");
  ASSERT_TRUE(unauthorised);
  EXPECT_EQ(unauthorised->status, 401);
  auto feed = http.Get(("/agenda.ics?token=" + manager).c_str());
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->status, 200);
  EXPECT_EQ(feed->get_header_value("Content-Type").rfind("text/calendar", 0), 0u);
  EXPECT_NE(feed->body.find("DTSTART;VALUE=DATE:20261130"), std::string::npos);
  EXPECT_NE(feed->body.find("MC-2022"), std::string::npos);
  auto metrics = http.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("ozjt_grpc_calls_total"), std::string::npos);
}

}  // namespace
}  // namespace ozjt
