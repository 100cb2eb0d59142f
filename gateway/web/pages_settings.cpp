// gateway/web/pages_settings.cpp: a YOT worker's email settings: as things come (at most one email an hour),
// a daily summary at an hour they choose (UK time), or none. The emails themselves carry no child data
// (gateway/mail/compose.h); the page says so, because it is the reason they are worth having on a phone.
#include <httplib.h>

#include <cstdio>
#include <stdexcept>

#include "gateway/mail/notices.h"
#include "gateway/mail/relay.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {

std::string hour_label(int h) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:00", h);
  return buf;
}

void settings_page(Ctx& c, int status, const MailPrefs& p, const std::vector<std::string>& errs) {
  Html b;
  b << "<h1>Email settings</h1>"
       "<p class=\"lede\">Waymark can email you when something is waiting for you: a new message, My Views, an answer to "
       "a plan, an \"I'm interested\", or a reminder two working days before a meeting whose My Views you have not read.</p>"
       "<p>The email only says how many things are waiting and where to sign in. It never has a child's name, number or "
       "words in it: you read those here, after signing in.</p>";
  if (query(c.req, "saved") == "1") b << "<div class=\"notice ok\" role=\"status\"><p>Saved.</p></div>";
  if (!relay_settings(c.db))
    b << "<div class=\"notice\"><p>The establishment has not set up email yet. Your choice is kept and used once it has.</p></div>";
  if (!errs.empty()) b << problems_notice(errs);
  b << "<form class=\"stack\" method=\"post\" action=\"/settings\">" << hidden_csrf(c) << "<p>Emails go to <strong>"
    << c.s->who.email << "</strong>.</p><fieldset class=\"radios\"><legend>Email me</legend>";
  const std::pair<MailMode, const char*> modes[] = {{MailMode::Each, "As things come in (at most one email an hour)"},
                                                    {MailMode::Daily, "Once a day, with a summary"},
                                                    {MailMode::None, "Never: I will look in Waymark myself"}};
  for (const auto& [m, label] : modes) {
    b << "<label><input type=\"radio\" name=\"mode\" value=\"" << mail_mode_name(m) << "\"";
    if (p.mode == m) b << " checked";
    b << "> " << label << "</label>";
  }
  b << "</fieldset><div><label for=\"hour\">Time of the daily summary<span class=\"hint\">UK time, 24-hour clock</span></label>"
       "<select id=\"hour\" name=\"hour\">";
  for (int h = 0; h < 24; h++) {
    b << "<option value=\"" << h << "\"";
    if (p.hour == h) b << " selected";
    b << ">" << hour_label(h) << "</option>";
  }
  b << "</select></div><div><button class=\"primary\" type=\"submit\">Save</button></div></form>";
  send_html(c.res, status, page(c.frame("Email settings"), b));
}

}  // namespace

void get_settings(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  settings_page(c, 200, mail_prefs(c.db, c.s->who.id), {});
}

void post_settings(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const Form f = form_of(c.req);
  if (!need_csrf(c, f)) return;
  MailPrefs p = mail_prefs(c.db, c.s->who.id);
  std::vector<std::string> errs;
  if (const auto m = mail_mode_from(field(f, "mode"))) p.mode = *m;
  else errs.push_back("Choose how often to get emails.");
  const std::string hour = field(f, "hour");
  if (hour.size() >= 1 && hour.size() <= 2 && hour.find_first_not_of("0123456789") == std::string::npos && std::stoi(hour) <= 23)
    p.hour = std::stoi(hour);
  else errs.push_back("Choose an hour from 00:00 to 23:00 for the daily summary.");
  if (!errs.empty()) {
    settings_page(c, 400, p, errs);
    return;
  }
  set_mail_prefs(c.db, c.s->who.id, p, c.s->who.label(), c.now);  // audited as mail.prefs
  redirect(c.res, "/settings?saved=1");
}

}  // namespace waymark::gateway::web
