// The screening service's due items on the agenda (services/agenda): evidence asked of a
// provider in an open screening case and not yet received, from the schema "screening" only
// (provider names from the registry's Directory). Public: the agenda's composition root
// includes this header.
#pragma once

#include <memory>

#include "services/agenda/agenda.h"
#include "services/platform/db.h"

namespace ozjt::registry {
class Directory;
}  // namespace ozjt::registry

namespace ozjt::screening {

// Registers its statements on `pool`; `pool` and `directory` must outlive the source.
std::unique_ptr<agenda::DueItemSource> MakeEvidenceDueItems(platform::Pool& pool,
                                                            registry::Directory& directory);

}  // namespace ozjt::screening
