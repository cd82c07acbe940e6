#include "services/platform/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <new>

#include "absl/strings/str_cat.h"
#include "services/platform/status.h"

namespace ozjt::platform {
namespace {

// Lengths in PDF points (1/72 inch), cairo's unit on a PDF surface.
constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kPointsPerMm;  // A4 portrait
constexpr double kPageHeight = 297 * kPointsPerMm;
constexpr double kMargin = 25 * kPointsPerMm;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kTextBottom = kPageHeight - kMargin;
// The top of the page number's line, in the bottom margin (its baseline about 15 mm above the
// edge of the page).
constexpr double kPageNumberTop = kPageHeight - 18 * kPointsPerMm;
constexpr char kSmallFont[] = "DejaVu Sans 8.5";

struct GObjectUnref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

struct StyleSpec {
  const char* font;     // for pango_font_description_from_string
  double gap_after;     // points
  bool keep_with_next;  // on the page of the first line of the next block
};

StyleSpec SpecOf(PdfBlock::Style style) {
  switch (style) {
    case PdfBlock::Style::kTitle:
      return {"DejaVu Sans Bold 16", 10, true};
    case PdfBlock::Style::kHeading:
      return {"DejaVu Sans Bold 11", 4, true};
    case PdfBlock::Style::kBody:
      break;
    case PdfBlock::Style::kSmall:
      return {kSmallFont, 4, false};
  }
  return {"DejaVu Sans 10.5", 6, false};
}

// One line of a laid out block: where it starts (alignment) and its height and baseline from
// its top, in points. `line` belongs to the block's layout.
struct Line {
  PangoLayoutLine* line = nullptr;
  double x = 0;
  double height = 0;
  double baseline = 0;
};

// A line placed on a page: its left end at the baseline.
struct PlacedLine {
  PangoLayoutLine* line = nullptr;
  double x = 0;
  double baseline = 0;
};
using Page = std::vector<PlacedLine>;

absl::Status CheckText(const std::string& text, const std::string& field) {
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    return absl::OkStatus();
  }
  return InvalidField(field, "is not valid UTF-8 text (or holds a NUL character)",
                      "Deze tekst bevat tekens die niet gelezen kunnen worden; typ hem opnieuw "
                      "en probeer het nog eens.");
}

// A layout of `text` in `font`, wrapped at the text width (between words, inside a word only
// when it is longer than a line).
GObjectPtr<PangoLayout> MakeLayout(PangoContext* context, const char* font,
                                   PangoAlignment alignment, const std::string& text) {
  GObjectPtr<PangoLayout> layout(pango_layout_new(context));
  PangoFontDescription* description = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout.get(), description);
  pango_font_description_free(description);
  pango_layout_set_width(layout.get(), pango_units_from_double(kTextWidth));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout.get(), alignment);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

std::vector<Line> LinesOf(PangoLayout* layout) {
  std::vector<Line> lines;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    Line line;
    line.line = pango_layout_iter_get_line_readonly(iter);
    line.x = pango_units_to_double(logical.x);
    line.height = pango_units_to_double(logical.height);
    line.baseline = pango_units_to_double(pango_layout_iter_get_baseline(iter) - logical.y);
    lines.push_back(line);
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return lines;
}

double HeightOf(const std::vector<Line>& lines) {
  double height = 0;
  for (const Line& line : lines) height += line.height;
  return height;
}

// The blocks' lines on pages (at least one): line by line from the top margin down, a new page
// when a line would cross the bottom margin. A block that keeps with the next one starts a new
// page when it and the first line of the next block do not fit together (unless they would not
// fit on an empty page either).
std::vector<Page> Paginate(const std::vector<PdfBlock>& blocks,
                           const std::vector<std::vector<Line>>& lines) {
  std::vector<Page> pages(1);
  double y = kMargin;
  const auto new_page = [&] {
    pages.emplace_back();
    y = kMargin;
  };
  for (size_t b = 0; b < blocks.size(); ++b) {
    const StyleSpec spec = SpecOf(blocks[b].style);
    if (spec.keep_with_next && b + 1 < blocks.size()) {
      const double needed = HeightOf(lines[b]) + spec.gap_after + lines[b + 1].front().height;
      if (y > kMargin && y + needed > kTextBottom && kMargin + needed <= kTextBottom) new_page();
    }
    for (const Line& line : lines[b]) {
      if (y > kMargin && y + line.height > kTextBottom) new_page();
      pages.back().push_back({line.line, kMargin + line.x, y + line.baseline});
      y += line.height;
    }
    y += spec.gap_after;
  }
  return pages;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_NO_MEMORY;
  }
  return CAIRO_STATUS_SUCCESS;
}

// Draws the pages with "Pagina N van M" at the bottom of each.
void DrawPages(cairo_t* cr, PangoContext* context, const std::vector<Page>& pages) {
  GObjectPtr<PangoLayout> page_number = MakeLayout(context, kSmallFont, PANGO_ALIGN_CENTER, "");
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const PlacedLine& placed : pages[p]) {
      cairo_move_to(cr, placed.x, placed.baseline);
      pango_cairo_show_layout_line(cr, placed.line);
    }
    const std::string text = absl::StrCat("Pagina ", p + 1, " van ", pages.size());
    pango_layout_set_text(page_number.get(), text.data(), static_cast<int>(text.size()));
    cairo_move_to(cr, kMargin, kPageNumberTop);
    pango_cairo_show_layout(cr, page_number.get());
    cairo_show_page(cr);
  }
}

}  // namespace

absl::StatusOr<std::string> RenderPdf(const PdfDocument& doc) {
  OZJT_RETURN_IF_ERROR(CheckText(doc.title, "title"));
  OZJT_RETURN_IF_ERROR(CheckText(doc.author, "author"));
  for (size_t b = 0; b < doc.blocks.size(); ++b) {
    OZJT_RETURN_IF_ERROR(CheckText(doc.blocks[b].text, absl::StrCat("blocks[", b, "].text")));
  }

  std::string pdf;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageWidth, kPageHeight));
  if (!doc.title.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  }
  if (!doc.author.empty()) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, doc.author.c_str());
  }
  {
    std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
    // A font map of this call's own: nothing shared with other threads but fontconfig and
    // cairo's font cache, which lock themselves.
    GObjectPtr<PangoFontMap> font_map(pango_cairo_font_map_new());
    GObjectPtr<PangoContext> context(pango_font_map_create_context(font_map.get()));
    pango_cairo_update_context(cr.get(), context.get());
    // Sizes in points: one point is one unit of the PDF surface (pango's default is 96 dpi,
    // which would make 10.5 pt text 14 pt). Outlines as designed, no hinting for a screen.
    pango_cairo_context_set_resolution(context.get(), 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_round_glyph_positions(context.get(), FALSE);
    pango_context_set_language(context.get(), pango_language_from_string("nl-nl"));

    std::vector<GObjectPtr<PangoLayout>> layouts;
    std::vector<std::vector<Line>> lines;
    for (const PdfBlock& block : doc.blocks) {
      layouts.push_back(
          MakeLayout(context.get(), SpecOf(block.style).font, PANGO_ALIGN_LEFT, block.text));
      lines.push_back(LinesOf(layouts.back().get()));
    }
    DrawPages(cr.get(), context.get(), Paginate(doc.blocks, lines));
  }
  cairo_surface_finish(surface.get());
  const cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS) {
    return absl::InternalError(absl::StrCat("cairo: ", cairo_status_to_string(status)));
  }
  return pdf;
}

}  // namespace ozjt::platform
