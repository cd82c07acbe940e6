#include "services/contracts/tariff.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

using platform::CodeName;
constexpr CodeName<TariffLaw> kLaws[] = {{TariffLaw::kJeugdwet, "jeugdwet"},
                                         {TariffLaw::kWmo, "wmo"}};
constexpr CodeName<Variant> kVariants[] = {{Variant::kInspanningsgericht, "inspanningsgericht"},
                                           {Variant::kOutputgericht, "outputgericht"},
                                           {Variant::kTaakgericht, "taakgericht"}};

std::string LawName(TariffLaw law) { return law == TariffLaw::kWmo ? "Wmo" : "Jeugdwet"; }
std::string DomainName(ContractDomain d) {
  switch (d) {
    case ContractDomain::kJeugdwet:
      return "de Jeugdwet";
    case ContractDomain::kWmo:
      return "de Wmo";
    default:
      return "Jeugdwet en Wmo";
  }
}

}  // namespace

std::string Code(TariffLaw v) { return platform::CodeOf(kLaws, v); }
std::string Code(Variant v) { return platform::CodeOf(kVariants, v); }
std::optional<TariffLaw> ParseTariffLaw(absl::string_view c) {
  return platform::ParseCode(kLaws, c);
}
std::optional<Variant> ParseVariant(absl::string_view c) {
  return platform::ParseCode(kVariants, c);
}

absl::Status PrepareTariffLine(TariffLine& l, const TariffRefs& refs, const Contract& contract) {
  platform::FieldViolations v;
  l.product_code = std::string(absl::StripAsciiWhitespace(l.product_code));
  l.description = std::string(absl::StripAsciiWhitespace(l.description));
  if (l.law == TariffLaw::kUnspecified) {
    v.Add("line.law", "is required", "Kies de wet van de tariefregel: Jeugdwet of Wmo.");
  } else if ((contract.domain == ContractDomain::kJeugdwet && l.law != TariffLaw::kJeugdwet) ||
             (contract.domain == ContractDomain::kWmo && l.law != TariffLaw::kWmo)) {
    v.Add("line.law", absl::StrCat("the contract's domain is ", Code(contract.domain)),
          absl::StrCat("Contract ", contract.reference, " valt onder ", DomainName(contract.domain),
                       "; een tariefregel voor de ", LawName(l.law), " hoort er niet bij."));
  }
  if (l.variant == Variant::kUnspecified) {
    v.Add("line.variant", "is required",
          "Kies de uitvoeringsvariant: inspanningsgericht, outputgericht of taakgericht.");
  }
  if (l.law != TariffLaw::kUnspecified &&
      refs.categories.count({Code(l.law), l.product_category}) == 0) {
    v.Add(
        "line.product_category",
        absl::StrCat("'", l.product_category, "' is not a ", Code(l.law), " product category"),
        absl::StrCat("'", l.product_category, "' is geen productcategorie van de ", LawName(l.law),
                     l.law == TariffLaw::kWmo ? " (iWmo, bijvoorbeeld 02 begeleiding)."
                                              : " (iJw, bijvoorbeeld 45 ambulant)."));
  }
  const bool code_ok = !l.product_code.empty() && l.product_code.size() <= 5 &&
                       std::all_of(l.product_code.begin(), l.product_code.end(), [](char c) {
                         return absl::ascii_isalnum(static_cast<unsigned char>(c));
                       });
  if (!code_ok) {
    v.Add("line.product_code", "1 to 5 letters or digits",
          "De productcode bestaat uit 1 tot 5 letters of cijfers.");
  }
  if (l.description.empty() || l.description.size() > 200) {
    v.Add("line.description", "1 to 200 characters", "De omschrijving is 1 tot 200 tekens lang.");
  }
  if (refs.units.count(l.unit) == 0) {
    v.Add("line.unit", absl::StrCat("unknown unit '", l.unit, "' (WJ756)"),
          absl::StrCat("Eenheid '", l.unit,
                       "' bestaat niet; gebruik een code uit WJ756, bijvoorbeeld 04 (uur) of 14 "
                       "(etmaal)."));
  }
  if (l.amount_cents <= 0) {
    v.Add("line.amount_cents", "must be more than 0", "Het tarief moet meer dan € 0,00 zijn.");
  } else if (l.amount_cents > platform::kMaxAmountCents) {
    v.Add("line.amount_cents",
          absl::StrCat("must be at most ", platform::kMaxAmountCents, " cents"),
          absl::StrCat("Het tarief is ten hoogste ", platform::MaxAmountText(), "."));
  }
  for (size_t i = 0; i < l.municipality_codes.size(); ++i) {
    if (!contract.TakesPart(l.municipality_codes[i])) {
      v.Add(absl::StrCat("line.municipality_codes[", i, "]"),
            absl::StrCat(l.municipality_codes[i], " does not take part in the contract"),
            absl::StrCat("Gemeente ", l.municipality_codes[i], " neemt niet deel aan contract ",
                         contract.reference, "."));
    }
  }
  if (l.valid_to && *l.valid_to < l.valid_from) {
    v.Add("line.valid_to", "is before valid_from",
          absl::StrCat("De tariefregel eindigt (", DutchDay(*l.valid_to), ") voordat die ingaat (",
                       DutchDay(l.valid_from), ")."));
  }
  if (l.valid_from > contract.end_date) {
    v.Add("line.valid_from", "is after the contract's end date",
          absl::StrCat("De tariefregel gaat in (", DutchDay(l.valid_from),
                       ") na de einddatum van het contract (", DutchDay(contract.end_date), ")."));
  }
  if (l.index_year == 0) l.index_year = static_cast<int>(l.valid_from.year());
  if (l.index_year < 2000 || l.index_year > 2100) {
    v.Add("line.index_year", "must be from 2000 to 2100",
          "Het prijspeiljaar ligt tussen 2000 en 2100.");
  }
  std::sort(l.municipality_codes.begin(), l.municipality_codes.end());
  return v.ToStatus();
}

