// gateway/web/pages_it_transfer.cpp: "Transfer a child", for the sending establishment's IT. Three steps: choose
// the child and where they go (another establishment and its wing); a confirm page that says plainly what will
// happen; then the same transfer_child the admin command uses (gateway/store/transfers.h: one transaction,
// audited on both sides, with this account's name). Only this establishment's children can be chosen; another's
// is "not found" and audited. A destination that is not one is a plain message beside the field, nothing changed.
#include <httplib.h>

#include <stdexcept>

#include "gateway/store/admin.h"
#include "gateway/store/transfers.h"
#include "gateway/web/fields.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {

// "HOL/Ash": an establishment's code and one of its wings, as the destination list sends it.
struct Destination {
  Establishment est;
  std::string wing;
};
std::optional<Destination> destination_of(Db& db, const Establishment& from, const std::string& value) {
  const auto slash = value.find('/');
  if (slash == std::string::npos) return std::nullopt;
  auto to = establishment_by_code(db, value.substr(0, slash));
  const std::string wing = value.substr(slash + 1);
  if (!to || to->id == from.id) return std::nullopt;
  for (const std::string& w : to->wings)
    if (w == wing) return Destination{*to, wing};
  return std::nullopt;
}

void choose_page(Ctx& c, int status, const Establishment& est, const std::string& child, const std::string& to, const Problems& p) {
  ChoiceField kids{"child", "Child", "Children on this establishment's roster.", {{"", "Choose a child"}}, child};
  for (const RosterRow& r : roster(c.db, est.id)) kids.options.emplace_back(r.number, r.first_name + " (" + r.number + "), " + r.wing + " wing");
  ChoiceField dest{"to", "Where they are going", "Another establishment on this gateway, and the wing they will be on.",
                   {{"", "Choose an establishment and wing"}}, to};
  for (const Establishment& e : list_establishments(c.db))
    if (e.id != est.id)
      for (const std::string& w : e.wings) dest.options.emplace_back(e.code + "/" + w, e.name + " (" + e.code + "), " + w + " wing");
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/it\">Establishment IT</a> › Transfer a child</p><h1>Transfer a child</h1>"
    << "<p class=\"lede\">Move a child from " << est.name << " to another establishment. Their messages, meetings, plan and "
       "enquiries go with them; their YOT workers stay the same. You will see what will happen before anything changes.</p>"
    << problem_summary(p) << "<form class=\"stack\" method=\"post\" action=\"/it/transfer\">" << hidden_csrf(c)
    << "<input type=\"hidden\" name=\"step\" value=\"check\">" << choice_input(kids, p) << choice_input(dest, p)
    << "<div><button class=\"primary\" type=\"submit\">Check the transfer</button></div></form>";
  send_html(c.res, status, page(c.frame("Transfer a child"), b));
}

std::string workers_words(Db& db, const std::string& child) {
  std::string out;
  for (const ContactRow& k : list_contacts(db, child))
    if (k.allowed) out += (out.empty() ? "" : ", ") + k.name + " (" + k.org + ")";
  return out;
}

void confirm_page(Ctx& c, const Establishment& est, const ChildRow& ch, const Destination& d) {
  const std::string name = ch.first_name, workers = workers_words(c.db, ch.number);
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/it\">Establishment IT</a> › <a href=\"/it/transfer\">Transfer a child</a> › Check</p>"
    << "<h1>Transfer " << name << " to " << d.est.name << "?</h1><h2>What will happen</h2><ul>"
    << "<li>" << name << " (" << ch.number << ") moves now from " << est.name << ", " << ch.wing << " wing, to " << d.est.name << ", "
    << d.wing << " wing.</li>"
    << "<li>At their next sync, the kiosks on " << d.wing << " wing at " << d.est.name << " get " << name
    << ", who can sign in there with the same PIN, with their YOT worker's messages, their meetings, their plan and what "
       "became of their enquiries.</li>"
    << "<li>At their next sync, the kiosks on " << ch.wing << " wing here stop letting " << name << " sign in, send up anything of "
    << name << "'s still waiting on them, then delete everything of " << name << "'s.</li>"
    << "<li>" << (workers.empty() ? Html("No YOT worker is allowed to message ") << name << " now; that stays the same."
                                  : Html("Their YOT workers stay the same: ") << workers << ". The conversation carries on.")
    << "</li><li>The transfer is written to the audit log of both establishments, with your name.</li>"
    << "<li>You cannot undo it here: only the IT of " << d.est.name << ", or the gateway's admin, can transfer " << name
    << " back.</li></ul><form class=\"stack\" method=\"post\" action=\"/it/transfer\">" << hidden_csrf(c)
    << "<input type=\"hidden\" name=\"step\" value=\"confirm\"><input type=\"hidden\" name=\"child\" value=\"" << ch.number
    << "\"><input type=\"hidden\" name=\"to\" value=\"" << d.est.code + "/" + d.wing
    << "\"><div><button class=\"primary\" type=\"submit\">Transfer " << name << " now</button> <a href=\"/it/transfer?child="
    << ch.number << "\">No, go back</a></div></form>";
  send_html(c.res, 200, page(c.frame("Check the transfer"), b));
}

}  // namespace

void get_it_transfer(Ctx& c) {
  const auto est = need_it(c);
  if (!est) return;
  const std::string child = query(c.req, "child");
  if (!child.empty() && !need_own_child(c, *est, child)) return;
  choose_page(c, 200, *est, child, "", Problems{});
}

void post_it_transfer(Ctx& c) {
  const auto it = need_it_post(c);
  if (!it) return;
  const std::string child = field(it->form, "child"), to = field(it->form, "to"), step = field(it->form, "step");
  Problems p;
  if (child.empty()) p.add("child", "Choose the child to transfer.");
  else if (!need_own_child(c, it->est, child)) return;  // another establishment's child: "not found", audited
  const auto dest = destination_of(c.db, it->est, to);
  if (!dest) p.add("to", to.empty() ? "Choose where the child is going." : "Choose one of the establishments and wings in the list.");
  if (!p.empty()) {
    choose_page(c, 400, it->est, child, to, p);
    return;
  }
  const ChildRow ch = *get_child(c.db, child);
  if (step != "confirm") {
    confirm_page(c, it->est, ch, *dest);
    return;
  }
  try {
    transfer_child(c.db, TransferRequest{child, dest->est.code, dest->wing, it->est.code}, c.s->who.label(), c.now);
  } catch (const std::invalid_argument& e) {  // released, or moved by someone else meanwhile: nothing changed
    p.add("child", std::string("Nothing was changed: ") + e.what() + ".");
    choose_page(c, 400, it->est, child, to, p);
    return;
  }
  redirect(c.res, "/it/roster?transferred=1");
}

}  // namespace waymark::gateway::web
