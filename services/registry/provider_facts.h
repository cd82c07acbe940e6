// What other services need to know of a provider: its name and the municipalities where it is
// active (for the municipal scope). Read through registry::Directory::Providers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ozjt::registry {

struct ProviderFacts {
  int64_t id = 0;
  std::string name;
  std::vector<std::string> municipality_codes;
  bool ActiveIn(const std::string& code) const;
};

}  // namespace ozjt::registry
