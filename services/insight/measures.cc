#include "services/insight/measures.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/platform/status.h"

namespace ozjt::insight {
namespace {

using AllocationKey = std::tuple<std::string, Law, int64_t>;  // municipality, law, number

// The later of two versions of an allocation: by Toewijzingsdatum and -tijd, then the message.
bool Later(const Stored<Allocation>& a, const Stored<Allocation>& b) {
  return std::tie(a.item.allocated_on, a.item.allocated_at, a.dated, a.message_id) >
         std::tie(b.item.allocated_on, b.item.allocated_at, b.dated, b.message_id);
}

std::map<AllocationKey, const Stored<Allocation>*> LatestAllocations(const Traffic& t) {
  std::map<AllocationKey, const Stored<Allocation>*> latest;
  for (const auto& a : t.allocations) {
    auto& slot = latest[{a.municipality, a.law, a.item.number}];
    if (slot == nullptr || Later(a, *slot)) slot = &a;
  }
  for (auto it = latest.begin(); it != latest.end();) {
    it = it->second->item.change_reason == "13" ? latest.erase(it) : std::next(it);
  }
  return latest;
}

// The start or stop lines that stand: per key the latest message, without deleted ones.
std::vector<const Stored<CareLine>*> Standing(const std::vector<Stored<CareLine>>& lines) {
  using Key =
      std::tuple<std::string, std::string, Law, int64_t, std::string, std::string, absl::CivilDay>;
  std::map<Key, const Stored<CareLine>*> latest;
  for (const auto& l : lines) {
    auto& slot = latest[{l.municipality, l.agb, l.law, l.item.number, l.item.product.category,
                         l.item.product.code, l.item.begins_on}];
    if (slot == nullptr ||
        std::tie(l.dated, l.message_id) > std::tie(slot->dated, slot->message_id)) {
      slot = &l;
    }
  }
  std::vector<const Stored<CareLine>*> out;
  for (const auto& [key, l] : latest) {
    if (l->item.status == 1) out.push_back(l);
  }
  return out;
}

int NearestRank(const std::vector<int>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::max<size_t>(rank, 1) - 1];
}

struct Accumulator {
  Figures f;
  std::set<std::string> allocated, served;
  std::vector<int> waits;
};

void Finish(Accumulator& acc) {
  acc.f.clients_allocated = static_cast<int64_t>(acc.allocated.size());
  acc.f.clients_served = static_cast<int64_t>(acc.served.size());
  std::sort(acc.waits.begin(), acc.waits.end());
  acc.f.waits.count = static_cast<int>(acc.waits.size());
  acc.f.waits.median_days = NearestRank(acc.waits, 0.5);
  acc.f.waits.p80_days = NearestRank(acc.waits, 0.8);
}

int DaysInMonth(absl::CivilMonth m) {
  return static_cast<int>(absl::CivilDay(m + 1) - absl::CivilDay(m));
}

}  // namespace

std::string Quarter::Code() const { return absl::StrCat(year, "-K", quarter); }

absl::StatusOr<Quarter> ParseQuarter(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, '-');
  Quarter q;
  if (parts.size() != 2 || parts[1].size() != 2 || (parts[1][0] != 'K' && parts[1][0] != 'Q') ||
      !absl::SimpleAtoi(parts[0], &q.year) || !absl::SimpleAtoi(parts[1].substr(1), &q.quarter) ||
      q.year < 2015 || q.year > 2100 || q.quarter < 1 || q.quarter > 4) {
    return platform::InvalidField(
        "quarter", absl::StrCat("a quarter is YYYY-K1 to YYYY-K4, not '", text, "'"),
        absl::StrCat("Een kwartaal schrijft u als JJJJ-K1 tot en met JJJJ-K4 (bijvoorbeeld "
                     "2026-K1), niet '",
                     text, "'."));
  }
  return q;
}

TariffBook::TariffBook(std::vector<Tariff> tariffs) : tariffs_(std::move(tariffs)) {
  for (size_t i = 0; i < tariffs_.size(); ++i) {
    const Tariff& t = tariffs_[i];
    for (const auto& agb : t.agb_codes) index_[{agb, t.law, t.category, t.code}].push_back(i);
  }
}

