#include "services/contracts/contract.h"

#include <gtest/gtest.h>

#include <set>

#include "services/platform/status.h"
#include "tests/mocks/contracts/examples.h"

namespace ozjt::contracts {
namespace {

ContractRefs Refs() { return {{"0141", "0153", "0164"}}; }

// The worked example of docs/domain.md (tests/mocks/contracts/examples.h), prepared.
Contract Medicatiecontrole() {
  Contract c = testing::Medicatiecontrole();
  c.id = 7;
  EXPECT_TRUE(Prepare(c, Refs(), "contract").ok());
  return c;
}

TEST(OptionTest, MedicatiecontroleWorkedExample) {
  Contract c = Medicatiecontrole();
  auto deadlines = c.NoticeDeadlines();
  ASSERT_EQ(deadlines.size(), 2u);
  EXPECT_EQ(deadlines[0].second, Day(2024, 9, 30));
  EXPECT_EQ(deadlines[1].second, Day(2025, 9, 30));

  auto first =
      ExerciseOption(c, 1, Day(2024, 9, 16), "aangetekend RR123", "", "anna", Day(2024, 10, 1));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->end_date, Day(2025, 12, 31));
  ASSERT_EQ(first->NoticeDeadlines().size(), 1u);
  EXPECT_EQ(first->NoticeDeadlines()[0].second, Day(2025, 9, 30));
  EXPECT_EQ(first->options[0].exercise->receipt_proof, "aangetekend RR123");

  auto second = ExerciseOption(*first, 2, Day(2025, 9, 30), "ontvangstbevestiging", "", "anna",
                               Day(2025, 10, 2));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->end_date, Day(2026, 12, 31));
  EXPECT_EQ(second->NextOption(), nullptr);  // no option left
  EXPECT_TRUE(second->NoticeDeadlines().empty());
  EXPECT_EQ(
      ExerciseOption(*second, 3, Day(2026, 1, 5), "x", "", "a", Day(2026, 1, 6)).status().code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST(OptionTest, NoticeAfterTheDeadlineIsRefused) {
  auto late =
      ExerciseOption(Medicatiecontrole(), 1, Day(2024, 10, 1), "x", "", "a", Day(2024, 10, 2));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(late.status().message().find("2024-09-30"), std::string::npos);
  ASSERT_EQ(platform::ViolationsOf(late.status()).size(), 1u);
  EXPECT_EQ(platform::ViolationsOf(late.status())[0].field, "notice_date");
  EXPECT_EQ(platform::ViolationsOf(late.status())[0].dutch,
            "Verlengingsoptie 1 moest uiterlijk 30-09-2024 worden aangezegd; aanzeggen op "
            "01-10-2024 is te laat, dus het contract is niet met deze optie verlengd.");
}

TEST(OptionTest, ExerciseRecordedAfterTheOriginalEndDate) {
  // Noticed in time (16-09-2024), recorded only in 2026: the contract had been extended.
  Contract c = Medicatiecontrole();
  auto first =
      ExerciseOption(c, 1, Day(2024, 9, 16), "aangetekend RR123", "", "anna", Day(2026, 11, 25));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->end_date, Day(2025, 12, 31));
  const OptionExercise& e = *first->options[0].exercise;
  EXPECT_TRUE(e.after_the_fact);
  EXPECT_EQ(e.recorded_on, Day(2026, 11, 25));
  EXPECT_EQ(e.notice_deadline, Day(2024, 9, 30));
  auto second = ExerciseOption(*first, 2, Day(2025, 9, 15), "aangetekend RR456", "", "anna",
                               Day(2026, 11, 25));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->end_date, Day(2026, 12, 31));
  // Recorded on time: not after the fact.
  auto on_time = ExerciseOption(c, 1, Day(2024, 9, 16), "x", "", "anna", Day(2024, 9, 20));
  ASSERT_TRUE(on_time.ok());
  EXPECT_FALSE(on_time->options[0].exercise->after_the_fact);
  // A draft or terminated contract is not extended.
  c.status = ContractStatus::kTerminated;
  auto refused = ExerciseOption(c, 1, Day(2024, 9, 16), "x", "", "a", Day(2026, 11, 25));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::DutchOf(refused.status()),
            "Het contract is beëindigd; alleen een gegund of actief contract kan worden verlengd.");
}

