// Request validation of the contracts service. The last byte picks the request:
//   0: a contract (CreateContract/UpdateContract, in the contract's JSON form) -> Prepare; a
//      prepared contract survives its stored form and plans an indexation without failing
//      other than by status;
//   1: a legal step (RecordLegalStep) -> PrepareLegalStep;
//   2: an update mask (comma-separated paths) -> ParseContractMask;
//   3: a vervoer KPI measurement (RecordKpiMeasurement) -> ValidateKpiMeasurement;
//   4: a tariff line with any amount, indexed with any figures -> PrepareTariffLine and
//      PlanIndexation: an amount above EUR 10.000.000.000,00 is INVALID_ARGUMENT, and a plan
//      never holds an amount that is not positive or above the bound (checked arithmetic:
//      never a wrapped amount).
// Bad input is INVALID_ARGUMENT (FAILED_PRECONDITION where a rule says so), never a crash,
// and no message quotes SQL.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>

#include "absl/strings/str_split.h"
#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/tariff.h"
#include "services/contracts/vervoer.h"
#include "services/platform/decimal.h"
#include "tests/fuzz/fuzz_common.h"

namespace ozjt::contracts {
namespace {

// The whole input of the current run (a message may echo what it refuses).
absl::string_view g_input;

void ExpectUserError(const absl::Status& s) {
  if (!s.ok() && !absl::IsInvalidArgument(s) && !absl::IsFailedPrecondition(s)) std::abort();
  if (fuzz::QuotesSql(s.message(), g_input)) std::abort();
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
  const absl::Status s = ValidateKpiMeasurement(m, fuzz::Today());
  ExpectUserError(s);
  if (s.ok() && (m.value < 0 || m.value > 100'000'000)) std::abort();
  PeriodStart(m.period);
}

void FuzzTariff(FuzzedDataProvider& in) {
  Contract c;
  c.id = 5;
  c.reference = "FUZZ-1";
  c.domain = ContractDomain::kWmo;
  c.status = ContractStatus::kActive;
  c.start_date = Day(2023, 1, 1);
  c.end_date = Day(2028, 12, 31);
  c.participations = {{"0153", Day(2023, 1, 1), std::nullopt}};
  c.index_weights = DefaultIndexWeights();
  TariffLine l;
  l.id = 1;
  l.contract_id = 5;
  l.law = TariffLaw::kWmo;
  l.variant = Variant::kInspanningsgericht;
  l.product_category = "01";
  l.product_code = "01HH1";
  l.description = "Hulp";
  l.unit = "04";
  l.amount_cents = in.ConsumeIntegral<int64_t>();
  l.valid_from = Day(2023, 1, 1);
  const absl::Status prepared = PrepareTariffLine(l, {{{"wmo", "01"}}, {"04"}}, c);
  ExpectUserError(prepared);
  if (prepared.ok() != (l.amount_cents > 0 && l.amount_cents <= platform::kMaxAmountCents)) {
    std::abort();
  }
  // Index the line as given (it may have been stored before the bound) with any figures.
  std::vector<IndexFigure> figures;
  for (const char* component : {"OVA", "PCC"}) {
    for (int year : {2023, 2024}) {
      figures.push_back({component, year, FigureKind::kForecast,
                         in.ConsumeIntegralInRange<int64_t>(-5000, 10000)});
      figures.push_back(
          {component, year, FigureKind::kFinal, in.ConsumeIntegralInRange<int64_t>(-5000, 10000)});
    }
  }
  auto plan = PlanIndexation(c, 2024, {l}, figures, {});
  ExpectUserError(plan.status());
  if (!plan.ok()) return;
  for (const auto& p : plan->lines) {
    if (p.next.amount_cents <= 0 || p.next.amount_cents > platform::kMaxAmountCents) std::abort();
  }
}

// One input: what the fuzzer gives, as described at the top.
int FuzzRequest(const uint8_t* data, size_t size) {
  g_input = fuzz::Text(data, size);
  FuzzedDataProvider in(data, size);
  switch (in.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:
      FuzzContract(in.ConsumeRemainingBytesAsString());
      break;
    case 1:
      FuzzLegalStep(in.ConsumeRemainingBytesAsString());
      break;
    case 2:
      FuzzMask(in.ConsumeRemainingBytesAsString());
      break;
    case 3:
      FuzzKpiMeasurement(in);
      break;
    default:
      FuzzTariff(in);
  }
  return 0;
}

}  // namespace
}  // namespace ozjt::contracts

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return ozjt::contracts::FuzzRequest(data, size);
}
