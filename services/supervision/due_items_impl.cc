// Investigations on the agenda, for OZJT roles and supervisors without a family filter: the
// ones open, with an open plan or with an unresolved critical finding, made into items by
// supervision::DueItems. Investigations (bodies with their finding rows) are parsed once per
// version (VersionedCache): a finding added or changed moves the investigation's version.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/platform/status.h"
#include "services/platform/versioned_cache.h"
#include "services/registry/directory.h"
#include "services/supervision/due_items.h"
#include "services/supervision/finding_rows.h"
#include "services/supervision/supervision.h"

namespace ozjt::supervision {
namespace {

using agenda::AgendaItem;
using agenda::AgendaKind;

// The investigations the agenda shows: open, with an open plan, or with an unresolved critical
// finding. The first two as the predicate of the partial index investigation_agenda_idx
// (migrations 0010 and 0019); the third from the finding rows (finding_open_critical_idx), few.
constexpr char kOpenOrPlanned[] = R"sql((i.status <> 'concluded'
                OR jsonb_path_exists(i.body, '$.plans[*] ? (@.closed == false)')))sql";

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"supervision_agenda_get_many",
       R"sql(
        SELECT i.id, i.version, (extract(epoch FROM i.updated_at) * 1000000)::bigint,
               i.body::text, )sql" +
           kFindingsJsonSql + R"sql(
          FROM supervision.investigation i WHERE i.id = ANY($1::bigint[]))sql"},
      {"supervision_agenda_investigations", R"sql(
        SELECT i.id, i.version, (extract(epoch FROM i.updated_at) * 1000000)::bigint,
               i.provider_id
          FROM supervision.investigation i
         WHERE )sql" + std::string(kOpenOrPlanned) +
                                                R"sql(
           AND ($1::bigint = 0 OR i.provider_id = $1::bigint)
        UNION
        SELECT i.id, i.version, (extract(epoch FROM i.updated_at) * 1000000)::bigint,
               i.provider_id
          FROM supervision.investigation i
         WHERE i.id IN ()sql" + kOpenCriticalSql +
                                                R"sql()
           AND ($1::bigint = 0 OR i.provider_id = $1::bigint))sql"},
      // The same for the providers $1 (those active in the asked municipalities): from those
      // providers to their investigations on the agenda (index-only), not through every one on
      // it nationally; and those of their investigations (index-only, investigation_provider_idx)
      // with an unresolved critical finding, the row read only for those (national dataset, 58
      // providers: 0.46 ms, 0.98 ms when every investigation of the providers was read).
      {"supervision_agenda_investigations_of", R"sql(
        SELECT i.id, i.version, (extract(epoch FROM i.updated_at) * 1000000)::bigint, p.id
          FROM unnest($1::bigint[]) AS p(id)
          CROSS JOIN LATERAL (SELECT i.id, i.version, i.updated_at
                                FROM supervision.investigation i
                               WHERE i.provider_id = p.id AND )sql" +
                                                   std::string(kOpenOrPlanned) + R"sql(
                              OFFSET 0) i
         WHERE ($2::bigint = 0 OR p.id = $2::bigint)
        UNION
        SELECT i.id, i.version, (extract(epoch FROM i.updated_at) * 1000000)::bigint,
               i.provider_id
          FROM (SELECT c.id FROM supervision.investigation c
                 WHERE c.provider_id = ANY($1::bigint[])
                   AND ($2::bigint = 0 OR c.provider_id = $2::bigint)
                   AND c.id IN ()sql" + kOpenCriticalSql +
                                                   R"sql()
                OFFSET 0) c
          JOIN supervision.investigation i ON i.id = c.id)sql"},
  };
  return kStatements;
}

// The supervision service's due items as agenda items (no contract: the subject names the
// investigation, plan or finding).
std::vector<AgendaItem> SupervisionAgenda(const Investigation& i, const std::string& provider_name,
                                          Day from, Day to, Day today, int grace_days) {
  std::vector<AgendaItem> out;
  for (auto& due : DueItems(i, provider_name, from, to, today, grace_days)) {
    AgendaItem item;
    item.date = due.date;
    item.kind = due.kind == DueKind::kAction         ? AgendaKind::kSupervisionAction
                : due.kind == DueKind::kReinspection ? AgendaKind::kReinspection
                : due.kind == DueKind::kSignal       ? AgendaKind::kSupervisionSignal
                                                     : AgendaKind::kCalamityMeasures;
    item.contract_title = provider_name;
    item.provider_ids = {due.provider_id};
    item.summary = std::move(due.summary);
    item.subject = std::move(due.subject);
    out.push_back(std::move(item));
  }
  return out;
}

