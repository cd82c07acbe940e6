// The clocks of the spending ceilings as agenda items: for the contract roles and audit (a
// municipal contract manager their own municipality's), without a family filter (the
// ContractDirectory does not name a contract's family).
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/contracts/contract_directory.h"
#include "services/insight/ceilings.h"
#include "services/insight/due_items.h"
#include "services/platform/status.h"
#include "services/registry/directory.h"

namespace ozjt::insight {
namespace {

using agenda::AgendaItem;
using agenda::AgendaKind;

struct CeilingDue {
  SpendingCeiling ceiling;
  int64_t provider_id = 0;
  std::string provider_name;
};

// The ceilings whose clocks may fall in the window: a clock lies at most 6 months before the
// start, or 2 weeks after a step (a step lies at most a year after the ceiling's year).
const std::vector<std::pair<std::string, std::string>> kStatements = {
    {"insight_agenda_ceilings", R"sql(
        SELECT id, contract_id, provider_id, municipality_code, year, starts_on, amount_cents,
               notified_on, consulted_on, decided_on
          FROM insight.spending_ceiling
         WHERE year BETWEEN $1 - 2 AND $2 + 1
           AND (cardinality($3::text[]) = 0 OR municipality_code = ANY($3::text[]::bpchar[]))
           AND ($4::bigint = 0 OR provider_id = $4::bigint))sql"},
};

std::string Codes(const std::vector<std::string>& codes) {
  std::string out = "{";
  for (size_t i = 0; i < codes.size(); ++i) absl::StrAppend(&out, i ? "," : "", codes[i]);
  return out + "}";
}

std::optional<absl::CivilDay> OptionalDay(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return platform::StoredDay(f.as<std::string>());
}

class CeilingDueItems final : public agenda::DueItemSource {
 public:
  CeilingDueItems(platform::Pool& pool, registry::Directory& directory)
      : pool_(pool), directory_(directory), contracts_(contracts::MakeContractDirectory(pool)) {
    pool_.AddStatements(kStatements);
  }

  std::vector<AgendaKind> Kinds() const override { return {AgendaKind::kSpendingCeiling}; }

  absl::StatusOr<std::vector<AgendaItem>> DueItems(const agenda::AgendaQuery& q,
                                                   platform::Deadline d) override {
    if (!q.with_ceilings || q.family) return std::vector<AgendaItem>{};
    OZJT_ASSIGN_OR_RETURN(std::vector<CeilingDue> dues, Read(q, d));
    if (dues.empty()) return std::vector<AgendaItem>{};
    std::vector<int64_t> contract_ids;
    contract_ids.reserve(dues.size());
    for (const auto& due : dues) contract_ids.push_back(due.ceiling.contract_id);
    OZJT_ASSIGN_OR_RETURN(auto titles, contracts_->Titles(d, contract_ids));
    OZJT_ASSIGN_OR_RETURN(auto municipalities, directory_.Municipalities(d));
    std::map<std::string, std::string> names;
    for (const auto& m : municipalities) names[m.cbs_code] = m.name;
    return agenda::ItemsOfRegisteredProviders(directory_, d, dues, [&](const CeilingDue& due) {
      std::vector<AgendaItem> items;
      const SpendingCeiling& c = due.ceiling;
      for (const CeilingClock& clock : ClocksOf(c)) {
        if (!agenda::InWindow(clock.due, q.from, q.to)) continue;
        AgendaItem item;
        item.date = clock.due;
        item.kind = AgendaKind::kSpendingCeiling;
        item.contract_id = c.contract_id;
        if (auto t = titles.find(c.contract_id); t != titles.end()) {
          item.contract_reference = t->second.reference;
          item.contract_title = t->second.title;
        }
        item.provider_ids = {c.provider_id};
        item.summary =
            absl::StrCat(clock.dutch, ": ", due.provider_name, ", ",
                         names.count(c.municipality) ? names[c.municipality] : c.municipality);
        item.subject = absl::StrCat("spendingCeilings/", c.id);
        items.push_back(std::move(item));
      }
      return items;
    });
  }

 private:
  absl::StatusOr<std::vector<CeilingDue>> Read(const agenda::AgendaQuery& q, platform::Deadline d) {
    std::vector<CeilingDue> dues;
    OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
      dues.clear();  // the pool runs this again on a fresh connection after a broken one
      for (const auto& r : tx.exec_prepared("insight_agenda_ceilings", q.from.year(), q.to.year(),
                                            Codes(q.municipalities), q.provider_id)) {
        CeilingDue due;
        SpendingCeiling& c = due.ceiling;
        c.id = r[0].as<int64_t>();
        c.contract_id = r[1].as<int64_t>();
        c.provider_id = r[2].as<int64_t>();
        c.municipality = r[3].as<std::string>();
        c.year = r[4].as<int>();
        c.starts_on = platform::StoredDay(r[5].as<std::string>());
        c.amount_cents = r[6].as<int64_t>();
        c.notified_on = OptionalDay(r[7]);
        c.consulted_on = OptionalDay(r[8]);
        c.decided_on = OptionalDay(r[9]);
        due.provider_id = c.provider_id;
        dues.push_back(std::move(due));
      }
      return absl::OkStatus();
    }));
    return dues;
  }

  platform::Pool& pool_;
  registry::Directory& directory_;
  std::unique_ptr<contracts::ContractDirectory> contracts_;
};

}  // namespace

std::unique_ptr<agenda::DueItemSource> MakeCeilingDueItems(platform::Pool& pool,
                                                           registry::Directory& directory) {
  return std::make_unique<CeilingDueItems>(pool, directory);
}

}  // namespace ozjt::insight
