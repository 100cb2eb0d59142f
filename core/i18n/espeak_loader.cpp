#include "core/i18n/espeak_loader.h"

#include <dlfcn.h>

#include <mutex>

namespace waymark {

namespace {
struct Loaded {
  EspeakApi api{};
  bool ok = false;
  std::string error;
};

template <typename Fn>
bool find(void* lib, const char* name, Fn* out, std::string* error) {
  void* sym = dlsym(lib, name);
  if (!sym) {
    *error = std::string("libespeak-ng has no ") + name;
    return false;
  }
  *out = reinterpret_cast<Fn>(sym);  // POSIX: a function's address from dlsym
  return true;
}

Loaded load() {
  Loaded l;
  // never closed: the synthesizer lives as long as the process (one per process, speech.cpp)
  void* lib = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* why = dlerror();
    l.error = std::string("espeak-ng is not installed (libespeak-ng1): ") + (why ? why : "cannot open it");
    return l;
  }
  EspeakApi& a = l.api;
  l.ok = find(lib, "espeak_Initialize", &a.Initialize, &l.error) &&
         find(lib, "espeak_SetSynthCallback", &a.SetSynthCallback, &l.error) &&
         find(lib, "espeak_SetVoiceByProperties", &a.SetVoiceByProperties, &l.error) &&
         find(lib, "espeak_SetVoiceByName", &a.SetVoiceByName, &l.error) &&
         find(lib, "espeak_SetParameter", &a.SetParameter, &l.error) &&
         find(lib, "espeak_Synth", &a.Synth, &l.error) && find(lib, "espeak_Synchronize", &a.Synchronize, &l.error);
  return l;
}
}  // namespace

const EspeakApi* espeak_api(std::string* error) {
  static const Loaded loaded = load();  // C++ makes this once, thread-safe
  if (!loaded.ok && error) *error = loaded.error;
  return loaded.ok ? &loaded.api : nullptr;
}

}  // namespace waymark
