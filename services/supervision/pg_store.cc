#include "services/supervision/pg_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/platform/audit.h"
#include "services/platform/calendar.h"
#include "services/platform/status.h"
#include "services/supervision/confidential.h"
#include "services/supervision/finding_rows.h"

namespace ozjt::supervision {
namespace {

const std::vector<std::pair<std::string, std::string>>& PreparedStatements() {
  // Every read of whole investigations puts their finding rows back into the body
  // (finding_rows.h).
  static const std::string kSelect = "SELECT i.id, i.version, i.body::text, " + kFindingsJsonSql +
                                     " FROM supervision.investigation i ";
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"sv_read", kSelect + "WHERE i.id = $1"},
      // Only the lock: the investigation is read after it (Lock), in a statement of its own.
      {"sv_lock", "SELECT 1 FROM supervision.investigation WHERE id = $1 FOR UPDATE"},
      {"sv_list", kSelect + R"sql(
         WHERE ($1::bigint = 0 OR i.provider_id = $1::bigint)
           AND ($2::text = '' OR i.requesting_municipality = $2::text)
           AND ($3::text = '' OR i.status = $3::text)
           AND ($4::text = '' OR i.kind = $4::text)
         ORDER BY i.id DESC)sql"},
      // A list's view: the body without findings and plans (a list never shows them), a page.
      {"sv_overview", R"sql(
        SELECT id, version, (body || '{"findings": [], "plans": []}')::text, '[]'
          FROM supervision.investigation
         WHERE ($1::bigint = 0 OR provider_id = $1::bigint)
           AND ($2::text = '' OR requesting_municipality = $2::text)
           AND ($3::text = '' OR status = $3::text)
           AND ($4::text = '' OR kind = $4::text)
           AND ($5::bigint = 0 OR id < $5::bigint)
         ORDER BY id DESC LIMIT $6)sql"},
      // PeriodCounts: what happened in [$1, $2], as (what, code, count) rows. The dates are the
      // body's (ISO text) and the finding rows': when an investigation was concluded, a finding
      // made, a plan closed.
      {"sv_count_period", R"sql(
        SELECT 'opened', kind, count(*) FROM supervision.investigation
         WHERE opened BETWEEN $1::date AND $2::date GROUP BY kind
        UNION ALL
        SELECT 'concluded', kind, count(*) FROM supervision.investigation
         WHERE (body->>'concluded')::date BETWEEN $1::date AND $2::date GROUP BY kind
        UNION ALL
        SELECT 'finding', severity, count(*) FROM supervision.finding
         WHERE date BETWEEN $1::date AND $2::date GROUP BY severity
        UNION ALL
        SELECT 'plan_closed', '', count(*)
          FROM supervision.investigation, jsonb_array_elements(body->'plans') p
         WHERE p->>'closed' = 'true' AND (p->>'closed_on')::date BETWEEN $1::date AND $2::date)sql"},
      // The investigations that may escalate, without reading every body: those with an
      // unresolved critical finding (finding_open_critical_idx, migration 0019) and those with
      // an undone action of an open plan due before $1 (open_action_due, generated from the body
      // by migration 0014).
      {"sv_may_escalate", kSelect + R"sql(
         WHERE i.id IN ()sql" +
                              kOpenCriticalSql + R"sql(
                        UNION ALL
                        SELECT id FROM supervision.investigation WHERE open_action_due < $1::date)
         ORDER BY i.id DESC)sql"},
      // The id is drawn first so that the body, as every later version of it, carries it
      // (readers of the body alone, like the agenda, name the investigation by it).
      {"sv_insert", R"sql(
        WITH n AS (SELECT nextval('supervision.investigation_id_seq') AS id)
        INSERT INTO supervision.investigation (id, provider_id, kind, status,
                                               requesting_municipality, contract_id,
                                               mutation_event_id, opened, body)
        SELECT n.id, $1::bigint, $2::text, $3::text, $4::text, $5::bigint, $6::bigint, $7::date,
               jsonb_set($8::jsonb, '{id}', to_jsonb(n.id))
          FROM n
        ON CONFLICT (mutation_event_id, provider_id) WHERE mutation_event_id IS NOT NULL DO NOTHING
        RETURNING id)sql"},
      {"sv_update", R"sql(
        UPDATE supervision.investigation
           SET status = $2, body = $3::jsonb, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $4 RETURNING version)sql"},
      // A change of the investigation's findings only: its version, not its body.
      {"sv_touch", R"sql(
        UPDATE supervision.investigation SET version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2 RETURNING version)sql"},
      {"sv_finding_insert", R"sql(
        INSERT INTO supervision.finding (investigation_id, number, severity, date, resolved, body)
        VALUES ($1, $2, $3, $4::date, $5, $6::jsonb))sql"},
      {"sv_finding_update", R"sql(
        UPDATE supervision.finding SET severity = $3, date = $4::date, resolved = $5, body = $6::jsonb
         WHERE investigation_id = $1 AND number = $2)sql"},
  };
  return kStatements;
}

