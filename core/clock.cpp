#include "core/clock.h"

#include <algorithm>
#include <chrono>

namespace waymark {

int64_t SystemClock::now_ms() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int64_t OffsetClock::now_ms() const {
  int64_t t = SystemClock().now_ms() + offset_ms_.load();
  return std::max(t, floor_ms_.load());
}

}  // namespace waymark
