#include "core/i18n/speech.h"


#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "core/base/atomic_file.h"
#include "core/i18n/espeak_loader.h"

namespace waymark {

namespace {

// espeak-ng is one synthesizer per process: one lock for every call into it. This is the one piece of
// process-wide state in core, forced by the library.
std::mutex& espeak_lock() {
  static std::mutex m;
  return m;
}
int g_sample_rate = 0;  // guarded by espeak_lock(); 0 = not initialised, -1 = failed
// The id of the request the synthesizer may finish; anything else is cut short by the callback.
std::atomic<uint64_t> g_wanted{0};

struct Collect {
  std::vector<int16_t>* out;
  uint64_t id;
  bool cut_short = false;
};

int on_samples(short* wav, int n, espeak_EVENT* events) {
  Collect* c = nullptr;
  // every buffer's event list ends with a terminator that still carries user_data
  for (espeak_EVENT* e = events; e; ++e) {
    if (e->user_data) c = static_cast<Collect*>(e->user_data);
    if (c || e->type == espeakEVENT_LIST_TERMINATED) break;
  }
  if (!c) return 0;
  if (c->id != 0 && g_wanted.load() != c->id) {
    c->cut_short = true;
    return 1;  // abort this synthesis
  }
  if (wav && n > 0) c->out->insert(c->out->end(), wav, wav + n);
  return 0;
}

// The library is opened here, on the first thing read aloud (espeak_loader.h).
const EspeakApi* ensure_init(std::string* error) {
  const EspeakApi* es = espeak_api(error);
  if (!es) return nullptr;
  if (g_sample_rate > 0) return es;
  if (g_sample_rate < 0) {
    if (error) *error = "espeak-ng could not start (is espeak-ng-data installed?)";
    return nullptr;
  }
  const int rate = es->Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    g_sample_rate = -1;
    if (error) *error = "espeak-ng could not start (is espeak-ng-data installed?)";
    return nullptr;
  }
  es->SetSynthCallback(on_samples);
  g_sample_rate = rate;
  return es;
}

SpeechResult synthesize_locked(const std::string& text, const std::string& lang, int wpm, uint64_t id) {
  SpeechResult r;
  r.id = id;
  r.lang = lang == "cy" ? "cy" : "en";
  r.text = text.size() > 4000 ? text.substr(0, 4000) : text;
  const EspeakApi* es = ensure_init(&r.error);
  if (!es) return r;
  r.pcm.sample_rate = g_sample_rate;
  espeak_VOICE want{};
  want.languages = speech_voice_for(r.lang);  // by language, so the data's file layout does not matter
  if (es->SetVoiceByProperties(&want) != EE_OK && es->SetVoiceByName(r.lang.c_str()) != EE_OK) {
    r.error = std::string("no espeak-ng voice for ") + speech_voice_for(r.lang);
    return r;
  }
  es->SetParameter(espeakRATE, std::clamp(wpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
  Collect c{&r.pcm.samples, id};
  const espeak_ERROR e = es->Synth(r.text.c_str(), r.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                      nullptr, &c);
  if (e != EE_OK && !c.cut_short) r.error = "espeak-ng could not read this text";
  es->Synchronize();
  r.cancelled = c.cut_short;
  return r;
}

// WAV numbers are little-endian
void put_u32(std::string& o, uint32_t v) {
  const char b[4] = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF), static_cast<char>((v >> 16) & 0xFF),
                     static_cast<char>((v >> 24) & 0xFF)};
  o.append(b, 4);
}
void put_u16(std::string& o, uint16_t v) {
  const char b[2] = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF)};
  o.append(b, 2);
}
uint32_t get_u32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
         static_cast<uint32_t>(p[3]) << 24;
}
uint16_t get_u16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }

}  // namespace

const char* speech_voice_for(const std::string& lang) { return lang == "cy" ? "cy" : "en-gb"; }

SpeechResult synthesize(const std::string& text, const std::string& lang, int words_per_minute) {
  std::lock_guard<std::mutex> lock(espeak_lock());
  return synthesize_locked(text, lang, words_per_minute, 0);
}

double pcm_rms(const Pcm& pcm) {
  if (pcm.samples.empty()) return 0.0;
  double sum = 0;
  for (int16_t s : pcm.samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(pcm.samples.size()));
}

int pcm_peak(const Pcm& pcm) {
  int peak = 0;
  for (int16_t s : pcm.samples) peak = std::max(peak, std::abs(static_cast<int>(s)));
  return peak;
}

