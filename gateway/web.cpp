// gateway/web.cpp: the YOT worker's web inbox and the establishment's security review.
//
// Index
//  1. HTML helpers      : escaping, dates, the page frame, security headers, the stylesheet
//  2. request helpers   : cookies, forms, CSRF, session checks, allocation checks
//  3. sign-in pages     : /sign-in, /sign-out, /password (one-time code)
//  4. worker pages      : /children, /children/N (messages), /views, /interests, /meetings
//  5. security pages    : /security, /security/children/N
//  6. register_web_routes
//
// Rules every page follows: a session is required (except sign-in, password and the stylesheet); every
// form carries the session's CSRF token (sign-in and password forms a double-submit cookie token); every
// page under /children/N checks on the server that child N is allocated to the signed-in worker, and
// answers "not found" otherwise (the same answer as for a child that does not exist), and that refusal is
// written to the audit log. Every look at a child's data is written to the view log.
#include "gateway/web.h"

#include <httplib.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "core/base/dates.h"
#include "core/storage/db.h"
#include "core/sync/sync_proto.h"
#include "core/sync/wire.h"
#include "core/base/text.h"
#include "gateway/store.h"
#include "gateway/web_store.h"

namespace waymark::gateway {

using nlohmann::json;

// ================================================================= 1. HTML helpers
std::string html_escape(const std::string& s) {
  std::string o;
  o.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o.push_back(c);
    }
  }
  return o;
}

namespace {

using Form = std::multimap<std::string, std::string>;
std::string esc(const std::string& s) { return html_escape(s); }

const char* const kSessionCookie = "__Host-wm_session";
const char* const kPreCookie = "__Host-wm_pre";

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// "Tue 3 Dec 2026" from "2026-12-03"; the input itself when it is not a date.
std::string nice_date(const std::string& iso) {
  const auto d = parse_date(iso);
  if (!d) return iso;
  return std::string(kDays[weekday(*d)]) + " " + std::to_string(d->d) + " " + kMonths[d->m - 1] + " " + std::to_string(d->y);
}
std::string nice_time_ms(int64_t ms) {
  const int64_t s = ms / 1000;
  return nice_date(format_date(local_date(s))) + ", " + local_hhmm(s);
}

const std::vector<std::pair<std::string, std::string>>& meeting_kinds() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"initial_planning", "Initial planning meeting"}, {"review", "Review meeting"},
      {"pre_release", "Pre-release meeting"},           {"final_release", "Final release meeting"},
      {"community_planning", "Community planning meeting"}, {"other", "Other meeting"}};
  return k;
}
std::string meeting_kind_name(const std::string& code) {
  for (const auto& [c, n] : meeting_kinds())
    if (c == code) return n;
  return code.empty() ? "Meeting" : code;
}

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

