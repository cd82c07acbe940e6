// DemoProviderIds (demo_data.h): needs the store, so it lives in the store's library.
#include "services/platform/status.h"
#include "services/registry/demo_data.h"
#include "services/registry/store.h"

namespace ozjt::registry {

DemoProviderIds::DemoProviderIds(ProviderStore& store, platform::Deadline deadline)
    : store_(store), deadline_(deadline), demo_(DemoProviders()), ids_(demo_.size(), 0) {}

absl::StatusOr<int64_t> DemoProviderIds::operator()(int index) {
  if (ids_[index] == 0) {
    ProviderQuery q;
    q.filter.kvk_number = demo_[index].kvk_number;
    q.limit = 1;
    OZJT_ASSIGN_OR_RETURN(auto found, store_.List(deadline_, q));
    if (found.empty()) {
      return platform::WithDutch(
          absl::FailedPreconditionError("load the demo providers first (ozjt-admin seed-demo)"),
          "Laad eerst de demo-aanbieders (ozjt-admin seed-demo).");
    }
    ids_[index] = found[0].id;
  }
  return ids_[index];
}

}  // namespace ozjt::registry
