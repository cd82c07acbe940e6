// The providers' CSV format, as a Dutch contract manager edits it in Excel: ';'-separated,
// UTF-8, one header row with these columns in any order:
//
//   kvk_nummer;naam;rechtsvorm;agb_codes;wetten;gemeenten;niveau;status
//
// Lists (agb_codes, wetten, gemeenten) are separated by ','. Values: rechtsvorm stichting|bv|
// nv|vereniging|cooperatie|eenmanszaak|vof|maatschap|overig; wetten jeugdwet|wmo; gemeenten
// CBS codes; niveau strategisch|lokaal; status aanvrager|gecontracteerd|opgeschort|beeindigd
// (empty: aanvrager for a new provider, unchanged for an existing one). Establishments and
// turnover are not part of this file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/registry/provider.h"

namespace ozjt::registry {

// A problem with one row: line, column (header name; empty for the whole row), rule (English,
// for logs) and the same as a Dutch sentence for the person who made the file.
struct RowError {
  int line = 0;
  std::string field;
  std::string description;
  std::string dutch;
};

// How a person reads a row error: "regel 4, kolom kvk_nummer: Het KvK-nummer moet ...".
std::string DutchRowError(const RowError& e);

struct ImportRow {
  int line = 0;
  Provider provider;          // validated and in canonical order
  bool status_given = false;  // false: keep an existing provider's status
};

struct ParsedImport {
  std::vector<ImportRow> rows;  // the good rows
  std::vector<RowError> errors;
};

// Largest file and row count an import accepts.
inline constexpr size_t kMaxImportBytes = size_t{16} * 1024 * 1024;
inline constexpr size_t kMaxImportRows = 10000;

// Parses and validates every row; bad rows become errors, good rows providers.
// INVALID_ARGUMENT (field "csv") when the file as a whole cannot be read: not UTF-8, too
// large, no header, a missing or unknown column.
absl::StatusOr<ParsedImport> ParseProviderCsv(absl::string_view text, const ReferenceCodes& refs);

// The providers as CSV in the same format, with a byte-order mark.
std::string ProviderCsv(const std::vector<Provider>& providers);

// Turnover rows "kvk_nummer;jaar;regio;omzet_cent", grouped per provider and year. A row with
// regio TOTAAL gives the year's total; otherwise the total is the sum of the regions.
struct TurnoverImport {
  std::map<std::string, std::vector<AnnualTurnover>> by_kvk;  // years in canonical order
  std::map<std::string, int> first_line;                      // kvk -> its first line
  std::vector<RowError> errors;
  int years = 0;
};
absl::StatusOr<TurnoverImport> ParseTurnoverCsv(absl::string_view text, const ReferenceCodes& refs);

// The CSV fields an import sets on an existing provider.
std::vector<ProviderField> CsvFields(bool with_status);

}  // namespace ozjt::registry
