#include "kiosk/platform/audio.h"

namespace waymark::platform {

AudioOut::~AudioOut() {
  if (dev_) SDL_CloseAudioDevice(dev_);
  if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool AudioOut::open(int sample_rate, std::string* error) {
  if (dev_ && rate_ == sample_rate) return true;
  if (failed_) {
    if (error) *error = "no sound device";
    return false;
  }
  if (!subsystem_) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
      failed_ = true;
      if (error) *error = std::string("no sound: ") + SDL_GetError();
      return false;
    }
    subsystem_ = true;
  }
  if (dev_) {
    SDL_CloseAudioDevice(dev_);
    dev_ = 0;
  }
  SDL_AudioSpec want{};
  want.freq = sample_rate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  want.callback = nullptr;  // queued audio: SDL_QueueAudio
  SDL_AudioSpec have{};
  dev_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // no changes allowed: SDL converts for us
  if (!dev_) {
    failed_ = true;
    if (error) *error = std::string("cannot open the sound device: ") + SDL_GetError();
    return false;
  }
  rate_ = sample_rate;
  return true;
}

bool AudioOut::play(const std::vector<int16_t>& samples, int sample_rate, std::string* error) {
  if (!open(sample_rate, error)) return false;
  SDL_PauseAudioDevice(dev_, 1);
  SDL_ClearQueuedAudio(dev_);
  if (!samples.empty() &&
      SDL_QueueAudio(dev_, samples.data(), static_cast<Uint32>(samples.size() * sizeof(int16_t))) != 0) {
    if (error) *error = std::string("cannot play sound: ") + SDL_GetError();
    return false;
  }
  SDL_PauseAudioDevice(dev_, 0);
  return true;
}

void AudioOut::stop() {
  if (!dev_) return;
  SDL_PauseAudioDevice(dev_, 1);
  SDL_ClearQueuedAudio(dev_);
}

bool AudioOut::playing() const { return dev_ && SDL_GetQueuedAudioSize(dev_) > 0; }

int AudioOut::queued_ms() const {
  if (!dev_ || rate_ <= 0) return 0;
  return static_cast<int>(static_cast<int64_t>(SDL_GetQueuedAudioSize(dev_)) / 2 * 1000 / rate_);
}

}  // namespace waymark::platform
