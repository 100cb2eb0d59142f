// gateway/web/pages_meetings.cpp: a child's meetings as the worker sees them: what is coming up, what is past
// or cancelled, and the forms to book, move or cancel one. The kiosk gets each change at its next sync.
#include <httplib.h>

#include <algorithm>
#include <cctype>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "gateway/store/admin.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {
struct MeetingForm {
  std::string kind = "review", date, time, mode = "in_person", place, with_whom;
};

MeetingForm form_from(const WebMeeting& m) {
  MeetingForm f{m.kind, m.date, m.time, "in_person", m.place, m.with_whom};
  if (m.place.rfind("Video call", 0) == 0) {
    f.mode = "video";
    f.place = m.place.size() > 13 && m.place.substr(10, 2) == ": " ? m.place.substr(12) : "";
  }
  return f;
}

Html meeting_fields(const MeetingForm& f) {
  Html b;
  b << "<div><label for=\"kind\">Type of meeting</label><select id=\"kind\" name=\"kind\">";
  for (const auto& [code, name] : meeting_kinds())
    b << "<option value=\"" << code << "\"" << (code == f.kind ? " selected" : "") << ">" << name << "</option>";
  b << "</select></div>"
    << "<div><label for=\"date\">Date</label><input id=\"date\" name=\"date\" type=\"date\" required value=\"" << f.date << "\"></div>"
    << "<div><label for=\"time\">Time</label><input id=\"time\" name=\"time\" type=\"time\" required value=\"" << f.time << "\"></div>"
    << "<fieldset class=\"radios\"><legend>Where</legend>"
    << "<label><input type=\"radio\" name=\"mode\" value=\"in_person\"" << (f.mode != "video" ? " checked" : "") << "> In person</label>"
    << "<label><input type=\"radio\" name=\"mode\" value=\"video\"" << (f.mode == "video" ? " checked" : "") << "> Video call</label></fieldset>"
    << "<div><label for=\"place\">Place or video details<span class=\"hint\">For example \"Visits room 2\" or \"Teams, the wing's video room\". "
       "No links or phone numbers: the child sees this.</span></label><input id=\"place\" name=\"place\" type=\"text\" maxlength=\"120\" value=\""
    << f.place << "\"></div>"
    << "<div><label for=\"with\">Who is invited<span class=\"hint\">Names and roles, for example \"Sam Taylor (YOT), Mum, Ms Khan (education)\"</span>"
       "</label><input id=\"with\" name=\"with\" type=\"text\" required maxlength=\"200\" value=\""
    << f.with_whom << "\"></div>";
  return b;
}

