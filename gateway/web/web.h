// gateway/web/web.h: the YOT worker's web inbox and the establishment's security review, served by
// waymark-gateway (docs/web-inbox.md). Server-rendered HTML, no scripts, no external assets.
//
// The folder: html (escaping, the page frame, words), request (sessions, CSRF, the allocation gate), pages by
// subject (pages.h), routes.cpp (the one list of every web route), web.css (the stylesheet, embedded by CMake).
#pragma once

#include <cstdint>
#include <functional>

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
void register_web_routes(httplib::Server& srv, WebOptions opt);

}  // namespace waymark::gateway
