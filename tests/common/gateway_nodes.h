// tests/common/gateway_nodes.h: `waymark-gateway serve` processes for the fault program and bench_sync, so
// they can be killed (SIGKILL) and restarted, run two at once on one store, and have their CPU time read
// apart from the program driving them. Loopback only; free ports from the kernel.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace waymark::testing {

int free_port();           // a loopback port nothing listens on now
bool port_open(int port);  // something accepts connections on 127.0.0.1:port

// Starts args[0] with args (stdout and stderr to /dev/null); the child's pid.
pid_t spawn(const std::vector<std::string>& args);
// SIGKILL and reap; pid becomes -1. Nothing if pid <= 0.
void kill_wait(pid_t& pid);

// One gateway node: `serve --data DIR --listen 127.0.0.1:PORT [--db URL] [extra]` on a port of its own
// that stays the same across restarts (as a load balancer's target does).
class GatewayNode {
public:
  // extra: more `serve` options (--per-address N).
  GatewayNode(std::string bin, std::string data_dir, std::string db_url = {}, std::vector<std::string> extra = {});
  ~GatewayNode() { kill(); }
  GatewayNode(const GatewayNode&) = delete;
  GatewayNode& operator=(const GatewayNode&) = delete;
  // Starts the process and waits (at most 5 s) until it accepts connections; false if it did not.
  bool start();
  void kill() { kill_wait(pid_); }
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  // The process's CPU time so far (user + system), in seconds; 0 when not running.
  double cpu_seconds() const;

private:
  std::string bin_, dir_, db_;
  std::vector<std::string> extra_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace waymark::testing
