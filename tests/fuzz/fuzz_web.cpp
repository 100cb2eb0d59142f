// Fuzz target: the gateway's request handlers, in process. The input is raw HTTP/1.1 (one or more requests,
// as a browser, a worker's app or a device would send them) handed to cpp-httplib's own request reader
// through a socketpair, then routed through the real route tables (register_web_routes, register_v1_routes)
// on a demo gateway. "@SESSION@" and "@CSRF@" in the input become a signed-in worker's session cookie and
// CSRF token, so the pages behind sign-in are reached too. The server's hardening in gateway/net/server.cpp
// (connection limits, headers) is outside: this target is about what the handlers do with a request.
//
// cpp-httplib has no public way to route a Request without a socket (Server::routing is private);
// process_and_close_socket is protected, and it serves only while the server holds a bound socket, so the
// harness binds one to 127.0.0.1 and never listens on it: no traffic leaves the process.
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <thread>

#include <httplib.h>

#include "gateway/net/v1_routes.h"
#include "gateway/web/web.h"
#include "tests/fuzz/fuzz_gateway.h"

using namespace waymark;

namespace {

struct InProcessServer : httplib::Server {
  using httplib::Server::process_and_close_socket;
};

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::FuzzGateway gw;
  static InProcessServer* srv = [] {
    auto* s = new InProcessServer;
    const auto now = [] { return fuzz::kNowMs; };
    const auto with_db = [](const std::function<void(Db&)>& fn) { fn(*gw.db); };
    gateway::WebOptions wo;
    wo.now_ms = now;
    wo.with_db = with_db;
    gateway::register_web_routes(*s, wo);
    gateway::V1Options vo;
    vo.data_dir = gw.dir;
    vo.now_ms = now;
    vo.with_db = with_db;
    gateway::register_v1_routes(*s, vo);
    s->set_read_timeout(1, 0);
    s->set_keep_alive_timeout(1);
    if (s->bind_to_any_port("127.0.0.1") <= 0) __builtin_trap();
    return s;
  }();
  if (size > 64 * 1024) return -1;
  std::string request(reinterpret_cast<const char*>(data), size);
  replace_all(request, "@SESSION@", gw.session);
  replace_all(request, "@CSRF@", gw.csrf);

  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) __builtin_trap();
  std::thread client([fd = fds[0], &request] {
    size_t sent = 0;
    while (sent < request.size()) {
      const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    char buf[65536];
    while (::recv(fd, buf, sizeof buf, 0) > 0) {
    }
    ::close(fd);
  });
  srv->process_and_close_socket(fds[1]);
  client.join();
  return 0;
}
