#include "services/insight/demo_data.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/insight/insight.h"
#include "services/insight/traffic.h"
#include "services/platform/status.h"

namespace ozjt::insight {

absl::StatusOr<int64_t> LoadDemoTraffic(const platform::RequestInfo& r, InsightStore& store,
                                        const Pseudonymiser& pseudonymiser) {
  OZJT_ASSIGN_OR_RETURN(bool any, store.AnyMessage(r.deadline));
  if (any) return 0;
  TrafficOptions o;
  OZJT_ASSIGN_OR_RETURN(o.municipalities,
                        store.directory().MunicipalitiesOfRegion(r.deadline, kRegionCode));
  // The demo providers' AGB codes (registry demo_data.cc: 98000000 + 131 x index): the 28 of
  // the youth care and Wmo framework JH-2025 and 12 without a contract.
  for (int i = 0; i < 40; ++i) o.agb_codes.push_back(absl::StrFormat("%08d", 98000000 + i * 131));
  // JH-2025's products at its tariffs (contracts demo_data.cc), and jeugd-ggz 54B02, which no
  // contract has.
  o.products = {
      {Law::kJw, "45", "45A01", "04", "2", 3, 7850},
      {Law::kJw, "45", "45A02", "04", "2", 2, 11240},
      {Law::kJw, "43", "43V01", "14", "1", 1, 29800},
      {Law::kJw, "54", "54B02", "04", "2", 2, 10500},
      {Law::kWmo, "02", "02B01", "04", "2", 4, 6230},
      {Law::kWmo, "07", "07D01", "16", "2", 3, 4890},
  };
  o.clients = 800;
  o.from = absl::CivilDay(2026, 1, 1);
  o.to = absl::CivilDay(2026, 11, 25);
  o.seed = 20261125;
  o.id_letter = 'D';
  Insight::Import import(store, pseudonymiser, r, false);
  absl::Status status;
  const int64_t n = GenerateTraffic(o, [&](const std::string& name, const std::string& xml) {
    if (status.ok()) status = import.Add(name, xml);
  });
  OZJT_RETURN_IF_ERROR(status);
  OZJT_ASSIGN_OR_RETURN(ImportSummary summary, import.Finish());
  for (const FileOutcome& file : summary.listed) {
    if (file.kind == FileOutcome::kRefused) {
      return absl::InternalError(absl::StrCat("demo message ", file.file_name, " refused: ",
                                              file.violation.path, ": ", file.violation.rule));
    }
  }
  return n;
}

namespace {

// JH-2025 and its first provider (AGB 98000000) into `c`, through the provider's tariff lines.
absl::Status FindJh2025(const platform::RequestInfo& r, InsightStore& store, SpendingCeiling& c) {
  OZJT_ASSIGN_OR_RETURN(auto first, store.directory().ProvidersByAgb(r.deadline, {"98000000"}));
  if (first.empty()) return absl::FailedPreconditionError("the demo providers are not there");
  c.provider_id = first.begin()->second.id;
  OZJT_ASSIGN_OR_RETURN(auto lines,
                        store.contracts().TariffsOfProviders(r.deadline, {c.provider_id}));
  for (const auto& line : lines) {
    if (line.reference == "JH-2025") c.contract_id = line.contract_id;
  }
  if (c.contract_id == 0) return absl::FailedPreconditionError("JH-2025 is not there");
  return absl::OkStatus();
}

// The provider of `c`'s contract with the most spend in Enschede in 2026 into `c` (kept when
// none has any); that spend.
absl::StatusOr<int64_t> BusiestProvider(const platform::RequestInfo& r, Insight& insight,
                                        SpendingCeiling& c) {
  std::map<std::string, int64_t> spend;  // by AGB code
  std::map<std::string, int64_t> provider_of;
  for (int q = 1; q <= 4; ++q) {
    OZJT_ASSIGN_OR_RETURN(Insight::Answer a,
                          insight.QuarterFiguresFor(r, "0153", absl::StrCat("2026-K", q)));
    for (const auto& [key, f] : a.figures.rows) {
      if (key.contract_id == c.contract_id) spend[key.agb] += f.granted_cents + f.pending_cents;
    }
    for (const auto& [agb, provider] : a.providers) provider_of[agb] = provider.id;
  }
  int64_t most = 0;
  for (const auto& [agb, cents] : spend) {
    if (cents > most && provider_of.count(agb)) {
      most = cents;
      c.provider_id = provider_of[agb];
    }
  }
  return most;
}

}  // namespace

absl::StatusOr<int> LoadDemoCeilings(const platform::RequestInfo& r, InsightStore& store) {
  OZJT_ASSIGN_OR_RETURN(auto present, store.Ceilings(r.deadline, 2026, {}));
  if (!present.empty()) return 0;
  Insight insight(store, std::nullopt, WaitNorms{});
  SpendingCeiling c;
  OZJT_RETURN_IF_ERROR(FindJh2025(r, store, c));
  OZJT_ASSIGN_OR_RETURN(const int64_t most, BusiestProvider(r, insight, c));
  c.municipality = "0153";
  c.year = 2026;
  c.starts_on = absl::CivilDay(2026, 1, 1);
  // About 76% used (the 70% signal), in whole euros; EUR 50,000 without traffic.
  c.amount_cents = most > 0 ? most * 100 / 76 / 100 * 100 : 5000000;
  OZJT_ASSIGN_OR_RETURN(Insight::CeilingView set, insight.SetCeiling(r, c));
  OZJT_RETURN_IF_ERROR(insight
                           .RecordCeilingStep(r, set.ceiling.id, CeilingStep::kNotified,
                                              absl::CivilDay(2026, 11, 20))
                           .status());
  c.year = 2027;
  c.starts_on = absl::CivilDay(2027, 7, 1);
  c.amount_cents = 6000000;
  OZJT_RETURN_IF_ERROR(insight.SetCeiling(r, c).status());
  return 2;
}

}  // namespace ozjt::insight
