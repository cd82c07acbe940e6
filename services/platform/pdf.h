// A small PDF of Dutch text (letters, notices, overviews) with real, searchable text: cairo's
// PDF surface and pango for the layout (Debian's libcairo2 and libpango). A4 portrait, margins
// of 25 mm, DejaVu Sans, left aligned and wrapped at the text width (a word longer than a line
// is broken), blocks top to bottom with a gap after each, a page break between two lines where a
// block does not fit (a title or heading moves along with the first line of the block after
// it), and "Pagina N van M" at the bottom of every page.
//
//   PdfDocument doc;
//   doc.title = "Kennisgeving";
//   doc.author = "OZJT";
//   doc.blocks.push_back({PdfBlock::Style::kTitle, "Kennisgeving"});
//   doc.blocks.push_back({PdfBlock::Style::kBody, "Geëerde heer, ...\nMet vriendelijke groet,"});
//   OZJT_ASSIGN_OR_RETURN(std::string pdf, RenderPdf(doc));
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ozjt::platform {

struct PdfBlock {
  // Title 16 pt bold, Heading 11 pt bold, Body 10.5 pt, Small 8.5 pt.
  enum class Style { kTitle, kHeading, kBody, kSmall };
  Style style = Style::kBody;
  // UTF-8 plain text, as it is (not markup: '<' and '&' are just characters); '\n' starts a new
  // line, an empty line is a blank line.
  std::string text;
};

struct PdfDocument {
  std::string title;             // the PDF's metadata title
  std::string author;            // the PDF's metadata author and creator, e.g. "OZJT"
  std::vector<PdfBlock> blocks;  // rendered top to bottom, a gap after each block
};

// The PDF's bytes (at least one page, also without blocks). INVALID_ARGUMENT naming the field
// ("title", "author", "blocks[3].text") for text that is not UTF-8 or holds a NUL; INTERNAL when
// cairo fails. Safe to call from many threads at once (each call has its own font map).
absl::StatusOr<std::string> RenderPdf(const PdfDocument& doc);

}  // namespace ozjt::platform
