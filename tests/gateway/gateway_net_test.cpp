// tests/gateway/gateway_net_test.cpp: the gateway's network face under attack (issue 13), over real HTTPS
// on loopback: slow and idle connections from one address do not stop it answering another address, and are
// dropped at the head deadline; TLS offers only modern suites; every kind of answer carries the same
// security headers and a Date. Raw OpenSSL clients, so every byte and every refusal is seen as sent.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <thread>
#include <vector>

#include "fixture.h"
#include "gateway/net/answer_headers.h"
#include "gateway/net/tls.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

using Steady = std::chrono::steady_clock;

double ms_since(Steady::time_point t) { return std::chrono::duration<double, std::milli>(Steady::now() - t).count(); }

// A TCP connection to 127.0.0.1:port from the loopback address `from` (127.0.0.0/8 is all loopback on Linux,
// so 127.0.0.2 is a second client the gateway counts apart). Non-blocking; the connect may still be going.
int tcp_from(const char* from, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in src{};
  src.sin_family = AF_INET;
  ::inet_pton(AF_INET, from, &src.sin_addr);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
      (::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0 && errno != EINPROGRESS)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool wait_fd(int fd, short ev, Steady::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now()).count();
  if (left <= 0) return false;
  pollfd p{fd, ev, 0};
  return ::poll(&p, 1, static_cast<int>(left)) > 0;
}

// One TLS client connection made with OpenSSL, non-blocking with a deadline on every step.
struct TlsClient {
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  int fd = -1;
  ~TlsClient() {
    if (ssl) SSL_free(ssl);
    if (ctx) SSL_CTX_free(ctx);
    if (fd >= 0) ::close(fd);
  }
  template <typename Op>
  int io(Steady::time_point deadline, Op op) {
    for (;;) {
      const int n = op();
      if (n > 0) return n;
      const int e = SSL_get_error(ssl, n);
      if (e == SSL_ERROR_WANT_READ ? !wait_fd(fd, POLLIN, deadline)
                                   : e == SSL_ERROR_WANT_WRITE ? !wait_fd(fd, POLLOUT, deadline) : true)
        return e == SSL_ERROR_ZERO_RETURN ? 0 : -1;
    }
  }
  // Connects and shakes hands with those versions and suites ("" leaves OpenSSL's default). True if it worked.
  bool connect(const char* from, int port, int min_version, int max_version, const std::string& ciphers12,
               const std::string& suites13, int timeout_ms = 3000) {
    ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(ctx, min_version);
    SSL_CTX_set_max_proto_version(ctx, max_version);
    if (!ciphers12.empty() && SSL_CTX_set_cipher_list(ctx, ciphers12.c_str()) != 1) return false;
    if (!suites13.empty() && SSL_CTX_set_ciphersuites(ctx, suites13.c_str()) != 1) return false;
    fd = tcp_from(from, port);
    if (fd < 0) return false;
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    const auto deadline = Steady::now() + std::chrono::milliseconds(timeout_ms);
    if (!wait_fd(fd, POLLOUT, deadline)) return false;
    return io(deadline, [&] { return SSL_connect(ssl); }) > 0;
  }
  bool send(const std::string& s, int timeout_ms = 3000) {
    const auto deadline = Steady::now() + std::chrono::milliseconds(timeout_ms);
    return io(deadline, [&] { return SSL_write(ssl, s.data(), static_cast<int>(s.size())); }) > 0;
  }
  // One answer: its head and as much body as Content-Length says (or all until the server closes).
  std::string read_answer(int timeout_ms = 5000) {
    const auto deadline = Steady::now() + std::chrono::milliseconds(timeout_ms);
    std::string out;
    char buf[4096];
    for (;;) {
      const auto head_end = out.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        const auto cl = out.find("Content-Length: ");
        if (cl != std::string::npos && cl < head_end &&
            out.size() >= head_end + 4 + std::stoul(out.substr(cl + 16, out.find("\r\n", cl) - cl - 16)))
          return out;
      }
      const int n = io(deadline, [&] { return SSL_read(ssl, buf, sizeof buf); });
      if (n <= 0) return out;
      out.append(buf, static_cast<size_t>(n));
    }
  }
};

