#include "services/insight/demo_data.h"

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

absl::StatusOr<int> LoadDemoCeilings(const platform::RequestInfo& r, InsightStore& store) {
  OZJT_ASSIGN_OR_RETURN(auto present, store.Ceilings(r.deadline, 2026, {}));
  if (!present.empty()) return 0;
  OZJT_ASSIGN_OR_RETURN(auto providers, store.directory().ProvidersByAgb(r.deadline, {"98000000"}));
  if (providers.empty()) return absl::FailedPreconditionError("the demo providers are not there");
  const int64_t provider = providers.begin()->second.id;
  OZJT_ASSIGN_OR_RETURN(auto lines, store.contracts().TariffsOfProviders(r.deadline, {provider}));
  int64_t contract = 0;
  for (const auto& line : lines) {
    if (line.reference == "JH-2025") contract = line.contract_id;
  }
  if (contract == 0) return absl::FailedPreconditionError("the demo contract JH-2025 is not there");
  Insight insight(store, std::nullopt, WaitNorms{});
  SpendingCeiling c;
  c.contract_id = contract;
  c.provider_id = provider;
  c.municipality = "0153";
  c.year = 2026;
  c.starts_on = absl::CivilDay(2026, 1, 1);
  c.amount_cents = 5000000;
  OZJT_ASSIGN_OR_RETURN(Insight::CeilingView set, insight.SetCeiling(r, c));
  if (set.use.spent_cents > 0) {  // about 76% used: the 70% signal, in whole euros
    c.amount_cents = set.use.spent_cents * 100 / 76 / 100 * 100;
    OZJT_ASSIGN_OR_RETURN(set, insight.SetCeiling(r, c));
  }
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
