// Evidence due in open screening cases as agenda items: for screening officers and auditors,
// without a family filter (they belong to a provider, not to a contract).
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/platform/status.h"
#include "services/registry/directory.h"
#include "services/screening/due_items.h"

namespace ozjt::screening {
namespace {

using agenda::AgendaItem;
using agenda::AgendaKind;
using platform::Day;

// Evidence asked of a provider in an open screening case, not yet received.
struct EvidenceDue {
  int64_t case_id = 0;
  int64_t provider_id = 0;
  std::string provider_name;
  std::string item_code;
  std::string item_title;
  Day due;
};

// The deadline of a screening evidence request, if in [from, to].
std::vector<AgendaItem> EvidenceAgenda(const EvidenceDue& e, Day from, Day to) {
  if (!agenda::InWindow(e.due, from, to)) return {};
  AgendaItem item;
  item.date = e.due;
  item.kind = AgendaKind::kEvidenceDue;
  item.contract_title = e.provider_name;
  item.provider_ids = {e.provider_id};
  item.summary = absl::StrCat("KIT-bewijsstuk ", e.item_code, " (", e.item_title, ") van ",
                              e.provider_name, " moet binnen zijn");
  item.subject = absl::StrCat("screeningCases/", e.case_id);
  return {item};
}

// $3: scoped to the providers $4 (the providers active in the asked municipalities).
const std::vector<std::pair<std::string, std::string>> kStatements = {
    {"screening_agenda_evidence", R"sql(
        SELECT k.id, k.provider_id, e->>'item_code',
               coalesce((SELECT i->>'title' FROM jsonb_array_elements(f.items) i
                          WHERE i->>'code' = e->>'item_code'), ''),
               e->>'due'
          FROM screening.screening_case k
          JOIN screening.framework f ON f.id = k.framework_id
          CROSS JOIN LATERAL jsonb_array_elements(k.body->'requests') e
         WHERE k.status <> 'decided' AND e->'fulfilled' = 'null'::jsonb
           AND (e->>'due')::date BETWEEN $1::date AND $2::date
           AND (NOT $3::bool OR k.provider_id = ANY($4::bigint[]))
           AND ($5::bigint = 0 OR k.provider_id = $5::bigint))sql"},
};

class EvidenceDueItems final : public agenda::DueItemSource {
 public:
  EvidenceDueItems(platform::Pool& pool, registry::Directory& directory)
      : pool_(pool), directory_(directory) {
    pool_.AddStatements(kStatements);
  }

  std::vector<AgendaKind> Kinds() const override { return {AgendaKind::kEvidenceDue}; }

  absl::StatusOr<std::vector<AgendaItem>> DueItems(const agenda::AgendaQuery& q,
                                                   platform::Deadline d) override {
    if (!q.with_evidence || q.family) return std::vector<AgendaItem>{};
    std::vector<EvidenceDue> evidence;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      evidence.clear();  // the pool runs this again on a fresh connection after a broken one
      for (const auto& r :
           tx.exec_prepared("screening_agenda_evidence", platform::FormatDay(q.from),
                            platform::FormatDay(q.to), !q.municipalities.empty(),
                            agenda::ProviderArray(q.municipal_providers), q.provider_id)) {
        evidence.push_back({r[0].as<int64_t>(), r[1].as<int64_t>(), "", r[2].as<std::string>(),
                            r[3].as<std::string>(), platform::StoredDay(r[4].as<std::string>())});
      }
      return absl::OkStatus();
    }));
    return agenda::ItemsOfRegisteredProviders(directory_, d, evidence, [&](const EvidenceDue& e) {
      return EvidenceAgenda(e, q.from, q.to);
    });
  }

 private:
  platform::Pool& pool_;
  registry::Directory& directory_;
};

}  // namespace

std::unique_ptr<agenda::DueItemSource> MakeEvidenceDueItems(platform::Pool& pool,
                                                            registry::Directory& directory) {
  return std::make_unique<EvidenceDueItems>(pool, directory);
}

}  // namespace ozjt::screening
