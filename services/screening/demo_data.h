// Demo screening data on top of the demo providers (decisions dated in the past, built with the
// same domain rules as live cases): KIT 2024 admissions of the six largest providers for the
// 2025 purchase (valid until autumn 2026), a recent admission that allows an award today, an
// admission with conditions after a Bibob advice, a refusal after a hearing, an open new-entrant
// case with evidence due on 2026-12-04 (in the screening officers' agenda), and a barrièremodel
// case from 2019. One transaction, audited as the caller; idempotent.
#pragma once

#include "absl/status/statusor.h"
#include "services/platform/request.h"
#include "services/registry/directory.h"
#include "services/screening/store.h"

namespace ozjt::screening {

// Returns true when the demo data was added (false when it was there already).
absl::StatusOr<bool> LoadDemoScreening(const platform::RequestInfo& r, ScreeningStore& store,
                                       registry::Directory& directory);

}  // namespace ozjt::screening
