// Bulk import of a dataset directory (`ozjt-admin import-dataset DIR`): one file per table in
// PostgreSQL's COPY text format (tab-separated, \N for null), named `<schema>.<table>.copy`,
// with the columns DatasetTables() lists. Used to move a region's data in at once, and by the
// benchmarks (ops/bench.sh) with the generated Twente and national datasets.
//
// The import is one transaction: every row is checked by the same domain rules as the API
// (contract and investigation bodies are parsed and their rules applied, codes and amounts
// checked), streamed to PostgreSQL with COPY, the id sequences moved past the imported ids,
// and one audit record written naming the row counts; after the commit the tables are vacuumed
// and analysed. Any bad row: nothing is imported and the error names the file, line and rule.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ozjt::admin {

struct DatasetTable {
  std::string name;                  // "contracts.tariff_line"
  std::vector<std::string> columns;  // in file order
  bool has_id_sequence = false;      // first column `id` from a bigserial
};

// The tables of a dataset, in the order they are loaded (references first).
const std::vector<DatasetTable>& DatasetTables();

// `text` escaped as one field of COPY's text format.
std::string CopyField(absl::string_view text);
// One row of COPY's text format: the fields joined by tabs, with a newline.
std::string CopyRow(const std::vector<std::string>& escaped_fields);

struct ImportReport {
  std::vector<std::pair<std::string, int64_t>> rows;  // per table, in load order
  int64_t total_rows = 0;
};

// Imports every `<table>.copy` file in `dir` (a missing file is no rows) in one transaction.
// INVALID_ARGUMENT naming file, line and rule for a bad row; the database's refusal (e.g. a
// duplicate key) as FAILED_PRECONDITION with its message. `actor` is the audit record's.
absl::StatusOr<ImportReport> ImportDataset(const std::string& database_url,
                                           const std::filesystem::path& dir,
                                           const std::string& actor);

}  // namespace ozjt::admin
