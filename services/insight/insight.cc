#include "services/insight/insight.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/status.h"

namespace ozjt::insight {
namespace {

// Files of one transaction: large enough that the audit record and the commit are shared,
// small enough that a failed group is quick to send again.
constexpr size_t kGroupSize = 1000;

int ItemsOf(const Message& m) {
  return static_cast<int>(m.allocations.size() + m.starts.size() + m.stops.size() +
                          m.requests.size() + (m.claim ? m.claim->lines.size() : 0) +
                          (m.answer ? m.answer->rejected.size() : 0));
}

}  // namespace

std::string MessageLabel(const Header& h) {
  return absl::StrCat(absl::AsciiStrToUpper(Code(h.law)), h.type);
}

absl::Status Insight::Import::Add(const std::string& file_name, absl::string_view xml) {
  FileOutcome out;
  out.file_name = file_name;
  out.position = next_position_++;
  ParseResult parsed =
      ParseMessage(xml, [this](absl::string_view bsn) { return pseudonymiser_.Of(bsn); });
  if (parsed.violation) {
    out.kind = FileOutcome::kRefused;
    out.violation = std::move(*parsed.violation);
    Record(std::move(out));
    return absl::OkStatus();
  }
  const Header& h = parsed.message->header;
  out.message_type = MessageLabel(h);
  out.sender = h.sender;
  out.identification = h.identification;
  out.items = ItemsOf(*parsed.message);
  out.kind = FileOutcome::kValid;
  if (validate_only_) {
    Record(std::move(out));
    return absl::OkStatus();
  }
  group_outcomes_.push_back(std::move(out));
  group_.push_back({file_name, std::move(*parsed.message)});
  return group_.size() >= kGroupSize ? Flush() : absl::OkStatus();
}

void Insight::Import::Refuse(const std::string& file_name, Violation v) {
  FileOutcome out;
  out.file_name = file_name;
  out.position = next_position_++;
  out.kind = FileOutcome::kRefused;
  out.violation = std::move(v);
  Record(std::move(out));
}

void Insight::Import::Record(FileOutcome o) {
  ImportSummary& s = summary_;
  ++s.files;
  switch (o.kind) {
    case FileOutcome::kImported:
      ++s.imported;
      break;
    case FileOutcome::kAlreadyImported:
      ++s.already_imported;
      break;
    case FileOutcome::kRefused:
      ++s.refused;
      break;
    case FileOutcome::kValid:
      ++s.valid;
      break;
  }
  if (s.all_listed && s.files > ImportSummary::kMaxListed) {
    // Too many to list them all: from now on the refused ones only.
    s.all_listed = false;
    std::vector<FileOutcome> refused;
    for (auto& l : s.listed) {
      if (l.kind == FileOutcome::kRefused) refused.push_back(std::move(l));
    }
    s.listed = std::move(refused);
  }
  if ((s.all_listed || o.kind == FileOutcome::kRefused) &&
      s.listed.size() < static_cast<size_t>(ImportSummary::kMaxListed)) {
    s.listed.push_back(std::move(o));
  }
}

absl::Status Insight::Import::Flush() {
  if (group_.empty()) return absl::OkStatus();
  OZJT_ASSIGN_OR_RETURN(std::vector<bool> stored,
                        store_.Save(request_, group_, pseudonymiser_.version()));
  for (size_t i = 0; i < group_.size(); ++i) {
    group_outcomes_[i].kind = stored[i] ? FileOutcome::kImported : FileOutcome::kAlreadyImported;
    Record(std::move(group_outcomes_[i]));
  }
  group_.clear();
  group_outcomes_.clear();
  return absl::OkStatus();
}

absl::StatusOr<ImportSummary> Insight::Import::Finish() {
  OZJT_RETURN_IF_ERROR(Flush());
  // In the order the files came (stored files are recorded when their group is).
  std::sort(summary_.listed.begin(), summary_.listed.end(),
            [](const FileOutcome& a, const FileOutcome& b) { return a.position < b.position; });
  return std::move(summary_);
}

absl::StatusOr<std::unique_ptr<Insight::Import>> Insight::StartImport(
    const platform::RequestInfo& r, bool validate_only) {
  if (!pseudonymiser_) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            "no pseudonym key is configured (OZJT_INSIGHT_KEY_FILE); nothing was imported"),
        "Deze server kan geen berichten inlezen: er is geen sleutel voor de pseudoniemen "
        "ingesteld (OZJT_INSIGHT_KEY_FILE). Er is niets ingelezen; vraag de beheerder.");
  }
  return std::make_unique<Import>(store_, *pseudonymiser_, r, validate_only);
}

