// The agenda: every action due in a window of days, from contracts (notice deadlines of the
// next option, ends of term), legal steps (term of a notice of default, herstelsanctie) and
// tariff lines below their floor. Later services add their own kinds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/tariff.h"
#include "services/contracts/term.h"

namespace ozjt::contracts {

enum class AgendaKind {
  kUnspecified,
  kNoticeDeadline,
  kContractEnd,
  kLegalDeadline,
  kTariffBelowFloor,
  kRecoveryPlanDue,
  kEvidenceDue,
  kSupervisionAction,
  kReinspection,
  kSupervisionSignal,
  kCalamityMeasures
};

// An open continuity case whose recovery plan is due (from the account-holding-region service).
struct RecoveryPlanDue {
  int64_t case_id = 0;
  int64_t provider_id = 0;
  std::string provider_name;
  int step = 0;
  Day due;
};

// Evidence asked of a provider in an open screening case, not yet received (from the
// screening service; shown to screening officers and auditors only).
struct EvidenceDue {
  int64_t case_id = 0;
  int64_t provider_id = 0;
  std::string provider_name;
  std::string item_code;
  std::string item_title;
  Day due;
};

struct AgendaItem {
  Day date;
  AgendaKind kind = AgendaKind::kUnspecified;
  int64_t contract_id = 0;
  std::string contract_reference;
  std::string contract_title;
  ContractFamily family = ContractFamily::kUnspecified;
  std::vector<int64_t> provider_ids;
  std::string summary;  // Dutch
  std::string subject;  // "legalSteps/4", "tariffLines/9" or ""
};

// Items of one contract in [from, to]: the notice deadline of its next option and its end
// of term, while it is awarded or active on `today`.
std::vector<AgendaItem> ContractAgenda(const Contract& c, Day from, Day to, Day today);

// The deadline of a legal step in [from, to]: a notice of default not yet remedied, or a
// herstelsanction.
std::vector<AgendaItem> LegalAgenda(const Contract& c, const LegalStep& s, Day from, Day to);

// A tariff line below its floor, on its first day if that lies in [from, to].
std::vector<AgendaItem> FloorAgenda(const Contract& c, const TariffLine& line, Day from, Day to);

// The due date of a continuity case's recovery plan, if in [from, to].
std::vector<AgendaItem> RecoveryPlanAgenda(const RecoveryPlanDue& plan, Day from, Day to);

// The deadline of a screening evidence request, if in [from, to].
std::vector<AgendaItem> EvidenceAgenda(const EvidenceDue& e, Day from, Day to);

// By date, then kind, then contract reference.
void SortAgenda(std::vector<AgendaItem>& items);

}  // namespace ozjt::contracts
