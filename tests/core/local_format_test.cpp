#include <gtest/gtest.h>

#include "core/i18n/local_format.h"

namespace waymark {
namespace {

TEST(LocalFormat, DatesInEnglishAndWelsh) {
  const CivilDate d{2026, 1, 5};  // a Monday
  EXPECT_EQ(format_date_long("en", d), "Monday 5 January 2026");
  EXPECT_EQ(format_date_long("cy", d), "Dydd Llun 5 Ionawr 2026");
  EXPECT_EQ(format_date_medium("cy", CivilDate{2026, 7, 31}), "31 Gorffennaf 2026");
  EXPECT_EQ(format_date_short("cy", CivilDate{2026, 11, 28}), "Dydd Sadwrn 28 Tachwedd");
  EXPECT_EQ(format_date_short("en", CivilDate{2026, 11, 28}), "Saturday 28 November");
  EXPECT_EQ(format_date_long("fr", d), "Monday 5 January 2026");  // unknown language: English
  EXPECT_EQ(month_name("cy", 2), "Chwefror");
  EXPECT_EQ(month_name("cy", 13), "");
  EXPECT_EQ(weekday_name("cy", 3), "Dydd Iau");
  EXPECT_EQ(weekday_name("en", 7), "");
}

TEST(LocalFormat, EveryMonthAndDayHasAName) {
  for (int m = 1; m <= 12; m++) {
    EXPECT_FALSE(month_name("en", m).empty());
    EXPECT_FALSE(month_name("cy", m).empty());
  }
  for (int w = 0; w < 7; w++) EXPECT_EQ(weekday_name("cy", w).rfind("Dydd ", 0), 0u);
}

TEST(LocalFormat, TimesChildrenRead) {
  EXPECT_EQ(format_time("en", 9 * 60), "9am");
  EXPECT_EQ(format_time("en", 14 * 60 + 30), "2:30pm");
  EXPECT_EQ(format_time("en", 0), "12am");
  EXPECT_EQ(format_time("en", 12 * 60 + 5), "12:05pm");
  EXPECT_EQ(format_time("cy", 9 * 60), "9yb");
  EXPECT_EQ(format_time("cy", 14 * 60 + 30), "2:30yp");
}

TEST(LocalFormat, Numbers) {
  EXPECT_EQ(format_number("en", 0), "0");
  EXPECT_EQ(format_number("en", 999), "999");
  EXPECT_EQ(format_number("cy", 1250), "1,250");
  EXPECT_EQ(format_number("en", -1234567), "-1,234,567");
  EXPECT_EQ(format_number("en", INT64_MIN), "-9,223,372,036,854,775,808");
}

TEST(LocalFormat, RelativeDays) {
  const CivilDate t{2026, 3, 10};
  EXPECT_EQ(format_relative_day("en", t, t), "today");
  EXPECT_EQ(format_relative_day("cy", t, add_days(t, 1)), "yfory");
  EXPECT_EQ(format_relative_day("cy", t, add_days(t, -1)), "ddoe");
  EXPECT_EQ(format_relative_day("en", t, add_days(t, 12)), "in 12 days");
  EXPECT_EQ(format_relative_day("cy", t, add_days(t, 12)), "mewn 12 diwrnod");
  EXPECT_EQ(format_relative_day("en", t, add_days(t, -3)), "3 days ago");
  EXPECT_EQ(format_relative_day("cy", t, add_days(t, -3)), "3 diwrnod yn ôl");
}

}  // namespace
}  // namespace waymark