const Tariff* TariffBook::Match(const std::string& municipality, const std::string& agb, Law law,
                                const Product& product, const std::string& unit,
                                absl::CivilDay day) const {
  auto it = index_.find({agb, law, product.category, product.code});
  if (it == index_.end()) return nullptr;
  const Tariff* best = nullptr;
  int best_rank = -1;
  for (size_t i : it->second) {
    const Tariff& t = tariffs_[i];
    if (!t.municipalities.count(municipality) || day < t.valid_from ||
        (t.valid_to && day > *t.valid_to)) {
      continue;
    }
    // Prefer the claim's unit, then an hour line for minutes, then any; then the latest line.
    const int rank = t.unit == unit ? 2 : (unit == "01" && t.unit == "04") ? 1 : 0;
    if (best == nullptr || rank > best_rank ||
        (rank == best_rank && t.valid_from > best->valid_from)) {
      best = &t;
      best_rank = rank;
    }
  }
  return best;
}

std::optional<int64_t> ExpectedTariff(const Tariff& tariff, const std::string& claim_unit) {
  if (claim_unit == "83") return std::nullopt;
  if (tariff.unit == claim_unit) return tariff.amount_cents;
  if (claim_unit == "01" && tariff.unit == "04") return (tariff.amount_cents + 30) / 60;
  return std::nullopt;
}

int WaitNorms::For(Law law, const std::string& category) const {
  auto it = by_category.find(absl::StrCat(Code(law), "/", category));
  return it == by_category.end() ? default_days : it->second;
}

absl::StatusOr<WaitNorms> ParseWaitNorms(const std::string& text) {
  WaitNorms norms;
  if (text.empty()) return norms;
  bool first = true;
  for (absl::string_view part : absl::StrSplit(text, ',')) {
    std::string key;
    absl::string_view days = part;
    if (!first || absl::StrContains(part, '=')) {
      const std::vector<absl::string_view> kv = absl::StrSplit(part, '=');
      const std::vector<absl::string_view> lc =
          kv.size() == 2 ? absl::StrSplit(kv[0], '/') : std::vector<absl::string_view>{};
      if (lc.size() != 2 || (lc[0] != "jw" && lc[0] != "wmo") || lc[1].size() != 2) {
        return absl::InvalidArgumentError(absl::StrCat("OZJT_INSIGHT_WAIT_NORMS: '", part,
                                                       "' is not law/category=days (jw/45=28)"));
      }
      key = std::string(kv[0]);
      days = kv[1];
    }
    int value = 0;
    if (!absl::SimpleAtoi(days, &value) || value < 0 || value > 730) {
      return absl::InvalidArgumentError(absl::StrCat("OZJT_INSIGHT_WAIT_NORMS: '", part,
                                                     "': days are a whole number from 0 to 730"));
    }
    (key.empty() ? norms.default_days : norms.by_category[key]) = value;
    first = false;
  }
  return norms;
}

double AllocatedVolume(const Allocation& a, absl::CivilDay from, absl::CivilDay to) {
  if (!a.volume) return 0;
  from = std::max(from, a.starts_on);
  if (a.ends_on) to = std::min(to, *a.ends_on);
  if (to < from) return 0;
  const auto v = static_cast<double>(*a.volume);
  const auto days = static_cast<double>(to - from + 1);
  if (a.frequency == "1") return v * days;
  if (a.frequency == "2") return v * days / 7.0;
  if (a.frequency == "4") {
    double months = 0;
    for (absl::CivilMonth m(from); m <= absl::CivilMonth(to); ++m) {
      const absl::CivilDay first = std::max(absl::CivilDay(m), from);
      const absl::CivilDay last = std::min(absl::CivilDay(m + 1) - 1, to);
      months += static_cast<double>(last - first + 1) / DaysInMonth(m);
    }
    return v * months;
  }
  // In total within the allocation's period (6, or no frequency).
  if (!a.ends_on) return a.starts_on >= from && a.starts_on <= to ? v : 0;
  return v * days / static_cast<double>(*a.ends_on - a.starts_on + 1);
}

