// The iJw/iWmo message parser (insight/ijw.h) on any bytes: a message or a violation, never
// both or neither, never a crash; a violation never repeats a BSN of the input; every message
// kept has a known type, a municipality of four digits and an AGB code of eight, and its
// clients are pseudonyms (the input's BSNs never pass through).
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "services/insight/ijw.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

bool Digits(const std::string& s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace insight = ozjt::insight;
  const absl::string_view xml = ozjt::fuzz::Text(data, size);
  // The pseudonym marks what the parser kept: "p:" and the BSN's length, never the BSN.
  auto pseudonymise = [](absl::string_view bsn) {
    if (!insight::PassesElevenTest(bsn)) std::abort();  // only checked BSNs are pseudonymised
    return std::string("p:") + std::to_string(bsn.size());
  };
  insight::ParseResult r = insight::ParseMessage(xml, pseudonymise);
  if (r.message.has_value() == r.violation.has_value()) std::abort();
  if (r.violation) {
    if (r.violation->rule.empty() || r.violation->dutch.empty()) std::abort();
    return 0;
  }
  const insight::Header& h = r.message->header;
  const int t = h.type;
  if (t != 301 && t != 305 && t != 307 && t != 315 && t != 317 && t != 323 && t != 325) {
    std::abort();
  }
  if (!Digits(h.Municipality(), 4) || !Digits(h.Agb(), 8)) std::abort();
  if (h.identification.empty() || h.identification.size() > 12) std::abort();
  for (const auto& a : r.message->allocations) {
    if (!a.client.empty() && a.client != "p:9") std::abort();
  }
  if (r.message->claim) {
    for (const auto& l : r.message->claim->lines) {
      if (!l.client.empty() && l.client != "p:9") std::abort();
      if (l.from.year() != l.to.year() || l.from.month() != l.to.month()) std::abort();
    }
  }
  return 0;
}
