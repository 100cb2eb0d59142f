// tests/bench/bench_util.h: what bench_kiosk and bench_render share: percentiles and their printing, this
// thread's CPU time (the fairer figure on a shared machine), the load average, and playing script lines through
// the UI script runner (kiosk/driver), as the UI tests do.
#pragma once

#include <string>
#include <vector>

namespace waymark::kiosk {
class App;
}

namespace waymark::bench {

struct Pct {
  double p50 = 0, p99 = 0;
};
Pct percentiles(std::vector<double> v);  // zeros for no values
std::string p50_p99(const std::vector<double>& v);  // "1.23 / 4.56"

double thread_cpu_ms();
std::string load_average();  // "1.20 1.35 1.40" (1, 5 and 15 minutes)

// Plays the script lines on app; a script error or a failed step ends the program with status 1, naming it.
void play(kiosk::App& app, const std::string& script);

}  // namespace waymark::bench
