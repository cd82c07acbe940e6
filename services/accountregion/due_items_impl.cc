// Recovery plans due (continuity cases) as agenda items: for everyone but municipal users,
// without a family filter (they belong to a provider, not to a contract).
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/accountregion/due_items.h"
#include "services/platform/status.h"
#include "services/registry/directory.h"

namespace ozjt::accountregion {
namespace {

using agenda::AgendaItem;
using agenda::AgendaKind;
using platform::Day;

// An open continuity case whose recovery plan is due.
struct RecoveryPlanDue {
  int64_t case_id = 0;
  int64_t provider_id = 0;
  std::string provider_name;
  int step = 0;
  Day due;
};

// The due date of a continuity case's recovery plan, if in [from, to].
std::vector<AgendaItem> RecoveryPlanAgenda(const RecoveryPlanDue& plan, Day from, Day to) {
  if (!agenda::InWindow(plan.due, from, to)) return {};
  AgendaItem item;
  item.date = plan.due;
  item.kind = AgendaKind::kRecoveryPlanDue;
  item.contract_title = plan.provider_name;
  item.provider_ids = {plan.provider_id};
  item.summary = absl::StrCat("Herstelplan van ", plan.provider_name, " (continuïteit, trede ",
                              plan.step, ") moet binnen zijn");
  item.subject = absl::StrCat("continuityCases/", plan.case_id);
  return {item};
}

// $3: scoped to the providers $4 (the providers active in the asked municipalities).
const std::vector<std::pair<std::string, std::string>> kStatements = {
    {"accountregion_agenda_recovery_plans", R"sql(
        SELECT k.id, k.provider_id, k.step, k.recovery_plan_due::text
          FROM accountregion.continuity_case k
         WHERE k.status = 'open' AND k.recovery_plan_due BETWEEN $1::date AND $2::date
           AND (NOT $3::bool OR k.provider_id = ANY($4::bigint[]))
           AND ($5::bigint = 0 OR k.provider_id = $5::bigint))sql"},
};

class RecoveryPlanDueItems final : public agenda::DueItemSource {
 public:
  RecoveryPlanDueItems(platform::Pool& pool, registry::Directory& directory)
      : pool_(pool), directory_(directory) {
    pool_.AddStatements(kStatements);
  }

  std::vector<AgendaKind> Kinds() const override { return {AgendaKind::kRecoveryPlanDue}; }

  absl::StatusOr<std::vector<AgendaItem>> DueItems(const agenda::AgendaQuery& q,
                                                   platform::Deadline d) override {
    if (!q.with_recovery_plans || q.family) return std::vector<AgendaItem>{};
    std::vector<RecoveryPlanDue> plans;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      plans.clear();  // the pool runs this again on a fresh connection after a broken one
      for (const auto& r :
           tx.exec_prepared("accountregion_agenda_recovery_plans", platform::FormatDay(q.from),
                            platform::FormatDay(q.to), !q.municipalities.empty(),
                            agenda::ProviderArray(q.municipal_providers), q.provider_id)) {
        plans.push_back({r[0].as<int64_t>(), r[1].as<int64_t>(), "", r[2].as<int>(),
                         platform::StoredDay(r[3].as<std::string>())});
      }
      return absl::OkStatus();
    }));
    return agenda::ItemsOfRegisteredProviders(
        directory_, d, plans,
        [&](const RecoveryPlanDue& plan) { return RecoveryPlanAgenda(plan, q.from, q.to); });
  }

 private:
  platform::Pool& pool_;
  registry::Directory& directory_;
};

}  // namespace

std::unique_ptr<agenda::DueItemSource> MakeRecoveryPlanDueItems(platform::Pool& pool,
                                                                registry::Directory& directory) {
  return std::make_unique<RecoveryPlanDueItems>(pool, directory);
}

}  // namespace ozjt::accountregion
