#include "services/registry/demo_data.h"

#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace ozjt::registry {
namespace {

// Twente's youth-care turnover in the demo's base year, in cents (EUR 200M).
constexpr int64_t kTwenteTurnoverCents = 200'000'000'00;
constexpr int kStrategic = 16;
constexpr int kLargest = 28;
constexpr int kTwenteAccountHolder = 4;

const char* const kKinds[] = {"Jeugdhulp",     "Zorggroep",      "Begeleiding",  "Gezinshuis",
                              "Jeugd-GGZ",     "Thuiszorg",      "Dagbesteding", "Opvoedsteun",
                              "Zorgboerderij", "Behandelcentrum"};
const char* const kNames[] = {
    "Esrand",      "Dinkeldal",  "Regge",       "Lemelerberg", "Kanaalzicht", "Boekelo",
    "Twickel",     "Elsbroek",   "Hulsbeek",    "Tankenberg",  "Vechtoever",  "Springendal",
    "Holterberg",  "Zuidkamp",   "Lutterzand",  "Hazelaar",    "Vlinderhof",  "Molenbelt",
    "Eikenhorst",  "Brinkhuis",  "Kroezeboom",  "Notenbalk",   "Wilgenweard", "Heideroos",
    "Esmarke",     "Oosterveld", "Velddijk",    "Schoolbeek",  "Roombeek",    "Lindehof",
    "Sterrenweg",  "Kleikuil",   "Bornsche Es", "Haarlerberg", "Zandhorst",   "Veenschap",
    "Weustenrade", "Kotten",     "Buurserzand", "Hexel"};
const char* const kOtherRegions[] = {
    "IJSSELLAND", "ACHTERHOEK", "DRENTHE",  "NOORD-VELUWE", "MIDDEN-IJSSEL-OOST-VELUWE",
    "FLEVOLAND",  "GRONINGEN",  "FRIESLAND"};

// A uniform number in [0, n) that is the same on every platform (unlike std distributions).
uint64_t Pick(std::mt19937_64& rng, uint64_t n) { return rng() % n; }

// Share of Twente's turnover (in parts per billion) for rank i (0 = largest).
std::vector<double> Shares(int count) {
  // Three groups with fixed totals, geometric within each group.
  auto group = [](int n, double total, double ratio) {
    std::vector<double> w(n);
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += (w[i] = std::pow(ratio, i));
    for (double& x : w) x = x / sum * total;
    return w;
  };
  std::vector<double> shares;
  const int strategic = std::min(count, kStrategic);
  const int next = std::max(0, std::min(count, kLargest) - kStrategic);
  const int rest = std::max(0, count - kLargest);
  for (double x : group(strategic, rest + next > 0 ? 0.52 : 1.0, 0.93)) shares.push_back(x);
  for (double x : group(next, rest > 0 ? 0.33 : 0.48, 0.95)) shares.push_back(x);
  for (double x : group(rest, 0.15, 0.995)) shares.push_back(x);
  return shares;
}

}  // namespace

const std::vector<std::string>& TwenteMunicipalities() {
  static const std::vector<std::string> kCodes = {"0141", "0147", "1774", "0153", "0158",
                                                  "0163", "0164", "1735", "0168", "0173",
                                                  "1742", "0183", "1700", "0189"};
  return kCodes;
}

