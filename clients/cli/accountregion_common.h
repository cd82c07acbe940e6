// Shared by the continuity command files (region, finance, signals, warnings, cases): one call
// to the account-region service, and the provider a person typed.
#pragma once

#include <string>

#include "clients/cli/cli_common.h"
#include "clients/cli/lookup.h"
#include "ozjt/accountregion/v1/accountregion.grpc.pb.h"

namespace ozjt::cli {

// CallAndShow on the account-region service.
template <typename Resp, typename Call, typename Show>
int AccountRegionCall(const Options& o, Call call, Show show,
                      const FlagTable& flags = FlagTable()) {
  return CallAndShow<::ozjt::accountregion::v1::AccountRegionService::Stub, Resp>(o, call, show,
                                                                                  flags);
}

// The provider a person typed (id, KvK number, AGB code or name) as "providers/{id}";
// false after printing why not (exit code in `*exit_code`).
inline bool ResolveProvider(const Options& o, const std::string& text, std::string* name,
                            int* exit_code) {
  *exit_code = Lookup(o).Provider(text, name);
  return *exit_code == 0;
}

}  // namespace ozjt::cli
