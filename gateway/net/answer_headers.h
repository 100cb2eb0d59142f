// gateway/net/answer_headers.h: the headers every answer of the gateway carries, pages, /v1 calls, errors
// and refusals alike, set in one place (the server's post-routing handler, which cpp-httplib runs for every
// answer it writes, its own 400s and 404s included) so no route can forget them (issue 13).
#pragma once

#include <cstdint>
#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace waymark::gateway {

// The strict policy for everything the gateway serves: no scripts, styles and images only from itself.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
inline constexpr const char* kStrictTransport = "max-age=31536000; includeSubDomains";
// The stylesheet is the one answer a browser may keep (an hour); everything else is no-store.
inline constexpr const char* kStylesheetPath = "/web.css";
inline constexpr const char* kStylesheetCache = "public, max-age=3600";

// An RFC 7231 IMF-fixdate, "Tue, 02 Mar 2027 09:00:00 GMT", for a unix time in ms.
std::string http_date(int64_t unix_ms);

// Replaces whatever a route set for these headers: Content-Security-Policy, Strict-Transport-Security,
// X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Cache-Control and Date (from now_ms, the
// gateway's clock).
void set_answer_headers(const httplib::Request& req, httplib::Response& res, int64_t now_ms);

}  // namespace waymark::gateway
