// kiosk/driver/script_parse.cpp: reading a UI script (the commands in script.h) and its key chords, and the
// small text helpers the driver shares (script_text.h).
#include <cctype>
#include <sstream>

#include "kiosk/driver/script.h"
#include "kiosk/driver/script_text.h"

namespace waymark::kiosk {

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return {};
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

namespace {
bool to_int(const std::string& s, long& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtol(s.c_str(), &end, 10);
  return end && *end == '\0';
}
}  // namespace

// splits UTF-8 text into characters
std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

namespace {
struct CmdSpec {
  const char* name;
  int min_args;
  int max_args;
};
const CmdSpec kCommands[] = {{"tap", 1, 1000}, {"tap-at", 2, 2}, {"type", 1, 1000}, {"key", 1, 1},
                             {"swipe", 5, 5},  {"wait", 1, 1},   {"idle", 1, 1},    {"expect", 1, 1000},
                             {"expect-not", 1, 1000}, {"shot", 1, 1}, {"press", 2, 1000}, {"tap-burst", 2, 1000},
                             {"multitap", 3, 4}, {"text", 1, 1000}, {"clipboard", 1, 1000}, {"quit", 0, 0},
                             {"close", 0, 0}, {"idle-real", 1, 1}, {"expect-route", 1, 1}, {"expect-safe", 0, 0}, {"wait-speech", 0, 0},
                             {"type-date", 1, 1}};
}  // namespace

// "a\x01b\n" -> the bytes a, 0x01, b, newline
bool unescape(const std::string& in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); i++) {
    if (in[i] != '\\' || i + 1 >= in.size()) {
      out += in[i];
      continue;
    }
    const char c = in[++i];
    if (c == 'n') out += '\n';
    else if (c == 't') out += '\t';
    else if (c == '\\') out += '\\';
    else if (c == 'x' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
             std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else return false;
  }
  return true;
}

ParsedScript parse_script(std::istream& in) {
  ParsedScript ps;
  std::string raw;
  int n = 0;
  while (std::getline(in, raw)) {
    n++;
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#') continue;
    ScriptLine sl;
    sl.number = n;
    sl.text = line;
    const size_t sp = line.find_first_of(" \t");
    sl.cmd = line.substr(0, sp);
    sl.rest = sp == std::string::npos ? "" : trim(line.substr(sp + 1));
    std::istringstream ss(sl.rest);
    std::string a;
    while (ss >> a) sl.args.push_back(a);
    const CmdSpec* spec = nullptr;
    for (const CmdSpec& c : kCommands)
      if (sl.cmd == c.name) spec = &c;
    if (!spec) {
      ps.error = "line " + std::to_string(n) + ": unknown command \"" + sl.cmd + "\"";
      return ps;
    }
    const int argc = static_cast<int>(sl.args.size());
    if (argc < spec->min_args || argc > spec->max_args) {
      ps.error = "line " + std::to_string(n) + ": \"" + sl.cmd + "\" takes " + std::to_string(spec->min_args) +
                 (spec->max_args == spec->min_args ? "" : " or more") + " argument(s)";
      return ps;
    }
    long v = 0;
    if (sl.cmd == "multitap" && argc == 3 && (!to_int(sl.args[1], v) || !to_int(sl.args[2], v))) {
      ps.error = "line " + std::to_string(n) + ": multitap wants x1 y1 x2 y2, or a #id and x2 y2";
      return ps;
    }
    if (sl.cmd == "tap-at" || sl.cmd == "swipe" || sl.cmd == "wait" || sl.cmd == "idle" ||
        (sl.cmd == "multitap" && argc == 4) || sl.cmd == "idle-real") {
      for (const auto& arg : sl.args)
        if (!to_int(arg, v) || v < 0) {
          ps.error = "line " + std::to_string(n) + ": \"" + arg + "\" is not a whole number";
          return ps;
        }
    }
    if ((sl.cmd == "press" && !to_int(sl.args.back(), v)) || (sl.cmd == "tap-burst" && (!to_int(sl.args[0], v) || v < 1 || v > 500))) {
      ps.error = "line " + std::to_string(n) + ": \"" + sl.cmd + "\" needs a whole number (" +
                 (sl.cmd == "press" ? "the hold time in ms, last" : "the number of taps, 1 to 500, first") + ")";
      return ps;
    }
    std::string unescaped;
    if (sl.cmd == "text" && !unescape(sl.rest, unescaped)) {
      ps.error = "line " + std::to_string(n) + ": a backslash in \"text\" must be \\n, \\t, \\\\ or \\xHH";
      return ps;
    }
    if (sl.cmd == "key") {
      SDL_Keycode k;
      Uint16 m;
      std::vector<SDL_Keycode> mk;
      if (!parse_chord(sl.args[0], k, m, mk)) {
        ps.error = "line " + std::to_string(n) + ": unknown key chord \"" + sl.args[0] + "\"";
        return ps;
      }
    }
    if (sl.cmd == "shot" && sl.args[0].find('/') != std::string::npos) {
      ps.error = "line " + std::to_string(n) + ": a shot name cannot contain /";
      return ps;
    }
    ps.lines.push_back(std::move(sl));
  }
  return ps;
}

