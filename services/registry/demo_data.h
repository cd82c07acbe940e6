// Deterministic demo data: ~400 clearly fictitious providers ("(fictief)" in every name, KvK
// numbers from 90000000) in the real 14 Twente municipalities. Youth-care turnover in Twente
// follows the seed documents: the 16 strategic providers hold just over half of it and the
// largest 28 about 85%; Twente is the largest region (so the account-holding region) of 4 of
// them. Same seed, same providers, on every machine.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"
#include "services/registry/provider.h"

namespace ozjt::registry {

inline constexpr uint64_t kDemoSeed = 2026;
inline constexpr int kDemoProviderCount = 400;

// The Twente municipalities' CBS codes, in the order of docs/domain.md.
const std::vector<std::string>& TwenteMunicipalities();

// The non-care parties among the demo providers (hospitals for medicatiecontrole, transport,
// the vervoer call-centre and monitoring software), by their index in DemoProviders().
enum class DemoParty { kHospitalA, kHospitalB, kTaxiA, kTaxiB, kCallCentre, kMonitoring };
int DemoProviderIndex(DemoParty party);

// `count` providers (at most 10,000), largest Twente turnover first, with turnover for 2023,
// 2024 and 2025. All pass Validate against the reference data of the migrations.
std::vector<Provider> DemoProviders(uint64_t seed = kDemoSeed, int count = kDemoProviderCount);

class Directory;

// The stored ids of the demo providers by their index in DemoProviders(), found by KvK number
// through the registry's public Directory (read once, at the first lookup). Used by the other
// services' demo data, which include this header and directory.h only.
class DemoProviderIds {
 public:
  DemoProviderIds(Directory& directory, platform::Deadline deadline);
  // FAILED_PRECONDITION when the demo providers are not loaded.
  absl::StatusOr<int64_t> operator()(int index);

 private:
  Directory& directory_;
  platform::Deadline deadline_;
  std::vector<Provider> demo_;
  std::optional<std::map<std::string, int64_t>> id_by_kvk_;
};

}  // namespace ozjt::registry