// The body as stored: the investigation without its findings (they are rows of their own).
std::string BodyJson(Investigation i) {
  i.findings.clear();
  return ToJson(i);
}

Investigation FromRow(const pqxx::row& r) {
  absl::StatusOr<Investigation> i =
      InvestigationFromJson(r[2].as<std::string>(), r[3].as<std::string>());
  if (!i.ok()) throw std::runtime_error(std::string(i.status().message()));
  i->id = r[0].as<int64_t>();
  i->version = r[1].as<int64_t>();
  return *std::move(i);
}

std::optional<int64_t> OptionalId(int64_t id) {
  if (id == 0) return std::nullopt;
  return id;
}

class PgSupervisionTx : public SupervisionTx {
 public:
  PgSupervisionTx(pqxx::work& tx, const platform::RequestInfo& r) : tx_(tx), request_(r) {}
  std::optional<Investigation> Lock(int64_t id) override;
  std::optional<Investigation> Read(int64_t id) override;
  std::vector<Investigation> List(const InvestigationFilter& f) override;
  Investigation Insert(const Investigation& i) override;
  Investigation Replace(const Investigation& before, const Investigation& after) override;
  Investigation AddFinding(const Investigation& before, const Investigation& after) override;
  bool InsertReview(const Investigation& review) override;
  void LogRead(const std::string& entity_id, const std::string& what_json) override;

 private:
  void WriteFinding(const char* statement, int64_t investigation_id, const Finding& f);
  // The rows of the findings of `after` that `before` lacks or holds otherwise.
  void WriteChangedFindings(const Investigation* before, const Investigation& after);

  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

}  // namespace

// Locked first, read after: a statement that waited for the lock sees the row as the other
// transaction committed it, but the rest of what it reads (the finding rows) as it was when the
// statement started; a read of its own, after the lock, sees the finding rows committed with
// the row (READ COMMITTED: a snapshot per statement).
std::optional<Investigation> PgSupervisionTx::Lock(int64_t id) {
  if (tx_.exec_prepared("sv_lock", id).empty()) return std::nullopt;
  return Read(id);
}

std::optional<Investigation> PgSupervisionTx::Read(int64_t id) {
  pqxx::result r = tx_.exec_prepared("sv_read", id);
  if (r.empty()) return std::nullopt;
  return FromRow(r[0]);
}

std::vector<Investigation> PgSupervisionTx::List(const InvestigationFilter& f) {
  std::vector<Investigation> out;
  for (const auto& r :
       tx_.exec_prepared("sv_list", f.provider_id, f.requesting_municipality,
                         f.status ? Code(*f.status) : "", f.kind ? Code(*f.kind) : "")) {
    out.push_back(FromRow(r));
  }
  return out;
}

void PgSupervisionTx::WriteFinding(const char* statement, int64_t investigation_id,
                                   const Finding& f) {
  tx_.exec_prepared0(statement, investigation_id, f.number, Code(f.severity),
                     platform::FormatDay(f.date), f.resolved, FindingToJson(f));
}

