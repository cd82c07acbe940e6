// The quarterly and half-yearly report of the contract management information, for a
// municipality or the region: CSV (Dutch Excel), an SVG chart and a PDF for the municipalities'
// managers (platform/pdf.h). Built from the figures of the period (measures.h) as people read
// them; with suppression (municipal users, and OZJT's external exports) exactly as the JZ+
// report: a count of 1 to 4 reads "<5", every figure of its row that is computed from the
// clients (money, waiting times, the share within the norm) reads "x", and when any row has a
// small count the total reads "x" throughout (its counts and sums would give the row away). So
// a suppressed report depends only on the cells it shows: every small count moved to another
// small value leaves the CSV, the SVG and the PDF's text byte for byte the same.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/insight/measures.h"
#include "services/platform/pdf.h"

namespace ozjt::insight {

// A quarter ("2026-K3") or a half year ("2026-H1", "2026-H2").
struct ReportPeriod {
  Period span;
  std::string code;   // "2026-K3", "2026-H1"
  std::string dutch;  // "het 3e kwartaal van 2026", "het 1e halfjaar van 2026"
};
// INVALID_ARGUMENT (field "period") for anything else.
absl::StatusOr<ReportPeriod> ParseReportPeriod(const std::string& text);

// A count of 1 to 4: "<5" in a suppressed output.
inline bool IsSmall(int64_t n) { return n > 0 && n < 5; }
// Whether a row has a small count (clients, clients served, allocations, not started, ended
// by a reason, starts with a waiting time, starts within or beyond the norm), or money of
// clients no count holds (only rejected lines): in a suppressed output its money and waiting
// times are hidden.
bool HasSmallCount(const Figures& f);

struct ReportLine {
  std::string contract;  // its reference, or "geen contract"
  std::string provider;  // its name, or "AGB 99000001"
  std::string product;   // "Jeugdwet 45 45A03"
  Figures figures;
  bool hidden = false;  // suppressed: only the counts are shown ("<5" when small)
};

struct Report {
  std::string where;  // "Enschede", "de regio Twente"
  ReportPeriod period;
  bool suppressed = false;
  std::vector<ReportLine> lines;  // by contract, provider and product
  ReportLine total;               // contract, provider and product empty
};

// The names of the rows' contracts (by id) and providers (by AGB code).
struct ReportNames {
  std::map<int64_t, std::string> contracts;
  std::map<std::string, std::string> providers;
};

Report BuildReport(const QuarterFigures& figures, const ReportPeriod& period,
                   const std::string& where, const ReportNames& names, bool suppress);

// Semicolon-separated, a byte-order mark first, amounts with a decimal comma; the total last.
std::string ReportCsv(const Report& r);
// Granted and pending spend per shown row (the 15 largest) as horizontal bars; the number of
// rows shown without their money is said below.
std::string ReportSvg(const Report& r);
// The report as a PDF document (render with platform::RenderPdf).
platform::PdfDocument ReportPdf(const Report& r);
// "contractinformatie-enschede-2026-k3" (without extension).
std::string ReportFileName(const Report& r);

}  // namespace ozjt::insight
