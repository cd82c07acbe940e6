// The insight service's use cases: importing message files and the figures of a quarter, with
// who may see what. Parsing is ijw.h, the measures measures.h, the storage store.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/insight/ijw.h"
#include "services/insight/measures.h"
#include "services/insight/pseudonym.h"
#include "services/insight/report.h"
#include "services/insight/store.h"
#include "services/platform/request.h"

namespace ozjt::insight {

// The region whose municipalities the region view covers.
inline constexpr char kRegionCode[] = "TWENTE";

struct FileOutcome {
  enum Kind { kImported, kAlreadyImported, kRefused, kValid };
  std::string file_name;
  Kind kind = kRefused;
  std::string message_type;  // "JW301"
  std::string sender;
  std::string identification;
  Violation violation;  // kRefused
  int items = 0;
  int64_t position = 0;  // in the batch, from 0
};

// What an import did: counts of every file, and the files listed: every refused one (the first
// kMaxListed) and, when the batch has at most kMaxListed files, every file.
struct ImportSummary {
  static constexpr int kMaxListed = 1000;
  int64_t files = 0, imported = 0, already_imported = 0, refused = 0, valid = 0;
  std::vector<FileOutcome> listed;
  bool all_listed = true;  // false: only refused files are listed
};

// "JW301", "WMO323".
std::string MessageLabel(const Header& h);

class Insight {
 public:
  // Without a pseudonymiser (no key configured) imports are refused.
  Insight(InsightStore& store, std::optional<Pseudonymiser> pseudonymiser, WaitNorms norms)
      : store_(store), pseudonymiser_(std::move(pseudonymiser)), norms_(std::move(norms)) {}

  // One import: files are parsed as they come and stored in groups (each file whole or not at
  // all; a message stored before is reported as such).
  class Import {
   public:
    Import(InsightStore& store, const Pseudonymiser& p, platform::RequestInfo r, bool validate_only)
        : store_(store), pseudonymiser_(p), request_(std::move(r)), validate_only_(validate_only) {}
    // Parses one file; stores the group when it is full. An error only for the database.
    absl::Status Add(const std::string& file_name, absl::string_view xml);
    // Refuses a file without reading it (too large).
    void Refuse(const std::string& file_name, Violation v);
    // Stores what is left; every file's outcome, in the order given.
    absl::StatusOr<ImportSummary> Finish();

   private:
    absl::Status Flush();
    // Counts a file's outcome and lists it when it should be (ImportSummary).
    void Record(FileOutcome o);
    InsightStore& store_;
    const Pseudonymiser& pseudonymiser_;
    platform::RequestInfo request_;
    bool validate_only_;
    ImportSummary summary_;
    int64_t next_position_ = 0;
    std::vector<ParsedFile> group_;
    std::vector<FileOutcome> group_outcomes_;  // of each of group_, recorded once stored
  };
  // FAILED_PRECONDITION when no key is configured.
  absl::StatusOr<std::unique_ptr<Import>> StartImport(const platform::RequestInfo& r,
                                                      bool validate_only);

  struct Answer {
    std::string municipality_code;  // empty: the region
    std::string municipality_name;
    bool suppressed = false;  // a municipal caller
    QuarterFigures figures;
    std::map<std::string, registry::AgbProvider> providers;  // by AGB code
    std::map<int64_t, std::string> contract_references;      // by contract id
  };
  // A municipal caller may ask for their own municipality only (and gets it when they name
  // none); OZJT roles for any municipality or the region.
  absl::StatusOr<Answer> QuarterFiguresFor(const platform::RequestInfo& r,
                                           const std::string& municipality_code,
                                           const std::string& quarter);

  // The report of a quarter or half year ("2026-K3", "2026-H1") for a municipality or ("") the
  // region (report.h); suppressed for a municipal caller and, for OZJT, when `external`.
  absl::StatusOr<Report> ReportFor(const platform::RequestInfo& r,
                                   const std::string& municipality_code, const std::string& period,
                                   bool external);

  // A spending ceiling as people read it: names, and what the messages say of its use.
  struct CeilingView {
    SpendingCeiling ceiling;
    CeilingUse use;
    std::string contract_reference;
    std::string provider_name;
    std::string municipality_name;
  };
  // Sets a ceiling (ceilings.h): INVALID_ARGUMENT for a wrong amount or day, NOT_FOUND for an
  // unknown contract or provider, FAILED_PRECONDITION when the contract has no tariff line
  // for the provider in the municipality.
  absl::StatusOr<CeilingView> SetCeiling(const platform::RequestInfo& r, SpendingCeiling c);
  absl::StatusOr<CeilingView> RecordCeilingStep(const platform::RequestInfo& r, int64_t id,
                                                CeilingStep step, absl::CivilDay day);
  // The ceilings of `year` of a municipality, or ("") of all (a municipal caller: their own).
  absl::StatusOr<std::vector<CeilingView>> CeilingsFor(const platform::RequestInfo& r, int year,
                                                       const std::string& municipality_code);

 private:
  // The providers of the AGB codes in `traffic` and the tariff lines of their contracts.
  absl::Status MatchProviders(platform::Deadline d, const Traffic& traffic, Answer& out,
                              TariffBook& tariffs);
  // Names and the use of each of `ceilings` (all of one year), from the traffic of their
  // municipalities.
  absl::StatusOr<std::vector<CeilingView>> ViewsOf(platform::Deadline d,
                                                   const std::vector<SpendingCeiling>& ceilings);
  // The views of `ceilings` (all of `municipality` and `year`) without names, added to `out`.
  absl::Status UsesOf(platform::Deadline d, const std::string& municipality, int year,
                      const std::vector<const SpendingCeiling*>& ceilings,
                      std::vector<CeilingView>& out);
  // Who may see what: sets the answer's municipality (a municipal caller's own when none is
  // named), name and suppression; the municipalities whose traffic counts.
  absl::StatusOr<std::vector<std::string>> ScopeOf(const platform::RequestInfo& r, Answer& out);
  // The tariff lines of the contracts of the providers in `traffic` (their AGB codes in
  // `providers`), for matching.
  absl::StatusOr<TariffBook> TariffsFor(platform::Deadline d, const Answer& answer,
                                        std::map<int64_t, std::string>& references);

  InsightStore& store_;
  std::optional<Pseudonymiser> pseudonymiser_;
  WaitNorms norms_;
};

}  // namespace ozjt::insight
