#include "services/audit/audit_log.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/audit.h"
#include "services/platform/page_token.h"
#include "services/platform/status.h"
#include "services/screening/confidential.h"
#include "services/supervision/confidential.h"

namespace ozjt::audit {
namespace {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"audit_list", R"sql(
        SELECT id, (extract(epoch FROM recorded_at) * 1000000)::bigint, actor, role,
               municipality_code, method, entity_type, entity_id,
               coalesce(before_json::text, ''), coalesce(after_json::text, ''), request_id
          FROM audit.audit_record
         WHERE ($1::text = '' OR entity_type = $1::text)
           AND ($2::text = '' OR entity_id = $2::text)
           AND ($3::text = '' OR actor = $3::text)
           AND ($4::bigint IS NULL OR recorded_at >= to_timestamp($4::bigint / 1000000.0))
           AND ($5::bigint IS NULL OR recorded_at < to_timestamp($5::bigint / 1000000.0))
           AND ($6::bigint = 0 OR id < $6::bigint)
         ORDER BY id DESC
         LIMIT $7::int)sql"},
  };
  return kStatements;
}

bool Reads(const ConfidentialEntity& entity, platform::Role role) {
  return std::find(entity.content_readers.begin(), entity.content_readers.end(), role) !=
         entity.content_readers.end();
}

// Whether `role` may read the content of any confidential entity type (and so may have reads
// to log).
bool ReadsAnyConfidential(platform::Role role) {
  const auto& all = ConfidentialEntities();
  return std::any_of(all.begin(), all.end(),
                     [role](const ConfidentialEntity& e) { return Reads(e, role); });
}

// The records of one page of the audit_list statement: up to `size`, and whether more follow.
bool FetchPage(pqxx::transaction_base& tx, const AuditQuery& q, const std::optional<int64_t>& start,
               const std::optional<int64_t>& end, int64_t before_id, int size,
               std::vector<AuditRecord>& records) {
  records.clear();
  // libpqxx 6.4 sends a null pointer as SQL NULL.
  const std::string start_s = start ? std::to_string(*start) : "";
  const std::string end_s = end ? std::to_string(*end) : "";
  pqxx::result rows = tx.exec_prepared("audit_list", q.entity_type, q.entity_id, q.actor,
                                       start ? start_s.c_str() : nullptr,
                                       end ? end_s.c_str() : nullptr, before_id, size + 1);
  for (const auto& row : rows) {
    records.push_back({row[0].as<int64_t>(), absl::FromUnixMicros(row[1].as<int64_t>()),
                       row[2].as<std::string>(), row[3].as<std::string>(), row[4].as<std::string>(),
                       row[5].as<std::string>(), row[6].as<std::string>(), row[7].as<std::string>(),
                       row[8].as<std::string>(), row[9].as<std::string>(),
                       row[10].as<std::string>(), false});
  }
  if (static_cast<int>(records.size()) <= size) return false;
  records.resize(size);
  return true;
}

// INVALID_ARGUMENT for over-long filters or a start after the end, each field named.
absl::Status ValidateQuery(const AuditQuery& q) {
  platform::FieldViolations v;
  struct Filter {
    const char* field;
    const std::string& value;
    const char* dutch;
  };
  for (const Filter& f :
       {Filter{"entity_type", q.entity_type,
               "Het soort gegeven (--entity-type) telt hoogstens 200 tekens."},
        Filter{"entity_id", q.entity_id,
               "Het nummer van het gegeven (--entity-id) telt hoogstens 200 tekens."},
        Filter{"actor", q.actor,
               "De naam van wie de wijziging deed (--actor) telt hoogstens 200 tekens."}}) {
    if (f.value.size() > 200) v.Add(f.field, "must be at most 200 characters", f.dutch);
  }
  if (q.start_time && q.end_time && *q.start_time > *q.end_time) {
    v.Add("start_time", "must not be after end_time",
          "Het begin van de periode (--since) ligt na het einde (--until).");
  }
  return v.ToStatus();
}

}  // namespace

const std::vector<ConfidentialEntity>& ConfidentialEntities() {
  static const std::vector<ConfidentialEntity> kConfidential = {
      {screening::kCaseEntityType, screening::kCaseContentReaders, screening::kCaseReadEntityType},
      {supervision::kInvestigationEntityType, supervision::kInvestigationContentReaders,
       supervision::kFindingReadEntityType},
  };
  return kConfidential;
}

