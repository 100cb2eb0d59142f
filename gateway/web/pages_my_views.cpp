// gateway/web/pages_my_views.cpp: a child's My Views responses (what the child wants the meeting to hear, in
// their own words), newest first, and one response laid out to print. Opening one tells the kiosk it was read.
#include <httplib.h>

#include <algorithm>
#include <map>

#include "core/sync/wire.h"
#include "gateway/store/worker_api.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

using nlohmann::json;

namespace {
std::string supersedes_of(const json& body) {
  for (const char* k : {"supersedes", "replaces"})
    if (body.contains(k) && body[k].is_string()) return body[k].get<std::string>();
  return {};
}

std::string meeting_of_views(const json& body) {
  if (!body.contains("meeting") || !body["meeting"].is_object()) return {};
  const json& m = body["meeting"];
  std::string s = meeting_kind_name(m.value("type", std::string(m.value("kind", std::string()))));
  if (m.contains("starts_at") && m["starts_at"].is_number_integer()) s += ", " + nice_time_ms(m["starts_at"].get<int64_t>() * 1000);
  else if (m.contains("date") && m["date"].is_string()) s += ", " + nice_date(m["date"].get<std::string>());
  return s;
}

bool technical_views_key(const std::string& k) {
  static const char* const kKeys[] = {"v", "kind", "form", "form_version", "child", "lang", "meeting", "started_at",
                                      "finalized_at", "supersedes", "replaces", "answers"};
  return std::any_of(std::begin(kKeys), std::end(kKeys), [&](const char* x) { return k == x; });
}

Html render_answers(const json& body) {
  Html b;
  // The child's own words are in the kiosk language they used: screen readers and spell checkers need it.
  b << "<dl class=\"answers\"" << (body.value("lang", std::string()) == "cy" ? Html(" lang=\"cy\"") : Html()) << ">";
  bool any = false;
  if (body.contains("answers") && body["answers"].is_array()) {
    for (const json& a : body["answers"]) {
      any = true;
      if (!a.is_object()) {
        b << "<dt>Answer</dt><dd>" << render_value(a) << "</dd>";
        continue;
      }
      const std::string title = a.contains("title") && a["title"].is_string() ? a["title"].get<std::string>()
                                : a.contains("question") && a["question"].is_string() ? a["question"].get<std::string>()
                                                                                        : humanise_key(a.value("q", std::string("Question")));
      b << "<dt>" << title << "</dt>";
      if (a.value("skipped", false)) {
        b << "<dd class=\"skipped\">Chose not to answer</dd>";
      } else if (a.contains("text") && a["text"].is_string() && !a["text"].get<std::string>().empty()) {
        b << "<dd>" << a["text"].get<std::string>() << "</dd>";
      } else if (a.contains("value") && !a["value"].is_null()) {
        b << "<dd>" << render_value(a["value"]) << "</dd>";
      } else if (a.contains("answer")) {
        b << "<dd>" << render_value(a["answer"]) << "</dd>";
      } else {
        b << "<dd class=\"skipped\">No answer</dd>";
      }
    }
  }
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (technical_views_key(it.key())) continue;
    any = true;
    b << "<dt>" << humanise_key(it.key()) << "</dt><dd>" << render_value(it.value()) << "</dd>";
  }
  if (!any) b << "<dt>Answers</dt><dd class=\"skipped\">This response has no answers in it.</dd>";
  b << "</dl>";
  return b;
}

}  // namespace

void get_views(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto recs = child_records(c.db, k->number, "myviews");
  log_view(c.db, c.s->who, k->number, "My Views list", c.now);
  std::map<std::string, std::string> replaced_by;  // id -> the newer record's id
  for (const ChildRecord& r : recs)
    if (const std::string old = supersedes_of(r.body); !old.empty()) replaced_by[old] = r.id;
  Html b;
  b << child_header(*k, "views") << "<h2>My Views</h2><p>What " << k->first_name
    << " wants the meeting to hear, in their own words. Newest first.</p>";
  if (recs.empty()) b << "<p>" << k->first_name << " has not sent a My Views yet.</p>";
  b << "<ul class=\"cards\">";
  for (const ChildRecord& r : recs) {
    const std::string meet = meeting_of_views(r.body);
    b << "<li class=\"card\"><h3><a href=\"/children/" << k->number << "/views/" << r.id << "\">"
      << (meet.empty() ? "My Views" : "For the " + meet) << "</a></h3><p>Sent " << nice_time_ms(r.received_ms);
    if (!supersedes_of(r.body).empty()) b << " · <span class=\"badge grey\">Replaces an earlier version</span>";
    if (replaced_by.count(r.id)) b << " · <span class=\"badge warn\">Replaced by a newer version</span>";
    b << "</p></li>";
  }
  b << "</ul>";
  send_html(c.res, 200, page(c.frame(k->first_name + ": My Views"), b));
}

void get_view(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto r = child_record(c.db, k->number, "myviews", c.req.matches[2]);
  if (!r) {
    not_found(c);
    return;
  }
  log_view(c.db, c.s->who, k->number, "My Views " + r->id, c.now);
  mark_record_opened(c.db, r->id, c.now);  // the child's kiosk shows "read by your worker"
  const auto all = child_records(c.db, k->number, "myviews");
  const std::string meet = meeting_of_views(r->body);
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › <a href=\"/children/" << k->number << "\">" << k->first_name
    << "</a> › <a href=\"/children/" << k->number << "/views\">My Views</a></p>";
  b << "<p class=\"print-only\">Confidential: about a child. " << k->first_name << " (" << k->number << "), printed "
    << nice_time_ms(c.now) << " by " << c.s->who.name << " (" << c.s->who.org_or_role << ") from Waymark.</p>";
  b << "<h1>" << k->first_name << "'s views" << (meet.empty() ? "" : " for the " + meet) << "</h1>";
  b << "<p class=\"lede\">Sent from the kiosk " << nice_time_ms(r->received_ms);
  if (r->body.value("lang", std::string()) == "cy") b << " · written in Welsh";
  b << "</p>";
  if (const std::string old = supersedes_of(r->body); !old.empty()) {
    auto it = std::find_if(all.begin(), all.end(), [&](const ChildRecord& x) { return x.id == old; });
    b << "<div class=\"notice\"><p><strong>This replaces an earlier version</strong>";
    if (it != all.end()) b << " sent " << nice_time_ms(it->received_ms);
    b << ".</p>";
    if (it != all.end())
      b << "<p class=\"noprint\"><a href=\"/children/" << k->number << "/views/" << old << "\">Read the earlier version</a></p>";
    b << "</div>";
  }
  for (const ChildRecord& x : all)
    if (supersedes_of(x.body) == r->id)
      b << "<div class=\"notice err\"><p><strong>A newer version replaces this one</strong>, sent " << nice_time_ms(x.received_ms)
        << ". <a href=\"/children/" << k->number << "/views/" << x.id << "\">Read the newer version</a>.</p></div>";
  b << render_answers(r->body);
  b << "<p class=\"print-hint\">To print this on one or two pages, use your browser's Print.</p>";
  send_html(c.res, 200, page(c.frame(k->first_name + "'s views"), b));
}

}  // namespace waymark::gateway::web
