// Example providers shared by the registry's unit and use-case tests.
#pragma once

#include "services/registry/provider.h"

namespace ozjt::registry::testing {

// A valid local Jeugdwet provider in Enschede (0153), as a contract manager enters it (no status).
inline Provider Esrand() {
  Provider p;
  p.name = "Jeugdhulp Esrand (fictief)";
  p.kvk_number = "90000097";
  p.legal_form = LegalForm::kStichting;
  p.agb_codes = {"98000131"};
  p.laws = {Law::kJeugdwet};
  p.municipality_codes = {"0153"};
  p.tier = Tier::kLocal;
  return p;
}

}  // namespace ozjt::registry::testing
