// The page's files, embedded at build time from clients/web/static/ (see CMakeLists.txt).
#pragma once

#include <string_view>
#include <vector>

namespace ozjt::web {

struct StaticFile {
  std::string_view path;  // "/index.html"
  std::string_view body;
};

const std::vector<StaticFile>& StaticFiles();

}  // namespace ozjt::web
