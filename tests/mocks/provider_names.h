// What a fake store answers for Directory::ProviderNames: id -> name of those of `ids` among
// `providers` (anything with an id and a name).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ozjt::mocks {

template <typename Provider>
std::map<int64_t, std::string> ProviderNamesOf(const std::vector<Provider>& providers,
                                               const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  for (const auto& p : providers) {
    if (std::find(ids.begin(), ids.end(), p.id) != ids.end()) out[p.id] = p.name;
  }
  return out;
}

}  // namespace ozjt::mocks
