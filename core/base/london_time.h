// core/base/london_time.h: the UK's civil time (Europe/London) from unix time, by the rule itself rather than
// the machine's time zone, so a gateway's "daily at 8" and "08:00 on the reminder day" mean the same on any
// server and in any test. GMT in winter; BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October (the rule since 1996).
#pragma once

#include <cstdint>

#include "core/base/dates.h"

namespace waymark {

// 0 in GMT, 3600 in BST.
int london_offset_s(int64_t unix_s);
CivilDate london_date(int64_t unix_s);
int london_minutes_of_day(int64_t unix_s);  // 0 .. 1439
// The unix time of a London wall-clock time on a date. In the hour the clocks go forward (01:00-01:59 does
// not exist) it gives the instant an hour later; in the hour they go back it gives the first of the two.
int64_t london_to_unix(CivilDate d, int minutes_of_day);

}  // namespace waymark
