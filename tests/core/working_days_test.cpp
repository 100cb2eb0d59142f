// Working days over England and Wales bank holidays, checked against dates worked out by hand on a calendar.
#include <gtest/gtest.h>

#include "core/base/working_days.h"

namespace waymark {
namespace {

CivilDate D(const char* iso) { return *parse_date(iso); }

TEST(WorkingDays, TheListParsesAndCoversTheYearsTheProductRuns) {
  const auto& l = bank_holidays_england_and_wales();
  ASSERT_GE(l.size(), 80u);
  EXPECT_LE(covered_years().first, 2024);
  EXPECT_GE(covered_years().second, 2030);
  for (size_t i = 1; i < l.size(); ++i) EXPECT_LT(l[i - 1].date, l[i].date) << l[i].name;
  for (const auto& h : l) EXPECT_LT(weekday(h.date), 5) << format_date(h.date) << " " << h.name << " falls at a weekend";
}

TEST(WorkingDays, KnowsTheMovedAndOneOffHolidays) {
  EXPECT_TRUE(is_bank_holiday(D("2027-12-27")));   // Christmas on a Saturday: substitute Monday
  EXPECT_TRUE(is_bank_holiday(D("2027-12-28")));   // Boxing Day on a Sunday: substitute Tuesday
  EXPECT_TRUE(is_bank_holiday(D("2028-01-03")));   // New Year's Day on a Saturday
  EXPECT_TRUE(is_bank_holiday(D("2027-03-26")));   // Good Friday 2027
  EXPECT_TRUE(is_bank_holiday(D("2027-03-29")));   // Easter Monday 2027
  EXPECT_TRUE(is_bank_holiday(D("2023-05-08")));   // the coronation
  EXPECT_FALSE(is_bank_holiday(D("2022-05-30")));  // 2022's spring holiday moved to 2 June
  EXPECT_TRUE(is_bank_holiday(D("2022-06-02")));
  EXPECT_FALSE(is_working_day(D("2027-03-27")));   // a Saturday
  EXPECT_TRUE(is_working_day(D("2027-03-25")));
}

TEST(WorkingDays, CountsAndStepsOverWeekendsAndHolidays) {
  EXPECT_EQ(working_days_between(D("2027-03-01"), D("2027-03-08")), 5);  // Monday to Monday
  EXPECT_EQ(working_days_between(D("2027-03-08"), D("2027-03-01")), 0);
  // Thursday 25 March 2027 + 2 working days skips Good Friday, the weekend and Easter Monday.
  EXPECT_EQ(format_date(add_working_days(D("2027-03-25"), 2)), "2027-03-31");
  EXPECT_EQ(working_days_between(D("2027-03-25"), D("2027-03-31")), 2);
  // 10 working days before Tuesday 4 January 2028 crosses Christmas and New Year substitutes.
  EXPECT_EQ(format_date(add_working_days(D("2028-01-04"), -10)), "2027-12-16");
  EXPECT_EQ(format_date(add_working_days(D("2027-03-01"), 0)), "2027-03-01");
}

}  // namespace
}  // namespace waymark
