#include "core/base/working_days.h"

#include <algorithm>
#include <stdexcept>

#include "core/base/csv.h"

namespace waymark {

extern const char* const kBankHolidaysCsv;  // generated from assets/calendar (see CMakeLists.txt)

namespace {

std::vector<BankHoliday> parse_list() {
  CsvResult csv = parse_csv(kBankHolidaysCsv);
  if (!csv.error.empty()) throw std::logic_error("bank holiday list: " + csv.error);
  std::vector<BankHoliday> out;
  for (size_t i = 1; i < csv.rows.size(); ++i) {  // row 0 is the header
    const CsvRow& r = csv.rows[i];
    auto d = r.fields.size() == 2 ? parse_date(r.fields[0]) : std::nullopt;
    if (!d) throw std::logic_error("bank holiday list: line " + std::to_string(r.line) + " is not date,name");
    out.push_back({*d, r.fields[1]});
  }
  std::sort(out.begin(), out.end(), [](const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; });
  return out;
}

}  // namespace

const std::vector<BankHoliday>& bank_holidays_england_and_wales() {
  static const std::vector<BankHoliday> list = parse_list();
  return list;
}

std::pair<int, int> covered_years() {
  const auto& l = bank_holidays_england_and_wales();
  if (l.empty()) return {0, 0};
  return {l.front().date.y, l.back().date.y};
}

bool is_bank_holiday(CivilDate d) {
  const auto& l = bank_holidays_england_and_wales();
  return std::binary_search(l.begin(), l.end(), BankHoliday{d, {}},
                            [](const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; });
}

bool is_working_day(CivilDate d) { return weekday(d) < 5 && !is_bank_holiday(d); }

CivilDate add_working_days(CivilDate d, int n) {
  int step = n < 0 ? -1 : 1;
  for (int left = n < 0 ? -n : n; left > 0;) {
    d = add_days(d, step);
    if (is_working_day(d)) --left;
  }
  return d;
}

int working_days_between(CivilDate from, CivilDate to) {
  int n = 0;
  for (CivilDate d = add_days(from, 1); d <= to; d = add_days(d, 1))
    if (is_working_day(d)) ++n;
  return n;
}

}  // namespace waymark
