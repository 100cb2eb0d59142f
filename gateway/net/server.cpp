#include "gateway/net/server.h"

#include <httplib.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <vector>

#include "core/base/clock.h"
#include "core/storage/checkpointer.h"
#include "core/storage/db.h"
#include "core/sync/sync_proto.h"
#include "gateway/net/answer_headers.h"
#include "gateway/net/front_door.h"
#include "gateway/net/ops_routes.h"
#include "gateway/net/tls.h"
#include "gateway/mail/sender.h"
#include "gateway/net/v1_routes.h"
#include "gateway/ops/metrics.h"
#include "gateway/store/database.h"
#include "gateway/web/web.h"

namespace fs = std::filesystem;

namespace waymark::gateway {

std::string key_path(const std::string& dir) { return (fs::path(dir) / "gateway.key").string(); }
std::string cert_path(const std::string& dir) { return (fs::path(dir) / "gateway.crt").string(); }

namespace {

// A few connections shared by the server's threads.
class Pool {
public:
  // `on_open` prepares each new connection (the mail sender's wake-up after commits).
  Pool(std::string dir, std::function<void(Db&)> on_open) : dir_(std::move(dir)), on_open_(std::move(on_open)) {}
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
    auto db = open_gateway(dir_);
    if (on_open_) on_open_(*db);
    return Lease{this, std::move(db)};
  }

private:
  void put(std::unique_ptr<Db> db) {
    std::lock_guard lk(mu_);
    free_.push_back(std::move(db));
  }
  std::string dir_;
  std::function<void(Db&)> on_open_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Db>> free_;
};

}  // namespace

struct GatewayServer::Impl {
  // SQLite's WAL checkpoints, off the request threads (core/storage/checkpointer.h); null on PostgreSQL. Declared
  // before the pool: it outlives every connection attached to it.
  std::unique_ptr<Checkpointer> checkpoints;
  std::unique_ptr<FrontDoor> srv;
  std::unique_ptr<MailSender> mail;  // sends due email in the background (gateway/mail/sender.h)
  std::unique_ptr<Pool> pool;
  // How many requests may run their handler (and hold a database connection) at once: ServerOptions::threads.
  std::unique_ptr<std::counting_semaphore<>> handlers;
};

namespace {
thread_local std::optional<std::chrono::steady_clock::time_point> request_started;

// One answered request in the node's counters. An answer cpp-httplib wrote before routing (a malformed
// request line) has no start time and counts with no duration.
void count_answer(const httplib::Request& req, const httplib::Response& res) {
  double seconds = 0;
  if (request_started) {
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - *request_started).count();
    request_started.reset();
  }
  const std::string_view route = route_name(req.path);
  node_metrics().request(route, res.status, seconds);
  if (route == "down" && res.status == 200) node_metrics().sync_round();
}

// Every refusal is JSON with a plain reason; a path that exists under another method is a 405 saying which.
void error_answer(const httplib::Request& req, httplib::Response& res) {
  if (res.status == 404 && res.body.empty()) {  // cpp-httplib's own: no route for this method and path
    std::string allow = v1_methods_for(req.path);
    const std::string web = web_methods_for(req.path);
    if (!web.empty()) allow += (allow.empty() ? "" : ", ") + web;
    if (!allow.empty()) {
      res.body.clear();
      res.set_header("Allow", allow);
      node_metrics().refusal("bad_method");
      send_error(res, 405, "bad_method", "That address does not take " + req.method + " requests.");
      return;
    }
  }
  if (!res.body.empty()) return;
  node_metrics().refusal(res.status == 413 ? "too_large" : res.status == 404 ? "not_found" : "bad_request");
  if (res.status == 413) send_error(res, 413, "too_large", "The request is too large.");
  else if (res.status == 404) send_error(res, 404, "not_found", "There is nothing here.");
  else send_error(res, res.status, "bad_request", "The gateway cannot use that request.");
}
}  // namespace

