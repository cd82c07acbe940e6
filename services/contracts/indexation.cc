#include "services/contracts/indexation.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/contracts/term.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

std::optional<int64_t> Find(const std::vector<IndexFigure>& figures, const std::string& component,
                            int year, FigureKind kind) {
  for (const auto& f : figures) {
    if (f.component == component && f.year == year && f.kind == kind) return f.hundredths;
  }
  return std::nullopt;
}

absl::Status Missing(FigureKind kind, const std::string& component, int year) {
  const bool final = kind == FigureKind::kFinal;
  return platform::WithDutch(
      absl::FailedPreconditionError(absl::StrCat("no ", final ? "final" : "forecast", " ",
                                                 component, " figure for ", year,
                                                 "; record it with CreateIndexFigure first")),
      absl::StrCat("Het ", final ? "definitieve" : "geraamde", " ", component, "-cijfer voor ",
                   year, " ontbreekt; leg het eerst vast (ozjt tariffs add-figure --component ",
                   component, " --year ", year, " --kind ", final ? "final" : "forecast",
                   " --percent ...)."));
}

}  // namespace

std::vector<IndexWeight> DefaultIndexWeights() { return {{"OVA", 90}, {"PCC", 10}}; }

absl::Status ValidateWeights(const std::vector<IndexWeight>& weights, const std::string& field) {
  platform::FieldViolations v;
  if (weights.empty()) {
    v.Add(field, "name at least one index component",
          "Noem ten minste één indexcomponent (bijvoorbeeld OVA 90% en PCC 10%).");
  }
  std::set<std::string> seen;
  int total = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const auto& w = weights[i];
    const std::string f = absl::StrCat(field, "[", i, "]");
    const bool name_ok = !w.component.empty() && w.component.size() <= 30 &&
                         std::all_of(w.component.begin(), w.component.end(), [](char c) {
                           return absl::ascii_isupper(static_cast<unsigned char>(c)) ||
                                  absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '-';
                         });
    if (!name_ok) {
      v.Add(f + ".component", "1 to 30 capitals, digits or '-' (e.g. OVA, PCC, CAO-VVT)",
            "De naam van een indexcomponent is 1 tot 30 hoofdletters, cijfers of '-' "
            "(bijvoorbeeld OVA, PCC, CAO-VVT).");
    } else if (!seen.insert(w.component).second) {
      v.Add(f + ".component", absl::StrCat(w.component, " given twice"),
            absl::StrCat("Indexcomponent ", w.component, " staat er twee keer in."));
    }
    if (w.weight_percent < 1 || w.weight_percent > 100) {
      v.Add(f + ".weight_percent", "must be from 1 to 100",
            absl::StrCat("Het gewicht van ",
                         w.component.empty() ? std::string("een indexcomponent") : w.component,
                         " is 1 tot 100 procent."));
    }
    total += w.weight_percent;
  }
  if (!weights.empty() && total != 100) {
    v.Add(field, absl::StrCat("weights add up to ", total, "%, not 100%"),
          absl::StrCat("De gewichten van de indexcomponenten tellen op tot ", total,
                       "%; dat moet 100% zijn."));
  }
  return v.ToStatus();
}

absl::StatusOr<IndexResult> ComputeIndex(const std::vector<IndexWeight>& weights, int year,
                                         bool first_year, const std::vector<IndexFigure>& figures) {
  OZJT_RETURN_IF_ERROR(ValidateWeights(weights, "index_weights"));
  IndexResult r;
  r.year = year;
  r.first_year = first_year;
  __int128 weighted_forecast = 0, weighted_correction = 0;
  for (const auto& w : weights) {
    ComponentIndex c;
    c.component = w.component;
    c.weight_percent = w.weight_percent;
    auto forecast = Find(figures, w.component, year, FigureKind::kForecast);
    if (!forecast) return Missing(FigureKind::kForecast, w.component, year);
    c.forecast = *forecast;
    weighted_forecast += static_cast<__int128>(w.weight_percent) * c.forecast;
    if (!first_year) {
      c.previous_forecast = Find(figures, w.component, year - 1, FigureKind::kForecast);
      if (!c.previous_forecast) return Missing(FigureKind::kForecast, w.component, year - 1);
      c.previous_final = Find(figures, w.component, year - 1, FigureKind::kFinal);
      if (!c.previous_final) return Missing(FigureKind::kFinal, w.component, year - 1);
      // (1 + F) / (1 + f) - 1 in hundredths of a percent = 10000 (F - f) / (10000 + f).
      c.correction = DivideRoundHalfUp(
          static_cast<__int128>(10000) * (*c.previous_final - *c.previous_forecast),
          10000 + *c.previous_forecast);
      weighted_correction += static_cast<__int128>(w.weight_percent) * *c.correction;
    }
    r.components.push_back(std::move(c));
  }
  r.weighted_forecast = DivideRoundHalfUp(weighted_forecast, 100);
  r.weighted_correction = DivideRoundHalfUp(weighted_correction, 100);
  r.index = r.weighted_forecast + r.weighted_correction;
  return r;
}

std::optional<int64_t> IndexedAmount(int64_t old_cents, int64_t index_hundredths) {
  // |old| < 2^63 and |10000 + index| < 2^64: the product fits in __int128.
  const __int128 factor = static_cast<__int128>(10000) + index_hundredths;
  return platform::CheckedDivideRoundHalfUp(static_cast<__int128>(old_cents) * factor, 10000);
}

}  // namespace ozjt::contracts
