// KIT screening (and the barrièremodel before it), docs/domain.md section 6: frameworks as
// versioned checklists, screening cases with evidence requests and evidence, the validity of
// each piece on the decision date, per-item assessments, the Bibob referral (an advice of the
// Landelijk Bureau Bibob can be reused for 5 years), the hearing, and the four-eyes decision.
// Pure: no database, no gRPC. Every change is a function from the case as read to the case as
// it should be stored, or the status saying why not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/platform/calendar.h"

namespace ozjt::screening {

using platform::Day;

// ---- frameworks ----

enum class Part { kUnspecified, kIntegrity, kQuality, kRisk };

struct FrameworkItem {
  std::string code;  // e.g. "I2", unique within the framework
  Part part = Part::kUnspecified;
  std::string title;
  std::string evidence_type;  // e.g. "gedragsverklaring_aanbesteden"
  bool required = true;
  std::optional<int> max_age_months;  // the evidence may be at most this old on the decision date
  std::string notes;
};

struct Framework {
  int64_t id = 0;
  std::string code;  // "kit", "barrieremodel"
  int version = 0;   // e.g. 2024
  std::string title;
  Day valid_from;
  std::vector<FrameworkItem> items;
  const FrameworkItem* Item(absl::string_view item_code) const;
};

// INVALID_ARGUMENT under "framework." for a bad code, version, title, or item (duplicate code,
// missing part/title/evidence type, an age outside 1..120 months).
absl::Status ValidateFramework(const Framework& f);

// The framework a new case uses when none is named: the latest version of `code` valid on
// `today`; nullopt when there is none.
std::optional<Framework> CurrentFramework(const std::vector<Framework>& all, absl::string_view code,
                                          Day today);

// ---- cases ----

enum class Occasion {
  kUnspecified,
  kProcurementRound,  // screening before award in a purchase round
  kNewEntrant,        // tussentijdse toetreding
  kRescreening,       // during a contract
  kContractMutation,  // after a change of the contract (e.g. a takeover)
};
enum class CaseStatus { kOpen, kReferredToBibob, kDecided };
enum class Outcome { kUnspecified, kAdmitted, kAdmittedWithConditions, kRefused, kReferredToBibob };
enum class AssessmentResult { kUnspecified, kMeets, kDoesNotMeet, kNotApplicable };
enum class BibobAdvice { kUnspecified, kNoRisk, kLesserRisk, kSeriousRisk };

// Evidence must arrive within 14 days of the request.
inline constexpr int kEvidenceDays = 14;
// An advice of the Landelijk Bureau Bibob can be reused for 5 years.
inline constexpr int kBibobReuseYears = 5;
// Default validity of an admitting decision (OZJT_SCREENING_VALIDITY_MONTHS).
inline constexpr int kDefaultValidityMonths = 24;

struct EvidenceRequest {
  std::string item_code;
  Day requested;
  Day due;  // requested + 14 days
  std::optional<Day> fulfilled;
  std::string requested_by;
};

struct Evidence {
  std::string item_code;
  Day document_date;
  Day received;
  std::string reference;  // document reference in the file system
  std::string recorded_by;
};

struct Assessment {
  std::string item_code;
  AssessmentResult result = AssessmentResult::kUnspecified;
  std::string finding;
  std::string assessor;
  Day date;
};

struct BibobReferral {
  Day referred;
  std::string reference;
  std::optional<Day> advice_date;
  BibobAdvice advice = BibobAdvice::kUnspecified;
  std::string advice_reference;
  int64_t reused_from_case = 0;  // the case whose advice was reused (0: asked for this case)
};

struct Hearing {
  Day date;
  std::string summary;  // what the provider brought in
  std::string recorded_by;
};

struct Decision {
  Outcome outcome = Outcome::kUnspecified;
  Day date;
  std::string reasons;
  std::vector<std::string> conditions;
  std::string decided_by;
  std::optional<Day> valid_until;  // admitting decisions only
};

struct ScreeningCase {
  int64_t id = 0;
  int64_t provider_id = 0;
  int64_t framework_id = 0;
  Occasion occasion = Occasion::kUnspecified;
  int64_t contract_id = 0;  // the contract re-screened or mutated (0: none)
  std::string reference;    // e.g. the procurement round
  CaseStatus status = CaseStatus::kOpen;
  Day opened;
  std::string opened_by;
  std::vector<EvidenceRequest> requests;
  std::vector<Evidence> evidence;
  std::vector<Assessment> assessments;
  std::optional<BibobReferral> bibob;
  std::vector<Hearing> hearings;
  std::vector<Decision> decisions;  // a referral to Bibob, then the final decision
  int64_t version = 0;

