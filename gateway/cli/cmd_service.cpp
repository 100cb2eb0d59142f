// gateway/cli/cmd_service.cpp: waymark-gateway init, serve, demo-seed, pin and restored: the gateway's own
// set-up, its key pin, serving, and the new epoch after a restore from backup.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "gateway/cli/commands.h"
#include "gateway/net/ops_routes.h"
#include "gateway/net/server.h"
#include "gateway/store/board_accounts.h"
#include "gateway/store/board_demo.h"
#include "gateway/store/plan_demo.h"
#include "gateway/store/store.h"
#include "gateway/net/tls.h"

namespace waymark::gateway::cli {

namespace {

int cmd_init(const Args& a) {
  if (!a.has("--data") || a.get("--establishment").empty()) return usage_error("init", "--data and --establishment are required");
  const std::string dir = a.get("--data");
  if (a.has("--cert") != a.has("--key")) return usage_error("init", "--cert and --key go together");
  auto db = open_gateway(dir, true);
  gateway_init(*db, a.get("--establishment"), now_ms());
  if (a.has("--code")) {
    try {
      set_establishment_code(*db, a.get("--code"), actor(), now_ms());
    } catch (const std::invalid_argument& e) {
      return failed("init", e.what());
    }
  }
  if (a.has("--cert")) {
    install_cert(a.get("--cert"), a.get("--key"), cert_path(dir), key_path(dir));
    std::printf("installed the establishment's certificate and key in %s\n", dir.c_str());
  } else if (!std::ifstream(key_path(dir)) || !std::ifstream(cert_path(dir))) {
    std::vector<std::string> hosts;
    for (const auto& [k, v] : a.opts)
      if (k == "--host") hosts.push_back(v);
    make_self_signed(key_path(dir), cert_path(dir), a.get("--establishment") + " Waymark gateway", hosts);
    std::printf("made a new key and certificate in %s\n", dir.c_str());
  }
  std::printf("gateway ready in %s for %s\n%s\n", dir.c_str(), a.get("--establishment").c_str(), cert_pin(cert_path(dir)).c_str());
  return 0;
}

int cmd_serve(const Args& a) {
  if (!a.has("--data") || a.get("--listen").empty()) return usage_error("serve", "--data and --listen are required");
  const std::string listen = a.get("--listen");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage_error("serve", "--listen wants HOST:PORT");
  ServerOptions o;
  o.data_dir = a.get("--data");
  o.host = listen.substr(0, colon);
  try {
    o.port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return usage_error("serve", "--listen wants HOST:PORT");
  }
  if (o.port < 0 || o.port > 65535) return usage_error("serve", "the port must be 0 to 65535");
  if (a.has("--threads")) o.threads = std::max(1, std::min(64, std::atoi(a.get("--threads").c_str())));
  if (a.has("--per-address")) {
    const int n = std::atoi(a.get("--per-address").c_str());
    if (n < 1 || n > o.total_connections) return usage_error("serve", "--per-address wants 1 to 512 connections");
    o.per_address = n;
  }
  o.log_requests = a.has("--log");
  for (const auto& [k, v] : a.opts)
    if (k == "--ops-allow") {
      try {
        AddressRange::parse(v);
      } catch (const std::invalid_argument& e) {
        return usage_error("serve", std::string("--ops-allow: ") + e.what());
      }
      o.ops_allow.push_back(v);
    }
  // SIGTERM and SIGINT are blocked in every thread and taken here with sigwait: a clean stop, no handler.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  GatewayServer srv(o);
  srv.start();
  std::printf("listening on https://%s:%d\n", o.host.c_str(), srv.port());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  std::fprintf(stderr, "waymark-gateway: stopping (signal %d)\n", sig);
  srv.stop();
  return 0;
}

int cmd_demo_seed(const Args& a) {
  if (!a.has("--data")) return usage_error("demo-seed", "--data is required");
  const std::string dir = a.get("--data");
  auto db = open_gateway(dir, true);
  if (!gateway_initialised(*db)) gateway_init(*db, "Brookfield YOI (demo)", now_ms());
  if (!std::ifstream(key_path(dir))) make_self_signed(key_path(dir), cert_path(dir), "Brookfield YOI (demo) Waymark gateway", {});
  if (seed_gateway_demo(*db, now_ms())) std::printf("seeded the demo establishment into %s\n", dir.c_str());
  else std::printf("the demo establishment is already in %s\n", dir.c_str());
  seed_demo_enquiry(*db, now_ms());  // Alex's "I'm interested" card for Sam, at "application sent"
  if (seed_board_demo(*db, now_ms())) std::printf("seeded a year of fictional past history for the board report\n");
  std::printf("%s\n", cert_pin(cert_path(dir)).c_str());
  return 0;
}

int cmd_pin(const Args& a) {
  if (!a.has("--data")) return usage_error("pin", "--data is required");
  std::printf("%s\n", cert_pin(cert_path(a.get("--data"))).c_str());
  return 0;
}

int cmd_restored(const Args& a) {
  if (!a.has("--data")) return usage_error("restored", "--data is required");
  auto db = open_or_fail(a);
  std::printf("new epoch %s\n", gateway_new_epoch(*db, actor(), now_ms()).c_str());
  return 0;
}

}  // namespace

const Command kInitCommand{
    "init", "init --data DIR --establishment NAME [--host NAME]   database, key and certificate",
    "usage: waymark-gateway init --data DIR --establishment NAME [--code CODE] [--host NAME]... [--cert FILE --key FILE]\n"
    "Creates the gateway's database, a new P-256 key and a self-signed certificate (for localhost,\n"
    "127.0.0.1 and each --host), or installs the establishment's own PEM certificate and key.\n"
    "Safe to run again: an existing key is kept unless --cert and --key are given. --code sets the establishment's\n"
    "code (2 to 12 capital letters and digits, like WYI), which board scopes name. Prints the key pin last.",
    {{.options = {"--data", "--establishment", "--code", "--host", "--cert", "--key"}}},
    cmd_init};

const Command kServeCommand{
    "serve", "serve --data DIR --listen HOST:PORT                  serve the device and worker API (HTTPS)",
    "usage: waymark-gateway serve --data DIR --listen HOST:PORT [--threads N] [--per-address N] [--log]\n"
    "                             [--ops-allow CIDR]...\n"
    "Serves the device and worker API over HTTPS (TLS 1.2 or newer) until SIGTERM or SIGINT.\n"
    "--per-address: open connections one address may hold (default 32; raise it when many kiosks reach the\n"
    "gateway through one NAT address, as each kiosk keeps one connection).\n"
    "GET /healthz and GET /metrics (Prometheus text) answer only loopback, or each --ops-allow network\n"
    "(10.0.0.0/8, 2001:db8::/32, a bare address) when given; everyone else gets 404.",
    {{.options = {"--data", "--listen", "--threads", "--per-address", "--ops-allow"}, .flags = {"--log"}}},
    cmd_serve};

const Command kDemoSeedCommand{
    "demo-seed", "demo-seed --data DIR                                 the demo establishments",
    "usage: waymark-gateway demo-seed --data DIR\n"
    "Two demo establishments: Brookfield YOI (code BRK, wing Oak: children 1001 Alex, PIN 1357, and 1002 Cerys,\n"
    "PIN 2468) and Hollins Secure Children's Home (code HOL, wing Ash: child 1003 Jay, PIN 3579); YOT workers\n"
    "Sam Taylor (sam.taylor@leeds-yot.example, Leeds YOT, allowed for 1001 and 1003) and Rhian Evans\n"
    "(rhian.evans@cardiff-yos.example, Cardiff YOS, allowed for 1002); the same meetings as the kiosk's demo;\n"
    "a year of fictional released children, meetings and messages for the board report; board member\n"
    "Morgan Price (morgan.price@board.example, password demo-board-2468, scope all).\n"
    "Initialises DIR (key and certificate too) when needed. Prints the key pin last.",
    {{.options = {"--data"}}},
    cmd_demo_seed};

const Command kPinCommand{
    "pin", "pin --data DIR                                       the key pin devices need",
    "usage: waymark-gateway pin --data DIR\nPrints the gateway's key pin (sha256//BASE64) as the last line.",
    {{.options = {"--data"}}},
    cmd_pin};

const Command kRestoredCommand{
    "restored", "restored --data DIR                                  after restoring a backup: a new epoch",
    "usage: waymark-gateway restored --data DIR\n"
    "Run this after restoring the gateway's data from a backup, before serving again. It starts a new\n"
    "epoch: every device re-reads what it needs and sends again anything the backup may have missed.",
    {{.options = {"--data"}}},
    cmd_restored};

}  // namespace waymark::gateway::cli
