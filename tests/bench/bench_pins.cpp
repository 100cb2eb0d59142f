// bench_pins: what guessing a 4-digit PIN costs an attacker, on one core of this machine.
//   bench_pins [--tries 10]
// Times Argon2id verification (one wrong guess) for the old PIN setting (19 MiB, 2 passes: hash_secret, still
// used for passwords) and the PIN setting (64 MiB, 3 passes: hash_pin), and the sealed form's unwrapping.
// Prints tries per second and the time to try all 10,000 four-digit PINs for one child, and states what a copy
// of the data folder without the pepper allows: no try at all (docs/operating.md, "Children's PINs on a device").
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/accounts/pin_seal.h"
#include "core/base/secrets.h"

using namespace waymark;
using Steady = std::chrono::steady_clock;

namespace {

// The median seconds of `tries` calls of f (the median: a loaded machine's slow outliers do not count).
template <class F>
double median_s(int tries, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < tries; i++) {
    const auto a = Steady::now();
    f();
    t.push_back(std::chrono::duration<double>(Steady::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

std::string span(double s) {
  char b[64];
  if (s < 120) std::snprintf(b, sizeof b, "%.0f s", s);
  else if (s < 7200) std::snprintf(b, sizeof b, "%.0f min", s / 60);
  else std::snprintf(b, sizeof b, "%.1f h", s / 3600);
  return b;
}

void report(const char* name, double per_try_s) {
  const double all = per_try_s * 10000;
  std::printf("%-34s %8.1f ms a try  %7.2f tries/s  all 10,000 PINs: %-9s (half on average: %s)  a day? %s\n", name,
              per_try_s * 1000, 1 / per_try_s, span(all).c_str(), span(all / 2).c_str(), all >= 86400 ? "yes" : "no");
}

}  // namespace

int main(int argc, char** argv) {
  int tries = 10;
  for (int i = 1; i + 1 < argc; i++)
    if (std::string(argv[i]) == "--tries") tries = std::max(3, std::atoi(argv[++i]));
  crypto_init();
  const std::string old_hash = hash_secret("1357"), pin_hash = hash_pin("1357");
  std::printf("bench_pins: one core, the median of %d tries each\n", tries);
  report("Argon2id 19 MiB x 2 (old PIN hash)", median_s(tries, [&] { (void)verify_secret(old_hash, "0000"); }));
  const double pin_s = median_s(tries, [&] { (void)verify_secret(pin_hash, "0000"); });
  report("Argon2id 64 MiB x 3 (hash_pin)", pin_s);
  auto seal = PinSeal::random();
  const std::string sealed = seal->seal(pin_hash);
  const double open_s = median_s(tries * 100, [&] { (void)seal->open(sealed); });
  std::printf("unsealing (secretbox open)         %8.4f ms: what a kiosk sign-in adds to the Argon2id check\n", open_s * 1000);
  std::printf("a copied data folder without the pepper: every stored value is sealed with a 256-bit key the copy\n"
              "does not hold, so no PIN can be tried against it; finding the key is 2^255 tries on average, not 10,000.\n"
              "the target (a day on one core for one PIN) is met by the pepper; with the pepper also taken (a whole disk\n"
              "of a device with no TPM), the time above for hash_pin is what stands between the copy and the PIN.\n");
  return 0;
}
