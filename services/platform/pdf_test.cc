#include "services/platform/pdf.h"

#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/platform/status.h"
#include "tests/testing/poppler.h"

namespace ozjt::platform {
namespace {

using Style = PdfBlock::Style;

// A4 and its margins of 25 mm, in points.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 70.866;

using testing::Poppler;

std::string Text(const std::string& pdf) { return testing::PdfText(pdf); }

// The value of a line "Name:   value" of pdfinfo, or "".
std::string Info(const std::string& pdf, const std::string& name) {
  const std::string info = Poppler("pdfinfo", pdf);
  for (absl::string_view line : absl::StrSplit(info, '\n')) {
    if (absl::ConsumePrefix(&line, name + ":")) {
      return std::string(absl::StripAsciiWhitespace(line));
    }
  }
  ADD_FAILURE() << "pdfinfo has no " << name << ": " << info;
  return "";
}

int Pages(const std::string& pdf) {
  int pages = 0;
  EXPECT_TRUE(absl::SimpleAtoi(Info(pdf, "Pages"), &pages));
  return pages;
}

struct Word {
  double x_min, y_min, x_max, y_max;
  std::string text;
};

// Every page's words with their boxes (pdftotext -bbox), top to bottom.
std::vector<std::vector<Word>> WordsByPage(const std::string& pdf) {
  const std::string html = Poppler("pdftotext -bbox", pdf, " -");
  std::vector<std::vector<Word>> pages;
  static const std::regex kItem(
      "<page |<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
      "yMax=\"([0-9.]+)\">([^<]*)</word>");
  for (std::sregex_iterator it(html.begin(), html.end(), kItem), end; it != end; ++it) {
    const std::smatch& m = *it;
    if (m[1].length() == 0) {
      pages.emplace_back();
      continue;
    }
    Word word{std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]};
    pages.back().push_back(word);
  }
  return pages;
}

// `w` (on page `page`) within the margins: left and right exactly, top and bottom as far as the
// font's ascent and descent allow.
void ExpectWithinMargins(const Word& w, int page) {
  EXPECT_GE(w.x_min, kMargin - 0.5) << "page " << page << ": " << w.text;
  EXPECT_LE(w.x_max, kPageWidth - kMargin + 0.5) << "page " << page << ": " << w.text;
  EXPECT_GE(w.y_min, kMargin - 3) << "page " << page << ": " << w.text;
  EXPECT_LE(w.y_max, kPageHeight - kMargin + 3) << "page " << page << ": " << w.text;
}

// The words within the margins, and below the bottom margin only "Pagina N van M".
void ExpectLaidOutOnPages(const std::string& pdf, int page_count) {
  const std::vector<std::vector<Word>> pages = WordsByPage(pdf);
  ASSERT_EQ(static_cast<int>(pages.size()), page_count);
  for (int p = 0; p < page_count; ++p) {
    std::vector<std::string> footer;
    int text_words = 0;
    for (const Word& w : pages[p]) {
      if (w.y_min > kPageHeight - kMargin) {
        footer.push_back(w.text);
        continue;
      }
      ++text_words;
      ExpectWithinMargins(w, p + 1);
    }
    EXPECT_GT(text_words, 0) << "page " << p + 1 << " is empty";
    EXPECT_EQ(absl::StrJoin(footer, " "), absl::StrCat("Pagina ", p + 1, " van ", page_count));
  }
}

PdfDocument Letter() {
  PdfDocument doc;
  doc.title = "Kennisgeving verlenging overeenkomst";
  doc.author = "OZJT";
  doc.blocks = {
      {Style::kTitle, "Kennisgeving verlenging overeenkomst"},
      {Style::kSmall, "Kenmerk: OZJT-2025-0042 · Tilburg, 30-09-2025"},
      {Style::kBody, "Geëerde heer Jansen,"},
      {Style::kBody, "Het café ontvangt € 1.234,56 per kwartaal.\nBedragen <excl.> & btw."},
      {Style::kHeading, "Financiële afspraken"},
      {Style::kBody,
       "Wij verlengen de overeenkomst met één jaar. De tarieven worden geïndexeerd volgens de "
       "afspraken die in de raamovereenkomst zijn vastgelegd, en de zorgaanbieder ontvangt "
       "hierover vóór 1 december een bevestiging."},
      {Style::kBody, "Met vriendelijke groet,\n\nOZJT"},
  };
  return doc;
}

TEST(PdfTest, RendersDutchTextAsSearchableText) {
  auto pdf = RenderPdf(Letter());
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_TRUE(absl::StartsWith(*pdf, "%PDF-"));
  const std::string text = Text(*pdf);
  EXPECT_TRUE(absl::StrContains(text, "Kennisgeving verlenging overeenkomst")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Kenmerk: OZJT-2025-0042 · Tilburg, 30-09-2025")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Geëerde heer Jansen,")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Het café ontvangt € 1.234,56 per kwartaal.")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Bedragen <excl.> & btw.")) << text;  // not markup
  EXPECT_TRUE(absl::StrContains(text, "Financiële afspraken")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Wij verlengen de overeenkomst met één jaar.")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Met vriendelijke groet,")) << text;
  EXPECT_TRUE(absl::StrContains(text, "Pagina 1 van 1")) << text;
  EXPECT_EQ(Pages(*pdf), 1);
  EXPECT_EQ(Info(*pdf, "Title"), "Kennisgeving verlenging overeenkomst");
  EXPECT_EQ(Info(*pdf, "Author"), "OZJT");
  EXPECT_EQ(Info(*pdf, "Creator"), "OZJT");
  EXPECT_EQ(Info(*pdf, "Page size"), "595.276 x 841.89 pts (A4)");
  ExpectLaidOutOnPages(*pdf, 1);
}

