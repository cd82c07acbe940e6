#include "services/insight/pg_store.h"

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/audit.h"
#include "services/platform/status.h"

namespace ozjt::insight {
namespace {

const std::vector<std::pair<std::string, std::string>>& Statements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      // A group's messages, each stored once: those already there are not returned.
      {"in_messages", R"sql(
        INSERT INTO insight.message (law, type, sender, identification, dated, municipality_code,
                                     agb_code, file_name, key_version, imported_by)
        SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::date[],
                             $6::bpchar[], $7::bpchar[], $8::text[], $9::int[], $10::text[])
        ON CONFLICT (law, type, sender, identification) DO NOTHING
        RETURNING id, law, type, sender, identification)sql"},
      {"in_any_message", "SELECT EXISTS (SELECT 1 FROM insight.message)"},
      // The items of a group's messages, one statement per table (arrays of equal length).
      {"in_allocations", R"sql(
        INSERT INTO insight.allocation (message_id, municipality_code, client, number, reference,
          category, code, allocated_on, allocated_at, starts_on, ends_on, change_reason, volume,
          unit, frequency, budget_cents)
        SELECT * FROM unnest($1::bigint[], $2::bpchar[], $3::text[], $4::bigint[], $5::text[],
          $6::text[], $7::text[], $8::date[], $9::text[], $10::date[], $11::date[], $12::text[],
          $13::bigint[], $14::text[], $15::text[], $16::bigint[]))sql"},
      {"in_care_lines", R"sql(
        INSERT INTO insight.care_line (message_id, municipality_code, kind, client, number,
                                       category, code, begins_on, ends_on, end_reason, status)
        SELECT * FROM unnest($1::bigint[], $2::bpchar[], $3::text[], $4::text[], $5::bigint[],
          $6::text[], $7::text[], $8::date[], $9::date[], $10::text[], $11::int[]))sql"},
      {"in_requests", R"sql(
        INSERT INTO insight.request (message_id, client, reference, category, code, starts_on)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
          $6::date[]))sql"},
      {"in_claims", R"sql(
        INSERT INTO insight.claim (message_id, number, period_from, period_to, total_cents)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::date[], $4::date[], $5::bigint[]))sql"},
      {"in_claim_lines", R"sql(
        INSERT INTO insight.claim_line (message_id, municipality_code, client, reference,
          previous_reference, number, category, code, period_from, period_to, volume, unit,
          tariff_cents, amount_cents)
        SELECT * FROM unnest($1::bigint[], $2::bpchar[], $3::text[], $4::text[], $5::text[],
          $6::bigint[], $7::text[], $8::text[], $9::date[], $10::date[], $11::bigint[],
          $12::text[], $13::bigint[], $14::bigint[]))sql"},
      {"in_claim_answers", R"sql(
        INSERT INTO insight.claim_answer (message_id, municipality_code, dated, number,
                                          declared_cents, granted_cents)
        SELECT * FROM unnest($1::bigint[], $2::bpchar[], $3::date[], $4::text[], $5::bigint[],
          $6::bigint[]))sql"},
      // Return codes joined with ',' (four letters or digits each).
      {"in_rejected_lines", R"sql(
        INSERT INTO insight.rejected_line (message_id, municipality_code, dated, reference, codes)
        SELECT id, municipality, dated, reference, string_to_array(codes, ',')
          FROM unnest($1::bigint[], $2::bpchar[], $3::date[], $4::text[], $5::text[])
            AS t (id, municipality, dated, reference, codes))sql"},
      // Every version of the allocations that may bear on a quarter ending on $2.
      {"in_allocations_of", R"sql(
        SELECT m.id, m.municipality_code, m.agb_code, m.law, m.dated, a.client, a.number,
               a.reference, a.category, a.code, a.allocated_on, a.allocated_at, a.starts_on,
               a.ends_on, a.change_reason, a.volume, a.unit, a.frequency, a.budget_cents
          FROM insight.allocation a JOIN insight.message m ON m.id = a.message_id
         WHERE a.municipality_code = ANY($1::text[]::bpchar[]) AND a.starts_on <= $2::date)sql"},
      {"in_care_lines_of", R"sql(
        SELECT m.id, m.municipality_code, m.agb_code, m.law, m.dated, c.client, c.number,
               c.category, c.code, c.begins_on, c.ends_on, c.end_reason, c.status
          FROM insight.care_line c JOIN insight.message m ON m.id = c.message_id
         WHERE c.municipality_code = ANY($1::text[]::bpchar[]) AND c.kind = $2
           AND c.begins_on <= $3::date)sql"},
      {"in_claim_lines_of", R"sql(
        SELECT m.id, m.municipality_code, m.agb_code, m.law, m.dated, k.number, l.client,
               l.reference, l.previous_reference, l.number, l.category, l.code, l.period_from,
               l.period_to, l.volume, l.unit, l.tariff_cents, l.amount_cents
          FROM insight.claim_line l JOIN insight.message m ON m.id = l.message_id
          JOIN insight.claim k ON k.message_id = l.message_id
         WHERE l.municipality_code = ANY($1::text[]::bpchar[])
           AND l.period_from BETWEEN $2::date AND $3::date)sql"},
      // Answers come after their claims: those dated from the quarter's first day on.
      {"in_answers_of", R"sql(
        SELECT m.agb_code, m.law, a.number
          FROM insight.claim_answer a JOIN insight.message m ON m.id = a.message_id
         WHERE a.municipality_code = ANY($1::text[]::bpchar[]) AND a.dated >= $2::date)sql"},
      {"in_rejections_of", R"sql(
        SELECT m.agb_code, m.law, r.reference
          FROM insight.rejected_line r JOIN insight.message m ON m.id = r.message_id
         WHERE r.municipality_code = ANY($1::text[]::bpchar[]) AND r.dated >= $2::date)sql"},
  };
  return kStatements;
}

