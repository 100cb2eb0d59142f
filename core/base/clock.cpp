#include "core/base/clock.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/base/dates.h"

namespace waymark {

std::optional<int64_t> parse_now_override(const char* text) {
  if (!text || !*text) return std::nullopt;
  const std::string s(text);
  const auto day = parse_date(s.substr(0, 10));
  if (!day) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (s.size() > 10) {
    // "THH:MMZ" or "THH:MM:SSZ", UTC only: a test must mean the same instant in every time zone.
    char z = 0;
    int n = 0;
    const char* rest = s.c_str() + 10;
    if (std::sscanf(rest, "T%2d:%2d:%2d%c%n", &hh, &mm, &ss, &z, &n) == 4 && z == 'Z' && rest[n] == '\0') {
    } else if (ss = 0, std::sscanf(rest, "T%2d:%2d%c%n", &hh, &mm, &z, &n) == 3 && z == 'Z' && rest[n] == '\0') {
    } else {
      return std::nullopt;
    }
    if (hh > 23 || mm > 59 || ss > 59 || hh < 0 || mm < 0 || ss < 0) return std::nullopt;
  }
  return (days_from_civil(*day) * 86400LL + hh * 3600LL + mm * 60LL + ss) * 1000LL;
}

namespace {
int64_t machine_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Read once per process: the shift from the machine's clock to the WAYMARK_NOW start (0 when unset).
int64_t override_shift_ms() {
  static const int64_t shift = [] {
    const char* env = std::getenv("WAYMARK_NOW");
    if (!env || !*env) return int64_t{0};
    const auto at = parse_now_override(env);
    if (!at) {
      std::fprintf(stderr, "waymark: WAYMARK_NOW=%s is not YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z; using the system clock\n", env);
      return int64_t{0};
    }
    return *at - machine_ms();
  }();
  return shift;
}
}  // namespace

int64_t wall_now_ms() { return machine_ms() + override_shift_ms(); }

int64_t SystemClock::now_ms() const { return wall_now_ms(); }

void OffsetClock::freeze() { frozen_at_ms_ = wall_now_ms(); }

int64_t OffsetClock::now_ms() const {
  const int64_t frozen = frozen_at_ms_.load();
  int64_t t = (frozen ? frozen : wall_now_ms()) + offset_ms_.load();
  return std::max(t, floor_ms_.load());
}

}  // namespace waymark
