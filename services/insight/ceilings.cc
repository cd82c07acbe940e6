#include "services/insight/ceilings.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/calendar.h"
#include "services/platform/status.h"

namespace ozjt::insight {
namespace {

const char* StepName(CeilingStep s) {
  switch (s) {
    case CeilingStep::kNotified:
      return "de schriftelijke melding aan de aanbieder";
    case CeilingStep::kConsulted:
      return "het overleg";
    case CeilingStep::kDecided:
      return "het besluit over aanpassing";
  }
  return "";
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = absl::ascii_toupper(static_cast<unsigned char>(text[0]));
  return text;
}

}  // namespace

absl::Status CheckCeiling(const SpendingCeiling& c) {
  if (c.year < 2015 || c.year > 2100) {
    return platform::InvalidField("year", "a year from 2015 to 2100",
                                  absl::StrCat("Jaar ", c.year, " ligt niet tussen 2015 en 2100."));
  }
  if (c.starts_on.year() != c.year) {
    return platform::InvalidField(
        "starts_on", "the start day lies in the ceiling's year",
        absl::StrCat("De ingangsdatum moet in ", c.year, " liggen: de bestedingsruimte loopt tot ",
                     "31 december van dat jaar."));
  }
  if (c.amount_cents <= 0) {
    return platform::InvalidField("amount_cents", "a ceiling is more than zero",
                                  "Het bedrag van de bestedingsruimte moet groter zijn dan nul.");
  }
  return absl::OkStatus();
}

absl::Status RecordStep(SpendingCeiling& c, CeilingStep step, absl::CivilDay day) {
  if (day.year() < c.year - 1 || day.year() > c.year + 1) {
    return platform::InvalidField("day",
                                  "a step lies in the ceiling's year or the year before or after",
                                  absl::StrCat("De datum moet in ", c.year - 1, ", ", c.year,
                                               " of ", c.year + 1, " liggen."));
  }
  std::optional<absl::CivilDay>* steps[] = {&c.notified_on, &c.consulted_on, &c.decided_on};
  const int i = static_cast<int>(step);
  auto refuse = [&](const std::string& dutch) {
    return platform::WithDutch(
        absl::FailedPreconditionError("steps follow each other: notice, consultation, decision"),
        dutch);
  };
  if (i > 0 && !steps[i - 1]->has_value()) {
    return refuse(absl::StrCat("Leg eerst ", StepName(static_cast<CeilingStep>(i - 1)), " vast; ",
                               StepName(step), " volgt daarop."));
  }
  if (i > 0 && **steps[i - 1] > day) {
    return refuse(absl::StrCat(Capitalised(StepName(step)), " ligt niet vóór ",
                               StepName(static_cast<CeilingStep>(i - 1)), " (",
                               platform::DutchDay(**steps[i - 1]), ")."));
  }
  if (i < 2 && steps[i + 1]->has_value() && **steps[i + 1] < day) {
    return refuse(absl::StrCat(Capitalised(StepName(step)), " ligt niet na ",
                               StepName(static_cast<CeilingStep>(i + 1)), " (",
                               platform::DutchDay(**steps[i + 1]), ")."));
  }
  *steps[i] = day;
  return absl::OkStatus();
}

CeilingUse UseOf(const SpendingCeiling& c, const Traffic& traffic, const TariffBook& tariffs,
                 const std::set<std::string>& agbs) {
  CeilingUse use;
  const Period year{c.starts_on, c.Last()};
  const QuarterFigures figures = Compute(traffic, year, WaitNorms{}, tariffs);
  for (const auto& [key, f] : figures.rows) {
    if (key.contract_id == c.contract_id && agbs.count(key.agb) > 0) {
      use.spent_cents += f.granted_cents + f.pending_cents;
    }
  }
  // The months claimed under this contract (lines not rejected) need no forecast.
  use.forecast_from = c.starts_on;
  for (const auto& l : traffic.claim_lines) {
    const ClaimLine& line = l.item.line;
    if (l.municipality != c.municipality || agbs.count(l.agb) == 0 || !year.Contains(line.from) ||
        traffic.rejected.count({l.agb, l.law, line.reference}) > 0) {
      continue;
    }
    const Tariff* tariff =
        tariffs.Match(l.municipality, l.agb, l.law, line.product, line.unit, line.from);
    if (tariff != nullptr && tariff->contract_id == c.contract_id) {
      use.forecast_from = std::max(use.forecast_from, line.to + 1);
    }
  }
  if (use.forecast_from <= c.Last()) {
    use.remaining_cents =
        RemainingValue(traffic, tariffs, c.contract_id, agbs, use.forecast_from, c.Last());
  }
  use.forecast_cents = use.spent_cents + use.remaining_cents;
  use.used_percent = static_cast<int>(std::min<int64_t>(
      1000000, std::max<int64_t>(0, use.spent_cents) / c.amount_cents * 100 +
                   std::max<int64_t>(0, use.spent_cents) % c.amount_cents * 100 / c.amount_cents));
  use.seventy_percent = use.spent_cents * 100 >= c.amount_cents * 70;
  use.forecast_overrun = use.forecast_cents > c.amount_cents;
  return use;
}

std::vector<CeilingClock> ClocksOf(const SpendingCeiling& c) {
  const std::string year = std::to_string(c.year);
  std::vector<CeilingClock> out = {
      {platform::AddMonths(c.starts_on, -6), ClockKind::kIntention,
       absl::StrCat("Voornemen bestedingsruimte ", year,
                    " met werkwijze aan de aanbieder bekendmaken (art. 1.5.3)")},
      {platform::AddMonths(c.starts_on, -3), ClockKind::kDecision,
       absl::StrCat("Besluit over duur en hoogte van de bestedingsruimte ", year,
                    " aan de aanbieder (art. 1.5.3)")},
      {platform::AddMonths(c.starts_on, -2), ClockKind::kJointPlan,
       absl::StrCat("Gezamenlijk plan van aanpak bestedingsruimte ", year, " klaar (art. 1.5.5)")},
  };
  if (c.notified_on && !c.consulted_on) {
    out.push_back({*c.notified_on + 14, ClockKind::kConsultation,
                   absl::StrCat("Overleg met de aanbieder over de bestedingsruimte ", year,
                                " (binnen 2 weken na de melding, art. 1.5.7)")});
  }
  if (c.consulted_on && !c.decided_on) {
    out.push_back({*c.consulted_on + 14, ClockKind::kAdjustment,
                   absl::StrCat("Besluit over aanpassing van de bestedingsruimte ", year,
                                " (binnen 2 weken na het overleg, art. 1.5.7)")});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const CeilingClock& a, const CeilingClock& b) { return a.due < b.due; });
  return out;
}

}  // namespace ozjt::insight