// The spending ceilings' statements.
const std::vector<std::pair<std::string, std::string>>& CeilingStatements() {
  static const std::vector<std::pair<std::string, std::string>> kStatements = {
      // Spending ceilings: one per contract, provider, municipality and year; setting it again
      // changes the amount and start day and keeps the steps. Returns the row and the row
      // before ('' when new), for the audit.
      {"in_save_ceiling", R"sql(
        WITH before AS (
          SELECT * FROM insight.spending_ceiling
           WHERE contract_id = $1 AND provider_id = $2 AND municipality_code = $3 AND year = $4)
        INSERT INTO insight.spending_ceiling (contract_id, provider_id, municipality_code, year,
                                              starts_on, amount_cents)
        VALUES ($1, $2, $3, $4, $5::date, $6)
        ON CONFLICT (contract_id, provider_id, municipality_code, year)
        DO UPDATE SET starts_on = EXCLUDED.starts_on, amount_cents = EXCLUDED.amount_cents
        RETURNING id, coalesce((SELECT row_to_json(b)::text FROM before b), ''))sql"},
      {"in_ceiling", R"sql(
        SELECT id, contract_id, provider_id, municipality_code, year, starts_on, amount_cents,
               notified_on, consulted_on, decided_on
          FROM insight.spending_ceiling WHERE id = $1)sql"},
      {"in_ceilings", R"sql(
        SELECT id, contract_id, provider_id, municipality_code, year, starts_on, amount_cents,
               notified_on, consulted_on, decided_on
          FROM insight.spending_ceiling
         WHERE year = $1 AND (cardinality($2::text[]) = 0
                              OR municipality_code = ANY($2::text[]::bpchar[]))
         ORDER BY municipality_code, contract_id, provider_id)sql"},
      // Only when the steps are still as read ($2-$4); 0 rows: someone else recorded one.
      {"in_save_steps", R"sql(
        UPDATE insight.spending_ceiling
           SET notified_on = NULLIF($5, '')::date, consulted_on = NULLIF($6, '')::date,
               decided_on = NULLIF($7, '')::date
         WHERE id = $1 AND notified_on IS NOT DISTINCT FROM NULLIF($2, '')::date
           AND consulted_on IS NOT DISTINCT FROM NULLIF($3, '')::date
           AND decided_on IS NOT DISTINCT FROM NULLIF($4, '')::date)sql"},
  };
  return kStatements;
}

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

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

