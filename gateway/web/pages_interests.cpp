// gateway/web/pages_interests.cpp: the courses, apprenticeships and jobs a child said "I'm interested" in on
// the kiosk, with the details as the child saw them. Opening the page tells the kiosk they were seen.
#include <httplib.h>

#include <algorithm>

#include "core/sync/wire.h"
#include "gateway/store/worker_api.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

using nlohmann::json;

namespace {
// A question the child asked the worker on the kiosk (wire::WorkerQuestion) shows as that question.
Html question_card(const wire::WorkerQuestion& q, int64_t received_ms) {
  const std::string heading = wire::question_heading(q);
  Html b;
  b << "<li class=\"card\"><h3>" << (heading.empty() ? "A question" : heading) << "</h3><dl class=\"facts\">"
    << "<dt>Question</dt><dd>" << q.question << "</dd><dt>Asked</dt><dd>"
    << nice_time_ms(q.asked_at > 0 ? q.asked_at * 1000 : received_ms) << "</dd></dl></li>";
  return b;
}
}  // namespace

void get_interests(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto recs = child_records(c.db, k->number, "enquiry");
  log_view(c.db, c.s->who, k->number, "Interested in", c.now);
  for (const ChildRecord& r : recs) mark_record_opened(c.db, r.id, c.now);  // the kiosk shows they were seen
  Html b;
  b << child_header(*k, "interests") << "<h2>Interested in</h2><p>Courses, apprenticeships and jobs " << k->first_name
    << " asked about on the kiosk, with the details as " << k->first_name << " saw them. Newest first.</p>";
  if (recs.empty()) b << "<p>Nothing yet.</p>";
  b << "<ul class=\"cards\">";
  static const std::pair<const char*, const char*> kShown[] = {
      {"title_cy", "Title in Welsh (what the child read)"},
      {"kind", "What"},        {"provider", "Provider"},  {"place", "Where"},           {"la_name", "Area"},
      {"start_date", "Starts"}, {"duration", "How long"}, {"listing_id", "Listing reference"}};
  for (const ChildRecord& r : recs) {
    const json& j = r.body;
    if (const auto e = wire::parse_enquiry(j); e && std::holds_alternative<wire::WorkerQuestion>(*e.value)) {
      b << question_card(std::get<wire::WorkerQuestion>(*e.value), r.received_ms);
      continue;
    }
    b << "<li class=\"card\"><h3>" << (j.contains("title") ? scalar_text(j["title"]) : "A listing") << "</h3><dl class=\"facts\">";
    for (const auto& [key, label] : kShown) {
      if (!j.contains(key)) continue;
      std::string v = scalar_text(j[key]);
      if (std::string(key) == "start_date") v = nice_date(v);
      if (std::string(key) == "kind") v = humanise_key(v);
      if (std::string(key) == "la_name" && j.contains("la_code")) v += " (" + scalar_text(j["la_code"]) + ")";
      b << "<dt>" << label << "</dt><dd>" << v << "</dd>";
    }
    b << "<dt>Asked</dt><dd>" << nice_time_ms(j.contains("asked_at") && j["asked_at"].is_number_integer() ? j["asked_at"].get<int64_t>() * 1000
                                                                                                                 : r.received_ms)
      << "</dd>";
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (key == "v" || key == "title" || key == "asked_at" || key == "la_code" ||
          std::any_of(std::begin(kShown), std::end(kShown), [&](const auto& p) { return key == p.first; }))
        continue;
      b << "<dt>" << humanise_key(key) << "</dt><dd>" << render_value(it.value()) << "</dd>";
    }
    b << "</dl></li>";
  }
  b << "</ul>";
  send_html(c.res, 200, page(c.frame(k->first_name + ": interested in"), b));
}

}  // namespace waymark::gateway::web
