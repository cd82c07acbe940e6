// The contract management information of one quarter, computed from the stored message traffic
// of one municipality (or the region): per provider (AGB code), law, product category and code.
// Definitions (README, "Contract management information"; docs ijw.md section 7):
//  - Only the latest version of an allocation counts (per municipality, law and
//    ToewijzingNummer, by Toewijzingsdatum and -tijd); RedenWijziging 13 means never sent.
//  - A start or stop line is keyed by ToewijzingNummer, product and Begindatum; the latest
//    message about a key wins, and StatusAanlevering 3 deletes it.
//  - Allocations count in a quarter they overlap; starts by Begindatum; stops by Einddatum;
//    claim lines by their product period (one month, never split).
//  - Clients are distinct pseudonyms, never sums of rows.
//  - Allocated volume: Volume times the quarter's share of the frequency (per day: days; per
//    week: days/7; per month: the share of each month; in total: days/allocation days, an
//    open-ended one whole in the quarter it begins). Delivered: the claimed volume of granted
//    lines, a credit negative.
//  - Spend: declared = every line (credit negative); rejected = lines a 325 lists; granted =
//    declared - rejected on claims with an answer; pending = claims without an answer.
//  - Waiting time: first Begindatum - Toewijzingsdatum in days (0 when care started before the
//    allocation was made), counted in the quarter of the start; median and 80th percentile by
//    nearest rank; within the norm of the law and category (WaitNorms).
//  - Contract: the tariff line of the municipality, AGB code, law and product valid on the
//    allocation's first day in the quarter, the claim line's first day, or the stop's end
//    (TariffBook); 0 when none. A claim line whose ProductTarief differs from the contract's
//    (ExpectedTariff) is a tariff deviation, its effect the volume times the difference.
//  - Not started: allocations whose Ingangsdatum lies in or before the quarter, that had not
//    started by its last day and were not deleted.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/insight/ijw.h"

namespace ozjt::insight {

// A span of days, both ends inclusive: a quarter, a half year, a ceiling's year.
struct Period {
  absl::CivilDay first;
  absl::CivilDay last;
  absl::CivilDay First() const { return first; }
  absl::CivilDay Last() const { return last; }
  bool Contains(absl::CivilDay d) const { return d >= first && d <= last; }
};

struct Quarter {
  int year = 0;
  int quarter = 0;  // 1..4
  absl::CivilDay First() const { return absl::CivilDay(year, 3 * quarter - 2, 1); }
  absl::CivilDay Last() const { return absl::CivilDay(year, 3 * quarter + 1, 1) - 1; }
  bool Contains(absl::CivilDay d) const { return d >= First() && d <= Last(); }
  Period Span() const { return {First(), Last()}; }
  std::string Code() const;  // "2026-K1"
};
// "2026-K1" (or "2026-Q1"); INVALID_ARGUMENT otherwise.
absl::StatusOr<Quarter> ParseQuarter(const std::string& text);

// A stored item with the message it came in.
template <typename T>
struct Stored {
  int64_t message_id = 0;
  std::string municipality;  // CBS code
  std::string agb;
  Law law = Law::kJw;
  absl::CivilDay dated;  // the message's Dagtekening
  T item;
};

struct StoredClaimLine {
  std::string claim_number;
  ClaimLine line;
};

// Everything of the traffic that bears on a quarter (the store may give more).
struct Traffic {
  std::vector<Stored<Allocation>> allocations;
  std::vector<Stored<CareLine>> starts;
  std::vector<Stored<CareLine>> stops;
  std::vector<Stored<StoredClaimLine>> claim_lines;
  // Claims (AGB code, law, DeclaratieNummer) that have an answer (325).
  std::set<std::tuple<std::string, Law, std::string>> answered;
  // Rejected lines (AGB code, law, ReferentieNummer).
  std::set<std::tuple<std::string, Law, std::string>> rejected;
};

// A contract's tariff line as the messages are matched against it: the contract's providers by
// their AGB codes, the municipalities it holds for, the product and its tariff, its validity.
struct Tariff {
  int64_t contract_id = 0;
  std::string contract_reference;
  std::set<std::string> agb_codes;
  std::set<std::string> municipalities;
  Law law = Law::kJw;
  std::string category;
  std::string code;
  std::string unit;  // WJ756
  int64_t amount_cents = 0;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
};

// The contracts' tariff lines, for matching a message to a contract: municipality, AGB code,
// law, product category and code, valid on the day (docs ijw.md section 3).
class TariffBook {
 public:
  TariffBook() = default;
  explicit TariffBook(std::vector<Tariff> tariffs);
  // The tariff line for `unit` (an hour line for minutes, IV081; else any unit) valid on `day`,
  // of the latest valid_from when several are; nullptr when no contract has the product.
  const Tariff* Match(const std::string& municipality, const std::string& agb, Law law,
                      const Product& product, const std::string& unit, absl::CivilDay day) const;

