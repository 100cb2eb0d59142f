#include "kiosk/driver/script.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/base/dates.h"
#include "kiosk/app.h"
#include "kiosk/driver/script_text.h"

namespace waymark::kiosk {

SDL_Event touch_mouse(Uint32 window, Uint32 type, int x, int y, bool held) {
  SDL_Event e{};
  e.type = type;
  if (type == SDL_MOUSEMOTION) {
    e.motion.windowID = window;
    e.motion.which = SDL_TOUCH_MOUSEID;
    e.motion.state = held ? SDL_BUTTON_LMASK : 0;
    e.motion.x = x;
    e.motion.y = y;
  } else {
    e.button.windowID = window;
    e.button.which = SDL_TOUCH_MOUSEID;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
  }
  return e;
}

std::string frame_report_json(const App& app, const std::string& shot, const std::string& png) {
  auto hex = [](ImU32 c) {
    char b[8];
    std::snprintf(b, sizeof b, "#%02X%02X%02X", static_cast<unsigned>(c & 0xFF), static_cast<unsigned>((c >> 8) & 0xFF),
                  static_cast<unsigned>((c >> 16) & 0xFF));
    return std::string(b);
  };
  auto rect = [](ImVec2 a, ImVec2 b) { return nlohmann::json::array({a.x, a.y, b.x, b.y}); };
  const ui::FrameRecord& f = app.last_frame();
  nlohmann::json j;
  j["shot"] = shot;
  j["png"] = png;
  j["route"] = app.route();
  j["lang"] = app.lang();
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  j["width"] = d.x;
  j["height"] = d.y;
  const ChildSettings& s = app.settings();
  j["settings"] = {{"text_size", s.text_size}, {"font", s.font}, {"high_contrast", s.high_contrast}, {"calm", s.calm}};
  j["items"] = nlohmann::json::array();
  for (size_t i = 0; i < f.items.size(); i++) {
    const auto& it = f.items[i];
    j["items"].push_back({{"label", it.label}, {"id", it.id}, {"rect", rect(it.min, it.max)}, {"enabled", it.enabled},
                          {"covered", i < f.covered_items}});
  }
  auto texts = [&](const std::vector<ui::TextItem>& v, size_t covered) {
    nlohmann::json a = nlohmann::json::array();
    for (size_t i = 0; i < v.size(); i++) {
      const auto& t = v[i];
      a.push_back({{"text", t.text}, {"rect", rect(t.min, t.max)}, {"fg", hex(t.fg)}, {"bg", hex(t.bg)},
                   {"covered", i < covered}});
    }
    return a;
  };
  j["texts"] = texts(f.texts, f.covered_texts);
  j["cut"] = texts(f.cut, 0);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Driver::Driver(std::vector<ScriptLine> lines, std::string shots_dir)
    : lines_(std::move(lines)), shots_dir_(std::move(shots_dir)) {}

void Driver::fail(const ScriptLine& line, const std::string& why, int code) {
  failure_ = "script line " + std::to_string(line.number) + ": " + line.text + ": " + why;
  std::fprintf(stderr, "waymark-kiosk: %s\n", failure_.c_str());
  exit_code_ = code;
  done_ = true;
  steps_.clear();
}

void Driver::app_exited(App&) {
  if (done_) return;
  // Leaving the kiosk on the script's last line (a staff exit) is a normal end; with lines left it is not.
  if (next_ < lines_.size()) return fail(lines_[next_], "the kiosk stopped before this line");
  done_ = true;
  steps_.clear();
}

bool Driver::find_item(const App& app, const std::string& target, float& x, float& y) const {
  const auto& items = app.last_frame().items;
  // the last drawn is the top-most (an overlay above the screen)
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    const bool match = (target.size() > 1 && target[0] == '#') ? it->id == target.substr(1) : it->label == target;
    if (match) {
      x = (it->min.x + it->max.x) / 2;
      y = (it->min.y + it->max.y) / 2;
      return true;
    }
  }
  if (target.empty() || target[0] == '#') return false;
  const std::string lt = lower(target);
  for (auto it = items.rbegin(); it != items.rend(); ++it)
    if (lower(it->label) == lt) {
      x = (it->min.x + it->max.x) / 2;
      y = (it->min.y + it->max.y) / 2;
      return true;
    }
  return false;
}

void Driver::queue_tap(float fx, float fy, int64_t hold_ms, bool settle) {
  const int x = static_cast<int>(fx), y = static_cast<int>(fy);
  auto mouse = [&](Uint32 type) { return touch_mouse(window_id_, type, x, y); };
  auto finger = [&](Uint32 type) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    e.tfinger.windowID = window_id_;
    return e;
  };
  // as a touch screen delivers it: the finger, then SDL's synthesized mouse events
  steps_.push_back(Events{{finger(SDL_FINGERDOWN), mouse(SDL_MOUSEMOTION)}, settle ? 16 : 1});
  steps_.push_back(Events{{mouse(SDL_MOUSEBUTTONDOWN)}, std::min<int64_t>(hold_ms, 100)});
  // a long press: held down, frames drawn, the virtual clock moving
  for (int64_t held = std::min<int64_t>(hold_ms, 100); held < hold_ms; held += 100)
    steps_.push_back(Events{{}, std::min<int64_t>(100, hold_ms - held)});
  steps_.push_back(Events{{finger(SDL_FINGERUP), mouse(SDL_MOUSEBUTTONUP)}, settle ? 16 : 1});
  if (settle) steps_.push_back(Settle{});
}

