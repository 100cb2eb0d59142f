// core/base/dates.h: civil dates ("YYYY-MM-DD") without time zones, and local-time helpers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace waymark {

struct CivilDate {
  int y = 1970;
  int m = 1;
  int d = 1;
  auto operator<=>(const CivilDate&) const = default;
};

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(CivilDate c);
CivilDate civil_from_days(int64_t days);
std::optional<CivilDate> parse_date(std::string_view iso);  // strict YYYY-MM-DD, real calendar dates only
std::string format_date(CivilDate c);                       // YYYY-MM-DD
CivilDate add_days(CivilDate c, int64_t days);
int64_t days_between(CivilDate a, CivilDate b);  // b - a
int weekday(CivilDate c);                        // 0 = Monday .. 6 = Sunday

// The local calendar date and clock time at a unix time (uses the machine's time zone).
CivilDate local_date(int64_t unix_s);
int local_minutes_of_day(int64_t unix_s);
std::string local_hhmm(int64_t unix_s);

}  // namespace waymark
