// DemoProviderIds (demo_data.h): the demo providers' stored ids, through the Directory.
#include "services/platform/status.h"
#include "services/registry/demo_data.h"
#include "services/registry/directory.h"

namespace ozjt::registry {

DemoProviderIds::DemoProviderIds(Directory& directory, platform::Deadline deadline)
    : directory_(directory), deadline_(deadline), demo_(DemoProviders()) {}

absl::StatusOr<int64_t> DemoProviderIds::operator()(int index) {
  if (!id_by_kvk_) {
    OZJT_ASSIGN_OR_RETURN(std::vector<ProviderKey> keys, directory_.ProviderKeys(deadline_));
    id_by_kvk_.emplace();
    for (const ProviderKey& key : keys) (*id_by_kvk_)[key.kvk_number] = key.id;
  }
  auto found = id_by_kvk_->find(demo_[index].kvk_number);
  if (found == id_by_kvk_->end()) {
    return platform::WithDutch(
        absl::FailedPreconditionError("load the demo providers first (ozjt-admin seed-demo)"),
        "Laad eerst de demo-aanbieders (ozjt-admin seed-demo).");
  }
  return found->second;
}

}  // namespace ozjt::registry
