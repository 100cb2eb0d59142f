// gateway/web/pages_plan.cpp: a child's plan as the worker reads it: the child's answers (new ones first
// marked, each with the version it was about), the seven pathways with their actions (late ones said so), the
// applications in education, training and employment, the day out, and the versions saved so far. Opening the
// page tells the kiosk the answers were read. The forms that change the plan are pages_plan_edit.cpp.
#include <httplib.h>


#include "gateway/store/applications.h"
#include "gateway/store/plan_store.h"
#include "gateway/store/worker_api.h"
#include "gateway/web/pages.h"
#include "gateway/web/plan_words.h"

namespace waymark::gateway::web {

namespace {

Html action_item(const plan::Action& a, const std::string& today) {
  const bool late = !a.due.empty() && a.due < today && a.state != plan::ActionState::Done;
  Html b;
  b << "<li><strong>" << a.what << "</strong> <span class=\"badge " << (a.state == plan::ActionState::Done ? "ok" : "grey") << "\">"
    << (words_for(action_states(), plan::action_state_code(a.state))) << "</span>";
  if (late) b << " <span class=\"badge warn\">Late</span>";
  b << "<br>Who: " << a.owner << (a.due.empty() ? "" : " · By " + nice_date(a.due));
  if (!a.history.empty()) {
    const plan::ActionEvent& e = a.history.back();
    b << "<br><span class=\"hint inline\">Last change " << nice_date(e.on) << (e.by.empty() ? "" : " by " + e.by) << ": "
      << (words_for(action_states(), plan::action_state_code(e.state))) << (e.note.empty() ? "" : ". " + e.note) << "</span>";
  }
  b << "</li>";
  return b;
}

std::string arrangement_words(const plan::Arrangement& a) {
  std::string s = words_for(arrangement_states(), plan::arrangement_code(a.state));
  if (a.state == plan::ArrangementState::Agreed)
    s += ": " + words_for(place_kinds(), a.kind ? plan::place_kind_code(*a.kind) : "other") + ", agreed " + nice_date(a.agreed_on);
  return s;
}

Html applications_list(const std::vector<ApplicationRow>& apps) {
  if (apps.empty()) return {};
  Html b;
  b << "<p><strong>Applications</strong> (from \"Interested in\")</p><ul class=\"plain\">";
  for (const ApplicationRow& a : apps) {
    b << "<li>" << (a.title.empty() ? a.listing_id : a.title) << (a.provider.empty() ? "" : ", " + a.provider) << ": <span class=\"badge "
      << (a.state == "place_confirmed" ? "ok" : "grey") << "\">" << (words_for(application_states(), a.state)) << "</span>";
    if (!a.on_date.empty()) b << " on " << nice_date(a.on_date);
    b << "</li>";
  }
  b << "</ul>";
  return b;
}

Html plan_cards(const ChildSummary& k, const plan::Plan& p, bool editable, const std::string& today,
                       const std::vector<ApplicationRow>& apps) {
  Html b;
  const std::string base = "/children/" + k.number + "/plan/";
  b << "<ul class=\"cards\">";
  for (plan::Pathway pw : plan::kPathways) {
    const plan::PathwayPlan& pp = p.at(pw);
    b << "<li class=\"card\" id=\"" << plan::pathway_code(pw) << "\"><h3>" << pathway_name(pw) << "</h3><dl class=\"facts\">";
    if (pw == plan::Pathway::Accommodation) b << "<dt>Where " << k.first_name << " will live</dt><dd>" << arrangement_words(p.arrangement) << "</dd>";
    b << "<dt>Where things stand</dt><dd class=\"pre\">" << (pp.now.empty() ? "Not written yet" : pp.now) << "</dd><dt>Goal</dt><dd>"
      << (pp.goal.empty() ? "Not written yet" : pp.goal) << "</dd></dl>";
    if (!pp.actions.empty()) {
      b << "<p><strong>Actions</strong></p><ul class=\"plain\">";
      for (const plan::Action& a : pp.actions) b << action_item(a, today);
      b << "</ul>";
    }
    if (pw == plan::Pathway::Ete) b << applications_list(apps);
    if (editable)
      b << "<p class=\"noprint\"><a href=\"" << (base + plan::pathway_code(pw)) << "\">Edit " << pathway_name(pw) << "</a></p>";
    b << "</li>";
  }
  b << "<li class=\"card\" id=\"day-out\"><h3>The day " << k.first_name << " gets out</h3>";
  if (!p.day_out) {
    b << "<p>Not written yet.</p>";
  } else {
    const plan::DayOut& d = *p.day_out;
    b << "<dl class=\"facts\"><dt>When</dt><dd>" << nice_date(d.date) << (d.time.empty() ? "" : " at " + d.time) << "</dd>";
    for (const auto& [label, v] : {std::pair<const char*, const std::string*>{"Who meets them", &d.who_meets},
                                   {"Where", &d.meet_where}, {"Where they go first", &d.where_first}})
      if (!v->empty()) b << "<dt>" << label << "</dt><dd>" << (*v) << "</dd>";
    if (!d.first.who.empty() || !d.first.where.empty())
      b << "<dt>First appointment</dt><dd>" << d.first.who << (d.first.where.empty() ? "" : ", " + d.first.where)
        << (d.first.date.empty() ? "" : ", " + nice_date(d.first.date)) << (d.first.time.empty() ? "" : " at " + d.first.time) << "</dd>";
    if (!d.bring.empty()) {
      b << "<dt>What to bring</dt><dd><ul class=\"plain\">";
      for (const std::string& x : d.bring) b << "<li>" << x << "</li>";
      b << "</ul></dd>";
    }
    b << "</dl>";
  }
  if (editable) b << "<p class=\"noprint\"><a href=\"" << base << "day-out\">Edit the day out</a></p>";
  b << "</li></ul>";
  return b;
}

Html answers_section(const ChildSummary& k, const std::vector<PlanAnswerRow>& answers, int64_t current_version) {
  Html b;
  b << "<h2 id=\"answers\">" << k.first_name << "'s answers</h2>";
  if (answers.empty()) {
    b << "<p>No answers yet. " << k.first_name << " can answer each pathway on the kiosk.</p>";
    return b;
  }
  b << "<ul class=\"cards\">";
  for (const PlanAnswerRow& r : answers) {
    const wire::PlanAnswer& a = r.answer;
    const auto pw = plan::parse_pathway(a.pathway);
    b << "<li class=\"card\"" << (a.lang == "cy" ? Html(" lang=\"cy\"") : Html()) << "><h3>" << (pw ? pathway_name(*pw) : a.pathway) << ": "
      << (words_for(answer_kinds(), a.answer)) << (r.opened ? Html() : Html(" <span class=\"badge\">New</span>")) << "</h3>";
    if (!a.text.empty()) b << "<p class=\"text\">" << a.text << "</p>";
    if (a.answer == "talk") b << "<p>" << k.first_name << " wants to talk about this with you.</p>";
    b << "<p class=\"hint\">Sent " << nice_time_ms(r.received_ms) << (a.lang == "cy" ? " · read in Welsh" : "") << " · about version "
      << a.plan_version;
    if (a.plan_version < current_version)
      b << " <span class=\"badge warn\">About an older version</span> (the plan is at version " << current_version << " now; <a href=\"/children/"
        << k.number << "/plan/versions/" << a.plan_version << "\">read version " << a.plan_version << "</a>)";
    b << "</p></li>";
  }
  b << "</ul>";
  return b;
}

}  // namespace

void get_plan(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto p = current_plan(c.db, k->number);
  const auto answers = plan_answers(c.db, k->number);
  log_view(c.db, c.s->who, k->number, "My plan", c.now);
  for (const PlanAnswerRow& a : answers)
    if (!a.opened) mark_record_opened(c.db, a.id, c.now);  // the kiosk shows "read by your worker"
  ChildSummary seen = *k;
  seen.new_plan_answers = 0;  // opened now: the cards below still mark which were new
  Html b;
  b << child_header(seen, "plan") << "<h2>My plan</h2>";
  const std::string saved = query(c.req, "saved");
  if (!saved.empty() && p)
    b << "<div class=\"notice ok\" role=\"status\"><p>Saved as version " << p->version << ". " << k->first_name
      << " sees it on the kiosk after its next sync.</p></div>";
  b << answers_section(*k, answers, p ? p->version : 0);
  b << "<h2 id=\"plan\">The plan</h2>";
  if (p)
    b << "<p class=\"lede\">Version " << p->version << ", saved by " << p->saved_by << ", " << nice_time_ms(p->saved_at * 1000)
      << ". <a href=\"/children/" << k->number << "/plan/versions\">Every version</a></p>";
  else
    b << "<p>No plan yet. Write any pathway, or the day out: " << k->first_name
      << " sees what you save on the kiosk after its next sync, in plain words.</p>";
  b << plan_cards(*k, p ? *p : plan::Plan(), true, c.today(), applications(c.db, k->number));
  send_html(c.res, 200, page(c.frame(k->first_name + ": my plan"), b));
}

void get_plan_versions(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  log_view(c.db, c.s->who, k->number, "My plan (every version)", c.now);
  Html rows;
  for (const PlanVersionRow& v : plan_versions(c.db, k->number))
    rows << "<tr><td><a href=\"/children/" << k->number << "/plan/versions/" << v.version << "\">Version " << v.version << "</a></td><td>"
         << nice_time_ms(v.saved_at_ms) << "</td><td>" << v.saved_by << "</td><td>" << v.change << "</td></tr>";
  Html b;
  b << child_header(*k, "plan") << "<h2>Every version of the plan</h2><p>Each saved change is a new version. The kiosk shows the newest.</p>"
    << "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Versions\"><table><thead><tr><th scope=\"col\">Version</th>"
       "<th scope=\"col\">Saved</th><th scope=\"col\">By</th><th scope=\"col\">What changed</th></tr></thead><tbody>"
    << rows.str() << "</tbody></table></div>";
  send_html(c.res, 200, page(c.frame(k->first_name + ": plan versions"), b));
}

void get_plan_version(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const std::string v = c.req.matches[2];
  const auto p = plan_at_version(c.db, k->number, std::stoll(v));
  if (!p) {
    not_found(c);
    return;
  }
  log_view(c.db, c.s->who, k->number, "My plan, version " + v, c.now);
  Html b;
  b << child_header(*k, "plan") << "<h2>Version " << v << " of the plan</h2><p class=\"lede\">Saved by " << p->saved_by << ", "
    << nice_time_ms(p->saved_at * 1000) << ". Read-only. <a href=\"/children/" << k->number << "/plan\">The plan now</a></p>"
    << plan_cards(*k, *p, false, c.today(), {});
  send_html(c.res, 200, page(c.frame(k->first_name + ": plan version " + v), b));
}

}  // namespace waymark::gateway::web
