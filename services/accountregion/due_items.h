// The account-holding region's due items on the agenda (services/agenda): the recovery plans of
// open continuity cases, from the schema "accountregion" only (provider names from the
// registry's Directory). Public: the agenda's composition root includes this header.
#pragma once

#include <memory>

#include "services/agenda/agenda.h"
#include "services/platform/db.h"

namespace ozjt::registry {
class Directory;
}  // namespace ozjt::registry

namespace ozjt::accountregion {

// Registers its statements on `pool`; `pool` and `directory` must outlive the source.
std::unique_ptr<agenda::DueItemSource> MakeRecoveryPlanDueItems(platform::Pool& pool,
                                                                registry::Directory& directory);

}  // namespace ozjt::accountregion
