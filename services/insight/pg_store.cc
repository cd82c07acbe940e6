#include "services/insight/pg_store.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "services/platform/audit.h"
#include "services/platform/status.h"

namespace ozjt::insight {
namespace {

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      {"in_message", R"sql(
        INSERT INTO insight.message (law, type, sender, identification, dated, municipality_code,
                                     agb_code, file_name, key_version, imported_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (law, type, sender, identification) DO NOTHING RETURNING id)sql"},
      {"in_any_message", "SELECT EXISTS (SELECT 1 FROM insight.message)"},
      {"in_allocation", R"sql(
        INSERT INTO insight.allocation (message_id, client, number, reference, category, code,
          allocated_on, allocated_at, starts_on, ends_on, change_reason, volume, unit, frequency,
          budget_cents)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15))sql"},
      {"in_care_line", R"sql(
        INSERT INTO insight.care_line (message_id, kind, client, number, category, code,
                                       begins_on, ends_on, end_reason, status)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))sql"},
      {"in_request", R"sql(
        INSERT INTO insight.request (message_id, client, reference, category, code, starts_on)
        VALUES ($1, $2, $3, $4, $5, $6))sql"},
      {"in_claim", R"sql(
        INSERT INTO insight.claim (message_id, number, period_from, period_to, total_cents)
        VALUES ($1, $2, $3, $4, $5))sql"},
      {"in_claim_line", R"sql(
        INSERT INTO insight.claim_line (message_id, client, reference, previous_reference, number,
          category, code, period_from, period_to, volume, unit, tariff_cents, amount_cents)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13))sql"},
      {"in_claim_answer", R"sql(
        INSERT INTO insight.claim_answer (message_id, number, declared_cents, granted_cents)
        VALUES ($1, $2, $3, $4))sql"},
      {"in_rejected_line", R"sql(
        INSERT INTO insight.rejected_line (message_id, reference, codes)
        VALUES ($1, $2, $3::text[]))sql"},
      // Every version of the allocations that may bear on a quarter ending on $2.
      {"in_allocations_of", R"sql(
        SELECT m.id, m.municipality_code, m.agb_code, m.law, m.dated, a.client, a.number,
               a.reference, a.category, a.code, a.allocated_on, a.allocated_at, a.starts_on,
               a.ends_on, a.change_reason, a.volume, a.unit, a.frequency, a.budget_cents
          FROM insight.message m JOIN insight.allocation a ON a.message_id = m.id
         WHERE m.municipality_code = ANY($1::text[]::bpchar[]) AND m.type = 301
           AND a.starts_on <= $2::date)sql"},
      {"in_care_lines_of", R"sql(
        SELECT m.id, m.municipality_code, m.agb_code, m.law, m.dated, c.client, c.number,
               c.category, c.code, c.begins_on, c.ends_on, c.end_reason, c.status
          FROM insight.message m JOIN insight.care_line c ON c.message_id = m.id
         WHERE m.municipality_code = ANY($1::text[]::bpchar[]) AND m.type = $2
           AND c.begins_on <= $3::date)sql"},
      {"in_claim_lines_of", R"sql(
        SELECT m.id, m.municipality_code, m.agb_code, m.law, m.dated, k.number, l.client,
               l.reference, l.previous_reference, l.number, l.category, l.code, l.period_from,
               l.period_to, l.volume, l.unit, l.tariff_cents, l.amount_cents
          FROM insight.message m JOIN insight.claim k ON k.message_id = m.id
          JOIN insight.claim_line l ON l.message_id = m.id
         WHERE m.municipality_code = ANY($1::text[]::bpchar[]) AND m.type = 323
           AND l.period_from BETWEEN $2::date AND $3::date)sql"},
      {"in_answers_of", R"sql(
        SELECT m.agb_code, m.law, a.number
          FROM insight.message m JOIN insight.claim_answer a ON a.message_id = m.id
         WHERE m.municipality_code = ANY($1::text[]::bpchar[]) AND m.type = 325)sql"},
      {"in_rejections_of", R"sql(
        SELECT m.agb_code, m.law, r.reference
          FROM insight.message m JOIN insight.rejected_line r ON r.message_id = m.id
         WHERE m.municipality_code = ANY($1::text[]::bpchar[]) AND m.type = 325)sql"},
  };
  return kStatements;
}

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

// NULL (nullptr) or the text of a value, for libpqxx 6.4's parameters.
struct Nullable {
  std::optional<std::string> text;
  const char* get() const { return text ? text->c_str() : nullptr; }
};
Nullable Of(const std::optional<absl::CivilDay>& d) {
  return {d ? std::optional<std::string>(Day(*d)) : std::nullopt};
}
Nullable Of(const std::optional<int64_t>& v) {
  return {v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt};
}

