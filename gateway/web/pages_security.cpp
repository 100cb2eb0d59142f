// gateway/web/pages_security.cpp: the establishment's security review: the roster, who looked at what, and a
// child's messages. Read-only; every review is audited and written to the view log.
#include <httplib.h>

#include <map>
#include <regex>

#include "gateway/store/admin.h"
#include "gateway/store/audit.h"
#include "gateway/store/establishments.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {
// What was looked at, in words. Rows written before the log kept words name a record by its id: those are
// looked up and put in words too ("Meeting: Review meeting, Tue 3 Dec 2026 at 10:30").
std::string what_words(Ctx& c, const ViewRow& v) {
  static const std::regex kOld(R"(^(meeting|My Views) ([0-9a-f]{16,64})$)");
  static const std::map<std::string, std::string> kRenamed = {
      {"messages", "Messages"}, {"meetings", "Meetings"}, {"My Views list", "My Views (the list)"}};
  if (const auto it = kRenamed.find(v.what); it != kRenamed.end()) return it->second;
  std::smatch m;
  if (!std::regex_match(v.what, m, kOld)) return v.what;
  if (m[1] == "meeting") {
    const auto mt = meeting_by_id(c.db, m[2]);
    return mt && mt->child == v.child ? "Meeting: " + meeting_line(mt->kind, mt->date, mt->time) : "A meeting since deleted";
  }
  const auto r = child_record(c.db, v.child, "myviews", m[2]);
  return r ? my_views_words(*r) : "A My Views response";
}
}  // namespace

void get_security(Ctx& c) {
  if (!need_session(c, PrincipalKind::Security)) return;
  std::map<std::string, std::string> names;  // number -> "Alex (1001)"
  Html kids, looks;
  const int64_t establishment = security_staff_establishment(c.db, c.s->who.id);
  for (const RosterRow& r : roster(c.db, establishment)) {
    names[r.number] = r.first_name + " (" + r.number + ")";
    kids << "<tr><td><a href=\"/security/children/" << r.number << "\">" << r.first_name << "</a></td><td>" << r.number
         << "</td><td>" << r.wing << "</td></tr>";
  }
  for (const ViewRow& v : recent_views(c.db, establishment, 50))
    looks << "<tr><td>" << nice_time_ms(v.at_ms) << "</td><td>" << v.actor << "</td><td>"
          << (names.count(v.child) ? names[v.child] : v.child) << "</td><td>" << what_words(c, v) << "</td></tr>";
  Html b;
  b << "<h1>Security review</h1><p class=\"lede\">Read-only. Every review you open is recorded with your name.</p>"
    << "<h2 id=\"children\">Children</h2>" << scroll_table("Children", th({"Child", "Number", "Wing"}), kids)
    << "<h2 id=\"looks\">Who looked at what (latest 50)</h2><p>Looks at the same thing by the same person within "
    << kRepeatLookMs / 60000 << " minutes count once.</p>"
    << scroll_table("Who looked at what", th({"When", "Who", "Child", "What"}), looks);
  send_html(c.res, 200, page(c.frame("Security review"), b));
}

void get_security_child(Ctx& c) {
  if (!need_session(c, PrincipalKind::Security)) return;
  const std::string number = c.req.matches[1];
  const auto ch = get_child(c.db, number);
  // Security staff review only their own establishment's children; another's looks like an unknown child.
  const auto at = child_establishment(c.db, number);
  if (ch && at && *at != security_staff_establishment(c.db, c.s->who.id)) {
    Txn t(c.db);
    audit(c.db, c.now, c.s->who.label(), "scope.refused", "security review of child " + number + " of another establishment");
    t.commit();
  }
  if (!ch || !at || *at != security_staff_establishment(c.db, c.s->who.id)) {
    not_found(c);
    return;
  }
  const auto msgs = review_messages(c.db, number, c.s->who.label(), c.now);  // audited as messages.review
  log_view(c.db, c.s->who, number, "Messages (security review)", c.now);
  Html rows, looks;
  for (const ReviewMessage& m : msgs)
    rows << "<tr><td>" << nice_time_s(m.at) << "</td><td>" << m.direction << "</td><td>" << m.worker << "</td><td>"
         << m.state << "</td><td class=\"pre\">" << m.text << "</td></tr>";
  if (msgs.empty()) rows << "<tr><td colspan=\"5\">No messages.</td></tr>";
  for (const ViewRow& v : views_of_child(c.db, number, 200))
    looks << "<tr><td>" << nice_time_ms(v.at_ms) << "</td><td>" << v.actor << "</td><td>" << what_words(c, v) << "</td></tr>";
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/security\">Security review</a> › " << ch->first_name << "</p><h1>" << ch->first_name << " ("
    << number << "): messages</h1><p class=\"lede\">Wing " << ch->wing << ". Read-only. This review is recorded.</p>"
    << scroll_table(ch->first_name + "'s messages", th({"When", "Direction", "Worker", "State", "Text"}), rows)
    << "<h2>Who looked at " << ch->first_name << "'s data</h2>"
    << scroll_table("Who looked at " + ch->first_name + "'s data", th({"When", "Who", "What"}), looks);
  send_html(c.res, 200, page(c.frame(ch->first_name + ": security review"), b));
}

}  // namespace waymark::gateway::web
