// gateway/net/front_door.cpp: see front_door.h. Sections: deadlines and waiting, the TLS stream, the accept
// loop with its caps, one connection's life.
#include "gateway/net/front_door.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace waymark::gateway {

namespace {

using Clock = std::chrono::steady_clock;

// ================================================================= deadlines and waiting
// Waits until fd is ready for `events` or the deadline passes; false on the deadline or an error.
bool wait_until(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

Clock::time_point after_ms(int ms) { return Clock::now() + std::chrono::milliseconds(ms); }

// Runs one non-blocking OpenSSL call until it completes or the deadline passes: > 0 what it returned,
// 0 the peer closed cleanly, -1 an error or the deadline.
template <typename Op>
int ssl_io(SSL* ssl, int fd, Clock::time_point deadline, Op op) {
  for (;;) {
    const int n = op();
    if (n > 0) return n;
    switch (SSL_get_error(ssl, n)) {
      case SSL_ERROR_WANT_READ:
        if (!wait_until(fd, POLLIN, deadline)) return -1;
        break;
      case SSL_ERROR_WANT_WRITE:
        if (!wait_until(fd, POLLOUT, deadline)) return -1;
        break;
      case SSL_ERROR_ZERO_RETURN:
        return 0;
      default:
        return -1;
    }
  }
}

// ================================================================= the TLS stream
// What cpp-httplib reads a request from and writes the answer to. Until the blank line that ends the head,
// reads count against the head's deadline and size cap; after it, against the body's deadline.
// Writes are gathered and sent as one TLS record per answer (up to kGather bytes): cpp-httplib writes the
// head and the body separately, and two small records on a connection cost the peer a second packet and, had
// Nagle's algorithm been on, a 40 ms wait for the delayed ACK of the first. What is gathered goes out before
// any read (a "100 Continue" must reach the client before its body is awaited) and after each request.
class TlsStream final : public httplib::Stream {
public:
  // `wake` is called when an idle kept-alive connection's next request begins; false: the connection was
  // closed as idle meanwhile (to make room under a cap) and the request is not read.
  TlsStream(SSL* ssl, int fd, std::string ip, int port, const FrontDoorLimits& lim, std::function<bool()> wake)
      : ssl_(ssl), fd_(fd), ip_(std::move(ip)), port_(port), lim_(lim), wake_(std::move(wake)) {}

  // The first request: its head, and the handshake before it, must be in by `head_deadline`.
  void first_request(Clock::time_point head_deadline) {
    next_head();
    deadline_ = head_deadline;
  }
  // A later request on a kept-alive connection: idle until its first byte (at most keep_alive_idle_ms), then
  // its head within head_deadline_ms of that byte.
  void next_request() {
    next_head();
    idle_ = true;
    deadline_ = after_ms(lim_.keep_alive_idle_ms);
  }

  bool is_readable() const override {
    if (!flush()) return false;
    return SSL_pending(ssl_) > 0 || wait_until(fd_, POLLIN, deadline_);
  }
  bool is_writable() const override { return wait_until(fd_, POLLOUT, after_ms(lim_.write_timeout_ms)); }

  ssize_t read(char* ptr, size_t size) override {
    if (size == 0) return 0;
    if (!flush()) return -1;
    if (in_head_) {
      if (head_bytes_ >= lim_.max_head_bytes) return -1;  // cpp-httplib then answers 400 (or 414)
      size = std::min(size, lim_.max_head_bytes - head_bytes_);
    }
    const int want = static_cast<int>(std::min<size_t>(size, 1 << 20));
    const int n = ssl_io(ssl_, fd_, deadline_, [&] { return SSL_read(ssl_, ptr, want); });
    if (n > 0 && idle_) {
      idle_ = false;
      if (!wake_()) return -1;
      deadline_ = after_ms(lim_.head_deadline_ms);
    }
    if (n > 0 && in_head_) see_head_bytes(ptr, static_cast<size_t>(n));
    return n;
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (size == 0) return 0;
    if (gathered_.size() + size <= kGather) {
      gathered_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    if (!flush()) return -1;
    if (size < kGather) {
      gathered_.assign(ptr, size);
      return static_cast<ssize_t>(size);
    }
    return send_some(ptr, size);  // a large piece (a pack's) goes as it is
  }

  // Sends what write() gathered; false if the connection failed or the write deadline passed.
  bool flush() const {
    size_t done = 0;
    while (done < gathered_.size()) {
      const ssize_t n = send_some(gathered_.data() + done, gathered_.size() - done);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    gathered_.clear();
    return true;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = ip_;
    port = port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    port = -1;
    ip.clear();
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) return;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    if (::getnameinfo(reinterpret_cast<sockaddr*>(&a), len, host, sizeof host, serv, sizeof serv,
                      NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      ip = host;
      port = std::atoi(serv);
    }
  }
  socket_t socket() const override { return fd_; }

private:
  static constexpr size_t kGather = 16 * 1024;  // one TLS record's payload at most

  ssize_t send_some(const char* ptr, size_t size) const {
    const int len = static_cast<int>(std::min<size_t>(size, 1 << 20));
    return ssl_io(ssl_, fd_, after_ms(lim_.write_timeout_ms), [&] { return SSL_write(ssl_, ptr, len); });
  }
  void next_head() {
    in_head_ = true;
    head_bytes_ = 0;
    tail_ = 0;
  }
  // Watches for the "\r\n\r\n" that ends the head; from there the body's deadline applies.
  void see_head_bytes(const char* p, size_t n) {
    static constexpr char kEnd[] = "\r\n\r\n";
    for (size_t i = 0; i < n && in_head_; i++) {
      tail_ = (p[i] == kEnd[tail_]) ? tail_ + 1 : (p[i] == '\r' ? 1 : 0);
      head_bytes_++;
      if (tail_ == 4) {
        in_head_ = false;
        deadline_ = after_ms(lim_.body_deadline_ms);
      }
    }
  }

  SSL* ssl_;
  int fd_;
  std::string ip_;
  int port_;
  const FrontDoorLimits& lim_;
  std::function<bool()> wake_;
  bool idle_ = false;  // a kept-alive connection waiting for its next request's first byte
  bool in_head_ = true;
  size_t head_bytes_ = 0;
  size_t tail_ = 0;  // how much of "\r\n\r\n" the last bytes read match
  Clock::time_point deadline_{};
  // Not yet sent (see the class comment). Mutable: cpp-httplib's is_readable() is const, and must send it too.
  mutable std::string gathered_;
};

// "192.0.2.1" for both an IPv4 peer and the same peer seen through an IPv6 socket (::ffff:192.0.2.1).
std::string peer_key(const sockaddr_storage& a, socklen_t len, int& port) {
  char host[NI_MAXHOST], serv[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&a), len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return "?";
  port = std::atoi(serv);
  std::string h = host;
  if (h.rfind("::ffff:", 0) == 0 && h.find('.') != std::string::npos) h = h.substr(7);
  return h;
}

}  // namespace

// ================================================================= the accept loop with its caps
// What the accept loop and every connection's thread share.
struct FrontDoor::Shared {
  // An open connection. One closed as idle to make room no longer counts against the caps, though its thread
  // may not have finished with it yet.
  struct Conn {
    std::string ip;
    bool idle = false;     // a kept-alive connection waiting for its next request
    bool evicted = false;  // closed as idle to make room
    Clock::time_point idle_since{};
  };
  FrontDoorLimits lim;
  SSL_CTX* ctx = nullptr;
  int listen_fd = -1;
  int wake_fd = -1;  // an eventfd: stop() writes to it to end the accept loop
  std::mutex mu;
  std::condition_variable idle;  // signalled when the last connection closes
  std::map<std::string, int> per_address;  // connections counted against each address's cap
  int counted = 0;                         // connections counted against the total cap
  std::map<int, Conn> open;  // by socket: every open connection, so stop() can shut them down
  bool stopping = false;

  ~Shared() {
    if (listen_fd >= 0) ::close(listen_fd);
    if (wake_fd >= 0) ::close(wake_fd);
    SSL_CTX_free(ctx);
  }
  // Counts a new connection in, closing the longest-idle kept-alive connection to make room under a cap;
  // false: over a cap with nothing idle to close.
  bool admit(int fd, const std::string& ip) {
    std::lock_guard lk(mu);
    if (stopping) return false;
    if (count_of(ip) >= lim.per_address && !evict_idle(&ip)) return false;
    if (counted >= lim.total && !evict_idle(nullptr)) return false;
    per_address[ip]++;
    counted++;
    open[fd] = Conn{ip};
    return true;
  }
  void release(int fd) {
    std::lock_guard lk(mu);
    const auto it = open.find(fd);
    if (!it->second.evicted) uncount(it->second.ip);
    open.erase(it);
    ::close(fd);  // under the lock: stop() never shuts down a number that was reused
    if (open.empty()) idle.notify_all();
  }
  // A kept-alive connection now waits for its next request.
  void set_idle(int fd) {
    std::lock_guard lk(mu);
    Conn& c = open.at(fd);
    c.idle = true;
    c.idle_since = Clock::now();
  }
  // Its next request began; false if it was closed as idle meanwhile.
  bool wake(int fd) {
    std::lock_guard lk(mu);
    Conn& c = open.at(fd);
    c.idle = false;
    return !c.evicted;
  }

private:
  int count_of(const std::string& ip) const {
    const auto it = per_address.find(ip);
    return it == per_address.end() ? 0 : it->second;
  }
  void uncount(const std::string& ip) {
    counted--;
    if (--per_address[ip] <= 0) per_address.erase(ip);
  }
  // Closes the longest-idle connection (of `ip`, or of anyone); false if none is idle. Its thread wakes from
  // its wait, finds the socket shut, and releases it.
  bool evict_idle(const std::string* ip) {
    auto victim = open.end();
    for (auto it = open.begin(); it != open.end(); ++it) {
      const Conn& c = it->second;
      if (!c.idle || c.evicted || (ip && c.ip != *ip)) continue;
      if (victim == open.end() || c.idle_since < victim->second.idle_since) victim = it;
    }
    if (victim == open.end()) return false;
    victim->second.evicted = true;
    uncount(victim->second.ip);
    ::shutdown(victim->first, SHUT_RDWR);
    return true;
  }
};

FrontDoor::FrontDoor(FrontDoorLimits limits, ssl_ctx_st* ctx) : shared_(std::make_shared<Shared>()) {
  shared_->lim = limits;
  shared_->ctx = ctx;
}

FrontDoor::~FrontDoor() { stop(); }

int FrontDoor::bind_and_listen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &res) != 0 || !res)
    throw std::runtime_error("cannot listen on " + host + ":" + service + ": unknown address");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(res, freeaddrinfo);
  const int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, res->ai_protocol);
  if (fd < 0) throw std::runtime_error("cannot make a socket");
  const int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  if (::bind(fd, res->ai_addr, res->ai_addrlen) != 0 || ::listen(fd, shared_->lim.backlog) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot listen on " + host + ":" + service);
  }
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  shared_->listen_fd = fd;
  svr_sock_ = fd;  // cpp-httplib stops streaming an answer (a pack) once this is INVALID_SOCKET: see serve()
  shared_->wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (shared_->wake_fd < 0) throw std::runtime_error("cannot make an eventfd");
  // From here a stop() is never lost, even one before serve() starts: serve() sees the eventfd.
  return a.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&a)->sin6_port)
                                 : ntohs(reinterpret_cast<sockaddr_in*>(&a)->sin_port);
}

