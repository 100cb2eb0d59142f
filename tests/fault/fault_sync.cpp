// waymark-fault-sync: kiosk-side sync against a real gateway while faults are injected at random moments:
//   - SIGKILL the kiosk's sync process (mid-request, mid-transaction, anywhere)
//   - SIGKILL the gateway process
//   - cut connections after the gateway has committed but before the kiosk hears back (a TCP proxy between
//     them forwards every request, then drops the gateway's answer)
// Messages are finalized into the kiosk's outbox throughout. At the end the faults stop, everything drains, the
// YOT worker opens their inbox (so "delivered" flows back), and every message must be on the gateway exactly
// once. Last line: cycles=N finalized=N delivered=N lost=0 duplicated=0; exit 1 on any loss or duplicate.
//
//   waymark-fault-sync [--cycles N] [--seed S] [--keep]
#include <arpa/inet.h>
#include "core/base/clock.h"
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/storage/device_store.h"
#include "core/messaging/outbox.h"
#include "core/sync/sync_client.h"
#include "gateway/net/server.h"
#include "gateway/net/tls.h"
#include "gateway/store/store.h"

#ifndef WAYMARK_GATEWAY_BIN
#error "WAYMARK_GATEWAY_BIN must name the waymark-gateway binary"
#endif

namespace fs = std::filesystem;
using namespace waymark;
using Steady = std::chrono::steady_clock;

namespace {

int64_t wall_ms() {
  return wall_now_ms();  // the product clock: WAYMARK_NOW moves the tests with it
}
void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

int free_port() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t l = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &l);
  ::close(s);
  return ntohs(a.sin_port);
}

