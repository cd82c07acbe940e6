#include "services/platform/status.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace ozjt::platform {
namespace {
// Violations travel as a status payload: "field\tdescription\tdutch" lines.
constexpr char kViolationsPayload[] = "type.ozjt/field-violations";
// The Dutch text for a person, attached by WithDutch.
constexpr char kDutchPayload[] = "type.ozjt/dutch";
// Details for the server's log only, attached by WithServerDetail.
constexpr char kServerDetailPayload[] = "type.ozjt/server-detail";
}  // namespace

absl::Status WithServerDetail(absl::Status status, std::string_view detail) {
  if (!status.ok()) status.SetPayload(kServerDetailPayload, absl::Cord(std::string(detail)));
  return status;
}

std::string ServerDetailOf(const absl::Status& status) {
  if (auto detail = status.GetPayload(kServerDetailPayload)) return std::string(*detail);
  return "";
}

void FieldViolations::Add(std::string field, std::string description, std::string dutch) {
  // Keep the payload encoding unambiguous whatever user text a description quotes.
  for (std::string* s : {&field, &description, &dutch}) {
    for (char& c : *s) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
  }
  violations_.push_back({std::move(field), std::move(description), std::move(dutch)});
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  std::string message;
  std::string payload;
  for (const auto& v : violations_) {
    absl::StrAppend(&message, message.empty() ? "" : "; ", v.field, ": ", v.description);
    absl::StrAppend(&payload, v.field, "\t", v.description, "\t", v.dutch, "\n");
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kViolationsPayload, absl::Cord(payload));
  return status;
}

absl::Status InvalidField(std::string field, std::string description, std::string dutch) {
  FieldViolations v;
  v.Add(std::move(field), std::move(description), std::move(dutch));
  return v.ToStatus();
}

absl::Status WithDutch(absl::Status status, std::string_view dutch) {
  if (!status.ok()) status.SetPayload(kDutchPayload, absl::Cord(std::string(dutch)));
  return status;
}

std::string DutchOf(const absl::Status& status) {
  if (auto dutch = status.GetPayload(kDutchPayload)) return std::string(*dutch);
  std::string out;
  for (const auto& v : ViolationsOf(status)) {
    if (v.dutch.empty()) continue;
    absl::StrAppend(&out, out.empty() ? "" : " ", v.dutch);
  }
  return out;
}

std::string DutchForCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return "";
    case absl::StatusCode::kInvalidArgument:
      return "De invoer is niet geldig; controleer wat u heeft ingevuld.";
    case absl::StatusCode::kNotFound:
      return "Niet gevonden: het bestaat niet (meer).";
    case absl::StatusCode::kAlreadyExists:
      return "Dit bestaat al.";
    case absl::StatusCode::kPermissionDenied:
      return "U heeft geen toegang tot deze gegevens of deze handeling.";
    case absl::StatusCode::kUnauthenticated:
      return "U bent niet (meer) ingelogd; log opnieuw in.";
    case absl::StatusCode::kFailedPrecondition:
      return "Dit kan niet in de huidige stand van zaken.";
    case absl::StatusCode::kAborted:
      return "Iemand anders heeft dit intussen gewijzigd; laad opnieuw en probeer het nog eens.";
    case absl::StatusCode::kOutOfRange:
      return "Een waarde valt buiten het toegestane bereik.";
    case absl::StatusCode::kResourceExhausted:
      return "De server is op dit moment te druk; probeer het zo opnieuw.";
    case absl::StatusCode::kUnavailable:
      return "De dienst is tijdelijk niet bereikbaar; probeer het zo opnieuw.";
    case absl::StatusCode::kDeadlineExceeded:
      return "Het verzoek duurde te lang; probeer het opnieuw.";
    case absl::StatusCode::kCancelled:
      return "Het verzoek is afgebroken.";
    case absl::StatusCode::kUnimplemented:
      return "Deze functie bestaat (nog) niet op deze server.";
    default:
      return "Er ging iets mis op de server; noem het verzoek-id aan de beheerder.";
  }
}

std::vector<FieldViolation> ViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  auto payload = status.GetPayload(kViolationsPayload);
  if (!payload) return out;
  for (absl::string_view line : absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 2));
    parts.resize(3);
    out.push_back({parts[0], parts[1], parts[2]});
  }
  return out;
}

}  // namespace ozjt::platform