void FrontDoor::serve() {
  std::shared_ptr<Shared> s = shared_;
  pollfd p[2] = {{s->listen_fd, POLLIN, 0}, {s->wake_fd, POLLIN, 0}};
  while (s->listen_fd >= 0) {
    if (::poll(p, 2, -1) < 0 && errno != EINTR) break;
    if (p[1].revents) break;
    if (!(p[0].revents & POLLIN)) continue;
    // Drain the queue before polling again: a burst of connections must not leave the kernel's queue full
    // (a full queue drops everyone's new connections, the good ones too, for a second's SYN retry).
    for (;;) {
      sockaddr_storage a{};
      socklen_t len = sizeof a;
      const int fd = ::accept4(s->listen_fd, reinterpret_cast<sockaddr*>(&a), &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd < 0) {
        // Out of descriptors: leave the connection queued and try again shortly rather than spin.
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        break;
      }
      // Each answer goes out as soon as it is written: with Nagle's algorithm on, a TLS handshake flight or an
      // answer that leaves in more than one packet waits for the peer's delayed ACK (40 ms on Linux) first.
      const int yes = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      int port = -1;
      const std::string ip = peer_key(a, len, port);
      if (!s->admit(fd, ip)) {
        ::close(fd);
        continue;
      }
      try {
        std::thread([this, s, fd, ip, port] {
          handle(fd, ip, port);
          s->release(fd);
        }).detach();
      } catch (const std::system_error&) {  // no thread to be had: refuse this one
        s->release(fd);
      }
    }
  }
  svr_sock_ = INVALID_SOCKET;  // answers being streamed stop at their next piece
  // Closing time: cut every open connection short and wait for their threads, which use this object. Their
  // reads and writes fail at once; only a handler already running finishes its database work first.
  std::unique_lock lk(s->mu);
  s->stopping = true;
  for (const auto& [fd, conn] : s->open) ::shutdown(fd, SHUT_RDWR);
  s->idle.wait(lk, [&] { return s->open.empty(); });
}