void Driver::tap_first(float x, float y) {
  std::deque<Step> rest;
  std::swap(rest, steps_);
  queue_tap(x, y);
  for (auto& r : rest) steps_.push_back(std::move(r));
}

// tap, press, tap-burst, tap-at: one finger
void Driver::start_tap(App& app, const ScriptLine& line) {
  const std::string& c = line.cmd;
  if (c == "tap") {
    float x = 0, y = 0;
    if (!find_item(app, line.rest, x, y)) return fail(line, "nothing visible with that label or id");
    queue_tap(x, y);
  } else if (c == "press") {
    const std::string target = trim(line.rest.substr(0, line.rest.find_last_of(" \t")));
    float x = 0, y = 0;
    if (!find_item(app, target, x, y)) return fail(line, "nothing visible with that label or id");
    queue_tap(x, y, std::stol(line.args.back()), true);
  } else if (c == "tap-burst") {
    const std::string target = trim(line.rest.substr(line.rest.find_first_of(" \t")));
    float x = 0, y = 0;
    if (!find_item(app, target, x, y)) return fail(line, "nothing visible with that label or id");
    const long n = std::stol(line.args[0]);
    for (long i = 0; i < n; i++) queue_tap(x, y, 1, false);
    steps_.push_back(Settle{});
  } else if (c == "tap-at") {
    queue_tap(std::stof(line.args[0]), std::stof(line.args[1]));
  }
}

// multitap: two fingers down together, then up
void Driver::start_multitap(App& app, const ScriptLine& line) {
  int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (line.args.size() == 3) {  // multitap <label|#id> <x2> <y2>
    float fx = 0, fy = 0;
    if (!find_item(app, line.args[0], fx, fy)) return fail(line, "nothing visible with that label or id");
    x1 = static_cast<int>(fx), y1 = static_cast<int>(fy);
    x2 = std::stoi(line.args[1]), y2 = std::stoi(line.args[2]);
  } else {
    x1 = std::stoi(line.args[0]), y1 = std::stoi(line.args[1]);
    x2 = std::stoi(line.args[2]), y2 = std::stoi(line.args[3]);
  }
  const int w = std::max(1, app.platform().width()), h = std::max(1, app.platform().height());
  auto finger = [&](Uint32 type, SDL_FingerID id, int x, int y) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = id;
    e.tfinger.x = static_cast<float>(x) / static_cast<float>(w);
    e.tfinger.y = static_cast<float>(y) / static_cast<float>(h);
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    e.tfinger.windowID = window_id_;
    return e;
  };
  const SDL_Event motion = touch_mouse(window_id_, SDL_MOUSEMOTION, x1, y1);
  const SDL_Event down = touch_mouse(window_id_, SDL_MOUSEBUTTONDOWN, x1, y1);
  const SDL_Event up = touch_mouse(window_id_, SDL_MOUSEBUTTONUP, x1, y1);
  // as SDL delivers two fingers landing together: finger 1 (+ its synthesized mouse), finger 2
  steps_.push_back(Events{{finger(SDL_FINGERDOWN, 1, x1, y1), motion, down, finger(SDL_FINGERDOWN, 2, x2, y2)}, 16});
  steps_.push_back(Events{{}, 100});
  steps_.push_back(Events{{finger(SDL_FINGERUP, 2, x2, y2)}, 16});
  steps_.push_back(Events{{finger(SDL_FINGERUP, 1, x1, y1), up}, 16});
  steps_.push_back(Settle{});
}

