// core/base/working_days.h: working days in England and Wales, for the timelines the brief holds agencies to
// ("no later than 10 working days before release", "answered within 2 working days") and for reminders.
// A working day is Monday to Friday and not a bank holiday. The bank holidays are data, not code:
// assets/calendar/bank-holidays-england-and-wales.csv (from GOV.UK's list), compiled in at configure time
// so a gateway or a test never depends on where it runs. Dates outside the list's years are counted as if
// they had no bank holidays; covered_years() says which years the list holds.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/base/dates.h"

namespace waymark {

struct BankHoliday {
  CivilDate date;
  std::string name;
};

// Every bank holiday in the list, in date order. Parsed once; a malformed list is a build error
// (a test reads every row), so this never throws at run time.
const std::vector<BankHoliday>& bank_holidays_england_and_wales();
// First and last year the list covers.
std::pair<int, int> covered_years();

bool is_bank_holiday(CivilDate d);
bool is_working_day(CivilDate d);
// The working day `n` working days after `d` (n > 0) or before it (n < 0); n == 0 gives d itself.
CivilDate add_working_days(CivilDate d, int n);
// Working days after `from` up to and including `to` (0 when to <= from): Monday to the next Monday is 5.
int working_days_between(CivilDate from, CivilDate to);

}  // namespace waymark