TEST(OptionTest, AnExistingContractIsEnteredWithItsExercisedOptions) {
  Contract c = Medicatiecontrole();  // end date as agreed: 31-12-2024
  c.options[0].exercise = OptionExercise{Day(2024, 9, 16), " RR 2024-0916 ", "", kUnsetDay, ""};
  c.options[1].exercise =
      OptionExercise{Day(2025, 9, 30), "RR 2025-0930", "", Day(2026, 12, 31), ""};
  Contract entered = c;
  ASSERT_TRUE(RecordPastExercises(entered, "anna", Day(2026, 11, 25), "contract").ok());
  EXPECT_EQ(entered.end_date, Day(2026, 12, 31));
  EXPECT_EQ(entered.options[0].exercise->new_end_date, Day(2025, 12, 31));
  EXPECT_EQ(entered.options[0].exercise->receipt_proof, "RR 2024-0916");
  EXPECT_EQ(entered.options[1].exercise->notice_deadline, Day(2025, 9, 30));
  EXPECT_TRUE(entered.options[1].exercise->after_the_fact);
  EXPECT_EQ(entered.options[1].exercise->exercised_by, "anna");
  EXPECT_TRUE(entered.NoticeDeadlines().empty());
  auto round_trip = ContractFromJson(ToJson(entered));
  ASSERT_TRUE(round_trip.ok());
  EXPECT_TRUE(SameData(*round_trip, entered));

  // One day late for option 2, no proof for option 1, and the already extended end date given.
  Contract late = c;
  late.options[1].exercise->notice_date = Day(2025, 10, 1);
  late.options[0].exercise->receipt_proof = "";
  absl::Status s = RecordPastExercises(late, "anna", Day(2026, 11, 25), "contract");
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  auto v = platform::ViolationsOf(s);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].field, "contract.options[0].exercise.receipt_proof");
  EXPECT_EQ(v[1].field, "contract.options[1].exercise.notice_date");
  EXPECT_NE(v[1].dutch.find("uiterlijk 30-09-2025"), std::string::npos);
  Contract extended = c;
  extended.end_date = Day(2026, 12, 31);
  s = RecordPastExercises(extended, "anna", Day(2026, 11, 25), "contract");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(platform::ViolationsOf(s).back().field, "contract.options[1].exercise.new_end_date");
  // A draft has no exercised options.
  Contract draft = c;
  draft.status = ContractStatus::kDraft;
  EXPECT_EQ(platform::ViolationsOf(RecordPastExercises(draft, "a", Day(2026, 11, 25), "contract"))
                .front()
                .field,
            "contract.options[0].exercise");
}

