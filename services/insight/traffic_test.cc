// The synthetic traffic: every message parses, identifications are unique, the mix is as
// documented, and a seed gives the same bytes.
#include "services/insight/traffic.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <set>

#include "services/insight/ijw.h"
#include "services/insight/pseudonym.h"

namespace ozjt::insight {
namespace {

TrafficOptions Options() {
  TrafficOptions o;
  o.municipalities = {"0153", "0164", "1774"};
  o.agb_codes = {"98000000", "98000131", "98000262"};
  o.clients = 400;
  return o;
}

TEST(GenerateTraffic, EveryMessageParsesAndIsUnique) {
  const Pseudonymiser key(std::string(32, 'k'), 1);
  std::map<int, int> by_type;
  std::set<std::string> keys, clients;
  int credits = 0, deletions = 0, corrections = 0;
  const int64_t n = GenerateTraffic(Options(), [&](const std::string& name,
                                                   const std::string& xml) {
    ParseResult r = ParseMessage(xml, [&](absl::string_view bsn) { return key.Of(bsn); });
    ASSERT_FALSE(r.violation) << name << ": " << r.violation->path << ": " << r.violation->rule;
    const Header& h = r.message->header;
    ++by_type[h.type];
    EXPECT_TRUE(keys.insert(absl::StrCat(Code(h.law), h.type, h.sender, h.identification)).second)
        << name;
    EXPECT_LE(h.dated, absl::CivilDay(2026, 11, 25)) << name;
    for (const auto& a : r.message->allocations) {
      clients.insert(a.client);
      if (a.change_reason == "13") ++deletions;
    }
    for (const auto& s : r.message->starts) corrections += s.status == 3;
    if (r.message->claim) {
      for (const auto& l : r.message->claim->lines) credits += l.amount_cents < 0;
    }
  });
  EXPECT_EQ(n, std::accumulate(by_type.begin(), by_type.end(), 0,
                               [](int sum, const auto& t) { return sum + t.second; }));
  EXPECT_EQ(clients.size(), 400u);  // a BSN each
  EXPECT_GE(by_type[301], 400);
  EXPECT_GT(by_type[305], 250);
  EXPECT_LT(by_type[305], 400);
  EXPECT_GT(by_type[315], 80);
  EXPECT_GT(by_type[323], 1000);
  EXPECT_GT(by_type[325], 900);
  EXPECT_GT(by_type[307], 100);
  EXPECT_GT(credits, 0);
  EXPECT_GT(corrections, 0);
  EXPECT_GE(deletions, 0);
}

TEST(GenerateTraffic, TheSameSeedGivesTheSameMessages) {
  std::string first, second, other;
  TrafficOptions o = Options();
  o.clients = 50;
  GenerateTraffic(o, [&](const std::string& name, const std::string& xml) { first += name + xml; });
  GenerateTraffic(o,
                  [&](const std::string& name, const std::string& xml) { second += name + xml; });
  o.seed = 2;
  GenerateTraffic(o, [&](const std::string& name, const std::string& xml) { other += name + xml; });
  EXPECT_EQ(first, second);
  EXPECT_NE(first, other);
}

}  // namespace
}  // namespace ozjt::insight