 private:
  std::vector<Tariff> tariffs_;
  std::map<std::tuple<std::string, Law, std::string, std::string>, std::vector<size_t>> index_;
};

// The contract tariff a claim line's ProductTarief must equal: the line's own, or for a claim in
// minutes (01) against an hour tariff (04) the hour tariff / 60 rounded to whole cents (IV081).
// nullopt when the units cannot be compared (or the unit is 83, euros).
std::optional<int64_t> ExpectedTariff(const Tariff& tariff, const std::string& claim_unit);

// Waiting-time norms in days: a default and per law and category ("jw/45").
struct WaitNorms {
  int default_days = 42;
  std::map<std::string, int> by_category;
  int For(Law law, const std::string& category) const;
};
// "42" or "42,jw/45=28,wmo/07=42"; empty: the default. INVALID_ARGUMENT naming the part.
absl::StatusOr<WaitNorms> ParseWaitNorms(const std::string& text);

struct RowKey {
  int64_t contract_id = 0;  // 0: matched to no contract
  std::string agb;
  Law law = Law::kJw;
  std::string category;
  std::string code;
  bool operator<(const RowKey& o) const {
    return std::tie(contract_id, agb, law, category, code) <
           std::tie(o.contract_id, o.agb, o.law, o.category, o.code);
  }
};

struct Volume {
  double allocated = 0;  // in the unit, to one decimal when shown
  int64_t delivered = 0;
};

struct Waits {
  int count = 0;
  int median_days = 0;
  int p80_days = 0;
  int within_norm = 0;  // of count
  int norm_days = 0;
};

// A claim line at a price other than its contract's tariff line.
struct TariffDeviation {
  std::string agb;
  Law law = Law::kJw;
  int64_t contract_id = 0;
  std::string claim_number;
  std::string reference;  // the claim line's
  Product product;
  absl::CivilDay from, to;
  int64_t volume = 0;
  std::string unit;
  int64_t tariff_cents = 0;    // claimed (ProductTarief)
  int64_t contract_cents = 0;  // the contract's
  int64_t effect_cents = 0;    // volume x the difference
  bool rejected = false;       // by the municipality's answer
};

struct Figures {
  int64_t clients_allocated = 0;
  int64_t clients_served = 0;
  int64_t allocations = 0;
  std::map<std::string, Volume> volume_by_unit;  // WJ756 unit
  int64_t declared_cents = 0;
  int64_t granted_cents = 0;
  int64_t rejected_cents = 0;
  int64_t pending_cents = 0;
  Waits waits;
  int64_t tariff_deviations = 0;
  int64_t deviation_cents = 0;  // the amount effect of the deviations
  int64_t not_started = 0;
  std::map<std::string, int64_t> ended_by_reason;  // RedenBeeindiging
};

struct QuarterFigures {
  Quarter quarter;
  std::vector<std::pair<RowKey, Figures>> rows;
  Figures total;  // distinct clients over all rows; sums otherwise; no volume per unit
  std::vector<TariffDeviation> deviations;  // by provider, claim and line
};

QuarterFigures Compute(const Traffic& traffic, const Quarter& quarter, const WaitNorms& norms,
                       const TariffBook& tariffs = TariffBook());
// The same figures over any span of days (a half year, a ceiling's year); `quarter` is left
// empty. Per quarter and per period the rules are the same: what lies in the span counts.
QuarterFigures Compute(const Traffic& traffic, const Period& period, const WaitNorms& norms,
                       const TariffBook& tariffs = TariffBook());

// The value still to come of the specific allocations (those with a volume) of `contract_id`
// and the AGB codes `agbs` in [from, to]: per latest allocation that stands (not deleted, its
// care not stopped before `from`), its allocated volume in the span times the contract's
// tariff (ExpectedTariff of the line matched on the span's first day it runs), rounded to
// cents. The forecast of a spending ceiling (docs ijw.md section 9).
int64_t RemainingValue(const Traffic& traffic, const TariffBook& tariffs, int64_t contract_id,
                       const std::set<std::string>& agbs, absl::CivilDay from, absl::CivilDay to);

// The allocated volume of `a` in [from, to] (both inclusive); 0 without Omvang.
double AllocatedVolume(const Allocation& a, absl::CivilDay from, absl::CivilDay to);

// Name of a unit (WJ756) in Dutch: "uur", "minuut", ...
const char* UnitName(const std::string& unit);

}  // namespace ozjt::insight
