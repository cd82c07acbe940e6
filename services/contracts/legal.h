// Legal tracks (VNG Contractstandaard art. 3.19; BW 6:82, 6:265): notice of default
// (ingebrekestelling), herstelsanctie, temporary tariff discount, termination (ontbinding)
// and termination by notice (opzegging), and the rules between them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/contracts/contract.h"
#include "services/contracts/term.h"

namespace ozjt::contracts {

enum class LegalStepKind {
  kUnspecified,
  kIngebrekestelling,
  kHerstelsanctie,
  kTariffDiscount,
  kOntbinding,
  kOpzegging
};
// Grounds for ontbinding: after a lapsed notice of default, or one of the immediate grounds of
// art. 3.19.4 (a-i as numbered in the README).
enum class TerminationGround {
  kUnspecified,
  kAfterDefault,
  kExclusionGround,
  kNoDelivery12Months,
  kHerstelsanctieUnmet,
  kQualityAfterRepair,
  kFraud,
  kBibobNegative,
  kBibobMissing,
  kAdministrativeFine,
  kForceMajeure
};

std::string Code(LegalStepKind v);
std::string Code(TerminationGround v);
std::optional<LegalStepKind> ParseLegalStepKind(absl::string_view code);
std::optional<TerminationGround> ParseTerminationGround(absl::string_view code);

// The default tariff discount: 5%.
inline constexpr int64_t kDefaultDiscountHundredths = 500;

struct LegalStep {
  int64_t id = 0;
  int64_t contract_id = 0;
  LegalStepKind kind = LegalStepKind::kUnspecified;
  Day date;
  int term_days = 0;
  std::optional<Day> deadline;
  std::string grounds;
  std::vector<Document> documents;
  std::optional<Day> response_date;
  std::string response;
  bool remedied = false;
  int64_t discount_hundredths = 0;
  std::optional<Day> valid_from;
  std::optional<Day> valid_to;
  TerminationGround ground = TerminationGround::kUnspecified;
  int64_t default_step_id = 0;
  std::string handover_note;
  std::optional<Day> effective_date;
  std::string created_by;
  absl::Time create_time = absl::UnixEpoch();

  // A notice of default whose term ran out before `day` without remedy.
  bool LapsedBefore(Day day) const;
};

// Checks the step's own fields and fills what follows from them (the deadline of a notice of
// default, the default discount). INVALID_ARGUMENT with field violations under "step.".
absl::Status PrepareLegalStep(LegalStep& step, Day today);

// The rules that need the contract and its earlier steps: the contract must not be
// terminated or a draft; an ontbinding AFTER_DEFAULT needs `default_step` to be this contract's
// notice of default, lapsed before the ontbinding date and not remedied (FAILED_PRECONDITION
// otherwise). Returns the contract as it is after the step: ontbinding and opzegging terminate
// it (end date = the ontbinding date or the opzegging's effective date, if earlier).
absl::StatusOr<Contract> ApplyLegalStep(const Contract& contract, const LegalStep& step,
                                        const std::vector<LegalStep>& earlier, Day today);

// Records the provider's response to a notice of default: INVALID_ARGUMENT for an empty or
// over-long response or a date before the notice; FAILED_PRECONDITION when `step` is not a
// notice of default.
absl::StatusOr<LegalStep> RecordResponse(const LegalStep& step, Day response_date,
                                         const std::string& response, bool remedied, Day today);

// JSON of a step (storage and audit), and back.
std::string ToJson(const LegalStep& s);
absl::StatusOr<LegalStep> LegalStepFromJson(absl::string_view json);

}  // namespace ozjt::contracts