const char* const kCss = R"CSS(
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#b1b4b6;--paper:#fff;--tint:#f3f2f1;--link:#0b4f9c;--focus:#ffbf47;--ok:#00703c;--warn:#8a1f11;--new:#6b2c91}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;color:var(--ink);background:var(--paper);font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}
a{color:var(--link);text-decoration:underline;text-underline-offset:.15em}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 5px var(--ink)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--focus);color:var(--ink);padding:.5rem;z-index:2}
header.top{background:#0b0c0c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
header.top .brand{font-weight:700;font-size:1.15rem;color:#fff;text-decoration:none}
header.top nav{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header.top nav a{color:#fff}
header.top .who{color:#ddd;font-size:.95rem}
header.top form{margin:0}
header.top button{background:#fff;color:#0b0c0c;border:0;padding:.35rem .8rem;font:inherit;font-size:.95rem;border-radius:3px;cursor:pointer}
main{max-width:52rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:1.75rem 0 .6rem}
h3{font-size:1.15rem;margin:1.2rem 0 .4rem}
p.lede{color:var(--muted);margin-top:-.5rem}
.crumbs{font-size:.95rem;margin:.25rem 0 .5rem}
.notice{border-left:6px solid var(--link);background:var(--tint);padding:.6rem 1rem;margin:1rem 0}
.notice.ok{border-color:var(--ok)}.notice.err{border-color:var(--warn)}
.err-text{color:var(--warn);font-weight:600}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.card{border:1px solid var(--line);border-radius:4px;padding:.8rem 1rem}
.card h2,.card h3{margin:0 0 .4rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.25rem 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.85rem;font-weight:700;background:var(--new);color:#fff}
.badge.grey{background:#505a5f}.badge.ok{background:var(--ok)}.badge.warn{background:var(--warn)}
nav.tabs{display:flex;flex-wrap:wrap;gap:.25rem;border-bottom:2px solid var(--line);margin:1rem 0}
nav.tabs a{padding:.5rem .8rem;text-decoration:none;border:1px solid transparent;border-bottom:0;border-radius:4px 4px 0 0}
nav.tabs a[aria-current=page]{border-color:var(--line);background:var(--paper);font-weight:700;color:var(--ink);margin-bottom:-2px;border-bottom:2px solid var(--paper)}
ol.conv{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.75rem}
ol.conv li{max-width:85%;border-radius:6px;padding:.5rem .8rem;border:1px solid var(--line)}
ol.conv li.child{align-self:flex-start;background:var(--tint)}
ol.conv li.me{align-self:flex-end;background:#e8f1fb;border-color:#9cb8d9}
ol.conv .meta{font-size:.875rem;color:var(--muted);margin-bottom:.2rem}
ol.conv .text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
form.stack{display:grid;gap:.9rem;max-width:36rem}
label{font-weight:600;display:block}
.hint{color:var(--muted);font-size:.95rem;display:block;font-weight:400}
.hint.inline{display:inline}
.num{color:var(--muted);font-size:.8em;font-weight:400}
.after-conv{margin-top:1rem}
td.pre{white-space:pre-wrap;overflow-wrap:anywhere}
.print-only{display:none}
input[type=text],input[type=email],input[type=password],input[type=date],input[type=time],select,textarea{font:inherit;width:100%;padding:.45rem .5rem;border:2px solid var(--ink);border-radius:0;background:#fff;color:var(--ink)}
textarea{min-height:8rem;resize:vertical}
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;padding:0}
.radios label{font-weight:400;display:flex;gap:.5rem;align-items:center}
button.primary,button.secondary,button.danger{font:inherit;font-weight:600;padding:.55rem 1.1rem;border-radius:3px;cursor:pointer;border:2px solid transparent}
button.primary{background:#00703c;color:#fff}
button.secondary{background:#f3f2f1;color:var(--ink);border-color:var(--ink)}
button.danger{background:#8a1f11;color:#fff}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.table-wrap{overflow-x:auto}
dl.answers dt{font-weight:700;margin-top:.9rem}
dl.answers dd{margin:.2rem 0 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
dl.answers dd.skipped{color:var(--muted);font-style:italic}
dl.answers dl{margin:.2rem 0 0 1rem}
.print-hint{color:var(--muted);font-size:.95rem}
@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}ol.conv li{max-width:100%}h1{font-size:1.45rem}}
@media print{
 @page{margin:14mm 16mm}
 body{font:10.5pt/1.35 "DejaVu Serif",Georgia,serif;color:#000}
 header.top,nav.tabs,.crumbs,.noprint,form,.print-hint,.skip{display:none!important}
 .print-only{display:block;font-size:9pt;border-bottom:1px solid #000;padding-bottom:.2rem;margin-bottom:.5rem}
 main{max-width:none;padding:0}
 h1{font-size:15pt;margin:0 0 .4rem}h2{font-size:12.5pt;margin:.8rem 0 .3rem}
 a{color:#000;text-decoration:none}
 .notice{border:1px solid #000;border-left-width:4px;background:none;padding:.3rem .6rem;margin:.5rem 0}
 dl.answers dt{margin-top:.45rem;break-after:avoid}
 dl.answers dd{break-inside:avoid}
 .badge{border:1px solid #000;background:none;color:#000}
}
)CSS";

struct Frame {
  std::string title;                // the <title> and, by default, the h1
  std::optional<WebSession> who;    // signed-in person (for the header and the sign-out form)
  std::string establishment;
};

std::string page(const Frame& f, const std::string& body) {
  std::ostringstream o;
  o << "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<title>"
    << esc(f.title) << " – Waymark</title><link rel=\"stylesheet\" href=\"/web.css\"></head><body>"
    << "<a class=\"skip\" href=\"#main\">Skip to main content</a><header class=\"top\">"
    << "<a class=\"brand\" href=\"/\">Waymark" << (f.establishment.empty() ? "" : " · " + esc(f.establishment)) << "</a>";
  if (f.who) {
    o << "<nav aria-label=\"Account\">";
    if (f.who->who.kind == PrincipalKind::Worker) o << "<a href=\"/children\">My children</a>";
    else o << "<a href=\"/security\">Security review</a>";
    o << "<span class=\"who\">" << esc(f.who->who.name) << " (" << esc(f.who->who.org_or_role) << ")</span>"
      << "<form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"" << esc(f.who->csrf)
      << "\"><button type=\"submit\">Sign out</button></form></nav>";
  }
  o << "</header><main id=\"main\">" << body << "</main></body></html>";
  return o.str();
}

void security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Strict-Transport-Security", "max-age=31536000");
}

void send_html(httplib::Response& res, int status, const std::string& html) {
  security_headers(res);
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

void redirect(httplib::Response& res, const std::string& to) {
  security_headers(res);
  res.status = 303;
  res.set_header("Location", to);
  res.set_content("", "text/plain");
}

// ================================================================= 2. request helpers
std::string cookie(const httplib::Request& req, const std::string& name) {
  const std::string h = req.get_header_value("Cookie");
  size_t i = 0;
  while (i < h.size()) {
    size_t j = h.find(';', i);
    if (j == std::string::npos) j = h.size();
    std::string part = h.substr(i, j - i);
    const auto b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    const auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    i = j + 1;
  }
  return {};
}

void set_session_cookie(httplib::Response& res, const std::string& token) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict");
}
void clear_session_cookie(httplib::Response& res) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
}

// Only an urlencoded body counts as a form (query strings are ignored for POST).
Form form_of(const httplib::Request& req) {
  Form f;
  if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) return f;
  httplib::Params p;
  httplib::detail::parse_query_text(req.body, p);
  for (auto& [k, v] : p) f.emplace(k, v);
  return f;
}
std::string field(const Form& f, const std::string& k) {
  const auto it = f.find(k);
  return it == f.end() ? std::string() : it->second;
}
bool same_secret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}
std::string new_pre_token() {
  unsigned char b[24];
  randombytes_buf(b, sizeof b);
  std::string t = sync::base64_encode(std::string(reinterpret_cast<char*>(b), sizeof b));
  for (char& c : t) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return t;
}
// Normalises a textarea's line ends (browsers send CRLF) to the kiosk's "\n".
std::string lf(const std::string& s) {
  std::string o;
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] == '\r') {
      o.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') i++;
    } else {
      o.push_back(s[i]);
    }
  }
  return o;
}

std::string query(const httplib::Request& req, const std::string& k) {
  return req.has_param(k.c_str()) ? req.get_param_value(k.c_str()) : std::string();
}

struct Ctx {
  Db& db;
  const httplib::Request& req;
  httplib::Response& res;
  int64_t now;
  std::string establishment;
  std::optional<WebSession> s;
  Frame frame(const std::string& title) const { return Frame{title, s, establishment}; }
  std::string today() const { return format_date(local_date(now / 1000)); }
};

std::string hidden_csrf(const Ctx& c) { return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(c.s->csrf) + "\">"; }

void not_found(Ctx& c) {
  send_html(c.res, 404,
            page(c.frame("Not found"), "<h1>Not found</h1><p>There is nothing here, or it is not yours to see.</p>"
                                       "<p><a href=\"/\">Go to the start page</a></p>"));
}

// Loads the session. Without a valid one: a redirect to sign-in and false.
bool need_session(Ctx& c, std::optional<PrincipalKind> kind) {
  const std::string token = cookie(c.req, kSessionCookie);
  c.s = session_from_token(c.db, token, c.now);
  if (!c.s) {
    if (!token.empty()) clear_session_cookie(c.res);
    redirect(c.res, token.empty() ? "/sign-in" : "/sign-in?expired=1");
    return false;
  }
  if (kind && c.s->who.kind != *kind) {
    send_html(c.res, 403, page(c.frame("Not for this account"),
                               "<h1>Not for this account</h1><p>Your account cannot open this page.</p>"
                               "<p><a href=\"/\">Go to your start page</a></p>"));
    return false;
  }
  return true;
}

// A POST from a signed-in person: the form's CSRF token must be the session's.
bool need_csrf(Ctx& c, const Form& f) {
  if (same_secret(field(f, "csrf"), c.s->csrf)) return true;
  {
    Txn t(c.db);
    Stmt s(c.db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :a, 'web.csrf_refused', :d)");
    s.bind(":at", c.now / 1000).bind(":a", c.s->who.label()).bind(":d", c.req.path).run();
    t.commit();
  }
  send_html(c.res, 403,
            page(c.frame("Please try again"),
                 "<h1>Please try again</h1><p>This form is out of date or did not come from this site, so nothing was "
                 "changed. Go back, reload the page, and send it again.</p><p><a href=\"/\">Go to your start page</a></p>"));
  return false;
}

// The child in the URL must be allocated to the signed-in worker. Refusals are audited.
std::optional<ChildSummary> need_child(Ctx& c, const std::string& number) {
  auto ch = allocated_child(c.db, c.s->who.id, number, c.today());
  if (!ch) {
    Txn t(c.db);
    Stmt s(c.db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :a, 'web.denied', :d)");
    s.bind(":at", c.now / 1000).bind(":a", c.s->who.label()).bind(":d", c.req.method + " " + c.req.path).run();
    t.commit();
    not_found(c);
  }
  return ch;
}

// A worker's form post about one of their children: session, CSRF token, then allocation; each refusal is
// already answered. Every POST under /children/N comes through here, so none can skip a check.
struct ChildPost {
  Form form;
  ChildSummary child;
};
std::optional<ChildPost> need_child_post(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return std::nullopt;
  Form f = form_of(c.req);
  if (!need_csrf(c, f)) return std::nullopt;
  auto k = need_child(c, c.req.matches[1]);
  if (!k) return std::nullopt;
  return ChildPost{std::move(f), std::move(*k)};
}

// ================================================================= 3. sign-in pages
std::string pre_token(Ctx& c) {
  std::string t = cookie(c.req, kPreCookie);
  if (t.size() < 20 || t.size() > 64) {
    t = new_pre_token();
    c.res.set_header("Set-Cookie", std::string(kPreCookie) + "=" + t + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=7200");
  }
  return t;
}
bool pre_ok(const Ctx& c, const Form& f) {
  const std::string t = cookie(c.req, kPreCookie);
  return t.size() >= 20 && same_secret(field(f, "csrf"), t);
}

void sign_in_page(Ctx& c, int status, const std::string& msg, bool msg_is_error, const std::string& email) {
  const std::string tok = pre_token(c);
  std::ostringstream b;
  b << "<h1>Sign in</h1><p class=\"lede\">For YOT workers and the establishment's security staff.</p>";
  if (!msg.empty())
    b << "<div class=\"notice " << (msg_is_error ? "err" : "ok") << "\" role=\"" << (msg_is_error ? "alert" : "status")
      << "\"><p>" << esc(msg) << "</p></div>";
  b << "<form class=\"stack\" method=\"post\" action=\"/sign-in\"><input type=\"hidden\" name=\"csrf\" value=\"" << esc(tok) << "\">"
    << "<div><label for=\"email\">Email address</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" "
       "required maxlength=\"120\" value=\""
    << esc(email) << "\"></div>"
    << "<div><label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
       "autocomplete=\"current-password\" required maxlength=\"200\"></div>"
    << "<div><button class=\"primary\" type=\"submit\">Sign in</button></div></form>"
    << "<p><a href=\"/password\">Set or reset your password with a one-time code</a></p>"
    << "<p class=\"hint\">The establishment gives you a one-time code in person or by phone. It is never sent by email.</p>";
  send_html(c.res, status, page(c.frame("Sign in"), b.str()));
}

void get_sign_in(Ctx& c) {
  const std::string token = cookie(c.req, kSessionCookie);
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
  const SignInResult r = web_sign_in(c.db, email, field(f, "password"), c.now);
  if (!r.who) {
    sign_in_page(c, r.locked ? 429 : 401, r.error, true, email);
    return;
  }
  const WebSession s = create_session(c.db, *r.who, c.now);
  set_session_cookie(c.res, s.token);
  redirect(c.res, r.who->kind == PrincipalKind::Worker ? "/children" : "/security");
}

void post_sign_out(Ctx& c) {
  if (!need_session(c, std::nullopt)) return;
  const Form f = form_of(c.req);
  if (!need_csrf(c, f)) return;
  end_session(c.db, cookie(c.req, kSessionCookie), c.now);
  clear_session_cookie(c.res);
  redirect(c.res, "/sign-in?out=1");
}

void password_page(Ctx& c, int status, const std::string& err, const std::string& email, const std::string& code) {
  const std::string tok = pre_token(c);
  std::ostringstream b;
  b << "<h1>Set your password</h1><p class=\"lede\">Use the one-time code the establishment gave you. "
       "A code works once, for 3 days.</p>";
  if (!err.empty()) b << "<div class=\"notice err\" role=\"alert\"><p>" << esc(err) << "</p></div>";
  b << "<form class=\"stack\" method=\"post\" action=\"/password\"><input type=\"hidden\" name=\"csrf\" value=\"" << esc(tok) << "\">"
    << "<div><label for=\"email\">Email address</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" "
       "required maxlength=\"120\" value=\""
    << esc(email) << "\"></div>"
    << "<div><label for=\"code\">One-time code<span class=\"hint\">12 letters and numbers, like ABCD-EFGH-JKMN</span></label>"
       "<input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"one-time-code\" required maxlength=\"20\" value=\""
    << esc(code) << "\"></div>"
    << "<div><label for=\"password\">New password<span class=\"hint\">At least 12 characters. A few words in a row work well.</span></label>"
       "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"200\"></div>"
    << "<div><label for=\"password2\">New password again</label><input id=\"password2\" name=\"password2\" type=\"password\" "
       "autocomplete=\"new-password\" required minlength=\"12\" maxlength=\"200\"></div>"
    << "<div><button class=\"primary\" type=\"submit\">Set password</button></div></form>"
    << "<p><a href=\"/sign-in\">Back to sign in</a></p>";
  send_html(c.res, status, page(c.frame("Set your password"), b.str()));
}

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
  const std::string err = set_password_with_code(c.db, email, code, field(f, "password"), c.now);
  if (!err.empty()) {
    password_page(c, 400, err, email, code);
    return;
  }
  redirect(c.res, "/sign-in?password=1");
}

// ================================================================= 4. worker pages
std::string meeting_line(const std::string& kind, const std::string& date, const std::string& time) {
  return meeting_kind_name(kind) + ", " + nice_date(date) + (time.empty() ? "" : " at " + time);
}

void get_children(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  api_worker_inbox(c.db, c.s->who.id, c.now);  // the messages have now reached the worker: "delivered"
  const auto kids = allocated_children(c.db, c.s->who.id, c.today());
  std::ostringstream b;
  b << "<h1>My children</h1><p class=\"lede\">The children the establishment has allocated to you.</p>";
  if (kids.empty()) b << "<p>No children are allocated to you yet. The establishment adds them.</p>";
  b << "<ul class=\"cards\">";
  for (const ChildSummary& k : kids) {
    b << "<li class=\"card\"><h2><a href=\"/children/" << esc(k.number) << "\">" << esc(k.first_name) << "</a> <span class=\"num\">("
      << esc(k.number) << ")</span>";
    if (k.unread > 0) b << " <span class=\"badge\">" << plural(k.unread, "new message", "new messages") << "</span>";
    b << "</h2><dl class=\"facts\"><dt>Release date</dt><dd>" << (k.release_date.empty() ? "Not set" : esc(nice_date(k.release_date)))
      << "</dd><dt>Release area</dt><dd>" << (k.release_la.empty() ? "Not set" : esc(k.release_la)) << "</dd><dt>Next meeting</dt><dd>"
      << (k.next_meeting_date.empty() ? "None booked" : esc(meeting_line(k.next_meeting_kind, k.next_meeting_date, k.next_meeting_time)))
      << "</dd><dt>Unread messages</dt><dd>" << k.unread << "</dd><dt>My Views</dt><dd>" << k.myviews
      << "</dd><dt>Interested in</dt><dd>" << k.enquiries << "</dd></dl></li>";
  }
  b << "</ul>";
  send_html(c.res, 200, page(c.frame("My children"), b.str()));
}

std::string child_header(const ChildSummary& k, const std::string& current) {
  std::ostringstream b;
  b << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › " << esc(k.first_name) << "</p>";
  b << "<h1>" << esc(k.first_name) << " <span class=\"num\">(" << esc(k.number) << ")</span></h1>";
  b << "<dl class=\"facts\"><dt>Release date</dt><dd>" << (k.release_date.empty() ? "Not set" : esc(nice_date(k.release_date)))
    << "</dd><dt>Release area</dt><dd>" << (k.release_la.empty() ? "Not set" : esc(k.release_la)) << "</dd><dt>Next meeting</dt><dd>"
    << (k.next_meeting_date.empty() ? "None booked" : esc(meeting_line(k.next_meeting_kind, k.next_meeting_date, k.next_meeting_time)))
    << "</dd><dt>Kiosk language</dt><dd>" << (k.lang == "cy" ? "Welsh" : "English") << "</dd></dl>";
  const std::string base = "/children/" + k.number;
  auto tab = [&](const std::string& href, const std::string& id, const std::string& label) {
    b << "<a href=\"" << esc(href) << "\"" << (id == current ? " aria-current=\"page\"" : "") << ">" << label << "</a>";
  };
  b << "<nav class=\"tabs\" aria-label=\"" << esc(k.first_name) << "\">";
  tab(base, "messages", "Messages" + std::string(k.unread ? " (" + std::to_string(k.unread) + " new)" : ""));
  tab(base + "/views", "views", "My Views (" + std::to_string(k.myviews) + ")");
  tab(base + "/interests", "interests", "Interested in (" + std::to_string(k.enquiries) + ")");
  tab(base + "/meetings", "meetings", "Meetings");
  b << "</nav>";
  return b.str();
}

void conversation_page(Ctx& c, const ChildSummary& k, int status, const std::string& err, const std::string& draft) {
  api_worker_inbox(c.db, c.s->who.id, c.now);
  const auto items = conversation(c.db, c.s->who.id, k.number);
  log_view(c.db, c.s->who, k.number, "messages", c.now);
  std::ostringstream b;
  b << child_header(k, "messages") << "<h2 id=\"messages\">Messages</h2>";
  if (query(c.req, "sent") == "1")
    b << "<div class=\"notice ok\" role=\"status\"><p>Your reply is on its way. " << esc(k.first_name)
      << " sees it on the wing kiosk after its next sync.</p></div>";
  if (query(c.req, "read") == "1") b << "<div class=\"notice ok\" role=\"status\"><p>Marked as read. " << esc(k.first_name) << " can see that you read them.</p></div>";
  if (items.empty()) b << "<p>No messages yet.</p>";
  b << "<ol class=\"conv\">";
  int unread = 0;
  for (size_t i = 0; i < items.size(); i++) {
    const ConversationItem& m = items[i];
    b << "<li class=\"" << (m.from_child ? "child" : "me") << "\"" << (i + 1 == items.size() ? " id=\"latest\"" : "") << ">"
      << "<div class=\"meta\"><strong>" << (m.from_child ? esc(k.first_name) : "You") << "</strong> · " << esc(nice_time_ms(m.at_ms))
      << " · ";
    if (m.from_child && m.state == "new") {
      b << "<span class=\"badge\">New</span>";
      unread++;
    } else if (m.from_child) {
      b << "Read by you";
    } else {
      b << "Sent";
    }
    b << "</div><p class=\"text\">" << esc(m.text) << "</p></li>";
  }
  b << "</ol>";
  if (unread > 0)
    b << "<form method=\"post\" action=\"/children/" << esc(k.number) << "/read\" class=\"noprint after-conv\">" << hidden_csrf(c)
      << "<button class=\"secondary\" type=\"submit\">Mark as read</button> <span class=\"hint inline\">"
      << esc(k.first_name) << " will see that you have read them.</span></form>";
  b << "<h2 id=\"reply\">Reply</h2>";
  if (!err.empty()) b << "<div class=\"notice err\" role=\"alert\"><p>" << esc(err) << "</p></div>";
  b << "<form class=\"stack\" method=\"post\" action=\"/children/" << esc(k.number) << "/reply\">" << hidden_csrf(c)
    << "<div><label for=\"text\">Your message to " << esc(k.first_name)
    << "<span class=\"hint\">Plain text, up to 1,000 characters. Short sentences and everyday words are easiest to read.</span></label>"
       "<textarea id=\"text\" name=\"text\" maxlength=\"1000\" required rows=\"5\">"
    << esc(draft) << "</textarea></div><div><button class=\"primary\" type=\"submit\">Send reply</button></div></form>";
  send_html(c.res, status, page(c.frame(k.first_name + ": messages"), b.str()));
}

void get_child_page(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  conversation_page(c, *k, 200, "", "");
}

void mark_read(Ctx& c, const std::string& child) {
  const auto ids = unread_ids(c.db, c.s->who.id, child);
  for (size_t i = 0; i < ids.size(); i += 500) {
    json list = json::array();
    for (size_t j = i; j < std::min(ids.size(), i + 500); j++) list.push_back(ids[j]);
    api_worker_read(c.db, c.s->who.id, json{{"ids", list}}, c.now);  // sends the "read" receipts to the kiosk
  }
}

void post_read(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const ChildSummary* const k = &post->child;
  mark_read(c, k->number);
  redirect(c.res, "/children/" + k->number + "?read=1#messages");
}

void post_reply(Ctx& c) {
  const auto post = need_child_post(c);
  if (!post) return;
  const Form& f = post->form;
  const ChildSummary* const k = &post->child;
  std::string text = lf(field(f, "text"));
  // Trailing spaces and blank lines mean nothing to the reader.
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const size_t n = utf8_length(text);
  std::string err;
  if (!utf8_valid(text)) err = "The message has characters that cannot be sent. Please type it again.";
  else if (n == 0) err = "Write a message first.";
  else if (n > sync::kMaxMessageChars)
    err = "The message is " + std::to_string(n) + " characters long. It can be up to 1,000. Please make it shorter.";
  else if (sanitize_text(text, sync::kMaxMessageChars, true) != text)
    err = "The message has characters the kiosk cannot show (for example emoji). Please take them out.";
  if (err.empty()) {
    try {
      api_worker_send(c.db, c.s->who.id, json{{"child", k->number}, {"text", text}}, c.now);
    } catch (const ApiError& e) {
      err = e.what();
    }
  }
  if (!err.empty()) {
    conversation_page(c, *k, 400, err, field(f, "text"));  // what was typed is kept
    return;
  }
  mark_read(c, k->number);  // replying means the worker has read what came before
  redirect(c.res, "/children/" + k->number + "?sent=1#latest");
}

// ---- My Views
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

std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "Yes" : "No";
  if (v.is_null()) return "—";
  return v.dump();
}

std::string humanise_key(std::string k) {
  for (char& ch : k)
    if (ch == '_') ch = ' ';
  if (!k.empty()) k[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])));
  return k;
}

// Any JSON value as readable HTML: objects as definition lists, arrays as lists.
std::string render_value(const json& v, int depth = 0) {
  if (depth > 6) return esc(v.dump());
  if (v.is_object()) {
    std::string o = "<dl>";
    for (auto it = v.begin(); it != v.end(); ++it)
      o += "<dt>" + esc(humanise_key(it.key())) + "</dt><dd>" + render_value(it.value(), depth + 1) + "</dd>";
    return o + "</dl>";
  }
  if (v.is_array()) {
    if (v.empty()) return "—";
    std::string o = "<ul>";
    for (const json& x : v) o += "<li>" + render_value(x, depth + 1) + "</li>";
    return o + "</ul>";
  }
  return esc(scalar_text(v));
}

bool technical_views_key(const std::string& k) {
  static const char* const kKeys[] = {"v", "kind", "form", "form_version", "child", "lang", "meeting", "started_at",
                                      "finalized_at", "supersedes", "replaces", "answers"};
  return std::any_of(std::begin(kKeys), std::end(kKeys), [&](const char* x) { return k == x; });
}

std::string render_answers(const json& body) {
  std::ostringstream b;
  // The child's own words are in the kiosk language they used: screen readers and spell checkers need it.
  b << "<dl class=\"answers\"" << (body.value("lang", std::string()) == "cy" ? " lang=\"cy\"" : "") << ">";
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
      b << "<dt>" << esc(title) << "</dt>";
      if (a.value("skipped", false)) {
        b << "<dd class=\"skipped\">Chose not to answer</dd>";
      } else if (a.contains("text") && a["text"].is_string() && !a["text"].get<std::string>().empty()) {
        b << "<dd>" << esc(a["text"].get<std::string>()) << "</dd>";
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
    b << "<dt>" << esc(humanise_key(it.key())) << "</dt><dd>" << render_value(it.value()) << "</dd>";
  }
  if (!any) b << "<dt>Answers</dt><dd class=\"skipped\">This response has no answers in it.</dd>";
  b << "</dl>";
  return b.str();
}

void get_views(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto recs = child_records(c.db, k->number, "myviews");
  log_view(c.db, c.s->who, k->number, "My Views list", c.now);
  std::map<std::string, std::string> replaced_by;  // id -> the newer record's id
  for (const ChildRecord& r : recs)
    if (const std::string old = supersedes_of(r.body); !old.empty()) replaced_by[old] = r.id;
  std::ostringstream b;
  b << child_header(*k, "views") << "<h2>My Views</h2><p>What " << esc(k->first_name)
    << " wants the meeting to hear, in their own words. Newest first.</p>";
  if (recs.empty()) b << "<p>" << esc(k->first_name) << " has not sent a My Views yet.</p>";
  b << "<ul class=\"cards\">";
  for (const ChildRecord& r : recs) {
    const std::string meet = meeting_of_views(r.body);
    b << "<li class=\"card\"><h3><a href=\"/children/" << esc(k->number) << "/views/" << esc(r.id) << "\">"
      << (meet.empty() ? "My Views" : "For the " + esc(meet)) << "</a></h3><p>Sent " << esc(nice_time_ms(r.received_ms));
    if (!supersedes_of(r.body).empty()) b << " · <span class=\"badge grey\">Replaces an earlier version</span>";
    if (replaced_by.count(r.id)) b << " · <span class=\"badge warn\">Replaced by a newer version</span>";
    b << "</p></li>";
  }
  b << "</ul>";
  send_html(c.res, 200, page(c.frame(k->first_name + ": My Views"), b.str()));
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
  std::ostringstream b;
  b << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › <a href=\"/children/" << esc(k->number) << "\">" << esc(k->first_name)
    << "</a> › <a href=\"/children/" << esc(k->number) << "/views\">My Views</a></p>";
  b << "<p class=\"print-only\">Confidential: about a child. " << esc(k->first_name) << " (" << esc(k->number) << "), printed "
    << esc(nice_time_ms(c.now)) << " by " << esc(c.s->who.name) << " (" << esc(c.s->who.org_or_role) << ") from Waymark.</p>";
  b << "<h1>" << esc(k->first_name) << "'s views" << (meet.empty() ? "" : " for the " + esc(meet)) << "</h1>";
  b << "<p class=\"lede\">Sent from the kiosk " << esc(nice_time_ms(r->received_ms));
  if (r->body.value("lang", std::string()) == "cy") b << " · written in Welsh";
  b << "</p>";
  if (const std::string old = supersedes_of(r->body); !old.empty()) {
    auto it = std::find_if(all.begin(), all.end(), [&](const ChildRecord& x) { return x.id == old; });
    b << "<div class=\"notice\"><p><strong>This replaces an earlier version</strong>";
    if (it != all.end()) b << " sent " << esc(nice_time_ms(it->received_ms));
    b << ".</p>";
    if (it != all.end())
      b << "<p class=\"noprint\"><a href=\"/children/" << esc(k->number) << "/views/" << esc(old) << "\">Read the earlier version</a></p>";
    b << "</div>";
  }
  for (const ChildRecord& x : all)
    if (supersedes_of(x.body) == r->id)
      b << "<div class=\"notice err\"><p><strong>A newer version replaces this one</strong>, sent " << esc(nice_time_ms(x.received_ms))
        << ". <a href=\"/children/" << esc(k->number) << "/views/" << esc(x.id) << "\">Read the newer version</a>.</p></div>";
  b << render_answers(r->body);
  b << "<p class=\"print-hint\">To print this on one or two pages, use your browser's Print.</p>";
  send_html(c.res, 200, page(c.frame(k->first_name + "'s views"), b.str()));
}

// ---- Interested in
// A question the child asked the worker on the kiosk (wire::WorkerQuestion) shows as that question.
std::string question_card(const wire::WorkerQuestion& q, int64_t received_ms) {
  const std::string heading = wire::question_heading(q);
  std::ostringstream b;
  b << "<li class=\"card\"><h3>" << esc(heading.empty() ? "A question" : heading) << "</h3><dl class=\"facts\">"
    << "<dt>Question</dt><dd>" << esc(q.question) << "</dd><dt>Asked</dt><dd>"
    << esc(nice_time_ms(q.asked_at > 0 ? q.asked_at * 1000 : received_ms)) << "</dd></dl></li>";
  return b.str();
}

void get_interests(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return;
  const auto k = need_child(c, c.req.matches[1]);
  if (!k) return;
  const auto recs = child_records(c.db, k->number, "enquiry");
  log_view(c.db, c.s->who, k->number, "Interested in", c.now);
  for (const ChildRecord& r : recs) mark_record_opened(c.db, r.id, c.now);  // the kiosk shows they were seen
  std::ostringstream b;
  b << child_header(*k, "interests") << "<h2>Interested in</h2><p>Courses, apprenticeships and jobs " << esc(k->first_name)
    << " asked about on the kiosk, with the details as " << esc(k->first_name) << " saw them. Newest first.</p>";
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
    b << "<li class=\"card\"><h3>" << esc(j.contains("title") ? scalar_text(j["title"]) : "A listing") << "</h3><dl class=\"facts\">";
    for (const auto& [key, label] : kShown) {
      if (!j.contains(key)) continue;
      std::string v = scalar_text(j[key]);
      if (std::string(key) == "start_date") v = nice_date(v);
      if (std::string(key) == "kind") v = humanise_key(v);
      if (std::string(key) == "la_name" && j.contains("la_code")) v += " (" + scalar_text(j["la_code"]) + ")";
      b << "<dt>" << label << "</dt><dd>" << esc(v) << "</dd>";
    }
    b << "<dt>Asked</dt><dd>" << esc(nice_time_ms(j.contains("asked_at") && j["asked_at"].is_number_integer() ? j["asked_at"].get<int64_t>() * 1000
                                                                                                                 : r.received_ms))
      << "</dd>";
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      if (key == "v" || key == "title" || key == "asked_at" || key == "la_code" ||
          std::any_of(std::begin(kShown), std::end(kShown), [&](const auto& p) { return key == p.first; }))
        continue;
      b << "<dt>" << esc(humanise_key(key)) << "</dt><dd>" << render_value(it.value()) << "</dd>";
    }
    b << "</dl></li>";
  }
  b << "</ul>";
  send_html(c.res, 200, page(c.frame(k->first_name + ": interested in"), b.str()));
}

// ---- Meetings
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

std::string meeting_fields(const MeetingForm& f) {
  std::ostringstream b;
  b << "<div><label for=\"kind\">Type of meeting</label><select id=\"kind\" name=\"kind\">";
  for (const auto& [code, name] : meeting_kinds())
    b << "<option value=\"" << code << "\"" << (code == f.kind ? " selected" : "") << ">" << name << "</option>";
  b << "</select></div>"
    << "<div><label for=\"date\">Date</label><input id=\"date\" name=\"date\" type=\"date\" required value=\"" << esc(f.date) << "\"></div>"
    << "<div><label for=\"time\">Time</label><input id=\"time\" name=\"time\" type=\"time\" required value=\"" << esc(f.time) << "\"></div>"
    << "<fieldset class=\"radios\"><legend>Where</legend>"
    << "<label><input type=\"radio\" name=\"mode\" value=\"in_person\"" << (f.mode != "video" ? " checked" : "") << "> In person</label>"
    << "<label><input type=\"radio\" name=\"mode\" value=\"video\"" << (f.mode == "video" ? " checked" : "") << "> Video call</label></fieldset>"
    << "<div><label for=\"place\">Place or video details<span class=\"hint\">For example \"Visits room 2\" or \"Teams, the wing's video room\". "
       "No links or phone numbers: the child sees this.</span></label><input id=\"place\" name=\"place\" type=\"text\" maxlength=\"120\" value=\""
    << esc(f.place) << "\"></div>"
    << "<div><label for=\"with\">Who is invited<span class=\"hint\">Names and roles, for example \"Sam Taylor (YOT), Mum, Ms Khan (education)\"</span>"
       "</label><input id=\"with\" name=\"with\" type=\"text\" required maxlength=\"200\" value=\""
    << esc(f.with_whom) << "\"></div>";
  return b.str();
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
  std::ostringstream b;
  b << child_header(k, "meetings") << "<h2>Meetings</h2>";
  const std::string done = query(c.req, "done");
  if (done == "booked") b << "<div class=\"notice ok\" role=\"status\"><p>The meeting is booked. " << esc(k.first_name) << " sees it on the kiosk after its next sync.</p></div>";
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
      b << "<li class=\"card\"><h3>" << esc(meeting_line(m.kind, m.date, m.time));
      if (m.cancelled) b << " <span class=\"badge warn\">Cancelled</span>";
      b << "</h3><dl class=\"facts\"><dt>Where</dt><dd>" << (m.place.empty() ? "Not set" : esc(m.place)) << "</dd><dt>Who is invited</dt><dd>"
        << (m.with_whom.empty() ? "Not set" : esc(m.with_whom)) << "</dd></dl>";
      if (up) b << "<p><a href=\"/children/" << esc(k.number) << "/meetings/" << esc(m.id) << "\">Move or cancel this meeting</a></p>";
      b << "</li>";
    }
    b << "</ul>";
    if (n == 0) b << "<p>None.</p>";
  };
  section(true);
  b << "<h2 id=\"book\">Book a meeting</h2>";
  if (!errs.empty()) {
    b << "<div class=\"notice err\" role=\"alert\"><p>Please check:</p><ul>";
    for (const std::string& e : errs) b << "<li>" << esc(e) << "</li>";
    b << "</ul></div>";
  }
  b << "<form class=\"stack\" method=\"post\" action=\"/children/" << esc(k.number) << "/meetings\">" << hidden_csrf(c) << meeting_fields(f)
    << "<div><button class=\"primary\" type=\"submit\">Book meeting</button></div></form>";
  section(false);
  send_html(c.res, status, page(c.frame(k.first_name + ": meetings"), b.str()));
}

