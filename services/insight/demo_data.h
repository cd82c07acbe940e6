// Demo message traffic for Twente: the synthetic lifecycles of traffic.h for 800 clients of the
// 14 municipalities with 40 of the demo providers (by their AGB codes: the 28 of JH-2025 and 12
// without a contract), the products of JH-2025 at its tariffs and one no contract has, allocations
// from 01-01-2026 and nothing dated after 25-11-2026 (the demo's day). Imported through the same
// parsing, pseudonymisation and storage as any import (audited); skipped when any message is
// there already.
#pragma once

#include "absl/status/statusor.h"
#include "services/insight/pseudonym.h"
#include "services/insight/store.h"
#include "services/platform/request.h"

namespace ozjt::insight {

// The number of messages imported (0 when the traffic was there already).
absl::StatusOr<int64_t> LoadDemoTraffic(const platform::RequestInfo& r, InsightStore& store,
                                        const Pseudonymiser& pseudonymiser);

// The demo's spending ceilings of JH-2025 in Enschede, with the provider that has the most
// spend there in 2026 (the first demo provider without traffic): one for 2026 set at about 76%
// of that spend (EUR 50,000 without traffic),
// with its written notice of 20-11-2026 (the consultation is due 04-12-2026), and one from
// 01-07-2027 of EUR 60,000 (its intention, decision and joint plan fall in 2027). Skipped when
// a ceiling of 2026 is there. The number of ceilings set.
absl::StatusOr<int> LoadDemoCeilings(const platform::RequestInfo& r, InsightStore& store);

}  // namespace ozjt::insight
