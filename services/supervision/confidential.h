// What of an investigation is confidential, in one place for every service that shows it: the
// entity type of its audit records, the roles that may read its finding details (the
// supervision service shows them to exactly these), and the audit record each read writes.
// The audit log withholds these records' content from every other role
// (services/audit/audit_log.h):
//
//   const MethodPolicy kListEscalations = Policy("ListEscalations", kInvestigationContentReaders);
//   WriteAudit(tx, request, {kFindingReadEntityType, investigation_id, "", what_json});
#pragma once

#include <vector>

#include "services/platform/auth.h"

namespace ozjt::supervision {

// The entity type of an investigation's audit records; their before/after hold the whole
// investigation (findings with what was observed and the evidence, improvement plans, the
// municipal request), or, for a finding added (CreateFinding), that finding and the fields it
// changed ({"finding": ...}): a finding's record is of this type too, so it is withheld alike.
inline constexpr char kInvestigationEntityType[] = "investigation";

// The entity type of the audit record a read of finding details writes.
inline constexpr char kFindingReadEntityType[] = "finding.read";

// Who reads finding details: supervisors (who also write them), OZJT contract managers and
// auditors. A municipal contract manager sees only their own request's status and summary;
// admin sees nothing of it.
inline const std::vector<platform::Role> kInvestigationContentReaders = {
    platform::Role::kToezichthouder, platform::Role::kOzjtContractManager,
    platform::Role::kAuditor};

}  // namespace ozjt::supervision
