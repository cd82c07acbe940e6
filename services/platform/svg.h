// Helpers for the SVG charts the services draw (JZ+ inflow, contract management information).
#pragma once

#include <string>

namespace ozjt::platform {

// `s` as text inside SVG (XML): <, > and & escaped (attributes are written with '"', which
// chart labels never hold).
std::string EscapeXml(const std::string& s);

}  // namespace ozjt::platform