MeetingForm default_meeting_form(const Ctx& c) {
  MeetingForm f;
  f.with_whom = c.s->who.name + " (" + c.s->who.org_or_role + ")";
  return f;
}

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

// The meeting in the URL must belong to the child in the URL (itself allocated to the worker).
std::optional<WebMeeting> need_meeting(Ctx& c, const ChildSummary& k) {
  auto m = meeting_by_id(c.db, c.req.matches[2]);
  if (!m || m->child != k.number) {
    Txn t(c.db);
    Stmt s(c.db, "INSERT INTO audit(at, actor, action, detail) VALUES(:at, :a, 'web.denied', :d)");
    s.bind(":at", c.now / 1000).bind(":a", c.s->who.label()).bind(":d", c.req.method + " " + c.req.path).run();
    t.commit();
    not_found(c);
    return std::nullopt;
  }
  return m;
}

void edit_meeting_page(Ctx& c, const ChildSummary& k, const WebMeeting& m, int status, const std::vector<std::string>& errs,
                       const MeetingForm& f) {
  std::ostringstream b;
  b << "<p class=\"crumbs\"><a href=\"/children\">My children</a> › <a href=\"/children/" << esc(k.number) << "\">" << esc(k.first_name)
    << "</a> › <a href=\"/children/" << esc(k.number) << "/meetings\">Meetings</a></p>"
    << "<h1>Move or cancel: " << esc(meeting_line(m.kind, m.date, m.time)) << "</h1>";
  if (m.cancelled) b << "<div class=\"notice err\"><p>This meeting is cancelled.</p></div>";
  if (!errs.empty()) {
    b << "<div class=\"notice err\" role=\"alert\"><p>Please check:</p><ul>";
    for (const std::string& e : errs) b << "<li>" << esc(e) << "</li>";
    b << "</ul></div>";
  }
  b << "<h2>Move it</h2><form class=\"stack\" method=\"post\" action=\"/children/" << esc(k.number) << "/meetings/" << esc(m.id) << "\">"
    << hidden_csrf(c) << meeting_fields(f) << "<div><button class=\"primary\" type=\"submit\">Save changes</button></div></form>";
  if (!m.cancelled)
    b << "<h2>Cancel it</h2><form method=\"post\" action=\"/children/" << esc(k.number) << "/meetings/" << esc(m.id) << "/cancel\">"
      << hidden_csrf(c) << "<p>" << esc(k.first_name) << " sees it as cancelled on the kiosk after the next sync.</p>"
      << "<button class=\"danger\" type=\"submit\">Cancel this meeting</button></form>";
  send_html(c.res, status, page(c.frame("Move or cancel a meeting"), b.str()));
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

// ================================================================= 5. security pages
void get_security(Ctx& c) {
  if (!need_session(c, PrincipalKind::Security)) return;
  std::ostringstream b;
  b << "<h1>Security review</h1><p class=\"lede\">Read-only. Every review you open is recorded with your name.</p>"
    << "<h2>Children</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Child</th><th scope=\"col\">Number</th>"
       "<th scope=\"col\">Wing</th></tr></thead><tbody>";
  for (const RosterRow& r : roster(c.db))
    b << "<tr><td><a href=\"/security/children/" << esc(r.number) << "\">" << esc(r.first_name) << "</a></td><td>" << esc(r.number)
      << "</td><td>" << esc(r.wing) << "</td></tr>";
  b << "</tbody></table></div><h2>Who looked at what (latest 50)</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">When</th>"
       "<th scope=\"col\">Who</th><th scope=\"col\">Child</th><th scope=\"col\">What</th></tr></thead><tbody>";
  for (const ViewRow& v : recent_views(c.db, 50))
    b << "<tr><td>" << esc(nice_time_ms(v.at_ms)) << "</td><td>" << esc(v.actor) << "</td><td>" << esc(v.child) << "</td><td>" << esc(v.what)
      << "</td></tr>";
  b << "</tbody></table></div>";
  send_html(c.res, 200, page(c.frame("Security review"), b.str()));
}

void get_security_child(Ctx& c) {
  if (!need_session(c, PrincipalKind::Security)) return;
  const std::string number = c.req.matches[1];
  const auto ch = get_child(c.db, number);
  if (!ch) {
    not_found(c);
    return;
  }
  const auto msgs = review_messages(c.db, number, c.s->who.label(), c.now);  // audited as messages.review
  log_view(c.db, c.s->who, number, "security review of messages", c.now);
  std::ostringstream b;
  b << "<p class=\"crumbs\"><a href=\"/security\">Security review</a> › " << esc(ch->first_name) << "</p><h1>" << esc(ch->first_name) << " ("
    << esc(number) << "): messages</h1><p class=\"lede\">Wing " << esc(ch->wing) << ". Read-only. This review is recorded.</p>";
  b << "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Direction</th><th scope=\"col\">Worker</th>"
       "<th scope=\"col\">State</th><th scope=\"col\">Text</th></tr></thead><tbody>";
  for (const ReviewMessage& m : msgs)
    b << "<tr><td>" << esc(nice_time_ms(m.at * 1000)) << "</td><td>" << esc(m.direction) << "</td><td>" << esc(m.worker) << "</td><td>"
      << esc(m.state) << "</td><td class=\"pre\">" << esc(m.text) << "</td></tr>";
  if (msgs.empty()) b << "<tr><td colspan=\"5\">No messages.</td></tr>";
  b << "</tbody></table></div><h2>Who looked at " << esc(ch->first_name) << "'s data</h2><div class=\"table-wrap\"><table><thead><tr>"
       "<th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th></tr></thead><tbody>";
  for (const ViewRow& v : views_of_child(c.db, number, 200))
    b << "<tr><td>" << esc(nice_time_ms(v.at_ms)) << "</td><td>" << esc(v.actor) << "</td><td>" << esc(v.what) << "</td></tr>";
  b << "</tbody></table></div>";
  send_html(c.res, 200, page(c.frame(ch->first_name + ": security review"), b.str()));
}

void get_root(Ctx& c) {
  if (!need_session(c, std::nullopt)) return;
  redirect(c.res, c.s->who.kind == PrincipalKind::Worker ? "/children" : "/security");
}

}  // namespace