GatewayServer::GatewayServer(ServerOptions opt) : impl_(std::make_unique<Impl>()), opt_(std::move(opt)) {
  if (!opt_.now_ms) opt_.now_ms = wall_now_ms;
}

GatewayServer::~GatewayServer() { stop(); }

void GatewayServer::start() {
  {
    auto db = open_gateway(opt_.data_dir);  // refuses a folder that was never initialised
    if (!gateway_initialised(*db)) throw std::runtime_error("the gateway in " + opt_.data_dir + " is not initialised");
    if (!db->backend()) impl_->checkpoints = std::make_unique<Checkpointer>(db->path());
  }
  if (!fs::exists(key_path(opt_.data_dir)) || !fs::exists(cert_path(opt_.data_dir)))
    throw std::runtime_error("the gateway's key or certificate is missing from " + opt_.data_dir + "; run init again");
  impl_->mail = std::make_unique<MailSender>(opt_.data_dir, opt_.now_ms);
  MailSender* mail = impl_->mail.get();
  Checkpointer* checkpoints = impl_->checkpoints.get();
  impl_->pool = std::make_unique<Pool>(opt_.data_dir, [mail, checkpoints](Db& db) {
    db.set_commit_listener([mail] { mail->wake(); });
    if (checkpoints) checkpoints->attach(db);
  });
  impl_->handlers = std::make_unique<std::counting_semaphore<>>(std::max(1, opt_.threads));
  FrontDoorLimits limits;
  limits.per_address = std::max(1, opt_.per_address);
  limits.total = std::max(limits.per_address, opt_.total_connections);
  impl_->srv = std::make_unique<FrontDoor>(limits, make_server_tls(cert_path(opt_.data_dir), key_path(opt_.data_dir)));
  auto& srv = *impl_->srv;
  srv.set_payload_max_length(sync::kMaxRequestBytes);
  srv.set_keep_alive_max_count(static_cast<size_t>(limits.requests_per_connection));
  srv.set_keep_alive_timeout(limits.keep_alive_idle_ms / 1000);  // only what the Keep-Alive header says

  Pool* pool = impl_->pool.get();
  std::counting_semaphore<>* handlers = impl_->handlers.get();
  auto with_db = [pool, handlers](const std::function<void(Db&)>& fn) {
    handlers->acquire();
    struct Release {
      std::counting_semaphore<>* s;
      ~Release() { s->release(); }
    } release{handlers};
    auto lease = pool->take();
    fn(*lease.db);
  };
  register_v1_routes(srv, V1Options{opt_.data_dir, opt_.now_ms, with_db, opt_.log_requests});  // gateway/net/v1_routes.cpp
  register_web_routes(srv, WebOptions{opt_.now_ms, with_db, opt_.log_requests});  // the YOT worker's web inbox (gateway/web/)
  std::vector<AddressRange> ops_allow = loopback_ranges();
  if (!opt_.ops_allow.empty()) {
    ops_allow.clear();
    for (const std::string& cidr : opt_.ops_allow) ops_allow.push_back(AddressRange::parse(cidr));
  }
  register_ops_routes(srv, OpsOptions{std::move(ops_allow), opt_.now_ms, with_db});  // /healthz, /metrics
  srv.set_error_handler(error_answer);
  // Each request runs start to finish on one of the server's threads: its start time is kept there.
  srv.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  srv.set_post_routing_handler([now = opt_.now_ms](const httplib::Request& req, httplib::Response& res) {
    set_answer_headers(req, res, now());
    count_answer(req, res);
  });

  port_ = srv.bind_and_listen(opt_.host, opt_.port);
  thread_ = std::thread([this] { impl_->srv->serve(); });
  impl_->mail->start();
}

void GatewayServer::run() {
  if (thread_.joinable()) thread_.join();
}

void GatewayServer::stop() {
  if (impl_ && impl_->srv) impl_->srv->stop();  // serve() then closes every connection before it returns
  if (thread_.joinable()) thread_.join();
  if (impl_ && impl_->mail) impl_->mail->stop();
}

}  // namespace waymark::gateway
