// tests/bench/bench_util.cpp: see bench_util.h.
#include "tests/bench/bench_util.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "kiosk/app.h"
#include "kiosk/driver/script.h"

namespace waymark::bench {

Pct percentiles(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))]; };
  return {at(0.50), at(0.99)};
}

std::string p50_p99(const std::vector<double>& v) {
  const Pct p = percentiles(v);
  char b[64];
  std::snprintf(b, sizeof b, "%.2f / %.2f", p.p50, p.p99);
  return b;
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

void play(kiosk::App& app, const std::string& script) {
  std::istringstream in(script);
  auto ps = kiosk::parse_script(in);
  if (!ps.error.empty()) {
    std::fprintf(stderr, "bench: script error: %s\n", ps.error.c_str());
    std::exit(1);
  }
  kiosk::Driver d(ps.lines, "/tmp");
  app.run(&d);
  if (d.exit_code() != 0) {
    std::fprintf(stderr, "bench: a script step failed: %s\n", d.failure().c_str());
    std::exit(1);
  }
}

}  // namespace waymark::bench
