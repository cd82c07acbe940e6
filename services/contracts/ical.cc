#include "services/contracts/ical.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace ozjt::contracts {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out.push_back(c);
    }
  }
  return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 character.
std::string Fold(const std::string& line) {
  std::string out;
  size_t start = 0, limit = 75;
  while (line.size() - start > limit) {
    size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out += line.substr(start, cut - start) + "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  return out + line.substr(start) + "\r\n";
}

std::string Compact(Day d) { return absl::StrFormat("%04d%02d%02d", d.year(), d.month(), d.day()); }

const char* KindCode(AgendaKind k) {
  switch (k) {
    case AgendaKind::kNoticeDeadline:
      return "notice";
    case AgendaKind::kContractEnd:
      return "end";
    case AgendaKind::kLegalDeadline:
      return "legal";
    case AgendaKind::kTariffBelowFloor:
      return "floor";
    case AgendaKind::kRecoveryPlanDue:
      return "recovery";
    case AgendaKind::kEvidenceDue:
      return "evidence";
    case AgendaKind::kSupervisionAction:
      return "action";
    case AgendaKind::kReinspection:
      return "reinspection";
    case AgendaKind::kSupervisionSignal:
      return "signal";
    case AgendaKind::kCalamityMeasures:
      return "calamity";
    default:
      return "item";
  }
}

}  // namespace

std::string ToICalendar(const std::vector<AgendaItem>& items, absl::Time now) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//OZJT//ozjt-contracts//NL\r\n"
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:OZJT contractagenda\r\n";
  const std::string stamp = absl::FormatTime("%Y%m%dT%H%M%SZ", now, absl::UTCTimeZone());
  for (const AgendaItem& i : items) {
    out += "BEGIN:VEVENT\r\n";
    out += Fold(absl::StrCat("UID:", KindCode(i.kind), "-", i.contract_id, "-",
                             i.subject.empty() ? "contract" : i.subject, "-", Compact(i.date),
                             "@ozjt-contracts"));
    out += "DTSTAMP:" + stamp + "\r\n";
    out += "DTSTART;VALUE=DATE:" + Compact(i.date) + "\r\n";
    out += "DTEND;VALUE=DATE:" + Compact(i.date + 1) + "\r\n";
    out += Fold("SUMMARY:" + Escape(absl::StrCat(i.contract_reference, ": ", i.summary)));
    out += Fold("DESCRIPTION:" +
                Escape(absl::StrCat(i.contract_title, "\ncontracts/", i.contract_id)));
    out += "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

platform::HttpResponse AgendaFeed(platform::Platform& platform, Contracts& contracts,
                                  const platform::HttpRequest& request) {
  auto text = [](int status, std::string body) {
    return platform::HttpResponse{status, "text/plain; charset=utf-8", std::move(body) + "\n"};
  };
  std::string token;
  if (absl::StartsWithIgnoreCase(request.authorization, "Bearer ")) {
    token = request.authorization.substr(7);
  } else if (auto it = request.params.find("token"); it != request.params.end()) {
    token = it->second;
  }
  absl::StatusOr<platform::Caller> caller =
      platform.verifier().Verify(token, std::chrono::system_clock::now());
  if (!caller.ok()) return text(401, std::string(caller.status().message()));
  platform::RequestInfo r;
  r.caller = *caller;
  r.method = "GET /agenda.ics";
  r.request_id = "ics";
  r.today = platform.Today();
  AgendaRequest a;
  int days = 180;
  if (auto it = request.params.find("days"); it != request.params.end()) {
    if (!absl::SimpleAtoi(it->second, &days) || days < 1 || days > 1096) {
      return text(400, "days must be a whole number from 1 to 1096");
    }
  }
  a.from = r.today;
  a.to = r.today + days;
  if (auto it = request.params.find("municipality"); it != request.params.end()) {
    a.municipality_code = it->second;
  }
  absl::StatusOr<std::vector<AgendaItem>> items = contracts.Agenda(r, a);
  if (!items.ok()) {
    switch (items.status().code()) {
      case absl::StatusCode::kInvalidArgument:
        return text(400, std::string(items.status().message()));
      case absl::StatusCode::kPermissionDenied:
        return text(403, std::string(items.status().message()));
      case absl::StatusCode::kUnavailable:
        return text(503, "database unavailable; try again");
      default:
        return text(500, "internal error");
    }
  }
  return {200, "text/calendar; charset=utf-8", ToICalendar(*items, absl::Now())};
}

}  // namespace ozjt::contracts