// A whole answer to one raw request over a new TLS 1.3 connection ("" if none came).
std::string raw_exchange(int port, const std::string& request, const char* from = "127.0.0.1", int timeout_ms = 5000) {
  TlsClient c;
  if (!c.connect(from, port, TLS1_2_VERSION, TLS1_3_VERSION, "", "", timeout_ms)) return {};
  if (!c.send(request)) return {};
  return c.read_answer(timeout_ms);
}

void raise_fd_limit(rlim_t want) {
  rlimit r{};
  ::getrlimit(RLIMIT_NOFILE, &r);
  if (r.rlim_cur < want) {
    r.rlim_cur = std::min(want, r.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &r);
  }
}

}  // namespace

// ================================================================= 1. slow clients do not starve the gateway
TEST(GatewayNet, FiveHundredSlowConnectionsFromOneAddressDoNotStopAnotherBeingAnswered) {
  raise_fd_limit(4096);
  TestGateway gw(demo_gateway_copy("slow"));
  const auto opened = Steady::now();
  // 20 TLS clients that shake hands, then dribble a header line a second and never finish the head...
  std::vector<std::unique_ptr<TlsClient>> dribblers;
  for (int i = 0; i < 20; i++) {
    auto c = std::make_unique<TlsClient>();
    if (c->connect("127.0.0.1", gw.port, TLS1_2_VERSION, TLS1_3_VERSION, "", "", 1000) &&
        c->send("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n", 1000))
      dribblers.push_back(std::move(c));
  }
  // ...and 480 TCP connections that send nothing at all.
  std::vector<int> idle;
  for (int i = 0; i < 480; i++)
    if (const int fd = tcp_from("127.0.0.1", gw.port); fd >= 0) idle.push_back(fd);
  // "Open": every connect has gone through (the gateway may already have closed the ones over its cap).
  const auto connected_by = Steady::now() + std::chrono::seconds(3);
  size_t connected = 0;
  for (int fd : idle) connected += wait_fd(fd, POLLOUT, connected_by) ? 1 : 0;
  std::printf("open from 127.0.0.1: %zu dribbling TLS clients, %zu idle sockets (%zu connected; %.0f ms to open)\n",
              dribblers.size(), idle.size(), connected, ms_since(opened));
  ASSERT_EQ(idle.size(), 480u);

  // A page from another address, timed from its TCP connect to the last byte of the answer.
  const auto asked = Steady::now();
  const std::string page =
      raw_exchange(gw.port, "GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", "127.0.0.2", 5000);
  const double answer_ms = ms_since(asked);
  std::printf("a page for 127.0.0.2 with 500 slow connections open from 127.0.0.1: %.0f ms%s\n", answer_ms,
              page.empty() ? " (no answer)" : "");
  EXPECT_EQ(page.rfind("HTTP/1.1 200", 0), 0u) << page.substr(0, 200);
  EXPECT_LT(answer_ms, 1000.0);

  // The dribblers go on sending a line a second; each must be dropped at the head deadline (5 s after it
  // connected), not later, and none earlier than most of it.
  std::vector<double> dropped_at(dribblers.size(), -1);
  const auto give_up = opened + std::chrono::seconds(9);
  auto next_line = Steady::now();
  while (Steady::now() < give_up) {
    bool any_open = false;
    const bool write_now = Steady::now() >= next_line;
    if (write_now) next_line += std::chrono::seconds(1);
    for (size_t i = 0; i < dribblers.size(); i++) {
      if (dropped_at[i] >= 0) continue;
      char b;
      const int n = SSL_read(dribblers[i]->ssl, &b, 1);
      const int e = n > 0 ? SSL_ERROR_NONE : SSL_get_error(dribblers[i]->ssl, n);
      const bool closed = n > 0 || (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) ||
                          (write_now && !dribblers[i]->send("X-Slow: " + std::to_string(i) + "\r\n", 200));
      if (closed) dropped_at[i] = ms_since(opened);
      else any_open = true;
    }
    if (!any_open) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  for (size_t i = 0; i < dribblers.size(); i++) {
    EXPECT_GE(dropped_at[i], 3500.0) << "dribbler " << i << " dropped before the head deadline";
    EXPECT_GE(dropped_at[i], 0.0) << "dribbler " << i << " still open after 9 s";
    EXPECT_LT(dropped_at[i], 7000.0) << "dribbler " << i;
  }
  // Every idle socket is closed by now: over the per-address cap at once, the rest at the deadline.
  size_t idle_closed = 0;
  const auto idle_deadline = Steady::now() + std::chrono::seconds(2);  // for the last few, just admitted
  for (int fd : idle) {
    char b;
    if (wait_fd(fd, POLLIN, idle_deadline) && ::recv(fd, &b, 1, MSG_DONTWAIT) <= 0) idle_closed++;
    ::close(fd);
  }
  EXPECT_EQ(idle_closed, idle.size());
  // And 127.0.0.1 is welcome again once its slow connections are gone.
  EXPECT_EQ(raw_exchange(gw.port, "GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 200", 0), 0u);
}

TEST(GatewayNet, OneAddressGetsAtMostItsShareOfConnections) {
  raise_fd_limit(4096);
  TestGateway gw(demo_gateway_copy("cap"));
  std::vector<std::unique_ptr<TlsClient>> held;
  int refused = 0;
  for (int i = 0; i < 40; i++) {
    auto c = std::make_unique<TlsClient>();
    if (c->connect("127.0.0.3", gw.port, TLS1_2_VERSION, TLS1_3_VERSION, "", "", 2000)) held.push_back(std::move(c));
    else refused++;
  }
  EXPECT_EQ(held.size(), 32u);
  EXPECT_EQ(refused, 8);
}

// Kept-alive connections between requests are idle: they count against the cap, but a new connection from
// the same address closes the longest-idle one instead of being turned away, and each closes by itself after
// the keep-alive idle timeout (5 s).
TEST(GatewayNet, IdleKeptAliveConnectionsMakeRoomUnderTheCapAndCloseAfterTheIdleTimeout) {
  raise_fd_limit(4096);
  TestGateway gw(demo_gateway_copy("idle"));
  const std::string ask = "GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";  // keep-alive: HTTP/1.1's default
  std::vector<std::unique_ptr<TlsClient>> held;
  for (int i = 0; i < 32; i++) {
    auto c = std::make_unique<TlsClient>();
    ASSERT_TRUE(c->connect("127.0.0.4", gw.port, TLS1_2_VERSION, TLS1_3_VERSION, "", "", 3000)) << i;
    ASSERT_TRUE(c->send(ask));
    ASSERT_EQ(c->read_answer().rfind("HTTP/1.1 200", 0), 0u) << i;
    held.push_back(std::move(c));
  }
  const auto idle_from = Steady::now();  // the last connection's answer: it is idle from here
  // A second request on a kept connection is answered on it.
  ASSERT_TRUE(held[1]->send(ask));
  EXPECT_EQ(held[1]->read_answer().rfind("HTTP/1.1 200", 0), 0u);
  // The address is at its cap, all idle: a 33rd connection is answered, and the longest idle (the first) closed.
  EXPECT_EQ(raw_exchange(gw.port, ask, "127.0.0.4").rfind("HTTP/1.1 200", 0), 0u);
  char b;
  EXPECT_TRUE(wait_fd(held[0]->fd, POLLIN, Steady::now() + std::chrono::seconds(2)) &&
              ::recv(held[0]->fd, &b, 1, MSG_DONTWAIT) <= 0)
      << "the longest-idle connection was not closed to make room";
  // The rest close by themselves once idle for the timeout, not before.
  const auto late = Steady::now() + std::chrono::seconds(9);
  ASSERT_TRUE(wait_fd(held.back()->fd, POLLIN, late));
  const double closed_after = std::chrono::duration<double, std::milli>(Steady::now() - idle_from).count();
  EXPECT_LE(::recv(held.back()->fd, &b, 1, MSG_DONTWAIT), 0);
  EXPECT_GE(closed_after, 4500.0);
  EXPECT_LT(closed_after, 8000.0);
}

// ================================================================= 8. modern TLS only
TEST(GatewayNet, TlsRefusesOldVersionsAndCbcSuitesAndTakesModernOnes) {
  TestGateway gw(demo_gateway_copy("tls"));
  // Old: a CBC suite with a SHA-1 MAC, CBC with SHA-384, and TLS 1.1 (the client allows it at level 0).
  for (const char* cbc : {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA384"}) {
    TlsClient c;
    EXPECT_FALSE(c.connect("127.0.0.1", gw.port, TLS1_2_VERSION, TLS1_2_VERSION, cbc, "")) << cbc;
  }
  {
    TlsClient c;
    EXPECT_FALSE(c.connect("127.0.0.1", gw.port, TLS1_1_VERSION, TLS1_1_VERSION, "ALL:@SECLEVEL=0", "")) << "TLS 1.1";
  }
  // Modern: each TLS 1.2 AEAD suite with ECDHE, and each TLS 1.3 suite.
  for (const char* aead : {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305"}) {
    TlsClient c;
    ASSERT_TRUE(c.connect("127.0.0.1", gw.port, TLS1_2_VERSION, TLS1_2_VERSION, aead, "")) << aead;
    EXPECT_STREQ(SSL_get_cipher_name(c.ssl), aead);
  }
  for (const char* suite : {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"}) {
    TlsClient c;
    ASSERT_TRUE(c.connect("127.0.0.1", gw.port, TLS1_3_VERSION, TLS1_3_VERSION, "", suite)) << suite;
    EXPECT_STREQ(SSL_get_cipher_name(c.ssl), suite);
    ASSERT_TRUE(c.send("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    EXPECT_EQ(c.read_answer().rfind("HTTP/1.1 200", 0), 0u) << suite;
  }
}

// ================================================================= 10. the same headers on every answer
TEST(GatewayNet, EveryKindOfAnswerCarriesTheSameSecurityHeadersAndADate) {
  TestGateway gw(demo_gateway_copy("headers"));
  httplib::SSLClient cli("127.0.0.1", gw.port);
  cli.set_ca_cert_path(gateway::cert_path(gw.dir).c_str());
  cli.enable_server_certificate_verification(true);
  struct Case {
    const char* what;
    httplib::Result r;
    int status;
  };
  std::vector<Case> cases;
  cases.push_back({"a page", cli.Get("/sign-in"), 200});
  cases.push_back({"a /v1 refusal", cli.Post("/v1/hello", "{}", "application/json"), 401});
  cases.push_back({"a /v1 answer", cli.Post("/v1/enrol", "{}", "text/plain"), 415});
  cases.push_back({"a 404", cli.Get("/no/such/place"), 404});
  cases.push_back({"a 405", cli.Get("/v1/up"), 405});
  cases.push_back({"a 405 (web)", cli.Get("/sign-out"), 405});
  cases.push_back({"the stylesheet", cli.Get("/web.css"), 200});
  const int64_t before = gw.now();
  for (auto& c : cases) {
    ASSERT_TRUE(c.r) << c.what;
    const httplib::Response& res = *c.r;
    EXPECT_EQ(res.status, c.status) << c.what;
    EXPECT_EQ(res.get_header_value("Content-Security-Policy"), gateway::kContentSecurityPolicy) << c.what;
    EXPECT_EQ(res.get_header_value("Strict-Transport-Security"), "max-age=31536000; includeSubDomains") << c.what;
    EXPECT_EQ(res.get_header_value("X-Content-Type-Options"), "nosniff") << c.what;
    EXPECT_EQ(res.get_header_value("X-Frame-Options"), "DENY") << c.what;
    EXPECT_EQ(res.get_header_value("Referrer-Policy"), "no-referrer") << c.what;
    EXPECT_EQ(res.get_header_value_count("Cache-Control"), 1u) << c.what;
    const bool css = std::string(c.what) == "the stylesheet";
    EXPECT_EQ(res.get_header_value("Cache-Control"), css ? "public, max-age=3600" : "no-store") << c.what;
    // The gateway's clock, to the second (a second either side for the time the requests took).
    std::set<std::string> near;
    for (int64_t d = -2000; d <= 2000; d += 1000) near.insert(gateway::http_date(before + d));
    EXPECT_EQ(near.count(res.get_header_value("Date")), 1u) << c.what << ": " << res.get_header_value("Date");
  }
  EXPECT_EQ(cases[4].r->get_header_value("Allow"), "POST");
  // cpp-httplib's own refusal of a request it cannot parse: a 400 with the same headers.
  const std::string bad = raw_exchange(gw.port, "BREW /pot HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  EXPECT_EQ(bad.rfind("HTTP/1.1 400", 0), 0u) << bad;
  for (const std::string h : {"Content-Security-Policy: default-src 'none'", "Strict-Transport-Security: max-age=31536000; includeSubDomains",
                              "X-Content-Type-Options: nosniff", "X-Frame-Options: DENY", "Cache-Control: no-store", "Date: "})
    EXPECT_NE(bad.find(h), std::string::npos) << h << " in\n" << bad;
}

// ================================================================= answers leave at once, in one piece
namespace {
// The local port of a socket, or of its peer (-1 for anything that is not an IPv4 or IPv6 socket).
int port_of(int fd, bool peer) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if ((peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&a), &len) : ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len)) != 0)
    return -1;
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&a)->sin_port);
  if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&a)->sin6_port);
  return -1;
}

