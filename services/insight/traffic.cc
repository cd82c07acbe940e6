#include "services/insight/traffic.h"

#include <algorithm>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/insight/ijw.h"
#include "services/insight/ijw_writer.h"

namespace ozjt::insight {
namespace {

using absl::CivilDay;

constexpr const char* kJwEndReasons[] = {"31", "31", "31", "31", "31",
                                         "32", "33", "34", "35", "38"};
constexpr const char* kWmoEndReasons[] = {"19", "19", "19", "19", "19",
                                          "21", "22", "23", "31", "38"};

using ProductSpec = TrafficProduct;

class Generator {
 public:
  Generator(const TrafficOptions& o,
            const std::function<void(const std::string&, const std::string&)>& emit)
      : o_(o), emit_(emit), rng_(o.seed) {}

  int64_t Run() {
    for (int c = 0; c < o_.clients; ++c) Client(c);
    return count_;
  }

 private:
  // The next BSN of the test range that passes the 11-proef: eight-digit prefixes from
  // 99990000 up, the ninth digit making the sum hold (a prefix whose remainder is 10 has none
  // and is skipped); after 99999999 the range starts again (clients then share a BSN).
  std::string NextBsn() {
    for (;;) {
      if (bsn_prefix_ > 99999999) bsn_prefix_ = 99990000;
      const std::string p = std::to_string(bsn_prefix_++);
      int sum = 0;
      for (int i = 0; i < 8; ++i) sum += (9 - i) * (p[i] - '0');
      if (sum % 11 < 10) return p + static_cast<char>('0' + sum % 11);
    }
  }