absl::CivilDay ToDay(const pqxx::field& f) {
  absl::CivilDay d;
  (void)absl::ParseCivilTime(f.c_str(), &d);
  return d;
}
std::optional<absl::CivilDay> ToOptionalDay(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return ToDay(f);
}
std::optional<int64_t> ToOptionalInt(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int64_t>();
}
Law ToLaw(const pqxx::field& f) { return f.as<std::string>() == "wmo" ? Law::kWmo : Law::kJw; }

std::string CodeArray(const std::vector<std::string>& codes) {
  std::string array = "{";
  for (size_t i = 0; i < codes.size(); ++i) {
    absl::StrAppend(&array, i ? "," : "", "\"", codes[i], "\"");
  }
  return array + "}";
}

// The message's fields as the Stored<T> of the measures; columns 0 to 4 of each read.
template <typename T>
Stored<T> StoredOf(const pqxx::row& r) {
  Stored<T> s;
  s.message_id = r[0].as<int64_t>();
  s.municipality = r[1].as<std::string>();
  s.agb = r[2].as<std::string>();
  s.law = ToLaw(r[3]);
  s.dated = ToDay(r[4]);
  return s;
}

void InsertItems(pqxx::work& tx, int64_t id, const Message& m) {
  for (const Allocation& a : m.allocations) {
    tx.exec_prepared0("in_allocation", id, a.client, a.number, a.reference, a.product.category,
                      a.product.code, Day(a.allocated_on), a.allocated_at, Day(a.starts_on),
                      Of(a.ends_on).get(), a.change_reason, Of(a.volume).get(), a.unit, a.frequency,
                      Of(a.budget_cents).get());
  }
  for (const auto* lines : {&m.starts, &m.stops}) {
    for (const CareLine& l : *lines) {
      tx.exec_prepared0("in_care_line", id, lines == &m.starts ? "start" : "stop", l.client,
                        l.number, l.product.category, l.product.code, Day(l.begins_on),
                        Of(l.ends_on).get(), l.end_reason, l.status);
    }
  }
  for (const Request& q : m.requests) {
    tx.exec_prepared0("in_request", id, q.client, q.reference, q.product.category, q.product.code,
                      Day(q.starts_on));
  }
  if (m.claim) {
    const Claim& c = *m.claim;
    tx.exec_prepared0("in_claim", id, c.number, Day(c.period_from), Day(c.period_to),
                      c.total_cents);
    for (const ClaimLine& l : c.lines) {
      tx.exec_prepared0("in_claim_line", id, l.client, l.reference, l.previous_reference, l.number,
                        l.product.category, l.product.code, Day(l.from), Day(l.to), l.volume,
                        l.unit, Of(l.tariff_cents).get(), l.amount_cents);
    }
  }
  if (m.answer) {
    const ClaimAnswer& a = *m.answer;
    tx.exec_prepared0("in_claim_answer", id, a.number, a.declared_cents, a.granted_cents);
    for (const auto& r : a.rejected) {
      tx.exec_prepared0("in_rejected_line", id, r.reference, CodeArray(r.codes));
    }
  }
}

// Every version of the allocations that may bear on `q`.
void ReadAllocations(pqxx::transaction_base& tx, const std::string& codes, const Quarter& q,
                     Traffic& t) {
  for (const auto& r : tx.exec_prepared("in_allocations_of", codes, Day(q.Last()))) {
    auto s = StoredOf<Allocation>(r);
    Allocation& a = s.item;
    a.client = r[5].as<std::string>();
    a.number = r[6].as<int64_t>();
    a.reference = r[7].as<std::string>();
    a.product = {r[8].as<std::string>(), r[9].as<std::string>()};
    a.allocated_on = ToDay(r[10]);
    a.allocated_at = r[11].as<std::string>();
    a.starts_on = ToDay(r[12]);
    a.ends_on = ToOptionalDay(r[13]);
    a.change_reason = r[14].as<std::string>();
    a.volume = ToOptionalInt(r[15]);
    a.unit = r[16].as<std::string>();
    a.frequency = r[17].as<std::string>();
    a.budget_cents = ToOptionalInt(r[18]);
    t.allocations.push_back(std::move(s));
  }
}

