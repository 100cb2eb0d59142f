#include "gateway/mail/compose.h"

#include <cstdio>

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "gateway/mail/relay.h"

namespace waymark::gateway {

std::string new_message_id(const std::string& from_address) {
  return "<wm." + random_id() + "@" + address_domain(from_address) + ">";
}

std::string rfc5322_date(int64_t unix_ms) {
  static const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int64_t s = unix_ms / 1000;
  const int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  const int64_t sod = s - days * 86400;
  const CivilDate d = civil_from_days(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[weekday(d)], d.d, kMonths[d.m - 1], d.y,
                static_cast<int>(sod / 3600), static_cast<int>(sod % 3600 / 60), static_cast<int>(sod % 60));
  return buf;
}

std::string things_words(int n) { return std::to_string(n) + (n == 1 ? " new thing" : " new things"); }

namespace {
std::string headers(const MailHead& h, const std::string& subject) {
  return "Date: " + rfc5322_date(h.date_ms) + "\r\nFrom: Waymark <" + h.from + ">\r\nTo: <" + h.to + ">\r\nSubject: " + subject +
         "\r\nMessage-ID: " + h.message_id +
         "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit"
         "\r\nAuto-Submitted: auto-generated\r\n\r\n";
}
}  // namespace

std::string compose_notice(const MailHead& h, int things, const std::string& sign_in_url) {
  const std::string line = "You have " + things_words(things) + " in Waymark";
  return headers(h, line) + line +
         ".\r\n\r\n"
         "Sign in to see them:\r\n" +
         sign_in_url +
         "\r\n\r\n"
         "This email does not say who or what they are about, on purpose: a child's details stay inside\r\n"
         "Waymark. You chose to get these emails; to change how often, sign in and open Email settings.\r\n";
}

std::string compose_test(const MailHead& h, const std::string& sign_in_url) {
  return headers(h, "Waymark test email") +
         "This is a test email from the Waymark gateway. If you can read it, the mail relay works.\r\n\r\n"
         "Notices to YOT workers will point them to:\r\n" +
         sign_in_url + "\r\n";
}

}  // namespace waymark::gateway