TEST(PdfTest, TheFontsHaveTheirSizesInPoints) {
  PdfDocument doc;
  doc.blocks = {{Style::kTitle, "Titel"}, {Style::kBody, "Tekst"}, {Style::kSmall, "Klein"}};
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const std::vector<std::vector<Word>> pages = WordsByPage(*pdf);
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_GE(pages[0].size(), 3u);
  // pdftotext's box is the font's ascent plus descent: 1.164 em for DejaVu Sans.
  const double expected[] = {16, 10.5, 8.5};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(pages[0][i].y_max - pages[0][i].y_min, expected[i] * 1.164, 0.5)
        << pages[0][i].text;
  }
  EXPECT_NEAR(pages[0][0].x_min, kMargin, 0.5);
}

TEST(PdfTest, LongDocumentBreaksIntoNumberedPages) {
  PdfDocument doc;
  doc.title = "Lang";
  doc.blocks.push_back({Style::kTitle, "Overzicht van alle afspraken"});
  for (int i = 1; i <= 200; ++i) {
    if (i % 25 == 1) doc.blocks.push_back({Style::kHeading, absl::StrCat("Deel ", i / 25 + 1)});
    doc.blocks.push_back({Style::kBody, absl::StrCat("Alinea ", i,
                                                     ". De zorgaanbieder levert jeugdhulp "
                                                     "volgens de afspraken; de gemeente "
                                                     "betaalt binnen dertig dagen na "
                                                     "ontvangst van een juiste factuur.")});
  }
  // Longer than a line and without a space: broken inside, within the margins.
  doc.blocks.push_back({Style::kSmall, std::string(300, 'x')});
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const int pages = Pages(*pdf);
  EXPECT_GT(pages, 1);
  const std::string text = Text(*pdf);
  for (int p = 1; p <= pages; ++p) {
    EXPECT_TRUE(absl::StrContains(text, absl::StrCat("Pagina ", p, " van ", pages, "\n"))) << p;
  }
  EXPECT_FALSE(absl::StrContains(text, absl::StrCat("Pagina ", pages + 1)));
  for (int i = 1; i <= 200; ++i) {
    EXPECT_TRUE(absl::StrContains(text, absl::StrCat("Alinea ", i, ". De zorgaanbieder"))) << i;
  }
  ExpectLaidOutOnPages(*pdf, pages);
}

