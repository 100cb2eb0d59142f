#include "core/base/london_time.h"

namespace waymark {

namespace {
// 01:00 UTC on the last Sunday of March or October (both have 31 days), as unix seconds.
int64_t last_sunday_0100_utc(int year, int month) {
  const CivilDate last{year, month, 31};
  const int back = (weekday(last) + 1) % 7;           // weekday: 0 = Monday .. 6 = Sunday
  return (days_from_civil(last) - back) * 86400 + 3600;
}
}  // namespace

int london_offset_s(int64_t unix_s) {
  const int year = civil_from_days(unix_s >= 0 ? unix_s / 86400 : (unix_s - 86399) / 86400).y;
  return unix_s >= last_sunday_0100_utc(year, 3) && unix_s < last_sunday_0100_utc(year, 10) ? 3600 : 0;
}

CivilDate london_date(int64_t unix_s) {
  const int64_t t = unix_s + london_offset_s(unix_s);
  return civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400);
}

int london_minutes_of_day(int64_t unix_s) {
  const int64_t t = unix_s + london_offset_s(unix_s);
  const int64_t s = ((t % 86400) + 86400) % 86400;
  return static_cast<int>(s / 60);
}

int64_t london_to_unix(CivilDate d, int minutes_of_day) {
  const int64_t wall = days_from_civil(d) * 86400 + int64_t{minutes_of_day} * 60;
  // Try BST first: in the hour the clocks go back both readings exist and the first (BST) comes first.
  if (london_offset_s(wall - 3600) == 3600) return wall - 3600;
  return wall;  // GMT, or the skipped hour in spring (an hour later in BST terms)
}

}  // namespace waymark
