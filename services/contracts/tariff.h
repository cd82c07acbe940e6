// Tariff lines (never changed in place: a change is a new line), floors (reele prijs, art.
// 5.4 Uitvoeringsbesluit Wmo) and the plan of an annual indexation over a contract's lines.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/contracts/contract.h"
#include "services/contracts/indexation.h"
#include "services/contracts/term.h"

namespace ozjt::contracts {

enum class TariffLaw { kUnspecified, kJeugdwet, kWmo };
// Uitvoeringsvariant: inspanningsgericht, outputgericht, taakgericht (amount is a budget).
enum class Variant { kUnspecified, kInspanningsgericht, kOutputgericht, kTaakgericht };
std::string Code(TariffLaw v);
std::string Code(Variant v);
std::optional<TariffLaw> ParseTariffLaw(absl::string_view code);
std::optional<Variant> ParseVariant(absl::string_view code);

struct TariffLine {
  int64_t id = 0;
  int64_t contract_id = 0;
  TariffLaw law = TariffLaw::kUnspecified;
  Variant variant = Variant::kUnspecified;
  std::string product_category;
  std::string product_code;
  std::string description;
  std::string unit;
  int64_t amount_cents = 0;
  std::vector<std::string> municipality_codes;  // empty: every participating municipality
  Day valid_from;
  std::optional<Day> valid_to;
  int index_year = 0;
  int64_t supersedes_id = 0;

  bool ValidOn(Day day) const { return valid_from <= day && (!valid_to || day <= *valid_to); }
};

struct TariffFloor {
  std::string product_category;
  std::string product_code;
  int year = 0;
  int64_t floor_cents = 0;
};

// Codes a tariff line may use: (law code, category) pairs and WJ756 units.
struct TariffRefs {
  std::set<std::pair<std::string, std::string>> categories;
  std::set<std::string> units;
};

// Checks a new line against the rules and its contract: law within the contract's domain,
// a known category of that law and unit, product code of 1-5 letters or digits, amount > 0,
// municipalities among the contract's, dates within order. Fills index_year (default: the
// year of valid_from). INVALID_ARGUMENT with violations under "line.".
absl::Status PrepareTariffLine(TariffLine& line, const TariffRefs& refs, const Contract& contract);

// Whether `amount_cents` for this product in `year` is below its floor.
bool BelowFloor(const std::string& category, const std::string& code, int year,
                int64_t amount_cents, const std::vector<TariffFloor>& floors);

absl::Status ValidateFloor(const TariffFloor& floor);

struct PlannedLine {
  TariffLine current;
  TariffLine next;  // valid from 1 January of the year, supersedes current
  bool below_floor = false;
};

struct IndexationPlan {
  IndexResult index;
  std::vector<PlannedLine> lines;
  std::vector<std::string> warnings;
};

// The indexation of `contract` for `year`: the index from `figures` (first contract year:
// forecast only) and a new line for every line valid on 31 December of the year before whose
// price level is older than `year`. FAILED_PRECONDITION when `year` is not after the base
// year or a figure is missing.
absl::StatusOr<IndexationPlan> PlanIndexation(const Contract& contract, int year,
                                              const std::vector<TariffLine>& lines,
                                              const std::vector<IndexFigure>& figures,
                                              const std::vector<TariffFloor>& floors);

}  // namespace ozjt::contracts
