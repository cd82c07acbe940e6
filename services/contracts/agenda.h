// The contracts service's items on the agenda (services/agenda), pure: notice deadlines of the
// next option and ends of term, legal steps (term of a notice of default, herstelsanctie) and
// tariff lines below their floor. due_items_impl.cc finds their candidates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "services/agenda/agenda.h"
#include "services/contracts/contract.h"
#include "services/contracts/legal.h"
#include "services/contracts/tariff.h"
#include "services/contracts/term.h"

namespace ozjt::contracts {

using agenda::AgendaItem;
using agenda::AgendaKind;
using agenda::SortAgenda;

// Items of one contract in [from, to]: the notice deadline of its next option and its end
// of term, while it is awarded or active on `today`.
std::vector<AgendaItem> ContractAgenda(const Contract& c, Day from, Day to, Day today);

// The deadline of a legal step in [from, to]: a notice of default not yet remedied, or a
// herstelsanction.
std::vector<AgendaItem> LegalAgenda(const Contract& c, const LegalStep& s, Day from, Day to);

// A tariff line below its floor, on its first day if that lies in [from, to].
std::vector<AgendaItem> FloorAgenda(const Contract& c, const TariffLine& line, Day from, Day to);

}  // namespace ozjt::contracts
