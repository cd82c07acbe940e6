#include "services/screening/demo_data.h"

#include <functional>

#include "services/platform/status.h"
#include "services/registry/demo_data.h"

namespace ozjt::screening {
namespace {

constexpr char kAssessor[] = "demo:toetser";
constexpr char kDecider[] = "demo:besluiter";

// Evidence for every item dated `documents` (received a week later) and each assessed as
// meeting it on `assessed`.
absl::StatusOr<ScreeningCase> Screened(ScreeningCase c, const Framework& f, Day documents,
                                       Day assessed) {
  for (const auto& item : f.items) {
    OZJT_ASSIGN_OR_RETURN(
        c, RecordEvidence(c, f,
                          {item.code, documents, documents + 7,
                           "DMS/KIT/" + std::to_string(c.provider_id) + "/" + item.code, kAssessor},
                          assessed));
    OZJT_ASSIGN_OR_RETURN(c, Assess(c, f,
                                    {item.code, AssessmentResult::kMeets,
                                     "Voldoet aan de eis van " + f.title, kAssessor, Day()},
                                    assessed));
  }
  return c;
}

Decision Made(Outcome outcome, std::string reasons, std::vector<std::string> conditions = {}) {
  Decision d;
  d.outcome = outcome;
  d.reasons = std::move(reasons);
  d.conditions = std::move(conditions);
  d.decided_by = kDecider;
  return d;
}

// Opens a case of the demo provider at `index` (of registry::DemoProviders()).
using Opener = std::function<absl::StatusOr<ScreeningCase>(
    int index, const Framework& f, Occasion occasion, const std::string& reference, Day opened)>;

// The 2025 purchase: the six largest providers, admitted in October 2024.
absl::Status AddAdmissions(const Opener& open, const Framework& kit, const std::string& round,
                           std::vector<ScreeningCase>* cases) {
  for (int i = 0; i < 6; ++i) {
    OZJT_ASSIGN_OR_RETURN(ScreeningCase c,
                          open(i, kit, Occasion::kProcurementRound, round, Day(2024, 9, 2)));
    OZJT_ASSIGN_OR_RETURN(c, Screened(c, kit, Day(2024, 8, 26), Day(2024, 9, 20)));
    OZJT_ASSIGN_OR_RETURN(
        c, Decide(c, kit, Made(Outcome::kAdmitted, "Alle onderdelen van KIT voldoen"),
                  Day(2024, 10, 1), kDefaultValidityMonths));
    cases->push_back(std::move(c));
  }
  // A recent admission: an award for this provider passes the gate today.
  {
    OZJT_ASSIGN_OR_RETURN(ScreeningCase c, open(6, kit, Occasion::kNewEntrant,
                                                "Tussentijdse toetreding 2027", Day(2026, 10, 5)));
    OZJT_ASSIGN_OR_RETURN(c, Screened(c, kit, Day(2026, 10, 1), Day(2026, 10, 26)));
    OZJT_ASSIGN_OR_RETURN(
        c, Decide(c, kit, Made(Outcome::kAdmitted, "Alle onderdelen van KIT voldoen"),
                  Day(2026, 11, 2), kDefaultValidityMonths));
    cases->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// Admitted with conditions after a Bibob advice of a lesser risk.
absl::Status AddAdmittedWithConditions(const Opener& open, const Framework& kit,
                                       const std::string& round,
                                       std::vector<ScreeningCase>* cases) {
  OZJT_ASSIGN_OR_RETURN(ScreeningCase c,
                        open(8, kit, Occasion::kProcurementRound, round, Day(2024, 9, 2)));
  OZJT_ASSIGN_OR_RETURN(c, Screened(c, kit, Day(2024, 8, 26), Day(2024, 9, 20)));
  OZJT_ASSIGN_OR_RETURN(c, Assess(c, kit,
                                  {"R2", AssessmentResult::kDoesNotMeet,
                                   "Risicoanalyse: zwakke liquiditeit", kAssessor, Day()},
                                  Day(2024, 9, 23)));
  OZJT_ASSIGN_OR_RETURN(c, ReferToBibob(c, Day(2024, 9, 24), "LBB-2024-0311", Day(2024, 9, 24)));
  OZJT_ASSIGN_OR_RETURN(c, RecordBibobAdvice(c, BibobAdvice::kLesserRisk, Day(2024, 11, 4),
                                             "LBB-A-2024-0311", Day(2024, 11, 4)));
  OZJT_ASSIGN_OR_RETURN(
      c, Decide(c, kit,
                Made(Outcome::kAdmittedWithConditions,
                     "Bibob-advies mindere mate van gevaar; risico's beheersbaar met voorwaarden",
                     {"Kwartaalrapportage liquiditeit aan de accounthoudende regio",
                      "Melding van elke wijziging in bestuur of UBO binnen 14 dagen"}),
                Day(2024, 11, 11), kDefaultValidityMonths));
  cases->push_back(std::move(c));
  return absl::OkStatus();
}

// Refused after hoor en wederhoor.
absl::Status AddRefused(const Opener& open, const Framework& kit, const std::string& round,
                        std::vector<ScreeningCase>* cases) {
  OZJT_ASSIGN_OR_RETURN(ScreeningCase c,
                        open(9, kit, Occasion::kProcurementRound, round, Day(2024, 9, 2)));
  OZJT_ASSIGN_OR_RETURN(
      c, Assess(c, kit,
                {"I2", AssessmentResult::kDoesNotMeet,
                 "Gedragsverklaring Aanbesteden geweigerd door Justis", kAssessor, Day()},
                Day(2024, 9, 25)));
  OZJT_ASSIGN_OR_RETURN(
      c,
      RecordHearing(c, {Day(2024, 10, 8), "Aanbieder verwijst naar bezwaar bij Justis", kAssessor},
                    Day(2024, 10, 8)));
  OZJT_ASSIGN_OR_RETURN(
      c, Decide(c, kit,
                Made(Outcome::kRefused,
                     "Geen Gedragsverklaring Aanbesteden; uitsluitingsgrond van de aanbesteding"),
                Day(2024, 10, 15), kDefaultValidityMonths));
  cases->push_back(std::move(c));
  return absl::OkStatus();
}

// An open new entrant: the KvK extract and tax statement are in, the Gedragsverklaring is
// requested on 2026-11-20 and due on 2026-12-04. And a case of the barrièremodel.
absl::Status AddOpenAndBarriere(const Opener& open, const Framework& kit, const Framework& barriere,
                                std::vector<ScreeningCase>* cases) {
  {
    OZJT_ASSIGN_OR_RETURN(ScreeningCase c, open(12, kit, Occasion::kNewEntrant,
                                                "Tussentijdse toetreding 2027", Day(2026, 11, 16)));
    for (const char* item : {"I3", "I4"}) {
      OZJT_ASSIGN_OR_RETURN(c, RecordEvidence(c, kit,
                                              {item, Day(2026, 11, 10), Day(2026, 11, 18),
                                               std::string("DMS/KIT/nieuw/") + item, kAssessor},
                                              Day(2026, 11, 18)));
    }
    OZJT_ASSIGN_OR_RETURN(
        c, RequestEvidence(c, kit, "I2", Day(2026, 11, 20), Day(2026, 11, 20), kAssessor));
    cases->push_back(std::move(c));
  }
  // The barrièremodel, before KIT.
  {
    OZJT_ASSIGN_OR_RETURN(ScreeningCase c, open(10, barriere, Occasion::kProcurementRound,
                                                "Inkoop Jeugd 2019", Day(2018, 10, 1)));
    OZJT_ASSIGN_OR_RETURN(c, Screened(c, barriere, Day(2018, 9, 20), Day(2018, 11, 5)));
    OZJT_ASSIGN_OR_RETURN(
        c, Decide(c, barriere, Made(Outcome::kAdmitted, "Voldoet aan het barrièremodel"),
                  Day(2018, 11, 19), kDefaultValidityMonths));
    cases->push_back(std::move(c));
  }
  return absl::OkStatus();
}

// Every demo case, in the order they are stored.
absl::Status AddDemoCases(const Opener& open, const Framework& kit, const Framework& barriere,
                          const std::string& round, std::vector<ScreeningCase>* cases) {
  OZJT_RETURN_IF_ERROR(AddAdmissions(open, kit, round, cases));
  OZJT_RETURN_IF_ERROR(AddAdmittedWithConditions(open, kit, round, cases));
  OZJT_RETURN_IF_ERROR(AddRefused(open, kit, round, cases));
  OZJT_RETURN_IF_ERROR(AddOpenAndBarriere(open, kit, barriere, cases));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> LoadDemoScreening(const platform::RequestInfo& r, ScreeningStore& store,
                                       registry::Directory& directory) {
  registry::DemoProviderIds id_of(directory, r.deadline);
  OZJT_ASSIGN_OR_RETURN(int64_t first, id_of(0));
  OZJT_ASSIGN_OR_RETURN(std::vector<OutcomeRow> existing, store.Outcomes(r.deadline, first));
  if (!existing.empty()) return false;
  OZJT_ASSIGN_OR_RETURN(std::vector<Framework> frameworks, store.Frameworks(r.deadline));
  std::optional<Framework> kit = CurrentFramework(frameworks, "kit", Day(2024, 6, 1));
  std::optional<Framework> barriere =
      CurrentFramework(frameworks, "barrieremodel", Day(2019, 1, 1));
  if (!kit || !barriere) return absl::FailedPreconditionError("apply the migrations first");
  const std::string round = "Inkoop Jeugd en Wmo 2025";

  std::vector<ScreeningCase> cases;
  const Opener open = [&](int index, const Framework& f, Occasion occasion,
                          const std::string& reference,
                          Day opened) -> absl::StatusOr<ScreeningCase> {
    OZJT_ASSIGN_OR_RETURN(int64_t id, id_of(index));
    return NewCase(id, f, occasion, 0, reference, opened, kAssessor);
  };
  OZJT_RETURN_IF_ERROR(AddDemoCases(open, *kit, *barriere, round, &cases));
  OZJT_RETURN_IF_ERROR(store.Write(r, [&](ScreeningTx& tx) {
    for (const auto& c : cases) tx.InsertCase(c);
    return absl::OkStatus();
  }));
  return true;
}

}  // namespace ozjt::screening