// A column of a bulk insert: a PostgreSQL array literal, every text quoted, NULL unquoted.
class ArrayColumn {
 public:
  void Add(absl::string_view v) {
    Next();
    out_ += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
  }
  void Add(const std::string& v) { Add(absl::string_view(v)); }
  void Add(const char* v) { Add(absl::string_view(v)); }
  void Add(int64_t v) {
    Next();
    absl::StrAppend(&out_, v);
  }
  void Add(int v) { Add(static_cast<int64_t>(v)); }
  void Add(absl::CivilDay d) {
    Next();
    out_ += Day(d);
  }
  template <typename T>
  void Add(const std::optional<T>& v) {
    if (v) {
      Add(*v);
    } else {
      Next();
      out_ += "NULL";
    }
  }
  std::string Literal() const { return absl::StrCat("{", out_, "}"); }

 private:
  void Next() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

// The rows of one table of a group, column by column.
template <size_t N>
class Rows {
 public:
  template <typename... T>
  void Add(const T&... values) {
    static_assert(sizeof...(T) == N);
    size_t i = 0;
    (columns_[i++].Add(values), ...);
    ++count_;
  }
  // Runs `statement` with the columns as its parameters, when there is any row.
  void Insert(pqxx::work& tx, const char* statement) const {
    if (count_ > 0) Run(tx, statement);
  }
  pqxx::result Run(pqxx::work& tx, const char* statement) const {
    return Exec(tx, statement, std::make_index_sequence<N>());
  }

 private:
  template <size_t... I>
  pqxx::result Exec(pqxx::work& tx, const char* statement, std::index_sequence<I...>) const {
    return tx.exec_prepared(statement, columns_[I].Literal()...);
  }
  std::array<ArrayColumn, N> columns_;
  size_t count_ = 0;
};

// The items of a group's stored messages, table by table.
struct GroupItems {
  Rows<16> allocations;
  Rows<11> care_lines;
  Rows<6> requests;
  Rows<5> claims;
  Rows<14> claim_lines;
  Rows<6> answers;
  Rows<5> rejected;

  void Add(int64_t id, const Message& m) {
    const std::string& where = m.header.Municipality();
    for (const Allocation& a : m.allocations) {
      allocations.Add(id, where, a.client, a.number, a.reference, a.product.category,
                      a.product.code, a.allocated_on, a.allocated_at, a.starts_on, a.ends_on,
                      a.change_reason, a.volume, a.unit, a.frequency, a.budget_cents);
    }
    for (const auto* lines : {&m.starts, &m.stops}) {
      for (const CareLine& l : *lines) {
        care_lines.Add(id, where, lines == &m.starts ? "start" : "stop", l.client, l.number,
                       l.product.category, l.product.code, l.begins_on, l.ends_on, l.end_reason,
                       l.status);
      }
    }
    for (const Request& q : m.requests) {
      requests.Add(id, q.client, q.reference, q.product.category, q.product.code, q.starts_on);
    }
    if (m.claim) AddClaim(id, where, *m.claim);
    if (m.answer) {
      answers.Add(id, where, m.header.dated, m.answer->number, m.answer->declared_cents,
                  m.answer->granted_cents);
      for (const auto& r : m.answer->rejected) {
        rejected.Add(id, where, m.header.dated, r.reference, absl::StrJoin(r.codes, ","));
      }
    }
  }

  void AddClaim(int64_t id, const std::string& where, const Claim& c) {
    claims.Add(id, c.number, c.period_from, c.period_to, c.total_cents);
    for (const ClaimLine& l : c.lines) {
      claim_lines.Add(id, where, l.client, l.reference, l.previous_reference, l.number,
                      l.product.category, l.product.code, l.from, l.to, l.volume, l.unit,
                      l.tariff_cents, l.amount_cents);
    }
  }

