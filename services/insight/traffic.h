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
#include "services/insight/ijw.h"

namespace ozjt::insight {

// A product the generated clients get: allocated as `volume` `unit`s per `frequency`, claimed at
// `tariff_cents` a unit (3% of claim lines at 2.50 more, rejected with 0611).
struct TrafficProduct {
  Law law = Law::kJw;
  std::string category;
  std::string code;
  std::string unit;       // WJ756
  std::string frequency;  // WMO757: 1 a day, 2 a week
  int64_t volume = 0;
  int64_t tariff_cents = 0;
};

// Ambulant (45A03), jeugd-ggz (54B02) and verblijf (43A01) for the Jeugdwet (70% of clients);
// begeleiding (02A01), dagbesteding (07A02) and huishouden (01A01) for the Wmo.
std::vector<TrafficProduct> DefaultTrafficProducts();

struct TrafficOptions {
  std::vector<std::string> municipalities;  // CBS codes
  std::vector<std::string> agb_codes;       // providers
  // 70% of clients get one of the Jeugdwet products, the others one of the Wmo's.
  std::vector<TrafficProduct> products = DefaultTrafficProducts();
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