bool write_wav(const std::string& path, const Pcm& pcm, std::string* error) {
  const uint32_t data_bytes = static_cast<uint32_t>(pcm.samples.size() * 2);
  std::string o;
  o.reserve(44 + data_bytes);
  o.append("RIFF", 4);
  put_u32(o, 36 + data_bytes);
  o.append("WAVEfmt ", 8);
  put_u32(o, 16);
  put_u16(o, 1);  // PCM
  put_u16(o, 1);  // mono
  put_u32(o, static_cast<uint32_t>(pcm.sample_rate));
  put_u32(o, static_cast<uint32_t>(pcm.sample_rate) * 2);
  put_u16(o, 2);
  put_u16(o, 16);
  o.append("data", 4);
  put_u32(o, data_bytes);
  for (int16_t s : pcm.samples) put_u16(o, static_cast<uint16_t>(s));
  const FileWriteResult w = write_file_atomic(path, o);
  if (!w.ok() && error) *error = w.error;
  return w.ok();
}

bool read_wav(const std::string& path, Pcm& pcm, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  std::vector<unsigned char> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto bad = [&](const char* why) {
    if (error) *error = path + ": " + why;
    return false;
  };
  if (b.size() < 44 || std::memcmp(b.data(), "RIFF", 4) != 0 || std::memcmp(b.data() + 8, "WAVE", 4) != 0)
    return bad("not a WAV file");
  size_t p = 12;
  bool fmt_ok = false;
  while (p + 8 <= b.size()) {
    const uint32_t len = get_u32(&b[p + 4]);
    if (std::memcmp(&b[p], "fmt ", 4) == 0 && p + 8 + 16 <= b.size()) {
      if (get_u16(&b[p + 8]) != 1 || get_u16(&b[p + 10]) != 1 || get_u16(&b[p + 22]) != 16)
        return bad("not 16-bit mono PCM");
      pcm.sample_rate = static_cast<int>(get_u32(&b[p + 12]));
      fmt_ok = true;
    } else if (std::memcmp(&b[p], "data", 4) == 0) {
      if (!fmt_ok) return bad("data before format");
      const size_t n = std::min<size_t>(len, b.size() - p - 8) / 2;
      pcm.samples.resize(n);
      for (size_t i = 0; i < n; i++) pcm.samples[i] = static_cast<int16_t>(get_u16(&b[p + 8 + 2 * i]));
      return true;
    }
    p += 8 + len + (len & 1);
  }
  return bad("no sound data");
}

// ---------------------------------------------------------------- worker
SpeechWorker::SpeechWorker() : thread_([this] { loop(); }) {}

SpeechWorker::~SpeechWorker() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
    waiting_.clear();
    g_wanted.store(0);
  }
  cv_.notify_all();
  thread_.join();
}

uint64_t SpeechWorker::say(const std::string& text, const std::string& lang, int wpm) {
  uint64_t id;
  {
    std::lock_guard<std::mutex> l(mu_);
    id = next_id_++;
    waiting_.clear();  // only the newest request matters
    waiting_.push_back(Request{id, text, lang, wpm});
    g_wanted.store(id);  // cuts short the one in progress, if any
  }
  cv_.notify_all();
  return id;
}

void SpeechWorker::cancel() {
  {
    std::lock_guard<std::mutex> l(mu_);
    waiting_.clear();
    g_wanted.store(0);
    done_.clear();
  }
  idle_cv_.notify_all();
}

std::vector<SpeechResult> SpeechWorker::take_results() {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<SpeechResult> out;
  out.swap(done_);
  return out;
}

bool SpeechWorker::busy() const {
  std::lock_guard<std::mutex> l(mu_);
  return !waiting_.empty() || working_on_ != 0;
}

bool SpeechWorker::wait_idle(int timeout_ms) {
  std::unique_lock<std::mutex> l(mu_);
  return idle_cv_.wait_for(l, std::chrono::milliseconds(timeout_ms), [&] { return waiting_.empty() && working_on_ == 0; });
}

void SpeechWorker::loop() {
  for (;;) {
    Request r;
    {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [&] { return stop_ || !waiting_.empty(); });
      if (stop_) return;
      r = std::move(waiting_.front());
      waiting_.pop_front();
      working_on_ = r.id;
    }
    SpeechResult res;
    try {
      std::lock_guard<std::mutex> lock(espeak_lock());
      res = synthesize_locked(r.text, r.lang, r.wpm, r.id);
    } catch (const std::exception& e) {  // a bug: report it as a failed utterance, never kill the kiosk
      res.id = r.id;
      res.error = e.what();
    }
    {
      std::lock_guard<std::mutex> l(mu_);
      working_on_ = 0;
      if (!res.cancelled && g_wanted.load() == r.id) done_.push_back(std::move(res));
    }
    idle_cv_.notify_all();
  }
}

}  // namespace waymark
