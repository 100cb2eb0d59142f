// waymark-fault-sync: kiosk-side sync against a real gateway while faults are injected at random moments:
//   - SIGKILL the kiosk's sync process (mid-request, mid-transaction, anywhere)
//   - SIGKILL the gateway process
//   - cut connections after the gateway has committed but before the kiosk hears back (a TCP proxy between
//     them forwards every request, then drops the gateway's answer)
// With --nodes 2, two `waymark-gateway serve` processes share the one store (the SQLite file in WAL mode, or
// the PostgreSQL database --db names); the proxy is then the load balancer, sending each new connection to a
// node at random (and to the other when one is down), and the kills fall on either node or both.
// Messages are finalized into each kiosk's outbox throughout. At the end the faults stop, everything drains,
// the YOT worker opens their inbox (so "delivered" flows back), and every message must be on the gateway
// exactly once. Last line: cycles=N finalized=N delivered=N lost=0 duplicated=0; exit 1 on any loss or duplicate.
//
//   waymark-fault-sync [--cycles N] [--seed S] [--nodes 1|2] [--kiosks K] [--db URL] [--keep]
//   (default 1 node; kiosks default to the number of nodes)
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
#include <memory>
#include <mutex>
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
#include "tests/common/gateway_nodes.h"

#ifndef WAYMARK_GATEWAY_BIN
#error "WAYMARK_GATEWAY_BIN must name the waymark-gateway binary"
#endif

namespace fs = std::filesystem;
using namespace waymark;
using waymark::testing::GatewayNode;
using waymark::testing::kill_wait;
using waymark::testing::spawn;
using Steady = std::chrono::steady_clock;

namespace {

int64_t wall_ms() {
  return wall_now_ms();  // the product clock: WAYMARK_NOW moves the tests with it
}
void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// ---------------------------------------------------------------- the proxy
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

// The kiosk's sync process: sync_once in a loop on its own connection, as the kiosk's background thread does.
int run_sync_child(const std::string& dir) {
  DeviceOpenOptions o;
  o.create = false;
  DeviceOpenResult r = open_device(dir, o);
  if (!r.db) return 3;
  SystemClock clock;
  SyncLink link;  // kept from round to round, as the kiosk's sync service does
  SyncOptions so;
  so.link = &link;
  so.http.connect_timeout_ms = 1000;
  so.http.total_timeout_ms = 3000;
  for (;;) {
    sync_once(*r.db, clock, so);
    sleep_ms(20);
  }
}

// ---------------------------------------------------------------- the run
struct Run {
  int cycles = 100, nodes = 1, kiosk_count = 0;
  unsigned seed = 0;
  bool keep = false;
  std::string db_url;  // PostgreSQL for both nodes; empty: the SQLite file in the gateway folder
  fs::path root;
  std::string gdir, self;
  std::vector<std::unique_ptr<GatewayNode>> gateways;
  struct Kiosk {
    std::string dir, device_id;
    std::unique_ptr<Db> db;
    pid_t pid = -1;
  };
  std::vector<Kiosk> kiosks;
  int finalize_attempts = 0, kiosk_kills = 0, node_kills = 0;
};

int parse(Run& run, int argc, char** argv) {
  for (int i = 1; i < argc; i++) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--cycles" && has_value) run.cycles = std::max(1, std::atoi(argv[++i]));
    else if (a == "--seed" && has_value) run.seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
    else if (a == "--nodes" && has_value) run.nodes = std::atoi(argv[++i]);
    else if (a == "--kiosks" && has_value) run.kiosk_count = std::atoi(argv[++i]);
    else if (a == "--db" && has_value) run.db_url = argv[++i];
    else if (a == "--keep") run.keep = true;
    else return 2;
  }
  if (run.nodes < 1 || run.nodes > 2 || run.kiosk_count < 0 || run.kiosk_count > 8) return 2;
  if (run.kiosk_count == 0) run.kiosk_count = run.nodes;
  return 0;
}

void start_kiosk(Run& run, Run::Kiosk& k) { k.pid = spawn({run.self, "--sync-child", k.dir}); }

