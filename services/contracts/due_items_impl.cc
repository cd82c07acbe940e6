// The contracts' DueItemSource: the store's candidates (ContractStore::Agenda) made into agenda
// items by the pure builders of agenda.h.
#include "services/contracts/agenda.h"
#include "services/contracts/due_items.h"
#include "services/contracts/store.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

class ContractDueItems final : public agenda::DueItemSource {
 public:
  explicit ContractDueItems(ContractStore& store) : store_(store) {}

  std::vector<agenda::AgendaKind> Kinds() const override {
    return {agenda::AgendaKind::kNoticeDeadline, agenda::AgendaKind::kContractEnd,
            agenda::AgendaKind::kLegalDeadline, agenda::AgendaKind::kTariffBelowFloor};
  }

  absl::StatusOr<std::vector<AgendaItem>> DueItems(const agenda::AgendaQuery& q,
                                                   platform::Deadline d) override {
    OZJT_ASSIGN_OR_RETURN(AgendaSource source, store_.Agenda(d, q));
    std::vector<AgendaItem> items;
    auto add = [&](std::vector<AgendaItem> more) {
      for (auto& i : more) items.push_back(std::move(i));
    };
    for (const auto& c : source.contracts) add(ContractAgenda(*c, q.from, q.to, q.today));
    for (const auto& [c, step] : source.legal_steps) add(LegalAgenda(c, step, q.from, q.to));
    for (const auto& [c, line] : source.below_floor) add(FloorAgenda(c, line, q.from, q.to));
    return items;
  }

 private:
  ContractStore& store_;
};

}  // namespace

std::unique_ptr<agenda::DueItemSource> MakeContractDueItems(ContractStore& store) {
  return std::make_unique<ContractDueItems>(store);
}

}  // namespace ozjt::contracts
