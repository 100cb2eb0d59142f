#include "gateway/web/html.h"

#include <httplib.h>

#include <cctype>

#include "core/base/dates.h"
#include "core/catalogue/catalogue.h"

namespace waymark::gateway {

using nlohmann::json;

std::string html_escape(std::string_view s) {
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

namespace web {

// ================================================================= words
namespace {
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
}  // namespace

std::string nice_date(const std::string& iso) {
  const auto d = parse_date(iso);
  if (!d) return iso;
  return std::string(kDays[weekday(*d)]) + " " + std::to_string(d->d) + " " + kMonths[d->m - 1] + " " + std::to_string(d->y);
}
std::string nice_time_ms(int64_t ms) {
  const int64_t s = ms / 1000;
  return nice_date(format_date(local_date(s))) + ", " + local_hhmm(s);
}

std::string area_name(const std::string& ons_code) {
  if (ons_code.empty()) return "Not set";
  const std::string name = builtin_la_name(ons_code);
  return name.empty() ? "An area the gateway does not know (" + ons_code + ")" : name;
}

std::string nice_time_s(int64_t unix_s) {
  if (unix_s < 0 || unix_s > 253402300799) return "an unknown time";  // before 1970 or after 9999
  return nice_time_ms(unix_s * 1000);
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

std::string meeting_line(const std::string& kind, const std::string& date, const std::string& time) {
  return meeting_kind_name(kind) + ", " + nice_date(date) + (time.empty() ? "" : " at " + time);
}

// ================================================================= pages and answers
Html page(const Frame& f, const Html& body) {
  Html o;
  o << "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<title>"
    << f.title << " – Waymark</title><link rel=\"stylesheet\" href=\"/web.css\"></head><body>"
    << "<a class=\"skip\" href=\"#main\">Skip to main content</a><header class=\"top\">"
    << "<a class=\"brand\" href=\"/\">Waymark";
  if (!f.establishment.empty()) o << " · " << f.establishment;
  o << "</a>";
  if (f.who) {
    o << "<nav aria-label=\"Account\">";
    if (f.who->who.kind == PrincipalKind::Worker) o << "<a href=\"/children\">My children</a><a href=\"/settings\">Email settings</a>";
    else if (f.who->who.kind == PrincipalKind::Board) o << "<a href=\"/board\">Board report</a>";
    else if (f.who->who.kind == PrincipalKind::It)
      o << "<a href=\"/it/devices\">Devices</a><a href=\"/it/roster\">Roster</a><a href=\"/it/transfer\">Transfer a child</a>";
    else o << "<a href=\"/security\">Security review</a>";
    o << "<span class=\"who\">" << f.who->who.name << " (" << f.who->who.org_or_role << ")</span>"
      << "<form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"" << f.who->csrf
      << "\"><button type=\"submit\">Sign out</button></form></nav>";
  }
  o << "</header><main id=\"main\">" << body << "</main></body></html>";
  return o;
}

void send_html(httplib::Response& res, int status, const Html& html) {
  res.status = status;
  res.set_content(html.str(), "text/html; charset=utf-8");
}

void redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
  res.set_content("", "text/plain");
}

Html scroll_table(const std::string& label, const Html& head, const Html& rows) {
  Html b;
  b << "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"" << label << "\"><table><thead><tr>" << head
    << "</tr></thead><tbody>" << rows << "</tbody></table></div>";
  return b;
}

Html th(std::initializer_list<const char*> words) {
  Html b;
  for (const char* w : words) b << "<th scope=\"col\">" << w << "</th>";
  return b;
}

Html problems_notice(const std::vector<std::string>& errs) {
  Html o;
  o << "<div class=\"notice err\" role=\"alert\"><p>Please check:</p><ul>";
  for (const std::string& e : errs) o << "<li>" << e << "</li>";
  o << "</ul></div>";
  return o;
}

// ================================================================= JSON as HTML
std::string scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "Yes" : "No";
  if (v.is_null()) return "—";
  return v.dump();
}

std::string text_field(const json& obj, const char* key, const std::string& fallback) {
  if (!obj.is_object()) return fallback;
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string humanise_key(std::string k) {
  for (char& ch : k)
    if (ch == '_') ch = ' ';
  if (!k.empty()) k[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])));
  return k;
}

Html render_value(const json& v, int depth) {
  Html o;
  if (depth > 6) {
    o << v.dump(-1, ' ', false, json::error_handler_t::replace);
  } else if (v.is_object()) {
    o << "<dl>";
    for (auto it = v.begin(); it != v.end(); ++it) o << "<dt>" << humanise_key(it.key()) << "</dt><dd>" << render_value(it.value(), depth + 1) << "</dd>";
    o << "</dl>";
  } else if (v.is_array() && v.empty()) {
    o << "—";
  } else if (v.is_array()) {
    o << "<ul>";
    for (const json& x : v) o << "<li>" << render_value(x, depth + 1) << "</li>";
    o << "</ul>";
  } else {
    o << scalar_text(v);
  }
  return o;
}

}  // namespace web
}  // namespace waymark::gateway
