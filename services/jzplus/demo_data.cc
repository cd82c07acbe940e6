#include "services/jzplus/demo_data.h"

#include <numeric>

#include "services/platform/status.h"
#include "services/registry/demo_data.h"

namespace ozjt::jzplus {
namespace {

// `total` split by `weights` with the largest remainders (deterministic, sums exactly).
std::vector<int64_t> Split(int64_t total, const std::vector<int>& weights) {
  const int64_t sum = std::accumulate(weights.begin(), weights.end(), int64_t{0});
  std::vector<int64_t> out(weights.size());
  if (sum == 0) return out;
  std::vector<std::pair<int64_t, size_t>> remainders;
  int64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    out[i] = total * weights[i] / sum;
    given += out[i];
    remainders.emplace_back(-(total * weights[i] % sum), i);
  }
  std::sort(remainders.begin(), remainders.end());
  for (size_t k = 0; given < total; ++k, ++given) ++out[remainders[k % remainders.size()].second];
  return out;
}

}  // namespace

std::vector<InflowRow> DemoInflow(const std::vector<int64_t>& provider_ids) {
  // Inhabitants (thousands), in the order of registry::TwenteMunicipalities().
  const std::vector<int> population = {73, 24, 26, 160, 24, 36, 82, 35, 23, 32, 38, 21, 34, 25};
  const std::vector<std::string>& codes = registry::TwenteMunicipalities();
  const int64_t totals[] = {124, 112, 99, 92, 80};
  const int emergency_percent[] = {38, 35, 31, 27, 24};
  std::vector<InflowRow> rows;
  for (int y = 0; y < 5; ++y) {
    const auto quarters = Split(totals[y], {26, 24, 25, 25 + y % 2});
    for (int q = 0; q < 4; ++q) {
      // Rotate the weights a little per quarter so municipalities differ between quarters.
      std::vector<int> weights = population;
      weights[(y * 4 + q) % weights.size()] += 20;
      const auto by_municipality = Split(quarters[q], weights);
      // The quarter's spoedmachtigingen, spread over the municipalities by their inflow.
      const int64_t emergency = (quarters[q] * emergency_percent[y] + 50) / 100;
      std::vector<int> inflow(by_municipality.begin(), by_municipality.end());
      const auto emergency_by_municipality = Split(emergency, inflow);
      for (size_t m = 0; m < codes.size(); ++m) {
        const int64_t n = by_municipality[m];
        if (n == 0) continue;
        int64_t emergency_left = emergency_by_municipality[m];
        const auto by_provider = Split(n, {5, 3, 2});
        for (size_t p = 0; p < provider_ids.size() && p < by_provider.size(); ++p) {
          const int64_t here = by_provider[(p + m) % by_provider.size()];
          if (here == 0) continue;
          const int64_t spoed = std::min(emergency_left, here);
          emergency_left -= spoed;
          const int64_t conditional = here - spoed >= 5 ? 1 : 0;
          const int64_t regular = here - spoed - conditional;
          const Quarter quarter{2021 + y, q + 1};
          for (const auto& [kind, count] :
               {std::make_pair(Authorisation::kRegular, regular),
                std::make_pair(Authorisation::kEmergency, spoed),
                std::make_pair(Authorisation::kConditional, conditional)}) {
            if (count <= 0) continue;
            rows.push_back({quarter, codes[m], provider_ids[p], kind, count,
                            count - count / 6});  // a few young people placed twice
          }
        }
      }
    }
  }
  return rows;
}

absl::StatusOr<bool> LoadDemoInflow(const platform::RequestInfo& r, InflowStore& store,
                                    registry::Directory& directory) {
  OZJT_ASSIGN_OR_RETURN(auto existing, store.Rows(r.deadline, "", ""));
  if (!existing.empty()) return false;
  registry::DemoProviderIds id_of(directory, r.deadline);
  std::vector<int64_t> ids;
  for (int index : {6, 11, 17}) {
    OZJT_ASSIGN_OR_RETURN(int64_t id, id_of(index));
    ids.push_back(id);
  }
  std::vector<InflowRow> rows = DemoInflow(ids);
  std::vector<Quarter> quarters;
  for (int y = 2021; y <= 2025; ++y) {
    for (int q = 1; q <= 4; ++q) quarters.push_back({y, q});
  }
  OZJT_RETURN_IF_ERROR(store.ReplaceQuarters(r, quarters, rows));
  return true;
}

}  // namespace ozjt::jzplus
