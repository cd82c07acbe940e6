#include "services/registry/pg_store.h"

#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/platform/audit.h"
#include "services/platform/calendar.h"
#include "services/platform/status.h"

namespace ozjt::registry {
namespace {

// Every provider read returns these columns: the row plus its lists as JSON, so one
// statement (one snapshot) yields the whole provider.
constexpr char kProviderColumns[] = R"sql(
  p.id, p.kvk_number, p.name, p.legal_form, array_to_json(p.laws)::text, p.tier, p.status,
  p.version,
  (extract(epoch FROM p.created_at) * 1000000)::bigint,
  (extract(epoch FROM p.updated_at) * 1000000)::bigint,
  (SELECT coalesce(json_agg(a.agb_code ORDER BY a.agb_code), '[]')::text
     FROM registry.provider_agb a WHERE a.provider_id = p.id),
  (SELECT coalesce(json_agg(m.cbs_code ORDER BY m.cbs_code), '[]')::text
     FROM registry.provider_municipality m WHERE m.provider_id = p.id),
  (SELECT coalesce(json_agg(json_build_array(e.establishment_number, e.name, e.agb_code,
                                             e.municipality_code) ORDER BY e.position), '[]')::text
     FROM registry.establishment e WHERE e.provider_id = p.id),
  (SELECT coalesce(json_agg(json_build_array(t.year, t.total_cents,
            (SELECT coalesce(json_agg(json_build_array(r.region_code, r.amount_cents)
                                      ORDER BY r.region_code), '[]')
               FROM registry.provider_region_turnover r
              WHERE r.provider_id = t.provider_id AND r.year = t.year)) ORDER BY t.year), '[]')::text
     FROM registry.provider_turnover t WHERE t.provider_id = p.id)
)sql";

// What a cached provider is checked against.
constexpr char kStampColumns[] =
    " p.id, p.version, (extract(epoch FROM p.updated_at) * 1000000)::bigint ";

// The list filters other than the municipality ($4) and the order with the page position.
constexpr char kListFilters[] = R"sql(
          ($1::text = '' OR strpos(lower(p.name), lower($1::text)) > 0)
          AND ($2::text = '' OR p.kvk_number = $2::text)
          AND ($3::text = ''
               OR EXISTS (SELECT 1 FROM registry.provider_agb a
                           WHERE a.provider_id = p.id AND a.agb_code = $3::text)
               OR EXISTS (SELECT 1 FROM registry.establishment e
                           WHERE e.provider_id = p.id AND e.agb_code = $3::text))
          AND ($5::text = '' OR p.tier = $5::text)
          AND ($6::text = '' OR p.status = $6::text)
          AND (NOT $7::bool OR (lower(p.name), p.id) > (lower($8::text), $9::bigint)))sql";
