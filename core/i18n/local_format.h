// core/i18n/local_format.h: dates, times and numbers in the child's language ("en" or "cy").
// Anything a screen shows a child about a day or an amount goes through here, so Welsh readers see
// "Dydd Llun 5 Ionawr 2026" and English readers "Monday 5 January 2026". Unknown languages get English.
#pragma once

#include <cstdint>
#include <string>

#include "core/base/dates.h"

namespace waymark {

std::string month_name(const std::string& lang, int month);      // 1..12; "" when out of range
std::string weekday_name(const std::string& lang, int weekday);  // 0 = Monday .. 6 = Sunday
std::string format_date_long(const std::string& lang, CivilDate d);   // "Monday 5 January 2026"
std::string format_date_medium(const std::string& lang, CivilDate d); // "5 January 2026"
std::string format_date_short(const std::string& lang, CivilDate d);  // "Monday 5 January"
// A clock time in the 12-hour form children read: "9am", "2:30pm"; Welsh "9yb", "2:30yp".
std::string format_time(const std::string& lang, int minutes_of_day);
// Whole numbers with thousands separators: "1,250" (English and Welsh both use the comma).
std::string format_number(const std::string& lang, int64_t n);
// "today", "tomorrow", "in 3 days", "yesterday", "3 days ago"; Welsh "heddiw", "yfory", "mewn 3 diwrnod",
// "ddoe", "3 diwrnod yn ôl".
std::string format_relative_day(const std::string& lang, CivilDate today, CivilDate day);

}  // namespace waymark
