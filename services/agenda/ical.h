// The agenda as an iCalendar (RFC 5545) feed, so a contract manager can subscribe in Outlook:
// GET /agenda.ics?token=<JWT>[&days=180][&municipality=0153] on the host's HTTP port (the
// token may also come as "Authorization: Bearer"). All-day events, one per agenda item.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/agenda/agenda.h"
#include "services/platform/request.h"
#include "services/platform/server.h"

namespace ozjt::agenda {

// The items as a VCALENDAR (CRLF line ends, lines folded at 75 octets, text escaped).
std::string ToICalendar(const std::vector<AgendaItem>& items, absl::Time now);

// The agenda of the caller of `r` over [from, to], of one municipality or ("") all: the
// contracts service's ListAgenda use case (scope, checks and Dutch errors).
using AgendaLister = std::function<absl::StatusOr<std::vector<AgendaItem>>(
    const platform::RequestInfo& r, Day from, Day to, const std::string& municipality_code)>;

// Serves the feed: 401 without a valid token, 400 for bad parameters, 503 when the database
// is unreachable; municipal users get their own municipality's agenda.
platform::HttpResponse AgendaFeed(platform::Platform& platform, const AgendaLister& list,
                                  const platform::HttpRequest& request);

}  // namespace ozjt::agenda