constexpr char kListOrder[] = R"sql(
        ORDER BY lower(p.name), p.id
        LIMIT $10::int)sql";

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      // What a cached provider is checked against: its version and update time (every change
      // of a provider, its lists included, sets both; the dataset import sets the update time).
      {"registry_get_stamp",
       absl::StrCat("SELECT", kStampColumns, "FROM registry.provider p WHERE p.id = $1")},
      {"registry_get",
       absl::StrCat("SELECT", kProviderColumns, "FROM registry.provider p WHERE p.id = $1")},
      {"registry_get_many",
       absl::StrCat("SELECT", kProviderColumns,
                    "FROM registry.provider p WHERE p.id = ANY($1::bigint[])")},
      {"registry_lock_id", absl::StrCat("SELECT", kProviderColumns,
                                        "FROM registry.provider p WHERE p.id = $1 FOR UPDATE")},
      {"registry_lock_kvk",
       absl::StrCat("SELECT", kProviderColumns,
                    "FROM registry.provider p WHERE p.kvk_number = $1::text FOR UPDATE")},
      // A page of the list is its providers' ids with their version and update time; the
      // providers not cached (or changed since) are then read whole (registry_get_many).
      {"registry_list",
       absl::StrCat("SELECT", kStampColumns, " FROM registry.provider p WHERE ", kListFilters,
                    R"sql(
          AND ($4::text = ''
               OR EXISTS (SELECT 1 FROM registry.provider_municipality m
                           WHERE m.provider_id = p.id AND m.cbs_code = $4::bpchar)))sql",
                    kListOrder)},
      // The same with a municipality: from that municipality's providers (an index range)
      // instead of walking every provider in name order (17 ms -> 2 ms at 5,000 providers).
      {"registry_list_in_municipality", absl::StrCat("SELECT", kStampColumns, R"sql(
          FROM registry.provider_municipality m JOIN registry.provider p ON p.id = m.provider_id
         WHERE m.cbs_code = $4::bpchar AND )sql",
                                                     kListFilters, kListOrder)},
      {"registry_insert", R"sql(
        INSERT INTO registry.provider (kvk_number, name, legal_form, laws, tier, status)
        VALUES ($1, $2, $3, ARRAY(SELECT json_array_elements_text($4::json)), $5, $6)
        RETURNING id)sql"},
      {"registry_update", R"sql(
        UPDATE registry.provider
           SET kvk_number = $2, name = $3, legal_form = $4,
               laws = ARRAY(SELECT json_array_elements_text($5::json)), tier = $6, status = $7,
               version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $8
        RETURNING id)sql"},
      {"registry_delete_agb", "DELETE FROM registry.provider_agb WHERE provider_id = $1"},
      {"registry_delete_municipalities",
       "DELETE FROM registry.provider_municipality WHERE provider_id = $1"},
      {"registry_delete_establishments",
       "DELETE FROM registry.establishment WHERE provider_id = $1"},
      {"registry_delete_region_turnover",
       "DELETE FROM registry.provider_region_turnover WHERE provider_id = $1"},
      {"registry_delete_turnover", "DELETE FROM registry.provider_turnover WHERE provider_id = $1"},
      {"registry_insert_agb", R"sql(
        INSERT INTO registry.provider_agb (provider_id, agb_code)
        SELECT $1, value FROM json_array_elements_text($2::json))sql"},
      {"registry_insert_municipalities", R"sql(
        INSERT INTO registry.provider_municipality (provider_id, cbs_code)
        SELECT $1, value FROM json_array_elements_text($2::json))sql"},
      {"registry_insert_establishments", R"sql(
        INSERT INTO registry.establishment
          (provider_id, establishment_number, name, agb_code, municipality_code, position)
        SELECT $1, e->>0, e->>1, e->>2, e->>3, n
          FROM json_array_elements($2::json) WITH ORDINALITY AS t(e, n))sql"},
      {"registry_insert_turnover", R"sql(
        INSERT INTO registry.provider_turnover (provider_id, year, total_cents)
        SELECT $1, (t->>0)::int, (t->>1)::bigint FROM json_array_elements($2::json) t)sql"},
      {"registry_insert_region_turnover", R"sql(
        INSERT INTO registry.provider_region_turnover (provider_id, year, region_code, amount_cents)
        SELECT $1, (t->>0)::int, r->>0, (r->>1)::bigint
          FROM json_array_elements($2::json) t, json_array_elements(t->2) r)sql"},
      {"registry_insert_version", R"sql(
        INSERT INTO registry.provider_version (provider_id, version, snapshot, actor, method)
        VALUES ($1, $2, $3::jsonb, $4, $5))sql"},
      {"registry_history", R"sql(
        SELECT snapshot::text, actor, method,
               (extract(epoch FROM changed_at) * 1000000)::bigint
          FROM registry.provider_version
         WHERE provider_id = $1 AND ($2 = 0 OR version < $2)
         ORDER BY version DESC LIMIT $3)sql"},
  };
  return kStatements;
}

