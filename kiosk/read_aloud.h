// kiosk/read_aloud.h: "Read to me". Takes text from the frame loop, has it made into speech on the
// SpeechWorker's thread (a frame never waits for espeak-ng), and plays it through SDL audio, or, in
// headless runs with --speech-dir DIR, writes one WAV per utterance (DIR/NNN-<lang>.wav) and a line per
// utterance in DIR/speech.jsonl ({"file", "lang", "text", "seconds", "rms"}) for the tests. A written
// utterance "plays" for its length on the kiosk's clock, so the button and stopping behave as on a device;
// a stop while something plays adds {"event": "stop"}.
// Only the newest request counts; stop() (the child moved on, signed out, or tapped Stop) silences it all.
// A request can hold parts in different languages (English words on a Welsh screen): each part is read with
// its own voice, one after the other (the next is made while the one before plays), one WAV per part.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <vector>
#include <string>

#include "core/base/clock.h"
#include "core/i18n/speech.h"
#include "kiosk/platform/audio.h"

namespace waymark::kiosk {

class ReadAloud {
public:
  explicit ReadAloud(const Clock& clock, std::string speech_dir = {});
  void say(const std::string& text, const std::string& lang, int words_per_minute);
  void say(const std::vector<SpeechPart>& parts, int words_per_minute);
  void stop();
  // Called once per frame: plays or writes what the worker finished. Never blocks.
  void pump();
  // Something is waiting, being made or playing.
  bool active() const;
  // Speech is being made (not yet playing or written).
  bool making() const { return (worker_ && worker_->busy()) || !parts_.empty(); }
  // Milliseconds until the loop should look again (a frame while speech is pending), -1 when idle.
  int wake_ms() const;
  // Headless runs: wait for what is being made and write it (at the end of a script).
  void flush(int timeout_ms);
  int utterances_written() const { return written_; }

private:
  void log(const std::string& json_line);
  void make_next_part();  // asks the worker for the next waiting part, if any
  void output(SpeechResult& r);
  const Clock& clock_;
  std::string dir_;
  int64_t file_playing_until_ms_ = 0;
  std::unique_ptr<SpeechWorker> worker_;  // started on first use
  platform::AudioOut audio_;
  int written_ = 0;
  std::deque<SpeechPart> parts_;          // parts of the current request not yet asked of the worker
  std::optional<SpeechResult> held_;      // made while the part before still plays
  int wpm_ = 0;
  bool warned_ = false;
};

}  // namespace waymark::kiosk