class SupervisionDueItems final : public agenda::DueItemSource {
 public:
  SupervisionDueItems(platform::Pool& pool, registry::Directory& directory, int grace_days)
      : pool_(pool), directory_(directory), grace_days_(grace_days) {
    pool_.AddStatements(Statements());
  }

  std::vector<AgendaKind> Kinds() const override {
    return {AgendaKind::kSupervisionAction, AgendaKind::kReinspection,
            AgendaKind::kSupervisionSignal, AgendaKind::kCalamityMeasures};
  }

  absl::StatusOr<std::vector<AgendaItem>> DueItems(const agenda::AgendaQuery& q,
                                                   platform::Deadline d) override {
    if (!q.with_supervision || q.family) return std::vector<AgendaItem>{};
    OZJT_ASSIGN_OR_RETURN(Found found, Read(q, d));
    std::vector<int64_t> ids;
    ids.reserve(found.size());
    for (const auto& f : found) ids.push_back(f.second);
    OZJT_ASSIGN_OR_RETURN(auto names, agenda::ProviderNamesOf(directory_, d, ids));
    std::vector<AgendaItem> items;
    for (const auto& [investigation, provider] : found) {
      auto name = names.find(provider);
      if (name == names.end()) continue;  // only registered providers' investigations
      for (auto& item :
           SupervisionAgenda(*investigation, name->second, q.from, q.to, q.today, grace_days_)) {
        items.push_back(std::move(item));
      }
    }
    return items;
  }

 private:
  // Investigations, each with its provider's id.
  using Found = std::vector<std::pair<std::shared_ptr<const Investigation>, int64_t>>;

  // The investigations in the query's scope with their providers: ids and versions first,
  // bodies only of those not parsed before (or changed since).
  absl::StatusOr<Found> Read(const agenda::AgendaQuery& q, platform::Deadline d) {
    Found found;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      found.clear();  // the pool runs this again on a fresh connection after a broken one
      std::string missing;
      std::map<int64_t, int64_t> providers;
      for (const auto& r :
           q.municipalities.empty()
               ? tx.exec_prepared("supervision_agenda_investigations", q.provider_id)
               : tx.exec_prepared("supervision_agenda_investigations_of",
                                  agenda::ProviderArray(q.municipal_providers), q.provider_id)) {
        const int64_t id = r[0].as<int64_t>();
        auto i = cache_.Find(id, r[1].as<int64_t>(), r[2].as<int64_t>());
        if (i) {
          found.emplace_back(std::move(i), r[3].as<int64_t>());
        } else {
          absl::StrAppend(&missing, missing.empty() ? "" : ",", id);
          providers[id] = r[3].as<int64_t>();
        }
      }
      if (missing.empty()) return absl::OkStatus();
      for (const auto& r :
           tx.exec_prepared("supervision_agenda_get_many", absl::StrCat("{", missing, "}"))) {
        absl::StatusOr<Investigation> i =
            InvestigationFromJson(r[3].as<std::string>(), r[4].as<std::string>());
        if (!i.ok()) throw std::runtime_error(std::string(i.status().message()));
        // The row names the investigation: bodies stored before migration 0011 say id 0.
        i->id = r[0].as<int64_t>();
        i->version = r[1].as<int64_t>();
        auto parsed = std::make_shared<const Investigation>(*std::move(i));
        cache_.Put(r[0].as<int64_t>(), r[1].as<int64_t>(), r[2].as<int64_t>(), parsed);
        found.emplace_back(std::move(parsed), providers[r[0].as<int64_t>()]);
      }
      return absl::OkStatus();
    }));
    return found;
  }

  platform::Pool& pool_;
  registry::Directory& directory_;
  const int grace_days_;
  // What the agenda parsed before (about 2 KiB each; 20,000 hold every investigation in a
  // 180-day window of the national dataset).
  platform::VersionedCache<Investigation> cache_{20000};
};

}  // namespace

std::unique_ptr<agenda::DueItemSource> MakeSupervisionDueItems(platform::Pool& pool,
                                                               registry::Directory& directory,
                                                               int grace_days) {
  return std::make_unique<SupervisionDueItems>(pool, directory, grace_days);
}

}  // namespace ozjt::supervision
