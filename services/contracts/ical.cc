#include "services/contracts/ical.h"

namespace ozjt::contracts {

platform::HttpResponse AgendaFeed(platform::Platform& platform, Contracts& contracts,
                                  const platform::HttpRequest& request) {
  return agenda::AgendaFeed(
      platform,
      [&contracts](const platform::RequestInfo& r, Day from, Day to,
                   const std::string& municipality_code) {
        AgendaRequest a;
        a.from = from;
        a.to = to;
        a.municipality_code = municipality_code;
        return contracts.Agenda(r, a);
      },
      request);
}

}  // namespace ozjt::contracts
