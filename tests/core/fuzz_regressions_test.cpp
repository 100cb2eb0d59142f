// Every crash or broken property the fuzz targets (tests/fuzz, scripts/fuzz.sh) found, as the input that
// showed it and the behaviour that is right. The full inputs are in tests/fuzz/corpus/TARGET/ too.
#include <gtest/gtest.h>

#include <string>

#include "core/base/csv.h"

using namespace waymark;

// fuzz_csv: a row of one empty quoted field ("") was written back by csv_line as a blank line, which the
// reader skips, so a file written and read again lost a row. tests/fuzz/corpus/fuzz_csv/crash-empty-quoted-row
TEST(FuzzRegressions, CsvRowOfOneEmptyFieldSurvivesARoundTrip) {
  const std::string input = "code,name_en\n\"\"\nE06000001,Hartlepool\n";
  const CsvResult r = parse_csv(input);
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[1].fields, std::vector<std::string>{""});
  std::string again;
  for (const CsvRow& row : r.rows) again += csv_line(row.fields);
  EXPECT_EQ(again, input);
  const CsvResult r2 = parse_csv(again);
  ASSERT_EQ(r2.rows.size(), 3u);
  EXPECT_EQ(r2.rows[1].fields, std::vector<std::string>{""});
}

// fuzz_csv: a blank line, then a row whose first field starts with a byte-order mark. Written back, that mark
// came first in the file and the reader skipped it as the file's own. tests/fuzz/corpus/fuzz_csv/crash-bom-field
TEST(FuzzRegressions, CsvFieldStartingWithAByteOrderMarkSurvivesARoundTrip) {
  const std::string input = "\r\xEF\xBB\xBF\bW,lCC\f,  l\f";
  const CsvResult r = parse_csv(input);
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.rows.size(), 1u);
  std::string again;
  for (const CsvRow& row : r.rows) again += csv_line(row.fields);
  const CsvResult r2 = parse_csv(again);
  ASSERT_TRUE(r2.error.empty()) << r2.error;
  ASSERT_EQ(r2.rows.size(), 1u);
  EXPECT_EQ(r2.rows[0].fields, r.rows[0].fields);
  EXPECT_EQ(r.rows[0].fields[0], "\xEF\xBB\xBF\bW");
}
