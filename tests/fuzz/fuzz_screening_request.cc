// Request validation of the screening service. The last byte picks the request:
//   0: framework items (CreateFramework, in the framework's JSON form) -> ValidateFramework;
//   1: a case (the stored form of every case step) checked against the KIT items and decided.
// Bad input is INVALID_ARGUMENT or FAILED_PRECONDITION, never a crash.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>

#include "services/screening/screening.h"
#include "tests/fuzz/fuzz_common.h"

namespace ozjt::screening {
namespace {

void ExpectUserError(const absl::Status& s) {
  if (!s.ok() && !absl::IsInvalidArgument(s) && !absl::IsFailedPrecondition(s)) std::abort();
}

Framework Kit() {
  Framework f;
  f.id = 2;
  f.code = "kit";
  f.version = 2024;
  f.title = "Kwaliteits- en Integriteitstoets";
  f.valid_from = absl::CivilDay(2024, 1, 1);
  f.items = {
      {"I1", Part::kIntegrity, "Gedragsverklaring", "gedragsverklaring_aanbesteden", true, 24, ""},
      {"I2", Part::kIntegrity, "KvK-uittreksel", "kvk_uittreksel", true, 6, ""},
      {"Q1", Part::kQuality, "Kwaliteitskeurmerk", "keurmerk", true, std::nullopt, ""},
      {"R1", Part::kRisk, "Jaarrekening", "jaarrekening", false, 18, ""}};
  return f;
}

void FuzzFramework(const std::string& text) {
  auto items = ItemsFromJson(text);
  if (!items.ok()) return;
  Framework f = Kit();
  f.items = *items;
  ExpectUserError(ValidateFramework(f));
}

void FuzzCase(const std::string& text) {
  auto c = CaseFromJson(text);
  if (!c.ok()) return;
  const Framework f = Kit();
  for (const auto& check : CheckItems(*c, f, fuzz::Today())) {
    if (check.item == nullptr) std::abort();
  }
  for (Outcome o : {Outcome::kAdmitted, Outcome::kAdmittedWithConditions, Outcome::kRefused,
                    Outcome::kReferredToBibob}) {
    Decision d;
    d.outcome = o;
    d.reasons = "Fuzz";
    d.decided_by = "officer-b";
    if (o == Outcome::kAdmittedWithConditions) d.conditions = {"Voorwaarde"};
    ExpectUserError(Decide(*c, f, d, fuzz::Today(), 24).status());
  }
}

// One input: what the fuzzer gives, as described at the top.
int FuzzRequest(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  if (in.ConsumeIntegralInRange<int>(0, 1) == 0) {
    FuzzFramework(in.ConsumeRemainingBytesAsString());
  } else {
    FuzzCase(in.ConsumeRemainingBytesAsString());
  }
  return 0;
}

}  // namespace
}  // namespace ozjt::screening

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ozjt::screening::FuzzRequest(data, size);
}
