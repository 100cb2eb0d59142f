// kiosk/platform/audio.h: plays "Read to me" speech through SDL audio (a queued mono 16-bit stream).
// Opened on first use, so a kiosk whose child never asks for speech never touches the audio device.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

namespace waymark::platform {

class AudioOut {
public:
  AudioOut() = default;
  ~AudioOut();
  AudioOut(const AudioOut&) = delete;
  AudioOut& operator=(const AudioOut&) = delete;

  // Replaces whatever is playing with these samples. Returns false with a reason when there is no audio.
  bool play(const std::vector<int16_t>& samples, int sample_rate, std::string* error);
  void stop();
  bool playing() const;
  // Milliseconds of sound still queued (0 when silent).
  int queued_ms() const;

private:
  bool open(int sample_rate, std::string* error);
  SDL_AudioDeviceID dev_ = 0;
  int rate_ = 0;
  bool subsystem_ = false;
  bool failed_ = false;
};

}  // namespace waymark::platform
