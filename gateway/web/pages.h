// gateway/web/pages.h: every page of the web inbox and the security review, by subject. routes.cpp lists
// which URL each answers; request.h holds the checks each does first.
//
// Index
//  - sign-in     (pages_sign_in.cpp)  : the start page, sign in and out, a password set with a one-time code
//  - children    (pages_children.cpp) : my children, a child's messages (read, reply), the child's header
//  - My Views    (pages_my_views.cpp) : a child's My Views responses, one response (printable)
//  - interests   (pages_interests.cpp): what a child said they are interested in
//  - meetings    (pages_meetings.cpp) : a child's meetings: book, move, cancel
//  - My plan     (pages_plan.cpp, pages_plan_edit.cpp): the child's answers, the plan, its versions; the forms
//                  for a pathway and the day out; what became of an enquiry (pages_interests.cpp)
//  - security    (pages_security.cpp) : the establishment's read-only review
//  - settings    (pages_settings.cpp) : a worker's email settings (gateway/mail/)
//  - board       (pages_board.cpp)    : the management board's report and its CSV (figures only)
//  - establishment IT (pages_it.cpp, pages_it_children.cpp, pages_it_transfer.cpp): one establishment's devices,
//                  enrolment codes, roster and contacts, and transferring a child; nothing of another's
// Worker pages need a worker session; every page under /children/N checks that child N is allocated to the
// worker; every look at a child's data is written to the view log.
#pragma once

#include <optional>
#include <string>

#include "gateway/store/establishments.h"
#include "gateway/store/web_children.h"
#include "gateway/web/request.h"

namespace waymark::gateway::web {

// ---------------------------------------------------------------- sign-in
void get_root(Ctx& c);
void get_sign_in(Ctx& c);
void post_sign_in(Ctx& c);
void post_sign_out(Ctx& c);
void get_password(Ctx& c);
void post_password(Ctx& c);

// ---------------------------------------------------------------- children
void get_children(Ctx& c);
void get_child_page(Ctx& c);
void post_read(Ctx& c);
void post_reply(Ctx& c);
// The child's name, facts and the tabs (messages, views, interests, meetings, plan); `current` is the open tab.
Html child_header(const ChildSummary& k, const std::string& current);

// ---------------------------------------------------------------- My Views, interests
void get_views(Ctx& c);
// "My Views for the Review meeting, Tue 3 Dec 2026, 10:30, sent Mon 1 Dec 2026, 09:12": a response in words.
std::string my_views_words(const ChildRecord& r);
void get_view(Ctx& c);
void get_interests(Ctx& c);

// ---------------------------------------------------------------- meetings
void get_meetings(Ctx& c);
void post_meeting_new(Ctx& c);
void get_meeting(Ctx& c);
void post_meeting_move(Ctx& c);
void post_meeting_cancel(Ctx& c);

// ---------------------------------------------------------------- My plan (pages_plan.cpp, pages_plan_edit.cpp)
void get_plan(Ctx& c);
void get_plan_versions(Ctx& c);
void get_plan_version(Ctx& c);
void get_plan_pathway(Ctx& c);
void post_plan_pathway(Ctx& c);
void get_plan_day_out(Ctx& c);
void post_plan_day_out(Ctx& c);
void post_application(Ctx& c);  // "Interested in": what became of one enquiry

// ---------------------------------------------------------------- security
void get_security(Ctx& c);
void get_security_child(Ctx& c);

// ---------------------------------------------------------------- settings
void get_settings(Ctx& c);
void post_settings(Ctx& c);
// ---------------------------------------------------------------- board
void get_board(Ctx& c);
void get_board_csv(Ctx& c);
// Where an account starts after signing in: /children, /security, /board or /it.
const char* start_page(PrincipalKind k);

// ---------------------------------------------------------------- establishment IT
// Every IT page starts here: an IT session (else the refusal is answered) and the one establishment it looks
// after, which also names the page frame. A POST also needs the session's CSRF token.
std::optional<Establishment> need_it(Ctx& c);
struct ItPost {
  Form form;
  Establishment est;
};
std::optional<ItPost> need_it_post(Ctx& c);
// A child (or device) in the URL or a form must be this establishment's: another's is answered "not found",
// like one that does not exist, and audited (scope.refused). Returns false when refused (already answered).
bool need_own_child(Ctx& c, const Establishment& est, const std::string& number);
bool need_own_device(Ctx& c, const Establishment& est, const std::string& device_id);
void get_it(Ctx& c);
void get_it_devices(Ctx& c);
void get_it_revoke(Ctx& c);
void post_it_revoke(Ctx& c);
void get_it_enrol_codes(Ctx& c);
void post_it_enrol_codes(Ctx& c);
void get_it_roster(Ctx& c);
void get_it_child(Ctx& c);
void post_it_contacts(Ctx& c);
void get_it_transfer(Ctx& c);
void post_it_transfer(Ctx& c);

}  // namespace waymark::gateway::web
