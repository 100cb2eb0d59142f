// bench_sync: sync throughput and latency with many simulated kiosks against gateway nodes on loopback.
//   bench_sync [--kiosks 500] [--rounds 4] [--threads 16] [--drain 1000] [--store sqlite|pg|both] [--db URL]
//              [--nodes 1|2] [--per-address N]
// Each store is a column: a fresh demo gateway served by `waymark-gateway serve` processes (--nodes of them on
// the one store, the kiosks enrolled half to each, as behind a load balancer), and --kiosks real device
// databases enrolled over HTTPS with their own Ed25519 keys. All come from 127.0.0.1, so the nodes run with
// --per-address kiosks+8 (as if each kiosk had its own address) unless --per-address says otherwise. A round is one sync_once, as the kiosk's
// background thread does: /v1/up when a message waits, then /v1/down. Phases, each beside the first:
//   baseline   idle polls, a new TLS connection every round (how kiosks synced before keep-alive)
//   kept       idle polls, each kiosk keeping its connection (and TLS session) from round to round
//   mixed      kept, with a message every other round (up + receipts + down, each durable)
// Each line gives rounds/s, requests/s, p50/p99 per round, CPU per request of the gateway processes and of
// this program (the simulated kiosks: TLS, signing, their own databases), and the load average: the machine
// is shared, so read figures beside their baseline from the same run. Then the time to drain queued messages.
// At the end one table puts the stores side by side, phase by phase, with the baseline in its first row.
// PostgreSQL: each run seeds a database of its own on the --db server and drops it after (tests/common/pg_scratch.h).
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
#include "tests/common/gateway_nodes.h"
#include "tests/common/pg_scratch.h"
#include "tests/gateway/fixture.h"

#ifndef WAYMARK_GATEWAY_BIN
#error "WAYMARK_GATEWAY_BIN must name the waymark-gateway binary"
#endif

using namespace waymark;
using namespace waymark::testing;
using Steady = std::chrono::steady_clock;

