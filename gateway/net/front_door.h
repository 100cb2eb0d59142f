// gateway/net/front_door.h: the gateway's own accept loop and TLS connections, in front of cpp-httplib's
// request parsing and routing (issue 13). cpp-httplib 0.11 lends each connection a worker from a fixed pool
// for as long as the client keeps it open, and times out each read rather than the request, so a few clients
// sending a byte every few seconds, or a few hundred idle sockets, held every worker and the gateway stopped
// answering anyone. Here instead:
//   - an address may hold at most `per_address` connections and the gateway `total`; a connection over
//     either cap is closed as soon as it is accepted, before any TLS work;
//   - each admitted connection has its own thread (so at most `total` of them): a slow one holds only itself;
//   - the TLS handshake and the whole request head must arrive within `head_deadline_ms` of the accept, the
//     body within `body_deadline_ms` of the head, however the bytes are spaced; a connection that misses its
//     deadline is closed;
//   - a kept-alive connection waiting for its next request is idle: closed after `keep_alive_idle_ms`, still
//     counted against both caps, and closed at once (the longest idle first) when its address or the gateway
//     is at its cap and a new connection arrives, so idle sockets never turn a kiosk away. Once the next
//     request's first byte is in, its head has `head_deadline_ms` as on a new connection;
//   - handlers run inside GatewayServer's with_db, which bounds how many run at once (ServerOptions::threads).
// The limits are listed in docs/operating.md ("Limits").
#pragma once

#include <httplib.h>

#include <cstddef>
#include <memory>
#include <string>

namespace waymark::gateway {

struct FrontDoorLimits {
  int per_address = 32;               // default 32 open connections from one peer address
  int total = 512;                    // default 512 open connections in all
  int backlog = 1024;                 // default 1024: the kernel's queue of connections not yet accepted
  int head_deadline_ms = 5000;        // default 5 s: TLS handshake plus request line and headers
  int body_deadline_ms = 30000;       // default 30 s: the body, from the end of the head
  int write_timeout_ms = 10000;       // default 10 s: each write of the answer
  size_t max_head_bytes = 32 * 1024;  // default 32 KiB: request line and headers together
  int requests_per_connection = 100;  // default 100 (keep-alive)
  int keep_alive_idle_ms = 5000;      // default 5 s: a kept-alive connection's wait for its next request
};

class FrontDoor : public httplib::Server {
public:
  // Takes ownership of ctx (an SSL_CTX from make_server_tls).
  FrontDoor(FrontDoorLimits limits, ssl_ctx_st* ctx);
  ~FrontDoor() override;

  // Listens on host:port (port 0: any free port); returns the port. Throws std::runtime_error.
  int bind_and_listen(const std::string& host, int port);
  // Accepts connections until stop(); then closes every open connection and waits for their threads.
  void serve();
  void stop();

private:
  struct Shared;
  void handle(int fd, const std::string& ip, int port);
  std::shared_ptr<Shared> shared_;
};

}  // namespace waymark::gateway
