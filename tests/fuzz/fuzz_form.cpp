// Fuzz target: a My Views form definition (parse_form), as a pack or `waymarkctl form-install` brings it.
// A definition that parses must be one the kiosk can draw: every question has a known type.
#include <cstdint>
#include <string>

#include "core/myviews/forms.h"

using namespace waymark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const FormParse p = parse_form(text);
  if (!p.form && p.error.empty()) __builtin_trap();
  return 0;
}
