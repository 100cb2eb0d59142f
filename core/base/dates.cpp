#include "core/base/dates.h"

#include <charconv>
#include <cstdio>
#include <ctime>

namespace waymark {

int64_t days_from_civil(CivilDate c) {
  int64_t y = c.y;
  const int64_t m = c.m;
  const int64_t d = c.d;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<CivilDate> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int& out) {
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return r.ec == std::errc() && r.ptr == s.data() + pos + len;
  };
  CivilDate c;
  if (!num(0, 4, c.y) || !num(5, 2, c.m) || !num(8, 2, c.d)) return std::nullopt;
  if (c.y < 1900 || c.y > 2200 || c.m < 1 || c.m > 12 || c.d < 1) return std::nullopt;
  if (civil_from_days(days_from_civil(c)) != c) return std::nullopt;  // e.g. 2025-02-30
  return c;
}

std::string format_date(CivilDate c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

CivilDate add_days(CivilDate c, int64_t days) { return civil_from_days(days_from_civil(c) + days); }
int64_t days_between(CivilDate a, CivilDate b) { return days_from_civil(b) - days_from_civil(a); }
int weekday(CivilDate c) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int64_t w = (days_from_civil(c) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

CivilDate local_date(int64_t unix_s) {
  std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  localtime_r(&t, &tm);
  return CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int local_minutes_of_day(int64_t unix_s) {
  std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm.tm_hour * 60 + tm.tm_min;
}

std::string local_hhmm(int64_t unix_s) {
  int m = local_minutes_of_day(unix_s);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

}  // namespace waymark
