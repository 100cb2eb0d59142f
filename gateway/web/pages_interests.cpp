// gateway/web/pages_interests.cpp: the courses, apprenticeships and jobs a child said "I'm interested" in on
// the kiosk, with the details as the child saw them, and what has happened with each (an application: the
// worker sets it, the kiosk shows it). Opening the page tells the kiosk they were seen.
#include <httplib.h>

#include <algorithm>

#include "core/base/text.h"
#include "core/plan/application.h"
#include "core/sync/wire.h"
#include "gateway/store/applications.h"
#include "gateway/store/worker_api.h"
#include "gateway/web/fields.h"
#include "gateway/web/pages.h"
#include "gateway/web/plan_words.h"

namespace waymark::gateway::web {

using nlohmann::json;

namespace {
// A question the child asked the worker on the kiosk (wire::WorkerQuestion) shows as that question.
Html question_card(const wire::WorkerQuestion& q, int64_t received_ms) {
  const std::string heading = wire::question_heading(q);
  Html b;
  b << "<li class=\"card\"><h3>" << (heading.empty() ? "A question" : heading) << "</h3><dl class=\"facts\">"
    << "<dt>Question</dt><dd>" << q.question << "</dd><dt>Asked</dt><dd>"
    << (q.asked_at > 0 ? nice_time_s(q.asked_at) : nice_time_ms(received_ms)) << "</dd></dl></li>";
  return b;
}
}  // namespace

namespace {
// What the worker chose for one application, as typed.
struct AppForm {
  std::string state, reason;
  DateParts on;
};

Html application_form(const Ctx& c, const ChildSummary& k, const ChildRecord& r, const std::optional<ApplicationRow>& now,
                             const AppForm& f, const Problems& p) {
  const std::string e = "e" + r.id + "-";
  Html b;
  b << "<form class=\"stack app\" method=\"post\" action=\"/children/" << k.number << "/interests/" << r.id << "#e" << r.id
    << "\" novalidate>" << hidden_csrf(c) << "<fieldset class=\"radios group" << (p.of(e + "state").empty() ? "" : " has-problem") << "\" id=\""
    << e << "state\"><legend>What has happened" << (now ? "" : " (nothing set yet)") << "</legend>" << field_problem(e + "state", p.of(e + "state"));
  for (const auto& [code, words] : application_states())
    b << "<label><input type=\"radio\" name=\"" << e << "state\" value=\"" << code << "\"" << (code == f.state ? " checked" : "") << "> "
      << words << "</label>";
  b << "</fieldset>" << date_input(e + "on", "If an interview: its date", "For example 3 12 2026.", f.on, p)
    << text_input({e + "reason", "If not this time: a kind reason for " + k.first_name,
                   k.first_name + " reads this on the kiosk, for example \"The course is full this year. We will look at the January start.\"",
                   f.reason, plan::kMaxReasonChars, 2},
                  p)
    << "<div><button class=\"secondary\" type=\"submit\">Save what has happened</button></div></form>";
  return b;
}

Html history_list(Db& db, const std::string& child, const std::string& listing) {
  const auto h = application_history(db, child, listing);
  if (h.empty()) return {};
  Html b;
  b << "<p><strong>History</strong></p><ul class=\"plain\">";
  for (const ApplicationRow& a : h)
    b << "<li>" << nice_time_ms(a.set_at_ms) << ": " << (words_for(application_states(), a.state))
      << (a.on_date.empty() ? "" : " on " + nice_date(a.on_date)) << (a.reason.empty() ? "" : " (\"" + a.reason + "\")") << " · "
      << a.set_by << "</li>";
  b << "</ul>";
  return b;
}

Html listing_card(Ctx& c, const ChildSummary& k, const ChildRecord& r, const std::vector<ApplicationRow>& apps,
                         const std::string& posted, const AppForm& posted_form, const Problems& p) {
  static const std::pair<const char*, const char*> kShown[] = {
      {"title_cy", "Title in Welsh (what the child read)"},
      {"kind", "What"},        {"provider", "Provider"},  {"place", "Where"},           {"la_name", "Area"},
      {"start_date", "Starts"}, {"duration", "How long"}, {"listing_id", "Listing reference"}};
  const json& j = r.body;
  const std::string listing = text_field(j, "listing_id");
  std::optional<ApplicationRow> now;
  for (const ApplicationRow& a : apps)
    if (a.listing_id == listing) now = a;
  Html b;
  b << "<li class=\"card\" id=\"e" << r.id << "\"><h3>" << (j.contains("title") ? scalar_text(j["title"]) : "A listing");
  if (now) b << " <span class=\"badge " << (now->state == "place_confirmed" ? "ok" : "grey") << "\">" << (words_for(application_states(), now->state)) << "</span>";
  b << "</h3><dl class=\"facts\">";
  for (const auto& [key, label] : kShown) {
    if (std::string(key) == "la_name" && !j.contains(key) && j.contains("la_code") && j["la_code"].is_string()) {
      b << "<dt>" << label << "</dt><dd>" << (area_name(j["la_code"].get<std::string>())) << "</dd>";
      continue;
    }
    if (!j.contains(key)) continue;
    std::string v = scalar_text(j[key]);
    if (std::string(key) == "start_date") v = nice_date(v);
    if (std::string(key) == "kind") v = humanise_key(v);
    b << "<dt>" << label << "</dt><dd>" << v << "</dd>";
  }
  b << "<dt>Asked</dt><dd>"
    << (j.contains("asked_at") && j["asked_at"].is_number_integer() ? nice_time_s(j["asked_at"].get<int64_t>()) : nice_time_ms(r.received_ms))
    << "</dd>";
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (key == "v" || key == "title" || key == "asked_at" || key == "la_code" ||
        std::any_of(std::begin(kShown), std::end(kShown), [&](const auto& x) { return key == x.first; }))
      continue;
    b << "<dt>" << humanise_key(key) << "</dt><dd>" << render_value(it.value()) << "</dd>";
  }
  b << "</dl>";
  if (!listing.empty()) {
    const AppForm f = posted == r.id ? posted_form
                      : now      ? AppForm{now->state, now->reason, date_parts_of(now->on_date)}
                                 : AppForm{};
    b << application_form(c, k, r, now, f, posted == r.id ? p : Problems{}) << history_list(c.db, k.number, listing);
  }
  b << "</li>";
  return b;
}

void interests_page(Ctx& c, const ChildSummary& k, int status, const std::string& posted, const AppForm& f, const Problems& p) {
  const auto recs = child_records(c.db, k.number, "enquiry");
  const auto apps = applications(c.db, k.number);
  log_view(c.db, c.s->who, k.number, "Interested in", c.now);
  for (const ChildRecord& r : recs) mark_record_opened(c.db, r.id, c.now);  // the kiosk shows they were seen
  Html b;
  b << child_header(k, "interests") << "<h2>Interested in</h2><p>Courses, apprenticeships and jobs " << k.first_name
    << " asked about on the kiosk, with the details as " << k.first_name << " saw them. Newest first. Say what has happened with each: "
    << k.first_name << " sees it on the kiosk after its next sync, and a confirmed place shows in the plan.</p>";
  if (query(c.req, "saved") == "1") b << "<div class=\"notice ok\" role=\"status\"><p>Saved. The kiosk gets it at its next sync.</p></div>";
  b << problem_summary(p);
  if (recs.empty()) b << "<p>Nothing yet.</p>";
  b << "<ul class=\"cards\">";
  for (const ChildRecord& r : recs) {
    if (const auto e = wire::parse_enquiry(r.body); e && std::holds_alternative<wire::WorkerQuestion>(*e.value))
      b << question_card(std::get<wire::WorkerQuestion>(*e.value), r.received_ms);
    else
      b << listing_card(c, k, r, apps, posted, f, p);
  }
  b << "</ul>";
  send_html(c.res, status, page(c.frame(k.first_name + ": interested in"), b));
}
}  // namespace

