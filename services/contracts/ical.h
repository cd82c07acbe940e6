// The agenda as an iCalendar (RFC 5545) feed, so a contract manager can subscribe in Outlook:
// GET /agenda.ics?token=<JWT>[&days=180][&municipality=0153] on the host's HTTP port (the
// token may also come as "Authorization: Bearer"). All-day events, one per agenda item.
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/contracts/agenda.h"
#include "services/contracts/contracts.h"
#include "services/platform/call.h"
#include "services/platform/server.h"

namespace ozjt::contracts {

// The items as a VCALENDAR (CRLF line ends, lines folded at 75 octets, text escaped).
std::string ToICalendar(const std::vector<AgendaItem>& items, absl::Time now);

// Serves the feed: 401 without a valid token, 400 for bad parameters, 503 when the database
// is unreachable; municipal users get their own municipality's agenda.
platform::HttpResponse AgendaFeed(platform::Platform& platform, Contracts& contracts,
                                  const platform::HttpRequest& request);

}  // namespace ozjt::contracts
