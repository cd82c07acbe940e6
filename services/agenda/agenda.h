// The agenda's own module: the vocabulary every service speaks to put its due items on the
// agenda (AgendaKind, AgendaItem, AgendaQuery), the interface each service implements
// (DueItemSource; the factories live in services/<service>/due_items.h, their SQL in that
// service's due_items_impl.cc on its own schema only) and the composer (Agenda) that scopes the
// query, asks every source and sorts. The agenda reads no table itself: the registry's
// Directory tells it which providers are active in the asked municipalities.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/platform/auth.h"
#include "services/platform/calendar.h"
#include "services/platform/db.h"

namespace ozjt::registry {
class Directory;
}  // namespace ozjt::registry

namespace ozjt::agenda {

using platform::Day;

// Mirrors ozjt.contracts.v1.AgendaKind by position.
enum class AgendaKind {
  kUnspecified,
  kNoticeDeadline,
  kContractEnd,
  kLegalDeadline,
  kTariffBelowFloor,
  kRecoveryPlanDue,
  kEvidenceDue,
  kSupervisionAction,
  kReinspection,
  kSupervisionSignal,
  kCalamityMeasures,
  kSpendingCeiling
};

struct AgendaItem {
  Day date;
  AgendaKind kind = AgendaKind::kUnspecified;
  int64_t contract_id = 0;
  std::string contract_reference;
  std::string contract_title;
  // The contract's family as its ozjt.contracts.v1.ContractFamily value (contracts'
  // ContractFamily mirrors it); 0 for items without a contract.
  int family = 0;
  std::vector<int64_t> provider_ids;
  std::string summary;  // Dutch
  std::string subject;  // "legalSteps/4", "tariffLines/9" or ""
};

// What one call of the agenda asks every source.
struct AgendaQuery {
  Day from;
  Day to;
  Day today;
  std::vector<std::string> municipalities;  // CBS codes; empty: all
  // Set by the Agenda when `municipalities` is not empty: the providers active in them, the
  // scope of items that belong to a provider rather than a contract (ascending, distinct).
  std::vector<int64_t> municipal_providers;
  int64_t provider_id = 0;
  std::optional<int> family;        // a ContractFamily value: contract items only
  std::vector<AgendaKind> kinds;    // empty: all
  bool with_recovery_plans = true;  // false for municipal users and family filters
  bool with_evidence = false;       // screening officers and auditors, without family filter
  bool with_supervision = false;    // OZJT roles and supervisors, without family filter
  bool with_ceilings = true;        // not for screening officers and supervisors
};

// Who sees which kinds of items: the query for `caller` over [from, to] with the role flags
// set (municipalities, provider, family and kinds still empty).
AgendaQuery QueryFor(const platform::Caller& caller, Day from, Day to, Day today);

// A service's due items. Each service that has them implements this in its own
// due_items_impl.cc, reading only its own schema; in-process today, the seam where an RPC
// client goes when services run apart.
class DueItemSource {
 public:
  virtual ~DueItemSource() = default;
  // Its items in [q.from, q.to] within the query's scope (municipalities or
  // municipal_providers, provider, family and role flags; `kinds` is the Agenda's).
  virtual absl::StatusOr<std::vector<AgendaItem>> DueItems(const AgendaQuery& q,
                                                           platform::Deadline d) = 0;
  // The kinds its items have: the Agenda does not ask a source for kinds nobody asked.
  virtual std::vector<AgendaKind> Kinds() const = 0;
};

// The composer: asks every source of an asked kind in order, keeps the asked kinds and sorts.
class Agenda {
 public:
  // `directory` must outlive the agenda.
  Agenda(registry::Directory& directory, std::vector<std::unique_ptr<DueItemSource>> sources);

  absl::StatusOr<std::vector<AgendaItem>> Items(AgendaQuery q, platform::Deadline d);

 private:
  registry::Directory& directory_;
  std::vector<std::unique_ptr<DueItemSource>> sources_;
};

// By date, then kind, then contract reference (then contract, subject and summary: a total
// order, so a page token can name the place between two items).
void SortAgenda(std::vector<AgendaItem>& items);

// A page of the agenda (ListAgenda's page_size and page_token): each page recomputes the
// agenda of the window and keeps the items after the previous page's last one, so a page
// boundary stays right when items come or go between two pages.
// The place after `last`, as its page token carries it (the window's first and last day first).
std::vector<std::string> AgendaPosition(Day from, Day to, const AgendaItem& last);
inline constexpr size_t kAgendaPositionParts = 8;
struct AgendaPlace {
  Day from;
  Day to;
  AgendaItem after;  // the sort key only
};
// The place in a position AgendaPosition made; INVALID_ARGUMENT on "page_token" otherwise.
absl::StatusOr<AgendaPlace> AgendaPlaceOf(const std::vector<std::string>& position);
// The first of the sorted `items` after `place`.
size_t FirstAfter(const std::vector<AgendaItem>& items, const AgendaItem& place);

// Helpers for the sources.
// Ids as a PostgreSQL array literal for `= ANY($n::bigint[])`: {3,5,8}.
std::string ProviderArray(const std::vector<int64_t>& ids);
// The names of the providers `ids` that are registered (no call for none): items of providers
// no longer registered stay off the agenda.
absl::StatusOr<std::map<int64_t, std::string>> ProviderNamesOf(registry::Directory& directory,
                                                               platform::Deadline d,
                                                               const std::vector<int64_t>& ids);
// The items of `dues` whose provider is registered, each named first: every `Due` has
// `provider_id` and `provider_name`; `items_of(due)` gives a named due's items.
template <typename Due, typename ItemsOf>
absl::StatusOr<std::vector<AgendaItem>> ItemsOfRegisteredProviders(registry::Directory& directory,
                                                                   platform::Deadline d,
                                                                   std::vector<Due>& dues,
                                                                   ItemsOf items_of) {
  std::vector<int64_t> ids;
  ids.reserve(dues.size());
  for (const auto& due : dues) ids.push_back(due.provider_id);
  absl::StatusOr<std::map<int64_t, std::string>> names = ProviderNamesOf(directory, d, ids);
  if (!names.ok()) return names.status();
  std::vector<AgendaItem> items;
  for (auto& due : dues) {
    auto name = names->find(due.provider_id);
    if (name == names->end()) continue;  // only registered providers' items
    due.provider_name = name->second;
    for (auto& item : items_of(due)) items.push_back(std::move(item));
  }
  return items;
}

// Whether `d` lies in [from, to].
inline bool InWindow(Day d, Day from, Day to) { return from <= d && d <= to; }

}  // namespace ozjt::agenda
