// Every child can use it: the real kiosk, headless, driven by scripts.
//  - ScreensPassChecksAtEverySize: every screen on main (sign-in, staff sign-in and menu, home, help and
//    settings, the parts behind the home tiles (My plan too), the idle countdown) in English and Welsh, at all
//    three text sizes, with the usual look and with the dyslexia-friendly letters and strong colours. Each shot's
//    frame report and PNG go through kiosk/driver/frame_checks.h: contrast >= 4.5:1, tap targets >= 64 px
//    at 1920x1080, nothing cut off or overlapping, and the speaker button on every screen; the Courses list
//    shows two whole listing cards under its header.
//  - ReadAloud{English,Welsh}: tests/ui/a11y/read_aloud_*.wms with --speech-dir: real, audible WAV files in
//    the child's language, and reading stops when the child moves on.
// Shots and reports stay in build/test-output/a11y/ to look at.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/i18n/speech.h"
#include "kiosk/driver/frame_checks.h"
#include "tests/kiosk/test_util.h"

namespace fs = std::filesystem;
using namespace waymark::kiosk;

namespace {

const fs::path kOut = fs::path(WAYMARK_TEST_OUT) / "a11y";
const fs::path kScripts = fs::path(WAYMARK_TESTS_DIR) / "ui" / "a11y";

struct KioskRun {
  int exit_code = -1;
  std::string log;
};

// Runs the kiosk headless over a fresh demo data folder in dir (tests/kiosk/test_util.h: a time limit,
// output captured).
KioskRun run_kiosk(const fs::path& dir, const std::string& script, bool speech, const std::string& extra = {}) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "script.wms") << script;
  KioskRun r;
  const auto seeded = waymark::test::run({WAYMARK_CTL_BIN, "demo-seed", "--data", (dir / "data").string()}, 60);
  if (seeded.exit_code != 0) {
    r.log = "demo-seed failed: " + seeded.output;
    return r;
  }
  std::vector<std::string> argv = {WAYMARK_KIOSK_BIN, "--headless", "--data", (dir / "data").string(),
                                   "--script", (dir / "script.wms").string(), "--shots", (dir / "shots").string(),
                                   "--frame-report", (dir / "frames.jsonl").string()};
  if (speech) argv.insert(argv.end(), {"--speech-dir", (dir / "speech").string()});
  std::istringstream ss(extra);
  for (std::string a; ss >> a;) argv.push_back(a);
  const auto res = waymark::test::run(argv, 300, {"SDL_AUDIODRIVER=dummy"});
  r.exit_code = res.exit_code;
  r.log = res.output;
  std::ofstream(dir / "log.txt") << r.log;
  return r;
}

