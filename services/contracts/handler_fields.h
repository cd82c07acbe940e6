// Request fields the contracts handlers share.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace ozjt::contracts {

// `text` (a number with at most 2 decimals, e.g. "95.00") in hundredths; INVALID_ARGUMENT on
// `field` with a Dutch sentence otherwise.
absl::StatusOr<int64_t> Hundredths(const std::string& text, const std::string& field);

}  // namespace ozjt::contracts
