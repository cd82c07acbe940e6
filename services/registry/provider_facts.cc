#include "services/registry/provider_facts.h"

#include <algorithm>

namespace ozjt::registry {

bool ProviderFacts::ActiveIn(const std::string& code) const {
  return std::find(municipality_codes.begin(), municipality_codes.end(), code) !=
         municipality_codes.end();
}

}  // namespace ozjt::registry
