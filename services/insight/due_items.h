// The insight service's due items on the agenda (services/agenda): the clocks of the spending
// ceilings (Contractstandaard art. 1.5; ceilings.h), from the schema "insight" only (contract
// references from the ContractDirectory, provider and municipality names from the registry's
// Directory). Public: the agenda's composition root includes this header.
#pragma once

#include <memory>

#include "services/agenda/agenda.h"
#include "services/platform/db.h"

namespace ozjt::registry {
class Directory;
}  // namespace ozjt::registry

namespace ozjt::insight {

// Registers its statements on `pool`; `pool` and `directory` must outlive the source.
std::unique_ptr<agenda::DueItemSource> MakeCeilingDueItems(platform::Pool& pool,
                                                           registry::Directory& directory);

}  // namespace ozjt::insight
