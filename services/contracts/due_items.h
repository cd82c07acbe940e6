// The contracts service's due items on the agenda (services/agenda): notice deadlines and ends
// of term, legal-step deadlines and tariff lines below their floor, from the schema
// "contracts" only. Public: the agenda's composition root includes this header.
#pragma once

#include <memory>

#include "services/agenda/agenda.h"

namespace ozjt::contracts {

class ContractStore;

// `store` must outlive the source.
std::unique_ptr<agenda::DueItemSource> MakeContractDueItems(ContractStore& store);

}  // namespace ozjt::contracts
