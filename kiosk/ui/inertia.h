// kiosk/ui/inertia.h: drag-to-scroll with a fling, as pure arithmetic (unit-tested without a screen).
#pragma once

#include <algorithm>
#include <cmath>

namespace waymark::ui {

struct Inertia {
  float offset = 0.0f;        // scroll position in pixels
  float velocity = 0.0f;      // pixels per second, positive scrolls down the content
  bool pressed = false;
  bool dragging = false;      // moved past the slop: a drag, not a tap
  float press_y = 0.0f, press_offset = 0.0f, last_y = 0.0f;
  double last_t = 0.0;
  float friction = 4.0f;      // default 4/s: velocity falls to 1/e in a quarter second
  float stop_speed = 20.0f;   // default 20 px/s: below this the list stops

  void press(float y, double t) {
    pressed = true;
    dragging = false;
    velocity = 0;
    press_y = last_y = y;
    press_offset = offset;
    last_t = t;
  }
  // returns true when this move turned the press into a drag
  bool move(float y, double t, float slop) {
    if (!pressed) return false;
    bool became = false;
    if (!dragging && std::fabs(y - press_y) > slop) {
      dragging = true;
      became = true;
    }
    if (dragging) {
      offset = press_offset - (y - press_y);
      const double dt = t - last_t;
      if (dt > 1e-4) {
        const float v = static_cast<float>((last_y - y) / dt);
        velocity = 0.6f * v + 0.4f * velocity;  // smoothed finger speed
      }
    }
    last_y = y;
    last_t = t;
    return became;
  }
  void release(double t) {
    if (t - last_t > 0.1) velocity = 0;  // finger rested before lifting: no fling
    if (!dragging) velocity = 0;
    pressed = false;
    dragging = false;
  }
  // advances the fling; returns true while still moving
  bool step(float dt, float max_offset, bool calm) {
    if (!pressed) {
      if (calm) velocity = 0;
      offset += velocity * dt;
      velocity *= std::exp(-friction * dt);
      if (std::fabs(velocity) < stop_speed) velocity = 0;
    }
    if (offset < 0) {
      offset = 0;
      velocity = 0;
    }
    if (offset > max_offset) {
      offset = std::max(0.0f, max_offset);
      velocity = 0;
    }
    return velocity != 0.0f;
  }
};

}  // namespace waymark::ui