// The gateway's end of the client's connection: the gateway runs in this process, so its socket is one of ours.
int accepted_socket_of(const TlsClient& c, int gateway_port) {
  const int client_port = port_of(c.fd, false);
  DIR* d = ::opendir("/proc/self/fd");
  if (!d) return -1;
  int found = -1;
  while (const dirent* e = ::readdir(d)) {
    const int fd = std::atoi(e->d_name);
    if (fd <= 2 || fd == c.fd) continue;
    if (port_of(fd, false) == gateway_port && port_of(fd, true) == client_port) found = fd;
  }
  ::closedir(d);
  return found;
}

// Counts the TLS records that arrive carrying application data (TLS 1.2: the record header says so).
void count_app_records(int write_p, int, int content_type, const void* buf, size_t len, SSL*, void* arg) {
  if (write_p == 0 && content_type == SSL3_RT_HEADER && len >= 1 &&
      static_cast<const unsigned char*>(buf)[0] == SSL3_RT_APPLICATION_DATA)
    ++*static_cast<int*>(arg);
}
}  // namespace

// Nagle's algorithm holds a small packet back until the last one is acknowledged, and the peer delays that
// acknowledgement by up to 40 ms: an answer (or a handshake flight) written in two pieces then took 40 ms more.
// The gateway turns it off on every connection it accepts.
TEST(GatewayNet, AcceptedConnectionsSendWithoutWaitingForAcknowledgements) {
  TestGateway gw(demo_gateway_copy("nodelay"));
  TlsClient c;
  ASSERT_TRUE(c.connect("127.0.0.1", gw.port, TLS1_2_VERSION, TLS1_3_VERSION, "", ""));
  ASSERT_TRUE(c.send("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  ASSERT_EQ(c.read_answer().rfind("HTTP/1.1 200", 0), 0u);
  const int fd = accepted_socket_of(c, gw.port);  // kept alive: still open on the gateway's side
  ASSERT_GE(fd, 0) << "the gateway's end of the connection was not found";
  int on = 0;
  socklen_t len = sizeof on;
  ASSERT_EQ(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, &len), 0);
  EXPECT_NE(on, 0) << "TCP_NODELAY is off on an accepted connection";
}

// cpp-httplib writes an answer's head and body separately; the gateway gathers them into one TLS record, so a
// small answer is one packet and one decryption on the kiosk, and a kept-alive request after it is answered
// the same way.
TEST(GatewayNet, ASmallAnswerLeavesInOneTlsRecord) {
  TestGateway gw(demo_gateway_copy("onerecord"));
  TlsClient c;
  ASSERT_TRUE(c.connect("127.0.0.1", gw.port, TLS1_2_VERSION, TLS1_2_VERSION, "", ""));
  int records = 0;
  SSL_set_msg_callback(c.ssl, count_app_records);
  SSL_set_msg_callback_arg(c.ssl, &records);
  for (int i = 0; i < 2; i++) {
    records = 0;
    ASSERT_TRUE(c.send("POST /v1/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       "Content-Length: 2\r\n\r\n{}"));
    const std::string answer = c.read_answer();
    ASSERT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer.substr(0, 200);
    EXPECT_NE(answer.find("\"error\""), std::string::npos) << answer;
    EXPECT_EQ(records, 1) << "request " << i + 1 << ": the answer came in " << records << " TLS records";
  }
}

TEST(GatewayNet, HttpDateIsRfc7231) {
  EXPECT_EQ(gateway::http_date(784111777000), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(gateway::http_date(1803891600000), "Mon, 01 Mar 2027 09:00:00 GMT");
}