// swipe: a finger dragged across, then lifted
void Driver::start_swipe(const ScriptLine& line) {
  const float x1 = std::stof(line.args[0]), y1 = std::stof(line.args[1]);
  const float x2 = std::stof(line.args[2]), y2 = std::stof(line.args[3]);
  const long ms = std::max(32L, std::stol(line.args[4]));
  const int n = static_cast<int>(std::max(2L, ms / 16));
  auto motion = [&](float x, float y, bool held) {
    return touch_mouse(window_id_, SDL_MOUSEMOTION, static_cast<int>(x), static_cast<int>(y), held);
  };
  const SDL_Event down = touch_mouse(window_id_, SDL_MOUSEBUTTONDOWN, static_cast<int>(x1), static_cast<int>(y1));
  steps_.push_back(Events{{motion(x1, y1, false)}, 16});
  steps_.push_back(Events{{down}, 16});
  for (int i = 1; i <= n; i++) {
    const float t = static_cast<float>(i) / static_cast<float>(n);
    steps_.push_back(Events{{motion(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, true)}, 16});
  }
  const SDL_Event up = touch_mouse(window_id_, SDL_MOUSEBUTTONUP, static_cast<int>(x2), static_cast<int>(y2));
  steps_.push_back(Events{{up}, 16});
  steps_.push_back(Settle{240});
}

// text, type, type-date, clipboard
void Driver::start_typing(App& app, const ScriptLine& line) {
  const std::string& c = line.cmd;
  if (c == "text") {
    std::string bytes;
    unescape(line.rest, bytes);
    Events ev;
    // SDL_TEXTINPUT carries at most 31 bytes; split on character boundaries as SDL does
    const std::vector<std::string> chars = utf8_chars(bytes);
    std::string chunk;
    auto flush = [&]() {
      if (chunk.empty()) return;
      SDL_Event e{};
      e.type = SDL_TEXTINPUT;
      e.text.windowID = window_id_;
      std::snprintf(e.text.text, sizeof e.text.text, "%s", chunk.c_str());
      ev.events.push_back(e);
      chunk.clear();
    };
    for (const std::string& ch : chars) {
      if (chunk.size() + ch.size() >= sizeof(SDL_TextInputEvent::text)) flush();
      chunk += ch;
    }
    flush();
    ev.advance_ms = 16;
    steps_.push_back(ev);
    steps_.push_back(Settle{});
  } else if (c == "type") {
    for (const std::string& ch : utf8_chars(line.rest)) steps_.push_back(TapKey{ch, 0});
  } else if (c == "type-date") {
    // the kiosk's date plus N days, typed as YYYY-MM-DD (a script stays true whatever day it runs)
    char* end = nullptr;
    const long days = std::strtol(line.args[0].c_str(), &end, 10);
    if (*end || days < -3660 || days > 3660) {
      fail(line, "type-date wants a whole number of days, like 84 or -1", 2);
      return;
    }
    const std::string d = format_date(add_days(local_date(app.clock().now_s()), days));
    for (const std::string& ch : utf8_chars(d)) steps_.push_back(TapKey{ch, 0});
  } else if (c == "clipboard") {
    SDL_SetClipboardText(line.rest.c_str());
  }
}

