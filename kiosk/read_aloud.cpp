#include "kiosk/read_aloud.h"

#include <algorithm>
#include <chrono>
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
  say(std::vector<SpeechPart>{SpeechPart{text, lang}}, wpm);
}

void ReadAloud::say(const std::vector<SpeechPart>& parts, int wpm) {
  std::deque<SpeechPart> wanted;
  for (const SpeechPart& p : parts)
    if (!p.text.empty()) wanted.push_back(p);
  if (wanted.empty()) return;
  audio_.stop();
  file_playing_until_ms_ = 0;
  held_.reset();
  parts_ = std::move(wanted);
  wpm_ = wpm;
  if (!worker_) worker_ = std::make_unique<SpeechWorker>();
  make_next_part();
}

void ReadAloud::make_next_part() {
  if (parts_.empty() || !worker_) return;
  const SpeechPart p = std::move(parts_.front());
  parts_.pop_front();
  worker_->say(p.text, p.lang, wpm_);
}

void ReadAloud::stop() {
  if (!dir_.empty() && active()) log(R"({"event":"stop"})");
  file_playing_until_ms_ = 0;
  parts_.clear();
  held_.reset();
  if (worker_) worker_->cancel();
  audio_.stop();
}

bool ReadAloud::active() const {
  return (worker_ && worker_->busy()) || audio_.playing() || clock_.now_ms() < file_playing_until_ms_ || held_ ||
         !parts_.empty();
}

int ReadAloud::wake_ms() const {
  if ((worker_ && worker_->busy()) || held_) return 30;  // look for the finished speech (or the end of a part) soon
  if (audio_.playing()) return std::max(30, std::min(500, audio_.queued_ms()));  // the button goes back to "Read to me"
  if (const int64_t left = file_playing_until_ms_ - clock_.now_ms(); left > 0) return static_cast<int>(std::min<int64_t>(left, 500));
  return -1;
}

void ReadAloud::pump() {
  if (!worker_) return;
  // the part before has finished playing: the next one, made meanwhile, plays now
  if (held_ && !audio_.playing()) {
    SpeechResult r = std::move(*held_);
    held_.reset();
    output(r);
    make_next_part();
  }
  for (SpeechResult& r : worker_->take_results()) {
    if (!r.error.empty()) {
      std::fprintf(stderr, "waymark-kiosk: read aloud: %s\n", r.error.c_str());
      make_next_part();
      continue;
    }
    if (dir_.empty() && audio_.playing()) {
      held_ = std::move(r);  // plays when the part before ends; the part after is asked for then
      continue;
    }
    output(r);
    make_next_part();
  }
}

void ReadAloud::output(SpeechResult& r) {
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    char name[32];
    std::snprintf(name, sizeof name, "%03d-%s.wav", written_ + 1, r.lang.c_str());
    const std::string path = (std::filesystem::path(dir_) / name).string();
    std::string err;
    if (!write_wav(path, r.pcm, &err)) {
      std::fprintf(stderr, "waymark-kiosk: read aloud: %s\n", err.c_str());
      return;
    }
    written_++;
    nlohmann::json j = {{"file", name}, {"lang", r.lang}, {"text", r.text}, {"seconds", r.pcm.seconds()},
                        {"rms", pcm_rms(r.pcm)}};
    log(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    // parts follow one another on the kiosk's clock, as they would through the speaker
    file_playing_until_ms_ = std::max(file_playing_until_ms_, clock_.now_ms()) + static_cast<int64_t>(r.pcm.seconds() * 1000);
    return;
  }
  std::string err;
  if (!audio_.play(r.pcm.samples, r.pcm.sample_rate, &err) && !warned_) {
    warned_ = true;  // say it once, not every time
    std::fprintf(stderr, "waymark-kiosk: read aloud: %s\n", err.c_str());
  }
}

void ReadAloud::flush(int timeout_ms) {
  if (!worker_) return;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  do {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
    worker_->wait_idle(static_cast<int>(std::max<int64_t>(left, 0)));
    pump();  // writes what was made and asks for the next part
  } while ((!parts_.empty() || worker_->busy()) && std::chrono::steady_clock::now() < until);
}

}  // namespace waymark::kiosk
