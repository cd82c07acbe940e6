// Synthetic, schema-valid iJw/iWmo message traffic with whole lifecycles (docs ijw.md section
// 11), deterministic from a seed: for the demo data, the tests and ozjt-datagen. Per client: a
// request (315) for some, the allocation (301), changes of it (same ToewijzingNummer) and a few
// deletions (RedenWijziging 13), the start of care after a skewed lag (305; some never start,
// some corrected with StatusAanlevering 3), monthly claims (323, one calendar month each, a few
// at a wrong tariff and a few credits), the answers (325, rejections only) and the end of care
// (307) with a mix of reasons. Jeugdwet and Wmo. BSNs are taken from the 11-proef test range
// 999900006-999999990 in order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"

namespace ozjt::insight {

struct TrafficOptions {
  std::vector<std::string> municipalities;  // CBS codes
  std::vector<std::string> agb_codes;       // providers
  int clients = 100;
  absl::CivilDay from = absl::CivilDay(2026, 1, 1);  // first allocation
  absl::CivilDay to = absl::CivilDay(2026, 11, 25);  // no message is dated later
  uint64_t seed = 1;
  // The first character of every BerichtIdentificatie (then the type and eight digits), so
  // that traffic generated apart (the demo's, a test's) does not share identifications.
  char id_letter = 'G';
};

// The message files of the traffic, each handed to `emit(file_name, xml)` in lifecycle order.
// Returns the number of messages.
int64_t GenerateTraffic(const TrafficOptions& options,
                        const std::function<void(const std::string&, const std::string&)>& emit);

}  // namespace ozjt::insight
