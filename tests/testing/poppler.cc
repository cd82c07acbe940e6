#include "tests/testing/poppler.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>

#include "absl/strings/str_cat.h"

namespace ozjt::testing {
namespace {

// `bytes` in a file of its own under /tmp, removed again when the object goes.
class TempFile {
 public:
  explicit TempFile(const std::string& bytes) {
    char name[] = "/tmp/ozjt_pdf_test_XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) {
      ADD_FAILURE() << "mkstemp failed";
      return;
    }
    path_ = name;
    size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
      if (n <= 0) {
        ADD_FAILURE() << "write to " << path_ << " failed";
        break;
      }
      written += static_cast<size_t>(n);
    }
    close(fd);
  }
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string Poppler(const std::string& tool, const std::string& pdf, const std::string& after) {
  TempFile file(pdf);
  const std::string command = absl::StrCat(tool, " ", file.path(), after, " 2>&1");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return "";
  }
  std::string out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
  EXPECT_EQ(pclose(pipe), 0) << command << ": " << out;
  return out;
}

std::string PdfText(const std::string& pdf) { return Poppler("pdftotext -layout", pdf, " -"); }

}  // namespace ozjt::testing