  const Decision* Final() const;  // the admitting or refusing decision, if any
};

// A new case. INVALID_ARGUMENT for a missing occasion, a missing contract for a re-screening
// or mutation, or a reference over 200 characters.
absl::StatusOr<ScreeningCase> NewCase(int64_t provider_id, const Framework& f, Occasion occasion,
                                      int64_t contract_id, const std::string& reference, Day today,
                                      const std::string& actor);

// Asks for the evidence of an item on `requested` (at most today), due 14 days later.
absl::StatusOr<ScreeningCase> RequestEvidence(const ScreeningCase& c, const Framework& f,
                                              const std::string& item_code, Day requested,
                                              Day today, const std::string& actor);

// Records a piece of evidence; open requests for its item are fulfilled by it.
absl::StatusOr<ScreeningCase> RecordEvidence(const ScreeningCase& c, const Framework& f, Evidence e,
                                             Day today);

// The assessment of one item (the latest per item counts).
absl::StatusOr<ScreeningCase> Assess(const ScreeningCase& c, const Framework& f, Assessment a,
                                     Day today);

// The checklist saved at once: each piece of evidence (as RecordEvidence), then each assessment
// (as Assess), in that order, all or nothing. INVALID_ARGUMENT with every entry's problems, named
// by its place ("evidence[1].reference", "assessments[0].finding"), or with nothing to save.
absl::StatusOr<ScreeningCase> SaveChecklist(const ScreeningCase& c, const Framework& f,
                                            const std::vector<Evidence>& evidence,
                                            const std::vector<Assessment>& assessments, Day today);

// Refers the case to the Landelijk Bureau Bibob.
absl::StatusOr<ScreeningCase> ReferToBibob(const ScreeningCase& c, Day referred,
                                           const std::string& reference, Day today);
// Reuses the advice of `earlier` (the same provider, advice at most 5 years before today).
absl::StatusOr<ScreeningCase> ReuseBibobAdvice(const ScreeningCase& c, const ScreeningCase& earlier,
                                               Day today);
// Records the LBB's advice on the referral.
absl::StatusOr<ScreeningCase> RecordBibobAdvice(const ScreeningCase& c, BibobAdvice advice,
                                                Day advice_date, const std::string& reference,
                                                Day today);

// Records hearing both sides (hoor en wederhoor).
absl::StatusOr<ScreeningCase> RecordHearing(const ScreeningCase& c, Hearing h, Day today);

// ---- evidence validity and the decision ----

struct ItemCheck {
  const FrameworkItem* item = nullptr;
  const Evidence* evidence = nullptr;       // the latest piece received, if any
  std::optional<Day> evidence_valid_until;  // document date + max age
  bool evidence_valid = false;              // present and young enough on the day checked
  bool late = false;                        // received after the request's deadline
  const Assessment* assessment = nullptr;   // the latest, if any
  std::string problem;                      // Dutch; empty when the item is in order
};

// Every item of the framework checked on `day` (the decision date): evidence present and no
// older than the item's maximum age (a document exactly at its age limit is valid: dated
// 2024-11-26 with 24 months, valid through 2026-11-26), and its latest assessment.
std::vector<ItemCheck> CheckItems(const ScreeningCase& c, const Framework& f, Day day);

// The day the items are checked on: the planned decision date, today when none is planned;
// INVALID_ARGUMENT (decision_date) for a day before today.
absl::StatusOr<Day> CheckDay(std::optional<Day> planned, Day today);

// Decides the case on `today` (the decision date):
// - INVALID_ARGUMENT without reasons, without conditions for ADMITTED_WITH_CONDITIONS, or with
//   conditions for another outcome;
// - FAILED_PRECONDITION when the case is decided already, has no assessment, is decided by one
//   of its assessors (four eyes), refuses without a recorded hearing, refers to Bibob without a
//   referral, decides a referred case before the advice is in, or admits while a required item
//   is not in order (ADMITTED: every required item meets its requirement with valid evidence;
//   ADMITTED_WITH_CONDITIONS: every required item assessed, integrity items meet with valid
//   evidence) or after a serious-risk Bibob advice without conditions.
// An admitting decision is valid for `validity_months`.
absl::StatusOr<ScreeningCase> Decide(const ScreeningCase& c, const Framework& f, Decision d,
                                     Day today, int validity_months);

// ---- codes (storage, JSON, CLI) ----

std::string Code(Part v);
std::string Code(Occasion v);
std::string Code(CaseStatus v);
std::string Code(Outcome v);
std::string Code(AssessmentResult v);
std::string Code(BibobAdvice v);
std::optional<Part> ParsePart(absl::string_view code);
std::optional<Occasion> ParseOccasion(absl::string_view code);
std::optional<CaseStatus> ParseCaseStatus(absl::string_view code);
std::optional<Outcome> ParseOutcome(absl::string_view code);
std::optional<AssessmentResult> ParseAssessmentResult(absl::string_view code);
std::optional<BibobAdvice> ParseBibobAdvice(absl::string_view code);

// The final decision as the columns stored beside the body, which the award gate and the
// outcome list read: outcome, decided_on and valid_until ("YYYY-MM-DD"), unset while undecided.
struct FinalColumns {
  std::optional<std::string> outcome, decided_on, valid_until;
};
FinalColumns FinalColumnsOf(const ScreeningCase& c);

// JSON of a case and of a framework's items (storage and audit), and back.
std::string ToJson(const ScreeningCase& c);
absl::StatusOr<ScreeningCase> CaseFromJson(absl::string_view json);
std::string ItemsToJson(const std::vector<FrameworkItem>& items);
absl::StatusOr<std::vector<FrameworkItem>> ItemsFromJson(absl::string_view json);

}  // namespace ozjt::screening
