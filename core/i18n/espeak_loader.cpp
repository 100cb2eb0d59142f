#include "core/i18n/espeak_loader.h"

#include "core/base/shared_library.h"

namespace waymark {

namespace {
struct Loaded {
  EspeakApi api{};
  bool ok = false;
  std::string error;
};

Loaded load() {
  Loaded l;
  SharedLibrary lib;  // never closed: the synthesizer lives as long as the process (one per process, speech.cpp)
  EspeakApi& a = l.api;
  l.ok = lib.open("libespeak-ng.so.1", "libespeak-ng1", &l.error) &&
         lib.find("espeak_Initialize", &a.Initialize, &l.error) &&
         lib.find("espeak_SetSynthCallback", &a.SetSynthCallback, &l.error) &&
         lib.find("espeak_SetVoiceByProperties", &a.SetVoiceByProperties, &l.error) &&
         lib.find("espeak_SetVoiceByName", &a.SetVoiceByName, &l.error) &&
         lib.find("espeak_SetParameter", &a.SetParameter, &l.error) && lib.find("espeak_Synth", &a.Synth, &l.error) &&
         lib.find("espeak_Synchronize", &a.Synchronize, &l.error);
  return l;
}
}  // namespace

const EspeakApi* espeak_api(std::string* error) {
  static const Loaded loaded = load();  // C++ makes this once, thread-safe
  if (!loaded.ok && error) *error = loaded.error;
  return loaded.ok ? &loaded.api : nullptr;
}

}  // namespace waymark
