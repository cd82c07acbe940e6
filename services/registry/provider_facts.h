// What other services need to know of a provider: its name and the municipalities where it is
// active (for the municipal scope), read straight from the registry's tables.
//
//   ProviderFactsReader providers(pool);   // registers its statement on the pool
//   OZJT_ASSIGN_OR_RETURN(auto found, providers.Read(deadline, id));  // id 0: all
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/db.h"

namespace ozjt::registry {

struct ProviderFacts {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> municipality_codes;
  bool ActiveIn(const std::string& code) const;
};

class ProviderFactsReader {
 public:
  explicit ProviderFactsReader(platform::Pool& pool);
  // One provider (empty when absent) or all of them (id 0), by name.
  absl::StatusOr<std::vector<ProviderFacts>> Read(platform::Deadline d, int64_t id);

 private:
  platform::Pool& pool_;
};

}  // namespace ozjt::registry