  uint64_t Below(uint64_t n) { return n == 0 ? 0 : rng_() % n; }
  bool Chance(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

  Header HeaderOf(Law law, MessageType type, const std::string& municipality,
                  const std::string& agb, CivilDay dated) {
    Header h;
    h.law = law;
    h.type = type;
    const bool from_municipality = type == 301 || type == 325;
    h.sender = from_municipality ? municipality : agb;
    h.receiver = from_municipality ? agb : municipality;
    // Unique per type (and so per type and sender): the id letter, the type and eight digits.
    h.identification = absl::StrFormat("%c%d%08d", o_.id_letter, type, ++ids_[type]);
    h.dated = dated;
    return h;
  }

  void Emit(const Header& h, const std::string& xml) {
    ++count_;
    emit_(absl::StrCat(Code(h.law), h.type, "/", h.sender, "-", h.identification, ".xml"), xml);
  }

  // 70% of clients Jeugdwet (when there are Jeugdwet products), then one of that law's.
  const ProductSpec& PickProduct() {
    std::vector<const ProductSpec*> jw, wmo;
    for (const auto& p : o_.products) (p.law == Law::kJw ? jw : wmo).push_back(&p);
    const auto& pool = (Chance(70) && !jw.empty()) || wmo.empty() ? jw : wmo;
    return *pool[Below(pool.size())];
  }

  void Client(int c) {
    const std::string bsn = NextBsn();
    const ProductSpec& p = PickProduct();
    const std::string& municipality = o_.municipalities[Below(o_.municipalities.size())];
    const std::string& agb = o_.agb_codes[Below(o_.agb_codes.size())];
    const int span = std::max(1, static_cast<int>(o_.to - o_.from) - 30);
    Allocation a;
    a.number = 100000 + c;
    a.product = {p.category, p.code};
    a.allocated_on = o_.from + static_cast<int>(Below(span));
    a.allocated_at = absl::StrFormat("%02d:%02d:00", 8 + Below(9), Below(60));
    a.starts_on = a.allocated_on;  // care may start from the day of the decision
    a.ends_on = a.starts_on + 179;
    a.volume = p.volume;
    a.unit = p.unit;
    a.frequency = p.frequency;
    if (Chance(30)) {  // the provider asked first (315)
      Request q;
      a.reference = absl::StrCat("VOT", c);
      q.reference = a.reference;
      q.product = a.product;
      q.starts_on = a.starts_on;
      const CivilDay asked = a.allocated_on - static_cast<int>(2 + Below(9));
      Emit315(p.law, municipality, agb, bsn, q, asked);
    }
    {
      const Header h = HeaderOf(p.law, 301, municipality, agb, a.allocated_on);
      Emit(h, WriteAllocations(h, bsn, {a}));
    }
    if (Chance(5)) {  // changed: one more unit, same number
      a.allocated_on = a.allocated_on + static_cast<int>(3 + Below(10));
      a.change_reason = "03";
      a.volume = *a.volume + 1;
      if (a.allocated_on <= o_.to) {
        {
          const Header h = HeaderOf(p.law, 301, municipality, agb, a.allocated_on);
          Emit(h, WriteAllocations(h, bsn, {a}));
        }
      }
    }
    if (Chance(1)) {  // deleted: as if never sent
      a.allocated_on = a.allocated_on + 2;
      a.change_reason = "13";
      if (a.allocated_on <= o_.to) {
        {
          const Header h = HeaderOf(p.law, 301, municipality, agb, a.allocated_on);
          Emit(h, WriteAllocations(h, bsn, {a}));
        }
      }
      return;
    }
    if (Chance(12)) return;  // never started
    const double u = static_cast<double>(Below(1000)) / 1000.0;
    const CivilDay begins = a.allocated_on + static_cast<int>(2 + 60 * u * u);
    if (begins + 5 > o_.to) return;
    Lifecycle(p, a, municipality, agb, bsn, begins);
  }

  void Emit315(Law law, const std::string& municipality, const std::string& agb,
               const std::string& bsn, const Request& q, CivilDay asked) {
    {
      const Header h = HeaderOf(law, 315, municipality, agb, asked);
      Emit(h, WriteRequests(h, bsn, {q}));
    }
  }

  void Lifecycle(const ProductSpec& p, const Allocation& a, const std::string& municipality,
                 const std::string& agb, const std::string& bsn, CivilDay begins) {
    CareLine start;
    start.number = a.number;
    start.product = a.product;
    start.begins_on = begins;
    if (Chance(3)) {  // a wrong date, deleted and sent again
      CareLine wrong = start;
      wrong.begins_on = begins - 2;
      {
        const Header h = HeaderOf(p.law, 305, municipality, agb, begins + 3);
        Emit(h, WriteCareLines(h, bsn, {wrong}));
      }
      wrong.status = 3;
      {
        const Header h = HeaderOf(p.law, 305, municipality, agb, begins + 5);
        Emit(h, WriteCareLines(h, bsn, {wrong, start}));
      }
    } else {
      {
        const Header h = HeaderOf(p.law, 305, municipality, agb, begins + 3);
        Emit(h, WriteCareLines(h, bsn, {start}));
      }
    }
    const CivilDay ends = Chance(10) ? begins + static_cast<int>(30 + Below(90)) : *a.ends_on;
    Claims(p, a, municipality, agb, bsn, begins, ends);
    if (ends + 5 <= o_.to) {
      CareLine stop = start;
      stop.ends_on = ends;
      stop.end_reason = p.law == Law::kJw ? kJwEndReasons[Below(10)] : kWmoEndReasons[Below(10)];
      {
        const Header h = HeaderOf(p.law, 307, municipality, agb, ends + 5);
        Emit(h, WriteCareLines(h, bsn, {stop}));
      }
    }
  }

  // One claim a month from the start to the end of care, sent on the 5th of the next month;
  // the answer ten days later.
  void Claims(const ProductSpec& p, const Allocation& a, const std::string& municipality,
              const std::string& agb, const std::string& bsn, CivilDay begins, CivilDay ends) {
    std::optional<ClaimLine> to_credit;
    for (absl::CivilMonth m(begins); m <= absl::CivilMonth(ends); ++m) {
      const CivilDay from = std::max(CivilDay(m), begins);
      const CivilDay to = std::min(CivilDay(m + 1) - 1, ends);
      const CivilDay sent = CivilDay(m + 1) + 4;
      if (sent > o_.to) return;
      Claim claim;
      claim.number = absl::StrFormat("D%d%05d", static_cast<int>(m.month()), ++claims_);
      claim.period_from = CivilDay(m);
      claim.period_to = CivilDay(m + 1) - 1;
      ClaimLine l;
      l.client = bsn;
      l.reference = absl::StrCat("P", claims_);
      l.number = a.number;
      l.product = a.product;
      l.from = from;
      l.to = to;
      const double days = static_cast<double>(to - from + 1);
      const double allocated = p.frequency == "1" ? days * static_cast<double>(p.volume)
                                                  : days / 7.0 * static_cast<double>(p.volume);
      l.volume =
          std::max<int64_t>(1, static_cast<int64_t>(allocated) - static_cast<int64_t>(Below(2)));
      l.unit = p.unit;
      const bool deviates = Chance(3);
      l.tariff_cents = p.tariff_cents + (deviates ? 250 : 0);
      l.amount_cents = l.volume * *l.tariff_cents;
      claim.lines.push_back(l);
      if (to_credit) {  // credit last month's line
        ClaimLine credit = *to_credit;
        credit.previous_reference = credit.reference;
        credit.reference = absl::StrCat("C", claims_);
        credit.volume = -credit.volume;
        credit.amount_cents = -credit.amount_cents;
        claim.lines.push_back(credit);
        to_credit.reset();
      }
      for (const auto& line : claim.lines) claim.total_cents += line.amount_cents;
      const Header claim_header = HeaderOf(p.law, 323, municipality, agb, sent);
      Emit(claim_header, WriteClaim(claim_header, claim));
      if (!deviates && Chance(2)) to_credit = l;
      if (sent + 10 <= o_.to) {
        std::vector<std::pair<std::string, std::string>> rejected;
        if (deviates) rejected.emplace_back(l.reference, "0611");
        {
          const Header h = HeaderOf(p.law, 325, municipality, agb, sent + 10);
          Emit(h, WriteClaimAnswer(h, claim_header, claim, rejected));
        }
      }
    }
  }

  const TrafficOptions& o_;
  const std::function<void(const std::string&, const std::string&)>& emit_;
  std::mt19937_64 rng_;
  std::map<int, int64_t> ids_;
  int64_t claims_ = 0;
  int64_t count_ = 0;
  int64_t bsn_prefix_ = 99990000;
};

}  // namespace

std::vector<TrafficProduct> DefaultTrafficProducts() {
  // Illustrative codes and tariffs, like docs ijw.md's 45A03 at EUR 89.50.
  return {
      {Law::kJw, "45", "45A03", "04", "2", 3, 8950},   // ambulant, hours a week
      {Law::kJw, "54", "54B02", "04", "2", 2, 10500},  // jeugd-ggz
      {Law::kJw, "43", "43A01", "14", "1", 1, 21500},  // verblijf, etmalen a day
      {Law::kWmo, "02", "02A01", "04", "2", 4, 6500},  // begeleiding
      {Law::kWmo, "07", "07A02", "16", "2", 3, 4200},  // dagbesteding, dagdelen
      {Law::kWmo, "01", "01A01", "04", "2", 3, 3900},  // hulp bij het huishouden
  };
}

int64_t GenerateTraffic(const TrafficOptions& options,
                        const std::function<void(const std::string&, const std::string&)>& emit) {
  return Generator(options, emit).Run();
}

}  // namespace ozjt::insight
