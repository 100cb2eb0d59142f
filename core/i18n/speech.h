// core/i18n/speech.h: offline speech ("Read to me") with espeak-ng, English and Welsh voices, into PCM in memory.
//
// espeak-ng keeps one synthesizer per process, so every call into it goes through one lock here.
// The kiosk never synthesizes on its frame thread: SpeechWorker owns a thread, takes the newest request
// (a new one replaces any waiting one and cuts short the one in progress), and hands finished audio back
// through a queue that the frame loop drains once per frame. Playing the audio is the kiosk's job (SDL).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace waymark {

struct Pcm {
  int sample_rate = 22050;        // espeak-ng's rate; set by the synthesizer
  std::vector<int16_t> samples;   // mono, signed 16-bit
  double seconds() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
};

// Words to read and the language they are in ("en" or "cy"): a Welsh screen can hold English words (a listing
// with no Welsh), which are read with the English voice.
struct SpeechPart {
  std::string text;
  std::string lang;
};

struct SpeechResult {
  uint64_t id = 0;       // the id say() returned
  std::string lang;      // "en" or "cy"
  std::string text;      // what was read
  Pcm pcm;
  std::string error;     // non-empty when synthesis failed (no voice data, for example)
  bool cancelled = false;
};

// The espeak-ng voice for a product language: "cy" -> "cy", anything else -> "en-gb".
const char* speech_voice_for(const std::string& lang);
// Synthesizes now, on the calling thread (waymarkctl and tests; the kiosk uses SpeechWorker).
// words_per_minute is clamped to espeak-ng's 80..450. Text is capped at 4000 bytes.
SpeechResult synthesize(const std::string& text, const std::string& lang, int words_per_minute);

// Root-mean-square level of the samples (0 for silence), and the loudest sample.
double pcm_rms(const Pcm& pcm);
int pcm_peak(const Pcm& pcm);
// A plain RIFF/WAVE file, 16-bit mono. Returns false with a reason.
bool write_wav(const std::string& path, const Pcm& pcm, std::string* error);
bool read_wav(const std::string& path, Pcm& pcm, std::string* error);

class SpeechWorker {
public:
  SpeechWorker();
  ~SpeechWorker();  // cancels and joins
  SpeechWorker(const SpeechWorker&) = delete;
  SpeechWorker& operator=(const SpeechWorker&) = delete;

  // Queues text to read, replacing anything still waiting and cutting short what is being made. Returns its id.
  uint64_t say(const std::string& text, const std::string& lang, int words_per_minute);
  // Drops what is waiting and cuts short what is being made (the child moved on).
  void cancel();
  // Finished (or failed) utterances since the last call. Never blocks on synthesis.
  std::vector<SpeechResult> take_results();
  // True while something is waiting or being made.
  bool busy() const;
  // Blocks until nothing is waiting or being made, or timeout_ms passes; true when idle (headless flush).
  bool wait_idle(int timeout_ms);

private:
  struct Request {
    uint64_t id;
    std::string text, lang;
    int wpm;
  };
  void loop();
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<Request> waiting_;
  std::vector<SpeechResult> done_;
  uint64_t next_id_ = 1;
  uint64_t working_on_ = 0;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace waymark