std::vector<nlohmann::json> read_lines(const fs::path& p) {
  std::vector<nlohmann::json> out;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

struct Combo {
  std::string lang;  // en: child 1001; cy: child 1002, whose language is Welsh
  int size;          // 0, 1, 2
  bool strong;       // dyslexia-friendly letters and strong colours
  std::string name() const { return lang + "-size" + std::to_string(size) + (strong ? "-dyslexic-strong" : ""); }
};

std::string child_script(const Combo& c) {
  std::string s;
  s += c.lang == "cy" ? "type 1002\ntap #signin.next\ntype 2468\ntap #signin.submit\n"
                      : "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\n";
  // the letters and colours, then the size, while each choice is still on the first screenful
  s += "tap #home.help\n";
  if (c.strong) s += "tap #settings.font.dyslexic\ntap #settings.colours.strong\n";
  if (c.size) s += "tap #settings.size." + std::to_string(c.size) + "\n";
  s += "shot help\n";
  // the rest of the settings list
  s += "swipe 400 1000 400 120 100\nshot help-more\nswipe 400 1000 400 120 100\nshot help-end\n";
  s += "tap #nav.back\nshot home\n";
  for (const char* tile : {"courses", "myviews", "messages", "meetings"}) {
    s += std::string("tap #home.") + tile + "\nshot " + tile + "\n";
    // a listing's page: for 1002 the second card has no Welsh, so it shows the "Saesneg" marker
    if (std::string(tile) == "courses") {
      // Alex (1001) opens the first card: the card he already asked about moves with the demo's dates, and
      // its page says where the enquiry is, not "I'm interested"
      s += c.lang == "cy" ? "tap #listing.open.1\n" : "tap #listing.open\n";  // a whole card, at every size
      s += c.lang == "cy" ? "expect Mae gen i ddiddordeb\n" : "expect I'm interested\n";  // on the listing's page
      s += "shot listing\ntap #nav.back\n";
    }
    s += "tap #nav.back\n";
  }
  // My plan: the plan page, a pathway with a late action and its answers, the own goal keyboard, the day out
  s += "tap #home.plan\nshot plan\ntap #plan.pathway.accommodation\ntap #plan.talk\nshot plan-pathway\n";
  s += "tap #plan.own_goal\nshot plan-own-goal\ntap #nav.back\ntap #nav.back\ntap #plan.dayout\nshot plan-dayout\n";
  s += "tap #nav.back\ntap #nav.back\n";
  // the countdown starts at 40 s; the shot comes just after, leaving most of its 20 s for a slow machine
  s += "idle 41\nshot idle\ntap #idle.stay\n";
  s += "tap #nav.signout\nexpect-not Hi \n";
  return s;
}

std::string door_script(const std::string& lang) {
  std::string s = lang == "cy" ? "tap #signin.lang\n" : "";
  s += "shot signin\ntype 1001\ntap #signin.next\ntype 9999\ntap #signin.submit\nshot signin-wrong\n";
  s += "tap #signin.back\ntap #staff.signin\nshot staff-signin\n";
  s += "type 9002\ntap #signin.next\ntype 7531\ntap #signin.submit\nshot staff-menu\n";
  // education staff: the curation list and the listing form with its problems (staff words, English only)
  s += "tap #nav.back\ntap #staff.signin\ntype 9001\ntap #signin.next\ntype 8642\ntap #signin.submit\n";
  s += "tap #staff.part.staff-listings\ntap #staff.listing.0\nshot staff-listings\n";
  s += "tap #staff.listings.new\ntap #staff.edit.save\nshot staff-edit\ntap #staff.edit.field.title\nshot staff-edit-typing\n";
  return s;
}

std::string check_run(const fs::path& dir, const std::set<std::string>& no_read_button) {
  std::string problems;
  const auto frames = read_lines(dir / "frames.jsonl");
  if (frames.empty()) return "  no frames reported\n";
  for (const auto& f : frames) {
    const std::string shot = f["shot"];
    checks::Options opt;
    if (!no_read_button.count(shot)) opt.require_ids = {"nav.read"};
    // The Courses list shows at least one whole row of cards (two whole listings) under its header at every
    // text size and in both languages: the driver records a card only when all of it is on screen.
    if (shot == "courses") opt.require_ids.insert(opt.require_ids.end(), {"listing.open", "listing.open.1"});
    checks::Image png;
    std::string err;
    const bool have_png = png.load_png(f["png"].get<std::string>(), &err);
    if (!have_png) problems += "  " + shot + ": " + err + "\n";
    problems += checks::describe(checks::check_frame(f, have_png ? &png : nullptr, opt), dir.filename().string() + "/" + shot);
  }
  return problems;
}

}  // namespace

TEST(FrameChecks, ContrastMathMatchesWcag) {
  using checks::Rgb;
  EXPECT_NEAR(checks::contrast_ratio(Rgb{0, 0, 0}, Rgb{255, 255, 255}), 21.0, 0.01);
  EXPECT_NEAR(checks::contrast_ratio(Rgb{119, 119, 119}, Rgb{255, 255, 255}), 4.48, 0.01);  // #777 fails AA
  EXPECT_NEAR(checks::contrast_ratio(Rgb{118, 118, 118}, Rgb{255, 255, 255}), 4.54, 0.01);  // #767676 passes
  checks::Rgb c;
  EXPECT_TRUE(checks::parse_hex("#1F5C99", c));
  EXPECT_EQ(c, (Rgb{0x1F, 0x5C, 0x99}));
  EXPECT_FALSE(checks::parse_hex("1F5C99", c));
}

