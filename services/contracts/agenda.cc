#include "services/contracts/agenda.h"

#include "absl/strings/str_cat.h"

namespace ozjt::contracts {
namespace {

AgendaItem Item(const Contract& c, Day date, AgendaKind kind, std::string summary,
                std::string subject = "") {
  return {date,
          kind,
          c.id,
          c.reference,
          c.title,
          static_cast<int>(c.family),
          c.provider_ids,
          std::move(summary),
          std::move(subject)};
}

bool In(Day d, Day from, Day to) { return agenda::InWindow(d, from, to); }

}  // namespace

std::vector<AgendaItem> ContractAgenda(const Contract& c, Day from, Day to, Day today) {
  std::vector<AgendaItem> out;
  const ContractStatus status = c.EffectiveStatus(today);
  if (status != ContractStatus::kActive && status != ContractStatus::kAwarded) return out;
  if (const ExtensionOption* next = c.NextOption()) {
    const Day deadline = c.OptionNoticeDeadline(*next, c.end_date);
    if (In(deadline, from, to)) {
      out.push_back(Item(
          c, deadline, AgendaKind::kNoticeDeadline,
          absl::StrCat("Laatste dag om optie ", next->number, " (verlenging ", next->length_months,
                       " maanden", next->unilateral ? "" : ", met instemming aanbieder",
                       ") aan te zeggen; zonder tijdige aanzegging eindigt het "
                       "contract op ",
                       DutchDay(c.end_date))));
    }
  }
  if (In(c.end_date, from, to)) {
    out.push_back(Item(c, c.end_date, AgendaKind::kContractEnd,
                       c.NextOption() ? "Einde looptijd (verlengingsoptie nog beschikbaar)"
                                      : "Einde looptijd; geen verlengingsoptie meer"));
  }
  return out;
}

std::vector<AgendaItem> LegalAgenda(const Contract& c, const LegalStep& s, Day from, Day to) {
  std::vector<AgendaItem> out;
  if (!s.deadline || !In(*s.deadline, from, to)) return out;
  const std::string subject = absl::StrCat("legalSteps/", s.id);
  if (s.kind == LegalStepKind::kIngebrekestelling && !s.remedied) {
    out.push_back(Item(c, *s.deadline, AgendaKind::kLegalDeadline,
                       absl::StrCat("Termijn ingebrekestelling van ", DutchDay(s.date),
                                    " verloopt; daarna is de aanbieder in verzuim"),
                       subject));
  } else if (s.kind == LegalStepKind::kHerstelsanctie) {
    out.push_back(Item(c, *s.deadline, AgendaKind::kLegalDeadline,
                       absl::StrCat("Termijn herstelsanctie van ", DutchDay(s.date), " verloopt"),
                       subject));
  }
  return out;
}

std::vector<AgendaItem> FloorAgenda(const Contract& c, const TariffLine& line, Day from, Day to) {
  if (!In(line.valid_from, from, to)) return {};
  return {Item(c, line.valid_from, AgendaKind::kTariffBelowFloor,
               absl::StrCat("Tarief ", line.product_code, " (", line.description,
                            ") ligt onder de reële prijs"),
               absl::StrCat("tariffLines/", line.id))};
}

}  // namespace ozjt::contracts