void FrontDoor::stop() {
  if (shared_->wake_fd < 0) return;
  const uint64_t one = 1;
  [[maybe_unused]] const auto n = ::write(shared_->wake_fd, &one, sizeof one);
}

// ================================================================= one connection's life
void FrontDoor::handle(int fd, const std::string& ip, int port) {
  const FrontDoorLimits& lim = shared_->lim;
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(shared_->ctx), SSL_free);
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) return;
  SSL_set_mode(ssl.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  const auto first_deadline = after_ms(lim.head_deadline_ms);
  if (ssl_io(ssl.get(), fd, first_deadline, [&] { return SSL_accept(ssl.get()); }) <= 0) return;

  Shared& s = *shared_;
  TlsStream strm(ssl.get(), fd, ip, port, lim, [&s, fd] { return s.wake(fd); });
  bool ok = true;
  for (int left = lim.requests_per_connection; left > 0 && ok; left--) {
    if (left == lim.requests_per_connection) {
      strm.first_request(first_deadline);
    } else {
      s.set_idle(fd);
      strm.next_request();
    }
    bool closed = false;
    ok = process_request(strm, left == 1, closed, [&](httplib::Request& req) { req.ssl = ssl.get(); });
    if (!strm.flush()) ok = false;
    if (closed) break;
  }
  if (ok) SSL_shutdown(ssl.get());  // one close_notify, no waiting for the peer's
}

}  // namespace waymark::gateway