std::vector<ContentRead> WithholdConfidentialContent(
    platform::Role role, const std::vector<ConfidentialEntity>& confidential,
    std::vector<AuditRecord>& records) {
  std::vector<ContentRead> reads;
  std::map<std::pair<std::string, std::string>, size_t> index;  // (read type, id) -> reads[i]
  for (AuditRecord& record : records) {
    const auto entity = std::find_if(
        confidential.begin(), confidential.end(),
        [&](const ConfidentialEntity& e) { return e.entity_type == record.entity_type; });
    if (entity == confidential.end()) continue;
    if (!Reads(*entity, role)) {
      record.before_json.clear();
      record.after_json.clear();
      record.content_withheld = true;
      continue;
    }
    const auto key = std::make_pair(entity->read_entity_type, record.entity_id);
    auto [at, inserted] = index.emplace(key, reads.size());
    if (inserted) reads.push_back({entity->read_entity_type, record.entity_id, {}});
    reads[at->second].record_ids.push_back(record.id);
  }
  return reads;
}

std::string ContentReadJson(const ContentRead& read) {
  return nlohmann::json{{"read", "audit log"}, {"audit_records", read.record_ids}}.dump();
}

AuditLog::AuditLog(platform::Pool& pool) : pool_(pool) { pool_.AddStatements(Statements()); }

absl::StatusOr<AuditPage> AuditLog::List(const platform::RequestInfo& r, const AuditQuery& q,
                                         int page_size, const std::string& page_token) {
  OZJT_ASSIGN_OR_RETURN(int size, platform::PageSize(page_size, kDefaultPageSize, kMaxPageSize));
  OZJT_RETURN_IF_ERROR(ValidateQuery(q));
  auto micros = [](const std::optional<absl::Time>& t) -> std::optional<int64_t> {
    if (!t) return std::nullopt;
    return absl::ToUnixMicros(*t);
  };
  const std::optional<int64_t> start = micros(q.start_time), end = micros(q.end_time);
  const std::string fingerprint = platform::QueryFingerprint(
      {"ListAuditRecords", q.entity_type, q.entity_id, q.actor, start ? std::to_string(*start) : "",
       end ? std::to_string(*end) : ""});
  OZJT_ASSIGN_OR_RETURN(std::vector<std::string> after,
                        platform::DecodePageToken(page_token, fingerprint, 1));
  int64_t before_id = 0;
  if (!after.empty() && (!absl::SimpleAtoi(after[0], &before_id) || before_id <= 0)) {
    return platform::InvalidField("page_token", "is not a token this service issued",
                                  "Dit vervolgtoken is niet door deze dienst uitgegeven. Vraag de "
                                  "lijst opnieuw op vanaf het begin (zonder --page-token).");
  }
  AuditPage page;
  bool more = false;
  if (!ReadsAnyConfidential(r.caller.role)) {
    // Nothing this caller sees can be a read to log: no write transaction needed.
    OZJT_RETURN_IF_ERROR(pool_.Read(r.deadline, [&](pqxx::transaction_base& tx) {
      more = FetchPage(tx, q, start, end, before_id, size, page.records);
      WithholdConfidentialContent(r.caller.role, ConfidentialEntities(), page.records);
      return absl::OkStatus();
    }));
  } else {
    // The page and the read records of the content it shows commit together.
    OZJT_RETURN_IF_ERROR(pool_.Write(r.deadline, [&](pqxx::work& tx) {
      more = FetchPage(tx, q, start, end, before_id, size, page.records);
      for (const ContentRead& read :
           WithholdConfidentialContent(r.caller.role, ConfidentialEntities(), page.records)) {
        platform::WriteAudit(tx, r,
                             {read.read_entity_type, read.entity_id, "", ContentReadJson(read)});
      }
      return absl::OkStatus();
    }));
  }
  if (more) {
    page.next_page_token =
        platform::EncodePageToken(fingerprint, {std::to_string(page.records.back().id)});
  }
  return page;
}

absl::StatusOr<ChainReport> AuditLog::VerifyChain(const platform::RequestInfo& r) {
  ChainReport report;
  OZJT_RETURN_IF_ERROR(pool_.Read(r.deadline, [&](pqxx::transaction_base& tx) {
    report = VerifyAuditChain(tx);
    return absl::OkStatus();
  }));
  return report;
}

}  // namespace ozjt::audit
