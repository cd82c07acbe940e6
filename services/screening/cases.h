// The screening service's use cases: frameworks, cases and their steps, and the outcome list,
// with the confidentiality rules: case content is for screening officers (auditors read it)
// and every read of it is logged; others see only outcomes and their dates (a municipal user:
// of providers active in their municipality). No gRPC types.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/request.h"
#include "services/screening/screening.h"
#include "services/screening/store.h"

namespace ozjt::screening {

// A case with what it is read with: its framework, the provider's name, and the contracts its
// admitting decision was registered against.
struct CaseView {
  ScreeningCase c;
  Framework framework;
  std::string provider_name;
  std::vector<int64_t> registered_contracts;
};

struct OpenRequest {
  int64_t provider_id = 0;
  int64_t framework_id = 0;  // 0: the current KIT version
  Occasion occasion = Occasion::kUnspecified;
  int64_t contract_id = 0;
  std::string reference;
};

// One step on a case; exactly one is set per call.
struct CaseStep {
  std::optional<std::pair<std::string, Day>> request;  // item code, requested date
  std::optional<Evidence> evidence;
  std::optional<Assessment> assessment;
  std::optional<std::pair<Day, std::string>> referral;  // referred date, reference
  int64_t reuse_advice_of = 0;                          // an earlier case
  std::optional<BibobReferral> advice;                  // advice, advice_date, advice_reference
  std::optional<Hearing> hearing;
  std::optional<Decision> decision;
};

// The checklist of a case saved at once, against the version read.
struct Checklist {
  std::vector<Evidence> evidence;
  std::vector<Assessment> assessments;
  int64_t expected_version = 0;
};

// A page of cases; next_page_token is empty on the last page.
struct CasePage {
  std::vector<CaseView> cases;
  std::string next_page_token;
};

class Screenings {
 public:
  Screenings(ScreeningStore& store, int validity_months)
      : store_(store), validity_months_(validity_months) {}

  absl::StatusOr<std::vector<Framework>> Frameworks(const platform::RequestInfo& r);
  absl::StatusOr<Framework> CreateFramework(const platform::RequestInfo& r, Framework f);

  absl::StatusOr<CaseView> Open(const platform::RequestInfo& r, const OpenRequest& o);
  // The case's content; the read is logged.
  absl::StatusOr<CaseView> Get(const platform::RequestInfo& r, int64_t id);
  // Cases, newest first, a page (page_size 0: 50, at most 500); the read is logged.
  absl::StatusOr<CasePage> List(const platform::RequestInfo& r, const CaseFilter& f, int page_size,
                                const std::string& page_token);
  absl::StatusOr<CaseView> Apply(const platform::RequestInfo& r, int64_t id, const CaseStep& step);
  // Evidence and assessments of many items in one transaction (screening.h SaveChecklist), by
  // the caller; INVALID_ARGUMENT without a version, ABORTED when the case changed since.
  absl::StatusOr<CaseView> SaveChecklist(const platform::RequestInfo& r, int64_t id,
                                         Checklist list);

  // Final decisions; a municipal user sees those of providers active in their municipality.
  absl::StatusOr<std::vector<OutcomeRow>> Outcomes(const platform::RequestInfo& r,
                                                   int64_t provider_id);

  int validity_months() const { return validity_months_; }

 private:
  absl::StatusOr<ProviderFacts> Provider(const platform::RequestInfo& r, int64_t id);
  // The views of `cases` (frameworks and provider names attached) read inside `tx`.
  absl::StatusOr<std::vector<CaseView>> Views(const platform::RequestInfo& r, ScreeningTx& tx,
                                              std::vector<ScreeningCase> cases);

  ScreeningStore& store_;
  int validity_months_;
};

}  // namespace ozjt::screening