Provider ProviderFromRow(const pqxx::row& r) {
  Provider p;
  p.id = r[0].as<int64_t>();
  p.kvk_number = r[1].as<std::string>();
  p.name = r[2].as<std::string>();
  p.legal_form = ParseLegalForm(r[3].as<std::string>()).value_or(LegalForm::kUnspecified);
  for (const auto& l : nlohmann::json::parse(r[4].as<std::string>())) {
    p.laws.push_back(ParseLaw(l.get<std::string>()).value_or(Law::kUnspecified));
  }
  p.tier = ParseTier(r[5].as<std::string>()).value_or(Tier::kUnspecified);
  p.status = ParseProviderStatus(r[6].as<std::string>()).value_or(ProviderStatus::kUnspecified);
  p.version = r[7].as<int64_t>();
  p.create_time = absl::FromUnixMicros(r[8].as<int64_t>());
  p.update_time = absl::FromUnixMicros(r[9].as<int64_t>());
  p.agb_codes = nlohmann::json::parse(r[10].as<std::string>()).get<std::vector<std::string>>();
  p.municipality_codes =
      nlohmann::json::parse(r[11].as<std::string>()).get<std::vector<std::string>>();
  for (const auto& e : nlohmann::json::parse(r[12].as<std::string>())) {
    p.establishments.push_back({e[0].get<std::string>(), e[1].get<std::string>(),
                                e[2].get<std::string>(), e[3].get<std::string>()});
  }
  for (const auto& t : nlohmann::json::parse(r[13].as<std::string>())) {
    AnnualTurnover at{t[0].get<int>(), t[1].get<int64_t>(), {}};
    for (const auto& reg : t[2]) {
      at.per_region.push_back({reg[0].get<std::string>(), reg[1].get<int64_t>()});
    }
    p.turnover.push_back(std::move(at));
  }
  return p;
}

std::string LawsJson(const Provider& p) {
  nlohmann::json laws = nlohmann::json::array();
  for (Law l : p.laws) laws.push_back(Code(l));
  return laws.dump();
}

std::optional<Provider> FirstProvider(const pqxx::result& r) {
  if (r.empty()) return std::nullopt;
  return ProviderFromRow(r[0]);
}

class PgProviderTx : public ProviderTx {
 public:
  PgProviderTx(pqxx::work& tx, const platform::RequestInfo& request) : tx_(tx), request_(request) {}
  std::optional<Provider> LockById(int64_t id) override;
  std::optional<Provider> LockByKvk(const std::string& kvk_number) override;
  Provider Insert(const Provider& p) override;
  Provider Replace(const Provider& before, const Provider& after) override;

 private:
  void WriteLists(int64_t id, const Provider& p, bool replace);
  void Record(const Provider& stored, const std::string& before_json);

  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

}  // namespace

std::optional<Provider> PgProviderTx::LockById(int64_t id) {
  return FirstProvider(tx_.exec_prepared("registry_lock_id", id));
}

std::optional<Provider> PgProviderTx::LockByKvk(const std::string& kvk_number) {
  return FirstProvider(tx_.exec_prepared("registry_lock_kvk", kvk_number));
}

void PgProviderTx::WriteLists(int64_t id, const Provider& p, bool replace) {
  if (replace) {
    for (const char* s :
         {"registry_delete_agb", "registry_delete_municipalities", "registry_delete_establishments",
          "registry_delete_region_turnover", "registry_delete_turnover"}) {
      tx_.exec_prepared0(s, id);
    }
  }
  nlohmann::json establishments = nlohmann::json::array();
  for (const auto& e : p.establishments) {
    establishments.push_back({e.number, e.name, e.agb_code, e.municipality_code});
  }
  nlohmann::json turnover = nlohmann::json::array();
  for (const auto& t : p.turnover) {
    nlohmann::json regions = nlohmann::json::array();
    for (const auto& r : t.per_region) regions.push_back({r.region_code, r.amount_cents});
    turnover.push_back({t.year, t.total_cents, regions});
  }
  if (!p.agb_codes.empty()) {
    tx_.exec_prepared0("registry_insert_agb", id, nlohmann::json(p.agb_codes).dump());
  }
  if (!p.municipality_codes.empty()) {
    tx_.exec_prepared0("registry_insert_municipalities", id,
                       nlohmann::json(p.municipality_codes).dump());
  }
  if (!p.establishments.empty()) {
    tx_.exec_prepared0("registry_insert_establishments", id, establishments.dump());
  }
  if (!p.turnover.empty()) {
    tx_.exec_prepared0("registry_insert_turnover", id, turnover.dump());
    tx_.exec_prepared0("registry_insert_region_turnover", id, turnover.dump());
  }
}

void PgProviderTx::Record(const Provider& stored, const std::string& before_json) {
  const std::string after_json = ToJson(stored);
  tx_.exec_prepared0("registry_insert_version", stored.id, stored.version, after_json,
                     request_.caller.subject, request_.method);
  platform::WriteAudit(tx_, request_,
                       {"provider", std::to_string(stored.id), before_json, after_json});
}

