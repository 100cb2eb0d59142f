#include "core/clock.h"

#include <algorithm>
#include <chrono>

namespace waymark {

int64_t SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void OffsetClock::freeze() { frozen_at_ms_ = SystemClock().now_ms(); }

int64_t OffsetClock::now_ms() const {
  const int64_t frozen = frozen_at_ms_.load();
  int64_t t = (frozen ? frozen : SystemClock().now_ms()) + offset_ms_.load();
  return std::max(t, floor_ms_.load());
}

}  // namespace waymark