// ================================================================= 6. register_web_routes
void register_web_routes(httplib::Server& srv, WebOptions opt) {
  auto wrap = [opt](void (*fn)(Ctx&)) {
    return [opt, fn](const httplib::Request& req, httplib::Response& res) {
      try {
        opt.with_db([&](Db& db) {
          Ctx c{db, req, res, opt.now_ms(), gateway_meta(db, "establishment"), std::nullopt};
          fn(c);
        });
      } catch (const std::exception& e) {
        std::fprintf(stderr, "waymark-gateway: web error on %s: %s\n", req.path.c_str(), e.what());
        res.headers.clear();
        send_html(res, 500,
                  page(Frame{"Something went wrong", std::nullopt, ""},
                       "<h1>Something went wrong</h1><p>The gateway could not finish that. Nothing you typed was sent. "
                       "Go back and try again in a minute.</p>"));
      }
      if (opt.log_requests) std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    };
  };
  srv.Get("/web.css", [](const httplib::Request&, httplib::Response& res) {
    security_headers(res);
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(kCss, "text/css; charset=utf-8");
  });
  srv.Get("/", wrap(get_root));
  srv.Get("/sign-in", wrap(get_sign_in));
  srv.Post("/sign-in", wrap(post_sign_in));
  srv.Post("/sign-out", wrap(post_sign_out));
  srv.Get("/password", wrap([](Ctx& c) { password_page(c, 200, "", "", ""); }));
  srv.Post("/password", wrap(post_password));
  srv.Get("/children", wrap(get_children));
  srv.Get(R"(/children/(\d{1,16}))", wrap(get_child_page));
  srv.Post(R"(/children/(\d{1,16})/read)", wrap(post_read));
  srv.Post(R"(/children/(\d{1,16})/reply)", wrap(post_reply));
  srv.Get(R"(/children/(\d{1,16})/views)", wrap(get_views));
  srv.Get(R"(/children/(\d{1,16})/views/([0-9a-f]{32}))", wrap(get_view));
  srv.Get(R"(/children/(\d{1,16})/interests)", wrap(get_interests));
  srv.Get(R"(/children/(\d{1,16})/meetings)", wrap(get_meetings));
  srv.Post(R"(/children/(\d{1,16})/meetings)", wrap(post_meeting_new));
  srv.Get(R"(/children/(\d{1,16})/meetings/([0-9a-f]{1,64}))", wrap(get_meeting));
  srv.Post(R"(/children/(\d{1,16})/meetings/([0-9a-f]{1,64}))", wrap(post_meeting_move));
  srv.Post(R"(/children/(\d{1,16})/meetings/([0-9a-f]{1,64})/cancel)", wrap(post_meeting_cancel));
  srv.Get("/security", wrap(get_security));
  srv.Get(R"(/security/children/(\d{1,16}))", wrap(get_security_child));
}

}  // namespace waymark::gateway