namespace {

// The turnover of demo provider `i` (Twente's `share` of the region's turnover) over
// 2023-2025, drawn from `rng` after its other fields.
void AddDemoTurnover(Provider& p, int i, double share, std::mt19937_64& rng) {
  // Twente's part of the turnover follows the shares; the provider's other regions come on
  // top. The account-holding four earn most in Twente; the other large ones elsewhere;
  // the local ones work in Twente only.
  int twente_percent;
  if (i < kTwenteAccountHolder) {
    twente_percent = 60 + static_cast<int>(Pick(rng, 20));
  } else if (i < kLargest) {
    twente_percent = 25 + static_cast<int>(Pick(rng, 15));
  } else {
    twente_percent = 100;  // local providers work in Twente only
  }
  const std::string other =
      kOtherRegions[Pick(rng, sizeof(kOtherRegions) / sizeof(kOtherRegions[0]))];
  for (int year = 2023; year <= 2025; ++year) {
    // Turnover grows about 4% a year with the indexation.
    const double growth = std::pow(1.04, year - 2024);
    const int64_t twente = std::llround(kTwenteTurnoverCents * share * growth);
    const int64_t total = twente * 100 / twente_percent;
    AnnualTurnover t{year, total, {{"TWENTE", twente}}};
    if (total > twente) t.per_region.push_back({other, total - twente});
    std::sort(t.per_region.begin(), t.per_region.end(),
              [](const auto& a, const auto& b) { return a.region_code < b.region_code; });
    p.turnover.push_back(std::move(t));
  }
}

// The last few providers become the non-care parties the demo contracts need (hospitals,
// transport), when there are enough providers for them.
void NameNonCareParties(std::vector<Provider>& out,
                        const std::vector<std::string>& municipalities) {
  struct Special {
    const char* name;
    LegalForm form;
    std::vector<Law> laws;
  };
  const Special kSpecial[] = {
      {"Ziekenhuisgroep Twentehaven (fictief)", LegalForm::kStichting, {Law::kJeugdwet}},
      {"Medisch Centrum Reggedal (fictief)", LegalForm::kStichting, {Law::kJeugdwet}},
      {"Taxicentrale Twentse Ritten (fictief)", LegalForm::kBv, {Law::kJeugdwet, Law::kWmo}},
      {"Zorgvervoer Oost (fictief)", LegalForm::kBv, {Law::kJeugdwet, Law::kWmo}},
      {"Regiecentrale Vervoer Twente (fictief)", LegalForm::kBv, {Law::kWmo}},
      {"Ritmonitor Software (fictief)", LegalForm::kBv, {Law::kWmo}},
  };
  const int special = static_cast<int>(sizeof(kSpecial) / sizeof(kSpecial[0]));
  const int count = static_cast<int>(out.size());
  for (int k = 0; k < special && count - special + k >= kLargest; ++k) {
    Provider& p = out[count - special + k];
    p.name = kSpecial[k].name;
    p.legal_form = kSpecial[k].form;
    p.laws = kSpecial[k].laws;
    p.municipality_codes = municipalities;
    p.status = ProviderStatus::kContracted;
    for (auto& e : p.establishments) e.name = std::string(p.name.substr(0, p.name.size() - 10));
  }
}

}  // namespace

std::vector<Provider> DemoProviders(uint64_t seed, int count) {
  count = std::max(0, std::min(count, 10000));
  std::mt19937_64 rng(seed);
  const std::vector<double> shares = Shares(count);
  const auto& municipalities = TwenteMunicipalities();
  constexpr int kKindCount = sizeof(kKinds) / sizeof(kKinds[0]);
  constexpr int kNameCount = sizeof(kNames) / sizeof(kNames[0]);
  std::vector<Provider> out;
  out.reserve(count);
  for (int i = 0; i < count; ++i) {
    Provider p;
    // Every (kind, name) pair once before any repeats; a number keeps repeats apart.
    const int combo = i % (kKindCount * kNameCount);
    p.name = absl::StrCat(kKinds[combo % kKindCount], " ",
                          kNames[(combo / kKindCount + combo) % kNameCount],
                          i >= kKindCount * kNameCount ? absl::StrCat(" ", i) : "", " (fictief)");
    p.kvk_number = absl::StrFormat("%08d", 90000000 + i * 97);
    p.legal_form = Pick(rng, 10) < 7 ? LegalForm::kStichting : LegalForm::kBv;
    p.agb_codes = {absl::StrFormat("%08d", 98000000 + i * 131)};
    const int establishments = 1 + static_cast<int>(Pick(rng, i < kLargest ? 4 : 2));
    const bool strategic = i < kStrategic;
    p.tier = strategic ? Tier::kStrategic : Tier::kLocal;
    // Strategic providers work everywhere in Twente; local ones in one to five municipalities.
    if (strategic || i < kLargest) {
      p.municipality_codes = municipalities;
    } else {
      const int n = 1 + static_cast<int>(Pick(rng, 5));
      std::vector<std::string> pool = municipalities;
      for (int k = 0; k < n; ++k) {
        const size_t at = Pick(rng, pool.size());
        p.municipality_codes.push_back(pool[at]);
        pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(at));
      }
    }
    std::sort(p.municipality_codes.begin(), p.municipality_codes.end());
    for (int k = 0; k < establishments; ++k) {
      const std::string& where = p.municipality_codes[Pick(rng, p.municipality_codes.size())];
      p.establishments.push_back(
          {absl::StrFormat("%012d", 900000000000LL + i * 100LL + k),
           absl::StrCat(p.name.substr(0, p.name.size() - 10), " locatie ", k + 1), "", where});
    }
    const uint64_t law = Pick(rng, 10);
    p.laws = law < 7   ? std::vector<Law>{Law::kJeugdwet}
             : law < 9 ? std::vector<Law>{Law::kJeugdwet, Law::kWmo}
                       : std::vector<Law>{Law::kWmo};
    const uint64_t status = Pick(rng, 100);
    p.status = i < kLargest || status < 90 ? ProviderStatus::kContracted
               : status < 95               ? ProviderStatus::kApplicant
               : status < 98               ? ProviderStatus::kSuspended
                                           : ProviderStatus::kEnded;

    AddDemoTurnover(p, i, shares[i], rng);
    out.push_back(std::move(p));
  }
  NameNonCareParties(out, municipalities);
  return out;
}

int DemoProviderIndex(DemoParty party) { return kDemoProviderCount - 6 + static_cast<int>(party); }

}  // namespace ozjt::registry
