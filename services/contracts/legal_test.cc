#include "services/contracts/legal.h"

#include <gtest/gtest.h>

#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

Contract Active() {
  Contract c;
  c.id = 3;
  c.status = ContractStatus::kActive;
  c.start_date = Day(2025, 1, 1);
  c.end_date = Day(2027, 12, 31);
  return c;
}

LegalStep Default(Day date, int days) {
  LegalStep s;
  s.id = 11;
  s.contract_id = 3;
  s.kind = LegalStepKind::kIngebrekestelling;
  s.date = date;
  s.term_days = days;
  s.grounds = "Wachtlijst niet teruggedrongen";
  EXPECT_TRUE(PrepareLegalStep(s, Day(2026, 12, 31)).ok());
  return s;
}

LegalStep Ontbinding(TerminationGround ground, Day date, int64_t default_step = 0) {
  LegalStep s;
  s.contract_id = 3;
  s.kind = LegalStepKind::kOntbinding;
  s.date = date;
  s.ground = ground;
  s.default_step_id = default_step;
  s.grounds = "Ernstige tekortkoming";
  s.handover_note = "Cliënten naar aanbieder X per 1 december";
  return s;
}

TEST(LegalTest, NoticeOfDefaultDeadlineIsDatePlusTerm) {
  EXPECT_EQ(*Default(Day(2026, 11, 16), 21).deadline, Day(2026, 12, 7));
}

TEST(LegalTest, OntbindingNeedsALapsedDefault) {
  LegalStep d = Default(Day(2026, 10, 1), 14);  // deadline 2026-10-15
  LegalStep early = Ontbinding(TerminationGround::kAfterDefault, Day(2026, 10, 15), d.id);
  ASSERT_TRUE(PrepareLegalStep(early, Day(2026, 12, 1)).ok());
  absl::Status too_early = ApplyLegalStep(Active(), early, {d}, Day(2026, 12, 1)).status();
  EXPECT_EQ(too_early.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::DutchOf(too_early),
            "De termijn van de ingebrekestelling loopt tot en met 15-10-2026; ontbinden kan "
            "vanaf 16-10-2026.");
  LegalStep late = Ontbinding(TerminationGround::kAfterDefault, Day(2026, 10, 16), d.id);
  ASSERT_TRUE(PrepareLegalStep(late, Day(2026, 12, 1)).ok());
  auto terminated = ApplyLegalStep(Active(), late, {d}, Day(2026, 12, 1));
  ASSERT_TRUE(terminated.ok()) << terminated.status();
  EXPECT_EQ(terminated->status, ContractStatus::kTerminated);
  EXPECT_EQ(terminated->end_date, Day(2026, 10, 16));
}

TEST(LegalTest, RemediedDefaultDoesNotAllowOntbinding) {
  LegalStep d = *RecordResponse(Default(Day(2026, 10, 1), 14), Day(2026, 10, 10),
                                "Plan van aanpak geleverd", true, Day(2026, 12, 1));
  LegalStep s = Ontbinding(TerminationGround::kAfterDefault, Day(2026, 11, 1), d.id);
  ASSERT_TRUE(PrepareLegalStep(s, Day(2026, 12, 1)).ok());
  EXPECT_EQ(ApplyLegalStep(Active(), s, {d}, Day(2026, 12, 1)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(LegalTest, OntbindingWithoutDefaultNeedsAnImmediateGround) {
  LegalStep s = Ontbinding(TerminationGround::kAfterDefault, Day(2026, 11, 1), 99);
  ASSERT_TRUE(PrepareLegalStep(s, Day(2026, 12, 1)).ok());
  EXPECT_EQ(ApplyLegalStep(Active(), s, {}, Day(2026, 12, 1)).status().code(),
            absl::StatusCode::kFailedPrecondition);
  LegalStep fraud = Ontbinding(TerminationGround::kFraud, Day(2026, 11, 1));
  ASSERT_TRUE(PrepareLegalStep(fraud, Day(2026, 12, 1)).ok());
  auto out = ApplyLegalStep(Active(), fraud, {}, Day(2026, 12, 1));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->status, ContractStatus::kTerminated);
}

TEST(LegalTest, OntbindingRequiresHandoverNoteAndGround) {
  LegalStep s = Ontbinding(TerminationGround::kUnspecified, Day(2026, 11, 1));
  s.handover_note = "";
  std::vector<std::string> fields;
  for (const auto& v : platform::ViolationsOf(PrepareLegalStep(s, Day(2026, 12, 1)))) {
    fields.push_back(v.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"step.ground", "step.handover_note"}));
}

TEST(LegalTest, TerminatedContractTakesNoMoreSteps) {
  Contract c = Active();
  c.status = ContractStatus::kTerminated;
  EXPECT_EQ(ApplyLegalStep(c, Default(Day(2026, 1, 1), 10), {}, Day(2026, 2, 1)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(LegalTest, DiscountDefaultsToFivePercent) {
  LegalStep s;
  s.kind = LegalStepKind::kTariffDiscount;
  s.date = Day(2026, 1, 1);
  s.grounds = "Tijdelijke korting";
  s.valid_from = Day(2026, 2, 1);
  ASSERT_TRUE(PrepareLegalStep(s, Day(2026, 3, 1)).ok());
  EXPECT_EQ(s.discount_hundredths, 500);
}

TEST(LegalTest, OpzeggingEndsTheContractOnTheEffectiveDate) {
  LegalStep s;
  s.kind = LegalStepKind::kOpzegging;
  s.date = Day(2026, 6, 1);
  s.effective_date = Day(2026, 12, 31);
  s.grounds = "Opzegging met inachtneming van de termijn";
  s.handover_note = "Warme overdracht";
  ASSERT_TRUE(PrepareLegalStep(s, Day(2026, 7, 1)).ok());
  auto out = ApplyLegalStep(Active(), s, {}, Day(2026, 7, 1));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->end_date, Day(2026, 12, 31));
  EXPECT_EQ(out->status, ContractStatus::kTerminated);
}

TEST(LegalTest, JsonRoundTrips) {
  LegalStep d = Default(Day(2026, 10, 1), 14);
  auto back = LegalStepFromJson(ToJson(d));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(ToJson(*back), ToJson(d));
}

}  // namespace
}  // namespace ozjt::contracts
