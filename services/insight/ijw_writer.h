// Writes iJw/iWmo 3.2 messages (schema-valid: checked against the published XSDs while
// developing) from the model of ijw.h, for the demo data, the tests and ozjt-datagen's
// synthetic traffic. Here `client` fields carry the BSN itself (synthetic, 11-proef test
// range): these messages are made to be read, never stored as they are.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "services/insight/ijw.h"

namespace ozjt::insight {

// 301: the allocations of one client.
std::string WriteAllocations(const Header& h, const std::string& bsn,
                             const std::vector<Allocation>& allocations);
// 305 (starts) or 307 (stops) of one client, by h.type.
std::string WriteCareLines(const Header& h, const std::string& bsn,
                           const std::vector<CareLine>& lines);
// 315: requests for allocation of one client.
std::string WriteRequests(const Header& h, const std::string& bsn,
                          const std::vector<Request>& requests);
// 323: a claim; its lines' `client` is the BSN; lines of one client are grouped.
std::string WriteClaim(const Header& h, const Claim& claim);
// 325: the answer to `claim` (sent with `claim_header`), rejecting the lines listed (by
// reference, with their return codes).
std::string WriteClaimAnswer(const Header& h, const Header& claim_header, const Claim& claim,
                             const std::vector<std::pair<std::string, std::string>>& rejected);

}  // namespace ozjt::insight
