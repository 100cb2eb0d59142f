// gateway/web/pages_plan_edit.cpp: the forms that change a child's plan: one pathway (where things stand, the
// goal, where the child will live for accommodation, the actions) and the day out. Plain server-rendered
// forms: each field's problem beside it, nothing typed lost, a save is a new version (gateway/store/plan_store.h).
// The kiosk is a shared screen, so text that looks like a street address, a phone number, an email or a web
// address is held back with a warning until the worker ticks that it is safe (core/catalogue's safety check).
#include <httplib.h>

#include <algorithm>

#include "core/base/text.h"
#include "core/catalogue/curation.h"
#include "gateway/store/plan_store.h"
#include "gateway/web/fields.h"
#include "gateway/web/pages.h"
#include "gateway/web/plan_words.h"

namespace waymark::gateway::web {

namespace {

// ---------------------------------------------------------------- shared by both forms
// Typed text, trimmed and checked: its length (in characters, as the kiosk counts), characters the kiosk can
// show, and (unless the worker confirmed it is safe) the shared-screen safety check. Problems go under `id`.
std::string checked(const std::string& typed, const std::string& id, const std::string& label, size_t max, bool newlines, bool confirm,
                    Problems& p, bool& unsafe) {
  const std::string v = trim_space(lf(typed));
  const size_t n = utf8_length(v);
  if (!utf8_valid(v)) p.add(id, label + " has characters that cannot be saved. Please type it again.");
  else if (n > max) p.add(id, label + " is " + std::to_string(n) + " characters long. It can be up to " + std::to_string(max) + ".");
  else if (sanitize_text(v, max, newlines) != v)
    p.add(id, label + " has characters the kiosk cannot show (for example emoji" + std::string(newlines ? "" : " or a new line") +
                  "). Please take them out.");
  else if (!confirm)
    for (const SafetyFlag& f : safety_check_text(id, v)) {
      if (f.what == std::string("a person's name")) continue;  // an action's owner is a person by name and role
      p.add(id, "This looks like " + f.what + " (\"" + f.excerpt + "\"). The kiosk is a shared screen other children read: write "
                "'with your aunt in Leeds', not the address, number or email.");
      unsafe = true;
      break;
    }
  return v;
}

Html select(const std::string& name, const CodeWords& options, const std::string& chosen) {
  Html o;
  o << "<select id=\"" << name << "\" name=\"" << name << "\">";
  for (const auto& [code, words] : options) {
    o << "<option value=\"" << code << "\"";
    if (code == chosen) o << " selected";
    o << ">" << words << "</option>";
  }
  o << "</select>";
  return o;
}

Html confirm_box(bool unsafe) {
  Html o;
  if (unsafe)
    o << "<div class=\"group has-problem\"><label class=\"check\"><input type=\"checkbox\" name=\"confirm-safety\" value=\"1\"> "
         "I have checked the words marked above: they are safe for other children on the wing to see</label></div>";
  return o;
}

int64_t version_of(const std::optional<plan::Plan>& p) { return p ? p->version : 0; }

// A newer version was saved since the form was opened: the worker checks their words against it first.
void check_base(const Form& in, const std::optional<plan::Plan>& cur, Problems& p) {
  if (field(in, "base") == std::to_string(version_of(cur))) return;
  p.add("base", "Someone saved a newer version of the plan (version " + std::to_string(version_of(cur)) + (cur ? " by " + cur->saved_by : "") +
                    ") while you were writing. Your words are still here: check them against the plan, then save again.");
}

Html crumbs(const ChildSummary& k, const std::string& here) {
  Html o;
  o << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › <a href=\"/children/" << k.number << "\">" << k.first_name
    << "</a> › <a href=\"/children/" << k.number << "/plan\">My plan</a> › " << here << "</p>";
  return o;
}

// ---------------------------------------------------------------- a pathway
struct ActionForm {
  std::string id, what, owner, state = "to_do", note;
  DateParts due;
  bool remove = false;
};
struct PathwayForm {
  std::string base = "0", now, goal, arrangement = "not_known", kind;
  DateParts agreed;
  std::vector<ActionForm> actions;  // the plan's actions, then one blank row to add one
};

PathwayForm pathway_form_of(const std::optional<plan::Plan>& cur, plan::Pathway pw) {
  PathwayForm f;
  f.base = std::to_string(version_of(cur));
  if (cur) {
    const plan::PathwayPlan& pp = cur->at(pw);
    f.now = pp.now;
    f.goal = pp.goal;
    f.arrangement = plan::arrangement_code(cur->arrangement.state);
    f.kind = cur->arrangement.kind ? plan::place_kind_code(*cur->arrangement.kind) : "";
    f.agreed = date_parts_of(cur->arrangement.agreed_on);
    for (const plan::Action& a : pp.actions) f.actions.push_back(ActionForm{a.id, a.what, a.owner, plan::action_state_code(a.state), "", date_parts_of(a.due)});
  }
  f.actions.push_back(ActionForm{});
  return f;
}

PathwayForm pathway_form_in(const Form& in) {
  PathwayForm f{field(in, "base"), field(in, "now"), field(in, "goal"), field(in, "arrangement"), field(in, "kind"), date_parts_in(in, "agreed"), {}};
  const std::string count = field(in, "count");
  const int n = count.size() <= 2 && !count.empty() && std::all_of(count.begin(), count.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) ? std::stoi(count) : 0;
  for (int i = 0; i < std::min(n, static_cast<int>(plan::kMaxActions) + 1); i++) {
    const std::string a = "a" + std::to_string(i) + "-";
    f.actions.push_back(ActionForm{field(in, a + "id"), field(in, a + "what"), field(in, a + "owner"), field(in, a + "state"),
                                   field(in, a + "note"), date_parts_in(in, a + "due"), field(in, a + "remove") == "1"});
  }
  return f;
}

struct CheckedPathway {
  plan::PathwayPlan pathway;
  plan::Arrangement arrangement;
  std::vector<std::pair<std::string, std::string>> notes;  // "pathway/id" -> the note for the action's history
  bool unsafe = false;
};

void check_actions(const PathwayForm& f, const plan::Plan& cur, plan::Pathway pw, bool confirm, CheckedPathway& out, Problems& p) {
  for (size_t i = 0; i < f.actions.size(); i++) {
    const ActionForm& a = f.actions[i];
    const std::string id = "a" + std::to_string(i) + "-";
    const bool known = std::any_of(cur.at(pw).actions.begin(), cur.at(pw).actions.end(), [&](const plan::Action& x) { return x.id == a.id; });
    if (a.remove && known) continue;
    if (!known && trim_space(a.what).empty() && trim_space(a.owner).empty() && trim_space(a.due.day + a.due.month + a.due.year).empty()) continue;
    plan::Action x;
    x.id = known ? a.id : "";  // a new action gets its id when saved
    x.what = checked(a.what, id + "what", "What will be done", plan::kMaxWhatChars, false, confirm, p, out.unsafe);
    if (x.what.empty()) p.add(id + "what", "Say what will be done.");
    x.owner = checked(a.owner, id + "owner", "Who", plan::kMaxOwnerChars, false, confirm, p, out.unsafe);
    if (x.owner.empty()) p.add(id + "owner", "Say who will do it: a name and role, or an agency (\"Leeds Housing team\").");
    x.due = read_date(a.due, id + "due", "The date it should be done by", false, p).value_or("");
    const auto st = plan::parse_action_state(a.state);
    if (!st) p.add(id + "state", "Choose where the action has got to.");
    x.state = st.value_or(plan::ActionState::ToDo);
    const std::string note = checked(a.note, id + "note", "What happened", plan::kMaxNoteChars, false, confirm, p, out.unsafe);
    if (known && !note.empty()) out.notes.emplace_back(std::string(plan::pathway_code(pw)) + "/" + a.id, note);
    out.pathway.actions.push_back(std::move(x));
  }
  if (out.pathway.actions.size() > plan::kMaxActions)
    p.add("a0-what", "A pathway can have up to " + std::to_string(plan::kMaxActions) + " actions. Take out the ones that are done.");
}

CheckedPathway check_pathway(const Form& in, const PathwayForm& f, const plan::Plan& cur, plan::Pathway pw, Problems& p) {
  const bool confirm = field(in, "confirm-safety") == "1";
  CheckedPathway out;
  out.pathway.pathway = pw;
  out.pathway.now = checked(f.now, "now", "Where things stand", plan::kMaxNowChars, true, confirm, p, out.unsafe);
  out.pathway.goal = checked(f.goal, "goal", "The goal", plan::kMaxGoalChars, false, confirm, p, out.unsafe);
  out.arrangement = cur.arrangement;
  if (pw == plan::Pathway::Accommodation) {
    const auto st = plan::parse_arrangement(f.arrangement);
    if (!st) p.add("arrangement", "Choose where things are with where the child will live.");
    out.arrangement = plan::Arrangement{st.value_or(plan::ArrangementState::NotKnown), std::nullopt, ""};
    if (out.arrangement.state == plan::ArrangementState::Agreed) {
      out.arrangement.kind = plan::parse_place_kind(f.kind);
      if (!out.arrangement.kind) p.add("kind", "Choose the kind of place that is agreed.");
      out.arrangement.agreed_on = read_date(f.agreed, "agreed", "The date it was agreed", true, p).value_or("");
    }
  }
  check_actions(f, cur, pw, confirm, out, p);
  return out;
}

Html action_fields(const ActionForm& a, size_t i, const Problems& p) {
  const std::string id = "a" + std::to_string(i) + "-";
  const bool blank = a.id.empty();
  Html b;
  b << "<fieldset class=\"action\"><legend>" << (blank ? std::string("Add an action") : "Action " + std::to_string(i + 1)) << "</legend>"
    << "<input type=\"hidden\" name=\"" << id << "id\" value=\"" << a.id << "\">"
    << text_input({id + "what", "What will be done", blank ? "Leave this blank to add no action." : "", a.what, plan::kMaxWhatChars}, p)
    << text_input({id + "owner", "Who", "A name and role, or an agency: \"Leeds Housing team\", \"Ms Hughes, education\".", a.owner, plan::kMaxOwnerChars}, p)
    << date_input(id + "due", "By when", "Optional. For example 3 12 2026.", a.due, p)
    << "<div class=\"group" << (p.of(id + "state").empty() ? "" : " has-problem") << "\"><label for=\"" << id << "state\">Where it has got to</label>"
    << field_problem(id + "state", p.of(id + "state")) << select(id + "state", action_states(), a.state) << "</div>";
  if (!blank)
    b << text_input({id + "note", "What happened", "Optional: goes in the action's history, for example \"The panel meets on 10 December\".", a.note,
                     plan::kMaxNoteChars},
                    p)
      << "<label class=\"check\"><input type=\"checkbox\" name=\"" << id << "remove\" value=\"1\"" << (a.remove ? " checked" : "")
      << "> Take this action out of the plan</label>";
  b << "</fieldset>";
  return b;
}

void pathway_page(Ctx& c, const ChildSummary& k, plan::Pathway pw, int status, const PathwayForm& f, const Problems& p, bool unsafe) {
  const std::string code = plan::pathway_code(pw);
  Html b;
  b << crumbs(k, pathway_name(pw)) << "<h1>" << k.first_name << "'s plan: " << pathway_name(pw) << "</h1>"
    << "<p class=\"lede\">" << k.first_name << " reads this on the kiosk in plain words (and in Welsh if you write Welsh). Short sentences "
    << "and everyday words are easiest. Saving makes a new version.</p>" << problem_summary(p) << field_problem("base", p.of("base"))
    << "<form class=\"stack\" method=\"post\" action=\"/children/" << k.number << "/plan/" << code << "\" novalidate>" << hidden_csrf(c)
    << "<input type=\"hidden\" name=\"base\" value=\"" << f.base << "\"><input type=\"hidden\" name=\"count\" value=\"" << f.actions.size() << "\">";
  if (pw == plan::Pathway::Accommodation) {
    CodeWords kinds{{"", "Choose"}};
    kinds.insert(kinds.end(), place_kinds().begin(), place_kinds().end());
    b << "<fieldset class=\"radios group" << (p.of("arrangement").empty() ? "" : " has-problem") << "\" id=\"arrangement\"><legend>Where "
      << k.first_name << " will live</legend>" << field_problem("arrangement", p.of("arrangement"));
    for (const auto& [c2, words] : arrangement_states())
      b << "<label><input type=\"radio\" name=\"arrangement\" value=\"" << c2 << "\"" << (c2 == f.arrangement ? " checked" : "") << "> " << words << "</label>";
    b << "</fieldset><div class=\"group" << (p.of("kind").empty() ? "" : " has-problem") << "\"><label for=\"kind\">If agreed: the kind of place</label>"
      << field_problem("kind", p.of("kind")) << select("kind", kinds, f.kind) << "</div>" << date_input("agreed", "If agreed: the date it was agreed", "For example 3 12 2026.", f.agreed, p);
  }
  b << text_input({"now", "Where things stand", "One or two short sentences, for example \"Sam and Leeds Housing team are looking for a place for you.\"",
                   f.now, plan::kMaxNowChars, 3},
                  p)
    << text_input({"goal", "The goal", "In the positive and the first person: \"I will live with my aunt in Leeds.\"", f.goal, plan::kMaxGoalChars}, p)
    << "<h2>Actions</h2><p>Who does what by when. A late action shows on the kiosk as the worker's or agency's job, never the child's.</p>";
  for (size_t i = 0; i < f.actions.size(); i++) b << action_fields(f.actions[i], i, p);
  b << confirm_box(unsafe) << "<div><button class=\"primary\" type=\"submit\">Save " << pathway_name(pw) << "</button> <a href=\"/children/"
    << k.number << "/plan\">Back to the plan</a></div></form>";
  send_html(c.res, status, page(c.frame(k.first_name + ": " + pathway_name(pw)), b));
}

// The pathway in the URL; "not found" for a word that is not one.
std::optional<plan::Pathway> need_pathway(Ctx& c) {
  const auto pw = plan::parse_pathway(std::string(c.req.matches[2]));
  if (!pw) not_found(c);
  return pw;
}

// ---------------------------------------------------------------- the day out
struct DayOutForm {
  std::string base = "0", who_meets, meet_where, where_first, first_who, first_where, bring;
  DateParts date, first_date;
  TimeParts time, first_time;
};

DayOutForm day_out_form_of(const std::optional<plan::Plan>& cur, const ChildSummary& k) {
  DayOutForm f;
  f.base = std::to_string(version_of(cur));
  if (!cur || !cur->day_out) {
    f.date = date_parts_of(k.release_date);  // the release date, until the worker says otherwise
    return f;
  }
  const plan::DayOut& d = *cur->day_out;
  f.date = date_parts_of(d.date);
  f.time = time_parts_of(d.time);
  f.who_meets = d.who_meets;
  f.meet_where = d.meet_where;
  f.where_first = d.where_first;
  f.first_who = d.first.who;
  f.first_where = d.first.where;
  f.first_date = date_parts_of(d.first.date);
  f.first_time = time_parts_of(d.first.time);
  for (const std::string& x : d.bring) f.bring += (f.bring.empty() ? "" : "\n") + x;
  return f;
}

DayOutForm day_out_form_in(const Form& in) {
  return DayOutForm{field(in, "base"),          field(in, "who_meets"),       field(in, "meet_where"),      field(in, "where_first"),
                    field(in, "first_who"),     field(in, "first_where"),     field(in, "bring"),           date_parts_in(in, "date"),
                    date_parts_in(in, "first-date"), time_parts_in(in, "time"), time_parts_in(in, "first-time")};
}

// The day out, or std::nullopt when every field is empty (the day out is taken out of the plan).
std::optional<plan::DayOut> check_day_out(const Form& in, const DayOutForm& f, Problems& p, bool& unsafe) {
  const bool confirm = field(in, "confirm-safety") == "1";
  plan::DayOut d;
  d.who_meets = checked(f.who_meets, "who_meets", "Who meets them", plan::kMaxShortChars, false, confirm, p, unsafe);
  d.meet_where = checked(f.meet_where, "meet_where", "Where they are met", plan::kMaxShortChars, false, confirm, p, unsafe);
  d.where_first = checked(f.where_first, "where_first", "Where they go first", plan::kMaxShortChars, false, confirm, p, unsafe);
  d.first.who = checked(f.first_who, "first_who", "Who the first appointment is with", plan::kMaxShortChars, false, confirm, p, unsafe);
  d.first.where = checked(f.first_where, "first_where", "Where the first appointment is", plan::kMaxShortChars, false, confirm, p, unsafe);
  d.first.date = read_date(f.first_date, "first-date", "The date of the first appointment", false, p).value_or("");
  d.first.time = read_time(f.first_time, "first-time", "The time of the first appointment", false, p).value_or("");
  d.time = read_time(f.time, "time", "The time they get out", false, p).value_or("");
  std::istringstream lines(lf(f.bring));
  for (std::string line; std::getline(lines, line);) {
    const std::string item = checked(line, "bring", "A thing to bring", plan::kMaxBringChars, false, confirm, p, unsafe);
    if (!item.empty()) d.bring.push_back(item);
  }
  if (d.bring.size() > plan::kMaxBring) p.add("bring", "Up to " + std::to_string(plan::kMaxBring) + " things to bring, one a line.");
  const bool anything = !d.who_meets.empty() || !d.meet_where.empty() || !d.where_first.empty() || !d.first.who.empty() ||
                        !d.first.where.empty() || !d.first.date.empty() || !d.first.time.empty() || !d.time.empty() || !d.bring.empty();
  const auto date = read_date(f.date, "date", "The day they get out", anything, p);
  if (!anything && date && date->empty()) return std::nullopt;
  d.date = date.value_or("");
  return d;
}

void day_out_page(Ctx& c, const ChildSummary& k, int status, const DayOutForm& f, const Problems& p, bool unsafe) {
  Html b;
  b << crumbs(k, "The day out") << "<h1>The day " << k.first_name << " gets out</h1><p class=\"lede\">" << k.first_name
    << " sees this card on the kiosk with how many weeks or days are left. To take it out of the plan, empty every field.</p>"
    << problem_summary(p) << field_problem("base", p.of("base")) << "<form class=\"stack\" method=\"post\" action=\"/children/" << k.number
    << "/plan/day-out\" novalidate>" << hidden_csrf(c) << "<input type=\"hidden\" name=\"base\" value=\"" << f.base << "\">"
    << date_input("date", "The day they get out", "For example 15 1 2027. The release date is filled in to start with.", f.date, p)
    << time_input("time", "The time", "Optional. 24-hour clock, for example 9 and 30.", f.time, p)
    << text_input({"who_meets", "Who meets them", "For example \"Your aunt and Sam\".", f.who_meets, plan::kMaxShortChars}, p)
    << text_input({"meet_where", "Where they are met", "For example \"At the gate\".", f.meet_where, plan::kMaxShortChars}, p)
    << text_input({"where_first", "Where they go first", "For example \"Home to your aunt's\": not the address.", f.where_first, plan::kMaxShortChars}, p)
    << "<h2>The first appointment</h2>"
    << text_input({"first_who", "Who it is with", "For example \"Sam, your YOT worker\".", f.first_who, plan::kMaxShortChars}, p)
    << text_input({"first_where", "Where", "For example \"Leeds YOT office\".", f.first_where, plan::kMaxShortChars}, p)
    << date_input("first-date", "The date", "Optional.", f.first_date, p) << time_input("first-time", "The time", "Optional. 24-hour clock.", f.first_time, p)
    << text_input({"bring", "What to bring", "One thing a line, up to 12, for example \"Your ID letter\".", f.bring, 12 * (plan::kMaxBringChars + 1), 5}, p)
    << confirm_box(unsafe) << "<div><button class=\"primary\" type=\"submit\">Save the day out</button> <a href=\"/children/" << k.number
    << "/plan\">Back to the plan</a></div></form>";
  send_html(c.res, status, page(c.frame(k.first_name + ": the day out"), b));
}

}  // namespace

void get_plan_pathway(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto pw = need_pathway(c);
  if (!pw) return;
  log_view(c.db, c.s->who, k->number, "My plan: " + pathway_name(*pw), c.now);
  pathway_page(c, *k, *pw, 200, pathway_form_of(current_plan(c.db, k->number), *pw), {}, false);
}

void post_plan_pathway(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const ChildSummary& k = post->child;
  const auto pw = need_pathway(c);
  if (!pw) return;
  const auto cur = current_plan(c.db, k.number);
  PathwayForm f = pathway_form_in(post->form);
  Problems p;
  check_base(post->form, cur, p);
  CheckedPathway ok = check_pathway(post->form, f, cur ? *cur : plan::Plan(), *pw, p);
  if (p.empty()) {
    plan::Plan next = cur ? *cur : plan::Plan();
    next.at(*pw) = ok.pathway;
    next.arrangement = ok.arrangement;
    try {
      save_plan(c.db, k.number, next, PlanAuthor{c.s->who.name, c.s->who.label()}, "Edited " + pathway_name(*pw), c.now, ok.notes);
    } catch (const std::invalid_argument& e) {
      p.add("now", std::string("The plan could not be saved: ") + e.what());
    }
  }
  if (!p.empty()) {
    f.base = std::to_string(version_of(cur));  // a second save after checking goes through
    pathway_page(c, k, *pw, 400, f, p, ok.unsafe);
    return;
  }
  redirect(c.res, "/children/" + k.number + "/plan?saved=1#" + plan::pathway_code(*pw));
}

void get_plan_day_out(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  log_view(c.db, c.s->who, k->number, "My plan: the day out", c.now);
  day_out_page(c, *k, 200, day_out_form_of(current_plan(c.db, k->number), *k), {}, false);
}

void post_plan_day_out(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const ChildSummary& k = post->child;
  const auto cur = current_plan(c.db, k.number);
  DayOutForm f = day_out_form_in(post->form);
  Problems p;
  bool unsafe = false;
  check_base(post->form, cur, p);
  const auto d = check_day_out(post->form, f, p, unsafe);
  if (p.empty()) {
    plan::Plan next = cur ? *cur : plan::Plan();
    next.day_out = d;
    try {
      save_plan(c.db, k.number, next, PlanAuthor{c.s->who.name, c.s->who.label()}, d ? "Edited the day out" : "Took the day out out", c.now);
    } catch (const std::invalid_argument& e) {
      p.add("date-day", std::string("The plan could not be saved: ") + e.what());
    }
  }
  if (!p.empty()) {
    f.base = std::to_string(version_of(cur));
    day_out_page(c, k, 400, f, p, unsafe);
    return;
  }
  redirect(c.res, "/children/" + k.number + "/plan?saved=1#day-out");
}

}  // namespace waymark::gateway::web
