// Read to me: espeak-ng makes real, audible speech in English and Welsh, speed changes the length, the
// worker never makes stale speech, and WAV files round-trip.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/i18n/speech.h"

namespace waymark {
namespace {

TEST(Speech, EnglishAndWelshAreAudible) {
  for (const char* lang : {"en", "cy"}) {
    const SpeechResult r = synthesize(lang == std::string("cy") ? "Beth wyt ti eisiau ei wneud heddiw?"
                                                                : "What do you want to do today?",
                                      lang, 160);
    ASSERT_TRUE(r.error.empty()) << lang << ": " << r.error;
    EXPECT_GT(r.pcm.seconds(), 0.8) << lang;
    EXPECT_LT(r.pcm.seconds(), 10.0) << lang;
    EXPECT_GT(pcm_rms(r.pcm), 500.0) << lang << " is nearly silent";
    EXPECT_GT(pcm_peak(r.pcm), 5000) << lang;
  }
}

TEST(Speech, SlowerSpeedMakesLongerSpeech) {
  const std::string text = "Tell your YOT worker you want to know more about this course.";
  const double slow = synthesize(text, "en", 110).pcm.seconds();
  const double fast = synthesize(text, "en", 220).pcm.seconds();
  EXPECT_GT(slow, fast * 1.4);
}

TEST(Speech, EmptyAndOddTextDoNotCrash) {
  EXPECT_EQ(synthesize("", "en", 160).pcm.samples.size() < 22050u, true);
  const SpeechResult r = synthesize(std::string(10000, 'a') + " <b> \xE2\x9F\xA6id\xE2\x9F\xA7 \xff\xfe", "en", 450);
  EXPECT_LE(r.text.size(), 4000u);
}

TEST(Speech, WavRoundTrip) {
  SpeechResult r = synthesize("Hello", "en", 160);
  ASSERT_TRUE(r.error.empty()) << r.error;
  const std::string path = (std::filesystem::temp_directory_path() / "waymark-speech-test.wav").string();
  std::string err;
  ASSERT_TRUE(write_wav(path, r.pcm, &err)) << err;
  Pcm back;
  ASSERT_TRUE(read_wav(path, back, &err)) << err;
  EXPECT_EQ(back.sample_rate, r.pcm.sample_rate);
  EXPECT_EQ(back.samples, r.pcm.samples);
  std::filesystem::remove(path);
  EXPECT_FALSE(read_wav(path, back, &err));
}

TEST(Speech, WorkerKeepsOnlyTheNewestRequest) {
  SpeechWorker w;
  w.say(std::string(300, 'x') + " this is a long first request that nobody waits for", "en", 160);
  const uint64_t second = w.say("Second", "cy", 160);
  ASSERT_TRUE(w.wait_idle(20'000));
  const auto results = w.take_results();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].id, second);
  EXPECT_EQ(results[0].lang, "cy");
  EXPECT_GT(pcm_rms(results[0].pcm), 100.0);
}

TEST(Speech, CancelledSpeechNeverArrives) {
  SpeechWorker w;
  w.say("One two three four five six seven eight nine ten", "en", 160);
  w.cancel();
  ASSERT_TRUE(w.wait_idle(20'000));
  EXPECT_TRUE(w.take_results().empty());
  EXPECT_FALSE(w.busy());
}

}  // namespace
}  // namespace waymark