// key: a chord on a plugged keyboard, and what a desktop would do with it
void Driver::start_key(const ScriptLine& line) {
  SDL_Keycode key;
  Uint16 mods;
  std::vector<SDL_Keycode> mod_keys;
  parse_chord(line.args[0], key, mods, mod_keys);
  Events ev;
  Uint16 held = 0;
  auto keyev = [&](Uint32 type, SDL_Keycode k, Uint16 m) {
    SDL_Event e{};
    e.type = type;
    e.key.windowID = window_id_;
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    e.key.keysym.mod = m;
    return e;
  };
  static const std::pair<SDL_Keycode, Uint16> modbits[] = {
      {SDLK_LCTRL, KMOD_LCTRL}, {SDLK_LALT, KMOD_LALT}, {SDLK_LSHIFT, KMOD_LSHIFT}, {SDLK_LGUI, KMOD_LGUI}};
  for (SDL_Keycode mk : mod_keys) {
    for (auto [k, b] : modbits)
      if (k == mk) held = static_cast<Uint16>(held | b);
    ev.events.push_back(keyev(SDL_KEYDOWN, mk, held));
  }
  ev.events.push_back(keyev(SDL_KEYDOWN, key, held));
  ev.events.push_back(keyev(SDL_KEYUP, key, held));
  for (auto it = mod_keys.rbegin(); it != mod_keys.rend(); ++it) ev.events.push_back(keyev(SDL_KEYUP, *it, 0));
  // what a desktop would do with the chord: alt+f4, ctrl+w and ctrl+q ask the window to close
  const std::string ch = lower(line.args[0]);
  if (ch == "alt+f4" || ch == "ctrl+w" || ch == "ctrl+q" || ch == "ctrl+f4") {
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.windowID = window_id_;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    ev.events.push_back(close);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    ev.events.push_back(quit);
  }
  ev.advance_ms = 16;
  steps_.push_back(ev);
  steps_.push_back(Settle{});
}

// expect, expect-not, expect-route, expect-safe, shot
void Driver::start_check(App& app, const ScriptLine& line) {
  const std::string& c = line.cmd;
  if (c == "expect-route") {
    if (app.route() != line.args[0]) return fail(line, "the screen is \"" + app.route() + "\"");
  } else if (c == "expect-safe") {
    const std::string problem = app.lockdown_problem();
    if (!problem.empty()) return fail(line, problem);
  } else if (c == "expect" || c == "expect-not") {
    const auto& f = app.last_frame();
    bool seen = false;
    for (const auto& t : f.texts)
      if (t.text.find(line.rest) != std::string::npos) seen = true;
    for (const auto& it : f.items)
      if (it.label.find(line.rest) != std::string::npos) seen = true;
    if (c == "expect" && !seen) return fail(line, "that text is not on the screen");
    if (c == "expect-not" && seen) return fail(line, "that text is on the screen");
  } else if (c == "shot") {
    std::filesystem::create_directories(shots_dir_);
    const std::string path = (std::filesystem::path(shots_dir_) / (line.args[0] + ".png")).string();
    std::string err;
    app.draw_frame(path, &err);
    if (!err.empty()) return fail(line, err, 2);
    std::fprintf(stderr, "waymark-kiosk: wrote %s\n", path.c_str());
    if (!frame_report_.empty()) {
      std::ofstream rep(frame_report_, std::ios::app);
      rep << frame_report_json(app, line.args[0], path) << "\n";
      if (!rep) return fail(line, "cannot write the frame report " + frame_report_, 2);
    }
  }
}