// Validates the form. Returns plain-words problems (empty when fine) and fills `out`.
std::vector<std::string> check_meeting(const Form& in, const std::string& today, MeetingForm& f, MeetingRow& out) {
  std::vector<std::string> errs;
  f.kind = field(in, "kind");
  f.date = field(in, "date");
  f.time = field(in, "time");
  f.mode = field(in, "mode") == "video" ? "video" : "in_person";
  f.place = field(in, "place");
  f.with_whom = field(in, "with");
  auto kinds = meeting_kinds();
  if (std::none_of(kinds.begin(), kinds.end(), [&](const auto& p) { return p.first == f.kind; })) errs.push_back("Choose the type of meeting.");
  if (!parse_date(f.date)) errs.push_back("Enter the date, for example 2026-12-03.");
  else if (f.date < today) errs.push_back("The date is in the past. Choose today or a later day.");
  if (!(f.time.size() == 5 && f.time[2] == ':' && std::isdigit(static_cast<unsigned char>(f.time[0])) &&
        std::isdigit(static_cast<unsigned char>(f.time[1])) && std::isdigit(static_cast<unsigned char>(f.time[3])) &&
        std::isdigit(static_cast<unsigned char>(f.time[4])) && f.time.substr(0, 2) < "24" && f.time.substr(3) < "60"))
    errs.push_back("Enter the time, for example 10:30.");
  for (std::string* s : {&f.place, &f.with_whom}) *s = sanitize_text(*s, 200, false);
  if (utf8_length(f.place) > 120) errs.push_back("The place can be up to 120 characters.");
  if (f.mode == "in_person" && f.place.empty()) errs.push_back("Say where the meeting is.");
  if (f.with_whom.empty()) errs.push_back("Say who is invited.");
  if (utf8_length(f.with_whom) > 200) errs.push_back("Who is invited can be up to 200 characters.");
  const std::string lower_place = [&] {
    std::string l = f.place;
    for (char& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return l;
  }();
  if (lower_place.find("http") != std::string::npos || lower_place.find("www.") != std::string::npos)
    errs.push_back("Leave links out of the place: the child sees it on the kiosk, which cannot open links.");
  out.kind = f.kind;
  out.date = f.date;
  out.time = f.time;
  out.place = f.mode == "video" ? (f.place.empty() ? "Video call" : "Video call: " + f.place) : f.place;
  out.with_whom = f.with_whom;
  return errs;
}

void meetings_page(Ctx& c, const ChildSummary& k, int status, const std::vector<std::string>& errs, const MeetingForm& f) {
  const auto list = child_meetings(c.db, k.number);
  log_view(c.db, c.s->who, k.number, "meetings", c.now);
  Html b;
  b << child_header(k, "meetings") << "<h2>Meetings</h2>";
  const std::string done = query(c.req, "done");
  if (done == "booked") b << "<div class=\"notice ok\" role=\"status\"><p>The meeting is booked. " << k.first_name << " sees it on the kiosk after its next sync.</p></div>";
  if (done == "moved") b << "<div class=\"notice ok\" role=\"status\"><p>The meeting is changed. The kiosk gets the change at its next sync.</p></div>";
  if (done == "cancelled") b << "<div class=\"notice ok\" role=\"status\"><p>The meeting is cancelled. The kiosk shows it as cancelled after its next sync.</p></div>";
  const std::string today = c.today();
  auto section = [&](bool upcoming) {
    b << "<h3>" << (upcoming ? "Coming up" : "Past and cancelled") << "</h3><ul class=\"cards\">";
    int n = 0;
    for (const WebMeeting& m : list) {
      const bool up = !m.cancelled && m.date >= today;
      if (up != upcoming) continue;
      n++;
      b << "<li class=\"card\"><h3>" << meeting_line(m.kind, m.date, m.time);
      if (m.cancelled) b << " <span class=\"badge warn\">Cancelled</span>";
      b << "</h3><dl class=\"facts\"><dt>Where</dt><dd>" << (m.place.empty() ? "Not set" : m.place) << "</dd><dt>Who is invited</dt><dd>"
        << (m.with_whom.empty() ? "Not set" : m.with_whom) << "</dd></dl>";
      if (up) b << "<p><a href=\"/children/" << k.number << "/meetings/" << m.id << "\">Move or cancel this meeting</a></p>";
      b << "</li>";
    }
    b << "</ul>";
    if (n == 0) b << "<p>None.</p>";
  };
  section(true);
  b << "<h2 id=\"book\">Book a meeting</h2>";
  if (!errs.empty()) b << problems_notice(errs);
  b << "<form class=\"stack\" method=\"post\" action=\"/children/" << k.number << "/meetings\">" << hidden_csrf(c) << meeting_fields(f)
    << "<div><button class=\"primary\" type=\"submit\">Book meeting</button></div></form>";
  section(false);
  send_html(c.res, status, page(c.frame(k.first_name + ": meetings"), b));
}

MeetingForm default_meeting_form(const Ctx& c) {
  MeetingForm f;
  f.with_whom = c.s->who.name + " (" + c.s->who.org_or_role + ")";
  return f;
}

// The meeting in the URL must belong to the child in the URL (itself allocated to the worker).
std::optional<WebMeeting> need_meeting(Ctx& c, const ChildSummary& k) {
  auto m = meeting_by_id(c.db, c.req.matches[2]);
  if (!m || m->child != k.number) {
    deny(c);
    return std::nullopt;
  }
  return m;
}

void edit_meeting_page(Ctx& c, const ChildSummary& k, const WebMeeting& m, int status, const std::vector<std::string>& errs,
                       const MeetingForm& f) {
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › <a href=\"/children/" << k.number << "\">" << k.first_name
    << "</a> › <a href=\"/children/" << k.number << "/meetings\">Meetings</a></p>"
    << "<h1>Move or cancel: " << meeting_line(m.kind, m.date, m.time) << "</h1>";
  if (m.cancelled) b << "<div class=\"notice err\"><p>This meeting is cancelled.</p></div>";
  if (!errs.empty()) b << problems_notice(errs);
  b << "<h2>Move it</h2><form class=\"stack\" method=\"post\" action=\"/children/" << k.number << "/meetings/" << m.id << "\">"
    << hidden_csrf(c) << meeting_fields(f) << "<div><button class=\"primary\" type=\"submit\">Save changes</button></div></form>";
  if (!m.cancelled)
    b << "<h2>Cancel it</h2><form method=\"post\" action=\"/children/" << k.number << "/meetings/" << m.id << "/cancel\">"
      << hidden_csrf(c) << "<p>" << k.first_name << " sees it as cancelled on the kiosk after the next sync.</p>"
      << "<button class=\"danger\" type=\"submit\">Cancel this meeting</button></form>";
  send_html(c.res, status, page(c.frame("Move or cancel a meeting"), b));
}
}  // namespace

