// tests/web/web_client.h: the web tests' side of the wire: a gateway copied from the seeded web demo and
// served over HTTPS on 127.0.0.1 (Gw), and a browser (Browser: a cookie jar, the last CSRF token, no
// redirects followed) that can connect from any loopback address, so tests can play several networks.
#pragma once

#include <httplib.h>

#include <map>

#include "tests/web/web_fixture.h"

namespace waymark::webtest {

struct Gw {
  std::string dir;
  Seeded seeded;
  std::atomic<int64_t> offset{0};
  int64_t fixed_now = 0;  // when set, the gateway's clock is fixed_now + offset; otherwise the wall clock + offset
  std::unique_ptr<gateway::GatewayServer> srv;
  explicit Gw(int64_t fixed = 0) : fixed_now(fixed) {
    static std::string tmpl;
    static Seeded tmpl_seeded;
    if (tmpl.empty()) {
      tmpl = temp_dir("template");
      waymark::testing::use_test_database(tmpl);
      tmpl_seeded = seed_web_demo(tmpl, wall_ms());
    }
    dir = temp_dir("gw");
    waymark::testing::copy_test_gateway(tmpl, dir);
    seeded = tmpl_seeded;
    gateway::ServerOptions o;
    o.data_dir = dir;
    o.threads = 4;
    o.now_ms = [this] { return now(); };
    srv = std::make_unique<gateway::GatewayServer>(o);
    srv->start();
  }
  ~Gw() {
    srv.reset();
    fs::remove_all(dir);
  }
  int64_t now() const { return (fixed_now ? fixed_now : wall_ms()) + offset.load(); }
  std::unique_ptr<Db> db() const { return gateway::open_gateway(dir); }
  int64_t count(const std::string& sql) const {
    auto d = db();
    Stmt s(*d, sql);
    s.step();
    return s.i64(0);
  }
};

// One browser: a cookie jar, the last CSRF token seen in a page.
struct Browser {
  Gw& gw;
  httplib::SSLClient cli;
  std::map<std::string, std::string> jar;
  // `from`: the local address to connect from (any of 127.0.0.0/8 reaches the gateway on 127.0.0.1).
  explicit Browser(Gw& g, const std::string& from = "") : gw(g), cli("127.0.0.1", g.srv->port()) {
    if (!from.empty()) cli.set_interface(from);
    cli.set_ca_cert_path(gateway::cert_path(g.dir).c_str());
    cli.enable_server_certificate_verification(true);
    cli.set_follow_location(false);
  }
  httplib::Headers headers() const {
    std::string c;
    for (const auto& [k, v] : jar) c += (c.empty() ? "" : "; ") + k + "=" + v;
    return c.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", c}};
  }
  void keep(const httplib::Result& r) {
    if (!r) return;
    for (auto it = r->headers.lower_bound("Set-Cookie"); it != r->headers.upper_bound("Set-Cookie"); ++it) {
      const std::string& v = it->second;
      const auto eq = v.find('='), semi = v.find(';');
      const std::string name = v.substr(0, eq), val = v.substr(eq + 1, semi - eq - 1);
      if (val.empty() || v.find("Max-Age=0") != std::string::npos) jar.erase(name);
      else jar[name] = val;
    }
  }
  httplib::Result get(const std::string& path) {
    auto r = cli.Get(path.c_str(), headers());
    keep(r);
    return r;
  }
  httplib::Result post(const std::string& path, const httplib::Params& form) {
    std::string body;
    for (const auto& [k, v] : form) {
      if (!body.empty()) body.push_back('&');
      body.append(httplib::detail::encode_query_param(k));
      body.push_back('=');
      body.append(httplib::detail::encode_query_param(v));
    }
    auto r = cli.Post(path.c_str(), headers(), body, "application/x-www-form-urlencoded");
    keep(r);
    return r;
  }
  // The first csrf value in a page.
  static std::string csrf_in(const std::string& html) {
    const std::string key = "name=\"csrf\" value=\"";
    const auto p = html.find(key);
    if (p == std::string::npos) return {};
    return html.substr(p + key.size(), html.find('"', p + key.size()) - p - key.size());
  }
  httplib::Result sign_in(const std::string& email, const std::string& pw) {
    auto page = get("/sign-in");
    return post("/sign-in", {{"csrf", csrf_in(page->body)}, {"email", email}, {"password", pw}});
  }
  std::string csrf() { return csrf_in(get("/children")->body); }
};

inline const std::string sam = "sam.taylor@leeds-yot.example";

}  // namespace waymark::webtest
