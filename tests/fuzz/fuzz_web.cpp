// Fuzz target: the gateway's request handlers. The input is raw HTTP/1.1 (one or more requests, as a browser,
// a worker's app or a device would send them), read by cpp-httplib and routed through the real route tables
// (register_web_routes, register_v1_routes) on a demo gateway. "@SESSION@" and "@CSRF@" are a signed-in
// worker's session cookie and CSRF token, "@IT_SESSION@" and "@IT_CSRF@" Brookfield's establishment IT's (the
// /it forms: revoke, enrolment codes, contacts, transfer and its confirm step), "@BOARD_SESSION@" a board
// member's (fuzz_gateway.h makes those words the sessions' own, so a form's Content-Length is right as
// written), and "@DEVICE@" in the input becomes the id of the device enrolled on Oak, so the pages behind
// sign-in are reached too. The database is put back before every input (FuzzGateway::restore), so each input,
// however many requests it pipelines, meets the same gateway and a finding reproduces from its one input.
// The server's
// hardening in gateway/net/server.cpp (TLS, connection limits, headers) is outside: this target is about what
// the handlers do with a request.
//
// cpp-httplib 0.11 has no way to route a request without a socket (Server::routing and
// process_and_close_socket are private), so the server listens on 127.0.0.1 (an ephemeral port, plain HTTP)
// in this process and each input is one connection to it; nothing leaves the machine.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include <httplib.h>

#include "gateway/net/v1_routes.h"
#include "gateway/web/web.h"
#include "tests/fuzz/fuzz_gateway.h"

using namespace waymark;

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::FuzzGateway gw;
  static std::mutex db_mu;
  static int port = [] {
    auto* s = new httplib::Server;  // lives as long as the process
    const auto now = [] { return fuzz::kNowMs; };
    const auto with_db = [](const std::function<void(Db&)>& fn) {
      std::lock_guard<std::mutex> l(db_mu);
      fn(*gw.db);
    };
    gateway::WebOptions wo;
    wo.now_ms = now;
    wo.with_db = with_db;
    gateway::register_web_routes(*s, wo);
    gateway::V1Options vo;
    vo.data_dir = gw.dir;
    vo.now_ms = now;
    vo.with_db = with_db;
    gateway::register_v1_routes(*s, vo);
    s->set_read_timeout(2, 0);
    s->set_keep_alive_timeout(2);
    const int p = s->bind_to_any_port("127.0.0.1");
    if (p <= 0) __builtin_trap();
    std::thread([s] { s->listen_after_bind(); }).detach();
    while (!s->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return p;
  }();
  if (size > 64 * 1024) return -1;
  std::string request(reinterpret_cast<const char*>(data), size);
  replace_all(request, "@DEVICE@", gw.device.id);  // in a path: no Content-Length counts it
  {
    std::lock_guard<std::mutex> l(db_mu);
    gw.restore();
  }

  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // A refused connection is the harness's problem (ephemeral ports run out after ~200,000 runs if closed
  // sockets wait in TIME_WAIT), never a finding: try again, and close with a reset (linger 0) below.
  int fd = -1;
  for (int attempt = 0; attempt < 50 && fd < 0; attempt++) {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      fd = -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  if (fd < 0) return 0;
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
  const linger reset{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  ::close(fd);
  return 0;
}
