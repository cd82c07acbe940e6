// What the contracts handlers (contract_handler.cc, tariff_handler.cc, vervoer_handler.cc)
// share: the names they convert with and the request fields read the same way. Included by
// those handlers only.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "services/platform/proto_convert.h"
#include "services/platform/request.h"

namespace ozjt::contracts {

namespace v1 {}  // namespace v1
namespace pb = ::ozjt::contracts::v1;
using platform::EnumFrom;
using platform::FromDay;
using platform::FromTime;
using platform::ParseName;
using platform::ParseOptionalName;
using platform::RequestInfo;
using platform::ToDay;
using platform::ToOptionalDay;

// `text` (a number with at most 2 decimals, e.g. "95.00") in hundredths; INVALID_ARGUMENT on
// `field` with a Dutch sentence otherwise.
absl::StatusOr<int64_t> Hundredths(const std::string& text, const std::string& field);

}  // namespace ozjt::contracts
