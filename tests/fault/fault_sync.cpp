// waymark-fault-sync: kiosk-side sync against a real gateway while faults are injected at random moments:
//   - SIGKILL the kiosk's sync process (mid-request, mid-transaction, anywhere)
//   - SIGKILL the gateway process
//   - cut connections after the gateway has committed but before the kiosk hears back (a TCP proxy between
//     them forwards every request, then drops the gateway's answer)
//   - move a child between the demo's two establishments (`waymark-gateway children transfer`, itself killed
//     now and then at a random moment): 1001 and 1003 go A->B->A... while 1002 stays put
// With --nodes 2, two `waymark-gateway serve` processes share the one store (the SQLite file in WAL mode, or
// the PostgreSQL database --db names); the proxy is then the load balancer, sending each new connection to a
// node at random (and to the other when one is down), and the kills fall on either node or both.
// The kiosks are enrolled half at Brookfield (BRK, Oak wing) and half at Hollins (HOL, Ash wing). Throughout,
// a child writes messages on a kiosk of wherever that kiosk believes them to be (on its roster and not
// leaving), so messages are written on the old kiosk right up to the moment it hears of a transfer. At the end
// the faults stop, everything drains, the YOT workers open their inboxes (so "delivered" flows back), and:
// every message written is on the gateway exactly once, from the kiosk it was written on; nothing of a child
// stays on a kiosk of an establishment they have left; no message twice. Last line:
// cycles=N finalized=N delivered=N lost=0 duplicated=0; exit 1 on any loss, duplicate or leftover.
//
//   waymark-fault-sync [--cycles N] [--seed S] [--nodes 1|2] [--kiosks K] [--db URL] [--keep]
//   (default 1 node and 2 kiosks, one at each establishment; --db: a PostgreSQL server, where the run makes a
//   database of its own, tests/common/pg_scratch.h)
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
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

#include "core/base/clock.h"
#include "core/storage/device_store.h"
#include "core/messaging/outbox.h"
#include "core/sync/sync_client.h"
#include "gateway/net/server.h"
#include "gateway/net/tls.h"
#include "gateway/store/store.h"
#include "tests/common/gateway_nodes.h"
#include "tests/common/pg_scratch.h"
#include "tests/fault/fault_proxy.h"

#ifndef WAYMARK_GATEWAY_BIN
#error "WAYMARK_GATEWAY_BIN must name the waymark-gateway binary"
#endif

namespace fs = std::filesystem;
using namespace waymark;
using waymark::testing::GatewayNode;
using waymark::testing::kill_wait;
using waymark::testing::PgScratch;
using waymark::testing::Proxy;
using waymark::testing::spawn;
using Steady = std::chrono::steady_clock;

