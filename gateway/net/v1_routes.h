// gateway/net/v1_routes.h: the HTTP face of the device and worker APIs (docs/sync-protocol.md): the one table
// of /v1 routes (method, path, handler) in v1_routes.cpp, each handler reading the request (signed device
// headers, a bearer token, a JSON body) and answering with what gateway/store computes. An ApiError becomes
// a JSON answer with its status and the gateway's time; anything else a plain 503 or 500.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace httplib {
class Server;
struct Response;
}  // namespace httplib

namespace waymark {
class Db;
class GroupCommit;
}

namespace waymark::gateway {

struct V1Options {
  std::string data_dir;                                              // holds DATA/packs/SHA256.pack
  std::function<int64_t()> now_ms;                                   // the gateway's clock (unix ms)
  std::function<void(const std::function<void(Db&)>&)> with_db;      // runs fn with a pooled connection
  bool log_requests = false;                                          // default false
  GroupCommit* uploads = nullptr;  // /v1/up's records commit together (group_commit.h); default each alone
};

// Adds every /v1 route to srv.
void register_v1_routes(httplib::Server& srv, V1Options opt);

// "GET", "POST", "GET, POST" or "" (no /v1 route has that path): the Allow header of a 405.
std::string v1_methods_for(const std::string& path);

// {"error": code, "message": msg} with that status.
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& msg);

}  // namespace waymark::gateway
