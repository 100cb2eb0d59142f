// gateway/net/server.h: the gateway's HTTPS server: its own accept loop and TLS connections with per-address
// caps and a deadline for each request head (front_door.h), cpp-httplib's parsing and routing, the modern
// cipher list (tls.h), and the same security headers and Date on every answer (answer_headers.h).
// Runs in-process (tests, benchmark) or from `waymark-gateway serve`. A handler takes a database connection
// from a small pool. Writers take turns (SQLite: core/storage/writer_gate.h; PostgreSQL: one advisory lock),
// devices' uploads that arrive together share one commit (core/storage/group_commit.h), and SQLite's WAL is
// checkpointed on a thread of its own (core/storage/checkpointer.h). A mail sender thread
// (gateway/mail/sender.h) runs beside it, woken by the pool's connections after any commit that queued a notice
// or an email.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace waymark::gateway {

struct ServerOptions {
  std::string data_dir;             // holds gateway.db, gateway.key, gateway.crt
  std::string host = "127.0.0.1";   // default loopback
  int port = 0;                     // default 0: any free port (see GatewayServer::port())
  int threads = 16;                  // default 16 requests running their handlers at once (the rest wait)
  int per_address = 32;             // default 32 open connections from one address (front_door.h)
  int total_connections = 512;      // default 512 open connections in all
  bool log_requests = false;        // default false: one line per request to stderr
  // Networks (CIDR) that may ask /healthz and /metrics (gateway/net/ops_routes.h). Default: loopback only.
  std::vector<std::string> ops_allow;
  // Test hook: the time the gateway believes it is (unix ms). Default: the system clock.
  std::function<int64_t()> now_ms;
};

class GatewayServer {
public:
  explicit GatewayServer(ServerOptions opt);
  ~GatewayServer();
  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  // Binds and starts serving on a background thread. Throws std::runtime_error with plain words.
  void start();
  // Serves on the calling thread until stop() (or a signal handler calling stop()).
  void run();
  void stop();
  int port() const { return port_; }

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ServerOptions opt_;
  int port_ = 0;
  std::thread thread_;
};

std::string key_path(const std::string& dir);
std::string cert_path(const std::string& dir);

}  // namespace waymark::gateway
