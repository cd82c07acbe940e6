// The contract (and lot) as the contracts service knows it, and its rules: validation, the
// lifecycle, extension options and their notice deadlines, the effective status on a day,
// field-mask updates, and the JSON form used for history, audit and storage of its lists.
// Pure: no database, no gRPC.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/contracts/indexation.h"
#include "services/contracts/term.h"

namespace ozjt::contracts {

enum class ContractKind { kUnspecified, kFramework, kLot, kCallOff, kSubsidy, kSingle };
enum class ContractDomain { kUnspecified, kJeugdwet, kWmo, kBoth };
enum class ContractFamily {
  kUnspecified,
  kGeneral,
  kHo,
  kVervoer,
  kVervoerCallcentre,
  kVervoerMonitoring,
  kMedicatiecontrole,
  kJeugdzorgPlus,
  kJbjr,
  kOther
};
// draft -> awarded (gegund) -> active -> expired | terminated.
enum class ContractStatus { kUnspecified, kDraft, kAwarded, kActive, kExpired, kTerminated };

std::string Code(ContractKind v);
std::string Code(ContractDomain v);
std::string Code(ContractFamily v);
std::string Code(ContractStatus v);
std::optional<ContractKind> ParseContractKind(absl::string_view code);
std::optional<ContractDomain> ParseContractDomain(absl::string_view code);
std::optional<ContractFamily> ParseContractFamily(absl::string_view code);
std::optional<ContractStatus> ParseContractStatus(absl::string_view code);
// The status in Dutch, as users read it: concept, gegund, actief, verlopen, beëindigd.
std::string DutchName(ContractStatus v);
// Characters (code points) of UTF-8 text, as the length rules count them.
size_t CharLength(absl::string_view s);

struct Participation {
  std::string municipality_code;
  Day valid_from;
  std::optional<Day> valid_to;
};

struct Document {
  std::string title;
  std::string link;
  std::optional<Day> date;
};

struct OptionExercise {
  Day notice_date;
  std::string receipt_proof;
  std::string consent_reference;
  Day new_end_date;
  std::string exercised_by;
  // The last day to give notice that applied (unset in exercises stored before it was kept).
  std::optional<Day> notice_deadline;
  // The day it was recorded here (unset in exercises stored before it was kept).
  std::optional<Day> recorded_on;
  // Recorded after the fact: entered with an existing contract (CreateContract), or recorded
  // after its notice deadline had passed. The notice itself was given in time.
  bool after_the_fact = false;
  // The end of the term before this extension (unset in exercises stored before it was kept).
  std::optional<Day> old_end_date;
};

enum class OptionOutcome { kUnspecified, kExtend, kDecline };

// The decision that precedes exercising or declining an option (e.g. by the AO Jeugd).
struct OptionDecision {
  OptionOutcome outcome = OptionOutcome::kUnspecified;
  std::string decided_by;
  Day decision_date;
  std::string reference;
  std::string article;  // the contract's article with the option; the letters name it
  std::string recorded_by;
  Day recorded_on;
};

struct ExtensionOption {
  int number = 0;
  int length_months = 0;
  bool unilateral = true;
  int notice_months = 0;  // 0: the contract's notice period
  std::optional<OptionExercise> exercise;
  std::optional<OptionDecision> decision;

  // Declined: it and the options after it lapse.
  bool Declined() const { return decision && decision->outcome == OptionOutcome::kDecline; }
};

inline constexpr int kStandardNoticeMonths = 6;
inline constexpr char kDefaultContractingParty[] = "OZJT namens de deelnemende gemeenten";

struct Contract {
  int64_t id = 0;
  std::string reference;
  std::string title;
  ContractKind kind = ContractKind::kUnspecified;
  int64_t parent_id = 0;  // framework of a lot or call-off
  ContractDomain domain = ContractDomain::kUnspecified;
  ContractFamily family = ContractFamily::kUnspecified;
  std::vector<int64_t> provider_ids;
  std::string contracting_party;
  std::vector<Participation> participations;
  Day start_date;
  Day end_date;
  int64_t value_cents = 0;
  ContractStatus status = ContractStatus::kUnspecified;  // as stored (never kExpired)
  std::vector<Document> documents;
  int notice_months = 0;  // 0: kStandardNoticeMonths
  std::vector<ExtensionOption> options;
  std::vector<IndexWeight> index_weights;
  int index_base_year = 0;  // 0: the start year
  int64_t version = 0;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();

