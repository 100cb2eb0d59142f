// core/accounts/session.h: when a signed-in child is signed out for walking away.
// After `timeout_ms` without a touch the session ends; for the last `warning_ms` of that a countdown
// ("Still there? Tap to stay") is shown. Any touch restarts the timer.
#pragma once

#include <cstdint>

namespace waymark {

struct IdlePolicy {
  int64_t timeout_ms = 90'000;  // default 90 s
  int64_t warning_ms = 20'000;  // default 20 s of visible countdown before the end
};

enum class IdlePhase { Active, Warning, Expired };

class IdleTracker {
public:
  explicit IdleTracker(IdlePolicy p = {}) : policy_(p) {}
  void touch(int64_t now_ms) { last_ms_ = now_ms; }
  IdlePhase phase(int64_t now_ms) const;
  // whole seconds left before sign-out, rounded up (shown in the countdown)
  int seconds_left(int64_t now_ms) const;
  // how long the UI may sleep before the phase or the countdown text next changes
  int64_t ms_until_next_change(int64_t now_ms) const;
  const IdlePolicy& policy() const { return policy_; }

private:
  IdlePolicy policy_;
  int64_t last_ms_ = 0;
};

}  // namespace waymark
