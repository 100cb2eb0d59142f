// gateway/web/routes.cpp: the one list of every web route (method, path, page), and what wraps each page: a
// pooled connection, the request's context, and a plain "Something went wrong" page for an unexpected error.
// The paths are cpp-httplib regular expressions matched whole; (\d{1,16}) is a child's number, the next group
// a record or meeting id. The device API's routes are in gateway/net/v1_routes.cpp.
#include <httplib.h>

#include <cstdio>
#include <regex>
#include <string>

#include "gateway/store/database.h"
#include "gateway/web/pages.h"
#include "gateway/web/stylesheet.h"
#include "gateway/web/web.h"

namespace waymark::gateway {

namespace {

using web::Ctx;

enum class Method { Get, Post };

struct WebRoute {
  Method method;
  const char* path;
  void (*page)(Ctx&);
};

const WebRoute kWebRoutes[] = {
    {Method::Get, "/", web::get_root},
    {Method::Get, "/sign-in", web::get_sign_in},
    {Method::Post, "/sign-in", web::post_sign_in},
    {Method::Post, "/sign-out", web::post_sign_out},
    {Method::Get, "/password", web::get_password},
    {Method::Post, "/password", web::post_password},
    {Method::Get, "/children", web::get_children},
    {Method::Get, R"(/children/(\d{1,16}))", web::get_child_page},
    {Method::Post, R"(/children/(\d{1,16})/read)", web::post_read},
    {Method::Post, R"(/children/(\d{1,16})/reply)", web::post_reply},
    {Method::Get, R"(/children/(\d{1,16})/views)", web::get_views},
    {Method::Get, R"(/children/(\d{1,16})/views/([0-9a-f]{32}))", web::get_view},
    {Method::Get, R"(/children/(\d{1,16})/interests)", web::get_interests},
    {Method::Get, R"(/children/(\d{1,16})/meetings)", web::get_meetings},
    {Method::Post, R"(/children/(\d{1,16})/meetings)", web::post_meeting_new},
    {Method::Get, R"(/children/(\d{1,16})/meetings/([0-9a-f]{1,64}))", web::get_meeting},
    {Method::Post, R"(/children/(\d{1,16})/meetings/([0-9a-f]{1,64}))", web::post_meeting_move},
    {Method::Post, R"(/children/(\d{1,16})/meetings/([0-9a-f]{1,64})/cancel)", web::post_meeting_cancel},
    {Method::Get, R"(/children/(\d{1,16})/plan)", web::get_plan},
    {Method::Get, R"(/children/(\d{1,16})/plan/versions)", web::get_plan_versions},
    {Method::Get, R"(/children/(\d{1,16})/plan/versions/(\d{1,9}))", web::get_plan_version},
    {Method::Get, R"(/children/(\d{1,16})/plan/day-out)", web::get_plan_day_out},
    {Method::Post, R"(/children/(\d{1,16})/plan/day-out)", web::post_plan_day_out},
    {Method::Get, R"(/children/(\d{1,16})/plan/([a-z]{1,20}))", web::get_plan_pathway},
    {Method::Post, R"(/children/(\d{1,16})/plan/([a-z]{1,20}))", web::post_plan_pathway},
    {Method::Post, R"(/children/(\d{1,16})/interests/([0-9a-f]{32}))", web::post_application},
    {Method::Get, "/security", web::get_security},
    {Method::Get, R"(/security/children/(\d{1,16}))", web::get_security_child},
    {Method::Get, "/settings", web::get_settings},
    {Method::Post, "/settings", web::post_settings},
    {Method::Get, "/board", web::get_board},
    {Method::Get, "/board.csv", web::get_board_csv},
    {Method::Get, "/it", web::get_it},
    {Method::Get, "/it/devices", web::get_it_devices},
    {Method::Get, R"(/it/devices/([0-9a-f]{32})/revoke)", web::get_it_revoke},
    {Method::Post, R"(/it/devices/([0-9a-f]{32})/revoke)", web::post_it_revoke},
    {Method::Get, "/it/enrol-codes", web::get_it_enrol_codes},
    {Method::Post, "/it/enrol-codes", web::post_it_enrol_codes},
    {Method::Get, "/it/roster", web::get_it_roster},
    {Method::Get, R"(/it/children/(\d{1,16}))", web::get_it_child},
    {Method::Post, R"(/it/children/(\d{1,16})/contacts)", web::post_it_contacts},
    {Method::Get, "/it/transfer", web::get_it_transfer},
    {Method::Post, "/it/transfer", web::post_it_transfer},
};

httplib::Server::Handler wrap(const WebOptions& opt, void (*page)(Ctx&)) {
  return [opt, page](const httplib::Request& req, httplib::Response& res) {
    try {
      opt.with_db([&](Db& db) {
        Ctx c{db, req, res, opt.now_ms(), gateway_meta(db, "establishment"), std::nullopt};
        page(c);
      });
    } catch (const std::exception& e) {
      std::fprintf(stderr, "waymark-gateway: web error on %s: %s\n", req.path.c_str(), e.what());
      res.headers.clear();
      // The database not answering (PostgreSQL gone, SQLite busy) is 503, as on /v1: try again soon.
      web::send_html(res, dynamic_cast<const DbError*>(&e) ? 503 : 500,
                     web::page(web::Frame{"Something went wrong", std::nullopt, ""},
                               web::Html("<h1>Something went wrong</h1><p>The gateway could not finish that. Nothing you typed was sent. "
                                         "Go back and try again in a minute.</p>")));
    }
    if (opt.log_requests) std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
  };
}

}  // namespace

std::string web_methods_for(const std::string& path) {
  bool get = path == "/web.css", post = false;
  for (const WebRoute& r : kWebRoutes)
    if (std::regex_match(path, std::regex(r.path))) (r.method == Method::Get ? get : post) = true;
  return std::string(get ? "GET" : "") + (get && post ? ", " : "") + (post ? "POST" : "");
}

void register_web_routes(httplib::Server& srv, WebOptions opt) {
  srv.Get("/web.css", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(web::kWebCss, "text/css; charset=utf-8");
  });
  for (const WebRoute& r : kWebRoutes) {
    if (r.method == Method::Get) srv.Get(r.path, wrap(opt, r.page));
    else srv.Post(r.path, wrap(opt, r.page));
  }
}

}  // namespace waymark::gateway
