#include "services/screening/pg_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/platform/audit.h"
#include "services/platform/calendar.h"
#include "services/platform/status.h"
#include "services/screening/confidential.h"

namespace ozjt::screening {
namespace {

using platform::FormatDay;

const std::vector<std::pair<std::string, std::string>>& PreparedStatements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"sc_frameworks", R"sql(
        SELECT id, code, version, title, valid_from::text, items::text
          FROM screening.framework ORDER BY code, version)sql"},
      {"sc_framework", R"sql(
        SELECT id, code, version, title, valid_from::text, items::text
          FROM screening.framework WHERE id = $1)sql"},
      {"sc_framework_insert", R"sql(
        INSERT INTO screening.framework (code, version, title, valid_from, items, created_by)
        VALUES ($1, $2, $3, $4::date, $5::jsonb, $6) RETURNING id)sql"},
      {"sc_case", "SELECT id, version, body::text FROM screening.screening_case WHERE id = $1"},
      {"sc_case_lock",
       "SELECT id, version, body::text FROM screening.screening_case WHERE id = $1 FOR UPDATE"},
      {"sc_cases", R"sql(
        SELECT id, version, body::text FROM screening.screening_case
         WHERE ($1::bigint = 0 OR provider_id = $1::bigint) AND ($2::text = '' OR status = $2::text)
           AND ($3::bigint = 0 OR id < $3::bigint)
         ORDER BY id DESC LIMIT $4)sql"},
      {"sc_case_insert", R"sql(
        INSERT INTO screening.screening_case (provider_id, framework_id, occasion, status, outcome,
                                              decided_on, valid_until, body)
        VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8::jsonb) RETURNING id)sql"},
      {"sc_case_update", R"sql(
        UPDATE screening.screening_case
           SET status = $2, outcome = $3, decided_on = $4::date, valid_until = $5::date,
               body = $6::jsonb, version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $7 RETURNING version)sql"},
      {"sc_registrations",
       "SELECT contract_id FROM screening.award_registration WHERE case_id = $1 ORDER BY "
       "contract_id"},
      {"sc_outcomes", R"sql(
        SELECT k.id, k.provider_id, k.outcome, k.decided_on::text, k.valid_until::text, f.title
          FROM screening.screening_case k
          JOIN screening.framework f ON f.id = k.framework_id
         WHERE k.status = 'decided' AND ($1::bigint = 0 OR k.provider_id = $1::bigint)
         ORDER BY k.decided_on DESC, k.id DESC)sql"},
  };
  return kStatements;
}

Framework FrameworkFromRow(const pqxx::row& r) {
  Framework f;
  f.id = r[0].as<int64_t>();
  f.code = r[1].as<std::string>();
  f.version = r[2].as<int>();
  f.title = r[3].as<std::string>();
  f.valid_from = platform::StoredDay(r[4].as<std::string>());
  absl::StatusOr<std::vector<FrameworkItem>> items = ItemsFromJson(r[5].as<std::string>());
  if (!items.ok()) throw std::runtime_error(std::string(items.status().message()));
  f.items = *std::move(items);
  return f;
}

ScreeningCase CaseFromRow(const pqxx::row& r) {
  absl::StatusOr<ScreeningCase> c = CaseFromJson(r[2].as<std::string>());
  if (!c.ok()) throw std::runtime_error(std::string(c.status().message()));
  c->id = r[0].as<int64_t>();
  c->version = r[1].as<int64_t>();
  return *std::move(c);
}

class PgScreeningTx : public ScreeningTx {
 public:
  PgScreeningTx(pqxx::work& tx, const platform::RequestInfo& r) : tx_(tx), request_(r) {}
  Framework InsertFramework(const Framework& f) override;
  std::optional<Framework> FrameworkById(int64_t id) override;
  std::optional<ScreeningCase> LockCase(int64_t id) override;
  std::optional<ScreeningCase> ReadCase(int64_t id) override;
  std::vector<ScreeningCase> Cases(const CaseFilter& f, int64_t before_id, int limit) override;
  std::vector<int64_t> RegisteredContracts(int64_t case_id) override;
  ScreeningCase InsertCase(const ScreeningCase& c) override;
  ScreeningCase ReplaceCase(const ScreeningCase& before, const ScreeningCase& after) override;
  void LogRead(const std::string& entity_id, const std::string& what_json) override;

 private:
  pqxx::work& tx_;
  const platform::RequestInfo& request_;
};

}  // namespace

Framework PgScreeningTx::InsertFramework(const Framework& f) {
  Framework out = f;
  out.id =
      tx_.exec_prepared1("sc_framework_insert", f.code, f.version, f.title, FormatDay(f.valid_from),
                         ItemsToJson(f.items), request_.caller.subject)[0]
          .as<int64_t>();
  platform::WriteAudit(tx_, request_,
                       {"screening_framework", std::to_string(out.id), "",
                        nlohmann::json{{"code", f.code},
                                       {"version", f.version},
                                       {"title", f.title},
                                       {"valid_from", FormatDay(f.valid_from)},
                                       {"items", nlohmann::json::parse(ItemsToJson(f.items))}}
                            .dump()});
  return out;
}

std::optional<Framework> PgScreeningTx::FrameworkById(int64_t id) {
  pqxx::result r = tx_.exec_prepared("sc_framework", id);
  if (r.empty()) return std::nullopt;
  return FrameworkFromRow(r[0]);
}

std::optional<ScreeningCase> PgScreeningTx::LockCase(int64_t id) {
  pqxx::result r = tx_.exec_prepared("sc_case_lock", id);
  if (r.empty()) return std::nullopt;
  return CaseFromRow(r[0]);
}

