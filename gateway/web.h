// gateway/web.h: the YOT worker's web inbox and the security review, served by waymark-gateway
// (docs/web-inbox.md). Server-rendered HTML, no scripts, no external assets.
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
void register_web_routes(httplib::Server& srv, WebOptions opt);

// HTML-escapes text for element content and attribute values.
std::string html_escape(const std::string& s);

}  // namespace waymark::gateway
