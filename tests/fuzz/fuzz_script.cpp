// Fuzz target: the kiosk's UI script parser (kiosk/driver/script.h), which reads the .wms files of the UI
// tests and the demo tour. A bad script is a script error with a line number, never a crash.
#include <cstdint>
#include <sstream>
#include <string>

#include "kiosk/driver/script.h"

using namespace waymark::kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  const ParsedScript s = parse_script(in);
  (void)s;
  std::string first;
  std::istringstream again(std::string(reinterpret_cast<const char*>(data), size));
  std::getline(again, first);
  SDL_Keycode key = 0;
  Uint16 mods = 0;
  std::vector<SDL_Keycode> mod_keys;
  (void)parse_chord(first, key, mods, mod_keys);
  return 0;
}
