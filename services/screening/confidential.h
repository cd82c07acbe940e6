// What of a screening case is confidential (art. 28 Wet Bibob), in one place for every service
// that shows it: the entity type of its audit records, the roles that may read its content
// (the screening service's GetCase and ListCases allow exactly these), and the audit record
// each read writes. The audit log withholds these records' content from every other role
// (services/audit/audit_log.h):
//
//   const MethodPolicy kGetCase = Policy("GetCase", kCaseContentReaders);
//   WriteAudit(tx, request, {kCaseReadEntityType, case_id, "", R"({"read": "case"})"});
#pragma once

#include <vector>

#include "services/platform/auth.h"

namespace ozjt::screening {

// The entity type of a case's audit records; their before/after hold the whole case
// (evidence, assessments, Bibob advice, hearing, decision and its reasons).
inline constexpr char kCaseEntityType[] = "screening_case";

// The entity type of the audit record a read of case content writes (who, which case, how).
inline constexpr char kCaseReadEntityType[] = "screening_case.read";

// Who reads case content: screening officers (who also write it) and auditors. Nobody else,
// not even admin.
inline const std::vector<platform::Role> kCaseContentReaders = {platform::Role::kScreeningOfficer,
                                                                platform::Role::kAuditor};

}  // namespace ozjt::screening
