#include "gateway/net/answer_headers.h"

#include <httplib.h>

#include <ctime>

namespace waymark::gateway {

std::string http_date(int64_t unix_ms) {
  // Floor division: a time before 1970 still names the second it falls in.
  const std::time_t secs = static_cast<std::time_t>(unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

void set_answer_headers(const httplib::Request& req, httplib::Response& res, int64_t now_ms) {
  const bool stylesheet = req.path == kStylesheetPath && res.status == 200;
  const std::pair<const char*, std::string> headers[] = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"Strict-Transport-Security", kStrictTransport},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", stylesheet ? kStylesheetCache : "no-store"},
      {"Date", http_date(now_ms)},
  };
  for (const auto& [name, value] : headers) {
    res.headers.erase(name);
    res.set_header(name, value);
  }
}

}  // namespace waymark::gateway