void PgSupervisionTx::WriteChangedFindings(const Investigation* before,
                                           const Investigation& after) {
  for (const Finding& f : after.findings) {
    const Finding* was = before ? before->FindingNumbered(f.number) : nullptr;
    if (!was) {
      WriteFinding("sv_finding_insert", after.id, f);
    } else if (FindingToJson(*was) != FindingToJson(f)) {
      WriteFinding("sv_finding_update", after.id, f);
    }
  }
}

Investigation PgSupervisionTx::Insert(const Investigation& i) {
  pqxx::result r = tx_.exec_prepared("sv_insert", i.provider_id, Code(i.kind), Code(i.status),
                                     i.requesting_municipality, OptionalId(i.contract_id),
                                     OptionalId(i.mutation_event_id), platform::FormatDay(i.opened),
                                     BodyJson(i));
  Investigation out = i;
  out.id = r.empty() ? 0 : r[0][0].as<int64_t>();
  out.version = 1;
  if (out.id) {
    WriteChangedFindings(nullptr, out);
    platform::WriteAudit(tx_, request_,
                         {kInvestigationEntityType, std::to_string(out.id), "", ToJson(out)});
  }
  return out;
}

Investigation PgSupervisionTx::Replace(const Investigation& before, const Investigation& after) {
  pqxx::result r = tx_.exec_prepared("sv_update", before.id, Code(after.status), BodyJson(after),
                                     before.version);
  if (r.empty()) throw pqxx::serialization_failure("investigation changed concurrently");
  Investigation out = after;
  out.version = r[0][0].as<int64_t>();
  WriteChangedFindings(&before, out);
  platform::WriteAudit(
      tx_, request_,
      {kInvestigationEntityType, std::to_string(out.id), ToJson(before), ToJson(out)});
  return out;
}

Investigation PgSupervisionTx::AddFinding(const Investigation& before, const Investigation& after) {
  const Finding& added = after.findings.back();
  // The body is written only when the finding changed more of the investigation (the first one
  // starts it); otherwise only its version moves.
  const std::string body_before = BodyJson(before), body_after = BodyJson(after);
  const bool body_changed = body_before != body_after;
  pqxx::result r = body_changed ? tx_.exec_prepared("sv_update", before.id, Code(after.status),
                                                    body_after, before.version)
                                : tx_.exec_prepared("sv_touch", before.id, before.version);
  if (r.empty()) throw pqxx::serialization_failure("investigation changed concurrently");
  Investigation out = after;
  out.version = r[0][0].as<int64_t>();
  WriteFinding("sv_finding_insert", out.id, added);
  // One audit record: the finding, and the investigation's fields it changed with their values
  // before (none: an addition, before_json empty).
  nlohmann::json was = nlohmann::json::object(), is = nlohmann::json::object();
  if (body_changed) {
    const nlohmann::json b = nlohmann::json::parse(body_before),
                         a = nlohmann::json::parse(body_after);
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || b[key] != value) {
        was[key] = b.contains(key) ? b[key] : nullptr;
        is[key] = value;
      }
    }
  }
  is["finding"] = nlohmann::json::parse(FindingToJson(added));
  platform::WriteAudit(
      tx_, request_,
      {kInvestigationEntityType, std::to_string(out.id), was.empty() ? "" : was.dump(), is.dump()});
  return out;
}

bool PgSupervisionTx::InsertReview(const Investigation& review) { return Insert(review).id != 0; }

void PgSupervisionTx::LogRead(const std::string& entity_id, const std::string& what_json) {
  platform::WriteAudit(tx_, request_, {kFindingReadEntityType, entity_id, "", what_json});
}

PgSupervisionStore::PgSupervisionStore(platform::Pool& pool)
    : PgSupervisionStore(pool, registry::MakeDirectory(pool),
                         contracts::MakeContractDirectory(pool),
                         contracts::MakeMutationEvents(pool)) {}

