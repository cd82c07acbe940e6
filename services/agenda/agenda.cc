#include "services/agenda/agenda.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/numbers.h"
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
  // Spending ceilings are contract money: for the contract roles and audit.
  q.with_ceilings = caller.role != Role::kScreeningOfficer && caller.role != Role::kToezichthouder;
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
  auto asked = [&](AgendaKind k) {
    return q.kinds.empty() || std::find(q.kinds.begin(), q.kinds.end(), k) != q.kinds.end();
  };
  std::vector<AgendaItem> items;
  for (const auto& source : sources_) {
    const std::vector<AgendaKind> kinds = source->Kinds();
    if (std::none_of(kinds.begin(), kinds.end(), asked)) continue;
    OZJT_ASSIGN_OR_RETURN(std::vector<AgendaItem> more, source->DueItems(q, d));
    for (auto& i : more) {
      if (asked(i.kind)) items.push_back(std::move(i));
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

namespace {

auto SortKey(const AgendaItem& i) {
  return std::tie(i.date, i.kind, i.contract_reference, i.contract_id, i.subject, i.summary);
}

bool Before(const AgendaItem& a, const AgendaItem& b) { return SortKey(a) < SortKey(b); }

}  // namespace

void SortAgenda(std::vector<AgendaItem>& items) {
  std::stable_sort(items.begin(), items.end(), Before);
}

std::vector<std::string> AgendaPosition(Day from, Day to, const AgendaItem& last) {
  return {platform::FormatDay(from),
          platform::FormatDay(to),
          platform::FormatDay(last.date),
          absl::StrCat(static_cast<int>(last.kind)),
          last.contract_reference,
          absl::StrCat(last.contract_id),
          last.subject,
          last.summary};
}

absl::StatusOr<AgendaPlace> AgendaPlaceOf(const std::vector<std::string>& position) {
  std::optional<Day> from;
  std::optional<Day> to;
  std::optional<Day> date;
  int kind = -1;
  AgendaPlace place;
  if (position.size() == kAgendaPositionParts) {
    from = platform::ParseDay(position[0]);
    to = platform::ParseDay(position[1]);
    date = platform::ParseDay(position[2]);
  }
  if (!from || !to || !date || !absl::SimpleAtoi(position[3], &kind) || kind < 0 ||
      kind > static_cast<int>(AgendaKind::kSpendingCeiling) ||
      !absl::SimpleAtoi(position[5], &place.after.contract_id)) {
    return platform::InvalidField(
        "page_token", "is not a token this service issued",
        "Het vervolgpunt van de agenda is ongeldig; vraag de agenda opnieuw op.");
  }
  place.from = *from;
  place.to = *to;
  place.after.date = *date;
  place.after.kind = static_cast<AgendaKind>(kind);
  place.after.contract_reference = position[4];
  place.after.subject = position[6];
  place.after.summary = position[7];
  return place;
}

size_t FirstAfter(const std::vector<AgendaItem>& items, const AgendaItem& place) {
  return std::upper_bound(items.begin(), items.end(), place, Before) - items.begin();
}

}  // namespace ozjt::agenda
