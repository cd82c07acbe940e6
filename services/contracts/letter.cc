#include "services/contracts/letter.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/codes.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

using platform::PdfBlock;
using Style = platform::PdfBlock::Style;

struct KindName {
  LetterKind value;
  const char* code;
  const char* dutch;
};
constexpr KindName kKinds[] = {
    {LetterKind::kOptionExercise, "option_exercise", "verlenging"},
    {LetterKind::kOptionDecline, "option_decline", "geen verlenging"},
    {LetterKind::kIngebrekestelling, "ingebrekestelling", "ingebrekestelling"},
    {LetterKind::kOntbinding, "ontbinding", "ontbinding"},
    {LetterKind::kOpzegging, "opzegging", "opzegging"}};

// The grounds of art. 3.19.4 in the words of the letter ("... omdat ...").
std::string GroundText(TerminationGround g) {
  switch (g) {
    case TerminationGround::kAfterDefault:
      return "u na de ingebrekestelling niet binnen de gestelde termijn bent nagekomen";
    case TerminationGround::kExclusionGround:
      return "zich bij u een uitsluitingsgrond voordoet (artikel 3.19.4 onder a)";
    case TerminationGround::kNoDelivery12Months:
      return "u twaalf maanden geen zorg hebt geleverd en niet hebt gedeclareerd (artikel 3.19.4 "
             "onder b)";
    case TerminationGround::kHerstelsanctieUnmet:
      return "u een opgelegde herstelsanctie niet hebt uitgevoerd (artikel 3.19.4 onder c)";
    case TerminationGround::kQualityAfterRepair:
      return "de kwaliteit ernstig tekortschiet na een poging tot herstel (artikel 3.19.4 "
             "onder d)";
    case TerminationGround::kFraud:
      return "sprake is van fraude (artikel 3.19.4 onder e)";
    case TerminationGround::kBibobNegative:
      return "het Bibob-onderzoek negatief is uitgevallen (artikel 3.19.4 onder f)";
    case TerminationGround::kBibobMissing:
      return "u de voor het Bibob-onderzoek gevraagde gegevens niet hebt verstrekt (artikel "
             "3.19.4 onder g)";
    case TerminationGround::kAdministrativeFine:
      return "u een bestuurlijke boete is opgelegd (artikel 3.19.4 onder h)";
    case TerminationGround::kForceMajeure:
      return "de overmacht langer dan dertig dagen duurt (artikel 3.19.4 onder i)";
    case TerminationGround::kUnspecified:
      break;
  }
  return "de grond die hieronder staat";
}