Provider PgProviderTx::Insert(const Provider& p) {
  const int64_t id = tx_.exec_prepared1("registry_insert", p.kvk_number, p.name, Code(p.legal_form),
                                        LawsJson(p), Code(p.tier), Code(p.status))[0]
                         .as<int64_t>();
  WriteLists(id, p, /*replace=*/false);
  Provider stored = *FirstProvider(tx_.exec_prepared("registry_get", id));
  Record(stored, "");
  return stored;
}

Provider PgProviderTx::Replace(const Provider& before, const Provider& after) {
  pqxx::result updated = tx_.exec_prepared("registry_update", before.id, after.kvk_number,
                                           after.name, Code(after.legal_form), LawsJson(after),
                                           Code(after.tier), Code(after.status), before.version);
  if (updated.empty()) {
    // The caller holds the row lock, so this means `before` was not the current version.
    throw pqxx::serialization_failure("provider changed concurrently");
  }
  WriteLists(before.id, after, /*replace=*/true);
  Provider stored = *FirstProvider(tx_.exec_prepared("registry_get", before.id));
  Record(stored, ToJson(before));
  return stored;
}

PgProviderStore::PgProviderStore(platform::Pool& pool) : pool_(pool) {
  pool_.AddStatements(Statements());
}

absl::StatusOr<ReferenceCodes> PgProviderStore::LoadReferenceCodes(platform::Deadline deadline) {
  ReferenceCodes refs;
  absl::Status s = pool_.Read(deadline, [&](pqxx::transaction_base& tx) {
    for (const auto& row : tx.exec("SELECT cbs_code FROM registry.municipality")) {
      refs.municipalities.insert(row[0].as<std::string>());
    }
    for (const auto& row : tx.exec("SELECT code FROM registry.region")) {
      refs.regions.insert(row[0].as<std::string>());
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return refs;
}

absl::StatusOr<Provider> PgProviderStore::Get(platform::Deadline deadline, int64_t id) {
  // A provider is read whole (its row and four lists) only when it changed since this process
  // last read it: otherwise the cached one, checked by its version and update time (the
  // whole read cost five index scans and their JSON, 0.25 ms of PostgreSQL's time per call).
  std::shared_ptr<const Provider> p;
  absl::Status s = pool_.Read(deadline, [&](pqxx::transaction_base& tx) {
    p = nullptr;
    pqxx::result stamp = tx.exec_prepared("registry_get_stamp", id);
    if (stamp.empty()) return absl::OkStatus();
    p = cache_.Find(id, stamp[0][1].as<int64_t>(), stamp[0][2].as<int64_t>());
    if (p != nullptr) return absl::OkStatus();
    std::optional<Provider> read = FirstProvider(tx.exec_prepared("registry_get", id));
    if (!read) return absl::OkStatus();  // deleted in between
    p = std::make_shared<const Provider>(*std::move(read));
    cache_.Put(id, p->version, absl::ToUnixMicros(p->update_time), p);
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  if (p == nullptr) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("provider providers/", id, " not found")),
        absl::StrCat("Aanbieder ", id, " bestaat niet."));
  }
  return *p;
}

absl::StatusOr<std::vector<Provider>> PgProviderStore::List(platform::Deadline deadline,
                                                            const ProviderQuery& q) {
  // The page's ids first; only the providers not cached (or changed since) are read whole (a
  // page of 50 whole providers is 250 index scans and their JSON: 2-4 ms).
  std::vector<std::shared_ptr<const Provider>> page;
  absl::Status s = pool_.Read(deadline, [&](pqxx::transaction_base& tx) {
    page.clear();  // the pool runs this again on a fresh connection after a broken one
    pqxx::result r = tx.exec_prepared(
        q.filter.municipality_code.empty() ? "registry_list" : "registry_list_in_municipality",
        q.filter.name_contains, q.filter.kvk_number, q.filter.agb_code, q.filter.municipality_code,
        q.filter.tier ? Code(*q.filter.tier) : "", q.filter.status ? Code(*q.filter.status) : "",
        q.after.has_value(), q.after ? q.after->first : "", q.after ? q.after->second : 0, q.limit);
    std::map<int64_t, size_t> missing;  // id -> position in the page
    for (const auto& row : r) {
      const int64_t id = row[0].as<int64_t>();
      page.push_back(cache_.Find(id, row[1].as<int64_t>(), row[2].as<int64_t>()));
      if (page.back() == nullptr) missing[id] = page.size() - 1;
    }
    if (missing.empty()) return absl::OkStatus();
    std::string ids;
    for (const auto& [id, at] : missing) absl::StrAppend(&ids, ids.empty() ? "" : ",", id);
    for (const auto& row : tx.exec_prepared("registry_get_many", absl::StrCat("{", ids, "}"))) {
      auto p = std::make_shared<const Provider>(ProviderFromRow(row));
      cache_.Put(p->id, p->version, absl::ToUnixMicros(p->update_time), p);
      page[missing.at(p->id)] = std::move(p);
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  std::vector<Provider> out;
  for (const auto& p : page) {
    if (p != nullptr) out.push_back(*p);  // null: deleted between the two statements
  }
  return out;
}

absl::StatusOr<std::vector<ProviderVersion>> PgProviderStore::History(platform::Deadline deadline,
                                                                      int64_t id,
                                                                      int64_t before_version,
                                                                      int limit) {
  std::vector<ProviderVersion> out;
  absl::Status s = pool_.Read(deadline, [&](pqxx::transaction_base& tx) -> absl::Status {
    for (const auto& row : tx.exec_prepared("registry_history", id, before_version, limit)) {
      absl::StatusOr<Provider> p = FromJson(row[0].as<std::string>());
      if (!p.ok()) return p.status();
      out.push_back({*std::move(p), row[1].as<std::string>(), row[2].as<std::string>(),
                     absl::FromUnixMicros(row[3].as<int64_t>())});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::Status PgProviderStore::Write(const platform::RequestInfo& request,
                                    const std::function<absl::Status(ProviderTx&)>& fn) {
  return pool_.Write(request.deadline, [&](pqxx::work& tx) {
    PgProviderTx ptx(tx, request);
    return fn(ptx);
  });
}

absl::StatusOr<std::vector<Municipality>> PgProviderStore::Municipalities(platform::Deadline d) {
  std::vector<Municipality> out;
  absl::Status s = pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r :
         tx.exec("SELECT cbs_code, name, region_code FROM registry.municipality ORDER BY name")) {
      out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<Region>> PgProviderStore::Regions(platform::Deadline d) {
  std::vector<Region> out;
  absl::Status s = pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec("SELECT code, name FROM registry.region ORDER BY name")) {
      out.push_back({r[0].as<std::string>(), r[1].as<std::string>()});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<ProductCategory>> PgProviderStore::ProductCategories(
    platform::Deadline d) {
  std::vector<ProductCategory> out;
  absl::Status s = pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec(
             "SELECT law, code, name, legacy FROM registry.product_category ORDER BY law, code")) {
      out.push_back({ParseLaw(r[0].as<std::string>()).value_or(Law::kUnspecified),
                     r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<bool>()});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<Unit>> PgProviderStore::Units(platform::Deadline d) {
  std::vector<Unit> out;
  absl::Status s = pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec("SELECT code, name FROM registry.unit ORDER BY code")) {
      out.push_back({r[0].as<std::string>(), r[1].as<std::string>()});
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<JointTask>> PgProviderStore::JointTasks(platform::Deadline d) {
  std::vector<JointTask> out;
  absl::Status s = pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec(R"sql(
          SELECT t.code, t.name, p.cbs_code, p.valid_from::text, p.valid_to::text
            FROM registry.joint_task t
            LEFT JOIN registry.task_participation p ON p.task_code = t.code
           ORDER BY t.code, p.cbs_code, p.valid_from)sql")) {
      if (out.empty() || out.back().code != r[0].as<std::string>()) {
        out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), {}});
      }
      if (r[2].is_null()) continue;
      Participation part{r[2].as<std::string>(), platform::StoredDay(r[3].as<std::string>()),
                         std::nullopt};
      if (!r[4].is_null()) part.valid_to = platform::StoredDay(r[4].as<std::string>());
      out.back().participations.push_back(std::move(part));
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace ozjt::registry
