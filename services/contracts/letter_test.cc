#include "services/contracts/letter.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_join.h"
#include "services/platform/status.h"
#include "tests/mocks/contracts/examples.h"
#include "tests/testing/poppler.h"

namespace ozjt::contracts {
namespace {

Contract Medicatiecontrole() {
  Contract c = testing::Medicatiecontrole();
  c.id = 7;
  c.contracting_party = kDefaultContractingParty;
  return c;
}

OptionDecision Decided(OptionOutcome outcome) {
  OptionDecision d;
  d.outcome = outcome;
  d.decided_by = "AO Jeugd";
  d.decision_date = Day(2024, 9, 2);
  d.reference = "besluit 2024-17";
  d.article = "artikel 2.3";
  return d;
}

std::string Text(const Letter& l) {
  std::vector<std::string> parts;
  for (const auto& b : l.document.blocks) parts.push_back(b.text);
  return absl::StrJoin(parts, "\n");
}

using ::ozjt::testing::PdfText;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(LetterTest, ExerciseLetterBeforeTheExerciseIsDatedToday) {
  Contract c = *DecideOption(Medicatiecontrole(), 1, Decided(OptionOutcome::kExtend), "anna",
                             Day(2024, 9, 3));
  auto l =
      ComposeLetter(c, {}, {LetterKind::kOptionExercise, 1, 0}, "Zorg & Co B.V.", Day(2024, 9, 10));
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_EQ(l->subject, "Verlenging overeenkomst MC-2022");
  EXPECT_EQ(l->file_name, "brief-verlenging-optie-1-mc-2022-zorg-co-b-v.pdf");
  EXPECT_EQ(l->date, Day(2024, 9, 10));
  const std::string text = Text(*l);
  EXPECT_TRUE(Has(text, "Aan: Zorg & Co B.V.")) << text;
  EXPECT_TRUE(Has(text, "Op grond van artikel 2.3 van de overeenkomst MC-2022 (Medicatiecontrole)"))
      << text;
  EXPECT_TRUE(Has(text,
                  "liep tot en met 31-12-2024 en wordt verlengd met 12 maanden, tot en met "
                  "31-12-2025"))
      << text;
  EXPECT_TRUE(Has(text, "uiterste datum om deze verlenging aan te zeggen is 30-09-2024")) << text;
  EXPECT_TRUE(Has(text, "besloten door AO Jeugd (besluit 2024-17)")) << text;
}

TEST(LetterTest, ExerciseLetterAfterTheExerciseAsAPdf) {
  Contract c = *ExerciseOption(Medicatiecontrole(), 1, Day(2024, 9, 16), "RR123", "", "anna",
                               Day(2024, 9, 17));
  c = *ExerciseOption(c, 2, Day(2025, 9, 1), "RR456", "", "anna", Day(2025, 9, 2));
  auto l =
      ComposeLetter(c, {}, {LetterKind::kOptionExercise, 2, 0}, "Apotheek Twente", Day(2026, 1, 5));
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_EQ(l->date, Day(2025, 9, 1));  // the notice date
  auto pdf = platform::RenderPdf(l->document);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const std::string text = PdfText(*pdf);
  EXPECT_TRUE(Has(text, "Apotheek Twente")) << text;
  EXPECT_TRUE(Has(text, "Datum: 01-09-2025")) << text;
  EXPECT_TRUE(Has(text, "31-12-2026")) << text;                                  // new end
  EXPECT_TRUE(Has(text, "31-12-2025")) << text;                                  // old end
  EXPECT_TRUE(Has(text, "30-09-2025")) << text;                                  // the deadline met
  EXPECT_TRUE(Has(text, "de verlengingsbepaling van de overeenkomst")) << text;  // no article
}

TEST(LetterTest, AnExerciseStoredWithoutItsOldEndReadsItFromItsLength) {
  Contract c = *ExerciseOption(Medicatiecontrole(), 1, Day(2024, 9, 16), "RR123", "", "anna",
                               Day(2024, 9, 17));
  c.options[0].exercise->old_end_date.reset();  // as stored before it was kept
  auto l = ComposeLetter(c, {}, {LetterKind::kOptionExercise, 1, 0}, "Zorg", Day(2026, 1, 5));
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_TRUE(Has(Text(*l),
                  "liep tot en met 31-12-2024 en wordt verlengd met 12 maanden, tot en "
                  "met 31-12-2025"))
      << Text(*l);
}

TEST(LetterTest, NoExerciseLetterOnceItsNoticeDeadlinePassed) {
  Contract c = *DecideOption(Medicatiecontrole(), 1, Decided(OptionOutcome::kExtend), "anna",
                             Day(2024, 9, 3));
  auto late = ComposeLetter(c, {}, {LetterKind::kOptionExercise, 1, 0}, "Zorg", Day(2024, 10, 1));
  EXPECT_EQ(late.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::DutchOf(late.status()),
            "De termijn om verlengingsoptie 1 aan te zeggen is op 30-09-2024 verstreken; een brief "
            "kan die niet meer halen.");
  EXPECT_TRUE(
      ComposeLetter(c, {}, {LetterKind::kOptionExercise, 1, 0}, "Zorg", Day(2024, 9, 30)).ok());
}

TEST(LetterTest, OnlyItsTargetCountsForALetter) {
  const LetterSubject option = *CheckedSubject({LetterKind::kOptionExercise, 1, 31}, "");
  EXPECT_EQ(option.legal_step_id, 0);
  EXPECT_EQ(option.option_number, 1);
  const LetterSubject step = *CheckedSubject({LetterKind::kIngebrekestelling, 7, 31}, "");
  EXPECT_EQ(step.option_number, 0);
  EXPECT_EQ(step.legal_step_id, 31);
}

// What is missing is named as the caller sent it (a dispatch's fields under "dispatch.").
TEST(LetterTest, ASubjectNeedsItsKindAndWhatItIsAbout) {
  auto field = [](const LetterSubject& s) {
    const absl::StatusOr<LetterSubject> checked = CheckedSubject(s, "dispatch.");
    EXPECT_EQ(checked.status().code(), absl::StatusCode::kInvalidArgument);
    const auto v = platform::ViolationsOf(checked.status());
    return v.size() == 1 ? v[0].field : std::string("(none)");
  };
  EXPECT_EQ(field({LetterKind::kUnspecified, 1, 0}), "dispatch.kind");
  EXPECT_EQ(field({LetterKind::kOptionDecline, 0, 31}), "dispatch.option_number");
  EXPECT_EQ(field({LetterKind::kOntbinding, 2, 0}), "dispatch.legal_step");
  const absl::StatusOr<LetterSubject> no_option =
      CheckedSubject({LetterKind::kOptionExercise, 0, 0}, "");
  EXPECT_EQ(platform::DutchOf(no_option.status()),
            "Kies de verlengingsoptie waar de brief over gaat.");
}

TEST(LetterTest, DeclineLetter) {
  Contract c = *DecideOption(Medicatiecontrole(), 1, Decided(OptionOutcome::kDecline), "anna",
                             Day(2024, 9, 3));
  auto l = ComposeLetter(c, {}, {LetterKind::kOptionDecline, 1, 0}, "Zorg B.V.", Day(2024, 9, 4));
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_EQ(l->subject, "Geen verlenging overeenkomst MC-2022");
  EXPECT_EQ(l->date, Day(2024, 9, 2));
  EXPECT_TRUE(Has(Text(*l), "De overeenkomst eindigt daarom op 31-12-2024")) << Text(*l);
  // Not an exercise letter.
  auto wrong =
      ComposeLetter(c, {}, {LetterKind::kOptionExercise, 1, 0}, "Zorg B.V.", Day(2024, 9, 4));
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(LetterTest, NothingToWriteBeforeADecision) {
  auto l = ComposeLetter(Medicatiecontrole(), {}, {LetterKind::kOptionExercise, 1, 0}, "Zorg",
                         Day(2024, 9, 4));
  EXPECT_EQ(l.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::DutchOf(l.status()),
            "Voor verlengingsoptie 1 is nog geen besluit tot verlengen vastgelegd; leg eerst het "
            "besluit vast.");
  EXPECT_EQ(ComposeLetter(Medicatiecontrole(), {}, {LetterKind::kOptionDecline, 3, 0}, "Zorg",
                          Day(2024, 9, 4))
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST(LetterTest, LegalLetters) {
  LegalStep notice;
  notice.id = 31;
  notice.contract_id = 7;
  notice.kind = LegalStepKind::kIngebrekestelling;
  notice.date = Day(2024, 3, 1);
  notice.term_days = 14;
  notice.deadline = Day(2024, 3, 15);
  notice.grounds = "De rapportages over het eerste kwartaal zijn niet aangeleverd.";
  LegalStep ontbinding;
  ontbinding.id = 32;
  ontbinding.contract_id = 7;
  ontbinding.kind = LegalStepKind::kOntbinding;
  ontbinding.date = Day(2024, 4, 2);
  ontbinding.ground = TerminationGround::kAfterDefault;
  ontbinding.default_step_id = 31;
  ontbinding.grounds = "Na de ingebrekestelling is niet nagekomen.";
  ontbinding.handover_note = "Cliënten gaan over naar Zorg Oost.";
  const std::vector<LegalStep> steps = {notice, ontbinding};

  auto first = ComposeLetter(Medicatiecontrole(), steps, {LetterKind::kIngebrekestelling, 0, 31},
                             "Zorg B.V.", Day(2024, 5, 1));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->date, Day(2024, 3, 1));
  EXPECT_TRUE(Has(Text(*first),
                  "U krijgt 14 dagen om alsnog na te komen: uiterlijk op "
                  "15-03-2024."))
      << Text(*first);
  EXPECT_TRUE(Has(Text(*first), "rapportages over het eerste kwartaal")) << Text(*first);

  auto second = ComposeLetter(Medicatiecontrole(), steps, {LetterKind::kOntbinding, 0, 32},
                              "Zorg B.V.", Day(2024, 5, 1));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->subject, "Ontbinding overeenkomst MC-2022");
  EXPECT_TRUE(Has(Text(*second), "met ingang van 02-04-2024, omdat u na de ingebrekestelling"))
      << Text(*second);
  EXPECT_TRUE(Has(Text(*second), "Cliënten gaan over naar Zorg Oost.")) << Text(*second);

  // A step of another kind, or of another contract.
  EXPECT_EQ(ComposeLetter(Medicatiecontrole(), steps, {LetterKind::kOpzegging, 0, 32}, "Zorg",
                          Day(2024, 5, 1))
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ComposeLetter(Medicatiecontrole(), steps, {LetterKind::kOntbinding, 0, 99}, "Zorg",
                          Day(2024, 5, 1))
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace ozjt::contracts
