// The registry's public interface for other services: what they read of providers and of the
// reference data (municipalities, regions, product categories, units). Other services include
// this header, never the registry's store or its tables; no SQL outside services/registry names
// the schema "registry".
//
//   std::unique_ptr<registry::Directory> directory = registry::MakeDirectory(pool);
//   OZJT_ASSIGN_OR_RETURN(auto names, directory->ProviderNames(deadline, {3, 5}));
//
// MakeDirectory (directory_impl.cc) answers in-process from the registry's tables on the
// caller's pool: every service shares one database today. This class is the seam where a gRPC
// client of the registry goes when services run apart with their own databases.
//
// Every call reads on its own connection of the pool (one statement, one snapshot): call it
// before or after a store transaction, not from inside one (a transaction waiting for a second
// connection of the same pool can exhaust it).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"
#include "services/registry/provider_facts.h"

namespace ozjt::registry {

// A provider's key data, for matching imported rows by KvK number.
struct ProviderKey {
  int64_t id = 0;
  std::string kvk_number;
  std::string name;
};

// A provider with its registered turnover: per year the total and the part per youth-care
// region, in cents.
struct ProviderTurnover {
  ProviderFacts provider;
  std::map<int, int64_t> total;
  std::map<int, std::map<std::string, int64_t>> per_region;
};

// A provider as an AGB code (of the organisation or one of its locations) names it.
struct AgbProvider {
  int64_t id = 0;
  std::string name;
};

struct MunicipalityEntry {
  std::string cbs_code;
  std::string name;
  std::string region_code;
};

// A product category by its law's code ("jeugdwet", "wmo", ...) and its own code.
struct CategoryCode {
  std::string law;
  std::string code;
};

class Directory {
 public:
  virtual ~Directory() = default;

  // ---- providers ----
  // Id -> name of those of `ids` that exist.
  virtual absl::StatusOr<std::map<int64_t, std::string>> ProviderNames(
      platform::Deadline d, const std::vector<int64_t>& ids) = 0;
  // How many distinct providers of `ids` exist.
  // The providers the AGB codes among `agb_codes` belong to (registry.provider_agb), by code;
  // codes of no provider are left out.
  virtual absl::StatusOr<std::map<std::string, AgbProvider>> ProvidersByAgb(
      platform::Deadline d, const std::vector<std::string>& agb_codes) = 0;
  virtual absl::StatusOr<int64_t> CountProviders(platform::Deadline d,
                                                 const std::vector<int64_t>& ids) = 0;
  // Ids (ascending, distinct) of the providers active in any of `municipality_codes`.
  virtual absl::StatusOr<std::vector<int64_t>> ProvidersActiveIn(
      platform::Deadline d, const std::vector<std::string>& municipality_codes) = 0;
  // One provider (empty when absent) or all of them (id 0), by name then id.
  virtual absl::StatusOr<std::vector<ProviderFacts>> Providers(platform::Deadline d,
                                                               int64_t id) = 0;
  // The same with their turnover.
  virtual absl::StatusOr<std::vector<ProviderTurnover>> ProvidersWithTurnover(platform::Deadline d,
                                                                              int64_t id) = 0;
  // Every provider's id, KvK number and name (no order).
  virtual absl::StatusOr<std::vector<ProviderKey>> ProviderKeys(platform::Deadline d) = 0;

  // ---- reference data ----
  // Every municipality (no order).
  virtual absl::StatusOr<std::vector<MunicipalityEntry>> Municipalities(platform::Deadline d) = 0;
  // A municipality's name ("" for an unknown CBS code).
  virtual absl::StatusOr<std::string> MunicipalityName(platform::Deadline d,
                                                       const std::string& cbs_code) = 0;
  // The CBS codes of a region's municipalities, ascending (empty for an unknown region).
  virtual absl::StatusOr<std::vector<std::string>> MunicipalitiesOfRegion(
      platform::Deadline d, const std::string& region_code) = 0;
  // The codes of the youth-care regions, ascending.
  virtual absl::StatusOr<std::vector<std::string>> RegionCodes(platform::Deadline d) = 0;
  // Every product category (no order).
  virtual absl::StatusOr<std::vector<CategoryCode>> ProductCategories(platform::Deadline d) = 0;
  // Every unit code (no order).
  virtual absl::StatusOr<std::vector<std::string>> UnitCodes(platform::Deadline d) = 0;
};

// The in-process directory on `pool` (registers its prepared statements on it). `pool` must
// outlive the directory.
std::unique_ptr<Directory> MakeDirectory(platform::Pool& pool);

}  // namespace ozjt::registry