bool parse_chord(const std::string& chord, SDL_Keycode& key, Uint16& mods, std::vector<SDL_Keycode>& mod_keys) {
  key = SDLK_UNKNOWN;
  mods = 0;
  mod_keys.clear();
  if (chord.empty() || chord.back() == '+' || chord.front() == '+') return false;
  std::stringstream ss(lower(chord));
  std::string part;
  std::vector<std::string> parts;
  while (std::getline(ss, part, '+')) parts.push_back(part);
  if (parts.empty()) return false;
  for (size_t i = 0; i < parts.size(); i++) {
    const std::string& p = parts[i];
    const bool last = i + 1 == parts.size();
    SDL_Keycode mk = SDLK_UNKNOWN;
    Uint16 mm = 0;
    if (p == "ctrl" || p == "control") mk = SDLK_LCTRL, mm = KMOD_LCTRL;
    else if (p == "alt") mk = SDLK_LALT, mm = KMOD_LALT;
    else if (p == "shift") mk = SDLK_LSHIFT, mm = KMOD_LSHIFT;
    else if (p == "super" || p == "gui" || p == "win" || p == "meta") mk = SDLK_LGUI, mm = KMOD_LGUI;
    if (mk != SDLK_UNKNOWN && !last) {
      mod_keys.push_back(mk);
      mods = static_cast<Uint16>(mods | mm);
      continue;
    }
    if (!last) return false;
    if (mk != SDLK_UNKNOWN) {  // a modifier pressed alone ("super")
      key = mk;
      continue;
    }
    static const std::pair<const char*, SDL_Keycode> names[] = {
        {"escape", SDLK_ESCAPE}, {"esc", SDLK_ESCAPE}, {"tab", SDLK_TAB}, {"delete", SDLK_DELETE}, {"del", SDLK_DELETE},
        {"backspace", SDLK_BACKSPACE}, {"enter", SDLK_RETURN}, {"return", SDLK_RETURN}, {"space", SDLK_SPACE},
        {"up", SDLK_UP}, {"down", SDLK_DOWN}, {"left", SDLK_LEFT}, {"right", SDLK_RIGHT}, {"home", SDLK_HOME},
        {"end", SDLK_END}, {"pageup", SDLK_PAGEUP}, {"pagedown", SDLK_PAGEDOWN}, {"insert", SDLK_INSERT},
        {"printscreen", SDLK_PRINTSCREEN}, {"menu", SDLK_APPLICATION}, {"sysrq", SDLK_SYSREQ}, {"power", SDLK_POWER}};
    for (const auto& [n, k] : names)
      if (p == n) key = k;
    if (key == SDLK_UNKNOWN && p.size() >= 2 && p[0] == 'f') {
      long f = 0;
      if (to_int(p.substr(1), f) && f >= 1 && f <= 12) key = static_cast<SDL_Keycode>(SDLK_F1 + f - 1);
    }
    if (key == SDLK_UNKNOWN && p.size() == 1 && std::isalnum(static_cast<unsigned char>(p[0]))) key = p[0];
  }
  return key != SDLK_UNKNOWN;
}

}  // namespace waymark::kiosk