void get_interests(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  interests_page(c, *k, 200, "", {}, {});
}

void post_application(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const ChildSummary& k = post->child;
  const std::string rid = c.req.matches[2];
  const auto r = child_record(c.db, k.number, "enquiry", rid);  // looked up within the allocated child
  if (!r || !r->body.contains("listing_id") || !r->body["listing_id"].is_string()) {
    deny(c);
    return;
  }
  const std::string e = "e" + rid + "-";
  AppForm f{field(post->form, e + "state"), field(post->form, e + "reason"), date_parts_in(post->form, e + "on")};
  Problems p;
  ApplicationRow row;
  row.child = k.number;
  row.listing_id = text_field(r->body, "listing_id");
  row.record_id = rid;
  row.title = text_field(r->body, "title");
  row.provider = text_field(r->body, "provider");
  row.state = f.state;
  const auto st = plan::parse_application_state(f.state);
  if (!st) p.add(e + "state", "Choose what has happened.");
  const bool interview = st == plan::ApplicationState::Interview, not_now = st == plan::ApplicationState::NotThisTime;
  const auto on = read_date(f.on, e + "on", "The date of the interview", interview, p);
  if (interview) row.on_date = on.value_or("");
  const std::string reason = trim_space(lf(f.reason));
  if (not_now && reason.empty()) p.add(e + "reason", "Write a kind reason: " + k.first_name + " reads it on the kiosk.");
  else if (not_now && utf8_length(reason) > plan::kMaxReasonChars)
    p.add(e + "reason", "The reason can be up to " + std::to_string(plan::kMaxReasonChars) + " characters.");
  else if (not_now && sanitize_text(reason, plan::kMaxReasonChars, true) != reason)
    p.add(e + "reason", "The reason has characters the kiosk cannot show (for example emoji). Please take them out.");
  if (not_now) row.reason = reason;
  if (p.empty()) {
    try {
      set_application(c.db, row, c.s->who.label(), c.now);
    } catch (const std::invalid_argument& ex) {
      p.add(e + "state", std::string("It could not be saved: ") + ex.what());
    }
  }
  if (!p.empty()) {
    interests_page(c, k, 400, rid, f, p);
    return;
  }
  redirect(c.res, "/children/" + k.number + "/interests?saved=1#e" + rid);
}

}  // namespace waymark::gateway::web
