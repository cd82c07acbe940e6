// The agenda's iCalendar feed (services/agenda/ical.h) served by the contracts service: GET
// /agenda.ics lists the agenda through the contracts service's ListAgenda use case, so the feed
// and ListAgenda give the same items under the same rules.
#pragma once

#include "services/agenda/ical.h"
#include "services/contracts/contracts.h"
#include "services/platform/server.h"

namespace ozjt::contracts {

using agenda::ToICalendar;

// Serves the feed: 401 without a valid token, 400 for bad parameters, 503 when the database
// is unreachable; municipal users get their own municipality's agenda.
platform::HttpResponse AgendaFeed(platform::Platform& platform, Contracts& contracts,
                                  const platform::HttpRequest& request);

}  // namespace ozjt::contracts
