#include "gateway/net/v1_routes.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"
#include "gateway/ops/metrics.h"
#include "gateway/store/checks.h"
#include "gateway/store/device_api.h"
#include "gateway/store/packs.h"
#include "gateway/store/worker_api.h"

namespace fs = std::filesystem;

namespace waymark::gateway {

using nlohmann::json;

namespace {

void send_json(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_content(j.dump(), "application/json");
}

// One request to a /v1 route.
struct Call {
  Db& db;
  const httplib::Request& req;
  httplib::Response& res;
  int64_t now;
  const std::string& data_dir;
  GroupCommit* uploads;
};

// ================================================================= what a request carries
json json_body(const Call& c) {
  const std::string ct = c.req.get_header_value("Content-Type");
  if (ct.rfind("application/json", 0) != 0) throw ApiError(415, "bad_type", "Send JSON (Content-Type: application/json).");
  return parse_object(c.req.body);
}

Device signed_device(const Call& c, bool allow_revoked = false) {
  return authenticate(c.db, c.req.get_header_value("X-Waymark-Device"), c.req.get_header_value("X-Waymark-Time"),
                      c.req.get_header_value("X-Waymark-Signature"), c.req.method, c.req.path, c.req.body, c.now,
                      allow_revoked);
}

int64_t bearer_worker(const Call& c) {
  const std::string h = c.req.get_header_value("Authorization");
  if (h.rfind("Bearer ", 0) != 0) throw ApiError(401, "bad_token", "Please sign in.");
  return worker_from_token(c.db, h.substr(7), c.now);
}

// ================================================================= handlers
// An unsigned JSON request (enrolment, a worker signing in): throttled by the caller's address.
template <json (*api)(Db&, const json&, const std::string&, int64_t)>
void plain_json(Call& c) {
  send_json(c.res, 200, api(c.db, json_body(c), c.req.remote_addr, c.now));
}

// A device's signed JSON request: the signature is checked before the body is read.
template <json (*api)(Db&, const Device&, const json&, int64_t), bool allow_revoked = false>
void signed_json(Call& c) {
  const Device d = signed_device(c, allow_revoked);
  send_json(c.res, 200, api(c.db, d, json_body(c), c.now));
}

// A device's records: stored with other devices' uploads arriving at the same moment, in one commit.
void post_up(Call& c) {
  const Device d = signed_device(c);
  send_json(c.res, 200, api_up(c.db, d, json_body(c), c.now, c.uploads));
}

// A signed-in worker's JSON request: the bearer token is checked before the body is read.
template <json (*api)(Db&, int64_t, const json&, int64_t)>
void worker_json(Call& c) {
  const int64_t w = bearer_worker(c);
  send_json(c.res, 200, api(c.db, w, json_body(c), c.now));
}

void get_worker_inbox(Call& c) { send_json(c.res, 200, api_worker_inbox(c.db, bearer_worker(c), c.now)); }
void post_worker_sign_out(Call& c) {
  bearer_worker(c);
  send_json(c.res, 200, api_worker_sign_out(c.db, c.req.get_header_value("Authorization").substr(7), c.now));
}

// A published content pack, whole (200) or one range (206). httplib would cut every answer (refusals too)
// to a Range header itself; the ranges are answered here instead, so they are cleared first.
void get_pack(Call& c) {
  const_cast<httplib::Request&>(c.req).ranges.clear();  // the server's own object; see above
  signed_device(c);  // any enrolled, unrevoked device may fetch any published pack
  const std::string sha = c.req.matches[1];
  const auto p = find_pack(c.db, sha);
  if (!p) throw ApiError(404, "unknown_pack", "The gateway has no pack with that fingerprint.");
  const std::string file = pack_store_path(c.data_dir, sha);
  std::error_code ec;
  const auto on_disk = fs::file_size(file, ec);
  if (ec || static_cast<int64_t>(on_disk) != p->size)
    throw std::runtime_error("the stored pack " + file + " is missing or not the size recorded");
  int64_t first = 0, last = p->size - 1;
  c.res.set_header("Accept-Ranges", "bytes");
  if (c.req.has_header("Range")) {
    if (!parse_byte_range(c.req.get_header_value("Range"), p->size, first, last)) {
      c.res.set_header("Content-Range", "bytes */" + std::to_string(p->size));
      send_json(c.res, 416, json{{"error", "bad_range"},
                                 {"message", "Ask for one range, bytes=FIRST- or bytes=FIRST-LAST, inside the pack."}});
      return;
    }
    c.res.status = 206;
    c.res.set_header("Content-Range",
                     "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(p->size));
  } else {
    c.res.status = 200;
  }
  auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
  if (!*in) throw std::runtime_error("cannot open " + file);
  const auto start = static_cast<std::streamoff>(first);
  c.res.set_content_provider(static_cast<size_t>(last - first + 1), "application/octet-stream",
                             [in, start](size_t off, size_t len, httplib::DataSink& sink) {
                               std::vector<char> buf(std::min<size_t>(len, 64 * 1024));
                               in->clear();
                               in->seekg(start + static_cast<std::streamoff>(off));
                               in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
                               const auto n = in->gcount();
                               if (n <= 0) return false;
                               return sink.write(buf.data(), static_cast<size_t>(n));
                             });
}

// ================================================================= the table
enum class Method { Get, Post };

struct V1Route {
  Method method;
  const char* path;  // a cpp-httplib regular expression, matched whole
  void (*handler)(Call&);
};

const V1Route kV1Routes[] = {
    {Method::Post, "/v1/enrol", plain_json<api_enrol>},
    {Method::Post, "/v1/up", post_up},
    {Method::Post, "/v1/down", signed_json<api_down>},
    {Method::Get, R"(/v1/packs/([0-9a-f]{64}))", get_pack},
    {Method::Post, "/v1/worker/session", plain_json<api_worker_session>},
    {Method::Post, "/v1/worker/sign-out", post_worker_sign_out},
    {Method::Get, "/v1/worker/inbox", get_worker_inbox},
    {Method::Post, "/v1/worker/read", worker_json<api_worker_read>},
    {Method::Post, "/v1/worker/send", worker_json<api_worker_send>},
    // The device's standing: the doctor's side-effect-free probe, and decommission revoking its own key (a
    // revoked device asking again gets the same answer).
    {Method::Post, "/v1/hello", signed_json<api_hello>},
    {Method::Post, "/v1/leave", signed_json<api_leave, /*allow_revoked=*/true>},
};

// Runs a handler with a pooled connection, turning refusals into JSON answers.
httplib::Server::Handler guarded(const V1Options& opt, void (*handler)(Call&)) {
  return [opt, handler](const httplib::Request& req, httplib::Response& res) {
    try {
      opt.with_db([&](Db& db) {
        Call c{db, req, res, opt.now_ms(), opt.data_dir, opt.uploads};
        handler(c);
      });
    } catch (const ApiError& e) {
      node_metrics().refusal(e.code);
      // time_ms lets a device with a wrong clock sign its retry with the gateway's time.
      send_json(res, e.status, json{{"error", e.code}, {"message", e.what()}, {"time_ms", opt.now_ms()}});
    } catch (const DbError& e) {
      node_metrics().refusal("busy");
      std::fprintf(stderr, "waymark-gateway: database error on %s: %s\n", req.path.c_str(), e.what());
      send_error(res, 503, "busy", "The gateway could not finish that. Try again soon.");
    } catch (const std::exception& e) {
      node_metrics().refusal("internal");
      std::fprintf(stderr, "waymark-gateway: error on %s: %s\n", req.path.c_str(), e.what());
      send_error(res, 500, "internal", "The gateway could not finish that.");
    }
    if (opt.log_requests) std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
  };
}

}  // namespace

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& msg) {
  send_json(res, status, json{{"error", code}, {"message", msg}});
}

std::string v1_methods_for(const std::string& path) {
  bool get = false, post = false;
  for (const V1Route& r : kV1Routes)
    if (std::regex_match(path, std::regex(r.path))) (r.method == Method::Get ? get : post) = true;
  return std::string(get ? "GET" : "") + (get && post ? ", " : "") + (post ? "POST" : "");
}

void register_v1_routes(httplib::Server& srv, V1Options opt) {
  for (const V1Route& r : kV1Routes) {
    if (r.method == Method::Get) srv.Get(r.path, guarded(opt, r.handler));
    else srv.Post(r.path, guarded(opt, r.handler));
  }
}

}  // namespace waymark::gateway