// "Zorg B.V. (Enschede)" -> "zorg-b-v-enschede": letters and digits, the rest one dash.
std::string Slug(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (absl::ascii_isalnum(u)) {
      out += static_cast<char>(absl::ascii_tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "aanbieder" : out.substr(0, 60);
}

PdfBlock Block(Style style, std::string text) { return PdfBlock{style, std::move(text)}; }

// The letter around its own paragraphs: sender, addressee, date, reference, subject,
// salutation, the paragraphs, closing.
Letter Frame(const Contract& c, const std::string& provider, Day date, std::string subject,
             const std::string& file_part, std::vector<std::string> paragraphs) {
  Letter l;
  l.subject = std::move(subject);
  l.date = date;
  l.file_name =
      absl::StrCat("brief-", file_part, "-", Slug(c.reference), "-", Slug(provider), ".pdf");
  auto& b = l.document.blocks;
  l.document.title = l.subject;
  l.document.author = c.contracting_party;
  b.push_back(Block(Style::kSmall, absl::StrCat(c.contracting_party, "\nOZJT Twente")));
  b.push_back(Block(Style::kBody, absl::StrCat("Aan: ", provider)));
  b.push_back(Block(Style::kBody, absl::StrCat("Datum: ", DutchDay(date), "\nOns kenmerk: ",
                                               c.reference, "\nBetreft: ", l.subject)));
  b.push_back(Block(Style::kTitle, l.subject));
  b.push_back(Block(Style::kBody, "Geachte heer, mevrouw,"));
  for (auto& p : paragraphs) b.push_back(Block(Style::kBody, std::move(p)));
  b.push_back(
      Block(Style::kBody, absl::StrCat("Met vriendelijke groet,\n\n", c.contracting_party)));
  b.push_back(
      Block(Style::kSmall, absl::StrCat("Overeenkomst ", c.reference, " (", c.title,
                                        "), looptijd vanaf ", DutchDay(c.start_date), ".")));
  return l;
}

std::string Article(const ExtensionOption& o) {
  if (o.decision && !o.decision->article.empty()) {
    return absl::StrCat(o.decision->article, " van de overeenkomst");
  }
  return "de verlengingsbepaling van de overeenkomst";
}

std::string DecisionSentence(const ExtensionOption& o) {
  if (!o.decision) return "";
  const OptionDecision& d = *o.decision;
  return absl::StrCat(" Hiertoe is op ", DutchDay(d.decision_date), " besloten door ", d.decided_by,
                      d.reference.empty() ? "" : absl::StrCat(" (", d.reference, ")"), ".");
}

// The end of the term before option `o` (exercised or the next one) and the deadline to give
// notice for it.
std::pair<Day, Day> EndAndDeadline(const Contract& c, const ExtensionOption& o) {
  if (o.exercise && o.exercise->old_end_date) {
    return {*o.exercise->old_end_date, o.exercise->notice_deadline.value_or(
                                           c.OptionNoticeDeadline(o, *o.exercise->old_end_date))};
  }
  if (o.exercise) {  // stored before the old end was kept: its new end less its length
    const Day end = ShortenedEnd(o.exercise->new_end_date, o.length_months);
    return {end, o.exercise->notice_deadline.value_or(c.OptionNoticeDeadline(o, end))};
  }
  return {c.end_date, c.OptionNoticeDeadline(o, c.end_date)};
}

absl::StatusOr<Letter> OptionLetter(const Contract& c, const LetterSubject& s,
                                    const std::string& provider, Day today) {
  const ExtensionOption* o = c.Option(s.option_number);
  if (o == nullptr) {
    return platform::WithDutch(
        absl::NotFoundError(absl::StrCat("the contract has no option ", s.option_number)),
        absl::StrCat("Dit contract heeft geen verlengingsoptie ", s.option_number, "."));
  }
  const auto [old_end, deadline] = EndAndDeadline(c, *o);
  if (s.kind == LetterKind::kOptionExercise) {
    if (!o->exercise && !(o->decision && o->decision->outcome == OptionOutcome::kExtend)) {
      return platform::WithDutch(
          absl::FailedPreconditionError(absl::StrCat(
              "option ", o->number, " has no decision to extend and was not exercised")),
          absl::StrCat("Voor verlengingsoptie ", o->number,
                       " is nog geen besluit tot verlengen vastgelegd; leg eerst het besluit "
                       "vast."));
    }
    if (!o->exercise) {
      // Composed before the exercise, the letter is the notice itself: only for a running
      // contract, and only while the notice can still be given in time.
      if (c.status != ContractStatus::kActive && c.status != ContractStatus::kAwarded) {
        return platform::WithDutch(
            absl::FailedPreconditionError(absl::StrCat("the contract is ", Code(c.status))),
            absl::StrCat("Het contract is ", DutchName(c.status),
                         "; alleen een gegund of actief contract kan worden verlengd."));
      }
      if (today > deadline) {
        return platform::WithDutch(
            absl::FailedPreconditionError(
                absl::StrCat("the notice deadline of option ", o->number, " has passed")),
            absl::StrCat("De termijn om verlengingsoptie ", o->number, " aan te zeggen is op ",
                         DutchDay(deadline), " verstreken; een brief kan die niet meer halen."));
      }
    }
    const Day new_end =
        o->exercise ? o->exercise->new_end_date : ExtendedEnd(old_end, o->length_months);
    const Day date = o->exercise ? o->exercise->notice_date : today;
    std::vector<std::string> p;
    p.push_back(absl::StrCat("Op grond van ", Article(*o), " ", c.reference, " (", c.title,
                             ") maken wij gebruik van ", "verlengingsoptie ", o->number,
                             ". De overeenkomst liep tot en met ", DutchDay(old_end),
                             " en wordt verlengd met ", o->length_months, " maanden, tot en met ",
                             DutchDay(new_end), ".", DecisionSentence(*o)));
    p.push_back(absl::StrCat("De uiterste datum om deze verlenging aan te zeggen is ",
                             DutchDay(deadline), "; met deze brief van ", DutchDay(date),
                             " is die termijn in acht genomen."));
    if (!o->unilateral && !o->exercise) {
      p.push_back(
          "Deze verlenging vraagt uw instemming. Wij verzoeken u die schriftelijk te bevestigen.");
    } else if (!o->unilateral) {
      p.push_back(absl::StrCat("U heeft met deze verlenging ingestemd (",
                               o->exercise->consent_reference, ")."));
    }
    p.push_back(
        "De overige bepalingen van de overeenkomst blijven ongewijzigd van kracht. Wilt u de "
        "ontvangst van deze brief bevestigen?");
    return Frame(c, provider, date, absl::StrCat("Verlenging overeenkomst ", c.reference),
                 absl::StrCat("verlenging-optie-", o->number), std::move(p));
  }
  if (!o->Declined()) {
    return platform::WithDutch(
        absl::FailedPreconditionError(absl::StrCat("option ", o->number, " was not declined")),
        absl::StrCat("Voor verlengingsoptie ", o->number,
                     " is geen besluit vastgelegd om niet te verlengen."));
  }
  std::vector<std::string> p;
  p.push_back(absl::StrCat("Wij delen u mee dat wij geen gebruik maken van verlengingsoptie ",
                           o->number, " uit ", Article(*o), " ", c.reference, " (", c.title, ").",
                           DecisionSentence(*o)));
  p.push_back(absl::StrCat("De overeenkomst eindigt daarom op ", DutchDay(old_end),
                           ". De uiterste datum om deze optie aan te zeggen ",
                           deadline < o->decision->decision_date ? "was " : "is ",
                           DutchDay(deadline), "."));
  p.push_back(
      "Wij vragen u om in overleg met de gemeenten de zorg aan uw cliënten zorgvuldig over te "
      "dragen voor het einde van de overeenkomst. Wilt u de ontvangst van deze brief "
      "bevestigen?");
  return Frame(c, provider, o->decision->decision_date,
               absl::StrCat("Geen verlenging overeenkomst ", c.reference),
               absl::StrCat("geen-verlenging-optie-", o->number), std::move(p));
}

absl::StatusOr<Letter> LegalLetter(const Contract& c, const std::vector<LegalStep>& steps,
                                   const LetterSubject& s, const std::string& provider) {
  auto it = std::find_if(steps.begin(), steps.end(),
                         [&](const LegalStep& x) { return x.id == s.legal_step_id; });
  if (it == steps.end()) {
    return platform::WithDutch(
        absl::NotFoundError(
            absl::StrCat("legalSteps/", s.legal_step_id, " is not a step of ", "this contract")),
        "Deze juridische stap hoort niet bij dit contract.");
  }
  const LegalStep& step = *it;
  const LegalStepKind wanted = s.kind == LetterKind::kIngebrekestelling
                                   ? LegalStepKind::kIngebrekestelling
                               : s.kind == LetterKind::kOntbinding ? LegalStepKind::kOntbinding
                                                                   : LegalStepKind::kOpzegging;
  if (step.kind != wanted) {
    return platform::WithDutch(
        absl::FailedPreconditionError(
            absl::StrCat("the step is a ", Code(step.kind), ", not a ", Code(wanted))),
        absl::StrCat("Deze juridische stap is geen ", DutchName(s.kind), "."));
  }
  const std::string of = absl::StrCat(" overeenkomst ", c.reference, " (", c.title, ")");
  std::vector<std::string> p;
  std::string subject, part;
  if (wanted == LegalStepKind::kIngebrekestelling) {
    subject = absl::StrCat("Ingebrekestelling overeenkomst ", c.reference);
    part = "ingebrekestelling";
    p.push_back(absl::StrCat("Wij stellen vast dat u uw verplichtingen uit de", of,
                             " niet nakomt. Het gaat om het volgende:\n", step.grounds));
    p.push_back(absl::StrCat(
        "Wij stellen u hierbij in gebreke (artikel 3.19 van de overeenkomst en artikel 6:82 "
        "van het Burgerlijk Wetboek). U krijgt ",
        step.term_days,
        " dagen om alsnog na te "
        "komen: uiterlijk op ",
        DutchDay(step.deadline.value_or(step.date)), "."));
    p.push_back(
        "Komt u niet binnen deze termijn na, dan bent u zonder nadere aankondiging in verzuim "
        "en kunnen wij de maatregelen nemen die de overeenkomst en de wet ons geven, waaronder "
        "ontbinding van de overeenkomst.");
  } else if (wanted == LegalStepKind::kOntbinding) {
    subject = absl::StrCat("Ontbinding overeenkomst ", c.reference);
    part = "ontbinding";
    p.push_back(absl::StrCat("Hierbij ontbinden wij de", of, " met ingang van ",
                             DutchDay(step.date), ", omdat ", GroundText(step.ground),
                             " (artikel 3.19 van de overeenkomst, artikel 6:265 van het "
                             "Burgerlijk Wetboek)."));
    p.push_back(absl::StrCat("De feiten en gronden:\n", step.grounds));
    p.push_back(absl::StrCat("Overdracht van cliënten:\n", step.handover_note));
  } else {
    subject = absl::StrCat("Opzegging overeenkomst ", c.reference);
    part = "opzegging";
    p.push_back(absl::StrCat("Hierbij zeggen wij de", of, " op. De overeenkomst eindigt op ",
                             DutchDay(step.effective_date.value_or(step.date)), "."));
    p.push_back(absl::StrCat("De gronden:\n", step.grounds));
    p.push_back(absl::StrCat("Overdracht van cliënten:\n", step.handover_note));
  }
  p.push_back("Wilt u de ontvangst van deze brief bevestigen?");
  return Frame(c, provider, step.date, std::move(subject), absl::StrCat(part, "-", step.id),
               std::move(p));
}

}  // namespace

std::string Code(LetterKind v) {
  for (const auto& k : kKinds) {
    if (k.value == v) return k.code;
  }
  return "unspecified";
}

std::optional<LetterKind> ParseLetterKind(absl::string_view code) {
  for (const auto& k : kKinds) {
    if (code == k.code) return k.value;
  }
  return std::nullopt;
}

std::string DutchName(LetterKind v) {
  for (const auto& k : kKinds) {
    if (k.value == v) return k.dutch;
  }
  return "brief";
}

bool IsOptionLetter(LetterKind v) {
  return v == LetterKind::kOptionExercise || v == LetterKind::kOptionDecline;
}

absl::StatusOr<LetterSubject> CheckedSubject(LetterSubject s, absl::string_view field_prefix) {
  if (s.kind == LetterKind::kUnspecified) {
    return platform::InvalidField(absl::StrCat(field_prefix, "kind"), "is required",
                                  "Kies welke brief: verlenging, geen verlenging, "
                                  "ingebrekestelling, ontbinding of opzegging.");
  }
  if (IsOptionLetter(s.kind)) {
    if (s.option_number <= 0) {
      return platform::InvalidField(absl::StrCat(field_prefix, "option_number"),
                                    "is required for an option letter",
                                    "Kies de verlengingsoptie waar de brief over gaat.");
    }
    s.legal_step_id = 0;
  } else {
    if (s.legal_step_id <= 0) {
      return platform::InvalidField(
          absl::StrCat(field_prefix, "legal_step"), "is required for a legal letter",
          absl::StrCat("Kies de juridische stap waar de ", DutchName(s.kind), " over gaat."));
    }
    s.option_number = 0;
  }
  return s;
}

absl::StatusOr<Letter> ComposeLetter(const Contract& c, const std::vector<LegalStep>& steps,
                                     const LetterSubject& subject, const std::string& provider_name,
                                     Day today) {
  OZJT_ASSIGN_OR_RETURN(const LetterSubject s, CheckedSubject(subject, ""));
  if (IsOptionLetter(s.kind)) return OptionLetter(c, s, provider_name, today);
  return LegalLetter(c, steps, s, provider_name);
}

}  // namespace ozjt::contracts
