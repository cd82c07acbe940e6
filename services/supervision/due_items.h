// The supervision service's due items on the agenda (services/agenda): actions, re-inspections,
// calamity measures and escalation signals of investigations (supervision::DueItems), from the
// schema "supervision" only (provider names from the registry's Directory). Public: the
// agenda's composition root includes this header.
#pragma once

#include <memory>

#include "services/agenda/agenda.h"
#include "services/platform/db.h"

namespace ozjt::registry {
class Directory;
}  // namespace ozjt::registry

namespace ozjt::supervision {

// `grace_days`: when an overdue improvement action becomes a signal (the configured
// OZJT_SUPERVISION_GRACE_DAYS). Registers its statements on `pool`; `pool` and `directory` must
// outlive the source.
std::unique_ptr<agenda::DueItemSource> MakeSupervisionDueItems(platform::Pool& pool,
                                                               registry::Directory& directory,
                                                               int grace_days);

}  // namespace ozjt::supervision
