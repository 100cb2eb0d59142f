#include "gateway/net/server.h"

#include <httplib.h>
#include <openssl/ssl.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "core/base/clock.h"
#include "core/storage/db.h"
#include "core/sync/sync_proto.h"
#include "gateway/net/v1_routes.h"
#include "gateway/store/database.h"
#include "gateway/web/web.h"

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
  auto with_db = [pool](const std::function<void(Db&)>& fn) {
    auto lease = pool->take();
    fn(*lease.db);
  };
  register_v1_routes(srv, V1Options{opt_.data_dir, opt_.now_ms, with_db, opt_.log_requests});  // gateway/net/v1_routes.cpp
  register_web_routes(srv, WebOptions{opt_.now_ms, with_db, opt_.log_requests});  // the YOT worker's web inbox (gateway/web/)
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