bool port_open(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

// ---------------------------------------------------------------- the proxy
// Forwards bytes both ways. When `cut_after_commit` is set, the first answer bytes from the gateway on a
// connection are dropped and both sides closed: the gateway has done (and committed) the work, the kiosk
// never hears.
class Proxy {
public:
  explicit Proxy(int upstream) : upstream_(upstream) {
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
  void pipe(int c) {
    int u = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(upstream_));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(u, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(u);
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
  int upstream_, port_ = 0, lfd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> conns_;
};

// ---------------------------------------------------------------- processes
pid_t spawn(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

void kill_wait(pid_t& pid) {
  if (pid <= 0) return;
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
  pid = -1;
}

// The kiosk's sync process: sync_once in a loop on its own connection, as the kiosk's background thread does.
int run_sync_child(const std::string& dir) {
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(dir, o);
  if (!r.db) return 3;
  SystemClock clock;
  SyncOptions so;
  so.http.connect_timeout_ms = 1000;
  so.http.total_timeout_ms = 3000;
  for (;;) {
    sync_once(*r.db, clock, so);
    sleep_ms(20);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int cycles = 100;
  unsigned seed = static_cast<unsigned>(wall_ms());
  bool keep = false;
  for (int i = 1; i < argc; i++) {
    const std::string a = argv[i];
    if (a == "--sync-child" && i + 1 < argc) return run_sync_child(argv[++i]);
    if (a == "--cycles" && i + 1 < argc) cycles = std::max(1, std::atoi(argv[++i]));
    else if (a == "--seed" && i + 1 < argc) seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    else if (a == "--keep") keep = true;
    else {
      std::fprintf(stderr, "usage: waymark-fault-sync [--cycles N] [--seed S] [--keep]\n");
      return 2;
    }
  }
  ::signal(SIGPIPE, SIG_IGN);
  std::printf("seed=%u cycles=%d\n", seed, cycles);
  std::mt19937 rng(seed);
  auto chance = [&](int pct) { return static_cast<int>(rng() % 100) < pct; };
  auto between = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };

  const fs::path root = fs::temp_directory_path() / ("waymark-fault-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const std::string gdir = (root / "gateway").string(), kdir = (root / "kiosk").string();
  const std::string self = fs::read_symlink("/proc/self/exe").string();

  // ---- a demo gateway (its own process) behind the proxy, and an enrolled kiosk
  {
    auto g = gateway::open_gateway(gdir, true);
    gateway::seed_gateway_demo(*g, wall_ms());
    gateway::make_self_signed(gateway::key_path(gdir), gateway::cert_path(gdir), "fault gateway", {});
  }
  const int gport = free_port();
  const std::string listen = "127.0.0.1:" + std::to_string(gport);
  pid_t gw = -1, kiosk = -1;
  auto start_gateway = [&] {
    gw = spawn({WAYMARK_GATEWAY_BIN, "serve", "--data", gdir, "--listen", listen, "--threads", "4"});
    for (int i = 0; i < 500 && !port_open(gport); i++) sleep_ms(5);
  };
  start_gateway();
  Proxy proxy(gport);
  std::string code;
  {
    auto g = gateway::open_gateway(gdir);
    code = gateway::issue_enrol_code(*g, "Oak", 1, "fault", wall_ms());
  }
  DeviceOpenResult kr = open_device(kdir);
  if (!kr.db) {
    std::fprintf(stderr, "cannot open the kiosk folder: %s\n", kr.error.c_str());
    return 3;
  }
  Db& kdb = *kr.db;
  SystemClock clock;
  EnrolResult er = enrol_device(kdb, "https://127.0.0.1:" + std::to_string(proxy.port()),
                                gateway::cert_pin(gateway::cert_path(gdir)), code, "fault", clock);
  if (!er.ok) {
    std::fprintf(stderr, "enrolment failed: %s\n", er.error.c_str());
    kill_wait(gw);
    return 3;
  }
  if (!sync_once(kdb, clock).ok) std::fprintf(stderr, "first sync failed (faults not started yet)\n");
  auto start_kiosk = [&] { kiosk = spawn({self, "--sync-child", kdir}); };
  start_kiosk();

  // ---- the cycles
  int finalize_attempts = 0, kiosk_kills = 0, gateway_kills = 0;
  const auto t0 = Steady::now();
  for (int c = 0; c < cycles; c++) {
    const int n = between(1, 3);
    for (int i = 0; i < n; i++) {
      Txn t(kdb);
      outbox_add(kdb, "message", "1001",
                 nlohmann::json{{"to", 1}, {"text", "fault message " + std::to_string(finalize_attempts++)}}.dump(),
                 clock.now_s());
      t.commit();
    }
    sleep_ms(between(0, 60));
    const int fault = between(0, 9);
    if (fault <= 2) {  // kill the kiosk's sync at a random moment
      sleep_ms(between(0, 40));
      kill_wait(kiosk);
      kiosk_kills++;
      start_kiosk();
    } else if (fault <= 4) {  // kill the gateway at a random moment
      sleep_ms(between(0, 40));
      kill_wait(gw);
      gateway_kills++;
      sleep_ms(between(0, 30));
      start_gateway();
    } else if (fault <= 7) {  // the gateway commits, the kiosk never hears
      proxy.cut_budget = between(1, 3);
      sleep_ms(between(20, 80));
    } else {
      sleep_ms(between(10, 40));
    }
    if (chance(3)) {  // now and then both at once
      kill_wait(kiosk);
      kill_wait(gw);
      start_gateway();
      start_kiosk();
    }
  }
  proxy.cut_budget = 0;

  // ---- drain: faults off, wait until the gateway holds everything
  int64_t finalized = 0;
  {
    Stmt s(kdb, "SELECT count(*) FROM outbox WHERE kind = 'message'");
    s.step();
    finalized = s.i64(0);
  }
  const auto drain_start = Steady::now();
  bool drained = false;
  while (Steady::now() - drain_start < std::chrono::seconds(60)) {
    Stmt s(kdb, "SELECT count(*) FROM outbox WHERE state = 'waiting'");
    s.step();
    if (s.i64(0) == 0) {
      auto g = gateway::open_gateway(gdir);
      Stmt h(*g, "SELECT seq_high FROM devices WHERE id = :d");
      h.bind(":d", er.device_id);
      if (h.step() && h.i64(0) >= finalized) {
        drained = true;
        break;
      }
    }
    sleep_ms(50);
  }
  kill_wait(kiosk);
  // The worker opens the inbox: every message becomes "delivered"; one more sync brings the receipts.
  {
    auto g = gateway::open_gateway(gdir);
    gateway::api_worker_inbox(*g, 1, wall_ms());
  }
  SyncReport last = sync_once(kdb, clock);
  kill_wait(gw);

  // ---- count
  std::set<std::string> kiosk_ids;
  {
    Stmt s(kdb, "SELECT id FROM outbox WHERE kind = 'message'");
    while (s.step()) kiosk_ids.insert(s.text(0));
  }
  int64_t delivered = 0;
  {
    Stmt s(kdb, "SELECT count(*) FROM outbox WHERE kind = 'message' AND state IN ('delivered', 'read')");
    s.step();
    delivered = s.i64(0);
  }
  int64_t lost = 0, duplicated = 0, refused = 0, gateway_rows = 0;
  {
    auto g = gateway::open_gateway(gdir);
    std::set<std::string> at_gateway, bodies;
    Stmt s(*g, "SELECT id, body, status FROM records WHERE device_id = :d AND kind = 'message'");
    s.bind(":d", er.device_id);
    while (s.step()) {
      gateway_rows++;
      if (s.text(2) != "accepted") refused++;
      if (!at_gateway.insert(s.text(0)).second || !bodies.insert(s.text(1)).second) duplicated++;
    }
    for (const std::string& id : kiosk_ids)
      if (!at_gateway.count(id)) lost++;
    lost += refused;
  }
  const double secs = std::chrono::duration<double>(Steady::now() - t0).count();
  std::printf("faults: kiosk kills %d, gateway kills %d, answers cut after commit %d; drained %s; last sync %s; %.1f s\n",
              kiosk_kills, gateway_kills, proxy.cuts.load(), drained ? "yes" : "NO", last.ok ? "ok" : last.error.c_str(), secs);
  std::printf("gateway rows=%lld refused=%lld\n", static_cast<long long>(gateway_rows), static_cast<long long>(refused));
  std::printf("cycles=%d finalized=%lld delivered=%lld lost=%lld duplicated=%lld\n", cycles, static_cast<long long>(finalized),
              static_cast<long long>(delivered), static_cast<long long>(lost), static_cast<long long>(duplicated));
  kr.db.reset();
  if (!keep) fs::remove_all(root);
  const bool good = lost == 0 && duplicated == 0 && delivered == finalized && finalized == finalize_attempts;
  return good ? 0 : 1;
}