// The start (305) and stop (307) lines that began by the end of `q`.
void ReadCareLines(pqxx::transaction_base& tx, const std::string& codes, const Quarter& q,
                   Traffic& t) {
  for (int type : {305, 307}) {
    for (const auto& r : tx.exec_prepared("in_care_lines_of", codes, type, Day(q.Last()))) {
      auto s = StoredOf<CareLine>(r);
      CareLine& l = s.item;
      l.client = r[5].as<std::string>();
      l.number = r[6].as<int64_t>();
      l.product = {r[7].as<std::string>(), r[8].as<std::string>()};
      l.begins_on = ToDay(r[9]);
      l.ends_on = ToOptionalDay(r[10]);
      l.end_reason = r[11].as<std::string>();
      l.status = r[12].as<int>();
      (type == 305 ? t.starts : t.stops).push_back(std::move(s));
    }
  }
}

// The claim lines of `q`'s months.
void ReadClaimLines(pqxx::transaction_base& tx, const std::string& codes, const Quarter& q,
                    Traffic& t) {
  for (const auto& r :
       tx.exec_prepared("in_claim_lines_of", codes, Day(q.First()), Day(q.Last()))) {
    auto s = StoredOf<StoredClaimLine>(r);
    s.item.claim_number = r[5].as<std::string>();
    ClaimLine& l = s.item.line;
    l.client = r[6].as<std::string>();
    l.reference = r[7].as<std::string>();
    l.previous_reference = r[8].as<std::string>();
    l.number = r[9].as<int64_t>();
    l.product = {r[10].as<std::string>(), r[11].as<std::string>()};
    l.from = ToDay(r[12]);
    l.to = ToDay(r[13]);
    l.volume = r[14].as<int64_t>();
    l.unit = r[15].as<std::string>();
    l.tariff_cents = ToOptionalInt(r[16]);
    l.amount_cents = r[17].as<int64_t>();
    t.claim_lines.push_back(std::move(s));
  }
}

}  // namespace

PgInsightStore::PgInsightStore(platform::Pool& pool)
    : pool_(pool),
      directory_(registry::MakeDirectory(pool)),
      contracts_(contracts::MakeContractDirectory(pool)) {
  pool_.AddStatements(Statements());
}

absl::StatusOr<std::vector<bool>> PgInsightStore::Save(const platform::RequestInfo& r,
                                                       const std::vector<ParsedFile>& files,
                                                       int key_version) {
  std::vector<bool> stored;
  OZJT_RETURN_IF_ERROR(pool_.Write(r.deadline, [&](pqxx::work& tx) {
    stored.assign(files.size(), false);
    nlohmann::json names = nlohmann::json::array();
    int64_t first_id = 0;
    for (size_t i = 0; i < files.size(); ++i) {
      const Header& h = files[i].message.header;
      const pqxx::result id = tx.exec_prepared(
          "in_message", Code(h.law), h.type, h.sender, h.identification, Day(h.dated),
          h.Municipality(), h.Agb(), files[i].file_name, key_version, r.caller.subject);
      if (id.empty()) continue;  // imported before
      stored[i] = true;
      const int64_t message_id = id[0][0].as<int64_t>();
      if (first_id == 0) first_id = message_id;
      InsertItems(tx, message_id, files[i].message);
      names.push_back(
          {{"id", message_id},
           {"file", files[i].file_name},
           {"message", absl::StrCat(Code(h.law), h.type, " ", h.sender, " ", h.identification)}});
    }
    if (!names.empty()) {
      platform::WriteAudit(
          tx, r,
          {"insight_import", std::to_string(first_id), "",
           nlohmann::json{{"key_version", key_version}, {"messages", names}}.dump()});
    }
    return absl::OkStatus();
  }));
  return stored;
}

absl::StatusOr<bool> PgInsightStore::AnyMessage(platform::Deadline d) {
  bool any = false;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    any = tx.exec_prepared1("in_any_message")[0].as<bool>();
    return absl::OkStatus();
  }));
  return any;
}

absl::StatusOr<Traffic> PgInsightStore::TrafficOf(platform::Deadline d,
                                                  const std::vector<std::string>& municipalities,
                                                  const Quarter& quarter) {
  Traffic t;
  const std::string codes = CodeArray(municipalities);
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    ReadAllocations(tx, codes, quarter, t);
    ReadCareLines(tx, codes, quarter, t);
    ReadClaimLines(tx, codes, quarter, t);
    for (const auto& r : tx.exec_prepared("in_answers_of", codes)) {
      t.answered.insert({r[0].as<std::string>(), ToLaw(r[1]), r[2].as<std::string>()});
    }
    for (const auto& r : tx.exec_prepared("in_rejections_of", codes)) {
      t.rejected.insert({r[0].as<std::string>(), ToLaw(r[1]), r[2].as<std::string>()});
    }
    return absl::OkStatus();
  }));
  return t;
}

}  // namespace ozjt::insight
