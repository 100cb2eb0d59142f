#include "core/accounts/session.h"

#include <algorithm>

namespace waymark {

IdlePhase IdleTracker::phase(int64_t now_ms) const {
  const int64_t idle = now_ms - last_ms_;
  if (idle >= policy_.timeout_ms) return IdlePhase::Expired;
  if (idle >= policy_.timeout_ms - policy_.warning_ms) return IdlePhase::Warning;
  return IdlePhase::Active;
}

int IdleTracker::seconds_left(int64_t now_ms) const {
  const int64_t left = std::max<int64_t>(0, last_ms_ + policy_.timeout_ms - now_ms);
  return static_cast<int>((left + 999) / 1000);
}

int64_t IdleTracker::ms_until_next_change(int64_t now_ms) const {
  const int64_t end = last_ms_ + policy_.timeout_ms;
  const int64_t warn = end - policy_.warning_ms;
  if (now_ms < warn) return warn - now_ms;
  if (now_ms >= end) return 0;
  const int64_t left = end - now_ms;
  const int64_t to_next_second = left % 1000;
  return to_next_second == 0 ? 1000 : to_next_second;
}

}  // namespace waymark
