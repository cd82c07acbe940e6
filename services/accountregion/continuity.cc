#include "services/accountregion/continuity.h"

#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "services/platform/calendar.h"
#include "services/platform/decimal.h"
#include "services/platform/status.h"

namespace ozjt::accountregion {
namespace {

// value / denominator as hundredths of a percent, rounded half away from zero.
std::optional<int64_t> Percent(int64_t value, int64_t denominator) {
  if (denominator == 0) return std::nullopt;
  const __int128 num = static_cast<__int128>(value) * 10000;
  const __int128 den = denominator;
  const bool negative = (num < 0) != (den < 0);
  const __int128 a = num < 0 ? -num : num, b = den < 0 ? -den : den;
  const __int128 q = (2 * a + b) / (2 * b);
  return static_cast<int64_t>(negative ? -q : q);
}

Ratio RatioOf(int64_t value, int64_t denominator, const std::vector<int64_t>& bounds) {
  Ratio r;
  r.hundredths = Percent(value, denominator);
  if (r.hundredths) r.ratio_class = Classify(*r.hundredths, bounds);
  return r;
}

std::string Pct(int64_t h) {
  return absl::StrCat(h < 0 ? "-" : "", std::abs(h) / 100, ",", std::abs(h) % 100 < 10 ? "0" : "",
                      std::abs(h) % 100, "%");
}

}  // namespace

Derived DeriveRegion(const Turnover& t, Day today) {
  Derived d;
  for (auto it = t.per_region.rbegin(); it != t.per_region.rend(); ++it) {
    if (it->first >= today.year() || it->second.empty()) continue;  // not complete yet
    // Only a provider working in more than one region has an account-holding region.
    if (it->second.size() < 2) return d;
    const auto& regions = it->second;
    const auto previous = t.per_region.find(it->first - 1);
    auto before = [&](const std::string& code) -> int64_t {
      if (previous == t.per_region.end()) return 0;
      auto f = previous->second.find(code);
      return f == previous->second.end() ? 0 : f->second;
    };
    // map order is alphabetical: the first of equals wins the last tie.
    for (const auto& [code, cents] : regions) {
      if (d.region_code.empty() || cents > d.cents ||
          (cents == d.cents && before(code) > before(d.region_code))) {
        d = {code, it->first, cents};
      }
    }
    return d;
  }
  return d;
}

absl::Status CaseClosed() {
  return platform::WithDutch(absl::FailedPreconditionError("the case is closed"),
                             "Deze continuïteitscasus is gesloten en kan niet meer wijzigen.");
}

namespace {
// The rules shared by opening a case and moving it to another step.
absl::Status CheckStep(int step, Day date, const std::string& note, Day today) {
  platform::FieldViolations v;
  if (step < 1 || step > kBankruptcyStep) {
    v.Add("step", "must be from 1 to 6", "De trede is een getal van 1 tot en met 6.");
  }
  if (date > today) {
    v.Add("date", "is in the future",
          absl::StrCat("De datum ", platform::DutchDay(date), " ligt in de toekomst."));
  }
  if (note.size() > 2000) {
    v.Add("note", "must be at most 2000 characters",
          "De notitie mag hoogstens 2000 tekens lang zijn.");
  }
  return v.ToStatus();
}
}  // namespace

absl::Status ValidateAssignment(const Assignment& a, const std::vector<std::string>& regions) {
  platform::FieldViolations v;
  if (std::find(regions.begin(), regions.end(), a.region_code) == regions.end()) {
    v.Add("assignment.region_code", absl::StrCat("unknown region '", a.region_code, "'"),
          absl::StrCat("Er is geen jeugdregio '", a.region_code,
                       "'; zie ozjt reference regions voor de regiocodes."));
  }
  if (a.basis == AssignmentBasis::kUnspecified) {
    v.Add("assignment.basis", "AGREED or VNG_LIST",
          "Kies de grondslag: agreed (afgesproken) of vng_list (de VNG-lijst).");
  }
  if (a.valid_to && *a.valid_to < a.valid_from) {
    v.Add("assignment.valid_to", "is before valid_from",
          "De einddatum van de toewijzing moet op of na de begindatum liggen.");
  }
  if (a.note.size() > 1000) {
    v.Add("assignment.note", "must be at most 1000 characters",
          "De toelichting mag hoogstens 1000 tekens lang zijn.");
  }
  return v.ToStatus();
}

AccountRegion ResolveRegion(int64_t provider_id, const std::string& name, const Turnover& t,
                            const std::vector<Assignment>& assignments, Day today) {
  AccountRegion r;
  r.provider_id = provider_id;
  r.provider_name = name;
  r.derived = DeriveRegion(t, today);
  for (const auto& a : assignments) {
    if (a.provider_id == provider_id && a.ValidOn(today) &&
        (!r.assignment || a.valid_from > r.assignment->valid_from)) {
      r.assignment = a;
    }
  }
  r.region_code = r.assignment ? r.assignment->region_code : r.derived.region_code;
  for (auto it = t.total.rbegin(); it != t.total.rend(); ++it) {
    if (it->first < today.year()) {
      r.latest_turnover_cents = it->second;
      break;
    }
  }
  r.monitored = r.latest_turnover_cents > kMonitoringThresholdCents;
  return r;
}

absl::StatusOr<RatioThresholds> ParseThresholds(const std::string& text) {
  RatioThresholds t;
  for (absl::string_view part : absl::StrSplit(text, ';', absl::SkipWhitespace())) {
    std::vector<absl::string_view> kv = absl::StrSplit(part, ':');
    if (kv.size() != 2) {
      return absl::InvalidArgumentError(absl::StrCat("'", part, "' is not ratio:bounds"));
    }
    std::vector<int64_t> bounds;
    for (absl::string_view b : absl::StrSplit(kv[1], ',')) {
      double percent = 0;
      if (!absl::SimpleAtod(b, &percent)) {
        return absl::InvalidArgumentError(absl::StrCat("'", b, "' is not a percentage"));
      }
      if (!(percent >= -1000 && percent <= 1000)) {  // also refuses nan
        return absl::InvalidArgumentError(
            absl::StrCat("'", b, "' is outside -1000 to 1000 percent"));
      }
      bounds.push_back(static_cast<int64_t>(percent * 100 + (percent < 0 ? -0.5 : 0.5)));
      if (bounds.size() > 1 && bounds.back() <= bounds[bounds.size() - 2]) {
        return absl::InvalidArgumentError(absl::StrCat("bounds of ", kv[0], " must ascend"));
      }
    }
    if (bounds.empty() || bounds.size() > 4) {
      return absl::InvalidArgumentError(absl::StrCat(kv[0], " needs 1 to 4 bounds"));
    }
    if (kv[0] == "solvency") {
      t.solvency = bounds;
    } else if (kv[0] == "current_ratio") {
      t.current_ratio = bounds;
    } else if (kv[0] == "profitability") {
      t.profitability = bounds;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown ratio '", kv[0], "'"));
    }
  }
  return t;
}

RatioClass Classify(int64_t value, const std::vector<int64_t>& bounds) {
  int klass = 0;
  while (klass < static_cast<int>(bounds.size()) && value >= bounds[klass]) ++klass;
  // 0 -> worst; the top class is always "strong", whatever the number of bounds.
  if (klass == static_cast<int>(bounds.size())) return RatioClass::kStrong;
  return static_cast<RatioClass>(static_cast<int>(RatioClass::kWorst) + klass);
}

int FinancialStatement::Year() const {
  int y = 0;
  (void)absl::SimpleAtoi(period.substr(0, 4), &y);
  return y;
}

Ratios ComputeRatios(const FinancialStatement& s, const RatioThresholds& t) {
  return {RatioOf(s.equity, s.total_assets, t.solvency),
          RatioOf(s.current_assets, s.current_liabilities, t.current_ratio),
          RatioOf(s.net_result, s.revenue, t.profitability)};
}

absl::Status ValidateStatement(const FinancialStatement& s, Day today) {
  platform::FieldViolations v;
  int year = 0, quarter = 0;
  const bool is_year = s.period.size() == 4 && absl::SimpleAtoi(s.period, &year);
  const bool is_quarter = s.period.size() == 7 && s.period[4] == '-' && s.period[5] == 'Q' &&
                          absl::SimpleAtoi(s.period.substr(0, 4), &year) &&
                          absl::SimpleAtoi(s.period.substr(6), &quarter) && quarter >= 1 &&
                          quarter <= 4;
  if ((!is_year && !is_quarter) || year < 2000 || year > 2100) {
    v.Add("statement.period", "'YYYY' (year) or 'YYYY-Qn' (quarter)",
          "De periode is een jaar (2025) of een kwartaal (2025-Q3), van 2000 tot en met 2100.");
  } else if (Day(year, is_year ? 1 : 3 * quarter - 2, 1) > today) {
    v.Add("statement.period", "is in the future",
          absl::StrCat("Periode ", s.period, " is nog niet begonnen."));
  }
  if (s.total_assets < 0) {
    v.Add("statement.total_assets_cents", "must not be negative",
          "Het balanstotaal mag niet negatief zijn.");
  }
  if (s.current_assets < 0) {
    v.Add("statement.current_assets_cents", "must not be negative",
          "De vlottende activa mogen niet negatief zijn.");
  }
  if (s.current_liabilities < 0) {
    v.Add("statement.current_liabilities_cents", "must not be negative",
          "De kortlopende schulden mogen niet negatief zijn.");
  }
  if (s.revenue < 0) {
    v.Add("statement.revenue_cents", "must not be negative", "De omzet mag niet negatief zijn.");
  }
  // Each figure within EUR 10 billion either way (platform::kMaxAmountCents): the ratios
  // multiply a figure by 10000 in __int128 and must fit in int64_t again.
  struct Figure {
    const char* field;
    const char* dutch;  // as the CLI's help and the annual accounts name it
    int64_t cents;
  };
  const Figure figures[] = {
      {"equity_cents", "Het eigen vermogen", s.equity},
      {"total_assets_cents", "Het balanstotaal", s.total_assets},
      {"current_assets_cents", "De vlottende activa", s.current_assets},
      {"current_liabilities_cents", "De kortlopende schulden", s.current_liabilities},
      {"revenue_cents", "De omzet", s.revenue},
      {"net_result_cents", "Het nettoresultaat", s.net_result}};
  for (const Figure& f : figures) {
    if (!platform::AmountInRange(f.cents)) {
      v.Add(absl::StrCat("statement.", f.field),
            absl::StrCat("must be from -", platform::kMaxAmountCents, " to ",
                         platform::kMaxAmountCents, " cents"),
            absl::StrCat(f.dutch, " ligt tussen -", platform::MaxAmountText(), " en ",
                         platform::MaxAmountText(), "."));
    }
  }
  if (s.current_assets > s.total_assets) {
    v.Add("statement.current_assets_cents", "more than the total assets",
          "De vlottende activa kunnen niet meer zijn dan het balanstotaal.");
  }
  return v.ToStatus();
}

bool ThreeYearsOfLosses(const std::vector<FinancialStatement>& statements) {
  std::map<int, bool> loss;  // year -> loss
  for (const auto& s : statements) {
    if (s.IsYear()) loss[s.Year()] = s.net_result < 0;
  }
  int run = 0, last = 0;
  for (const auto& [year, lost] : loss) {
    run = lost ? (run > 0 && year == last + 1 ? run + 1 : 1) : 0;
    last = year;
    if (run >= 3) return true;
  }
  return false;
}

absl::StatusOr<ContinuityCase> OpenCase(int64_t provider_id, int step, Day date,
                                        std::optional<Day> recovery_plan_due,
                                        const std::string& note, const std::string& actor,
                                        Day today) {
  if (step == 0) step = 1;
  OZJT_RETURN_IF_ERROR(CheckStep(step, date, note, today));
  ContinuityCase c;
  c.provider_id = provider_id;
  c.opened = date;
  c.recovery_plan_due = recovery_plan_due;
  return MoveStep(c, step, date, recovery_plan_due, note, actor, today);
}

absl::StatusOr<ContinuityCase> MoveStep(const ContinuityCase& c, int step, Day date,
                                        std::optional<Day> recovery_plan_due,
                                        const std::string& note, const std::string& actor,
                                        Day today) {
  OZJT_RETURN_IF_ERROR(CheckStep(step, date, note, today));
  if (c.status != CaseStatus::kOpen) return CaseClosed();
  if (!c.steps.empty() && date < c.steps.back().date) {
    return platform::WithDutch(
        absl::FailedPreconditionError(absl::StrCat(
            "the case was at step ", c.step, " on a later date; steps are recorded in order")),
        absl::StrCat("De casus stond op ", platform::DutchDay(c.steps.back().date), " al op trede ",
                     c.step, "; treden worden op volgorde vastgelegd, dus kies een datum op of na ",
                     platform::DutchDay(c.steps.back().date), "."));
  }
  ContinuityCase out = c;
  if (recovery_plan_due) out.recovery_plan_due = recovery_plan_due;
  if (step >= kRecoveryPlanStep && step < kBankruptcyStep && !out.recovery_plan_due) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            "from step 3 (zorgelijk) on the provider owes a recovery plan: give its due date "
            "(recovery_plan_due)"),
        "Vanaf trede 3 (zorgelijk) moet de aanbieder een herstelplan indienen: geef de "
        "uiterste datum op met --plan-due.");
  }
  out.step = step;
  out.steps.push_back({step, date, note, actor});
  if (step == kBankruptcyStep) {
    out.status = CaseStatus::kBankruptcy;
    out.closed = date;
  }
  return out;
}

