// Letters to a contract's providers, composed from the contract's data: the exercise or the
// decline of an extension option, and the legal track's notice of default
// (ingebrekestelling), termination (ontbinding) and termination by notice (opzegging). The
// text is Dutch; platform::RenderPdf makes the PDF. Which letters a contract has follows from
// its state: an option letter needs a decision (DecideOption) or an exercise, a legal letter
// the step of its kind.
//
//   OZJT_ASSIGN_OR_RETURN(Letter l, ComposeLetter(contract, steps, subject, "Zorg B.V.", today));
//   OZJT_ASSIGN_OR_RETURN(std::string pdf, platform::RenderPdf(l.document));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/platform/pdf.h"

namespace ozjt::contracts {

enum class LetterKind {
  kUnspecified,
  kOptionExercise,
  kOptionDecline,
  kIngebrekestelling,
  kOntbinding,
  kOpzegging
};
std::string Code(LetterKind v);
std::optional<LetterKind> ParseLetterKind(absl::string_view code);
// What the letter is, in Dutch: "verlenging", "geen verlenging", "ingebrekestelling", ...
std::string DutchName(LetterKind v);
// Whether the kind is about an option (else about a legal step).
bool IsOptionLetter(LetterKind v);

// Which letter: its kind and what it is about (an option's number or a legal step's id).
struct LetterSubject {
  LetterKind kind = LetterKind::kUnspecified;
  int option_number = 0;
  int64_t legal_step_id = 0;
};

// `s` with only what its kind is about: an option letter's option number, a legal letter's
// step (so one letter is recorded once however it is asked for). INVALID_ARGUMENT, its fields
// named after `field_prefix` ("" or "dispatch."), without a kind, an option letter without its
// option's number or a legal letter without its step.
absl::StatusOr<LetterSubject> CheckedSubject(LetterSubject s, absl::string_view field_prefix);

struct Letter {
  std::string file_name;  // "brief-verlenging-JZ-2024-01-optie-1-zorg-bv.pdf"
  std::string subject;    // "Verlenging overeenkomst JZ-2024-01"
  Day date;               // the day it is dated
  platform::PdfDocument document;
};

// The letter about `subject` to the provider `provider_name` of `c`; `steps` are the
// contract's legal steps. Dated the exercise's notice date or the step's date, or `today` for
// an exercise not yet recorded. FAILED_PRECONDITION when there is nothing to write: an option
// without a decision or exercise, an exercise letter for a declined option or the reverse, a
// step of another kind; NOT_FOUND for an option or step the contract does not have;
// INVALID_ARGUMENT for a subject CheckedSubject refuses.
absl::StatusOr<Letter> ComposeLetter(const Contract& c, const std::vector<LegalStep>& steps,
                                     const LetterSubject& subject, const std::string& provider_name,
                                     Day today);

}  // namespace ozjt::contracts