const char* UnitName(const std::string& unit) {
  static const std::map<std::string, const char*> kNames = {
      {"01", "minuten"}, {"04", "uren"},   {"14", "etmalen"},           {"16", "dagdelen"},
      {"82", "stuks"},   {"83", "euro's"}, {"84", "stuks (inspanning)"}};
  auto it = kNames.find(unit);
  return it == kNames.end() ? "?" : it->second;
}

namespace {

// One quarter's figures, built message kind by message kind.
class QuarterBuilder {
 public:
  QuarterBuilder(const Traffic& t, const Period& q, const WaitNorms& norms,
                 const TariffBook& tariffs)
      : t_(t), q_(q), norms_(norms), tariffs_(tariffs), latest_(LatestAllocations(t)) {}

  QuarterFigures Build() && {
    Allocations();
    Stops();
    for (const auto& stored : t_.claim_lines) {
      if (q_.Contains(stored.item.line.from)) ClaimLineOf(stored);
    }
    for (auto& [key, acc] : rows_) {
      Finish(acc);
      out_.rows.emplace_back(key, std::move(acc.f));
    }
    Finish(total_);
    total_.f.waits.norm_days = norms_.default_days;
    out_.total = std::move(total_.f);
    return std::move(out_);
  }

 private:
  RowKey KeyOf(const Tariff* tariff, const std::string& agb, Law law, const Product& p) const {
    return {tariff ? tariff->contract_id : 0, agb, law, p.category, p.code};
  }

  // The first start of each allocation (a start names its ToewijzingNummer).
  std::map<AllocationKey, absl::CivilDay> FirstStarts() const {
    std::map<AllocationKey, absl::CivilDay> first;
    for (const auto* s : Standing(t_.starts)) {
      if (s->item.number == 0) continue;
      auto [it, fresh] =
          first.try_emplace({s->municipality, s->law, s->item.number}, s->item.begins_on);
      if (!fresh) it->second = std::min(it->second, s->item.begins_on);
    }
    return first;
  }

  void Allocations() {
    const auto first_start = FirstStarts();
    for (const auto& [key, stored] : latest_) {
      const Allocation& a = stored->item;
      const RowKey row = KeyOf(tariffs_.Match(stored->municipality, stored->agb, stored->law,
                                              a.product, a.unit, std::max(a.starts_on, q_.First())),
                               stored->agb, stored->law, a.product);
      const auto start = first_start.find(key);
      const std::optional<absl::CivilDay> started =
          start == first_start.end() ? std::nullopt : std::optional(start->second);
      if (a.starts_on <= q_.Last() && (!a.ends_on || *a.ends_on >= q_.First())) {
        for (Accumulator* acc : {&rows_[row], &total_}) {
          acc->f.allocations += 1;
          acc->allocated.insert(a.client);
          if (!started || *started > q_.Last()) acc->f.not_started += 1;
        }
        if (a.volume) {
          rows_[row].f.volume_by_unit[a.unit].allocated +=
              AllocatedVolume(a, q_.First(), q_.Last());
        }
      }
      if (started && q_.Contains(*started)) {
        const int wait = std::max(0, static_cast<int>(*started - a.allocated_on));
        const int norm = norms_.For(stored->law, a.product.category);
        for (Accumulator* acc : {&rows_[row], &total_}) {
          acc->waits.push_back(wait);
          if (wait <= norm) acc->f.waits.within_norm += 1;
        }
        rows_[row].f.waits.norm_days = norm;
      }
    }
  }

  void Stops() {
    for (const auto* s : Standing(t_.stops)) {
      if (!s->item.ends_on || !q_.Contains(*s->item.ends_on)) continue;
      Product product = s->item.product;
      if (product.category.empty()) {
        auto a = latest_.find({s->municipality, s->law, s->item.number});
        if (a != latest_.end()) product = a->second->item.product;
      }
      const RowKey key =
          KeyOf(tariffs_.Match(s->municipality, s->agb, s->law, product, "", *s->item.ends_on),
                s->agb, s->law, product);
      for (Accumulator* acc : {&rows_[key], &total_}) {
        acc->f.ended_by_reason[s->item.end_reason] += 1;
      }
    }
  }

