// gateway/cli/cmd_mail.cpp: waymark-gateway mail set|test|status|flush: the relay establishment IT configures
// for the workers' email notices, a test email, the queue's state and a plain reason when the relay refuses,
// and sending what is due now (gateway/mail/, docs/operating.md).
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "core/base/london_time.h"
#include "gateway/cli/commands.h"
#include "gateway/mail/compose.h"
#include "gateway/mail/queue.h"
#include "gateway/mail/relay.h"
#include "gateway/mail/sender.h"
#include "gateway/mail/smtp.h"
#include "gateway/store/audit.h"

namespace waymark::gateway::cli {

namespace {

std::string default_sign_in() {
  char host[256] = {0};
  if (::gethostname(host, sizeof host - 1) != 0 || !host[0]) return "https://localhost/sign-in";
  return std::string("https://") + host + "/sign-in";
}

// "2027-03-01 09:05 (London)"
std::string when(int64_t ms) {
  const int64_t s = ms / 1000;
  const int m = london_minutes_of_day(s);
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", m / 60, m % 60);
  return format_date(london_date(s)) + buf + " (London)";
}

int mail_set(const Args& a) {
  if (a.get("--smtp").empty() || a.get("--from").empty()) return usage_error("mail set", "--smtp and --from are required");
  if (a.has("--starttls") && a.get("--starttls") != "required")
    return usage_error("mail set", "--starttls takes one value: required");
  RelaySettings s{a.get("--smtp"), a.get("--from"), a.get("--starttls") == "required",
                  a.has("--sign-in") ? a.get("--sign-in") : default_sign_in()};
  auto db = open_or_fail(a);
  try {
    set_relay(*db, s, actor(), now_ms());
  } catch (const std::invalid_argument& e) {
    return failed("mail set", e.what());
  }
  std::printf("mail relay set: %s%s, from %s\nemails point workers to %s\nsend a test with: waymark-gateway mail test --data DIR --to ADDRESS\n",
              s.smtp_url.c_str(), s.starttls_required ? " (STARTTLS required)" : "", s.from.c_str(), s.sign_in_url.c_str());
  return 0;
}

int mail_test(const Args& a) {
  if (a.get("--to").empty()) return usage_error("mail test", "--to is required");
  if (const std::string err = check_mail_address(a.get("--to")); !err.empty()) return failed("mail test", err);
  auto db = open_or_fail(a);
  const auto relay = relay_settings(*db);
  if (!relay) return failed("mail test", "no relay is set yet: run waymark-gateway mail set first");
  const int64_t now = now_ms();
  const std::string mid = new_message_id(relay->from);
  const std::string err = send_smtp(*relay, a.get("--to"), compose_test(MailHead{relay->from, a.get("--to"), mid, now}, relay->sign_in_url));
  Txn t(*db);
  audit(*db, now, actor(), "mail.test", a.get("--to") + ": " + (err.empty() ? "sent " + mid : err));
  t.commit();
  if (!err.empty()) return failed("mail test", err);
  std::printf("the relay took the test email for %s (Message-ID %s)\n", a.get("--to").c_str(), mid.c_str());
  return 0;
}

int mail_status(const Args& a) {
  auto db = open_or_fail(a);
  const auto relay = relay_settings(*db);
  if (!relay) {
    std::puts("relay     not set: no email is sent (waymark-gateway mail set --data DIR --smtp smtp://HOST:PORT --from ADDRESS)");
  } else {
    std::printf("relay     %s%s\nfrom      %s\nsign-in   %s\n", relay->smtp_url.c_str(),
                relay->starttls_required ? " (STARTTLS required)" : "", relay->from.c_str(), relay->sign_in_url.c_str());
  }
  const MailCounts c = mail_counts(*db);
  std::printf("waiting   %d thing(s) not yet in an email\nqueue     %d queued, %d sending, %d sent, %d given up\n",
              c.waiting_notices, c.queued, c.sending, c.sent, c.failed);
  if (c.last_sent_ms) std::printf("last sent %s\n", when(*c.last_sent_ms).c_str());
  if (c.next_try_ms) std::printf("next try  %s\n", when(*c.next_try_ms).c_str());
  if (!c.last_error.empty()) std::printf("problem   %s: %s\n", when(c.last_error_at).c_str(), c.last_error.c_str());
  return 0;
}

int mail_flush(const Args& a) {
  auto db = open_or_fail(a);
  if (!relay_settings(*db)) return failed("mail flush", "no relay is set yet: run waymark-gateway mail set first");
  const FlushReport r = flush_mail(*db, [] { return now_ms(); });
  std::printf("queued %d, sent %d, not sent %d\n", r.queued, r.sent, r.not_sent);
  if (r.not_sent > 0) return failed("mail flush", r.last_error + " (tried again later; see waymark-gateway mail status)");
  return 0;
}

int cmd_mail(const Args& a) {
  const std::string& sub = a.pos[1];
  if (!a.has("--data")) return usage_error("mail " + sub, "--data is required");
  if (sub == "set") return mail_set(a);
  if (sub == "test") return mail_test(a);
  if (sub == "status") return mail_status(a);
  return mail_flush(a);
}

}  // namespace

const Command kMailCommand{
    "mail", "mail set|test|status|flush --data DIR ...             email notices to YOT workers",
    "usage: waymark-gateway mail set --data DIR --smtp smtp://HOST:PORT --from ADDRESS [--starttls required]\n"
    "                                [--sign-in https://WEB-INBOX/sign-in]\n"
    "       waymark-gateway mail test --data DIR --to ADDRESS\n"
    "       waymark-gateway mail status --data DIR\n"
    "       waymark-gateway mail flush --data DIR\n"
    "The relay the gateway hands workers' email notices to (smtp:// or smtps://; no password: the relay\n"
    "accepts the gateway by its address). An email says only how many things wait and where to sign in:\n"
    "never a child's name, number or words. test sends one email now; status shows the queue and the\n"
    "relay's last refusal in its own words; flush sends what is due now (serve does this by itself).",
    {{.sub = "set", .options = {"--data", "--smtp", "--from", "--starttls", "--sign-in"}},
     {.sub = "test", .options = {"--data", "--to"}},
     {.sub = "status", .options = {"--data"}},
     {.sub = "flush", .options = {"--data"}}},
    cmd_mail};

}  // namespace waymark::gateway::cli
