#include "services/insight/report.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/platform/csv.h"
#include "services/platform/decimal.h"
#include "services/platform/status.h"
#include "services/platform/svg.h"

namespace ozjt::insight {
namespace {

std::string Count(int64_t n, bool suppress) {
  return suppress && IsSmall(n) ? "<5" : std::to_string(n);
}

// Cents for Dutch Excel: 123450 -> "1234,50", -5 -> "-0,05".
std::string CsvEuros(int64_t cents) {
  const int64_t whole = (cents < 0 ? -cents : cents);
  return absl::StrFormat("%s%d,%02d", cents < 0 ? "-" : "", whole / 100, whole % 100);
}

// The cells of a line after its names, as shown: counts, money (`euros` formats), waits.
template <typename Euros>
std::vector<std::string> Cells(const ReportLine& l, bool suppress, bool all_hidden, Euros euros) {
  const Figures& f = l.figures;
  if (all_hidden) return std::vector<std::string>(11, "x");
  std::vector<std::string> cells = {Count(f.clients_allocated, suppress),
                                    Count(f.clients_served, suppress),
                                    Count(f.allocations, suppress), Count(f.not_started, suppress)};
  if (l.hidden) {
    cells.resize(11, "x");
    return cells;
  }
  for (int64_t cents : {f.declared_cents, f.granted_cents, f.rejected_cents, f.pending_cents}) {
    cells.push_back(euros(cents));
  }
  const bool waits = f.waits.count > 0;
  cells.push_back(waits ? std::to_string(f.waits.median_days) : "-");
  cells.push_back(waits ? std::to_string(f.waits.p80_days) : "-");
  cells.push_back(waits ? absl::StrCat(f.waits.within_norm, " van ", f.waits.count) : "-");
  return cells;
}

bool TotalHidden(const Report& r) { return r.total.hidden; }

// The first `bytes` bytes of UTF-8 `text`, not cutting a character in two.
std::string Cut(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

}  // namespace

bool HasSmallCount(const Figures& f) {
  if (IsSmall(f.clients_allocated) || IsSmall(f.clients_served) || IsSmall(f.allocations) ||
      IsSmall(f.not_started) || IsSmall(f.waits.count) || IsSmall(f.waits.within_norm) ||
      IsSmall(f.waits.count - f.waits.within_norm)) {
    return true;
  }
  // Money of clients no count holds (only rejected lines): as few as one client's.
  if (f.clients_served == 0 && (f.declared_cents != 0 || f.rejected_cents != 0)) return true;
  return std::any_of(f.ended_by_reason.begin(), f.ended_by_reason.end(),
                     [](const auto& reason) { return IsSmall(reason.second); });
}

absl::StatusOr<ReportPeriod> ParseReportPeriod(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(absl::AsciiStrToUpper(text), '-');
  int year = 0, n = 0;
  if (parts.size() == 2 && parts[1].size() == 2 && absl::SimpleAtoi(parts[0], &year) &&
      absl::SimpleAtoi(parts[1].substr(1), &n) && year >= 2015 && year <= 2100) {
    if ((parts[1][0] == 'K' || parts[1][0] == 'Q') && n >= 1 && n <= 4) {
      const Quarter q{year, n};
      return ReportPeriod{q.Span(), q.Code(), absl::StrCat("het ", n, "e kwartaal van ", year)};
    }
    if (parts[1][0] == 'H' && (n == 1 || n == 2)) {
      return ReportPeriod{{absl::CivilDay(year, n == 1 ? 1 : 7, 1),
                           n == 1 ? absl::CivilDay(year, 6, 30) : absl::CivilDay(year, 12, 31)},
                          absl::StrCat(year, "-H", n),
                          absl::StrCat("het ", n, "e halfjaar van ", year)};
    }
  }
  return platform::InvalidField(
      "period", absl::StrCat("a quarter YYYY-K1..K4 or a half year YYYY-H1..H2, not '", text, "'"),
      absl::StrCat("'", text, "' is geen kwartaal of halfjaar; schrijf bijvoorbeeld 2026-K3 of ",
                   "2026-H1."));
}

Report BuildReport(const QuarterFigures& figures, const ReportPeriod& period,
                   const std::string& where, const ReportNames& names, bool suppress) {
  Report r;
  r.where = where;
  r.period = period;
  r.suppressed = suppress;
  bool any_hidden = false;
  for (const auto& [key, f] : figures.rows) {
    ReportLine l;
    auto c = names.contracts.find(key.contract_id);
    l.contract = key.contract_id == 0 || c == names.contracts.end() ? "geen contract" : c->second;
    auto p = names.providers.find(key.agb);
    l.provider = p == names.providers.end() ? "AGB " + key.agb : p->second;
    l.product = absl::StrCat(key.law == Law::kWmo ? "Wmo " : "Jeugdwet ", key.category,
                             key.code.empty() ? "" : " ", key.code);
    l.figures = f;
    l.hidden = suppress && HasSmallCount(f);
    any_hidden = any_hidden || l.hidden;
    r.lines.push_back(std::move(l));
  }
  std::sort(r.lines.begin(), r.lines.end(), [](const ReportLine& a, const ReportLine& b) {
    return std::tie(a.contract, a.provider, a.product) <
           std::tie(b.contract, b.provider, b.product);
  });
  r.total.figures = figures.total;
  r.total.hidden = suppress && (any_hidden || HasSmallCount(figures.total));
  return r;
}

std::string ReportCsv(const Report& r) {
  std::string out(platform::kUtf8Bom);
  out += platform::CsvLine(
      {"Contract", "Aanbieder", "Product", "Cliënten", "Cliënten bediend", "Toewijzingen",
       "Niet gestart", "Gedeclareerd (euro)", "Toegekend (euro)", "Afgewezen (euro)",
       "Nog open (euro)", "Wachttijd mediaan (dagen)", "Wachttijd P80 (dagen)", "Binnen de norm"});
  auto line = [&](const ReportLine& l, const std::string& first, bool all_hidden) {
    std::vector<std::string> fields = {first, l.provider, l.product};
    for (auto& cell : Cells(l, r.suppressed, all_hidden, CsvEuros)) fields.push_back(cell);
    out += platform::CsvLine(fields);
  };
  for (const ReportLine& l : r.lines) line(l, l.contract, false);
  line(r.total, "Totaal", TotalHidden(r));
  return out;
}

std::string ReportSvg(const Report& r) {
  std::vector<const ReportLine*> shown;
  int hidden = 0;
  for (const ReportLine& l : r.lines) {
    if (l.hidden) {
      ++hidden;
    } else {
      shown.push_back(&l);
    }
  }
  auto spend = [](const ReportLine* l) {
    return l->figures.granted_cents + l->figures.pending_cents;
  };
  std::stable_sort(shown.begin(), shown.end(),
                   [&](const ReportLine* a, const ReportLine* b) { return spend(a) > spend(b); });
  if (shown.size() > 15) shown.resize(15);
  int64_t max = 1;
  for (const ReportLine* l : shown) max = std::max(max, spend(l));
  const int width = 760, label = 330, bar_left = label + 10, row = 22, top = 44;
  const int height = top + row * static_cast<int>(shown.size()) + 40;
  const std::string title = absl::StrCat(
      "Toegekend en nog open per contract, aanbieder en product, ", r.where, ", ", r.period.code);
  std::string svg = absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
      "role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"11\">\n"
      "<title>%s</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
      "<text x=\"10\" y=\"22\" font-size=\"14\">%s</text>\n",
      width, height, width, height, platform::EscapeXml(title), platform::EscapeXml(title),
      platform::EscapeXml(title));
  for (size_t i = 0; i < shown.size(); ++i) {
    const ReportLine& l = *shown[i];
    const int y = top + row * static_cast<int>(i);
    const double w = std::max<double>(0, static_cast<double>(spend(&l))) /
                     static_cast<double>(max) * (width - bar_left - 110);
    const std::string name = absl::StrCat(l.contract, " · ", l.provider, " · ", l.product);
    absl::StrAppendFormat(&svg,
                          "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n"
                          "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#1f5fa8\">"
                          "<title>%s: %s</title></rect>\n"
                          "<text x=\"%.1f\" y=\"%d\">%s</text>\n",
                          label, y + 14, platform::EscapeXml(Cut(name, 60)), bar_left, y + 3, w,
                          row - 6, platform::EscapeXml(name), platform::FormatEuro(spend(&l)),
                          bar_left + w + 4, y + 14, platform::FormatEuro(spend(&l)));
  }
  absl::StrAppendFormat(
      &svg, "<text x=\"10\" y=\"%d\">%s</text>\n</svg>\n", height - 14,
      platform::EscapeXml(
          shown.empty() && hidden == 0 ? "Geen declaraties in deze periode."
          : hidden > 0                 ? absl::StrCat(hidden, hidden == 1 ? " regel" : " regels",
                                                      " zonder bedragen: minder dan 5 cliënten (afgeschermd).")
                                       : "Bedragen: toegekende en nog openstaande declaraties."));
  return svg;
}

platform::PdfDocument ReportPdf(const Report& r) {
  using Style = platform::PdfBlock::Style;
  platform::PdfDocument doc;
  doc.title = absl::StrCat("Contractmanagementinformatie ", r.where, " ", r.period.code);
  doc.author = "OZJT";
  doc.blocks.push_back({Style::kTitle, doc.title});
  doc.blocks.push_back(
      {Style::kBody,
       absl::StrCat("Cijfers van ", r.where, " over ", r.period.dutch,
                    ", uit de berichten iJw en iWmo (toewijzingen, start en stop van de zorg, "
                    "declaraties en hun antwoorden). Wachttijd: van de toewijzing tot de start "
                    "van de zorg, in dagen.",
                    r.suppressed ? " Aantallen van 1 tot en met 4 lezen \"<5\"; de bedragen en "
                                   "wachttijden van zo'n regel, en dan het hele totaal, lezen "
                                   "\"x\"."
                                 : "")});
  auto text = [&](const ReportLine& l, bool all_hidden) {
    const std::vector<std::string> c = Cells(l, r.suppressed, all_hidden, platform::FormatEuro);
    return absl::StrCat("Cliënten ", c[0], " (bediend ", c[1], "), toewijzingen ", c[2],
                        ", niet gestart ", c[3], ".\nGedeclareerd ", c[4], ", toegekend ", c[5],
                        ", afgewezen ", c[6], ", nog open ", c[7], ".\nWachttijd mediaan ", c[8],
                        ", P80 ", c[9], " dagen; binnen de norm ", c[10], ".");
  };
  doc.blocks.push_back({Style::kHeading, "Totaal"});
  doc.blocks.push_back({Style::kBody, text(r.total, TotalHidden(r))});
  doc.blocks.push_back({Style::kHeading, "Per contract, aanbieder en product"});
  if (r.lines.empty()) doc.blocks.push_back({Style::kBody, "Geen berichten over deze periode."});
  for (const ReportLine& l : r.lines) {
    doc.blocks.push_back({Style::kSmall, absl::StrCat(l.contract, " · ", l.provider, " · ",
                                                      l.product, "\n", text(l, false))});
  }
  return doc;
}

std::string ReportFileName(const Report& r) {
  std::string where;
  for (char c : absl::AsciiStrToLower(r.where == "de regio Twente" ? "twente" : r.where)) {
    where += absl::ascii_isalnum(static_cast<unsigned char>(c)) ? c : '-';
  }
  return absl::StrCat("contractinformatie-", where, "-", absl::AsciiStrToLower(r.period.code));
}

}  // namespace ozjt::insight