std::optional<ScreeningCase> PgScreeningTx::ReadCase(int64_t id) {
  pqxx::result r = tx_.exec_prepared("sc_case", id);
  if (r.empty()) return std::nullopt;
  return CaseFromRow(r[0]);
}

std::vector<ScreeningCase> PgScreeningTx::Cases(const CaseFilter& f, int64_t before_id, int limit) {
  std::vector<ScreeningCase> out;
  for (const auto& r : tx_.exec_prepared("sc_cases", f.provider_id, f.status ? Code(*f.status) : "",
                                         before_id, limit)) {
    out.push_back(CaseFromRow(r));
  }
  return out;
}

std::vector<int64_t> PgScreeningTx::RegisteredContracts(int64_t case_id) {
  std::vector<int64_t> out;
  for (const auto& r : tx_.exec_prepared("sc_registrations", case_id)) {
    out.push_back(r[0].as<int64_t>());
  }
  return out;
}

ScreeningCase PgScreeningTx::InsertCase(const ScreeningCase& c) {
  ScreeningCase out = c;
  const FinalColumns final = FinalColumnsOf(c);
  out.id = tx_.exec_prepared1("sc_case_insert", c.provider_id, c.framework_id, Code(c.occasion),
                              Code(c.status), final.outcome, final.decided_on, final.valid_until,
                              ToJson(c))[0]
               .as<int64_t>();
  out.version = 1;
  platform::WriteAudit(tx_, request_, {kCaseEntityType, std::to_string(out.id), "", ToJson(out)});
  return out;
}

ScreeningCase PgScreeningTx::ReplaceCase(const ScreeningCase& before, const ScreeningCase& after) {
  const FinalColumns final = FinalColumnsOf(after);
  pqxx::result r =
      tx_.exec_prepared("sc_case_update", before.id, Code(after.status), final.outcome,
                        final.decided_on, final.valid_until, ToJson(after), before.version);
  if (r.empty()) throw pqxx::serialization_failure("screening case changed concurrently");
  ScreeningCase out = after;
  out.version = r[0][0].as<int64_t>();
  platform::WriteAudit(tx_, request_,
                       {kCaseEntityType, std::to_string(out.id), ToJson(before), ToJson(out)});
  return out;
}

void PgScreeningTx::LogRead(const std::string& entity_id, const std::string& what_json) {
  platform::WriteAudit(tx_, request_, {kCaseReadEntityType, entity_id, "", what_json});
}

PgScreeningStore::PgScreeningStore(platform::Pool& pool)
    : PgScreeningStore(pool, registry::MakeDirectory(pool),
                       contracts::MakeContractDirectory(pool)) {}

PgScreeningStore::PgScreeningStore(platform::Pool& pool,
                                   std::unique_ptr<registry::Directory> directory,
                                   std::unique_ptr<contracts::ContractDirectory> contracts)
    : pool_(pool), directory_(std::move(directory)), contracts_(std::move(contracts)) {
  pool_.AddStatements(PreparedStatements());
}

absl::StatusOr<std::vector<Framework>> PgScreeningStore::Frameworks(platform::Deadline d) {
  std::vector<Framework> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("sc_frameworks")) out.push_back(FrameworkFromRow(r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<ProviderFacts>> PgScreeningStore::Providers(platform::Deadline d,
                                                                       int64_t id) {
  return directory_->Providers(d, id);
}

absl::StatusOr<std::map<int64_t, std::string>> PgScreeningStore::ProviderNames(
    platform::Deadline d, const std::vector<int64_t>& ids) {
  if (ids.empty()) return std::map<int64_t, std::string>{};
  return directory_->ProviderNames(d, ids);
}

absl::StatusOr<bool> PgScreeningStore::ContractExists(platform::Deadline d, int64_t id) {
  return contracts_->Exists(d, id);
}

absl::StatusOr<std::vector<OutcomeRow>> PgScreeningStore::Outcomes(platform::Deadline d,
                                                                   int64_t provider_id) {
  std::vector<OutcomeRow> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    for (const auto& r : tx.exec_prepared("sc_outcomes", provider_id)) {
      OutcomeRow o;
      o.case_id = r[0].as<int64_t>();
      o.provider_id = r[1].as<int64_t>();
      o.outcome = ParseOutcome(r[2].as<std::string>()).value_or(Outcome::kUnspecified);
      o.decided_on = platform::StoredDay(r[3].as<std::string>());
      if (!r[4].is_null()) o.valid_until = platform::StoredDay(r[4].as<std::string>());
      o.framework_title = r[5].as<std::string>();
      out.push_back(std::move(o));
    }
    return absl::OkStatus();
  }));
  // The providers' names in one call; a case of a provider the registry does not know is left
  // out, as the join on the provider did.
  std::vector<int64_t> ids;
  ids.reserve(out.size());
  for (const auto& o : out) ids.push_back(o.provider_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  OZJT_ASSIGN_OR_RETURN(auto names, directory_->ProviderNames(d, ids));
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](OutcomeRow& o) {
                             auto it = names.find(o.provider_id);
                             if (it == names.end()) return true;
                             o.provider_name = it->second;
                             return false;
                           }),
            out.end());
  return out;
}

absl::Status PgScreeningStore::Write(const platform::RequestInfo& r,
                                     const std::function<absl::Status(ScreeningTx&)>& fn) {
  return pool_.Write(r.deadline, [&](pqxx::work& tx) {
    PgScreeningTx stx(tx, r);
    return fn(stx);
  });
}

}  // namespace ozjt::screening
