// kiosk/driver/script.h: the scripted driver. Tests and operators drive the real kiosk as a person would:
// every tap, keystroke and swipe is pushed into SDL's event queue and takes the same path as a real touch.
//
//   tap <label> | tap #id     tap the visible widget with that label (text before ###) or stable id
//   tap-at <x> <y>
//   type <text>               tap the on-screen keyboard's or keypad's keys, one by one
//   type-date <days>          type the kiosk's date plus days (may be negative) as YYYY-MM-DD, on the keys
//   key <chord>               e.g. alt+f4, ctrl+alt+delete, alt+tab, super, escape, ctrl+w
//   swipe <x1> <y1> <x2> <y2> <ms>
//   wait <ms>                 let time pass (virtual clock, frames drawn)
//   idle <seconds>            let idle time pass with no input (virtual clock; no real sleep)
//   expect <text>             some visible text contains <text>
//   expect-not <text>
//   wait-speech               wait (real time, up to 30 s) until "Read to me" speech asked for so far is made
//                             and played or written (--speech-dir), so a test does not race the speech thread
//   shot <name>               write <shots>/<name>.png (and, with --frame-report FILE, append one JSON line
//                             to FILE: the route, window size, settings, every button and text with its
//                             rect and colours, and any text that did not fit; see frame_report_json)
//   press <label|#id> <ms>    a long press: finger and button down, held <ms> (virtual clock), then up
//   tap-burst <n> <label|#id> <n> taps on one target as fast as a finger can (1 ms apart, no settling)
//   multitap <x1> <y1> <x2> <y2>  two fingers down together, then up; SDL synthesizes the mouse only for
//                             the first finger, so the first point also gets mouse events
//   multitap <label|#id> <x2> <y2>  the same, the first finger on that widget
//   text <text>               typing on a plugged-in keyboard: SDL_TEXTINPUT events (escapes: \n \t \\ \xHH)
//   clipboard <text>          puts <text> on the system clipboard (for paste attempts)
//   quit | close              SDL_QUIT, or the window manager asking the window to close
//   idle-real <ms>            run the real event loop (the one that sleeps when idle) for <ms> wall-clock ms
//   expect-route <route>      the navigator's top route is <route>
//   expect-safe               the kiosk is locked down: one SDL window, shown, full screen (unless
//                             headless/windowed), no stray ImGui window or popup, on sign-in or home
// Blank lines and lines starting with # are comments. Exit 0 when every expectation held, 1 naming the
// failing line when one did not, 2 for a script error.
#pragma once

#include <SDL.h>

#include <deque>
#include <istream>
#include <string>
#include <variant>
#include <vector>

namespace waymark::kiosk {

class App;

struct ScriptLine {
  int number = 0;
  std::string text;              // the line as written
  std::string cmd;
  std::vector<std::string> args;
  std::string rest;              // everything after the command, as written
};

struct ParsedScript {
  std::vector<ScriptLine> lines;
  std::string error;             // non-empty: a script error (exit 2)
};

ParsedScript parse_script(std::istream& in);

// Parses a key chord ("ctrl+alt+delete"); false when a part is unknown.
bool parse_chord(const std::string& chord, SDL_Keycode& key, Uint16& mods, std::vector<SDL_Keycode>& mod_keys);

// A mouse event as SDL synthesizes it from a finger on the touch screen (which = SDL_TOUCH_MOUSEID): the one
// shape every tap, multi-finger tap and swipe of a script feeds in (and bench_render's flicks). `held`: the
// button is down during a motion.
SDL_Event touch_mouse(Uint32 window, Uint32 type, int x, int y, bool held = false);

// One shot's frame as a JSON object (one line): see `shot` above.
std::string frame_report_json(const App& app, const std::string& shot, const std::string& png);

class Driver {
public:
  Driver(std::vector<ScriptLine> lines, std::string shots_dir);

  bool done() const { return done_; }
  int exit_code() const { return exit_code_; }
  const std::string& failure() const { return failure_; }
  // Does the next small step: pushes events, advances the clock, checks, or takes a screenshot.
  void tick(App& app);
  void set_frame_report(std::string path) { frame_report_ = std::move(path); }
  // The app stopped (staff exit or a signal) while lines remained.
  void app_exited(App& app);
  // > 0: the app should run its real, sleeping event loop for this many wall-clock ms (then call
  // real_idle_done()).
  int real_idle_ms() const { return real_idle_ms_; }
  void real_idle_done() { real_idle_ms_ = 0; }

private:
  struct Events {
    std::vector<SDL_Event> events;
    int64_t advance_ms = 0;
  };
  struct TapKey {
    std::string key;   // one UTF-8 character
    int attempt = 0;
  };
  struct Settle {
    int frames_left = 60;
  };
  struct SpeechWait {
    int64_t started_wall_ms = 0;
  };
  using Step = std::variant<Events, TapKey, Settle, SpeechWait>;

  void start_line(App& app, const ScriptLine& line);  // hands the line to one of these:
  void start_tap(App& app, const ScriptLine& line);
  void start_multitap(App& app, const ScriptLine& line);
  void start_swipe(const ScriptLine& line);
  void start_typing(App& app, const ScriptLine& line);
  void start_key(const ScriptLine& line);
  void start_check(App& app, const ScriptLine& line);
  void start_time(const ScriptLine& line);
  void fail(const ScriptLine& line, const std::string& why, int code = 1);
  void queue_tap(float x, float y, int64_t hold_ms = 60, bool settle = true);
  void tap_first(float x, float y);  // a tap before everything already queued
  void run_step(App& app, Step& s);
  bool find_item(const App& app, const std::string& target, float& x, float& y) const;

  std::vector<ScriptLine> lines_;
  size_t next_ = 0;
  std::deque<Step> steps_;
  std::string shots_dir_;
  std::string frame_report_;
  bool done_ = false;
  int exit_code_ = 0;
  std::string failure_;
  const ScriptLine* current_ = nullptr;
  Uint32 window_id_ = 0;
  int real_idle_ms_ = 0;
};

}  // namespace waymark::kiosk
