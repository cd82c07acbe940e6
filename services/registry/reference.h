// Reference data of the registry, as loaded by migrations: municipalities, youth-care
// regions, product categories, units and joint tasks with their participating municipalities.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "services/registry/provider.h"

namespace ozjt::registry {

struct Municipality {
  std::string cbs_code;
  std::string name;
  std::string region_code;
};

struct Region {
  std::string code;
  std::string name;
};

struct ProductCategory {
  Law law = Law::kUnspecified;
  std::string code;
  std::string name;
  bool legacy = false;
};

struct Unit {
  std::string code;
  std::string name;
};

// A municipality's part in a joint task from valid_from to valid_to (inclusive; open-ended
// when unset).
struct Participation {
  std::string municipality_code;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
  bool ValidOn(absl::CivilDay day) const {
    return valid_from <= day && (!valid_to || day <= *valid_to);
  }
};

struct JointTask {
  std::string code;
  std::string name;
  std::vector<Participation> participations;
};

}  // namespace ozjt::registry
