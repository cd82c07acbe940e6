// Request validation of the account-holding region service. The last byte picks the request:
//   0: an assignment (AssignRegion) -> ValidateAssignment;
//   1: a financial statement (RecordFinancialStatement) -> ValidateStatement, then its ratios;
//   2: ratio thresholds (OZJT_RATIO_THRESHOLDS) -> ParseThresholds, then classes.
// Bad input is INVALID_ARGUMENT, never a crash or an overflow.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>

#include "services/accountregion/continuity.h"
#include "tests/fuzz/fuzz_common.h"

namespace ozjt::accountregion {
namespace {

void ExpectInvalidArgument(const absl::Status& s) {
  if (!s.ok() && !absl::IsInvalidArgument(s)) std::abort();
}

absl::CivilDay SomeDay(FuzzedDataProvider& in) {
  return absl::CivilDay(in.ConsumeIntegralInRange<int>(1900, 2200), in.ConsumeIntegral<int8_t>(),
                        in.ConsumeIntegral<int8_t>());
}

void FuzzAssignment(FuzzedDataProvider& in) {
  Assignment a;
  a.provider_id = in.ConsumeIntegral<int64_t>();
  a.basis = static_cast<AssignmentBasis>(in.ConsumeIntegralInRange<int>(0, 2));
  a.valid_from = SomeDay(in);
  if (in.ConsumeBool()) a.valid_to = SomeDay(in);
  a.note = in.ConsumeRandomLengthString(3000);
  a.region_code = in.ConsumeRemainingBytesAsString();
  std::vector<std::string> regions;
  for (const auto& r : fuzz::RegionCodes()) regions.push_back(r);
  ExpectInvalidArgument(ValidateAssignment(a, regions));
}

void FuzzStatement(FuzzedDataProvider& in) {
  FinancialStatement s;
  s.provider_id = in.ConsumeIntegral<int64_t>();
  s.equity = in.ConsumeIntegral<int64_t>();
  s.total_assets = in.ConsumeIntegral<int64_t>();
  s.current_assets = in.ConsumeIntegral<int64_t>();
  s.current_liabilities = in.ConsumeIntegral<int64_t>();
  s.revenue = in.ConsumeIntegral<int64_t>();
  s.net_result = in.ConsumeIntegral<int64_t>();
  s.period = in.ConsumeRemainingBytesAsString();
  absl::Status valid = ValidateStatement(s, fuzz::Today());
  ExpectInvalidArgument(valid);
  if (!valid.ok()) return;
  ComputeRatios(s, RatioThresholds{});
  ThreeYearsOfLosses({s, s, s});
}

void FuzzThresholds(FuzzedDataProvider& in) {
  const int64_t value = in.ConsumeIntegral<int64_t>();
  auto t = ParseThresholds(in.ConsumeRemainingBytesAsString());
  ExpectInvalidArgument(t.status());
  if (!t.ok()) return;
  for (const auto* bounds : {&t->solvency, &t->current_ratio, &t->profitability}) {
    for (size_t i = 1; i < bounds->size(); ++i) {
      if ((*bounds)[i - 1] > (*bounds)[i]) std::abort();  // documented as ascending
    }
    Classify(value, *bounds);
  }
}

// One input: what the fuzzer gives, as described at the top.
int FuzzRequest(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 2)) {
    case 0:
      FuzzAssignment(in);
      break;
    case 1:
      FuzzStatement(in);
      break;
    default:
      FuzzThresholds(in);
  }
  return 0;
}

}  // namespace
}  // namespace ozjt::accountregion

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ozjt::accountregion::FuzzRequest(data, size);
}
