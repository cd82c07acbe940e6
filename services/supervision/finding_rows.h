// How findings are stored (migration 0019): each one a row of supervision.finding, the
// investigation's body with "findings": []. The SQL shared by every statement that reads
// investigations (pg_store.cc, due_items_impl.cc), so that each reads them alike:
//
//   SELECT i.id, i.version, i.body::text, " + kFindingsJsonSql + " FROM supervision.investigation i
//   InvestigationFromJson(body, findings)
#pragma once

#include <string>

namespace ozjt::supervision {

// The finding rows of investigation row `i` as one JSON array text, ordered by number. Text
// joined from the rows' text: building one jsonb of the body and its findings and printing it
// took twice as long (767 investigations that may escalate, national dataset: 43 ms, against
// 25 ms this way and 18 ms for the bodies alone).
inline const std::string kFindingsJsonSql =
    R"sql((SELECT '[' || coalesce(string_agg(f.body::text, ',' ORDER BY f.number), '') || ']'
            FROM supervision.finding f WHERE f.investigation_id = i.id))sql";

// The ids of the investigations with an unresolved critical finding (possibly repeated), from
// the partial index finding_open_critical_idx.
inline const std::string kOpenCriticalSql = R"sql(SELECT f.investigation_id
          FROM supervision.finding f WHERE f.severity = 'critical' AND NOT f.resolved)sql";

}  // namespace ozjt::supervision