void get_meetings(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  meetings_page(c, *k, 200, {}, default_meeting_form(c));
}

void post_meeting_new(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const Form& in = post->form;
  const ChildSummary* const k = &post->child;
  MeetingForm f;
  MeetingRow m;
  auto errs = check_meeting(in, c.today(), f, m);
  if (errs.empty()) {
    m.child = k->number;  // always the allocated child from the URL, never a form field
    try {
      put_meeting(c.db, m, c.s->who.label(), c.now);
    } catch (const std::invalid_argument& e) {
      errs.push_back(e.what());
    }
  }
  if (!errs.empty()) {
    meetings_page(c, *k, 400, errs, f);
    return;
  }
  redirect(c.res, "/children/" + k->number + "/meetings?done=booked");
}

void get_meeting(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto m = need_meeting(c, *k);
  if (!m) return;
  log_view(c.db, c.s->who, k->number, "meeting " + m->id, c.now);
  edit_meeting_page(c, *k, *m, 200, {}, form_from(*m));
}

void post_meeting_move(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const Form& in = post->form;
  const ChildSummary* const k = &post->child;
  const auto m = need_meeting(c, *k);
  if (!m) return;
  MeetingForm f;
  MeetingRow row;
  auto errs = check_meeting(in, c.today(), f, row);
  if (errs.empty()) {
    row.id = m->id;
    row.child = m->child;
    row.cancelled = false;  // moving a cancelled meeting books it again
    try {
      put_meeting(c.db, row, c.s->who.label(), c.now);
    } catch (const std::invalid_argument& e) {
      errs.push_back(e.what());
    }
  }
  if (!errs.empty()) {
    edit_meeting_page(c, *k, *m, 400, errs, f);
    return;
  }
  redirect(c.res, "/children/" + k->number + "/meetings?done=moved");
}

void post_meeting_cancel(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const ChildSummary* const k = &post->child;
  const auto m = need_meeting(c, *k);
  if (!m) return;
  MeetingRow row{m->id, m->child, m->kind, m->date, m->time, m->place, m->with_whom, true};
  put_meeting(c.db, row, c.s->who.label(), c.now);
  redirect(c.res, "/children/" + k->number + "/meetings?done=cancelled");
}

}  // namespace waymark::gateway::web
