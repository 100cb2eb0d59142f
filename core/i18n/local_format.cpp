#include "core/i18n/local_format.h"

#include <cstdlib>

namespace waymark {

namespace {
const char* const kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
const char* const kMonthsCy[] = {"Ionawr",     "Chwefror", "Mawrth", "Ebrill", "Mai",      "Mehefin",
                                 "Gorffennaf", "Awst",     "Medi",   "Hydref", "Tachwedd", "Rhagfyr"};
const char* const kDaysEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
const char* const kDaysCy[] = {"Dydd Llun",   "Dydd Mawrth", "Dydd Mercher", "Dydd Iau",
                               "Dydd Gwener", "Dydd Sadwrn", "Dydd Sul"};
bool welsh(const std::string& lang) { return lang == "cy"; }
}  // namespace

std::string month_name(const std::string& lang, int m) {
  if (m < 1 || m > 12) return {};
  return welsh(lang) ? kMonthsCy[m - 1] : kMonthsEn[m - 1];
}

std::string weekday_name(const std::string& lang, int wd) {
  if (wd < 0 || wd > 6) return {};
  return welsh(lang) ? kDaysCy[wd] : kDaysEn[wd];
}

std::string format_date_medium(const std::string& lang, CivilDate d) {
  return std::to_string(d.d) + " " + month_name(lang, d.m) + " " + std::to_string(d.y);
}

std::string format_date_long(const std::string& lang, CivilDate d) {
  return weekday_name(lang, weekday(d)) + " " + format_date_medium(lang, d);
}

std::string format_date_short(const std::string& lang, CivilDate d) {
  return weekday_name(lang, weekday(d)) + " " + std::to_string(d.d) + " " + month_name(lang, d.m);
}

std::string format_time(const std::string& lang, int minutes) {
  minutes = ((minutes % 1440) + 1440) % 1440;
  const int h24 = minutes / 60, m = minutes % 60;
  const int h12 = h24 % 12 == 0 ? 12 : h24 % 12;
  std::string s = std::to_string(h12);
  if (m) s += (m < 10 ? ":0" : ":") + std::to_string(m);
  if (welsh(lang)) s += h24 < 12 ? "yb" : "yp";
  else s += h24 < 12 ? "am" : "pm";
  return s;
}

std::string format_number(const std::string&, int64_t n) {
  const bool neg = n < 0;
  // digits of |n| without overflowing on INT64_MIN
  std::string digits;
  uint64_t u = neg ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + u % 10));
    u /= 10;
  } while (u);
  std::string out;
  for (size_t i = 0; i < digits.size(); i++) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return neg ? "-" + out : out;
}

std::string format_relative_day(const std::string& lang, CivilDate today, CivilDate day) {
  const int64_t d = days_between(today, day);
  const bool cy = welsh(lang);
  if (d == 0) return cy ? "heddiw" : "today";
  if (d == 1) return cy ? "yfory" : "tomorrow";
  if (d == -1) return cy ? "ddoe" : "yesterday";
  const std::string n = format_number(lang, std::llabs(d));
  if (d > 0) return cy ? "mewn " + n + " diwrnod" : "in " + n + " days";
  return cy ? n + " diwrnod yn ôl" : n + " days ago";
}

}  // namespace waymark
