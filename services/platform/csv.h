// Semicolon-separated CSV as Dutch Excel reads and writes it: UTF-8 (a leading byte-order
// mark is skipped), CRLF or LF line ends, fields quoted with " when they hold the separator,
// a quote or a line break (a quote inside doubled).
//
//   OZJT_ASSIGN_OR_RETURN(std::vector<CsvRow> rows, ParseCsv(text));
//   for (const CsvRow& row : rows) { ... row.line, row.fields ... }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/platform/status.h"

namespace ozjt::platform {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

// All non-empty rows. INVALID_ARGUMENT (field "csv") naming the line for an unterminated
// quote, text after a closing quote, or a control character (FindControlCharacter); and for
// bytes that are not UTF-8.
absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text, char separator = ';');

// The position of each of `names` in the header row (names compared trimmed and in lower case).
// INVALID_ARGUMENT (field "csv") naming the first missing column.
absl::StatusOr<std::vector<int>> CsvColumns(const CsvRow& header,
                                            const std::vector<std::string>& names);

// The field at `index` of `row`, trimmed; empty when the row is shorter (or `index` < 0).
std::string CsvField(const CsvRow& row, int index);

// One CSV line (with CRLF) from fields, quoting where needed.
std::string CsvLine(const std::vector<std::string>& fields, char separator = ';');

// The UTF-8 byte-order mark, written first so that Excel reads the file as UTF-8.
inline constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

// True when `s` is valid UTF-8.
bool IsValidUtf8(absl::string_view s);

// A character no text field accepts (PostgreSQL refuses NUL in text; the others are invisible
// and only ever arrive by accident or attack): a C0 control character other than tab, line
// feed and carriage return (U+0000..U+001F), DEL (U+007F), or a C1 control character
// (U+0080..U+009F).
struct ControlCharacter {
  int line = 1;    // 1-based, counting line feeds
  int column = 1;  // 1-based character (not byte) on that line
  uint32_t code_point = 0;
};
// The first such character in `text`, or nullopt. Bytes that are not UTF-8 count as one
// character each and are not themselves reported.
std::optional<ControlCharacter> FindControlCharacter(absl::string_view text);

// The violation for `field` when `text` holds a control character (nullopt when it does
// not): the English names the code point and position, the Dutch says what to do (with the
// line when `text` has more than one):
//   "Deze tekst bevat op regel 3 een onzichtbaar stuurteken (NUL) op positie 17; haal het
//    weg en probeer het opnieuw." ("(een besturingsteken)" for any other control character)
std::optional<FieldViolation> ControlCharacterViolation(absl::string_view text,
                                                        const std::string& field);

}  // namespace ozjt::platform
