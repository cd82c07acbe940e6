#include "clients/cli/usage.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace ozjt::cli {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The command path a person typed so far ("ozjt contracts") and the deepest command.
CLI::App* Deepest(CLI::App& app, std::string* path) {
  CLI::App* cur = &app;
  *path = "ozjt";
  for (;;) {
    auto subs = cur->get_subcommands();
    if (subs.empty()) return cur;
    cur = subs.front();
    *path += " " + cur->get_name();
  }
}

std::vector<std::string> CommandNames(CLI::App* app) {
  std::vector<std::string> names;
  for (auto* sub : app->get_subcommands([](CLI::App* s) { return !s->get_name().empty(); })) {
    names.push_back(sub->get_name());
  }
  return names;
}

std::vector<std::string> FlagNames(CLI::App* app) {
  std::vector<std::string> names;
  for (CLI::App* a = app; a != nullptr; a = a->get_parent()) {  // the global flags count too
    for (const auto* opt : a->get_options()) {
      for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
    }
  }
  return names;
}

std::string Suggest(const std::vector<std::string>& nearest) {
  return nearest.empty() ? "" : "; bedoelde u: " + absl::StrJoin(nearest, " of ") + "?";
}

// "--version is required" -> "--version"; "A subcommand" -> "".
std::string Before(const std::string& text, const std::string& marker) {
  const size_t at = text.find(marker);
  return at == std::string::npos ? "" : text.substr(0, at);
}

// Words left over, deepest command first: a mistyped command or flag; "" when none.
std::string LeftoverWordError(CLI::App* cur, const std::string& path) {
  for (CLI::App* level = cur; level != nullptr; level = level->get_parent()) {
    std::string level_path = path;
    for (CLI::App* up = cur; up != level; up = up->get_parent()) {
      level_path = level_path.substr(0, level_path.rfind(' '));
    }
    for (const auto& word : level->remaining()) {
      if (word.rfind("-", 0) == 0) {
        const std::string flag = word.substr(0, word.find('='));
        return absl::StrCat("onbekende optie ", flag, " bij '", level_path, "'",
                            Suggest(Nearest(flag, FlagNames(level))), " (zie ", level_path,
                            " --help)");
      }
      const auto commands = CommandNames(level);
      if (!commands.empty()) {
        const auto nearest = Nearest(word, commands);
        return absl::StrCat(
            "'", word, "' is geen opdracht van ", level_path,
            nearest.empty() ? "; kies uit: " + absl::StrJoin(commands, ", ") : Suggest(nearest));
      }
      return absl::StrCat("onverwacht '", word, "' bij '", level_path, "' (zie ", level_path,
                          " --help)");
    }
  }
  return "";
}

}  // namespace

