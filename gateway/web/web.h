// gateway/web/web.h: the YOT worker's web inbox and the establishment's security review, served by
// waymark-gateway (docs/web-inbox.md). Server-rendered HTML, no scripts, no external assets.
//
// The folder: html_builder.h (Html: literals are markup, every other string is escaped), html (the page frame,
// words, JSON as HTML), request (sessions, CSRF, the allocation gate), pages by
// subject (pages.h), routes.cpp (the one list of every web route), web.css (the stylesheet, embedded by CMake).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace httplib {
class Server;
}

namespace waymark {
class Db;
}

namespace waymark::gateway {

struct WebOptions {
  std::function<int64_t()> now_ms;                                   // the gateway's clock (unix ms)
  std::function<void(const std::function<void(Db&)>&)> with_db;      // runs fn with a pooled connection
  bool log_requests = false;                                          // default false
};

// Adds the web inbox routes ("/", "/sign-in", "/children/...", "/security/...", "/web.css", ...) to srv.
// Every answer's security headers are set by the server (gateway/net/answer_headers.h), not here.
void register_web_routes(httplib::Server& srv, WebOptions opt);

// "GET", "POST", "GET, POST" or "" (no web route has that path): the Allow header of a 405.
std::string web_methods_for(const std::string& path);

}  // namespace waymark::gateway
