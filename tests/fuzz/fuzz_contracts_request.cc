// Request validation of the contracts service. The last byte picks the request:
//   0: a contract (CreateContract/UpdateContract, in the contract's JSON form) -> Prepare; a
//      prepared contract survives its stored form and plans an indexation without failing
//      other than by status;
//   1: a legal step (RecordLegalStep) -> PrepareLegalStep;
//   2: an update mask (comma-separated paths) -> ParseContractMask;
//   3: a vervoer KPI measurement (RecordKpiMeasurement) -> ValidateKpiMeasurement.
// Bad input is INVALID_ARGUMENT (FAILED_PRECONDITION where a rule says so), never a crash.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>

#include "absl/strings/str_split.h"
#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/tariff.h"
#include "services/contracts/vervoer.h"
#include "tests/fuzz/fuzz_common.h"

namespace ozjt::contracts {
namespace {

void ExpectUserError(const absl::Status& s) {
  if (!s.ok() && !absl::IsInvalidArgument(s) && !absl::IsFailedPrecondition(s)) std::abort();
}

void FuzzContract(const std::string& text) {
  auto contract = ContractFromJson(text);
  if (!contract.ok()) return;
  absl::Status prepared = Prepare(*contract, {fuzz::MunicipalityCodes()}, "contract");
  ExpectUserError(prepared);
  if (!prepared.ok()) return;
  const std::string stored = ToJson(*contract);
  auto back = ContractFromJson(stored);
  if (!back.ok() || ToJson(*back) != stored) std::abort();
  const int start_year = static_cast<int>(contract->start_date.year());
  for (int year : {start_year, start_year + 1}) {
    ExpectUserError(PlanIndexation(*contract, year, {}, {}, {}).status());
  }
}

void FuzzLegalStep(const std::string& text) {
  auto step = LegalStepFromJson(text);
  if (!step.ok()) return;
  ExpectUserError(PrepareLegalStep(*step, fuzz::Today()));
}

void FuzzMask(const std::string& text) {
  std::vector<std::string> paths = absl::StrSplit(text, ',');
  ExpectUserError(ParseContractMask(paths).status());
}

void FuzzKpiMeasurement(FuzzedDataProvider& in) {
  KpiMeasurement m;
  m.contract_id = in.ConsumeIntegral<int64_t>();
  m.kind = static_cast<KpiKind>(in.ConsumeIntegralInRange<int>(0, 5));
  m.source = static_cast<MeasurementSource>(in.ConsumeIntegralInRange<int>(0, 3));
  m.value = in.ConsumeIntegral<int64_t>();
  m.municipality_code = in.ConsumeRandomLengthString(8);
  m.period = in.ConsumeRemainingBytesAsString();
  ExpectUserError(ValidateKpiMeasurement(m, fuzz::Today()));
  PeriodStart(m.period);
}

// One input: what the fuzzer gives, as described at the top.
int FuzzRequest(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 3)) {
    case 0:
      FuzzContract(in.ConsumeRemainingBytesAsString());
      break;
    case 1:
      FuzzLegalStep(in.ConsumeRemainingBytesAsString());
      break;
    case 2:
      FuzzMask(in.ConsumeRemainingBytesAsString());
      break;
    default:
      FuzzKpiMeasurement(in);
  }
  return 0;
}

}  // namespace
}  // namespace ozjt::contracts

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ozjt::contracts::FuzzRequest(data, size);
}
