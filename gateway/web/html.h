// gateway/web/html.h: the pieces every web page is made of: escaping, dates and meeting names in words, the
// page frame (header, sign-out form, main), the security headers, answers (HTML, a redirect), and any JSON a
// child sent shown as readable HTML. Pages are written with the Html builder (html_builder.h), which escapes
// every value it is given; nothing here takes or returns markup as a plain string.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "gateway/store/web_accounts.h"
#include "gateway/web/html_builder.h"

namespace httplib {
struct Response;
}

namespace waymark::gateway {

namespace web {

// ---------------------------------------------------------------- words
// "Tue 3 Dec 2026" from "2026-12-03"; the input itself when it is not a date.
std::string nice_date(const std::string& iso);
// "Tue 3 Dec 2026, 10:30" (local time) from unix ms.
std::string nice_time_ms(int64_t ms);
// A release area by name ("Leeds") from its ONS code, from the table the kiosks use (assets/la); "Not set"
// for none; an unknown code says so in words.
std::string area_name(const std::string& ons_code);
// The same from unix seconds; "an unknown time" for one no calendar has (a stored record may hold anything).
std::string nice_time_s(int64_t unix_s);
// "1 new message", "3 new messages".
std::string plural(int n, const char* one, const char* many);
// The meeting kinds a worker may book: code, name ("review", "Review meeting").
const std::vector<std::pair<std::string, std::string>>& meeting_kinds();
std::string meeting_kind_name(const std::string& code);
// "Review meeting, Tue 3 Dec 2026 at 10:30".
std::string meeting_line(const std::string& kind, const std::string& date, const std::string& time);

// ---------------------------------------------------------------- pages and answers
struct Frame {
  std::string title;                // the <title> and, by default, the h1
  std::optional<WebSession> who;    // signed-in person (for the header and the sign-out form)
  std::string establishment;
};
// The whole document around a page's body.
Html page(const Frame& f, const Html& body);
// A table that may scroll sideways on a phone: a named region a keyboard can reach and scroll.
Html scroll_table(const std::string& label, const Html& head, const Html& rows);
// Column headings: <th scope="col"> each.
Html th(std::initializer_list<const char*> words);
// A "Please check:" list of plain-words problems, for the top of a form.
Html problems_notice(const std::vector<std::string>& errs);

// The security headers of every answer are the server's (gateway/net/answer_headers.h).
void send_html(httplib::Response& res, int status, const Html& html);
void redirect(httplib::Response& res, const std::string& to);  // 303 See Other

// ---------------------------------------------------------------- JSON as HTML
// A field of a stored body when it is text, else `fallback`: a record stored before bodies were checked may
// hold a number or a list where text belongs, and a page must still show.
std::string text_field(const nlohmann::json& obj, const char* key, const std::string& fallback = {});
// A scalar as words: text as it is, true/false as Yes/No, null as a dash.
std::string scalar_text(const nlohmann::json& v);
// "release_date" -> "Release date".
std::string humanise_key(std::string k);
// Any JSON value as HTML, every string in it escaped: objects as definition lists, arrays as lists.
Html render_value(const nlohmann::json& v, int depth = 0);

}  // namespace web
}  // namespace waymark::gateway
