// tests/fault/fault_proxy.h: the fault program's load balancer between kiosks and gateway nodes, which can
// also cut answers after the gateway committed (waymark-fault-sync, fault_sync.cpp).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace waymark::testing {

// The load balancer: forwards bytes both ways between a kiosk and a node picked at random for each connection
// (the next one when it does not answer). When `cut_budget` is set, the answer bytes from the gateway on a
// connection are dropped and both sides closed: the gateway has done (and committed) the work, the kiosk
// never hears.
class Proxy {
public:
  explicit Proxy(std::vector<int> upstreams) : upstreams_(std::move(upstreams)) {
    lfd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(lfd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(lfd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t l = sizeof a;
    ::getsockname(lfd_, reinterpret_cast<sockaddr*>(&a), &l);
    port_ = ntohs(a.sin_port);
    ::listen(lfd_, 64);
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~Proxy() {
    stop_ = true;
    ::shutdown(lfd_, SHUT_RDWR);
    ::close(lfd_);
    thread_.join();
    for (auto& t : conns_) t.join();
  }
  int port() const { return port_; }
  std::atomic<int> cut_budget{0};  // the next N answers are cut after the gateway committed
  std::atomic<int> cuts{0};

private:
  void accept_loop() {
    while (!stop_) {
      int c = ::accept(lfd_, nullptr, nullptr);
      if (c < 0) {
        if (stop_) return;
        continue;
      }
      conns_.emplace_back([this, c] { pipe(c); });
    }
  }
  // A connection to a node, starting from a random one; -1 when none answers.
  int connect_upstream() {
    size_t first = 0;
    {
      std::lock_guard lk(pick_mu_);
      first = pick_rng_() % upstreams_.size();
    }
    for (size_t i = 0; i < upstreams_.size(); i++) {
      const int u = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(static_cast<uint16_t>(upstreams_[(first + i) % upstreams_.size()]));
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::connect(u, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) return u;
      ::close(u);
    }
    return -1;
  }
  void pipe(int c) {
    const int u = connect_upstream();
    if (u < 0) {
      ::close(c);
      return;
    }
    // A connection picked for cutting forwards the handshake and the request, then drops every answer byte
    // and closes only once the gateway has been quiet for 100 ms: the gateway answers after it commits, so
    // the work is done and the kiosk never hears of it.
    int budget = cut_budget.load();
    bool cut = false;
    while (budget > 0 && !cut) cut = cut_budget.compare_exchange_weak(budget, budget - 1);
    char buf[16384];
    int client_flights = 0;
    bool dropping = false;
    auto last_drop = std::chrono::steady_clock::now();
    for (;;) {
      pollfd p[2] = {{c, POLLIN, 0}, {u, POLLIN, 0}};
      if (::poll(p, 2, 20) < 0 || stop_) break;
      if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t n = ::read(c, buf, sizeof buf);
        if (n <= 0 || ::write(u, buf, static_cast<size_t>(n)) != n) break;
        client_flights++;
      }
      if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t n = ::read(u, buf, sizeof buf);
        if (n <= 0) break;
        if (cut && client_flights >= 2) {
          if (!dropping) cuts++;
          dropping = true;
          last_drop = std::chrono::steady_clock::now();
          continue;
        }
        if (::write(c, buf, static_cast<size_t>(n)) != n) break;
      }
      if (dropping && std::chrono::steady_clock::now() - last_drop > std::chrono::milliseconds(100)) break;
    }
    ::close(u);
    ::close(c);
  }
  std::vector<int> upstreams_;
  std::mutex pick_mu_;
  std::mt19937 pick_rng_{std::random_device{}()};
  int port_ = 0, lfd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> conns_;
};

}  // namespace waymark::testing
