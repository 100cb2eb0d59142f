// tests/kiosk/demo_tour_test.cpp: the README's demo command with no display plays assets/tour/demo-tour.wms
// headless on the demo establishment. The tour must play to the end and write its 22 screenshots, by name, on
// any day (the test programs fix "now"; scripts/test-dates.sh plays it at awkward dates too).
// The shots land in build/test-output/demo-tour/ to look at.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "tests/kiosk/test_util.h"

namespace fs = std::filesystem;
using namespace waymark::test;

TEST(DemoTour, PlaysToTheEndAndWritesItsTwentyTwoScreenshots) {
  const std::string base = fresh_dir("demo-tour");
  const std::string data = base + "/data";
  const std::string shots = base + "/shots";
  // as scripts/demo.sh does it: waymarkctl seeds, the kiosk plays the tour
  const RunResult seed = run({WAYMARK_CTL_BIN, "demo-seed", "--data", data}, 60);
  ASSERT_EQ(seed.exit_code, 0) << seed.output;
  const std::string tour = std::string(WAYMARK_TESTS_DIR) + "/../assets/tour/demo-tour.wms";
  const RunResult r = run({WAYMARK_KIOSK_BIN, "--data", data, "--headless", "--script", tour, "--shots", shots}, 300,
                          {"SDL_AUDIODRIVER=dummy"});
  ASSERT_FALSE(r.timed_out) << r.output;
  ASSERT_EQ(r.exit_code, 0) << r.output;

  const std::set<std::string> expected = {
      "01-sign-in",      "02-sign-in-welsh", "03-pin",        "04-home",           "05-courses",
      "06-listing",      "07-asked",         "08-my-views",   "09-my-views-question", "10-message-compose",
      "11-message-sent", "12-meetings",      "12a-plan",         "12b-plan-late-action", "12c-plan-day-out", "13-help-and-settings", "14-home-big-text", "15-still-there",
      "16-home-welsh",   "17-courses-welsh", "18-my-views-welsh",    "19-staff"};
  std::set<std::string> written;
  for (const auto& e : fs::directory_iterator(shots))
    if (e.path().extension() == ".png" && fs::file_size(e.path()) > 1000) written.insert(e.path().stem().string());
  EXPECT_EQ(written, expected);
}