TEST(FrameChecks, FindsEachKindOfProblem) {
  const nlohmann::json f = nlohmann::json::parse(R"({
    "width": 1920, "height": 1080,
    "items": [{"label": "Tiny", "id": "x.tiny", "rect": [10, 10, 200, 50], "enabled": true},
              {"label": "Big", "id": "x.big", "rect": [100, 20, 400, 120], "enabled": true}],
    "texts": [{"text": "Grey on white", "rect": [500, 500, 700, 540], "fg": "#999999", "bg": "#FFFFFF"},
              {"text": "Off the edge", "rect": [1800, 500, 2000, 540], "fg": "#000000", "bg": "#FFFFFF"},
              {"text": "On top", "rect": [510, 510, 600, 530], "fg": "#000000", "bg": "#FFFFFF"}],
    "cut": [{"text": "Too long for its button", "rect": [0, 0, 10, 10], "fg": "#000000", "bg": "#FFFFFF"}]})");
  checks::Options opt;
  opt.require_ids = {"nav.read"};
  std::map<std::string, int> kinds;
  for (const auto& p : checks::check_frame(f, nullptr, opt)) kinds[p.kind]++;
  EXPECT_EQ(kinds["contrast"], 1);
  EXPECT_EQ(kinds["target"], 1);
  EXPECT_EQ(kinds["cut"], 2);
  EXPECT_EQ(kinds["overlap"], 2);  // two texts, two buttons
  EXPECT_EQ(kinds["missing"], 1);
}

TEST(A11yScreens, ScreensPassChecksAtEverySize) {
  struct Job {
    std::string name, script, args;
  };
  // All at the kiosk's 1920x1080 (headless runs rasterize only the shots, so this is cheap). Idle after
  // 60 s, countdown from 40 s: the idle clock is real time plus the script's time, and a busy CI machine
  // takes real seconds between taps.
  const std::string args = "--idle-seconds 60";
  std::vector<Job> jobs;
  for (const char* lang : {"en", "cy"}) {
    jobs.push_back({std::string("door-") + lang, door_script(lang), args});
    for (int size = 0; size <= 2; size++)
      for (bool strong : {false, true}) {
        const Combo c{lang, size, strong};
        jobs.push_back({c.name(), child_script(c), args});
      }
  }
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::string failures;
  auto worker = [&] {
    for (size_t i; (i = next++) < jobs.size();) {
      const fs::path dir = kOut / jobs[i].name;
      const KioskRun r = run_kiosk(dir, jobs[i].script, false, jobs[i].args);
      std::string p;
      if (r.exit_code != 0) p += "  the script failed (exit " + std::to_string(r.exit_code) + "):\n" + r.log + "\n";
      p += check_run(dir, {"idle", "staff-signin", "staff-menu"});
      std::lock_guard<std::mutex> l(mu);
      if (!p.empty()) failures += jobs[i].name + ":\n" + p;
    }
  };
  std::thread a(worker), b(worker);  // two at a time: the CI machine has two cores
  a.join();
  b.join();
  EXPECT_TRUE(failures.empty()) << failures << "(shots in " << kOut.string() << ")";
}

namespace {
void check_speech(const fs::path& dir, const std::string& lang, const std::vector<std::string>& must_say) {
  const auto lines = read_lines(dir / "speech" / "speech.jsonl");
  std::vector<nlohmann::json> said;
  int stops = 0;
  for (const auto& l : lines) {
    if (l.contains("event")) stops += l["event"] == "stop";
    else said.push_back(l);
  }
  ASSERT_EQ(said.size(), must_say.size()) << "utterances in " << (dir / "speech").string();
  for (size_t i = 0; i < said.size(); i++) {
    const auto& u = said[i];
    EXPECT_EQ(u["lang"], lang);
    EXPECT_NE(u["text"].get<std::string>().find(must_say[i]), std::string::npos)
        << "utterance " << i + 1 << " was \"" << u["text"].get<std::string>() << "\", wanted \"" << must_say[i] << "\"";
    waymark::Pcm pcm;
    std::string err;
    ASSERT_TRUE(waymark::read_wav((dir / "speech" / u["file"].get<std::string>()).string(), pcm, &err)) << err;
    EXPECT_GT(pcm.seconds(), 0.5) << u["file"];
    EXPECT_GT(waymark::pcm_rms(pcm), 300.0) << u["file"] << " is silent";
  }
  if (lang == "en") EXPECT_GE(stops, 1) << "moving to another screen must stop the reading";
}
}  // namespace

