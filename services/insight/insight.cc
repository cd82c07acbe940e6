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
  OZJT_ASSIGN_OR_RETURN(Traffic traffic,
                        store_.TrafficOf(r.deadline, municipalities, quarter.Span()));
  TariffBook tariffs;
  OZJT_RETURN_IF_ERROR(MatchProviders(r.deadline, traffic, out, tariffs));
  out.figures = Compute(traffic, quarter, norms_, tariffs);
  return out;
}

absl::StatusOr<Report> Insight::ReportFor(const platform::RequestInfo& r,
                                          const std::string& municipality_code,
                                          const std::string& period_text, bool external) {
  OZJT_ASSIGN_OR_RETURN(ReportPeriod period, ParseReportPeriod(period_text));
  Answer out;
  out.municipality_code = municipality_code;
  OZJT_ASSIGN_OR_RETURN(std::vector<std::string> municipalities, ScopeOf(r, out));
  OZJT_ASSIGN_OR_RETURN(Traffic traffic, store_.TrafficOf(r.deadline, municipalities, period.span));
  TariffBook tariffs;
  OZJT_RETURN_IF_ERROR(MatchProviders(r.deadline, traffic, out, tariffs));
  ReportNames names;
  names.contracts = out.contract_references;
  for (const auto& [agb, provider] : out.providers) names.providers[agb] = provider.name;
  return BuildReport(Compute(traffic, period.span, norms_, tariffs), period,
                     out.municipality_code.empty() ? "de regio Twente" : out.municipality_name,
                     names, out.suppressed || external);
}

absl::Status Insight::MatchProviders(platform::Deadline d, const Traffic& traffic, Answer& out,
                                     TariffBook& tariffs) {
  std::set<std::string> agbs;
  for (const auto& a : traffic.allocations) agbs.insert(a.agb);
  for (const auto& l : traffic.claim_lines) agbs.insert(l.agb);
  for (const auto& l : traffic.stops) agbs.insert(l.agb);
  OZJT_ASSIGN_OR_RETURN(out.providers,
                        store_.directory().ProvidersByAgb(d, {agbs.begin(), agbs.end()}));
  OZJT_ASSIGN_OR_RETURN(tariffs, TariffsFor(d, out, out.contract_references));
  return absl::OkStatus();
}

absl::StatusOr<Insight::CeilingView> Insight::SetCeiling(const platform::RequestInfo& r,
                                                         SpendingCeiling c) {
  OZJT_RETURN_IF_ERROR(CheckCeiling(c));
  registry::Directory& directory = store_.directory();
  OZJT_ASSIGN_OR_RETURN(auto titles, store_.contracts().Titles(r.deadline, {c.contract_id}));
  if (titles.empty()) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("contracts/", c.contract_id, " does not exist")),
        absl::StrCat("Contract ", c.contract_id, " bestaat niet."));
  }
  OZJT_ASSIGN_OR_RETURN(auto names, directory.ProviderNames(r.deadline, {c.provider_id}));
  if (names.empty()) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("providers/", c.provider_id, " does not exist")),
        absl::StrCat("Aanbieder ", c.provider_id, " bestaat niet."));
  }
  OZJT_ASSIGN_OR_RETURN(std::string municipality,
                        directory.MunicipalityName(r.deadline, c.municipality));
  if (municipality.empty()) {
    return platform::InvalidField(
        "municipality_code", "unknown municipality",
        absl::StrCat("Er is geen gemeente met CBS-code '", c.municipality, "'."));
  }
  OZJT_ASSIGN_OR_RETURN(auto lines,
                        store_.contracts().TariffsOfProviders(r.deadline, {c.provider_id}));
  const bool priced = std::any_of(lines.begin(), lines.end(), [&](const auto& l) {
    return l.contract_id == c.contract_id &&
           std::count(l.municipality_codes.begin(), l.municipality_codes.end(), c.municipality);
  });
  if (!priced) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            "the contract has no tariff line for this provider and municipality"),
        absl::StrCat("Contract ", titles.begin()->second.reference, " heeft geen tarieven voor ",
                     names.begin()->second, " in ", municipality,
                     ": een bestedingsruimte hoort bij een contract met tarieven (art. 1.5.1)."));
  }
  OZJT_ASSIGN_OR_RETURN(SpendingCeiling stored, store_.SaveCeiling(r, c));
  OZJT_ASSIGN_OR_RETURN(auto views, ViewsOf(r.deadline, {stored}));
  return views.at(0);
}

