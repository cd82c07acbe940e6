#include "services/accountregion/demo_data.h"

#include "absl/strings/str_cat.h"
#include "services/platform/status.h"
#include "services/registry/demo_data.h"

namespace ozjt::accountregion {
namespace {

// The continuity case of the provider with the liquidity shortage: at step 3 with a recovery
// plan requested and two regions informed.
absl::StatusOr<ContinuityCase> DemoCase(int64_t provider_id, const platform::RequestInfo& r) {
  OZJT_ASSIGN_OR_RETURN(ContinuityCase c, OpenCase(provider_id, 1, Day(2026, 8, 3), std::nullopt,
                                                   "Melding liquiditeitstekort ontvangen",
                                                   r.caller.subject, r.today));
  OZJT_ASSIGN_OR_RETURN(c, MoveStep(c, 2, Day(2026, 9, 15), std::nullopt, "Gesprek met bestuur",
                                    r.caller.subject, r.today));
  OZJT_ASSIGN_OR_RETURN(c, MoveStep(c, 3, Day(2026, 10, 20), Day(2026, 12, 15),
                                    "Zorgelijk: herstelplan gevraagd", r.caller.subject, r.today));
  c.actions.push_back({Day(2026, 10, 20), "Herstelplan schriftelijk opgevraagd", r.caller.subject});
  c.regions_informed.push_back({"IJSSELLAND", Day(2026, 10, 21)});
  c.regions_informed.push_back({"ACHTERHOEK", Day(2026, 10, 21)});
  return c;
}

}  // namespace

absl::StatusOr<bool> LoadDemoContinuity(const platform::RequestInfo& r, AccountRegionStore& store,
                                        registry::Directory& directory) {
  registry::DemoProviderIds id_of(directory, r.deadline);
  int64_t ids[11];
  for (int i : {0, 1, 2, 3, 7, 10}) {
    OZJT_ASSIGN_OR_RETURN(ids[i], id_of(i));
  }
  OZJT_ASSIGN_OR_RETURN(auto existing, store.Statements(r.deadline, ids[0]));
  if (!existing.empty()) return false;

  // period, equity, total assets, current assets, current liabilities, revenue, net result (EUR)
  struct Row {
    int index;
    const char* period;
    int64_t equity, assets, current_assets, current_liabilities, revenue, result;
  };
  const Row rows[] = {
      {0, "2023", 9'800'000, 24'000'000, 8'000'000, 5'000'000, 16'000'000, 420'000},
      {0, "2024", 10'300'000, 25'000'000, 8'600'000, 5'100'000, 16'800'000, 510'000},
      {0, "2025", 10'900'000, 26'000'000, 9'100'000, 5'300'000, 17'400'000, 600'000},
      {1, "2023", 6'100'000, 18'000'000, 6'500'000, 4'400'000, 14'000'000, 150'000},
      {1, "2024", 6'300'000, 18'500'000, 6'700'000, 4'600'000, 14'600'000, 210'000},
      {1, "2025", 6'500'000, 19'000'000, 6'900'000, 4'700'000, 15'200'000, 190'000},
      {2, "2023", 2'400'000, 17'000'000, 4'200'000, 3'900'000, 13'500'000, -310'000},
      {2, "2024", 1'900'000, 16'800'000, 4'000'000, 4'100'000, 13'900'000, -480'000},
      {2, "2025", 1'300'000, 16'500'000, 3'800'000, 4'300'000, 14'100'000, -620'000},
      {3, "2024", 2'900'000, 15'000'000, 1'900'000, 6'200'000, 12'800'000, 60'000},
      {3, "2025", 2'200'000, 14'600'000, 1'500'000, 6'000'000, 13'100'000, -700'000},
      {7, "2025", -400'000, 12'000'000, 2'600'000, 3'000'000, 11'000'000, -900'000},
  };
  OZJT_RETURN_IF_ERROR(store.Write(r, [&](AccountRegionTx& tx) -> absl::Status {
    for (const Row& row : rows) {
      FinancialStatement s{ids[row.index],           row.period,
                           row.equity * 100,         row.assets * 100,
                           row.current_assets * 100, row.current_liabilities * 100,
                           row.revenue * 100,        row.result * 100};
      OZJT_RETURN_IF_ERROR(ValidateStatement(s, r.today));
      tx.InsertStatement(s);
    }
    tx.InsertSignal(
        {0, ids[2], "media", "governance_unrest",
         "Berichtgeving over het vertrek van de bestuurder en onrust in de raad van toezicht",
         Day(2026, 9, 14), std::nullopt, ""});
    tx.InsertSignal({0, ids[3], "provider", "liquidity",
                     "Aanbieder meldt liquiditeitstekort door achterstallige betalingen",
                     Day(2026, 7, 28), Day(2026, 8, 2), ""});
    Assignment vng{
        ids[10],         "GELDERLAND-ZUID", AssignmentBasis::kVngList,
        Day(2025, 1, 1), std::nullopt,      "Volgens de VNG-lijst accounthoudende regio's"};
    tx.InsertAssignment(vng);
    OZJT_ASSIGN_OR_RETURN(ContinuityCase c, DemoCase(ids[3], r));
    tx.InsertCase(c);
    return absl::OkStatus();
  }));
  return true;
}

}  // namespace ozjt::accountregion