  // Expired when awarded or active and `today` is after the end date; else the stored status.
  ContractStatus EffectiveStatus(Day today) const;
  // Whether `cbs_code` takes part in the contract in any period.
  bool TakesPart(absl::string_view cbs_code) const;
  // The municipalities taking part in any period, sorted, each once.
  std::vector<std::string> MunicipalityCodes() const;
  // The contract's notice period: notice_months, or kStandardNoticeMonths when 0.
  int NoticeMonths() const;
  // The notice period of option `o`: its own, or the contract's when 0.
  int NoticeMonthsOf(const ExtensionOption& o) const;
  // The last day to give notice for option `o` of a term ending on `end` (the end date before
  // that option, i.e. after the earlier options): NoticeDeadline(end, NoticeMonthsOf(o)).
  Day OptionNoticeDeadline(const ExtensionOption& o, Day end) const;
  int BaseYear() const {
    return index_base_year > 0 ? index_base_year : static_cast<int>(start_date.year());
  }
  // The first option not yet exercised, or null (also when that one was declined: the options
  // after a declined one lapse).
  const ExtensionOption* NextOption() const;
  // The option numbered `number`, or null.
  const ExtensionOption* Option(int number) const;
  // Notice deadline of each unexercised option up to the first declined one, assuming the
  // earlier ones are exercised.
  std::vector<std::pair<int, Day>> NoticeDeadlines() const;
};

// What a contract may refer to, checked by the use case against the database.
struct ContractRefs {
  std::set<std::string> municipalities;
  std::map<std::string, std::string> municipality_names;  // CBS code -> name, for messages
};

// Fills defaults (contracting party, index weights), trims text and checks every field
// rule: INVALID_ARGUMENT with one violation per broken rule under `prefix`.
absl::Status Prepare(Contract& c, const ContractRefs& refs, const std::string& prefix);

// Whether UpdateContract may move the stored status `from` to `to` (draft -> awarded ->
// active; equal is allowed). Termination goes through a legal step; expiry is read, not set.
bool StatusChangeAllowed(ContractStatus from, ContractStatus to);

enum class ContractField {
  kReference,
  kTitle,
  kKind,
  kParent,
  kDomain,
  kFamily,
  kProviders,
  kContractingParty,
  kParticipations,
  kStartDate,
  kEndDate,
  kValue,
  kStatus,
  kDocuments,
  kNoticeMonths,
  kOptions,
  kIndexWeights,
  kIndexBaseYear
};
absl::StatusOr<std::vector<ContractField>> ParseContractMask(const std::vector<std::string>& paths);

// `current` with the masked fields of `changes`, prepared and checked: FAILED_PRECONDITION
// for a status change outside the lifecycle or a change to an exercised option.
absl::StatusOr<Contract> ApplyContractUpdate(const Contract& current, const Contract& changes,
                                             const std::vector<ContractField>& fields,
                                             const ContractRefs& refs, Day today);

// Exercises option `number` as noticed on `notice_date`, also after the fact (the original end
// date may have passed: what counts is that notice was given on or before the option's last
// notice day). FAILED_PRECONDITION when the stored status is not awarded or active, the option
// does not exist or is not the next one, or consent is missing for a non-unilateral option;
// INVALID_ARGUMENT (field notice_date) for a notice after the deadline, in the future or before
// the start, and for a missing proof of receipt. The exercise records `today`, the deadline,
// and whether it was recorded after the fact (today after the deadline).
absl::StatusOr<Contract> ExerciseOption(const Contract& current, int number, Day notice_date,
                                        const std::string& receipt_proof,
                                        const std::string& consent_reference,
                                        const std::string& actor, Day today);

// Records `decision` on option `number` (the next one), by `actor` on `today`. A decision to
// extend may be replaced until the option is exercised; a decline is final. FAILED_PRECONDITION
// when the stored status is not awarded or active, or the option does not exist, is not the
// next one or was declined; INVALID_ARGUMENT (fields under "decision.") for a missing outcome
// or decider, or a decision date in the future or before the start.
absl::StatusOr<Contract> DecideOption(const Contract& current, int number, OptionDecision decision,
                                      const std::string& actor, Day today);

// For a contract being entered (CreateContract) whose options carry exercises given by the
// client (notice date, proof of receipt, consent; new_end_date when not kUnsetDay): `end_date`
// is the end of the term as agreed, before any extension. Checks each exercise against the
// notice rule in order and moves the end date by each exercised option; marks them recorded
// after the fact by `actor` on `today`. INVALID_ARGUMENT with violations under
// `prefix`.options[i].exercise (Dutch included).
absl::Status RecordPastExercises(Contract& c, const std::string& actor, Day today,
                                 const std::string& prefix);

// A day no client means: an exercise's new_end_date that was not given.
inline constexpr Day kUnsetDay = Day(1970, 1, 1);

// The audit record of an exercised option `o` of `c` (entity "option_exercise"): the notice,
// its deadline, the new end date, when it was recorded and whether after the fact, and a Dutch
// summary ("Verlengingsoptie 1 achteraf vastgelegd op 25-11-2026: ...").
std::string ExerciseAuditJson(const Contract& c, const ExtensionOption& o);

// Same data (ignores id, version, times).
bool SameData(const Contract& a, const Contract& b);

// JSON of the whole contract (history and audit), and back.
std::string ToJson(const Contract& c);
absl::StatusOr<Contract> ContractFromJson(absl::string_view json);

}  // namespace ozjt::contracts
