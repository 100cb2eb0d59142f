// gateway/web/pages_sign_in.cpp: the start page, signing in and out, and setting a password with a one-time
// code. The sign-in and password forms come before any session, so their CSRF token is a double-submit
// cookie (pre_token in request.h).
#include <httplib.h>


#include "gateway/store/sign_in.h"
#include "gateway/web/pages.h"

namespace waymark::gateway::web {

const char* start_page(PrincipalKind k) {
  switch (k) {
    case PrincipalKind::Worker: return "/children";
    case PrincipalKind::Security: return "/security";
    case PrincipalKind::Board: return "/board";
    case PrincipalKind::It: return "/it";
  }
  return "/";
}

void get_root(Ctx& c) {
  if (!need_session(c, std::nullopt)) return;
  redirect(c.res, start_page(c.s->who.kind));
}

namespace {
// The start of the sign-in and password forms: the pre-sign-in CSRF token and the email field.
Html form_with_email(Ctx& c, const std::string& action, const std::string& email) {
  Html b;
  b << "<form class=\"stack\" method=\"post\" action=\"" << action << "\"><input type=\"hidden\" name=\"csrf\" value=\""
    << pre_token(c) << "\"><div><label for=\"email\">Email address</label><input id=\"email\" name=\"email\" "
    << "type=\"email\" autocomplete=\"username\" required maxlength=\"120\" value=\"" << email << "\"></div>";
  return b;
}

void sign_in_page(Ctx& c, int status, const std::string& msg, bool msg_is_error, const std::string& email) {
  Html b;
  b << "<h1>Sign in</h1><p class=\"lede\">For YOT workers, establishments' security staff and IT, and management board members.</p>";
  if (!msg.empty())
    b << "<div class=\"notice " << (msg_is_error ? "err" : "ok") << "\" role=\"" << (msg_is_error ? "alert" : "status")
      << "\"><p>" << msg << "</p></div>";
  b << form_with_email(c, "/sign-in", email)
    << "<div><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
       "autocomplete=\"current-password\" required maxlength=\"200\"></div>"
    << "<div><button class=\"primary\" type=\"submit\">Sign in</button></div></form>"
    << "<p><a href=\"/password\">Set or reset your password with a one-time code</a></p>"
    << "<p class=\"hint\">The establishment gives you a one-time code in person or by phone. It is never sent by email.</p>";
  send_html(c.res, status, page(c.frame("Sign in"), b));
}

void password_page(Ctx& c, int status, const std::string& err, const std::string& email, const std::string& code) {
  Html b;
  b << "<h1>Set your password</h1><p class=\"lede\">Use the one-time code the establishment gave you. "
       "A code works once, for 3 days.</p>";
  if (!err.empty()) b << "<div class=\"notice err\" role=\"alert\"><p>" << err << "</p></div>";
  b << form_with_email(c, "/password", email)
    << "<div><label for=\"code\">One-time code<span class=\"hint\">12 letters and numbers, like ABCD-EFGH-JKMN</span></label>"
       "<input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"one-time-code\" required maxlength=\"20\" value=\""
    << code << "\"></div>"
    << "<div><label for=\"password\">New password<span class=\"hint\">At least 12 characters. A few words in a row work well.</span></label>"
       "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"200\"></div>"
    << "<div><label for=\"password2\">New password again</label><input id=\"password2\" name=\"password2\" type=\"password\" "
       "autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"200\"></div>"
    << "<div><button class=\"primary\" type=\"submit\">Set password</button></div></form>"
    << "<p><a href=\"/sign-in\">Back to sign in</a></p>";
  send_html(c.res, status, page(c.frame("Set your password"), b));
}

}  // namespace

void get_sign_in(Ctx& c) {
  const std::string token = session_token(c);
  if (!token.empty() && session_from_token(c.db, token, c.now)) {
    redirect(c.res, "/");
    return;
  }
  std::string msg;
  if (query(c.req, "expired") == "1") msg = "Your session ended. Please sign in again.";
  if (query(c.req, "out") == "1") msg = "You have signed out.";
  if (query(c.req, "password") == "1") msg = "Your password is set. You can sign in now.";
  sign_in_page(c, 200, msg, query(c.req, "expired") == "1", "");
}

void post_sign_in(Ctx& c) {
  const Form f = form_of(c.req);
  const std::string email = field(f, "email");
  if (!pre_ok(c, f)) {
    sign_in_page(c, 403, "The sign-in form was out of date. Please try again.", true, email);
    return;
  }
  const SignInResult r = sign_in(c.db, SignInAttempt{email, field(f, "password"), c.req.remote_addr, "web"}, c.now);
  if (!r.who) {
    if (r.retry_after_s > 0) c.res.set_header("Retry-After", std::to_string(r.retry_after_s));
    sign_in_page(c, r.status, r.error, true, email);
    return;
  }
  const WebSession s = create_session(c.db, *r.who, c.now);
  set_session_cookie(c.res, s.token);
  redirect(c.res, start_page(r.who->kind));
}

void post_sign_out(Ctx& c) {
  if (!need_session(c, std::nullopt)) return;
  const Form f = form_of(c.req);
  if (!need_csrf(c, f)) return;
  end_session(c.db, session_token(c), c.now);
  clear_session_cookie(c.res);
  redirect(c.res, "/sign-in?out=1");
}

void get_password(Ctx& c) { password_page(c, 200, "", "", ""); }

void post_password(Ctx& c) {
  const Form f = form_of(c.req);
  const std::string email = field(f, "email"), code = field(f, "code");
  if (!pre_ok(c, f)) {
    password_page(c, 403, "The form was out of date. Please try again.", email, code);
    return;
  }
  if (field(f, "password") != field(f, "password2")) {
    password_page(c, 400, "The two passwords are not the same. Type them again.", email, code);
    return;
  }
  const std::string err = set_password_with_code(c.db, email, code, field(f, "password"), c.req.remote_addr, c.now);
  if (!err.empty()) {
    password_page(c, 400, err, email, code);
    return;
  }
  redirect(c.res, "/sign-in?password=1");
}

}  // namespace waymark::gateway::web
