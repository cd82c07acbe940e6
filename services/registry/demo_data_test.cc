#include "services/registry/demo_data.h"

#include <gtest/gtest.h>

#include <set>

namespace ozjt::registry {
namespace {

int64_t TwenteTurnover(const Provider& p, int year) {
  for (const auto& t : p.turnover) {
    if (t.year != year) continue;
    for (const auto& r : t.per_region) {
      if (r.region_code == "TWENTE") return r.amount_cents;
    }
  }
  return 0;
}

TEST(DemoDataTest, IsDeterministic) {
  auto a = DemoProviders(), b = DemoProviders();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(SameData(a[i], b[i])) << i;
}

TEST(DemoDataTest, FollowsTheSeedsTurnoverShape) {
  auto providers = DemoProviders();
  ASSERT_EQ(providers.size(), 400u);
  int64_t total = 0, top16 = 0, top28 = 0;
  int strategic = 0;
  for (size_t i = 0; i < providers.size(); ++i) {
    const int64_t t = TwenteTurnover(providers[i], 2024);
    total += t;
    if (i < 16) top16 += t;
    if (i < 28) top28 += t;
    strategic += providers[i].tier == Tier::kStrategic;
  }
  EXPECT_EQ(strategic, 16);
  EXPECT_GT(top16 * 100, total * 50);                           // > 50%
  EXPECT_NEAR(static_cast<double>(top28) / total, 0.85, 0.01);  // ~85%
}

TEST(DemoDataTest, TwenteIsTheLargestRegionOfExactlyFourProviders) {
  int count = 0;
  for (const auto& p : DemoProviders()) {
    if (p.turnover.empty()) continue;
    const auto& last = p.turnover.back();
    const RegionTurnover* largest = nullptr;
    for (const auto& r : last.per_region) {
      if (!largest || r.amount_cents > largest->amount_cents) largest = &r;
    }
    // Twente-only providers are not cross-regional; count only those with another region.
    if (last.per_region.size() > 1 && largest->region_code == "TWENTE") ++count;
  }
  EXPECT_EQ(count, 4);
}

TEST(DemoDataTest, EveryProviderIsValidAndFictitious) {
  ReferenceCodes refs;
  for (const auto& m : TwenteMunicipalities()) refs.municipalities.insert(m);
  refs.regions = {"TWENTE",    "IJSSELLAND",   "ACHTERHOEK",
                  "DRENTHE",   "NOORD-VELUWE", "MIDDEN-IJSSEL-OOST-VELUWE",
                  "FLEVOLAND", "GRONINGEN",    "FRIESLAND"};
  std::set<std::string> kvks, names;
  for (Provider p : DemoProviders()) {
    EXPECT_TRUE(Prepare(p, refs, "").ok()) << p.name << ": " << Validate(p, refs, "");
    EXPECT_NE(p.name.find("(fictief)"), std::string::npos);
    EXPECT_TRUE(kvks.insert(p.kvk_number).second);
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
  }
}

}  // namespace
}  // namespace ozjt::registry
