// bench_sync: sync throughput and latency with many simulated kiosks against one gateway on loopback.
//   bench_sync [--kiosks 500] [--rounds 4] [--threads 16] [--drain 1000]
// Each simulated kiosk is a real device database enrolled over HTTPS with its own Ed25519 key; a round is
// one sync_once (a new TLS connection, /v1/up when it has a message waiting, then /v1/down), as the kiosk's
// background thread does. Prints rounds/s, requests/s and p50/p99 per round, then the time to drain 1,000
// queued messages from one kiosk and from across all kiosks.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;
using Steady = std::chrono::steady_clock;

namespace {
double ms_since(Steady::time_point t) { return std::chrono::duration<double, std::milli>(Steady::now() - t).count(); }

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
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
}  // namespace

int main(int argc, char** argv) {
  int kiosks = 500, rounds = 4, threads = 16, drain = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (a == "--kiosks") kiosks = std::max(1, v);
    else if (a == "--rounds") rounds = std::max(1, v);
    else if (a == "--threads") threads = std::max(1, v);
    else if (a == "--drain") drain = std::max(1, v);
  }
  TestGateway gw(demo_gateway_copy("bench"));
  std::printf("gateway on %s; %d kiosks, %d rounds each, %d client threads (machine: %u cores)\n", gw.url().c_str(), kiosks,
              rounds, threads, std::thread::hardware_concurrency());

  // ---- enrol
  std::vector<std::unique_ptr<TestDevice>> devs(static_cast<size_t>(kiosks));
  const auto te = Steady::now();
  {
    std::vector<std::string> codes;
    auto db = gw.db();
    for (int i = 0; i < kiosks; i++) codes.push_back(gateway::issue_enrol_code(*db, "Oak", 1, "bench", gw.now()));
    std::atomic<int> next{0}, failed{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; t++)
      ts.emplace_back([&] {
        for (int i; (i = next++) < kiosks;) {
          auto d = std::make_unique<TestDevice>("bench-k");
          if (!enrol_device(*d->db, gw.url(), gw.pin(), codes[static_cast<size_t>(i)], "bench", d->clock).ok) failed++;
          devs[static_cast<size_t>(i)] = std::move(d);
        }
      });
    for (auto& t : ts) t.join();
    if (failed) {
      std::fprintf(stderr, "%d enrolments failed\n", failed.load());
      return 1;
    }
  }
  std::printf("enrolled %d kiosks in %.1f s\n", kiosks, ms_since(te) / 1000);

  // ---- sync rounds. Baseline: idle polls (TLS handshake, signature, a read, no durable write). Then the
  // mixed load: every other round has a message waiting (up + receipts + down, each durable).
  auto phase = [&](const char* name, bool messages) {
    std::vector<double> lat;
    std::mutex mu;
    std::atomic<int64_t> requests{0}, failures{0};
    const auto ts0 = Steady::now();
    std::atomic<int> next{0};
    const int total = kiosks * rounds;
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; t++)
      ts.emplace_back([&] {
        std::vector<double> mine;
        for (int j; (j = next++) < total;) {
          TestDevice& d = *devs[static_cast<size_t>(j % kiosks)];
          const bool up = messages && (j / kiosks) % 2 == 0;
          if (up) queue_messages(*d.db, 1, j);
          const auto t1 = Steady::now();
          SyncReport r = d.sync();
          mine.push_back(ms_since(t1));
          requests += up ? 2 : 1;
          if (!r.ok) failures++;
        }
        std::lock_guard lk(mu);
        lat.insert(lat.end(), mine.begin(), mine.end());
      });
    for (auto& t : ts) t.join();
    const double secs = ms_since(ts0) / 1000;
    std::printf("%s: %zu rounds in %.2f s = %.0f rounds/s, %.0f requests/s; per round p50 %.1f ms, p99 %.1f ms; failures %lld\n",
                name, lat.size(), secs, static_cast<double>(lat.size()) / secs, static_cast<double>(requests.load()) / secs,
                pct(lat, 0.50), pct(lat, 0.99), static_cast<long long>(failures.load()));
  };
  for (auto& d : devs) d->sync();  // first sync: the roster
  phase("baseline, idle polls", false);
  phase("mixed, a message every other round", true);

  // ---- drain 1,000 queued messages from one kiosk
  {
    TestDevice& d = *devs[0];
    queue_messages(*d.db, drain, -1);
    const auto t1 = Steady::now();
    SyncReport r = d.sync();
    std::printf("drain %d queued messages from one kiosk: %.0f ms (%d accepted, ok=%d, %lld left waiting)\n", drain, ms_since(t1),
                r.accepted, r.ok ? 1 : 0, static_cast<long long>(waiting(*d.db)));
  }
  // ---- drain 1,000 queued messages spread over all kiosks, all syncing at once
  {
    for (int i = 0; i < drain; i++) queue_messages(*devs[static_cast<size_t>(i % kiosks)]->db, 1, 100000 + i);
    const auto t1 = Steady::now();
    std::atomic<int> next{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; t++)
      ts.emplace_back([&] {
        for (int i; (i = next++) < kiosks;) devs[static_cast<size_t>(i)]->sync();
      });
    for (auto& t : ts) t.join();
    int64_t left = 0;
    for (auto& d : devs) left += waiting(*d->db);
    std::printf("drain %d queued messages spread over %d kiosks: %.0f ms (%lld left waiting)\n", drain, kiosks, ms_since(t1),
                static_cast<long long>(left));
  }
  for (auto& d : devs) fs::remove_all(d->dir);
  return 0;
}