  void Insert(pqxx::work& tx) const {
    allocations.Insert(tx, "in_allocations");
    care_lines.Insert(tx, "in_care_lines");
    requests.Insert(tx, "in_requests");
    claims.Insert(tx, "in_claims");
    claim_lines.Insert(tx, "in_claim_lines");
    answers.Insert(tx, "in_claim_answers");
    rejected.Insert(tx, "in_rejected_lines");
  }
};

using MessageKey = std::tuple<std::string, int, std::string, std::string>;

MessageKey KeyOf(const Header& h) { return {Code(h.law), h.type, h.sender, h.identification}; }

// Every version of the allocations that may bear on `q`.
void ReadAllocations(pqxx::transaction_base& tx, const std::string& codes, const Period& q,
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
void ReadCareLines(pqxx::transaction_base& tx, const std::string& codes, const Period& q,
                   Traffic& t) {
  for (const char* kind : {"start", "stop"}) {
    for (const auto& r : tx.exec_prepared("in_care_lines_of", codes, kind, Day(q.Last()))) {
      auto s = StoredOf<CareLine>(r);
      CareLine& l = s.item;
      l.client = r[5].as<std::string>();
      l.number = r[6].as<int64_t>();
      l.product = {r[7].as<std::string>(), r[8].as<std::string>()};
      l.begins_on = ToDay(r[9]);
      l.ends_on = ToOptionalDay(r[10]);
      l.end_reason = r[11].as<std::string>();
      l.status = r[12].as<int>();
      (std::string(kind) == "start" ? t.starts : t.stops).push_back(std::move(s));
    }
  }
}

// The claim lines of `q`'s months.
void ReadClaimLines(pqxx::transaction_base& tx, const std::string& codes, const Period& q,
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
  pool_.AddStatements(CeilingStatements());
}

absl::StatusOr<std::vector<bool>> PgInsightStore::Save(const platform::RequestInfo& r,
                                                       const std::vector<ParsedFile>& files,
                                                       int key_version) {
  Rows<10> messages;
  for (const ParsedFile& f : files) {
    const Header& h = f.message.header;
    messages.Add(Code(h.law), h.type, h.sender, h.identification, h.dated, h.Municipality(),
                 h.Agb(), f.file_name, key_version, r.caller.subject);
  }
  std::vector<bool> stored;
  OZJT_RETURN_IF_ERROR(pool_.Write(r.deadline, [&](pqxx::work& tx) {
    stored.assign(files.size(), false);
    // The messages stored now, by key; a key given twice in the group is stored for the first.
    std::map<MessageKey, int64_t> ids;
    for (const auto& row : messages.Run(tx, "in_messages")) {
      ids[{row[1].as<std::string>(), row[2].as<int>(), row[3].as<std::string>(),
           row[4].as<std::string>()}] = row[0].as<int64_t>();
    }
    GroupItems items;
    nlohmann::json names = nlohmann::json::array();
    int64_t first_id = 0;
    for (size_t i = 0; i < files.size(); ++i) {
      const Header& h = files[i].message.header;
      auto it = ids.find(KeyOf(h));
      if (it == ids.end()) continue;  // imported before (or earlier in this group)
      const int64_t id = it->second;
      ids.erase(it);
      stored[i] = true;
      if (first_id == 0 || id < first_id) first_id = id;
      items.Add(id, files[i].message);
      names.push_back(
          {{"id", id},
           {"file", files[i].file_name},
           {"message", absl::StrCat(Code(h.law), h.type, " ", h.sender, " ", h.identification)}});
    }
    items.Insert(tx);
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

namespace {

SpendingCeiling CeilingOf(const pqxx::row& r) {
  SpendingCeiling c;
  c.id = r[0].as<int64_t>();
  c.contract_id = r[1].as<int64_t>();
  c.provider_id = r[2].as<int64_t>();
  c.municipality = r[3].as<std::string>();
  c.year = r[4].as<int>();
  c.starts_on = ToDay(r[5]);
  c.amount_cents = r[6].as<int64_t>();
  c.notified_on = ToOptionalDay(r[7]);
  c.consulted_on = ToOptionalDay(r[8]);
  c.decided_on = ToOptionalDay(r[9]);
  return c;
}

std::string DayOrEmpty(const std::optional<absl::CivilDay>& d) { return d ? Day(*d) : ""; }

nlohmann::json CeilingJson(const SpendingCeiling& c) {
  return {{"contract_id", c.contract_id},
          {"provider_id", c.provider_id},
          {"municipality_code", c.municipality},
          {"year", c.year},
          {"starts_on", Day(c.starts_on)},
          {"amount_cents", c.amount_cents},
          {"notified_on", DayOrEmpty(c.notified_on)},
          {"consulted_on", DayOrEmpty(c.consulted_on)},
          {"decided_on", DayOrEmpty(c.decided_on)}};
}

}  // namespace

absl::StatusOr<SpendingCeiling> PgInsightStore::SaveCeiling(const platform::RequestInfo& r,
                                                            const SpendingCeiling& c) {
  int64_t id = 0;
  OZJT_RETURN_IF_ERROR(pool_.Write(r.deadline, [&](pqxx::work& tx) {
    const pqxx::row row =
        tx.exec_prepared1("in_save_ceiling", c.contract_id, c.provider_id, c.municipality, c.year,
                          Day(c.starts_on), c.amount_cents);
    id = row[0].as<int64_t>();
    const SpendingCeiling stored = CeilingOf(tx.exec_prepared1("in_ceiling", id));
    platform::WriteAudit(tx, r,
                         {"spending_ceiling", std::to_string(id), row[1].as<std::string>(),
                          CeilingJson(stored).dump()});
    return absl::OkStatus();
  }));
  return Ceiling(r.deadline, id);
}

absl::Status PgInsightStore::SaveSteps(const platform::RequestInfo& r,
                                       const SpendingCeiling& before,
                                       const SpendingCeiling& after) {
  return pool_.Write(r.deadline, [&](pqxx::work& tx) -> absl::Status {
    const pqxx::result done = tx.exec_prepared(
        "in_save_steps", after.id, DayOrEmpty(before.notified_on), DayOrEmpty(before.consulted_on),
        DayOrEmpty(before.decided_on), DayOrEmpty(after.notified_on),
        DayOrEmpty(after.consulted_on), DayOrEmpty(after.decided_on));
    if (done.affected_rows() == 0) {
      return platform::WithDutch(
          absl::AbortedError("the ceiling's steps changed since they were read; read it again"),
          "Iemand anders heeft intussen een stap van deze bestedingsruimte vastgelegd. Laad "
          "opnieuw en probeer het nog eens.");
    }
    platform::WriteAudit(tx, r,
                         {"spending_ceiling", std::to_string(after.id), CeilingJson(before).dump(),
                          CeilingJson(after).dump()});
    return absl::OkStatus();
  });
}

absl::StatusOr<SpendingCeiling> PgInsightStore::Ceiling(platform::Deadline d, int64_t id) {
  std::optional<SpendingCeiling> c;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    const pqxx::result rows = tx.exec_prepared("in_ceiling", id);
    if (!rows.empty()) c = CeilingOf(rows[0]);
    return absl::OkStatus();
  }));
  if (!c) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("spendingCeilings/", id, " does not exist")),
        absl::StrCat("Bestedingsruimte ", id, " bestaat niet."));
  }
  return *c;
}