bool BelowFloor(const std::string& category, const std::string& code, int year,
                int64_t amount_cents, const std::vector<TariffFloor>& floors) {
  for (const auto& f : floors) {
    if (f.product_category == category && f.product_code == code && f.year == year) {
      return amount_cents < f.floor_cents;
    }
  }
  return false;
}

absl::Status ValidateFloor(const TariffFloor& f) {
  platform::FieldViolations v;
  if (f.product_category.size() != 2) {
    v.Add("floor.product_category", "a 2-digit category code",
          "De productcategorie is een code van 2 cijfers, bijvoorbeeld 01.");
  }
  if (f.product_code.empty() || f.product_code.size() > 5) {
    v.Add("floor.product_code", "1 to 5 characters", "De productcode is 1 tot 5 tekens lang.");
  }
  if (f.year < 2000 || f.year > 2100) {
    v.Add("floor.year", "must be from 2000 to 2100", "Het jaar ligt tussen 2000 en 2100.");
  }
  if (f.floor_cents <= 0) {
    v.Add("floor.floor_cents", "must be more than 0", "De reële prijs moet meer dan € 0,00 zijn.");
  } else if (f.floor_cents > platform::kMaxAmountCents) {
    v.Add("floor.floor_cents",
          absl::StrCat("must be at most ", platform::kMaxAmountCents, " cents"),
          absl::StrCat("De reële prijs is ten hoogste ", platform::MaxAmountText(), "."));
  }
  return v.ToStatus();
}

absl::StatusOr<IndexationPlan> PlanIndexation(const Contract& contract, int year,
                                              const std::vector<TariffLine>& lines,
                                              const std::vector<IndexFigure>& figures,
                                              const std::vector<TariffFloor>& floors) {
  if (year <= contract.BaseYear()) {
    return platform::WithDutch(
        absl::FailedPreconditionError(absl::StrCat("the tariffs of ", contract.BaseYear(),
                                                   " were agreed at award; index from ",
                                                   contract.BaseYear() + 1, " on")),
        absl::StrCat("De tarieven van ", contract.BaseYear(), " van contract ", contract.reference,
                     " zijn bij de gunning afgesproken; indexeren kan vanaf ",
                     contract.BaseYear() + 1, "."));
  }
  const bool first_year = year == contract.BaseYear() + 1;
  IndexationPlan plan;
  OZJT_ASSIGN_OR_RETURN(plan.index,
                        ComputeIndex(contract.index_weights, year, first_year, figures));
  const Day last_day(year - 1, 12, 31);
  const Day first_day(year, 1, 1);
  for (const TariffLine& line : lines) {
    if (!line.ValidOn(last_day) || line.index_year >= year) continue;
    PlannedLine p;
    p.current = line;
    p.next = line;
    p.next.id = 0;
    const std::optional<int64_t> indexed = IndexedAmount(line.amount_cents, plan.index.index);
    if (!indexed || *indexed <= 0 || *indexed > platform::kMaxAmountCents) {
      // Checked arithmetic: a tariff that would leave the accepted range (or one stored before
      // the bound existed) stops the whole indexation; nothing is written.
      return platform::WithDutch(
          absl::FailedPreconditionError(
              absl::StrCat("indexing tariff line ", line.id, " (", line.amount_cents, " cents) by ",
                           FormatHundredths(plan.index.index), "% leaves the range 1..",
                           platform::kMaxAmountCents, " cents; correct the tariff line first")),
          absl::StrCat("Het tarief van ", line.product_code, " (", line.description, ", ",
                       FormatEuro(line.amount_cents), ") komt met een index van ",
                       DutchPercent(plan.index.index), " buiten het toegestane bereik (meer dan ",
                       "€ 0,00 en ten hoogste ", platform::MaxAmountText(),
                       "); leg eerst een gecorrigeerde tariefregel vast (ozjt tariffs add)."));
    }
    p.next.amount_cents = *indexed;
    p.next.valid_from = first_day;
    p.next.index_year = year;
    p.next.supersedes_id = line.id;
    if (p.next.valid_to && *p.next.valid_to < first_day) p.next.valid_to.reset();
    p.below_floor =
        BelowFloor(line.product_category, line.product_code, year, p.next.amount_cents, floors);
    if (p.below_floor) {
      plan.warnings.push_back(absl::StrCat("Tarief ", line.product_code, " (", line.description,
                                           ") wordt ", FormatEuro(p.next.amount_cents),
                                           ": onder de reële prijs voor ", year));
    }
    plan.lines.push_back(std::move(p));
  }
  return plan;
}

}  // namespace ozjt::contracts
