#include "kiosk/read_aloud.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace waymark::kiosk {

ReadAloud::ReadAloud(const Clock& clock, std::string speech_dir) : clock_(clock), dir_(std::move(speech_dir)) {}

void ReadAloud::log(const std::string& line) {
  std::ofstream idx(std::filesystem::path(dir_) / "speech.jsonl", std::ios::app);
  idx << line << "\n";
}

void ReadAloud::say(const std::string& text, const std::string& lang, int wpm) {
  if (text.empty()) return;
  audio_.stop();
  file_playing_until_ms_ = 0;
  if (!worker_) worker_ = std::make_unique<SpeechWorker>();
  worker_->say(text, lang, wpm);
}

void ReadAloud::stop() {
  if (!dir_.empty() && active()) log(R"({"event":"stop"})");
  file_playing_until_ms_ = 0;
  if (worker_) worker_->cancel();
  audio_.stop();
}

bool ReadAloud::active() const {
  return (worker_ && worker_->busy()) || audio_.playing() || clock_.now_ms() < file_playing_until_ms_;
}

int ReadAloud::wake_ms() const {
  if (worker_ && worker_->busy()) return 30;  // look for the finished speech soon
  if (audio_.playing()) return std::max(30, std::min(500, audio_.queued_ms()));  // the button goes back to "Read to me"
  if (const int64_t left = file_playing_until_ms_ - clock_.now_ms(); left > 0) return static_cast<int>(std::min<int64_t>(left, 500));
  return -1;
}

void ReadAloud::pump() {
  if (!worker_) return;
  for (SpeechResult& r : worker_->take_results()) {
    if (!r.error.empty()) {
      std::fprintf(stderr, "waymark-kiosk: read aloud: %s\n", r.error.c_str());
      continue;
    }
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(dir_, ec);
      char name[32];
      std::snprintf(name, sizeof name, "%03d-%s.wav", written_ + 1, r.lang.c_str());
      const std::string path = (std::filesystem::path(dir_) / name).string();
      std::string err;
      if (!write_wav(path, r.pcm, &err)) {
        std::fprintf(stderr, "waymark-kiosk: read aloud: %s\n", err.c_str());
        continue;
      }
      written_++;
      nlohmann::json j = {{"file", name}, {"lang", r.lang}, {"text", r.text}, {"seconds", r.pcm.seconds()},
                          {"rms", pcm_rms(r.pcm)}};
      log(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      file_playing_until_ms_ = clock_.now_ms() + static_cast<int64_t>(r.pcm.seconds() * 1000);
      continue;
    }
    std::string err;
    if (!audio_.play(r.pcm.samples, r.pcm.sample_rate, &err) && !warned_) {
      warned_ = true;  // say it once, not every time
      std::fprintf(stderr, "waymark-kiosk: read aloud: %s\n", err.c_str());
    }
  }
}

void ReadAloud::flush(int timeout_ms) {
  if (!worker_) return;
  worker_->wait_idle(timeout_ms);
  pump();
}

}  // namespace waymark::kiosk
