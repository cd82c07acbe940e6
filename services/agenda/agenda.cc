#include "services/agenda/agenda.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/platform/status.h"
#include "services/registry/directory.h"

namespace ozjt::agenda {

AgendaQuery QueryFor(const platform::Caller& caller, Day from, Day to, Day today) {
  using platform::Role;
  AgendaQuery q;
  q.from = from;
  q.to = to;
  q.today = today;
  q.with_recovery_plans = !caller.IsMunicipal();
  q.with_evidence = caller.role == Role::kScreeningOfficer || caller.role == Role::kAuditor;
  // The roles that may open an investigation (administrators may not: finding details are for
  // supervision, contract management and audit).
  q.with_supervision = caller.role == Role::kOzjtContractManager ||
                       caller.role == Role::kToezichthouder || caller.role == Role::kAuditor;
  return q;
}

Agenda::Agenda(registry::Directory& directory, std::vector<std::unique_ptr<DueItemSource>> sources)
    : directory_(directory), sources_(std::move(sources)) {}

absl::StatusOr<std::vector<AgendaItem>> Agenda::Items(AgendaQuery q, platform::Deadline d) {
  const bool provider_items =
      !q.family && (q.with_recovery_plans || q.with_evidence || q.with_supervision);
  if (!q.municipalities.empty() && provider_items) {
    OZJT_ASSIGN_OR_RETURN(q.municipal_providers, directory_.ProvidersActiveIn(d, q.municipalities));
  }
  std::vector<AgendaItem> items;
  for (const auto& source : sources_) {
    OZJT_ASSIGN_OR_RETURN(std::vector<AgendaItem> more, source->DueItems(q, d));
    for (auto& i : more) {
      if (q.kinds.empty() || std::find(q.kinds.begin(), q.kinds.end(), i.kind) != q.kinds.end()) {
        items.push_back(std::move(i));
      }
    }
  }
  SortAgenda(items);
  return items;
}

std::string ProviderArray(const std::vector<int64_t>& ids) {
  std::string array = "{";
  for (size_t i = 0; i < ids.size(); ++i) absl::StrAppend(&array, i ? "," : "", ids[i]);
  return array + "}";
}

absl::StatusOr<std::map<int64_t, std::string>> ProviderNamesOf(registry::Directory& directory,
                                                               platform::Deadline d,
                                                               const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::map<int64_t, std::string>{};
  return directory.ProviderNames(d, ids);
}

void SortAgenda(std::vector<AgendaItem>& items) {
  std::stable_sort(items.begin(), items.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return std::tie(a.date, a.kind, a.contract_reference) <
           std::tie(b.date, b.kind, b.contract_reference);
  });
}

}  // namespace ozjt::agenda
