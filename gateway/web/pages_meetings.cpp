// gateway/web/pages_meetings.cpp: a child's meetings as the worker sees them: what is coming up, what is past
// or cancelled, and the forms to book, move or cancel one. The kiosk gets each change at its next sync.
#include <httplib.h>

#include <algorithm>
#include <cctype>

#include "core/base/dates.h"
#include "core/base/text.h"
#include "gateway/store/admin.h"
#include "gateway/web/fields.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

namespace {
// What the worker typed (or the stored meeting), kept as typed so a refused form loses nothing.
struct MeetingForm {
  std::string kind = "review", mode = "in_person", place, with_whom;
  DateParts date;
  TimeParts time;
};

MeetingForm form_from(const WebMeeting& m) {
  MeetingForm f{m.kind, "in_person", m.place, m.with_whom, date_parts_of(m.date), time_parts_of(m.time)};
  if (m.place.rfind("Video call", 0) == 0) {
    f.mode = "video";
    f.place = m.place.size() > 13 && m.place.substr(10, 2) == ": " ? m.place.substr(12) : "";
  }
  return f;
}

Html meeting_fields(const MeetingForm& f, const Problems& p) {
  Html b;
  b << "<div class=\"group\"><label for=\"kind\">Type of meeting</label>" << field_problem("kind", p.of("kind"))
    << "<select id=\"kind\" name=\"kind\">";
  for (const auto& [code, name] : meeting_kinds())
    b << "<option value=\"" << code << "\"" << (code == f.kind ? " selected" : "") << ">" << name << "</option>";
  b << "</select></div>"
    << date_input("date", "Date", "For example 3 12 2026 (day, month, year).", f.date, p)
    << time_input("time", "Time", "24-hour clock, for example 14 and 30 for half past two in the afternoon.", f.time, p)
    << "<fieldset class=\"radios\"><legend>Where</legend>"
    << "<label><input type=\"radio\" name=\"mode\" value=\"in_person\"" << (f.mode != "video" ? " checked" : "") << "> In person</label>"
    << "<label><input type=\"radio\" name=\"mode\" value=\"video\"" << (f.mode == "video" ? " checked" : "") << "> Video call</label></fieldset>"
    << text_input({"place", "Place or video details",
                   "For example \"Visits room 2\" or \"Teams, the wing's video room\". No links or phone numbers: the child sees this.",
                   f.place, 120},
                  p)
    << text_input({"with", "Who is invited", "Names and roles, for example \"Sam Taylor (YOT), Mum, Ms Khan (education)\"", f.with_whom, 200, 0, true},
                  p);
  return b;
}

// Validates the form. Fills `p` with each field's problem (empty when fine) and `out` with the meeting.
void check_meeting(const Form& in, const std::string& today, MeetingForm& f, MeetingRow& out, Problems& p) {
  f.kind = field(in, "kind");
  f.date = date_parts_in(in, "date");
  f.time = time_parts_in(in, "time");
  f.mode = field(in, "mode") == "video" ? "video" : "in_person";
  f.place = field(in, "place");
  f.with_whom = field(in, "with");
  auto kinds = meeting_kinds();
  if (std::none_of(kinds.begin(), kinds.end(), [&](const auto& k) { return k.first == f.kind; })) p.add("kind", "Choose the type of meeting.");
  const auto date = read_date(f.date, "date", "The date of the meeting", true, p);
  if (date && *date < today) p.add("date-day", "The date of the meeting is in the past. Choose today or a later day.");
  const auto time = read_time(f.time, "time", "The time of the meeting", true, p);
  const std::string place = sanitize_text(f.place, 200, false), with_whom = sanitize_text(f.with_whom, 200, false);
  const std::string lower_place = [&] {
    std::string l = place;
    for (char& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return l;
  }();
  if (utf8_length(place) > 120) p.add("place", "The place can be up to 120 characters.");
  else if (f.mode == "in_person" && place.empty()) p.add("place", "Say where the meeting is.");
  else if (lower_place.find("http") != std::string::npos || lower_place.find("www.") != std::string::npos)
    p.add("place", "Leave links out of the place: the child sees it on the kiosk, which cannot open links.");
  if (with_whom.empty()) p.add("with", "Say who is invited.");
  else if (utf8_length(with_whom) > 200) p.add("with", "Who is invited can be up to 200 characters.");
  out.kind = f.kind;
  out.date = date.value_or("");
  out.time = time.value_or("");
  out.place = f.mode == "video" ? (place.empty() ? "Video call" : "Video call: " + place) : place;
  out.with_whom = with_whom;
}

void meetings_page(Ctx& c, const ChildSummary& k, int status, const Problems& errs, const MeetingForm& f) {
  const auto list = child_meetings(c.db, k.number);
  log_view(c.db, c.s->who, k.number, "Meetings", c.now);
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
  b << problem_summary(errs);
  b << "<form class=\"stack\" method=\"post\" action=\"/children/" << k.number << "/meetings\" novalidate>" << hidden_csrf(c) << meeting_fields(f, errs)
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

void edit_meeting_page(Ctx& c, const ChildSummary& k, const WebMeeting& m, int status, const Problems& errs,
                       const MeetingForm& f) {
  Html b;
  b << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › <a href=\"/children/" << k.number << "\">" << k.first_name
    << "</a> › <a href=\"/children/" << k.number << "/meetings\">Meetings</a></p>"
    << "<h1>Move or cancel: " << meeting_line(m.kind, m.date, m.time) << "</h1>";
  if (m.cancelled) b << "<div class=\"notice err\"><p>This meeting is cancelled.</p></div>";
  b << problem_summary(errs);
  b << "<h2>Move it</h2><form class=\"stack\" method=\"post\" action=\"/children/" << k.number << "/meetings/" << m.id << "\" novalidate>"
    << hidden_csrf(c) << meeting_fields(f, errs) << "<div><button class=\"primary\" type=\"submit\">Save changes</button></div></form>";
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
  Problems errs;
  check_meeting(in, c.today(), f, m, errs);
  if (errs.empty()) {
    m.child = k->number;  // always the allocated child from the URL, never a form field
    try {
      put_meeting(c.db, m, c.s->who.label(), c.now);
    } catch (const std::invalid_argument& e) {
      errs.add("kind", e.what());
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
  log_view(c.db, c.s->who, k->number, "Meeting: " + meeting_line(m->kind, m->date, m->time), c.now, m->id);
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
  Problems errs;
  check_meeting(in, c.today(), f, row, errs);
  if (errs.empty()) {
    row.id = m->id;
    row.child = m->child;
    row.cancelled = false;  // moving a cancelled meeting books it again
    try {
      put_meeting(c.db, row, c.s->who.label(), c.now);
    } catch (const std::invalid_argument& e) {
      errs.add("kind", e.what());
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
