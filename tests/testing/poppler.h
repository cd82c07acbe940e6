// What poppler-utils reads in a PDF, for tests of the PDFs the services make.
#ifndef OZJT_TESTS_TESTING_POPPLER_H_
#define OZJT_TESTS_TESTING_POPPLER_H_

#include <string>

namespace ozjt::testing {

// What `tool` (a poppler-utils command and its options, e.g. "pdfinfo") prints for `pdf`, given
// in a temporary file with `after` after the file's name. A failing command fails the test.
std::string Poppler(const std::string& tool, const std::string& pdf, const std::string& after = "");

// The PDF's text as laid out on its pages (pdftotext -layout).
std::string PdfText(const std::string& pdf);

}  // namespace ozjt::testing

#endif  // OZJT_TESTS_TESTING_POPPLER_H_
