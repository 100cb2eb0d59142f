// core/base/csv.h: a strict RFC 4180 CSV reader and writer (quoted fields, doubled quotes, CRLF or LF, newlines
// inside quotes). Used for the local-authority table, listings in content packs and staff CSV imports.
// Bad input is a value (a row number and a plain reason), never a crash: sizes are capped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace waymark {

struct CsvRow {
  size_t line = 0;                  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvLimits {
  size_t max_field_bytes = 64 * 1024;  // default 64 KiB
  size_t max_fields = 64;              // default 64 columns
  size_t max_rows = 1'000'000;         // default a million rows
};

struct CsvResult {
  std::vector<CsvRow> rows;  // the header row first, when there is one
  std::string error;         // empty when the text parsed; else "line N: reason"
};

// Parses the whole text. A UTF-8 byte-order mark at the start is skipped. Blank lines are skipped.
CsvResult parse_csv(std::string_view text, const CsvLimits& lim = {});

// One field quoted when it needs to be; a row ends with "\n".
std::string csv_field(std::string_view v);
std::string csv_line(const std::vector<std::string>& fields);

// Finds a header column (exact, case-insensitive); -1 when absent.
int csv_column(const std::vector<std::string>& header, std::string_view name);

}  // namespace waymark
