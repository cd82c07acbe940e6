// The iJw and iWmo 3.2 messages the contract management information reads (docs: README,
// "Contract management information"): 301 allocation, 305 start of care, 307 end of care,
// 315 request for allocation, 317 request for change, 323 claim, 325 claim answer.
//
// ParseMessage reads one message with libxml2's streaming reader (xmlTextReader) and keeps only
// what the measures need. It checks what the schema and the standard's rules require of each
// field it keeps (lengths, patterns, code lists, the 11-proef of the BSN, dates) and refuses the
// whole message at the first broken rule, naming the element path and the rule. The BSN is
// replaced by its pseudonym while parsing: no name, address, birth date, contact, relation or
// comment is kept, and the BSN itself never leaves this file.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace ozjt::insight {

// Jeugdwet (iJw) or Wmo (iWmo).
enum class Law { kJw, kWmo };
const char* Code(Law law);  // "jw", "wmo"

// The message number: 301, 305, 307, 315, 317, 323 or 325.
using MessageType = int;

struct Header {
  Law law = Law::kJw;
  MessageType type = 0;
  std::string sender;          // CBS code (4 digits) or AGB code (8 digits)
  std::string receiver;        // likewise
  std::string identification;  // 1 to 12 characters, unique per type and sender (TR056)
  absl::CivilDay dated;        // Dagtekening
  // The municipality (CBS code) and the provider (AGB code) of the message, whichever of
  // sender and receiver each is.
  const std::string& Municipality() const;
  const std::string& Agb() const;
};

struct Product {
  std::string category;  // 2 characters, JZ020 (Jw) or WMO020 (Wmo); empty: generic
  std::string code;      // up to 5 characters; may be empty
};

// JW301 ToegewezenProduct.
struct Allocation {
  std::string client;     // pseudonym
  int64_t number = 0;     // ToewijzingNummer
  std::string reference;  // ReferentieAanbieder (answers a 315)
  Product product;
  absl::CivilDay allocated_on;  // Toewijzingsdatum
  std::string allocated_at;     // Toewijzingstijd, HH:MM:SS
  absl::CivilDay starts_on;     // Ingangsdatum
  std::optional<absl::CivilDay> ends_on;
  std::string change_reason;  // RedenWijziging (JZ002); "13": deleted
  std::optional<int64_t> volume;
  std::string unit;       // Eenheid (WJ756)
  std::string frequency;  // Frequentie (WMO757)
  std::optional<int64_t> budget_cents;
};

// JW305 StartProduct or JW307 StopProduct.
struct CareLine {
  std::string client;
  int64_t number = 0;  // 0: no ToewijzingNummer
  Product product;
  absl::CivilDay begins_on;
  std::optional<absl::CivilDay> ends_on;  // 307
  std::string end_reason;                 // 307: JZ588 / WMO588
  int status = 1;                         // StatusAanlevering: 1 new, 3 delete
};

// JW315 AangevraagdProduct.
struct Request {
  std::string client;
  std::string reference;  // ReferentieAanbieder
  Product product;
  absl::CivilDay starts_on;  // ToewijzingIngangsdatum
};

// JW323 Prestatie. Amounts and volumes are signed: a credit line (C) is negative.
struct ClaimLine {
  std::string client;
  std::string reference;           // ReferentieNummer
  std::string previous_reference;  // VorigReferentieNummer (a credit cancels that line)
  int64_t number = 0;              // ToewijzingNummer
  Product product;
  absl::CivilDay from, to;  // ProductPeriode
  int64_t volume = 0;       // GeleverdVolume, signed
  std::string unit;
  std::optional<int64_t> tariff_cents;  // ProductTarief
  int64_t amount_cents = 0;             // IngediendBedrag, signed
};

struct Claim {
  std::string number;  // DeclaratieNummer
  absl::CivilDay period_from, period_to;
  int64_t total_cents = 0;  // TotaalIngediendBedrag, signed
  std::vector<ClaimLine> lines;
};

// JW325: only the rejected lines are listed (OP304).
struct ClaimAnswer {
  std::string number;  // DeclaratieNummer
  int64_t declared_cents = 0;
  int64_t granted_cents = 0;
  struct Rejected {
    std::string reference;
    std::vector<std::string> codes;  // RetourCode
  };
  std::vector<Rejected> rejected;
};

struct Message {
  Header header;
  std::vector<Allocation> allocations;  // 301
  std::vector<CareLine> starts;         // 305
  std::vector<CareLine> stops;          // 307
  std::vector<Request> requests;        // 315
  std::optional<Claim> claim;           // 323
  std::optional<ClaimAnswer> answer;    // 325
};

// A broken rule: where (the element path from the root, "Bericht/Client/Bsn") and which rule.
struct Violation {
  std::string path;
  std::string rule;   // English, for logs and the API
  std::string dutch;  // for people
};

// The pseudonym of a BSN that passed its checks (the caller's keyed hash).
using Pseudonymise = std::function<std::string(absl::string_view bsn)>;

// Parses one message. A Violation when it is not XML, not one of the messages above in the
// iJw or iWmo 3.2 namespace, or breaks a rule of a field that is kept.
struct ParseResult {
  std::optional<Message> message;
  std::optional<Violation> violation;
};
ParseResult ParseMessage(absl::string_view xml, const Pseudonymise& pseudonymise);

// The 11-proef of a BSN (CS002): nine digits d1..d9, 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible
// by 11, and not 000000000.
bool PassesElevenTest(absl::string_view bsn);

}  // namespace ozjt::insight
