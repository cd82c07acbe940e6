// The contracts use cases of letters to providers (contracts.h): composing one as a PDF, and
// recording that it was sent with its proof of receipt.
#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/contracts/contracts.h"
#include "services/contracts/letter.h"
#include "services/platform/pdf.h"
#include "services/platform/status.h"

namespace ozjt::contracts {
namespace {

// INVALID_ARGUMENT (`field`) unless `provider_id` is one of the contract's providers.
absl::Status CheckProvider(const Contract& c, int64_t provider_id, std::string field) {
  if (std::find(c.provider_ids.begin(), c.provider_ids.end(), provider_id) !=
      c.provider_ids.end()) {
    return absl::OkStatus();
  }
  return platform::InvalidField(std::move(field), "is not one of the contract's providers",
                                "Kies een aanbieder van dit contract.");
}

// INVALID_ARGUMENT naming each wrong field of a sending of the letter dated `letter_date`.
absl::Status CheckDispatch(const LetterDispatch& d, Day letter_date, Day today) {
  platform::FieldViolations v;
  if (d.receipt_proof.empty()) {
    v.Add("dispatch.receipt_proof", "is required",
          "Leg het bewijs van ontvangst vast (bijvoorbeeld het nummer van de aangetekende brief "
          "of de ontvangstbevestiging).");
  } else if (CharLength(d.receipt_proof) > 200) {
    v.Add("dispatch.receipt_proof", "must be at most 200 characters",
          "Het bewijs van ontvangst mag hoogstens 200 tekens lang zijn.");
  }
  if (d.sent_date > today) {
    v.Add("dispatch.sent_date", "is in the future",
          absl::StrCat("De verzenddatum (", DutchDay(d.sent_date),
                       ") ligt in de toekomst; leg de verzending vast nadat de brief is "
                       "verstuurd."));
  } else if (d.sent_date < letter_date) {
    v.Add("dispatch.sent_date", "is before the letter's date",
          absl::StrCat("De verzenddatum (", DutchDay(d.sent_date),
                       ") ligt voor de datum van de brief (", DutchDay(letter_date), ")."));
  }
  return v.ToStatus();
}

}  // namespace

absl::StatusOr<RenderedLetter> Contracts::Letter(const platform::RequestInfo& r, int64_t id,
                                                 const LetterSubject& subject,
                                                 int64_t provider_id) {
  OZJT_ASSIGN_OR_RETURN(Contract c, Visible(r, id));
  OZJT_RETURN_IF_ERROR(CheckProvider(c, provider_id, "provider"));
  std::vector<LegalStep> steps;
  if (!IsOptionLetter(subject.kind)) {
    OZJT_ASSIGN_OR_RETURN(steps, store_.LegalSteps(r.deadline, id));
  }
  OZJT_ASSIGN_OR_RETURN(auto names, store_.ProviderNames(r.deadline, {provider_id}));
  const std::string provider = names.count(provider_id) != 0 ? names[provider_id] : "";
  RenderedLetter out;
  OZJT_ASSIGN_OR_RETURN(out.letter, ComposeLetter(c, steps, subject, provider, r.today));
  OZJT_ASSIGN_OR_RETURN(out.pdf, platform::RenderPdf(out.letter.document));
  return out;
}

absl::StatusOr<LetterDispatch> Contracts::RecordLetterSent(const platform::RequestInfo& r,
                                                           LetterDispatch d) {
  OZJT_ASSIGN_OR_RETURN(d.subject, CheckedSubject(d.subject, "dispatch."));
  d.receipt_proof = std::string(absl::StripAsciiWhitespace(d.receipt_proof));
  std::optional<LetterDispatch> stored;
  // The letter is composed again under the contract's lock, so the sending is checked against
  // the contract and steps it is recorded with.
  OZJT_RETURN_IF_ERROR(store_.Write(r, [&](ContractTx& tx) -> absl::Status {
    OZJT_ASSIGN_OR_RETURN(const Contract c, LockVisible(r, tx, d.contract_id));
    OZJT_RETURN_IF_ERROR(CheckProvider(c, d.provider_id, "dispatch.provider"));
    std::vector<LegalStep> steps;
    if (!IsOptionLetter(d.subject.kind)) steps = tx.LegalSteps(d.contract_id);
    OZJT_ASSIGN_OR_RETURN(const struct Letter letter,
                          ComposeLetter(c, steps, d.subject, "", r.today));
    OZJT_RETURN_IF_ERROR(CheckDispatch(d, letter.date, r.today));
    stored = tx.InsertLetterDispatch(d);
    if (!stored) {
      return platform::WithDutch(
          absl::AlreadyExistsError("this letter to this provider was recorded already"),
          "De verzending van deze brief aan deze aanbieder is al vastgelegd.");
    }
    return absl::OkStatus();
  }));
  return *stored;
}

absl::StatusOr<std::vector<LetterDispatch>> Contracts::LetterDispatches(
    const platform::RequestInfo& r, int64_t id) {
  OZJT_RETURN_IF_ERROR(Visible(r, id).status());
  return store_.LetterDispatches(r.deadline, id);
}

}  // namespace ozjt::contracts
