// Fuzz target: the CSV reader (local-authority table, pack listings, staff imports). Whatever it reads must
// come back the same when written with csv_line and read again.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/csv.h"

using namespace waymark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CsvLimits lim;
  lim.max_field_bytes = 4096;
  lim.max_fields = 16;
  lim.max_rows = 1000;
  const CsvResult r = parse_csv(text, lim);
  if (!r.error.empty()) return 0;
  std::string again;
  for (const CsvRow& row : r.rows) again += csv_line(row.fields);
  const CsvResult r2 = parse_csv(again, lim);
  if (!r2.error.empty() || r2.rows.size() != r.rows.size()) __builtin_trap();
  for (size_t i = 0; i < r.rows.size(); i++)
    if (r2.rows[i].fields != r.rows[i].fields) __builtin_trap();
  if (!r.rows.empty()) (void)csv_column(r.rows[0].fields, "title");
  return 0;
}