std::vector<std::string> Nearest(const std::string& typed,
                                 const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(2, typed.size() / 3);
  size_t best = limit + 1;
  std::vector<std::string> out;
  for (const auto& c : candidates) {
    size_t d = EditDistance(typed, c);
    if (typed.size() >= 3 && c.rfind(typed, 0) == 0) d = std::min<size_t>(d, 1);
    if (d > limit) continue;
    if (d < best) {
      best = d;
      out.clear();
    }
    if (d == best && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  }
  return out;
}

std::string DutchUsageError(CLI::App& app, const CLI::ParseError& error) {
  std::string path;
  CLI::App* cur = Deepest(app, &path);
  if (std::string left = LeftoverWordError(cur, path); !left.empty()) return left;
  const std::string what = error.what();
  const std::string name = error.get_name();
  if (name == "RequiredError") {
    const auto commands = CommandNames(cur);
    if (what.find("subcommand") != std::string::npos && !commands.empty()) {
      return "'" + path + "' heeft een opdracht nodig: " + absl::StrJoin(commands, ", ");
    }
    std::string missing = Before(what, " is required");
    if (missing.empty()) missing = what;
    return missing + " is verplicht bij '" + path + "' (zie " + path + " --help)";
  }
  if (name == "ConversionError") {
    const size_t eq = what.find(" = ");
    if (what.rfind("Could not convert: ", 0) == 0 && eq != std::string::npos) {
      return what.substr(19, eq - 19) + ": '" + what.substr(eq + 3) +
             "' is geen geldige waarde (een getal verwacht?)";
    }
    return "ongeldige waarde: " + what;
  }
  if (name == "ValidationError") {
    const size_t colon = what.find(": ");
    const std::string flag = colon == std::string::npos ? "" : what.substr(0, colon) + ": ";
    std::string rule = colon == std::string::npos ? what : what.substr(colon + 2);
    // CLI::IsMember: "foo not in {a,b}"; CLI::Range: "Value 0 not in range 1 to 3600".
    const size_t not_in = rule.find(" not in {");
    const size_t range = rule.find(" not in range ");
    if (rule.rfind("Value ", 0) == 0 && range != std::string::npos) {
      const std::string bounds = rule.substr(range + 14);
      const size_t to = bounds.find(" to ");
      return flag + "'" + rule.substr(6, range - 6) + "' moet een getal van " +
             bounds.substr(0, to) + " tot en met " + bounds.substr(to + 4) + " zijn";
    }
    if (not_in != std::string::npos) {
      std::string choices = rule.substr(not_in + 9);
      if (!choices.empty() && choices.back() == '}') choices.pop_back();
      std::vector<std::string> options = absl::StrSplit(choices, ',');
      const auto nearest = Nearest(rule.substr(0, not_in), options);
      return flag + "'" + rule.substr(0, not_in) + "' kan niet; kies uit " +
             absl::StrJoin(options, ", ") + Suggest(nearest);
    }
    return flag + "ongeldige waarde (" + rule + ")";
  }
  if (name == "ArgumentMismatch") {
    const size_t colon = what.find(':');
    return (colon == std::string::npos ? what : what.substr(0, colon)) +
           ": geef een waarde (of het juiste aantal waarden) op (zie " + path + " --help)";
  }
  if (name == "ExcludesError") {
    return Before(what, " excludes ") + " en " + what.substr(what.find(" excludes ") + 10) +
           " gaan niet samen";
  }
  if (name == "RequiresError") {
    return Before(what, " requires ") + " vraagt ook " + what.substr(what.find(" requires ") + 10);
  }
  return "de opdracht klopt niet (" + what + "); zie " + path + " --help";
}

namespace {

// CLI11's words in help texts, by the key its formatter looks them up with.
constexpr std::pair<const char*, const char*> kLabels[] = {{"Usage", "Gebruik"},
                                                           {"OPTIONS", "OPTIES"},
                                                           {"SUBCOMMAND", "OPDRACHT"},
                                                           {"SUBCOMMANDS", "OPDRACHTEN"},
                                                           {"Positionals", "Argumenten"},
                                                           {"REQUIRED", "VERPLICHT"},
                                                           {"TEXT", "TEKST"},
                                                           {"INT", "GETAL"},
                                                           {"UINT", "GETAL"},
                                                           {"FLOAT", "GETAL"},
                                                           {"CHAR", "TEKEN"},
                                                           {"BOOLEAN", "JA/NEE"},
                                                           {"ENUM", "KEUZE"},
                                                           {"Env", "Omgeving"},
                                                           {"Needs", "Vereist"},
                                                           {"Excludes", "Niet samen met"}};

void DutchHelpOf(CLI::App& app) {
  // Commands share their parent's formatter (unless given their own): label it.
  CLI::FormatterBase& formatter = *app.get_formatter();
  for (const auto& [key, dutch] : kLabels) formatter.label(key, dutch);
  // "Options" and "Subcommands" are the default groups, which CLI11 prints as headings.
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_group() == "Options") opt->group("Opties");
    // A type with a check ("INT:1 t/m 3600") is looked up whole: give it its Dutch label.
    const std::string type = opt->get_type_name();
    const size_t colon = type.find(':');
    if (colon != std::string::npos) {
      formatter.label(type, formatter.get_label(type.substr(0, colon)) + type.substr(colon));
    }
  }
  if (CLI::Option* help = app.get_help_ptr()) help->description("Toon deze hulp en stop");
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group() == "Subcommands") sub->group("Opdrachten");
    DutchHelpOf(*sub);
  }
}

}  // namespace

void DutchHelp(CLI::App& app) { DutchHelpOf(app); }

int ParseCommandLine(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return -1;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help and friends
    std::cerr << "fout: " << DutchUsageError(app, e) << std::endl;
    return 2;
  }
}

}  // namespace ozjt::cli
