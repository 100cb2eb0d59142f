// gateway/web/pages_security.cpp: the establishment's security review: the roster, who looked at what, and a
// child's messages. Read-only; every review is audited and written to the view log.
#include <httplib.h>


#include "gateway/store/admin.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

void get_security(Ctx& c) {
  if (!need_session(c, PrincipalKind::Security)) return;
  Html b;
  b << "<h1>Security review</h1><p class=\"lede\">Read-only. Every review you open is recorded with your name.</p>"
    << "<h2>Children</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Child</th><th scope=\"col\">Number</th>"
       "<th scope=\"col\">Wing</th></tr></thead><tbody>";
  for (const RosterRow& r : roster(c.db))
    b << "<tr><td><a href=\"/security/children/" << r.number << "\">" << r.first_name << "</a></td><td>" << r.number
      << "</td><td>" << r.wing << "</td></tr>";
  b << "</tbody></table></div><h2>Who looked at what (latest 50)</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">When</th>"
       "<th scope=\"col\">Who</th><th scope=\"col\">Child</th><th scope=\"col\">What</th></tr></thead><tbody>";
  for (const ViewRow& v : recent_views(c.db, 50))
    b << "<tr><td>" << nice_time_ms(v.at_ms) << "</td><td>" << v.actor << "</td><td>" << v.child << "</td><td>" << v.what
      << "</td></tr>";
  b << "</tbody></table></div>";
  send_html(c.res, 200, page(c.frame("Security review"), b));
}

void get_security_child(Ctx& c) {
  if (!need_session(c, PrincipalKind::Security)) return;
  const std::string number = c.req.matches[1];
  const auto ch = get_child(c.db, number);
  if (!ch) {
    not_found(c);
    return;
  }
  const auto msgs = review_messages(c.db, number, c.s->who.label(), c.now);  // audited as messages.review
  log_view(c.db, c.s->who, number, "security review of messages", c.now);
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/security\">Security review</a> › " << ch->first_name << "</p><h1>" << ch->first_name << " ("
    << number << "): messages</h1><p class=\"lede\">Wing " << ch->wing << ". Read-only. This review is recorded.</p>";
  b << "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Direction</th><th scope=\"col\">Worker</th>"
       "<th scope=\"col\">State</th><th scope=\"col\">Text</th></tr></thead><tbody>";
  for (const ReviewMessage& m : msgs)
    b << "<tr><td>" << nice_time_ms(m.at * 1000) << "</td><td>" << m.direction << "</td><td>" << m.worker << "</td><td>"
      << m.state << "</td><td class=\"pre\">" << m.text << "</td></tr>";
  if (msgs.empty()) b << "<tr><td colspan=\"5\">No messages.</td></tr>";
  b << "</tbody></table></div><h2>Who looked at " << ch->first_name << "'s data</h2><div class=\"table-wrap\"><table><thead><tr>"
       "<th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th></tr></thead><tbody>";
  for (const ViewRow& v : views_of_child(c.db, number, 200))
    b << "<tr><td>" << nice_time_ms(v.at_ms) << "</td><td>" << v.actor << "</td><td>" << v.what << "</td></tr>";
  b << "</tbody></table></div>";
  send_html(c.res, 200, page(c.frame(ch->first_name + ": security review"), b));
}

}  // namespace waymark::gateway::web