namespace {

int64_t wall_ms() {
  return wall_now_ms();  // the product clock: WAYMARK_NOW moves the tests with it
}
void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

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
// The demo's establishments (gateway/store/admin.cpp, seed_gateway_demo) and who writes to whom.
struct Home {
  const char* code;
  const char* wing;
};
constexpr std::array<Home, 2> kHomes = {{{"BRK", "Oak"}, {"HOL", "Ash"}}};
struct Writer {
  const char* child;
  int worker;  // their YOT worker (Sam Taylor 1, Rhian Evans 2): the contact stays across a transfer
  bool moves;
};
constexpr std::array<Writer, 3> kWriters = {{{"1001", 1, true}, {"1002", 2, false}, {"1003", 1, true}}};

struct Run {
  int cycles = 100, nodes = 1, kiosk_count = 0;
  unsigned seed = 0;
  bool keep = false;
  std::string db_url;  // a PostgreSQL server for both nodes; empty: the SQLite file in the gateway folder
  std::unique_ptr<PgScratch> pg;  // this run's own database on it
  fs::path root;
  std::string gdir, self;
  std::vector<std::unique_ptr<GatewayNode>> gateways;
  struct Kiosk {
    std::string dir, device_id, home;  // home: its establishment's code
    std::unique_ptr<Db> db;
    pid_t pid = -1;
  };
  std::vector<Kiosk> kiosks;
  // Every message a child wrote, as written: what the gateway must end up holding, once each.
  struct Written {
    size_t kiosk;
    std::string id, child, body;
    int64_t seq;
  };
  std::vector<Written> ledger;
  int finalize_attempts = 0, kiosk_kills = 0, node_kills = 0, not_written = 0;
  int transfers = 0, transfer_kills = 0;
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
  if (run.kiosk_count == 0) run.kiosk_count = 2;
  if (run.nodes < 1 || run.nodes > 2 || run.kiosk_count < 2 || run.kiosk_count > 8) return 2;
  return 0;
}

void start_kiosk(Run& run, Run::Kiosk& k) { k.pid = spawn({run.self, "--sync-child", k.dir}); }

// Enrols kiosk i at its establishment (BRK, HOL, BRK, ...) through the load balancer. 0 or an exit code.
int enrol_kiosk(Run& run, Proxy& proxy, const std::string& pin, int i) {
  SystemClock clock;
  const Home& home = kHomes[static_cast<size_t>(i) % 2];
  Run::Kiosk k;
  k.dir = (run.root / ("kiosk" + std::to_string(i + 1))).string();
  k.home = home.code;
  std::string code;
  {
    auto g = gateway::open_gateway(run.gdir);
    code = gateway::issue_enrol_code(*g, home.wing, 1, "fault", wall_ms(), home.code);
  }
  DeviceOpenResult kr = open_device(k.dir);
  if (!kr.db) {
    std::fprintf(stderr, "cannot open the kiosk folder: %s\n", kr.error.c_str());
    return 3;
  }
  k.db = std::move(kr.db);
  EnrolResult er = enrol_device(*k.db, "https://127.0.0.1:" + std::to_string(proxy.port()), pin, code, "fault", clock);
  if (!er.ok) {
    std::fprintf(stderr, "enrolment failed: %s\n", er.error.c_str());
    return 3;
  }
  k.device_id = er.device_id;
  if (!sync_once(*k.db, clock).ok) std::fprintf(stderr, "first sync failed (faults not started yet)\n");
  run.kiosks.push_back(std::move(k));
  return 0;
}

// The demo gateway on its nodes behind the load balancer, and the kiosks enrolled through it. 0 or an exit code.
int set_up(Run& run, std::unique_ptr<Proxy>& proxy) {
  run.root = fs::temp_directory_path() / ("waymark-fault-" + std::to_string(::getpid()));
  fs::remove_all(run.root);
  run.gdir = (run.root / "gateway").string();
  run.self = fs::read_symlink("/proc/self/exe").string();
  std::string store_url;
  if (!run.db_url.empty()) {
    try {
      run.pg = std::make_unique<PgScratch>(run.db_url, "waymark_fault");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 3;
    }
    store_url = run.pg->url();
    ::setenv("WAYMARK_GATEWAY_DB", store_url.c_str(), 1);  // this program's opens, the nodes' and the CLI's
  }
  {
    auto g = gateway::open_gateway(run.gdir, true);
    gateway::seed_gateway_demo(*g, wall_ms());
    gateway::make_self_signed(gateway::key_path(run.gdir), gateway::cert_path(run.gdir), "fault gateway", {});
  }
  std::vector<int> ports;
  for (int n = 0; n < run.nodes; n++) {
    run.gateways.push_back(std::make_unique<GatewayNode>(WAYMARK_GATEWAY_BIN, run.gdir, store_url,
                                                         std::vector<std::string>{"--threads", "4"}));
    if (!run.gateways.back()->start()) {
      std::fprintf(stderr, "gateway node %d did not start\n", n + 1);
      return 3;
    }
    ports.push_back(run.gateways.back()->port());
  }
  proxy = std::make_unique<Proxy>(ports);
  const std::string pin = gateway::cert_pin(gateway::cert_path(run.gdir));
  for (int i = 0; i < run.kiosk_count; i++)
    if (const int rc = enrol_kiosk(run, *proxy, pin, i); rc != 0) return rc;
  for (auto& k : run.kiosks) start_kiosk(run, k);
  return 0;
}

// Where the gateway has the child now (an establishment's code).
std::string home_of(Db& g, const std::string& child) {
  Stmt s(g, "SELECT e.code FROM children c JOIN establishments e ON e.id = c.establishment_id WHERE c.number = :n");
  s.bind(":n", child);
  return s.step() ? s.text(0) : std::string();
}

// The child writes a message on a kiosk that has them signed in: on its roster, active, not leaving it. The
// check and the write are one transaction, so the kiosk's sync cannot remove the child in between. False when
// no kiosk has the child just now (the new establishment's kiosks have not heard of the transfer yet).
bool write_message(Run& run, const Writer& w, std::mt19937& rng) {
  std::vector<size_t> order(run.kiosks.size());
  for (size_t i = 0; i < order.size(); i++) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  SystemClock clock;
  for (size_t k : order) {
    Db& db = *run.kiosks[k].db;
    Txn t(db);
    {
      Stmt here(db, "SELECT 1 FROM children WHERE number = :c AND active = 1 AND number NOT IN (SELECT child FROM departures)");
      here.bind(":c", w.child);
      if (!here.step()) continue;
    }
    const std::string body =
        nlohmann::json{{"to", w.worker}, {"text", "fault message " + std::to_string(run.finalize_attempts)}}.dump();
    const std::string id = outbox_add(db, "message", w.child, body, clock.now_s());
    const int64_t seq = outbox_get(db, id)->seq;
    t.commit();
    run.ledger.push_back(Run::Written{k, id, w.child, body, seq});
    run.finalize_attempts++;
    return true;
  }
  return false;
}

// Moves a child who moves to the other establishment with `waymark-gateway children transfer`, killed now and
// then at a random moment: the move then happened whole or not at all.
void transfer(Run& run, std::mt19937& rng) {
  const Writer& w = kWriters[rng() % 2 == 0 ? 0 : 2];
  std::string from;
  {
    auto g = gateway::open_gateway(run.gdir);
    from = home_of(*g, w.child);
  }
  const std::string to = from == kHomes[0].code ? kHomes[1].code : kHomes[0].code;
  pid_t pid = spawn({WAYMARK_GATEWAY_BIN, "children", "transfer", "--data", run.gdir, "--child", w.child, "--to", to});
  run.transfers++;
  if (rng() % 100 < 30) {
    sleep_ms(static_cast<int>(rng() % 40));
    kill_wait(pid);
    run.transfer_kills++;
  } else {
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
}

void run_cycles(Run& run, Proxy& proxy) {
  std::mt19937 rng(run.seed);
  auto chance = [&](int pct) { return static_cast<int>(rng() % 100) < pct; };
  auto between = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
  auto any_of = [&](auto& v) -> auto& { return v[rng() % v.size()]; };
  for (int c = 0; c < run.cycles; c++) {
    const int n = between(1, 3);
    for (int i = 0; i < n; i++)
      if (!write_message(run, any_of(kWriters), rng)) run.not_written++;
    sleep_ms(between(0, 60));
    if (chance(15)) transfer(run, rng);
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

// Rows of the child on a kiosk: in every table with a `child` column (departures too), the roster and PIN
// lockouts.
int64_t rows_of_child(Db& db, const std::string& child) {
  std::vector<std::string> tables;
  {
    Stmt s(db, "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'child'");
    while (s.step()) tables.push_back(s.text(0));
  }
  int64_t n = 0;
  for (const std::string& t : tables) {
    Stmt c(db, "SELECT count(*) FROM \"" + t + "\" WHERE child = :c");  // names from sqlite_schema, not input
    c.bind(":c", child);
    c.step();
    n += c.i64(0);
  }
  for (const char* sql : {"SELECT count(*) FROM children WHERE number = :c",
                          "SELECT count(*) FROM pin_attempts WHERE kind = 'child' AND number = :c"}) {
    Stmt c(db, sql);
    c.bind(":c", child);
    c.step();
    n += c.i64(0);
  }
  return n;
}

// A kiosk is settled when nothing waits to go up, the gateway has everything it wrote, no departure is pending,
// and its roster has exactly the children the gateway has at its establishment (of those who write here).
bool settled(Run& run, Db& g, size_t k) {
  Run::Kiosk& kiosk = run.kiosks[k];
  if (count_of(*kiosk.db, "SELECT count(*) FROM outbox WHERE state = 'waiting'") != 0) return false;
  if (count_of(*kiosk.db, "SELECT count(*) FROM departures") != 0) return false;
  int64_t wrote = 0;
  for (const auto& w : run.ledger)
    if (w.kiosk == k) wrote = std::max(wrote, w.seq);
  Stmt h(g, "SELECT seq_high FROM devices WHERE id = :d");
  h.bind(":d", kiosk.device_id);
  if (!h.step() || h.i64(0) < wrote) return false;
  for (const Writer& w : kWriters) {
    Stmt on(*kiosk.db, "SELECT count(*) FROM children WHERE number = :c AND active = 1");
    on.bind(":c", w.child);
    on.step();
    if ((on.i64(0) == 1) != (home_of(g, w.child) == kiosk.home)) return false;
  }
  return true;
}

// Faults off: waits (at most 60 s) until every kiosk is settled.
bool drain(Run& run) {
  const auto start = Steady::now();
  while (Steady::now() - start < std::chrono::seconds(60)) {
    auto g = gateway::open_gateway(run.gdir);
    bool all = true;
    for (size_t k = 0; k < run.kiosks.size() && all; k++) all = settled(run, *g, k);
    if (all) return true;
    g.reset();
    sleep_ms(50);
  }
  return false;
}

struct Tally {
  int64_t finalized = 0, delivered = 0, lost = 0, duplicated = 0, refused = 0, gateway_rows = 0, left_behind = 0;
};

// Whether the kiosk may no longer hold the child's record: the child left its establishment at some point.
bool left_there(Db& g, const std::string& child, const std::string& home) {
  Stmt s(g, "SELECT 1 FROM transfers t JOIN establishments e ON e.id = t.from_establishment WHERE t.child = :c AND e.code = :h");
  s.bind(":c", child).bind(":h", home);
  return s.step();
}

// Every message written against the gateway's records of the kiosks, and every kiosk against the roster.
Tally count(Run& run) {
  Tally t;
  auto g = gateway::open_gateway(run.gdir);
  std::set<std::string> ids, bodies;
  for (const Run::Written& w : run.ledger) ids.insert(w.id);
  for (const Run::Kiosk& k : run.kiosks) {  // what the gateway holds from them: once each, nothing unknown
    Stmt r(*g, "SELECT id, body, status FROM records WHERE device_id = :d AND kind = 'message'");
    r.bind(":d", k.device_id);
    while (r.step()) {
      t.gateway_rows++;
      if (r.text(2) != "accepted") t.refused++;
      if (!ids.count(r.text(0)) || !bodies.insert(r.text(1)).second) t.duplicated++;
    }
  }
  for (const Run::Written& w : run.ledger) {  // each written message arrived, from where it was written
    const Run::Kiosk& k = run.kiosks[w.kiosk];
    t.finalized++;
    Stmt r(*g, "SELECT device_id, body, child, CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END FROM records WHERE id = :id AND status = 'accepted'");
    r.bind(":id", w.id);
    if (!r.step() || r.text(0) != k.device_id || r.text(1) != w.body || r.text(2) != w.child) {
      t.lost++;
      continue;
    }
    const auto held = outbox_get(*k.db, w.id);  // gone only where the child has left
    if (!held && !left_there(*g, w.child, k.home)) t.lost++;
    else if (r.i64(3) != 0 && (!held || held->state == "delivered" || held->state == "read")) t.delivered++;
  }
  for (const Run::Kiosk& k : run.kiosks)  // nothing of a child stays where they no longer are
    for (const Writer& w : kWriters)
      if (home_of(*g, w.child) != k.home) t.left_behind += rows_of_child(*k.db, w.child);
  t.lost += t.refused;
  return t;
}

// The workers open their inboxes (every message becomes "delivered"); one more sync each brings the receipts.
std::string deliver(Run& run) {
  {
    auto g = gateway::open_gateway(run.gdir);
    for (int worker : {1, 2}) gateway::api_worker_inbox(*g, worker, wall_ms());
  }
  std::string last = "ok";
  SystemClock clock;
  for (auto& k : run.kiosks) {
    const SyncReport r = sync_once(*k.db, clock);
    if (!r.ok) last = r.error;
  }
  return last;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--sync-child") return run_sync_child(argv[2]);
  Run run;
  run.seed = static_cast<unsigned>(wall_ms());
  if (parse(run, argc, argv) != 0) {
    std::fprintf(stderr, "usage: waymark-fault-sync [--cycles N] [--seed S] [--nodes 1|2] [--kiosks 2..8] [--db URL] [--keep]\n");
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
  const std::string last = deliver(run);
  for (auto& g : run.gateways) g->kill();
  const Tally t = count(run);
  const double secs = std::chrono::duration<double>(Steady::now() - t0).count();
  std::printf("faults: kiosk kills %d, node kills %d, answers cut after commit %d; drained %s; last sync %s; %.1f s\n",
              run.kiosk_kills, run.node_kills, proxy->cuts.load(), drained ? "yes" : "NO", last.c_str(), secs);
  std::printf("transfers %d (%d killed mid-way); writes skipped while a child was between kiosks %d; "
              "rows of departed children left on old kiosks %lld\n",
              run.transfers, run.transfer_kills, run.not_written, static_cast<long long>(t.left_behind));
  std::printf("gateway rows=%lld refused=%lld\n", static_cast<long long>(t.gateway_rows), static_cast<long long>(t.refused));
  std::printf("cycles=%d finalized=%lld delivered=%lld lost=%lld duplicated=%lld\n", run.cycles,
              static_cast<long long>(t.finalized), static_cast<long long>(t.delivered), static_cast<long long>(t.lost),
              static_cast<long long>(t.duplicated));
  for (auto& k : run.kiosks) k.db.reset();
  proxy.reset();
  if (!run.keep) fs::remove_all(run.root);
  const bool good = t.lost == 0 && t.duplicated == 0 && t.left_behind == 0 && t.delivered == t.finalized &&
                    t.finalized == run.finalize_attempts;
  return good ? 0 : 1;
}
