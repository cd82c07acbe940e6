// The report's suppression with the JZ+ report's proof: every small count moved to another
// small value (and with it the money and waits of its row and the total, which are hidden)
// leaves the CSV, the SVG and the PDF's text byte for byte the same.
#include "services/insight/report.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"

namespace ozjt::insight {
namespace {

Figures Row(int64_t clients, int64_t allocations, int64_t granted_cents, int wait_days) {
  Figures f;
  f.clients_allocated = clients;
  f.clients_served = clients;
  f.allocations = allocations;
  f.granted_cents = granted_cents;
  f.declared_cents = granted_cents;
  const int n = static_cast<int>(clients);
  f.waits = {n, wait_days, wait_days + 7, n, 42};
  return f;
}

// Two rows of JH-2025 in Enschede: one of 12 clients, one of `small` (1 to 4).
QuarterFigures Figures2026K3(int64_t small, int64_t money) {
  QuarterFigures q;
  q.rows.push_back({{7, "98000000", Law::kJw, "45", "45A01"}, Row(12, 14, 1234550, 21)});
  q.rows.push_back({{7, "98000131", Law::kWmo, "02", "02B01"}, Row(small, small, money, 3)});
  q.total = Row(12 + small, 14 + small, 1234550 + money, 20);
  return q;
}

const ReportNames kNames = {
    {{7, "JH-2025"}},
    {{"98000000", "Jeugdhulp Esrand (fictief)"}, {"98000131", "Begeleiding Regge (fictief)"}}};

Report Enschede(int64_t small, int64_t money, bool suppress) {
  return BuildReport(Figures2026K3(small, money), *ParseReportPeriod("2026-K3"), "Enschede", kNames,
                     suppress);
}

std::string PdfText(const platform::PdfDocument& d) {
  std::string text = d.title;
  for (const auto& b : d.blocks) text += "\n" + b.text;
  return text;
}

TEST(Report, SmallCountsReadLessThanFiveAndWhatFollowsFromThemX) {
  const Report r = Enschede(3, 45000, true);
  const std::string csv = ReportCsv(r);
  EXPECT_TRUE(absl::StartsWith(csv,
                               "\xEF\xBB\xBF"
                               "Contract;Aanbieder;Product;Cliënten;"));
  EXPECT_TRUE(absl::StrContains(
      csv,
      "JH-2025;Jeugdhulp Esrand (fictief);Jeugdwet 45 45A01;12;12;14;0;12345,50;12345,50;"
      "0,00;0,00;21;28;12 van 12\r\n"));
  EXPECT_TRUE(absl::StrContains(
      csv, "JH-2025;Begeleiding Regge (fictief);Wmo 02 02B01;<5;<5;<5;0;x;x;x;x;x;x;x\r\n"));
  EXPECT_TRUE(absl::StrContains(csv, "Totaal;;;x;x;x;x;x;x;x;x;x;x;x\r\n"));
  const std::string svg = ReportSvg(r);
  EXPECT_TRUE(absl::StrContains(svg, "€ 12.345,50"));
  EXPECT_TRUE(absl::StrContains(svg, "1 regel zonder bedragen: minder dan 5 cliënten"));
  EXPECT_FALSE(absl::StrContains(svg, "€ 450,00"));
  // OZJT's own report: exact.
  const std::string exact = ReportCsv(Enschede(3, 45000, false));
  EXPECT_TRUE(absl::StrContains(exact, "Wmo 02 02B01;3;3;3;0;450,00;450,00;"));
  EXPECT_TRUE(absl::StrContains(exact, "Totaal;;;15;15;17;0;12795,50;"));
}

TEST(Report, MovingASmallCountToAnotherSmallValueChangesNoByte) {
  const Report before = Enschede(3, 45000, true);
  for (int64_t small : {1, 2, 4}) {
    const Report after = Enschede(small, 45000 * small / 3 + 17, true);
    EXPECT_EQ(ReportCsv(after), ReportCsv(before)) << small;
    EXPECT_EQ(ReportSvg(after), ReportSvg(before)) << small;
    EXPECT_EQ(PdfText(ReportPdf(after)), PdfText(ReportPdf(before))) << small;
  }
  // Not so without suppression, nor for a count of 5.
  EXPECT_NE(ReportCsv(Enschede(2, 45000, false)), ReportCsv(Enschede(3, 45000, false)));
  EXPECT_NE(ReportCsv(Enschede(5, 45000, true)), ReportCsv(before));
}

TEST(Report, PeriodsAreQuartersAndHalfYears) {
  auto h1 = ParseReportPeriod("2026-H1");
  ASSERT_TRUE(h1.ok());
  EXPECT_EQ(h1->span.first, absl::CivilDay(2026, 1, 1));
  EXPECT_EQ(h1->span.last, absl::CivilDay(2026, 6, 30));
  EXPECT_EQ(h1->dutch, "het 1e halfjaar van 2026");
  auto k3 = ParseReportPeriod("2026-k3");
  ASSERT_TRUE(k3.ok());
  EXPECT_EQ(k3->code, "2026-K3");
  EXPECT_EQ(k3->span.last, absl::CivilDay(2026, 9, 30));
  for (const char* bad : {"2026-H3", "2026-K5", "2026", "H1-2026", ""}) {
    EXPECT_EQ(ParseReportPeriod(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(ReportFileName(Enschede(3, 1, true)), "contractinformatie-enschede-2026-k3");
}

TEST(Report, ThePdfRenders) {
  auto pdf = platform::RenderPdf(ReportPdf(Enschede(3, 45000, true)));
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_TRUE(absl::StartsWith(*pdf, "%PDF-"));
}

}  // namespace
}  // namespace ozjt::insight
