#include "gateway/server.h"
#include "core/base/clock.h"

#include <httplib.h>
#include <openssl/ssl.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <vector>

#include "core/storage/db.h"
#include "core/sync/sync_proto.h"
#include "gateway/packs.h"
#include "gateway/store.h"
#include "gateway/web.h"

namespace fs = std::filesystem;

namespace waymark::gateway {

std::string key_path(const std::string& dir) { return (fs::path(dir) / "gateway.key").string(); }
std::string cert_path(const std::string& dir) { return (fs::path(dir) / "gateway.crt").string(); }

namespace {
int64_t system_ms() { return wall_now_ms(); }

// A few connections shared by the server's threads.
class Pool {
public:
  explicit Pool(std::string dir) : dir_(std::move(dir)) {}
  struct Lease {
    Pool* pool;
    std::unique_ptr<Db> db;
    ~Lease() {
      if (db) pool->put(std::move(db));
    }
  };
  Lease take() {
    {
      std::lock_guard lk(mu_);
      if (!free_.empty()) {
        auto db = std::move(free_.back());
        free_.pop_back();
        return Lease{this, std::move(db)};
      }
    }
    return Lease{this, open_gateway(dir_)};
  }

private:
  void put(std::unique_ptr<Db> db) {
    std::lock_guard lk(mu_);
    free_.push_back(std::move(db));
  }
  std::string dir_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Db>> free_;
};

void send_json(httplib::Response& res, int status, const json& j) {
  res.status = status;
  res.set_content(j.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& msg) {
  send_json(res, status, json{{"error", code}, {"message", msg}});
}
}  // namespace

struct GatewayServer::Impl {
  std::unique_ptr<httplib::SSLServer> srv;
  std::unique_ptr<Pool> pool;
};

GatewayServer::GatewayServer(ServerOptions opt) : impl_(std::make_unique<Impl>()), opt_(std::move(opt)) {
  if (!opt_.now_ms) opt_.now_ms = system_ms;
}

GatewayServer::~GatewayServer() { stop(); }

void GatewayServer::start() {
  {
    auto db = open_gateway(opt_.data_dir);  // refuses a folder that was never initialised
    if (!gateway_initialised(*db)) throw std::runtime_error("the gateway in " + opt_.data_dir + " is not initialised");
  }
  if (!fs::exists(key_path(opt_.data_dir)) || !fs::exists(cert_path(opt_.data_dir)))
    throw std::runtime_error("the gateway's key or certificate is missing from " + opt_.data_dir + "; run init again");
  impl_->pool = std::make_unique<Pool>(opt_.data_dir);
  impl_->srv = std::make_unique<httplib::SSLServer>(cert_path(opt_.data_dir).c_str(), key_path(opt_.data_dir).c_str());
  auto& srv = *impl_->srv;
  if (!srv.is_valid()) throw std::runtime_error("the gateway's key or certificate in " + opt_.data_dir + " cannot be loaded");
  SSL_CTX_set_min_proto_version(srv.ssl_context(), TLS1_2_VERSION);
  const int threads = opt_.threads;
  srv.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  srv.set_payload_max_length(sync::kMaxRequestBytes);
  srv.set_read_timeout(10, 0);
  srv.set_write_timeout(10, 0);
  srv.set_keep_alive_max_count(100);
  srv.set_keep_alive_timeout(5);
  srv.set_tcp_nodelay(true);  // small JSON answers: no Nagle + delayed-ACK stalls

  Pool* pool = impl_->pool.get();
  auto now = opt_.now_ms;
  const bool log = opt_.log_requests;

  // Runs a handler with a pooled connection, turning refusals into JSON answers.
  auto guarded = [pool, now, log](auto fn) {
    return [pool, now, log, fn](const httplib::Request& req, httplib::Response& res) {
      try {
        auto lease = pool->take();
        fn(*lease.db, req, res, now());
      } catch (const ApiError& e) {
        // time_ms lets a device with a wrong clock sign its retry with the gateway's time.
        send_json(res, e.status, json{{"error", e.code}, {"message", e.what()}, {"time_ms", now()}});
      } catch (const DbError& e) {
        std::fprintf(stderr, "waymark-gateway: database error on %s: %s\n", req.path.c_str(), e.what());
        send_error(res, 503, "busy", "The gateway could not finish that. Try again soon.");
      } catch (const std::exception& e) {
        std::fprintf(stderr, "waymark-gateway: error on %s: %s\n", req.path.c_str(), e.what());
        send_error(res, 500, "internal", "The gateway could not finish that.");
      }
      if (log) std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    };
  };
  auto need_json = [](const httplib::Request& req) {
    const std::string ct = req.get_header_value("Content-Type");
    if (ct.rfind("application/json", 0) != 0) throw ApiError(415, "bad_type", "Send JSON (Content-Type: application/json).");
    return parse_object(req.body);
  };
  auto device = [](Db& db, const httplib::Request& req, int64_t t) {
    return authenticate(db, req.get_header_value("X-Waymark-Device"), req.get_header_value("X-Waymark-Time"),
                        req.get_header_value("X-Waymark-Signature"), req.method, req.path, req.body, t);
  };
  auto bearer = [](Db& db, const httplib::Request& req, int64_t t) {
    const std::string h = req.get_header_value("Authorization");
    if (h.rfind("Bearer ", 0) != 0) throw ApiError(401, "bad_token", "Please sign in.");
    return worker_from_token(db, h.substr(7), t);
  };

  srv.Post("/v1/enrol", guarded([need_json](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             send_json(res, 200, api_enrol(db, need_json(req), t));
           }));
  srv.Post("/v1/up", guarded([need_json, device](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             const Device d = device(db, req, t);
             send_json(res, 200, api_up(db, d, need_json(req), t));
           }));
  srv.Post("/v1/down", guarded([need_json, device](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             const Device d = device(db, req, t);
             send_json(res, 200, api_down(db, d, need_json(req), t));
           }));
  // A published content pack, whole (200) or one range (206). httplib would cut every answer (refusals too)
  // to a Range header itself; the ranges are answered here instead, so they are cleared first.
  const std::string data_dir = opt_.data_dir;
  srv.Get(R"(/v1/packs/([0-9a-f]{64}))",
          guarded([device, data_dir](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
            const_cast<httplib::Request&>(req).ranges.clear();  // the server's own object; see above
            device(db, req, t);  // any enrolled, unrevoked device may fetch any published pack
            const std::string sha = req.matches[1];
            const auto p = find_pack(db, sha);
            if (!p) throw ApiError(404, "unknown_pack", "The gateway has no pack with that fingerprint.");
            const std::string file = pack_store_path(data_dir, sha);
            std::error_code ec;
            const auto on_disk = fs::file_size(file, ec);
            if (ec || static_cast<int64_t>(on_disk) != p->size)
              throw std::runtime_error("the stored pack " + file + " is missing or not the size recorded");
            int64_t first = 0, last = p->size - 1;
            res.set_header("Accept-Ranges", "bytes");
            if (req.has_header("Range")) {
              if (!parse_byte_range(req.get_header_value("Range"), p->size, first, last)) {
                res.set_header("Content-Range", "bytes */" + std::to_string(p->size));
                send_json(res, 416, json{{"error", "bad_range"},
                                         {"message", "Ask for one range, bytes=FIRST- or bytes=FIRST-LAST, inside the pack."}});
                return;
              }
              res.status = 206;
              res.set_header("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" +
                                                  std::to_string(p->size));
            } else {
              res.status = 200;
            }
            auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
            if (!*in) throw std::runtime_error("cannot open " + file);
            const auto start = static_cast<std::streamoff>(first);
            res.set_content_provider(static_cast<size_t>(last - first + 1), "application/octet-stream",
                                     [in, start](size_t off, size_t len, httplib::DataSink& sink) {
                                       std::vector<char> buf(std::min<size_t>(len, 64 * 1024));
                                       in->clear();
                                       in->seekg(start + static_cast<std::streamoff>(off));
                                       in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
                                       const auto n = in->gcount();
                                       if (n <= 0) return false;
                                       return sink.write(buf.data(), static_cast<size_t>(n));
                                     });
          }));
  srv.Post("/v1/worker/session", guarded([need_json](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             send_json(res, 200, api_worker_session(db, need_json(req), t));
           }));
  srv.Get("/v1/worker/inbox", guarded([bearer](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
            send_json(res, 200, api_worker_inbox(db, bearer(db, req, t), t));
          }));
  srv.Post("/v1/worker/read", guarded([need_json, bearer](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             const int64_t w = bearer(db, req, t);
             send_json(res, 200, api_worker_read(db, w, need_json(req), t));
           }));
  srv.Post("/v1/worker/send", guarded([need_json, bearer](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             const int64_t w = bearer(db, req, t);
             send_json(res, 200, api_worker_send(db, w, need_json(req), t));
           }));
  // The device's standing: the doctor's side-effect-free probe, and decommission revoking its own key.
  srv.Post("/v1/hello", guarded([need_json, device](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             const Device d = device(db, req, t);
             send_json(res, 200, api_hello(db, d, need_json(req), t));
           }));
  srv.Post("/v1/leave", guarded([need_json](Db& db, const httplib::Request& req, httplib::Response& res, int64_t t) {
             const Device d = authenticate(db, req.get_header_value("X-Waymark-Device"), req.get_header_value("X-Waymark-Time"),
                                           req.get_header_value("X-Waymark-Signature"), req.method, req.path, req.body, t,
                                           /*allow_revoked=*/true);
             send_json(res, 200, api_leave(db, d, need_json(req), t));
           }));
  register_web_routes(srv, WebOptions{now, [pool](const std::function<void(Db&)>& fn) {
                                         auto lease = pool->take();
                                         fn(*lease.db);
                                       }, log});  // the YOT worker's web inbox (gateway/web.cpp)
  srv.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) send_error(res, 413, "too_large", "The request is too large.");
    else if (res.status == 404) send_error(res, 404, "not_found", "There is nothing here.");
    else send_error(res, res.status, "bad_request", "The gateway cannot use that request.");
  });

  if (opt_.port == 0) {
    port_ = srv.bind_to_any_port(opt_.host);
  } else {
    port_ = srv.bind_to_port(opt_.host, opt_.port) ? opt_.port : -1;
  }
  if (port_ <= 0) throw std::runtime_error("cannot listen on " + opt_.host + ":" + std::to_string(opt_.port));
  thread_ = std::thread([this] { impl_->srv->listen_after_bind(); });
  // stop() before the accept loop runs would be lost: return only once it is serving.
  while (!impl_->srv->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void GatewayServer::run() {
  if (thread_.joinable()) thread_.join();
}

void GatewayServer::stop() {
  if (impl_ && impl_->srv) impl_->srv->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace waymark::gateway