// The demo gateway on its nodes behind the load balancer, and the kiosks enrolled through it. 0 or an exit code.
int set_up(Run& run, std::unique_ptr<Proxy>& proxy) {
  run.root = fs::temp_directory_path() / ("waymark-fault-" + std::to_string(::getpid()));
  fs::remove_all(run.root);
  run.gdir = (run.root / "gateway").string();
  run.self = fs::read_symlink("/proc/self/exe").string();
  if (!run.db_url.empty()) ::setenv("WAYMARK_GATEWAY_DB", run.db_url.c_str(), 1);  // this program's opens too
  {
    auto g = gateway::open_gateway(run.gdir, true);
    gateway::seed_gateway_demo(*g, wall_ms());
    gateway::make_self_signed(gateway::key_path(run.gdir), gateway::cert_path(run.gdir), "fault gateway", {});
  }
  std::vector<int> ports;
  for (int n = 0; n < run.nodes; n++) {
    run.gateways.push_back(std::make_unique<GatewayNode>(WAYMARK_GATEWAY_BIN, run.gdir, run.db_url,
                                                         std::vector<std::string>{"--threads", "4"}));
    if (!run.gateways.back()->start()) {
      std::fprintf(stderr, "gateway node %d did not start%s\n", n + 1, run.db_url.empty() ? "" : " (does serve take --db?)");
      return 3;
    }
    ports.push_back(run.gateways.back()->port());
  }
  proxy = std::make_unique<Proxy>(ports);
  const std::string pin = gateway::cert_pin(gateway::cert_path(run.gdir));
  SystemClock clock;
  for (int i = 0; i < run.kiosk_count; i++) {
    Run::Kiosk k;
    k.dir = (run.root / ("kiosk" + std::to_string(i + 1))).string();
    std::string code;
    {
      auto g = gateway::open_gateway(run.gdir);
      code = gateway::issue_enrol_code(*g, "Oak", 1, "fault", wall_ms());
    }
    DeviceOpenResult kr = open_device(k.dir);
    if (!kr.db) {
      std::fprintf(stderr, "cannot open the kiosk folder: %s\n", kr.error.c_str());
      return 3;
    }
    k.db = std::move(kr.db);
    EnrolResult er = enrol_device(*k.db, "https://127.0.0.1:" + std::to_string(proxy->port()), pin, code, "fault", clock);
    if (!er.ok) {
      std::fprintf(stderr, "enrolment failed: %s\n", er.error.c_str());
      return 3;
    }
    k.device_id = er.device_id;
    if (!sync_once(*k.db, clock).ok) std::fprintf(stderr, "first sync failed (faults not started yet)\n");
    run.kiosks.push_back(std::move(k));
  }
  for (auto& k : run.kiosks) start_kiosk(run, k);
  return 0;
}

void run_cycles(Run& run, Proxy& proxy) {
  std::mt19937 rng(run.seed);
  auto chance = [&](int pct) { return static_cast<int>(rng() % 100) < pct; };
  auto between = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  auto any_of = [&](auto& v) -> auto& { return v[rng() % v.size()]; };
  SystemClock clock;
  for (int c = 0; c < run.cycles; c++) {
    Run::Kiosk& writer = any_of(run.kiosks);
    const int n = between(1, 3);
    for (int i = 0; i < n; i++) {
      Txn t(*writer.db);
      outbox_add(*writer.db, "message", "1001",
                 nlohmann::json{{"to", 1}, {"text", "fault message " + std::to_string(run.finalize_attempts++)}}.dump(),
                 clock.now_s());
      t.commit();
    }
    sleep_ms(between(0, 60));
    const int fault = between(0, 9);
    if (fault <= 2) {  // kill a kiosk's sync at a random moment
      Run::Kiosk& k = any_of(run.kiosks);
      sleep_ms(between(0, 40));
      kill_wait(k.pid);
      run.kiosk_kills++;
      start_kiosk(run, k);
    } else if (fault <= 4) {  // kill a node at a random moment; the balancer sends kiosks to the other meanwhile
      auto& node = any_of(run.gateways);
      sleep_ms(between(0, 40));
      node->kill();
      run.node_kills++;
      sleep_ms(between(0, run.nodes > 1 ? 200 : 30));
      node->start();
    } else if (fault <= 7) {  // the gateway commits, the kiosk never hears
      proxy.cut_budget = between(1, 3);
      sleep_ms(between(20, 80));
    } else {
      sleep_ms(between(10, 40));
    }
    if (chance(3)) {  // now and then everything at once
      for (auto& k : run.kiosks) kill_wait(k.pid);
      for (auto& g : run.gateways) g->kill();
      run.node_kills += run.nodes;
      for (auto& g : run.gateways) g->start();
      for (auto& k : run.kiosks) start_kiosk(run, k);
    }
  }
  proxy.cut_budget = 0;
}

int64_t count_of(Db& db, const char* sql) {
  Stmt s(db, sql);
  s.step();
  return s.i64(0);
}