namespace {
struct Options {
  int kiosks = 500, rounds = 4, threads = 16, drain = 1000, nodes = 1;
  int per_address = 0;  // the nodes' --per-address; 0: one per kiosk (each kiosk as if on its own address)
  std::vector<std::string> stores = {"sqlite"};
  std::string db_url;  // PostgreSQL: a libpq URI
};

double ms_since(Steady::time_point t) { return std::chrono::duration<double, std::milli>(Steady::now() - t).count(); }

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

double own_cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double load1() {
  double l[1] = {0};
  return ::getloadavg(l, 1) == 1 ? l[0] : -1;
}

void queue_messages(Db& db, int n, int tag) {
  Txn t(db);
  for (int i = 0; i < n; i++)
    outbox_add(db, "message", "1001", json{{"to", 1}, {"text", "bench " + std::to_string(tag) + "/" + std::to_string(i)}}.dump(), wall_ms() / 1000);
  t.commit();
}

int64_t waiting(Db& db) {
  Stmt s(db, "SELECT count(*) FROM outbox WHERE state = 'waiting'");
  s.step();
  return s.i64(0);
}

// One phase's figures, for the table at the end.
struct Figures {
  std::string phase;
  double rounds_s = 0, req_s = 0, p50 = 0, p99 = 0, gw_cpu = 0, kiosk_cpu = 0;
  int64_t failures = 0;
  double load = 0;
};

// One column: a store, its nodes, and the kiosks enrolled to them.
struct Column {
  std::string name, dir;
  std::unique_ptr<PgScratch> pg;  // PostgreSQL: this run's own database
  std::vector<Figures> figures;
  std::string drain_one, drain_spread;
  std::vector<std::unique_ptr<GatewayNode>> nodes;
  std::vector<std::unique_ptr<TestDevice>> devs;
  std::vector<std::unique_ptr<SyncLink>> links;
  std::unique_ptr<std::mutex[]> busy;  // one per kiosk: a kiosk syncs one round at a time, as the real one does
  double gateway_cpu() const {
    double s = 0;
    for (const auto& n : nodes) s += n->cpu_seconds();
    return s;
  }
};

// Runs fn(i) for i in [0, n) on `threads` threads.
template <typename Fn>
void on_threads(int threads, int n, Fn fn) {
  std::atomic<int> next{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; t++)
    ts.emplace_back([&] {
      for (int i; (i = next++) < n;) fn(i);
    });
  for (auto& t : ts) t.join();
}

// The demo gateway for a column: a copy of the SQLite template, or a PostgreSQL database of this run's own
// seeded through WAYMARK_GATEWAY_DB, which this program's own opens and the nodes both follow
// (gateway/store/database.h).
std::string demo_gateway(Column& col, const Options& o, const std::string& store) {
  if (store != "pg") {
    ::unsetenv("WAYMARK_GATEWAY_DB");
    return demo_gateway_copy("bench-" + store);
  }
  col.pg = std::make_unique<PgScratch>(o.db_url, "waymark_bench");
  ::setenv("WAYMARK_GATEWAY_DB", col.pg->url().c_str(), 1);
  const std::string dir = temp_dir("bench-pg");
  auto db = gateway::open_gateway(dir, true);
  gateway::seed_gateway_demo(*db, wall_ms());
  gateway::make_self_signed(gateway::key_path(dir), gateway::cert_path(dir), "bench gateway", {});
  return dir;
}

bool set_up(Column& col, const Options& o, const std::string& store) {
  try {
    col.dir = demo_gateway(col, o, store);
  } catch (const std::exception& e) {
    std::printf("%s: cannot seed the demo gateway: %s\n", col.name.c_str(), e.what());
    return false;
  }
  for (int n = 0; n < o.nodes; n++) {
    const int cap = o.per_address > 0 ? o.per_address : std::min(512, o.kiosks + 8);
    col.nodes.push_back(std::make_unique<GatewayNode>(WAYMARK_GATEWAY_BIN, col.dir, col.pg ? col.pg->url() : "",
                                                      std::vector<std::string>{"--per-address", std::to_string(cap)}));
    if (!col.nodes.back()->start()) {
      std::printf("%s: `waymark-gateway serve%s` did not start\n", col.name.c_str(), store == "pg" ? " --db URL" : "");
      return false;
    }
  }
  std::vector<std::string> codes;
  {
    auto db = gateway::open_gateway(col.dir);
    for (int i = 0; i < o.kiosks; i++) codes.push_back(gateway::issue_enrol_code(*db, "Oak", 1, "bench", wall_ms()));
  }
  const auto pin = gateway::cert_pin(gateway::cert_path(col.dir));
  col.devs.resize(static_cast<size_t>(o.kiosks));
  std::atomic<int> failed{0};
  const auto te = Steady::now();
  on_threads(o.threads, o.kiosks, [&](int i) {
    auto d = std::make_unique<TestDevice>("bench-k");
    const std::string url = col.nodes[static_cast<size_t>(i) % col.nodes.size()]->url();  // half to each node
    if (!enrol_device(*d->db, url, pin, codes[static_cast<size_t>(i)], "bench", d->clock).ok) failed++;
    col.devs[static_cast<size_t>(i)] = std::move(d);
  });
  for (int i = 0; i < o.kiosks; i++) col.links.push_back(std::make_unique<SyncLink>());
  col.busy = std::make_unique<std::mutex[]>(static_cast<size_t>(o.kiosks));
  if (failed) {
    std::printf("%s: %d enrolments failed\n", col.name.c_str(), failed.load());
    return false;
  }
  for (auto& d : col.devs) d->sync();  // first sync: the roster
  std::printf("%s: %zu node(s), %d kiosks enrolled in %.1f s\n", col.name.c_str(), col.nodes.size(), o.kiosks, ms_since(te) / 1000);
  return true;
}

// The caller holds col.busy[k].
SyncReport round_of(Column& col, size_t k, bool keep) {
  TestDevice& d = *col.devs[k];
  SyncOptions so;
  if (keep) so.link = col.links[k].get();
  return sync_once(*d.db, d.clock, so);
}

void phase(Column& col, const Options& o, const char* name, bool keep, bool messages) {
  std::vector<double> lat;
  std::mutex mu;
  std::atomic<int64_t> requests{0}, failures{0};
  const double l0 = load1(), g0 = col.gateway_cpu(), c0 = own_cpu_seconds();
  const auto t0 = Steady::now();
  const int total = o.kiosks * o.rounds;
  on_threads(o.threads, total, [&](int j) {
    const size_t k = static_cast<size_t>(j % o.kiosks);
    const bool up = messages && (j / o.kiosks) % 2 == 0;
    std::lock_guard kiosk(col.busy[k]);
    if (up) queue_messages(*col.devs[k]->db, 1, j);
    const auto t1 = Steady::now();
    const SyncReport r = round_of(col, k, keep);
    const double ms = ms_since(t1);
    requests += up ? 2 : 1;
    if (!r.ok) failures++;
    std::lock_guard lk(mu);
    lat.push_back(ms);
  });
  const double secs = ms_since(t0) / 1000;
  const double reqs = static_cast<double>(requests.load());
  Figures f{name, static_cast<double>(lat.size()) / secs, reqs / secs, pct(lat, 0.50), pct(lat, 0.99),
            (col.gateway_cpu() - g0) * 1000 / reqs, (own_cpu_seconds() - c0) * 1000 / reqs, failures.load(), load1()};
  std::printf("  %-52s %6.0f rounds/s %6.0f req/s  p50 %5.1f ms  p99 %6.1f ms  CPU/req gateway %.2f ms, kiosks %.2f ms  "
              "failures %lld  load %.1f-%.1f\n",
              name, f.rounds_s, f.req_s, f.p50, f.p99, f.gw_cpu, f.kiosk_cpu, static_cast<long long>(f.failures), l0, f.load);
  col.figures.push_back(f);
}

void drains(Column& col, const Options& o) {
  TestDevice& d = *col.devs[0];
  queue_messages(*d.db, o.drain, -1);
  auto t1 = Steady::now();
  SyncReport r = round_of(col, 0, true);
  const double one_ms = ms_since(t1);
  std::printf("  drain %d queued messages from one kiosk: %.0f ms (%d accepted, ok=%d, %lld left waiting)\n", o.drain,
              one_ms, r.accepted, r.ok ? 1 : 0, static_cast<long long>(waiting(*d.db)));
  col.drain_one = std::to_string(static_cast<long long>(one_ms)) + " ms";
  for (int i = 0; i < o.drain; i++) queue_messages(*col.devs[static_cast<size_t>(i % o.kiosks)]->db, 1, 100000 + i);
  t1 = Steady::now();
  on_threads(o.threads, o.kiosks, [&](int i) {
    std::lock_guard lk(col.busy[static_cast<size_t>(i)]);
    round_of(col, static_cast<size_t>(i), true);
  });
  int64_t left = 0;
  for (auto& dev : col.devs) left += waiting(*dev->db);
  const double spread_ms = ms_since(t1);
  std::printf("  drain %d queued messages spread over %d kiosks: %.0f ms (%lld left waiting)\n", o.drain, o.kiosks,
              spread_ms, static_cast<long long>(left));
  col.drain_spread = std::to_string(static_cast<long long>(spread_ms)) + " ms";
}

// The stores side by side: a row per phase (the new-connection baseline first), a column per store.
void print_table(const std::vector<Column>& cols, const Options& o) {
  if (cols.empty()) return;
  std::printf("\n%d kiosks, %d node(s) per store; req/s, p50/p99 per round (ms), gateway CPU per request (ms):\n",
              o.kiosks, o.nodes);
  std::printf("  %-34s", "phase");
  for (const Column& c : cols) std::printf(" | %-36s", c.name.c_str());
  std::printf("\n");
  for (size_t row = 0; row < cols.front().figures.size(); row++) {
    std::printf("  %-34.34s", cols.front().figures[row].phase.c_str());
    for (const Column& c : cols) {
      if (row >= c.figures.size()) continue;
      const Figures& f = c.figures[row];
      std::printf(" | %5.0f req/s %5.1f/%6.1f ms %5.2f ms", f.req_s, f.p50, f.p99, f.gw_cpu);
    }
    std::printf("\n");
  }
  std::printf("  %-34s", "drain: one kiosk / spread");
  for (const Column& c : cols) std::printf(" | %-36s", (c.drain_one + " / " + c.drain_spread).c_str());
  std::printf("\n  load average at the end: %.1f\n", load1());
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    const int n = std::atoi(v.c_str());
    if (a == "--kiosks") o.kiosks = std::max(1, n);
    else if (a == "--rounds") o.rounds = std::max(1, n);
    else if (a == "--threads") o.threads = std::max(1, n);
    else if (a == "--drain") o.drain = std::max(1, n);
    else if (a == "--nodes") o.nodes = std::clamp(n, 1, 8);
    else if (a == "--per-address") o.per_address = std::clamp(n, 1, 512);
    else if (a == "--db") o.db_url = v;
    else if (a == "--store" && (v == "sqlite" || v == "pg")) o.stores = {v};
    else if (a == "--store" && v == "both") o.stores = {"sqlite", "pg"};
    else {
      std::fprintf(stderr, "usage: bench_sync [--kiosks N] [--rounds N] [--threads N] [--drain N] [--store sqlite|pg|both] "
                           "[--db URL] [--nodes N] [--per-address N]\n");
      std::exit(2);
    }
  }
  return o;
}
}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it is measured, also into a file
  const Options o = parse(argc, argv);
  std::printf("%d kiosks, %d rounds each, %d client threads, %d node(s) per store, --per-address %d (machine: %u cores, "
              "load %.1f)\n",
              o.kiosks, o.rounds, o.threads, o.nodes, o.per_address > 0 ? o.per_address : std::min(512, o.kiosks + 8),
              std::thread::hardware_concurrency(), load1());
  std::vector<Column> done;
  for (const std::string& store : o.stores) {
    Column col;
    col.name = store == "pg" ? "PostgreSQL" : "SQLite";
    if (o.nodes > 1) col.name += ", " + std::to_string(o.nodes) + " nodes";
    if (store == "pg" && o.db_url.empty()) {
      std::printf("%s: skipped; give --db postgresql://... (a server where this run may create a database of its own)\n",
                  col.name.c_str());
      continue;
    }
    if (set_up(col, o, store)) {
      phase(col, o, "baseline: idle polls, a new connection each round", false, false);
      phase(col, o, "kept: idle polls, the connection kept between rounds", true, false);
      phase(col, o, "mixed: kept, a message every other round", true, true);
      drains(col, o);
    }
    for (auto& n : col.nodes) n->kill();
    for (auto& d : col.devs) fs::remove_all(d->dir);
    if (!col.dir.empty()) fs::remove_all(col.dir);
    col.devs.clear();
    col.links.clear();
    if (!col.figures.empty()) done.push_back(std::move(col));
  }
  print_table(done, o);
  return done.size() == o.stores.size() ? 0 : 1;
}