TEST(A11yScreens, ReadAloudEnglish) {
  std::ifstream in(kScripts / "read_aloud_en.wms");
  std::stringstream ss;
  ss << in.rdbuf();
  ASSERT_FALSE(ss.str().empty()) << "no script " << (kScripts / "read_aloud_en.wms").string();
  const fs::path dir = kOut / "read-aloud-en";
  const KioskRun r = run_kiosk(dir, ss.str(), true);
  ASSERT_EQ(r.exit_code, 0) << r.log;
  check_speech(dir, "en",
               {"Plan your next steps", "Hi Alex", "Voice speed: Slow", "Help and settings. Change how Waymark"});
}

// A Welsh child on a listing with no Welsh: the screen's words in Welsh, the listing's English words in English,
// one after the other, each a real, audible WAV.
TEST(A11yScreens, ReadAloudWelshScreenWithEnglishListing) {
  std::ifstream in(kScripts / "read_aloud_listing_cy.wms");
  std::stringstream ss;
  ss << in.rdbuf();
  ASSERT_FALSE(ss.str().empty()) << "no script " << (kScripts / "read_aloud_listing_cy.wms").string();
  const fs::path dir = kOut / "read-aloud-listing-cy";
  const KioskRun r = run_kiosk(dir, ss.str(), true);
  ASSERT_EQ(r.exit_code, 0) << r.log;
  std::vector<std::pair<std::string, std::string>> said;  // lang, text
  for (const auto& u : read_lines(dir / "speech" / "speech.jsonl")) {
    if (u.contains("event")) continue;
    said.emplace_back(u["lang"], u["text"]);
    waymark::Pcm pcm;
    std::string err;
    ASSERT_TRUE(waymark::read_wav((dir / "speech" / u["file"].get<std::string>()).string(), pcm, &err)) << err;
    EXPECT_GT(pcm.seconds(), 0.3) << u["file"];
    EXPECT_GT(waymark::pcm_rms(pcm), 300.0) << u["file"] << " is silent";
  }
  auto find = [&](const std::string& words) -> std::string {
    for (const auto& [lang, text] : said)
      if (text.find(words) != std::string::npos) return lang;
    return "not read";
  };
  EXPECT_EQ(find("Clwb neu chwaraeon"), "cy");       // the kind, in the top bar
  EXPECT_EQ(find("Youth music project"), "en");      // the English title
  EXPECT_EQ(find("Pa mor hir"), "cy");               // the screen's labels
  EXPECT_EQ(find("10 wythnos"), "cy");               // "10 weeks", put into Welsh
  EXPECT_EQ(find("Write lyrics, make beats"), "en"); // the English summary
  for (const auto& [lang, text] : said) {
    EXPECT_TRUE(lang == "en" || lang == "cy") << lang;
    EXPECT_EQ(text.find("Saesneg"), std::string::npos) << "the marker is for the eye, not read out: " << text;
  }
}

TEST(A11yScreens, ReadAloudWelsh) {
  std::ifstream in(kScripts / "read_aloud_cy.wms");
  std::stringstream ss;
  ss << in.rdbuf();
  ASSERT_FALSE(ss.str().empty()) << "no script " << (kScripts / "read_aloud_cy.wms").string();
  const fs::path dir = kOut / "read-aloud-cy";
  const KioskRun r = run_kiosk(dir, ss.str(), true);
  ASSERT_EQ(r.exit_code, 0) << r.log;
  check_speech(dir, "cy", {"Cynllunia dy gamau nesaf", "Haia", "Maint y geiriau: Mawr", "Help a gosodiadau"});
}