// Faults off: waits (at most 60 s) until every kiosk's outbox is empty and the gateway holds all it sent.
bool drain(Run& run) {
  const auto start = Steady::now();
  while (Steady::now() - start < std::chrono::seconds(60)) {
    bool all = true;
    for (auto& k : run.kiosks) {
      if (count_of(*k.db, "SELECT count(*) FROM outbox WHERE state = 'waiting'") != 0) {
        all = false;
        break;
      }
      const int64_t finalized = count_of(*k.db, "SELECT count(*) FROM outbox WHERE kind = 'message'");
      auto g = gateway::open_gateway(run.gdir);
      Stmt h(*g, "SELECT seq_high FROM devices WHERE id = :d");
      h.bind(":d", k.device_id);
      if (!h.step() || h.i64(0) < finalized) {
        all = false;
        break;
      }
    }
    if (all) return true;
    sleep_ms(50);
  }
  return false;
}

struct Tally {
  int64_t finalized = 0, delivered = 0, lost = 0, duplicated = 0, refused = 0, gateway_rows = 0;
};

// Every kiosk's messages against the gateway's records of that device.
Tally count(Run& run) {
  Tally t;
  auto g = gateway::open_gateway(run.gdir);
  for (auto& k : run.kiosks) {
    std::set<std::string> kiosk_ids;
    Stmt s(*k.db, "SELECT id FROM outbox WHERE kind = 'message'");
    while (s.step()) kiosk_ids.insert(s.text(0));
    t.finalized += static_cast<int64_t>(kiosk_ids.size());
    t.delivered += count_of(*k.db, "SELECT count(*) FROM outbox WHERE kind = 'message' AND state IN ('delivered', 'read')");
    std::set<std::string> at_gateway, bodies;
    Stmt r(*g, "SELECT id, body, status FROM records WHERE device_id = :d AND kind = 'message'");
    r.bind(":d", k.device_id);
    while (r.step()) {
      t.gateway_rows++;
      if (r.text(2) != "accepted") t.refused++;
      if (!at_gateway.insert(r.text(0)).second || !bodies.insert(r.text(1)).second) t.duplicated++;
    }
    for (const std::string& id : kiosk_ids)
      if (!at_gateway.count(id)) t.lost++;
  }
  t.lost += t.refused;
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--sync-child") return run_sync_child(argv[2]);
  Run run;
  run.seed = static_cast<unsigned>(wall_ms());
  if (parse(run, argc, argv) != 0) {
    std::fprintf(stderr, "usage: waymark-fault-sync [--cycles N] [--seed S] [--nodes 1|2] [--kiosks K] [--db URL] [--keep]\n");
    return 2;
  }
  ::signal(SIGPIPE, SIG_IGN);
  std::printf("seed=%u cycles=%d nodes=%d kiosks=%d store=%s\n", run.seed, run.cycles, run.nodes, run.kiosk_count,
              run.db_url.empty() ? "sqlite" : "postgresql");
  std::unique_ptr<Proxy> proxy;
  if (const int rc = set_up(run, proxy); rc != 0) return rc;
  const auto t0 = Steady::now();
  run_cycles(run, *proxy);
  const bool drained = drain(run);
  for (auto& k : run.kiosks) kill_wait(k.pid);
  // The worker opens the inbox: every message becomes "delivered"; one more sync each brings the receipts.
  {
    auto g = gateway::open_gateway(run.gdir);
    gateway::api_worker_inbox(*g, 1, wall_ms());
  }
  std::string last = "ok";
  SystemClock clock;
  for (auto& k : run.kiosks) {
    const SyncReport r = sync_once(*k.db, clock);
    if (!r.ok) last = r.error;
  }
  for (auto& g : run.gateways) g->kill();
  const Tally t = count(run);
  const double secs = std::chrono::duration<double>(Steady::now() - t0).count();
  std::printf("faults: kiosk kills %d, node kills %d, answers cut after commit %d; drained %s; last sync %s; %.1f s\n",
              run.kiosk_kills, run.node_kills, proxy->cuts.load(), drained ? "yes" : "NO", last.c_str(), secs);
  std::printf("gateway rows=%lld refused=%lld\n", static_cast<long long>(t.gateway_rows), static_cast<long long>(t.refused));
  std::printf("cycles=%d finalized=%lld delivered=%lld lost=%lld duplicated=%lld\n", run.cycles,
              static_cast<long long>(t.finalized), static_cast<long long>(t.delivered), static_cast<long long>(t.lost),
              static_cast<long long>(t.duplicated));
  for (auto& k : run.kiosks) k.db.reset();
  proxy.reset();
  if (!run.keep) fs::remove_all(run.root);
  const bool good = t.lost == 0 && t.duplicated == 0 && t.delivered == t.finalized && t.finalized == run.finalize_attempts;
  return good ? 0 : 1;
}