TEST(OptionTest, OptionsGoInOrderAndOnlyOnce) {
  Contract c = Medicatiecontrole();
  EXPECT_EQ(ExerciseOption(c, 2, Day(2024, 9, 1), "x", "", "a", Day(2024, 9, 2)).status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto first = ExerciseOption(c, 1, Day(2024, 9, 1), "x", "", "a", Day(2024, 9, 2));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(
      ExerciseOption(*first, 1, Day(2024, 9, 1), "x", "", "a", Day(2024, 9, 2)).status().code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST(OptionTest, ConsentAndProofAreRequired) {
  Contract c = Medicatiecontrole();
  c.options[0].unilateral = false;
  EXPECT_EQ(ExerciseOption(c, 1, Day(2024, 9, 1), "x", "", "a", Day(2024, 9, 2)).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(ExerciseOption(c, 1, Day(2024, 9, 1), "x", "brief 12-08", "a", Day(2024, 9, 2)).ok());
  auto no_proof =
      ExerciseOption(Medicatiecontrole(), 1, Day(2024, 9, 1), " ", "", "a", Day(2024, 9, 2));
  EXPECT_EQ(no_proof.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ViolationsOf(no_proof.status())[0].field, "receipt_proof");
  EXPECT_EQ(ExerciseOption(Medicatiecontrole(), 1, Day(2024, 9, 3), "x", "", "a", Day(2024, 9, 2))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);  // notice in the future
}

TEST(StatusTest, EndDatePassedReadsAsExpiredOnAnyDay) {
  Contract c = Medicatiecontrole();
  EXPECT_EQ(c.EffectiveStatus(Day(2024, 12, 31)), ContractStatus::kActive);
  EXPECT_EQ(c.EffectiveStatus(Day(2025, 1, 1)), ContractStatus::kExpired);
  c.status = ContractStatus::kDraft;
  EXPECT_EQ(c.EffectiveStatus(Day(2030, 1, 1)), ContractStatus::kDraft);
  c.status = ContractStatus::kActive;
  // Expired by its original end date, but noticed in time: recorded after the fact.
  auto late_record = ExerciseOption(c, 1, Day(2024, 9, 1), "x", "", "a", Day(2025, 1, 2));
  ASSERT_TRUE(late_record.ok()) << late_record.status();
  EXPECT_EQ(late_record->EffectiveStatus(Day(2025, 1, 2)), ContractStatus::kActive);
  EXPECT_TRUE(late_record->options[0].exercise->after_the_fact);
}

TEST(LifecycleTest, OnlyDraftAwardedActive) {
  using S = ContractStatus;
  EXPECT_TRUE(StatusChangeAllowed(S::kDraft, S::kAwarded));
  EXPECT_TRUE(StatusChangeAllowed(S::kAwarded, S::kActive));
  EXPECT_FALSE(StatusChangeAllowed(S::kDraft, S::kActive));
  EXPECT_FALSE(StatusChangeAllowed(S::kActive, S::kDraft));
  EXPECT_FALSE(StatusChangeAllowed(S::kActive, S::kTerminated));
  Contract c = Medicatiecontrole();
  Contract change;
  change.status = S::kTerminated;
  EXPECT_EQ(ApplyContractUpdate(c, change, {ContractField::kStatus}, Refs(), Day(2024, 1, 1))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(UpdateTest, ExercisedOptionsCannotChange) {
  Contract c =
      *ExerciseOption(Medicatiecontrole(), 1, Day(2024, 9, 1), "x", "", "a", Day(2024, 9, 2));
  Contract change;
  change.options = {{1, 24, true, 0, std::nullopt}, {2, 12, true, 0, std::nullopt}};
  EXPECT_EQ(ApplyContractUpdate(c, change, {ContractField::kOptions}, Refs(), Day(2024, 9, 3))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  change.options = {{1, 12, true, 0, std::nullopt},
                    {2, 12, true, 0, std::nullopt},
                    {3, 6, false, 0, std::nullopt}};
  auto ok = ApplyContractUpdate(c, change, {ContractField::kOptions}, Refs(), Day(2024, 9, 3));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_TRUE(ok->options[0].exercise.has_value());  // kept
  EXPECT_EQ(ok->options.size(), 3u);
}

TEST(ValidateTest, RulesNameTheirFields) {
  Contract c = Medicatiecontrole();
  c.reference = "bad ref!";
  c.end_date = Day(2021, 1, 1);
  c.participations.push_back({"9999", Day(2022, 1, 1), std::nullopt});
  c.participations.push_back({"0153", Day(2023, 1, 1), std::nullopt});  // overlaps [0]
  c.kind = ContractKind::kLot;                                          // without parent
  c.options[1].number = 5;
  std::vector<std::string> fields;
  for (const auto& v : platform::ViolationsOf(Prepare(c, Refs(), "contract"))) {
    fields.push_back(v.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"contract.reference", "contract.parent",
                                              "contract.participations[1].municipality_code",
                                              "contract.participations[2].valid_from",
                                              "contract.end_date", "contract.options[1].number"}));
}

TEST(ValidateTest, DefaultsAreFilled) {
  Contract c = Medicatiecontrole();
  EXPECT_EQ(c.contracting_party, kDefaultContractingParty);
  ASSERT_EQ(c.index_weights.size(), 2u);
  EXPECT_EQ(c.index_weights[0].component, "OVA");
  EXPECT_EQ(c.BaseYear(), 2022);
}

TEST(JsonTest, RoundTrips) {
  Contract c =
      *ExerciseOption(Medicatiecontrole(), 1, Day(2024, 9, 1), "x", "", "a", Day(2024, 9, 2));
  c.documents = {{"Overeenkomst", "dms://123", Day(2021, 12, 1)}};
  c.provider_ids = {3, 9};
  auto back = ContractFromJson(ToJson(c));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(SameData(c, *back));
  EXPECT_EQ(back->options[0].exercise->new_end_date, Day(2025, 12, 31));
}

OptionDecision Decision(OptionOutcome outcome, Day date) {
  OptionDecision d;
  d.outcome = outcome;
  d.decided_by = "  AO Jeugd ";
  d.decision_date = date;
  d.reference = "besluit 2024-17";
  d.article = "artikel 2.3";
  return d;
}

TEST(OptionDecisionTest, ADecisionToExtendPrecedesTheExercise) {
  auto decided =
      DecideOption(Medicatiecontrole(), 1, Decision(OptionOutcome::kExtend, Day(2024, 9, 2)),
                   "anna", Day(2024, 9, 3));
  ASSERT_TRUE(decided.ok()) << decided.status();
  const ExtensionOption& o = decided->options[0];
  ASSERT_TRUE(o.decision.has_value());
  EXPECT_EQ(o.decision->decided_by, "AO Jeugd");
  EXPECT_EQ(o.decision->recorded_by, "anna");
  EXPECT_EQ(o.decision->recorded_on, Day(2024, 9, 3));
  EXPECT_FALSE(o.Declined());
  EXPECT_EQ(decided->NextOption(), &decided->options[0]);  // still to be exercised
  auto exercised =
      ExerciseOption(*decided, 1, Day(2024, 9, 16), "RR123", "", "anna", Day(2024, 9, 17));
  ASSERT_TRUE(exercised.ok()) << exercised.status();
  EXPECT_EQ(exercised->options[0].exercise->old_end_date, Day(2024, 12, 31));
  EXPECT_EQ(exercised->end_date, Day(2025, 12, 31));
  // Kept in storage.
  auto back = ContractFromJson(ToJson(*exercised));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->options[0].decision->decision_date, Day(2024, 9, 2));
  EXPECT_EQ(back->options[0].decision->article, "artikel 2.3");
  EXPECT_EQ(back->options[0].exercise->old_end_date, Day(2024, 12, 31));
  // An exercised option takes no decision any more.
  EXPECT_EQ(DecideOption(*exercised, 1, Decision(OptionOutcome::kDecline, Day(2024, 9, 20)), "a",
                         Day(2024, 9, 21))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(OptionDecisionTest, DecliningEndsTheChainOfOptions) {
  auto declined =
      DecideOption(Medicatiecontrole(), 1, Decision(OptionOutcome::kDecline, Day(2024, 9, 2)),
                   "anna", Day(2024, 9, 3));
  ASSERT_TRUE(declined.ok()) << declined.status();
  EXPECT_TRUE(declined->options[0].Declined());
  EXPECT_EQ(declined->NextOption(), nullptr);
  EXPECT_TRUE(declined->NoticeDeadlines().empty());
  EXPECT_EQ(declined->end_date, Day(2024, 12, 31));
  auto exercise =
      ExerciseOption(*declined, 1, Day(2024, 9, 16), "RR123", "", "anna", Day(2024, 9, 17));
  EXPECT_EQ(exercise.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::DutchOf(exercise.status()),
            "Verlengingsoptie 1 is afgewezen (besluit van 02-09-2024, AO Jeugd).");
  auto second =
      ExerciseOption(*declined, 2, Day(2024, 9, 16), "RR123", "", "anna", Day(2024, 9, 17));
  EXPECT_EQ(platform::DutchOf(second.status()),
            "Verlengingsoptie 2 is vervallen: optie 1 is afgewezen.");
  // Final: no second decision.
  EXPECT_EQ(DecideOption(*declined, 1, Decision(OptionOutcome::kExtend, Day(2024, 9, 4)), "a",
                         Day(2024, 9, 5))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(OptionDecisionTest, BadDecisionsNameTheirFields) {
  OptionDecision d;
  d.decision_date = Day(2024, 10, 1);
  auto bad = DecideOption(Medicatiecontrole(), 1, d, "anna", Day(2024, 9, 3));
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& v : platform::ViolationsOf(bad.status())) fields.insert(v.field);
  EXPECT_EQ(fields, (std::set<std::string>{"decision.outcome", "decision.decided_by",
                                           "decision.decision_date"}));
  // Options go in order.
  auto second =
      DecideOption(Medicatiecontrole(), 2, Decision(OptionOutcome::kExtend, Day(2024, 9, 2)), "a",
                   Day(2024, 9, 3));
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::DutchOf(second.status()),
            "Eerst komt verlengingsoptie 1 aan de beurt: opties gaan op volgorde.");
}

TEST(OptionDecisionTest, AnUpdateKeepsDecisionsAndCannotChangeADeclinedOption) {
  Contract c =
      *DecideOption(Medicatiecontrole(), 1, Decision(OptionOutcome::kDecline, Day(2024, 9, 2)),
                    "anna", Day(2024, 9, 3));
  Contract changes = c;
  changes.title = "Medicatiecontrole Twente";
  for (auto& o : changes.options) o.decision.reset();
  auto kept = ApplyContractUpdate(c, changes, {ContractField::kTitle, ContractField::kOptions},
                                  Refs(), Day(2024, 9, 4));
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_TRUE(kept->options[0].Declined());
  changes.options[0].length_months = 24;
  EXPECT_EQ(ApplyContractUpdate(c, changes, {ContractField::kOptions}, Refs(), Day(2024, 9, 4))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace ozjt::contracts
