// gateway/web/pages.h: every page of the web inbox and the security review, by subject. routes.cpp lists
// which URL each answers; request.h holds the checks each does first.
//
// Index
//  - sign-in     (pages_sign_in.cpp)  : the start page, sign in and out, a password set with a one-time code
//  - children    (pages_children.cpp) : my children, a child's messages (read, reply), the child's header
//  - My Views    (pages_my_views.cpp) : a child's My Views responses, one response (printable)
//  - interests   (pages_interests.cpp): what a child said they are interested in
//  - meetings    (pages_meetings.cpp) : a child's meetings: book, move, cancel
//  - security    (pages_security.cpp) : the establishment's read-only review
//  - settings    (pages_settings.cpp) : a worker's email settings (gateway/mail/)
// Worker pages need a worker session; every page under /children/N checks that child N is allocated to the
// worker; every look at a child's data is written to the view log.
#pragma once

#include <string>

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
// The child's name, facts and the tabs (messages, views, interests, meetings); `current` is the open tab.
Html child_header(const ChildSummary& k, const std::string& current);

// ---------------------------------------------------------------- My Views, interests
void get_views(Ctx& c);
void get_view(Ctx& c);
void get_interests(Ctx& c);

// ---------------------------------------------------------------- meetings
void get_meetings(Ctx& c);
void post_meeting_new(Ctx& c);
void get_meeting(Ctx& c);
void post_meeting_move(Ctx& c);
void post_meeting_cancel(Ctx& c);

// ---------------------------------------------------------------- security
void get_security(Ctx& c);
void get_security_child(Ctx& c);

// ---------------------------------------------------------------- settings
void get_settings(Ctx& c);
void post_settings(Ctx& c);

}  // namespace waymark::gateway::web
