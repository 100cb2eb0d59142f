// tests/core/london_time_test.cpp: UK civil time by the rule, whatever the machine's time zone: GMT in winter,
// BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
#include <gtest/gtest.h>

#include "core/base/london_time.h"

using namespace waymark;

namespace {

int64_t utc(const char* date, int h, int m) { return days_from_civil(*parse_date(date)) * 86400 + h * 3600 + m * 60; }

TEST(LondonTime, GmtInWinterBstInSummer) {
  EXPECT_EQ(london_offset_s(utc("2027-01-15", 12, 0)), 0);
  EXPECT_EQ(london_offset_s(utc("2027-07-15", 12, 0)), 3600);
  EXPECT_EQ(london_minutes_of_day(utc("2027-07-15", 23, 30)), 30);  // 00:30 BST the next day
  EXPECT_EQ(format_date(london_date(utc("2027-07-15", 23, 30))), "2027-07-16");
  EXPECT_EQ(format_date(london_date(utc("2027-01-15", 23, 30))), "2027-01-15");
}

TEST(LondonTime, TheClocksChangeAtOneInTheMorningUtcOnTheLastSunday) {
  // 2027: forward on Sunday 28 March, back on Sunday 31 October.
  EXPECT_EQ(london_offset_s(utc("2027-03-28", 0, 59)), 0);
  EXPECT_EQ(london_offset_s(utc("2027-03-28", 1, 0)), 3600);
  EXPECT_EQ(london_offset_s(utc("2027-10-31", 0, 59)), 3600);
  EXPECT_EQ(london_offset_s(utc("2027-10-31", 1, 0)), 0);
  // 2026: 29 March and 25 October.
  EXPECT_EQ(london_offset_s(utc("2026-03-29", 1, 0)), 3600);
  EXPECT_EQ(london_offset_s(utc("2026-10-25", 1, 0)), 0);
}

TEST(LondonTime, WallClockToUnixAndBack) {
  for (const char* d : {"2027-01-15", "2027-03-27", "2027-03-29", "2027-07-15", "2027-10-30", "2027-11-01", "2028-02-29"})
    for (int m : {0, 59, 8 * 60, 17 * 60 + 30, 23 * 60 + 59}) {
      const int64_t t = london_to_unix(*parse_date(d), m);
      EXPECT_EQ(format_date(london_date(t)), d) << d << " " << m;
      EXPECT_EQ(london_minutes_of_day(t), m) << d << " " << m;
    }
  // 01:30 does not exist on the morning the clocks go forward: an hour later. On the morning they go back it
  // happens twice: the first.
  EXPECT_EQ(london_to_unix(*parse_date("2027-03-28"), 90), utc("2027-03-28", 1, 30));
  EXPECT_EQ(london_to_unix(*parse_date("2027-10-31"), 90), utc("2027-10-31", 0, 30));
}

}  // namespace
