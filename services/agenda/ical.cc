#include "services/agenda/ical.h"

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/status.h"

namespace ozjt::agenda {
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
    case AgendaKind::kSpendingCeiling:
      return "ceiling";
    default:
      return "item";
  }
}

// What the item is about, before the colon of its SUMMARY: the contract's reference, or for
// items without a contract the part of the work they belong to (the summary names the provider).
std::string Heading(const AgendaItem& i) {
  if (!i.contract_reference.empty()) return i.contract_reference;
  switch (i.kind) {
    case AgendaKind::kRecoveryPlanDue:
      return "Continuïteit";
    case AgendaKind::kEvidenceDue:
      return "KIT-screening";
    case AgendaKind::kSupervisionAction:
    case AgendaKind::kReinspection:
    case AgendaKind::kSupervisionSignal:
    case AgendaKind::kCalamityMeasures:
      return "Toezicht";
    default:
      return i.contract_title.empty() ? "Agenda" : i.contract_title;
  }
}

}  // namespace

std::string ToICalendar(const std::vector<AgendaItem>& items, absl::Time now) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//OZJT//ozjt-contracts//NL\r\n"
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:OZJT contractagenda\r\n";
  const std::string stamp = absl::FormatTime("%Y%m%dT%H%M%SZ", now, absl::UTCTimeZone());
  std::map<std::string, int> uids;  // two actions of one plan due on one day: "-2"
  for (const AgendaItem& i : items) {
    const std::string contract =
        i.contract_id > 0 ? absl::StrCat("contracts/", i.contract_id) : std::string();
    // Contract items as before ("notice-5-contract-20270630"); others by their subject.
    std::string uid = absl::StrCat(
        KindCode(i.kind), "-", i.contract_id > 0 ? absl::StrCat(i.contract_id, "-") : "",
        i.subject.empty() ? "contract" : i.subject, "-", Compact(i.date));
    if (int n = ++uids[uid]; n > 1) absl::StrAppend(&uid, "-", n);
    out += "BEGIN:VEVENT\r\n";
    out += Fold(absl::StrCat("UID:", uid, "@ozjt-contracts"));
    out += "DTSTAMP:" + stamp + "\r\n";
    out += "DTSTART;VALUE=DATE:" + Compact(i.date) + "\r\n";
    out += "DTEND;VALUE=DATE:" + Compact(i.date + 1) + "\r\n";
    out += Fold("SUMMARY:" + Escape(absl::StrCat(Heading(i), ": ", i.summary)));
    std::string description = i.contract_title;
    for (const std::string& ref : {contract, i.subject}) {
      if (!ref.empty()) absl::StrAppend(&description, description.empty() ? "" : "\n", ref);
    }
    out += Fold("DESCRIPTION:" + Escape(description));
    out += "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

platform::HttpResponse AgendaFeed(platform::Platform& platform, const AgendaLister& list,
                                  const platform::HttpRequest& request) {
  // The Dutch sentence a person reads, then the status message for operators.
  auto text = [](int status, const std::string& dutch, absl::string_view english) {
    return platform::HttpResponse{status, "text/plain; charset=utf-8",
                                  absl::StrCat(dutch, "\n(", english, ")\n")};
  };
  auto dutch_of = [](const absl::Status& s) {
    std::string dutch = platform::DutchOf(s);
    return dutch.empty() ? platform::DutchForCode(s.code()) : dutch;
  };
  std::string token;
  if (absl::StartsWithIgnoreCase(request.authorization, "Bearer ")) {
    token = request.authorization.substr(7);
  } else if (auto it = request.params.find("token"); it != request.params.end()) {
    token = it->second;
  }
  absl::StatusOr<platform::Caller> caller =
      platform.verifier().Verify(token, std::chrono::system_clock::now());
  if (!caller.ok()) {
    return text(401,
                "Deze agenda vraagt een geldig, niet verlopen token (agenda.ics?token=...); "
                "vraag een nieuw token aan en abonneer u opnieuw.",
                caller.status().message());
  }
  platform::RequestInfo r;
  r.caller = *caller;
  r.method = "GET /agenda.ics";
  r.request_id = request.request_id;
  r.today = platform.Today();
  int days = 180;
  if (auto it = request.params.find("days"); it != request.params.end()) {
    if (!absl::SimpleAtoi(it->second, &days) || days < 1 || days > 1096) {
      return text(400, "Het aantal dagen (days) moet een geheel getal van 1 tot en met 1096 zijn.",
                  "days must be a whole number from 1 to 1096");
    }
  }
  std::string municipality_code;
  if (auto it = request.params.find("municipality"); it != request.params.end()) {
    municipality_code = it->second;
  }
  absl::StatusOr<std::vector<AgendaItem>> items =
      list(r, r.today, r.today + days, municipality_code);
  if (!items.ok()) {
    switch (items.status().code()) {
      case absl::StatusCode::kInvalidArgument:
        return text(400, dutch_of(items.status()), items.status().message());
      case absl::StatusCode::kPermissionDenied:
        return text(403, dutch_of(items.status()), items.status().message());
      case absl::StatusCode::kUnavailable:
        return text(503, "De database is even niet bereikbaar; probeer het zo opnieuw.",
                    "database unavailable; try again");
      default:
        return text(500, "Er ging iets mis bij het maken van de agenda.", "internal error");
    }
  }
  return {200, "text/calendar; charset=utf-8", ToICalendar(*items, absl::Now())};
}

}  // namespace ozjt::agenda