absl::StatusOr<Insight::CeilingView> Insight::RecordCeilingStep(const platform::RequestInfo& r,
                                                                int64_t id, CeilingStep step,
                                                                absl::CivilDay day) {
  OZJT_ASSIGN_OR_RETURN(SpendingCeiling before, store_.Ceiling(r.deadline, id));
  SpendingCeiling after = before;
  OZJT_RETURN_IF_ERROR(RecordStep(after, step, day));
  OZJT_RETURN_IF_ERROR(store_.SaveSteps(r, before, after));
  OZJT_ASSIGN_OR_RETURN(auto views, ViewsOf(r.deadline, {after}));
  return views.at(0);
}

absl::StatusOr<std::vector<Insight::CeilingView>> Insight::CeilingsFor(
    const platform::RequestInfo& r, int year, const std::string& municipality_code) {
  if (year < 2015 || year > 2100) {
    return platform::InvalidField("year", "a year from 2015 to 2100",
                                  absl::StrCat("Jaar ", year, " ligt niet tussen 2015 en 2100."));
  }
  Answer scope;
  scope.municipality_code = municipality_code;
  OZJT_ASSIGN_OR_RETURN(std::vector<std::string> municipalities, ScopeOf(r, scope));
  if (scope.municipality_code.empty()) municipalities.clear();  // the region: every ceiling
  OZJT_ASSIGN_OR_RETURN(auto ceilings, store_.Ceilings(r.deadline, year, municipalities));
  return ViewsOf(r.deadline, ceilings);
}

absl::StatusOr<std::vector<Insight::CeilingView>> Insight::ViewsOf(
    platform::Deadline d, const std::vector<SpendingCeiling>& ceilings) {
  std::map<std::pair<std::string, int>, std::vector<const SpendingCeiling*>> by_municipality;
  std::vector<int64_t> contract_ids, provider_ids;
  for (const auto& c : ceilings) {
    by_municipality[{c.municipality, c.year}].push_back(&c);
    contract_ids.push_back(c.contract_id);
    provider_ids.push_back(c.provider_id);
  }
  OZJT_ASSIGN_OR_RETURN(auto titles, store_.contracts().Titles(d, contract_ids));
  OZJT_ASSIGN_OR_RETURN(auto names, store_.directory().ProviderNames(d, provider_ids));
  std::vector<CeilingView> out;
  for (const auto& [municipality_year, of_municipality] : by_municipality) {
    OZJT_RETURN_IF_ERROR(
        UsesOf(d, municipality_year.first, municipality_year.second, of_municipality, out));
  }
  for (CeilingView& v : out) {
    if (auto t = titles.find(v.ceiling.contract_id); t != titles.end()) {
      v.contract_reference = t->second.reference;
    }
    if (auto n = names.find(v.ceiling.provider_id); n != names.end()) v.provider_name = n->second;
  }
  std::sort(out.begin(), out.end(), [](const CeilingView& a, const CeilingView& b) {
    return std::tie(a.municipality_name, a.contract_reference, a.provider_name, a.ceiling.id) <
           std::tie(b.municipality_name, b.contract_reference, b.provider_name, b.ceiling.id);
  });
  return out;
}

absl::Status Insight::UsesOf(platform::Deadline d, const std::string& municipality, int year,
                             const std::vector<const SpendingCeiling*>& ceilings,
                             std::vector<CeilingView>& out) {
  OZJT_ASSIGN_OR_RETURN(Traffic traffic, store_.TrafficOf(d, {municipality},
                                                          {absl::CivilDay(year, 1, 1),
                                                           absl::CivilDay(year, 12, 31)}));
  Answer matched;
  TariffBook tariffs;
  OZJT_RETURN_IF_ERROR(MatchProviders(d, traffic, matched, tariffs));
  OZJT_ASSIGN_OR_RETURN(std::string municipality_name,
                        store_.directory().MunicipalityName(d, municipality));
  for (const SpendingCeiling* c : ceilings) {
    std::set<std::string> agbs;
    for (const auto& [agb, provider] : matched.providers) {
      if (provider.id == c->provider_id) agbs.insert(agb);
    }
    out.push_back({*c, UseOf(*c, traffic, tariffs, agbs), "", "", municipality_name});
  }
  return absl::OkStatus();
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
