// gateway/web/pages_it_children.cpp: establishment IT's roster (the children on each wing) and a child's
// contacts: which YOT workers the child may message (allow one by email, revoke, allow again). Only the
// account's own establishment's children; another's is "not found" and audited (need_own_child, pages.h).
// Contact changes are the admin command's (set_contact): they reach the wing's kiosks at their next sync.
#include <httplib.h>

#include <map>
#include <stdexcept>

#include "gateway/store/admin.h"
#include "gateway/web/fields.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {

std::string contact_words(const std::vector<ContactRow>& contacts) {
  std::string out;
  for (const ContactRow& k : contacts)
    if (k.allowed) out += (out.empty() ? "" : ", ") + k.name + " (" + k.org + ")";
  return out.empty() ? "Nobody yet" : out;
}

}  // namespace

void get_it_roster(Ctx& c) {
  const auto est = need_it(c);
  if (!est) return;
  std::map<std::string, Html> by_wing;
  std::map<std::string, int> counts;
  for (const std::string& w : est->wings) by_wing[w];
  for (const RosterRow& r : roster(c.db, est->id)) {
    const auto ch = get_child(c.db, r.number);
    by_wing[r.wing] << "<tr><td><a href=\"/it/children/" << r.number << "\">" << r.first_name << "</a></td><td>" << r.number
                    << "</td><td>" << (ch && !ch->release_date.empty() ? nice_date(ch->release_date) : std::string("Not set"))
                    << "</td><td>" << contact_words(list_contacts(c.db, r.number)) << "</td></tr>";
    counts[r.wing]++;
  }
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/it\">Establishment IT</a> › Roster</p><h1>Roster</h1><p class=\"lede\">" << est->name
    << ": the children on each wing and the YOT workers each may message. Children join with "
       "<code>waymark-gateway children add</code>.</p>";
  if (query(c.req, "transferred") == "1")
    b << "<div class=\"notice ok\" role=\"status\"><p>The transfer is done. The child is no longer on this roster.</p></div>";
  for (auto& [wing, rows] : by_wing) {
    b << "<h2>" << wing << " wing <span class=\"num\">" << plural(counts[wing], "child", "children") << "</span></h2>";
    if (rows.empty()) rows << "<tr><td colspan=\"4\">No children on this wing.</td></tr>";
    b << scroll_table(wing + " wing", th({"Child", "Number", "Release date", "May message"}), rows);
  }
  send_html(c.res, 200, page(c.frame("Roster"), b));
}

namespace {

void child_page(Ctx& c, int status, const Establishment& est, const ChildRow& ch, const std::string& email, const Problems& p,
                const std::string& done) {
  Html rows;
  for (const ContactRow& k : list_contacts(c.db, ch.number)) {
    rows << "<tr><td>" << k.name << "</td><td>" << k.org << "</td><td>"
         << (k.allowed ? Html("<span class=\"badge ok\">May message</span>") : Html("<span class=\"badge grey\">Revoked</span>"))
         << "</td><td><form method=\"post\" action=\"/it/children/" << ch.number << "/contacts\">" << hidden_csrf(c)
         << "<input type=\"hidden\" name=\"worker\" value=\"" << k.worker_id << "\"><input type=\"hidden\" name=\"action\" value=\""
         << (k.allowed ? "revoke" : "allow") << "\"><button class=\"secondary\" type=\"submit\">"
         << (k.allowed ? "Revoke" : "Allow again") << "<span class=\"visually-hidden\"> " << k.name << "</span></button></form></td></tr>";
  }
  if (rows.empty()) rows << "<tr><td colspan=\"4\">No YOT worker yet.</td></tr>";
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/it\">Establishment IT</a> › <a href=\"/it/roster\">Roster</a> › " << ch.first_name << "</p><h1>"
    << ch.first_name << " <span class=\"num\">" << ch.number << "</span></h1>";
  if (!done.empty()) b << "<div class=\"notice ok\" role=\"status\"><p>" << done << " It reaches the wing's kiosks at their next sync.</p></div>";
  b << "<dl class=\"facts\"><dt>Establishment</dt><dd>" << est.name << "</dd><dt>Wing</dt><dd>" << ch.wing
    << "</dd><dt>Release date</dt><dd>" << (ch.release_date.empty() ? std::string("Not set") : nice_date(ch.release_date))
    << "</dd></dl><h2>Who " << ch.first_name << " may message</h2>"
    << scroll_table("Who " + ch.first_name + " may message", th({"YOT worker", "YOT", "State", "Change"}), rows)
    << "<h2>Allow a YOT worker</h2>" << problem_summary(p) << "<form class=\"stack\" method=\"post\" action=\"/it/children/" << ch.number
    << "/contacts\">" << hidden_csrf(c) << "<input type=\"hidden\" name=\"action\" value=\"allow\">"
    << text_input(TextField{"email", "The worker's email address", "They must already have a Waymark account.", email, 120}, p)
    << "<div><button class=\"primary\" type=\"submit\">Allow this worker</button></div></form>"
    << "<p><a href=\"/it/transfer?child=" << ch.number << "\">Transfer " << ch.first_name << " to another establishment</a></p>";
  send_html(c.res, status, page(c.frame(ch.first_name + ": contacts"), b));
}

}  // namespace

void get_it_child(Ctx& c) {
  const auto est = need_it(c);
  if (!est) return;
  const std::string number = c.req.matches[1];
  if (!need_own_child(c, *est, number)) return;
  const std::string done = query(c.req, "done");
  child_page(c, 200, *est, *get_child(c.db, number), "", Problems{},
             done == "allow" ? "The worker may message the child now." : done == "revoke" ? "The worker is revoked." : "");
}

void post_it_contacts(Ctx& c) {
  const auto it = need_it_post(c);
  if (!it) return;
  const std::string number = c.req.matches[1];
  if (!need_own_child(c, it->est, number)) return;
  const ChildRow ch = *get_child(c.db, number);
  const std::string action = field(it->form, "action"), email = field(it->form, "email"), worker = field(it->form, "worker");
  Problems p;
  std::optional<int64_t> worker_id;
  if (!worker.empty()) {  // a row's button: the worker must already be one of this child's contacts
    for (const ContactRow& k : list_contacts(c.db, number))
      if (std::to_string(k.worker_id) == worker) worker_id = k.worker_id;
  } else if (email.empty()) {
    p.add("email", "Enter the worker's email address.");
  } else if (const auto w = worker_by_email(c.db, email); w && w->active) {
    worker_id = w->id;
  } else {
    p.add("email", "There is no YOT worker with that email address on Waymark. Check it, or ask the gateway's admin to add them.");
  }
  if ((action != "allow" && action != "revoke") || (!worker.empty() && !worker_id)) {
    not_found(c);  // a form this site never made
    return;
  }
  if (!p.empty()) {
    child_page(c, 400, it->est, ch, email, p, "");
    return;
  }
  set_contact(c.db, number, *worker_id, action == "allow", c.s->who.label(), c.now);  // audited, sent to the wing
  redirect(c.res, "/it/children/" + number + "?done=" + action);
}

}  // namespace waymark::gateway::web