  void ClaimLineOf(const Stored<StoredClaimLine>& stored) {
    const ClaimLine& l = stored.item.line;
    const bool rejected = t_.rejected.count({stored.agb, stored.law, l.reference}) > 0;
    const bool answered = t_.answered.count({stored.agb, stored.law, stored.item.claim_number}) > 0;
    const Tariff* tariff =
        tariffs_.Match(stored.municipality, stored.agb, stored.law, l.product, l.unit, l.from);
    Accumulator& row = rows_[KeyOf(tariff, stored.agb, stored.law, l.product)];
    const std::optional<int64_t> expected =
        tariff && l.tariff_cents ? ExpectedTariff(*tariff, l.unit) : std::nullopt;
    if (expected && *l.tariff_cents != *expected) {
      const int64_t effect = l.volume * (*l.tariff_cents - *expected);
      for (Accumulator* acc : {&row, &total_}) {
        acc->f.tariff_deviations += 1;
        acc->f.deviation_cents += effect;
      }
      out_.deviations.push_back({stored.agb, stored.law, tariff->contract_id,
                                 stored.item.claim_number, l.reference, l.product, l.from, l.to,
                                 l.volume, l.unit, *l.tariff_cents, *expected, effect, rejected});
    }
    for (Accumulator* acc : {&row, &total_}) {
      acc->f.declared_cents += l.amount_cents;
      if (rejected) {
        acc->f.rejected_cents += l.amount_cents;
      } else {
        (answered ? acc->f.granted_cents : acc->f.pending_cents) += l.amount_cents;
        acc->served.insert(l.client);
      }
    }
    if (!rejected) row.f.volume_by_unit[l.unit].delivered += l.volume;
  }

  const Traffic& t_;
  const Period q_;
  const WaitNorms& norms_;
  const TariffBook& tariffs_;
  const std::map<AllocationKey, const Stored<Allocation>*> latest_;
  QuarterFigures out_;
  std::map<RowKey, Accumulator> rows_;
  Accumulator total_;
};

}  // namespace

QuarterFigures Compute(const Traffic& t, const Quarter& q, const WaitNorms& norms,
                       const TariffBook& tariffs) {
  QuarterFigures out = QuarterBuilder(t, q.Span(), norms, tariffs).Build();
  out.quarter = q;
  return out;
}

QuarterFigures Compute(const Traffic& t, const Period& p, const WaitNorms& norms,
                       const TariffBook& tariffs) {
  return QuarterBuilder(t, p, norms, tariffs).Build();
}

int64_t RemainingValue(const Traffic& t, const TariffBook& tariffs, int64_t contract_id,
                       const std::set<std::string>& agbs, absl::CivilDay from, absl::CivilDay to) {
  // The day each allocation's care stopped (a standing stop line with an end).
  std::map<AllocationKey, absl::CivilDay> stopped;
  for (const auto* s : Standing(t.stops)) {
    if (!s->item.ends_on) continue;
    auto [it, fresh] =
        stopped.try_emplace({s->municipality, s->law, s->item.number}, *s->item.ends_on);
    if (!fresh) it->second = std::max(it->second, *s->item.ends_on);
  }
  double cents = 0;
  for (const auto& [key, stored] : LatestAllocations(t)) {
    const Allocation& a = stored->item;
    if (!a.volume || agbs.count(stored->agb) == 0) continue;
    const auto stop = stopped.find(key);
    absl::CivilDay last = std::min(to, a.ends_on.value_or(to));
    if (stop != stopped.end()) last = std::min(last, stop->second);
    const absl::CivilDay first = std::max(from, a.starts_on);
    if (first > last) continue;
    const Tariff* tariff =
        tariffs.Match(stored->municipality, stored->agb, stored->law, a.product, a.unit, first);
    if (tariff == nullptr || tariff->contract_id != contract_id) continue;
    const std::optional<int64_t> price = ExpectedTariff(*tariff, a.unit);
    if (!price) continue;
    cents += AllocatedVolume(a, first, last) * static_cast<double>(*price);
  }
  return static_cast<int64_t>(std::llround(cents));
}

}  // namespace ozjt::insight
