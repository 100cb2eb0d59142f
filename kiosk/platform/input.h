// kiosk/platform/input.h: SDL events -> Dear ImGui 1.86 inputs, one path for touch and mouse.
//
// ImGui 1.86 has no input queue, so a press and release inside one frame would be lost, and its SDL
// backend polls SDL_GetMouseState (which injected events do not move). This layer reads events only:
// it applies them in order and stops at the second button change, leaving the rest for the next frame.
// Fingers are counted (multi-finger gestures cancel a press) but only SDL's synthesized mouse events
// drive ImGui, so one tap is one tap.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace waymark::platform {

struct KeyPress {
  SDL_Keycode key;
  Uint16 mod;
};

struct InputFrame {
  bool any_input = false;        // a touch, click, motion or key arrived (keeps the session alive)
  bool quit_requested = false;   // SDL_QUIT or window close (ignored by the kiosk, counted for tests)
  int signal = 0;                // SIGTERM and friends, via the signal thread
  bool resized = false;
  bool multi_touch = false;      // two or more fingers down at some point this frame
  std::string text;              // UTF-8 typed on a plugged keyboard: never applied to a child's screens
                                 // (text comes only from the kiosk's own keypad and keyboard; see
                                 // tests/ESCAPE_VECTORS.md); staff mode's listing form takes it (an office PC)
  std::vector<KeyPress> keys;    // key downs (for backspace/enter on a plugged keyboard)
};

class Input {
public:
  explicit Input(Uint32 signal_event) : signal_event_(signal_event) {}
  // Consumes events from q into ImGui's io, stopping at a second mouse-button change.
  InputFrame feed(std::deque<SDL_Event>& q);
  int fingers_down() const { return static_cast<int>(fingers_.size()); }

private:
  Uint32 signal_event_;
  std::vector<SDL_FingerID> fingers_;
};

}  // namespace waymark::platform
