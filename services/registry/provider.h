// The provider (zorgaanbieder) as the registry knows it, and the rules about it: what a
// valid provider is, which status changes the lifecycle allows, which fields an update may
// name, and the provider's JSON form (used for history and audit). Pure: no database, no
// gRPC, so every rule is unit-tested on its own.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ozjt::registry {

enum class LegalForm {
  kUnspecified,
  kStichting,
  kBv,
  kNv,
  kVereniging,
  kCooperatie,
  kEenmanszaak,
  kVof,
  kMaatschap,
  kOther
};
enum class Law { kUnspecified, kJeugdwet, kWmo };
// Contract-management tier: strategic providers are managed by OZJT, local ones by the
// municipality's own contract manager.
enum class Tier { kUnspecified, kStrategic, kLocal };
enum class ProviderStatus { kUnspecified, kApplicant, kContracted, kSuspended, kEnded };

// Stable lower-case codes used in the database, JSON and CSV ("stichting", "jeugdwet",
// "strategic", "contracted", ...), and the Dutch words the CSV also accepts.
std::string Code(LegalForm v);
std::string Code(Law v);
std::string Code(Tier v);
std::string Code(ProviderStatus v);
std::optional<LegalForm> ParseLegalForm(absl::string_view code);
std::optional<Law> ParseLaw(absl::string_view code);
std::optional<Tier> ParseTier(absl::string_view code);
std::optional<ProviderStatus> ParseProviderStatus(absl::string_view code);

struct Establishment {
  std::string number;  // vestigingsnummer, 12 digits
  std::string name;
  std::string agb_code;           // 8 digits or empty
  std::string municipality_code;  // CBS code or empty
};

struct RegionTurnover {
  std::string region_code;
  int64_t amount_cents = 0;
};

struct AnnualTurnover {
  int year = 0;
  int64_t total_cents = 0;
  std::vector<RegionTurnover> per_region;
};

struct Provider {
  int64_t id = 0;  // 0 until stored
  std::string name;
  std::string kvk_number;
  LegalForm legal_form = LegalForm::kUnspecified;
  std::vector<std::string> agb_codes;
  std::vector<Establishment> establishments;
  std::vector<Law> laws;
  std::vector<std::string> municipality_codes;
  Tier tier = Tier::kUnspecified;
  ProviderStatus status = ProviderStatus::kUnspecified;
  std::vector<AnnualTurnover> turnover;
  int64_t version = 0;
  absl::Time create_time = absl::UnixEpoch();
  absl::Time update_time = absl::UnixEpoch();

  // True when a municipal user of `cbs_code` may see this provider.
  bool ActiveIn(absl::string_view cbs_code) const;
};

bool operator==(const Establishment& a, const Establishment& b);
bool operator==(const RegionTurnover& a, const RegionTurnover& b);
bool operator==(const AnnualTurnover& a, const AnnualTurnover& b);

// The codes a provider may refer to (loaded from the reference tables).
struct ReferenceCodes {
  std::set<std::string> municipalities;
  std::set<std::string> regions;
};

// Longest display name, establishment name.
inline constexpr size_t kMaxNameLength = 200;

// Checks every field rule; INVALID_ARGUMENT with one violation per broken rule, fields named
// under `prefix` (e.g. "provider.kvk_number"), list items by their index as given.
absl::Status Validate(const Provider& p, const ReferenceCodes& refs, const std::string& prefix);

// Trims surrounding spaces, validates, then puts lists in canonical order (codes sorted,
// turnover by year and region): what every create, update and import stores.
absl::Status Prepare(Provider& p, const ReferenceCodes& refs, const std::string& prefix);

// Whether the lifecycle allows `from` -> `to` (equal is always allowed).
bool StatusChangeAllowed(ProviderStatus from, ProviderStatus to);

// The fields an update mask may name.
enum class ProviderField {
  kName,
  kKvkNumber,
  kLegalForm,
  kAgbCodes,
  kEstablishments,
  kLaws,
  kMunicipalityCodes,
  kTier,
  kStatus,
  kTurnover
};
// Parses mask paths ("display_name", "kvk_number", ...). INVALID_ARGUMENT (field
// "update_mask") for an empty mask, an unknown path, or an output-only field.
absl::StatusOr<std::vector<ProviderField>> ParseUpdateMask(const std::vector<std::string>& paths);

// `current` with the masked fields taken from `changes`, normalised and validated; a status
// change outside the lifecycle is FAILED_PRECONDITION. Id, version and times stay current's.
absl::StatusOr<Provider> ApplyUpdate(const Provider& current, const Provider& changes,
                                     const std::vector<ProviderField>& fields,
                                     const ReferenceCodes& refs, const std::string& prefix);

// Whether two providers hold the same data (ignoring id, version and times).
bool SameData(const Provider& a, const Provider& b);

// JSON form, used in history rows and audit records; FromJson reads what ToJson wrote.
std::string ToJson(const Provider& p);
absl::StatusOr<Provider> FromJson(absl::string_view json);

}  // namespace ozjt::registry
