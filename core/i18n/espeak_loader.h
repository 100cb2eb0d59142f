// core/i18n/espeak_loader.h: espeak-ng, opened the first time something is read aloud, not when a program starts.
// Linked directly, libespeak-ng and the twenty-odd sound and codec libraries it needs (pulse, sndfile, FLAC,
// vorbis, opus, mp3) are mapped and relocated before the kiosk's first frame, for a voice most turns never use
// (issue 17: start-up). speech.cpp calls espeak-ng only through this table.
#pragma once

#include <espeak-ng/speak_lib.h>

#include <string>

namespace waymark {

struct EspeakApi {
  decltype(&espeak_Initialize) Initialize;
  decltype(&espeak_SetSynthCallback) SetSynthCallback;
  decltype(&espeak_SetVoiceByProperties) SetVoiceByProperties;
  decltype(&espeak_SetVoiceByName) SetVoiceByName;
  decltype(&espeak_SetParameter) SetParameter;
  decltype(&espeak_Synth) Synth;
  decltype(&espeak_Synchronize) Synchronize;
};

// The library's functions, loaded on the first call (thread-safe); null with a reason when libespeak-ng.so.1 or
// one of its functions is missing. Later calls return the same answer.
const EspeakApi* espeak_api(std::string* error);

}  // namespace waymark