namespace {
// The words a contract manager reads for a signal's category and source (the stored codes).
std::string SignalCategoryInDutch(const std::string& code) {
  static const std::map<std::string, std::string> kWords = {
      {"three_years_losses", "drie jaar verlies"},
      {"liquidity", "liquiditeit"},
      {"governance_unrest", "onrust in bestuur of toezicht"},
      {"supervisor_measures", "maatregelen van een toezichthouder"},
      {"disciplinary_or_criminal", "tucht- of strafzaak"},
      {"other", "overig"}};
  auto it = kWords.find(code);
  return it != kWords.end() ? it->second : code;
}

std::string SignalSourceInDutch(const std::string& code) {
  static const std::map<std::string, std::string> kWords = {
      {"provider", "de aanbieder zelf"},
      {"national_warning", "landelijke signalering"},
      {"accountant", "accountant"},
      {"supervisor", "toezichthouder"},
      {"media", "media"},
      {"own_analysis", "eigen analyse"}};
  auto it = kWords.find(code);
  return it != kWords.end() ? it->second : code;
}
}  // namespace

Warning Assess(const AccountRegion& region, const std::optional<ContinuityCase>& open_case,
               const std::vector<FinancialStatement>& statements,
               const std::vector<Signal>& signals, const RatioThresholds& thresholds, Day today) {
  Warning w;
  w.region = region;
  if (open_case && open_case->status == CaseStatus::kOpen) {
    w.case_step = open_case->step;
    w.score += 10 * open_case->step;
    w.reasons.push_back(absl::StrCat("Continuïteitsdossier open op trede ", open_case->step));
  }
  const FinancialStatement* latest = nullptr;
  for (const auto& s : statements) {
    if (!latest || s.period > latest->period) latest = &s;
  }
  if (latest) {
    const Ratios r = ComputeRatios(*latest, thresholds);
    const std::pair<const char*, const Ratio*> named[] = {{"Solvabiliteit", &r.solvency},
                                                          {"Current ratio", &r.current_ratio},
                                                          {"Rentabiliteit", &r.profitability}};
    for (const auto& [label, ratio] : named) {
      if (ratio->ratio_class == RatioClass::kWorst) {
        w.score += 5;
        w.reasons.push_back(absl::StrCat(label, " ", Pct(*ratio->hundredths), " (", latest->period,
                                         ") in de slechtste klasse"));
      }
    }
  }
  if (ThreeYearsOfLosses(statements)) {
    w.score += 5;
    w.reasons.push_back("Drie opeenvolgende jaren verlies");
  }
  for (const auto& s : signals) {
    if (s.reported_date + 365 < today) continue;
    w.score += s.written_confirmation_date ? 2 : 3;
    w.reasons.push_back(absl::StrCat(
        "Signaal: ", SignalCategoryInDutch(s.category), " (bron: ", SignalSourceInDutch(s.source),
        ")", s.written_confirmation_date ? "" : ", nog niet schriftelijk bevestigd"));
  }
  return w;
}

std::vector<Warning> Rank(std::vector<Warning> warnings) {
  warnings.erase(std::remove_if(warnings.begin(), warnings.end(),
                                [](const Warning& w) { return w.reasons.empty(); }),
                 warnings.end());
  std::stable_sort(warnings.begin(), warnings.end(), [](const Warning& a, const Warning& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.region.provider_name < b.region.provider_name;
  });
  return warnings;
}

}  // namespace ozjt::accountregion
