#include "services/platform/csv.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/status.h"

namespace ozjt::platform {

bool IsValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    int extra;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      const unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::optional<ControlCharacter> FindControlCharacter(absl::string_view text) {
  ControlCharacter at;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    size_t length = 1;
    if (c >= 0xC0) {  // the lead byte of a multi-byte character
      length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      while (length > 1 && (i + length > text.size() ||
                            (static_cast<unsigned char>(text[i + length - 1]) & 0xC0) != 0x80)) {
        --length;  // a truncated sequence: count what is there
      }
    }
    // U+0080..U+00BF is C2 80..C2 BF; the C1 controls are C2 80..C2 9F.
    const bool c1 = c == 0xC2 && length == 2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c1) cp = 0x80 | (static_cast<unsigned char>(text[i + 1]) & 0x3F);
    const bool control =
        c1 ||
        (length == 1 && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F));
    if (control) {
      at.code_point = cp;
      return at;
    }
    if (cp == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
    i += length;
  }
  return std::nullopt;
}

std::optional<FieldViolation> ControlCharacterViolation(absl::string_view text,
                                                        const std::string& field) {
  const std::optional<ControlCharacter> at = FindControlCharacter(text);
  if (!at) return std::nullopt;
  const bool lines = text.find('\n') != absl::string_view::npos;
  FieldViolation v;
  v.field = field;
  v.description =
      absl::StrCat("contains control character ", absl::StrFormat("U+%04X", at->code_point),
                   lines ? " on line " : "", lines ? absl::StrCat(at->line) : "", " at character ",
                   at->column, "; only tab and line breaks are accepted");
  v.dutch = absl::StrCat("Deze tekst bevat ", lines ? absl::StrCat("op regel ", at->line, " ") : "",
                         "een onzichtbaar stuurteken (",
                         at->code_point == 0 ? "NUL" : "een besturingsteken", ") op positie ",
                         at->column, "; haal het weg en probeer het opnieuw.");
  return v;
}

namespace {

// Reads the quoted field that starts at text[i] (the opening quote) into `field`; `i` ends just
// after the closing quote, `line` counts the line breaks inside.
absl::Status ReadQuotedField(absl::string_view text, char separator, size_t& i, int& line,
                             std::string& field) {
  const int start_line = line;
  ++i;
  bool closed = false;
  while (i < text.size()) {
    if (text[i] == '"') {
      if (i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        i += 2;
        continue;
      }
      ++i;
      closed = true;
      break;
    }
    if (text[i] == '\n') ++line;
    field.push_back(text[i]);
    ++i;
  }
  if (!closed) {
    return InvalidField("csv", absl::StrCat("line ", start_line, ": quote not closed"),
                        absl::StrCat("Regel ", start_line,
                                     " van het bestand opent een "
                                     "aanhalingsteken dat nergens wordt gesloten."));
  }
  if (i < text.size() && text[i] != separator && text[i] != '\n' && text[i] != '\r') {
    return InvalidField("csv", absl::StrCat("line ", line, ": text after a closing quote"),
                        absl::StrCat("Regel ", line,
                                     " van het bestand heeft tekst na een "
                                     "sluitend aanhalingsteken; zet het hele veld tussen "
                                     "aanhalingstekens."));
  }
  return absl::OkStatus();
}

// Skips a byte-order mark; then the whole file must be UTF-8 text without control characters
// (tab and line breaks aside).
absl::Status CheckCsvText(absl::string_view& text) {
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  if (!IsValidUtf8(text)) {
    return InvalidField("csv", "is not UTF-8 text (save it from Excel as 'CSV UTF-8')",
                        "Het bestand is geen UTF-8-tekst; sla het in Excel op als 'CSV UTF-8 "
                        "(door lijstscheidingsteken gescheiden)'.");
  }
  if (std::optional<FieldViolation> v = ControlCharacterViolation(text, "csv")) {
    return InvalidField(v->field, v->description, v->dutch);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text, char separator) {
  if (absl::Status s = CheckCsvText(text); !s.ok()) return s;
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  int line = 1;
  row.line = 1;
  bool field_started = false;  // anything seen on this row (so "" rows are not dropped)
  size_t i = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_row = [&] {
    end_field();
    bool blank = row.fields.size() == 1 && row.fields[0].empty() && !field_started;
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow();
    field_started = false;
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' && field.empty()) {
      // Quoted field.
      field_started = true;
      OZJT_RETURN_IF_ERROR(ReadQuotedField(text, separator, i, line, field));
      continue;
    }
    if (c == separator) {
      field_started = true;
      end_field();
      ++i;
    } else if (c == '\r' || c == '\n') {
      end_row();
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      ++line;
      row.line = line;
    } else {
      field_started = true;
      field.push_back(c);
      ++i;
    }
  }
  if (field_started || !field.empty()) end_row();
  return rows;
}

absl::StatusOr<std::vector<int>> CsvColumns(const CsvRow& header,
                                            const std::vector<std::string>& names) {
  std::vector<int> index(names.size(), -1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(header.fields[i]));
    for (size_t c = 0; c < names.size(); ++c) {
      if (name == names[c]) index[c] = static_cast<int>(i);
    }
  }
  for (size_t c = 0; c < names.size(); ++c) {
    if (index[c] < 0) {
      return InvalidField("csv",
                          absl::StrCat("line ", header.line, ": missing column '", names[c], "'"),
                          absl::StrCat("De kolom '", names[c], "' ontbreekt in de kopregel (regel ",
                                       header.line, ") van het bestand."));
    }
  }
  return index;
}

std::string CsvLine(const std::vector<std::string>& fields, char separator) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(separator);
    const std::string& f = fields[i];
    bool quote = f.find_first_of(std::string{separator, '"', '\n', '\r'}) != std::string::npos;
    if (!quote) {
      out += f;
      continue;
    }
    out.push_back('"');
    for (char c : f) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
  return out;
}

std::string CsvField(const CsvRow& row, int index) {
  if (index < 0 || static_cast<size_t>(index) >= row.fields.size()) return "";
  return std::string(absl::StripAsciiWhitespace(row.fields[index]));
}

}  // namespace ozjt::platform
