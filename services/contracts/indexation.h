// Annual indexation (VNG Contractstandaard art. 3.2) with VNG's published rounding:
//
//   index(t+1) = sum of w * forecast(t+1)  +  sum of w * correction(t)
//   correction(t) = (1 + final(t)) / (1 + forecast(t)) - 1, per component
//
// Each component's correction is rounded to 2 decimals, then the weighted correction and the
// weighted forecast each to 2 decimals, and the index is their sum; in the first contract year
// only the forecast applies. All in integer hundredths of a percent, rounded half up. With the
// published figures this gives 6.30% for 2024 and 4.91% for 2025.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ozjt::contracts {

enum class FigureKind { kUnspecified, kForecast, kFinal };

// A published figure: component ("OVA", "PCC", "CAO-..."), year, forecast or final, percent
// in hundredths (4.94% = 494).
struct IndexFigure {
  std::string component;
  int year = 0;
  FigureKind kind = FigureKind::kUnspecified;
  int64_t hundredths = 0;
};

struct IndexWeight {
  std::string component;
  int weight_percent = 0;
};

// The VNG advice: OVA 90%, PCC 10%.
std::vector<IndexWeight> DefaultIndexWeights();

struct ComponentIndex {
  std::string component;
  int weight_percent = 0;
  int64_t forecast = 0;
  // Unset in the first contract year.
  std::optional<int64_t> previous_forecast;
  std::optional<int64_t> previous_final;
  std::optional<int64_t> correction;
};

struct IndexResult {
  int year = 0;
  bool first_year = false;
  std::vector<ComponentIndex> components;
  int64_t weighted_forecast = 0;
  int64_t weighted_correction = 0;
  int64_t index = 0;  // hundredths of a percent
};

// Checks weights: at least one, components 1..30 characters of A-Z 0-9 and '-', each once,
// whole percents that add up to 100. INVALID_ARGUMENT naming `field`.
absl::Status ValidateWeights(const std::vector<IndexWeight>& weights, const std::string& field);

// The index for `year` from `figures`. `first_year`: forecast only. FAILED_PRECONDITION
// naming the figure that is missing (e.g. "no final PCC figure for 2023").
absl::StatusOr<IndexResult> ComputeIndex(const std::vector<IndexWeight>& weights, int year,
                                         bool first_year, const std::vector<IndexFigure>& figures);

// old x (1 + index / 100), rounded half up to whole cents; nullopt when that does not fit in
// int64_t (checked arithmetic: never a wrapped amount). Callers also hold the result to
// platform::kMaxAmountCents.
std::optional<int64_t> IndexedAmount(int64_t old_cents, int64_t index_hundredths);

}  // namespace ozjt::contracts
