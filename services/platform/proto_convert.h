// Conversions every handler needs between protos and domain values: resource names
// ("providers/12"), dates (google.type.Date <-> absl::CivilDay) and timestamps. Bad input is
// INVALID_ARGUMENT naming the field.
//
//   OZJT_ASSIGN_OR_RETURN(int64_t id, ParseName(req->name(), "contracts", "name"));
//   OZJT_ASSIGN_OR_RETURN(absl::CivilDay day, ToDay(req->date(), "date"));
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/type/date.pb.h"

namespace ozjt::platform {

// The id in "{collection}/{id}" (a positive number); INVALID_ARGUMENT for anything else.
absl::StatusOr<int64_t> ParseName(const std::string& name, const std::string& collection,
                                  const std::string& field);
// Same, but an empty name is 0 (an optional reference).
absl::StatusOr<int64_t> ParseOptionalName(const std::string& name, const std::string& collection,
                                          const std::string& field);

// A real calendar date from 1900 to 2200; INVALID_ARGUMENT otherwise (e.g. 30 February).
absl::StatusOr<absl::CivilDay> ToDay(const google::type::Date& d, const std::string& field);
// Unset (`has` false, or all zero) is nullopt; else as ToDay.
absl::StatusOr<std::optional<absl::CivilDay>> ToOptionalDay(bool has, const google::type::Date& d,
                                                            const std::string& field);

// A proto enum value as the domain enum with the same order (kUnspecified first); values
// outside 0..max (from a newer client) are kUnspecified.
template <typename E>
E EnumFrom(int value, int max) {
  return value >= 0 && value <= max ? static_cast<E>(value) : E::kUnspecified;
}

void FromDay(absl::CivilDay d, google::type::Date* out);
void FromTime(absl::Time t, google::protobuf::Timestamp* out);

}  // namespace ozjt::platform
