// core/base/clock.h: time as the product sees it. Nothing else in the product reads the system clock.
// Wall time is unix milliseconds.
// WAYMARK_NOW (for example 2027-03-01T09:00:00Z, or a bare 2027-03-01) moves "now" for tests and demos: the
// clock starts at that instant when the process starts and runs on from there at the real pace. The kiosk,
// waymarkctl and waymark-gateway all read it here, so a test that sets it sees the same day everywhere,
// whatever the machine's clock says. The kiosk's clock is the system clock plus an offset that the scripted
// driver's `idle` advances (a virtual clock: tests never sleep), and (with sync) never earlier than the
// gateway's authenticated time.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

namespace waymark {

class Clock {
public:
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;
  int64_t now_s() const { return now_ms() / 1000; }
};

// The machine's clock, moved by WAYMARK_NOW when it is set (see above).
class SystemClock : public Clock {
public:
  int64_t now_ms() const override;
};

// The product's "now" without a Clock object at hand: the same as SystemClock().now_ms().
int64_t wall_now_ms();
inline int64_t wall_now_s() { return wall_now_ms() / 1000; }

// Parses WAYMARK_NOW's forms ("YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]Z") into unix ms; nullopt if not one.
std::optional<int64_t> parse_now_override(const char* text);

// System time plus an offset the driver can advance, floored at a trusted time (the gateway's).
class OffsetClock : public Clock {
public:
  int64_t now_ms() const override;
  void advance_ms(int64_t ms) { offset_ms_ += ms; }
  // Scripted runs: stop following the system clock, so only advance_ms moves time and a script
  // behaves the same on a fast or a slow machine.
  void freeze();
  void set_floor_ms(int64_t floor_ms) { floor_ms_ = floor_ms; }

private:
  std::atomic<int64_t> offset_ms_{0};
  std::atomic<int64_t> floor_ms_{0};
  std::atomic<int64_t> frozen_at_ms_{0};  // 0: follows the system clock
};

// Fully manual, for unit tests.
class ManualClock : public Clock {
public:
  explicit ManualClock(int64_t start_ms = 1767225600000) : now_(start_ms) {}  // default 2026-01-01T00:00:00Z
  int64_t now_ms() const override { return now_; }
  void set_ms(int64_t ms) { now_ = ms; }
  void advance_ms(int64_t ms) { now_ += ms; }

private:
  int64_t now_;
};

}  // namespace waymark