absl::StatusOr<std::vector<SpendingCeiling>> PgInsightStore::Ceilings(
    platform::Deadline d, int year, const std::vector<std::string>& municipalities) {
  std::vector<SpendingCeiling> out;
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    out.clear();
    for (const auto& r : tx.exec_prepared("in_ceilings", year, CodeArray(municipalities))) {
      out.push_back(CeilingOf(r));
    }
    return absl::OkStatus();
  }));
  return out;
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
                                                  const Period& quarter) {
  Traffic t;
  const std::string codes = CodeArray(municipalities);
  OZJT_RETURN_IF_ERROR(pool_.Read(d, [&](pqxx::transaction_base& tx) {
    t = Traffic();
    ReadAllocations(tx, codes, quarter, t);
    ReadCareLines(tx, codes, quarter, t);
    ReadClaimLines(tx, codes, quarter, t);
    for (const auto& r : tx.exec_prepared("in_answers_of", codes, Day(quarter.First()))) {
      t.answered.insert({r[0].as<std::string>(), ToLaw(r[1]), r[2].as<std::string>()});
    }
    for (const auto& r : tx.exec_prepared("in_rejections_of", codes, Day(quarter.First()))) {
      t.rejected.insert({r[0].as<std::string>(), ToLaw(r[1]), r[2].as<std::string>()});
    }
    return absl::OkStatus();
  }));
  return t;
}

}  // namespace ozjt::insight
