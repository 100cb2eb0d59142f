#include "gateway/web/request.h"

#include <httplib.h>
#include <sodium.h>

#include "core/base/dates.h"
#include "gateway/store/audit.h"
#include "gateway/store/codes.h"

namespace waymark::gateway::web {

namespace {
const char* const kSessionCookie = "__Host-wm_session";
const char* const kPreCookie = "__Host-wm_pre";

bool same_secret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Inside its own transaction: a refusal the establishment may want to look at.
void audit_refusal(Ctx& c, const std::string& action, const std::string& detail) {
  Txn t(c.db);
  audit(c.db, c.now, c.s->who.label(), action, detail);
  t.commit();
}
}  // namespace

// ================================================================= forms and cookies
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

std::string query(const httplib::Request& req, const std::string& k) {
  return req.has_param(k.c_str()) ? req.get_param_value(k.c_str()) : std::string();
}

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

std::string Ctx::today() const { return format_date(local_date(now / 1000)); }

// ================================================================= sessions
bool need_session(Ctx& c, std::optional<PrincipalKind> kind) {
  const std::string token = session_token(c);
  c.s = session_from_token(c.db, token, c.now);
  if (!c.s) {
    if (!token.empty()) clear_session_cookie(c.res);
    redirect(c.res, token.empty() ? "/sign-in" : "/sign-in?expired=1");
    return false;
  }
  if (kind && c.s->who.kind != *kind) {
    send_html(c.res, 403, page(c.frame("Not for this account"),
                               Html("<h1>Not for this account</h1><p>Your account cannot open this page.</p>"
                                    "<p><a href=\"/\">Go to your start page</a></p>")));
    return false;
  }
  return true;
}

std::string session_token(const Ctx& c) { return cookie(c.req, kSessionCookie); }

void set_session_cookie(httplib::Response& res, const std::string& token) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict");
}
void clear_session_cookie(httplib::Response& res) {
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
}

// ================================================================= CSRF
bool need_csrf(Ctx& c, const Form& f) {
  if (same_secret(field(f, "csrf"), c.s->csrf)) return true;
  audit_refusal(c, "web.csrf_refused", c.req.path);
  send_html(c.res, 403,
            page(c.frame("Please try again"),
                 Html("<h1>Please try again</h1><p>This form is out of date or did not come from this site, so nothing was "
                      "changed. Go back, reload the page, and send it again.</p><p><a href=\"/\">Go to your start page</a></p>")));
  return false;
}

Html hidden_csrf(const Ctx& c) {
  Html h;
  h << "<input type=\"hidden\" name=\"csrf\" value=\"" << c.s->csrf << "\">";
  return h;
}

std::string pre_token(Ctx& c) {
  std::string t = cookie(c.req, kPreCookie);
  if (t.size() < 20 || t.size() > 64) {
    t = random_url_token(24);
    c.res.set_header("Set-Cookie", std::string(kPreCookie) + "=" + t + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=7200");
  }
  return t;
}
bool pre_ok(const Ctx& c, const Form& f) {
  const std::string t = cookie(c.req, kPreCookie);
  return t.size() >= 20 && same_secret(field(f, "csrf"), t);
}

// ================================================================= allocation
std::optional<ChildSummary> need_child(Ctx& c, const std::string& number) {
  auto ch = allocated_child(c.db, c.s->who.id, number, c.today());
  if (!ch) deny(c);
  return ch;
}

std::optional<ChildPost> need_child_post(Ctx& c) {
  if (!need_session(c, PrincipalKind::Worker)) return std::nullopt;
  Form f = form_of(c.req);
  if (!need_csrf(c, f)) return std::nullopt;
  auto k = need_child(c, c.req.matches[1]);
  if (!k) return std::nullopt;
  return ChildPost{std::move(f), std::move(*k)};
}

void deny(Ctx& c) {
  audit_refusal(c, "web.denied", c.req.method + " " + c.req.path);
  not_found(c);
}

void not_found(Ctx& c) {
  send_html(c.res, 404,
            page(c.frame("Not found"), Html("<h1>Not found</h1><p>There is nothing here, or it is not yours to see.</p>"
                                            "<p><a href=\"/\">Go to the start page</a></p>")));
}

}  // namespace waymark::gateway::web