PgSupervisionStore::PgSupervisionStore(platform::Pool& pool,
                                       std::unique_ptr<registry::Directory> directory,
                                       std::unique_ptr<contracts::ContractDirectory> contracts,
                                       std::unique_ptr<contracts::MutationEvents> mutations)
    : pool_(pool),
      directory_(std::move(directory)),
      contracts_(std::move(contracts)),
      mutations_(std::move(mutations)) {
  pool_.AddStatements(PreparedStatements());
}

absl::StatusOr<std::vector<ProviderFacts>> PgSupervisionStore::Providers(platform::Deadline d,
                                                                         int64_t id) {
  return directory_->Providers(d, id);
}

absl::StatusOr<std::map<int64_t, std::string>> PgSupervisionStore::ProviderNames(
    platform::Deadline d, const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::map<int64_t, std::string>{};
  return directory_->ProviderNames(d, ids);
}

absl::StatusOr<std::string> PgSupervisionStore::MunicipalityName(platform::Deadline d,
                                                                 const std::string& code) {
  return directory_->MunicipalityName(d, code);
}

absl::StatusOr<bool> PgSupervisionStore::ContractExists(platform::Deadline d, int64_t id) {
  return contracts_->Exists(d, id);
}

absl::StatusOr<std::vector<MutationEvent>> PgSupervisionStore::PendingMutations(
    platform::Deadline d, int limit) {
  return mutations_->Pending(d, limit);
}

absl::Status PgSupervisionStore::ConsumeMutations(platform::Deadline d,
                                                  const std::vector<int64_t>& event_ids) {
  return mutations_->MarkConsumed(d, event_ids);
}

absl::StatusOr<std::vector<Investigation>> PgSupervisionStore::List(platform::Deadline d,
                                                                    const InvestigationFilter& f) {
  std::vector<Investigation> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out.clear();  // the pool runs this again on a fresh connection after a broken one
    for (const auto& r :
         tx.exec_prepared("sv_list", f.provider_id, f.requesting_municipality,
                          f.status ? Code(*f.status) : "", f.kind ? Code(*f.kind) : "")) {
      out.push_back(FromRow(r));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Investigation>> PgSupervisionStore::Overview(
    platform::Deadline d, const InvestigationFilter& f, int64_t before_id, int limit) {
  std::vector<Investigation> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out.clear();
    for (const auto& r : tx.exec_prepared("sv_overview", f.provider_id, f.requesting_municipality,
                                          f.status ? Code(*f.status) : "",
                                          f.kind ? Code(*f.kind) : "", before_id, limit)) {
      out.push_back(FromRow(r));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<Investigation>> PgSupervisionStore::MayEscalate(platform::Deadline d,
                                                                           Day action_due_before) {
  std::vector<Investigation> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out.clear();
    for (const auto& r :
         tx.exec_prepared("sv_may_escalate", platform::FormatDay(action_due_before))) {
      out.push_back(FromRow(r));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<PeriodCounts> PgSupervisionStore::CountPeriod(platform::Deadline d, Day from,
                                                             Day to) {
  PeriodCounts counts;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    counts = PeriodCounts();
    for (const auto& r :
         tx.exec_prepared("sv_count_period", platform::FormatDay(from), platform::FormatDay(to))) {
      const std::string what = r[0].as<std::string>(), code = r[1].as<std::string>();
      const int n = r[2].as<int>();
      if (what == "plan_closed") {
        counts.plans_closed = n;
      } else if (what == "finding") {
        if (auto s = ParseSeverity(code)) counts.findings[static_cast<int>(*s)] = n;
      } else if (auto k = ParseKind(code)) {
        (what == "opened" ? counts.opened : counts.concluded)[static_cast<int>(*k)] = n;
      }
    }
    return absl::OkStatus();
  }));
  return counts;
}

absl::Status PgSupervisionStore::Write(const platform::RequestInfo& r,
                                       const std::function<absl::Status(SupervisionTx&)>& fn) {
  return pool_.Write(r.deadline, [&](pqxx::work& tx) {
    PgSupervisionTx stx(tx, r);
    return fn(stx);
  });
}

}  // namespace ozjt::supervision