TEST(PdfTest, BlockLongerThanAPageIsSplitBetweenLines) {
  std::vector<std::string> lines;
  for (int i = 1; i <= 150; ++i) lines.push_back(absl::StrCat("Regel ", i, " van het blok"));
  PdfDocument doc;
  doc.blocks = {{Style::kBody, absl::StrJoin(lines, "\n")}};
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  const int pages = Pages(*pdf);
  EXPECT_GE(pages, 3);  // about 57 lines of 10.5 pt fit on a page
  const std::string text = Text(*pdf);
  for (const std::string& line : lines) EXPECT_TRUE(absl::StrContains(text, line)) << line;
  ExpectLaidOutOnPages(*pdf, pages);
  // The lines in order: the last of the page is followed by the first of the next.
  const std::vector<std::vector<Word>> words = WordsByPage(*pdf);
  int expected = 1;
  for (const std::vector<Word>& page : words) {
    for (size_t w = 0; w + 1 < page.size(); ++w) {
      if (page[w].text != "Regel") continue;
      EXPECT_EQ(page[w + 1].text, absl::StrCat(expected));
      ++expected;
    }
  }
  EXPECT_EQ(expected, 151);
}

TEST(PdfTest, HeadingMovesToTheNextPageWithTheTextAfterIt) {
  // Enough lines before the heading to bring it to every spot near the bottom of page 1.
  for (int before = 30; before <= 45; ++before) {
    PdfDocument doc;
    for (int i = 0; i < before; ++i) doc.blocks.push_back({Style::kBody, "Vulling"});
    doc.blocks.push_back({Style::kHeading, "Kopje"});
    doc.blocks.push_back({Style::kBody, "Inhoud"});
    auto pdf = RenderPdf(doc);
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    int heading_page = -1;
    int text_page = -2;
    const std::vector<std::vector<Word>> pages = WordsByPage(*pdf);
    for (size_t p = 0; p < pages.size(); ++p) {
      for (const Word& w : pages[p]) {
        if (w.text == "Kopje") heading_page = static_cast<int>(p);
        if (w.text == "Inhoud") text_page = static_cast<int>(p);
      }
    }
    EXPECT_EQ(heading_page, text_page) << before << " lines before";
  }
}

TEST(PdfTest, EmptyDocumentIsOnePage) {
  auto pdf = RenderPdf(PdfDocument{});
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  EXPECT_EQ(Pages(*pdf), 1);
  EXPECT_TRUE(absl::StrContains(Text(*pdf), "Pagina 1 van 1"));
}

TEST(PdfTest, TextThatIsNotUtf8IsInvalidArgument) {
  PdfDocument doc = Letter();
  doc.blocks[2].text = "Ge\xEB\x65rde heer";  // Latin-1, not UTF-8
  auto pdf = RenderPdf(doc);
  EXPECT_EQ(pdf.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(ViolationsOf(pdf.status()).size(), 1u);
  EXPECT_EQ(ViolationsOf(pdf.status())[0].field, "blocks[2].text");

  doc = Letter();
  doc.title = "\xC3\x28";
  EXPECT_EQ(RenderPdf(doc).status().code(), absl::StatusCode::kInvalidArgument);
  doc = Letter();
  doc.author = std::string("OZ\0JT", 5);
  EXPECT_EQ(RenderPdf(doc).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PdfTest, ManyThreadsAtOnce) {
  constexpr int kThreads = 8;
  std::vector<absl::StatusOr<std::string>> results(kThreads, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &results] {
      PdfDocument doc = Letter();
      doc.blocks[0].text = absl::StrCat("Document ", t);
      for (int i = 0; i < 3; ++i) results[t] = RenderPdf(doc);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_TRUE(results[t].ok()) << results[t].status();
    const std::string text = Text(*results[t]);
    EXPECT_TRUE(absl::StrContains(text, absl::StrCat("Document ", t, "\n"))) << text;
    EXPECT_TRUE(absl::StrContains(text, "Het café ontvangt € 1.234,56 per kwartaal.")) << text;
  }
}

}  // namespace
}  // namespace ozjt::platform
