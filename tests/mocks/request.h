// The request a use-case test makes as one kind of user: who calls (subject "tester", the role,
// for municipal roles the municipality), the method named in the audit record, and the day.
//
//   const platform::RequestInfo kHengelo =
//       mocks::RequestAs(platform::Role::kGemeenteContractManager, "0164");
#pragma once

#include <string>
#include <utility>

#include "absl/time/civil_time.h"
#include "services/platform/auth.h"
#include "services/platform/request.h"

namespace ozjt::mocks {

// On 25-11-2026, the day the demo data and the README's examples are seen on.
inline platform::RequestInfo RequestAs(platform::Role role, std::string municipality = "",
                                       std::string method = "/ozjt.test/Test") {
  platform::RequestInfo r;
  r.caller.subject = "tester";
  r.caller.role = role;
  r.caller.municipality_code = std::move(municipality);
  r.method = std::move(method);
  r.today = absl::CivilDay(2026, 11, 25);
  return r;
}

}  // namespace ozjt::mocks
