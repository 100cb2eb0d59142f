// gateway/web/request.h: what every web request goes through before a page may answer it.
//
// Index
//  - forms and cookies : an urlencoded form, one field, a query parameter, a cookie, line ends
//  - Ctx               : one request: its connection, the clock, the establishment, the session once loaded
//  - sessions          : need_session (signed in, and the right kind of account), the session cookie
//  - CSRF              : need_csrf (a signed-in form), pre_token/pre_ok (sign-in and password forms: a
//                        double-submit cookie token)
//  - allocation        : need_child (the child in the URL is allocated to the worker), deny, need_child_post
// Each need_* answers the refusal itself (a redirect to sign-in, 403, or "not found", the same answer as for
// a child that does not exist) and returns false or std::nullopt; the page then just returns. Refusals of a
// CSRF token or a child are written to the audit log.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/storage/db.h"
#include "gateway/store/web_accounts.h"
#include "gateway/store/web_children.h"
#include "gateway/web/html.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace waymark::gateway::web {

// ---------------------------------------------------------------- forms and cookies
using Form = std::multimap<std::string, std::string>;
// Only an urlencoded body counts as a form (query strings are ignored for POST).
Form form_of(const httplib::Request& req);
std::string field(const Form& f, const std::string& k);  // "" when absent
std::string query(const httplib::Request& req, const std::string& k);
std::string cookie(const httplib::Request& req, const std::string& name);
// Normalises a textarea's line ends (browsers send CRLF) to the kiosk's "\n".
std::string lf(const std::string& s);

// ---------------------------------------------------------------- one request
struct Ctx {
  Db& db;
  const httplib::Request& req;
  httplib::Response& res;
  int64_t now;
  std::string establishment;
  std::optional<WebSession> s;
  Frame frame(const std::string& title) const { return Frame{title, s, establishment}; }
  std::string today() const;
};

// ---------------------------------------------------------------- sessions
// Loads the session. Without a valid one: a redirect to sign-in and false. With the wrong kind of account
// (when `kind` is given): 403 and false.
bool need_session(Ctx& c, std::optional<PrincipalKind> kind);
std::string session_token(const Ctx& c);  // the session cookie's value, "" when none
void set_session_cookie(httplib::Response& res, const std::string& token);
void clear_session_cookie(httplib::Response& res);

// ---------------------------------------------------------------- CSRF
// A POST from a signed-in person: the form's CSRF token must be the session's.
bool need_csrf(Ctx& c, const Form& f);
// The hidden form field with the session's CSRF token.
Html hidden_csrf(const Ctx& c);
// Before sign-in: the token in the pre-sign-in cookie (set now when missing), for the form's hidden field.
std::string pre_token(Ctx& c);
// The form's token matches the pre-sign-in cookie.
bool pre_ok(const Ctx& c, const Form& f);

// ---------------------------------------------------------------- allocation
// The child in the URL must be allocated to the signed-in worker. Refusals are audited.
std::optional<ChildSummary> need_child(Ctx& c, const std::string& number);
// A worker's form post about one of their children: session, CSRF token, then allocation; each refusal is
// already answered. Every POST under /children/N comes through here, so none can skip a check.
struct ChildPost {
  Form form;
  ChildSummary child;
};
std::optional<ChildPost> need_child_post(Ctx& c);
// Something in the URL is not the signed-in worker's to see: audited (web.denied), answered "not found".
void deny(Ctx& c);
// 404 "Not found", not audited.
void not_found(Ctx& c);

}  // namespace waymark::gateway::web