// quit, close, idle-real, wait, idle, wait-speech
void Driver::start_time(const ScriptLine& line) {
  const std::string& c = line.cmd;
  if (c == "quit" || c == "close") {
    SDL_Event e{};
    if (c == "quit") {
      e.type = SDL_QUIT;
    } else {
      e.type = SDL_WINDOWEVENT;
      e.window.windowID = window_id_;
      e.window.event = SDL_WINDOWEVENT_CLOSE;
    }
    steps_.push_back(Events{{e}, 16});
    steps_.push_back(Settle{});
  } else if (c == "idle-real") {
    real_idle_ms_ = std::max(1, std::stoi(line.args[0]));
  } else if (c == "wait") {
    long ms = std::stol(line.args[0]);
    while (ms > 0) {
      const long step = std::min(ms, 100L);
      steps_.push_back(Events{{}, step});
      ms -= step;
    }
  } else if (c == "idle") {
    const long s = std::stol(line.args[0]);
    for (long i = 0; i < s; i++) steps_.push_back(Events{{}, 1000});
    steps_.push_back(Events{{}, 0});
  } else if (c == "wait-speech") {
    steps_.push_back(SpeechWait{static_cast<int64_t>(SDL_GetTicks64())});
    steps_.push_back(Settle{});
  }
}

void Driver::start_line(App& app, const ScriptLine& line) {
  current_ = &line;
  window_id_ = SDL_GetWindowID(app.platform().window());
  const std::string& c = line.cmd;
  if (c == "tap" || c == "press" || c == "tap-burst" || c == "tap-at") start_tap(app, line);
  else if (c == "multitap") start_multitap(app, line);
  else if (c == "swipe") start_swipe(line);
  else if (c == "text" || c == "type" || c == "type-date" || c == "clipboard") start_typing(app, line);
  else if (c == "key") start_key(line);
  else if (c == "expect" || c == "expect-not" || c == "expect-route" || c == "expect-safe" || c == "shot") start_check(app, line);
  else start_time(line);
}

void Driver::run_step(App& app, Step& s) {
  if (auto* ev = std::get_if<Events>(&s)) {
    app.clock().advance_ms(ev->advance_ms);
    for (SDL_Event& e : ev->events) {
      e.common.timestamp = SDL_GetTicks();
      SDL_PushEvent(&e);
    }
    steps_.pop_front();
  } else if (auto* tk = std::get_if<TapKey>(&s)) {
    TapKey key = *tk;
    steps_.pop_front();
    std::string id = "#kbd." + key.key;
    if (key.key == " ") id = "#kbd.space";
    if (key.key == "\n") id = "#kbd.enter";
    float x = 0, y = 0;
    if (find_item(app, "#keypad." + key.key, x, y) || find_item(app, id, x, y)) {
      tap_first(x, y);
      return;
    }
    // not on this layer: try the keyboard's other layers and shift, then look again
    static const char* toggles[] = {"#kbd.shift", "#kbd.layer.letters", "#kbd.layer.symbols", "#kbd.layer.accents",
                                    "#kbd.shift", "#kbd.layer.letters", "#kbd.shift"};
    while (key.attempt < static_cast<int>(std::size(toggles))) {
      const char* t = toggles[key.attempt++];
      if (find_item(app, t, x, y)) {
        steps_.push_front(TapKey{key.key, key.attempt});
        tap_first(x, y);
        return;
      }
    }
    fail(*current_, "no key for \"" + key.key + "\" on the on-screen keyboard or keypad");
  } else if (auto* sw = std::get_if<SpeechWait>(&s)) {
    // the speech thread works in real time; frames keep drawing (pumping its results) meanwhile
    if (app.speech_being_made() && SDL_GetTicks64() - static_cast<Uint64>(sw->started_wall_ms) < 30'000) {
      SDL_Delay(5);
      return;
    }
    if (app.speech_being_made()) return fail(*current_, "speech took longer than 30 s to make", 1);
    steps_.pop_front();
  } else if (auto* st = std::get_if<Settle>(&s)) {
    // let animations finish (a fling, a transition), drawing frames on the virtual clock
    if (st->frames_left-- > 0 && (app.animating() || st->frames_left > 57)) {
      app.clock().advance_ms(16);
      return;
    }
    steps_.pop_front();
  }
}

void Driver::tick(App& app) {
  if (done_) return;
  if (steps_.empty()) {
    current_ = nullptr;
    if (next_ >= lines_.size()) {
      done_ = true;
      return;
    }
    start_line(app, lines_[next_++]);
    if (done_) return;
    if (steps_.empty()) return;  // an instant line (expect, shot)
  }
  run_step(app, steps_.front());
}

}  // namespace waymark::kiosk