absl::StatusOr<std::vector<std::string>> Insight::ScopeOf(const platform::RequestInfo& r,
                                                          Answer& out) {
  registry::Directory& directory = store_.directory();
  if (r.caller.IsMunicipal()) {
    if (out.municipality_code.empty()) out.municipality_code = r.caller.municipality_code;
    if (out.municipality_code != r.caller.municipality_code) {
      return platform::WithDutch(
          absl::PermissionDeniedError(absl::StrCat("you can see the figures of municipality ",
                                                   r.caller.municipality_code, " only")),
          "U ziet alleen de cijfers van uw eigen gemeente.");
    }
    out.suppressed = true;
  }
  if (out.municipality_code.empty()) {
    out.municipality_name = "Twente";
    return directory.MunicipalitiesOfRegion(r.deadline, kRegionCode);
  }
  OZJT_ASSIGN_OR_RETURN(out.municipality_name,
                        directory.MunicipalityName(r.deadline, out.municipality_code));
  if (out.municipality_name.empty()) {
    return platform::InvalidField(
        "municipality_code", "unknown municipality",
        absl::StrCat("Er is geen gemeente met CBS-code '", out.municipality_code, "'."));
  }
  return std::vector<std::string>{out.municipality_code};
}

absl::StatusOr<Insight::Answer> Insight::QuarterFiguresFor(const platform::RequestInfo& r,
                                                           const std::string& municipality_code,
                                                           const std::string& quarter_text) {
  OZJT_ASSIGN_OR_RETURN(Quarter quarter, ParseQuarter(quarter_text));
  Answer out;
  out.municipality_code = municipality_code;
  OZJT_ASSIGN_OR_RETURN(std::vector<std::string> municipalities, ScopeOf(r, out));
  OZJT_ASSIGN_OR_RETURN(Traffic traffic, store_.TrafficOf(r.deadline, municipalities, quarter));
  std::set<std::string> agbs;
  for (const auto& a : traffic.allocations) agbs.insert(a.agb);
  for (const auto& l : traffic.claim_lines) agbs.insert(l.agb);
  for (const auto& l : traffic.stops) agbs.insert(l.agb);
  OZJT_ASSIGN_OR_RETURN(out.providers,
                        store_.directory().ProvidersByAgb(r.deadline, {agbs.begin(), agbs.end()}));
  OZJT_ASSIGN_OR_RETURN(TariffBook tariffs, TariffsFor(r.deadline, out, out.contract_references));
  out.figures = Compute(traffic, quarter, norms_, tariffs);
  return out;
}

absl::StatusOr<TariffBook> Insight::TariffsFor(platform::Deadline d, const Answer& answer,
                                               std::map<int64_t, std::string>& references) {
  std::map<int64_t, std::vector<std::string>> agbs_of;
  for (const auto& [agb, provider] : answer.providers) agbs_of[provider.id].push_back(agb);
  std::vector<int64_t> ids;
  ids.reserve(agbs_of.size());
  for (const auto& [id, agbs] : agbs_of) ids.push_back(id);
  OZJT_ASSIGN_OR_RETURN(std::vector<contracts::ContractTariff> lines,
                        store_.contracts().TariffsOfProviders(d, ids));
  std::vector<Tariff> tariffs;
  tariffs.reserve(lines.size());
  for (auto& line : lines) {
    Tariff t;
    t.contract_id = line.contract_id;
    t.contract_reference = line.reference;
    for (int64_t id : line.provider_ids) {
      auto it = agbs_of.find(id);
      if (it != agbs_of.end()) t.agb_codes.insert(it->second.begin(), it->second.end());
    }
    t.municipalities = {line.municipality_codes.begin(), line.municipality_codes.end()};
    t.law = line.law == "wmo" ? Law::kWmo : Law::kJw;
    t.category = std::move(line.category);
    t.code = std::move(line.code);
    t.unit = std::move(line.unit);
    t.amount_cents = line.amount_cents;
    t.valid_from = line.valid_from;
    t.valid_to = line.valid_to;
    references[t.contract_id] = t.contract_reference;
    tariffs.push_back(std::move(t));
  }
  return TariffBook(std::move(tariffs));
}

}  // namespace ozjt::insight
