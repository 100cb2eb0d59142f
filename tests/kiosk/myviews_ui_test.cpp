// tests/kiosk/myviews_ui_test.cpp: the My Views scripted UI tests and the kill test.
//
// Each tests/ui/scripts/myviews_*.wms runs headless against a fresh demo-seeded data folder. Directives in a
// script's comments: "# size: WxH" (default 1280x800), "# then: other.wms" (run another script afterwards
// on the same data folder, e.g. to sign in again after a kill or a sign-out). Screenshots land in
// build/test-output/myviews/<script>/ — look at them.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/device_store.h"
#include "core/myviews.h"
#include "core/outbox.h"
#include "tests/soak/myviews_kill.h"

namespace fs = std::filesystem;
using namespace waymark;

namespace {

std::string directive(const std::string& script, const std::string& name) {
  std::ifstream in(script);
  std::string line;
  const std::string key = "# " + name + ":";
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) {
      std::string v = line.substr(key.size());
      while (!v.empty() && v.front() == ' ') v.erase(0, 1);
      return v;
    }
  return {};
}

int run_kiosk(const std::string& data, const std::string& script, const std::string& shots, const std::string& size) {
  const std::string cmd = "SDL_AUDIODRIVER=dummy '" + std::string(WAYMARK_KIOSK_BIN) + "' --data '" + data +
                          "' --demo --headless --script '" + script + "' --shots '" + shots + "' --size " + size +
                          " 2>'" + shots + "/kiosk.stderr'";
  fs::create_directories(shots);
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 100;
}

std::vector<std::string> scripts() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(WAYMARK_UI_SCRIPTS)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("myviews_", 0) == 0 && e.path().extension() == ".wms" && n.find(".then.") == std::string::npos &&
        directive(e.path().string(), "own-test").empty())
      out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

class MyViewsScript : public ::testing::TestWithParam<std::string> {};

TEST_P(MyViewsScript, Runs) {
  const fs::path script = GetParam();
  const std::string name = script.stem().string();
  const fs::path out = fs::path(WAYMARK_TEST_OUT) / "myviews" / name;
  fs::remove_all(out);
  const std::string data = (out / "data").string();
  std::string size = directive(script.string(), "size");
  if (size.empty()) size = "1280x800";
  const int rc = run_kiosk(data, script.string(), (out / "shots").string(), size);
  EXPECT_EQ(rc, 0) << "see " << (out / "shots" / "kiosk.stderr").string();
  const std::string then = directive(script.string(), "then");
  if (rc == 0 && !then.empty()) {
    const int rc2 = run_kiosk(data, (script.parent_path() / then).string(), (out / "shots2").string(), size);
    EXPECT_EQ(rc2, 0) << "see " << (out / "shots2" / "kiosk.stderr").string();
  }
}

INSTANTIATE_TEST_SUITE_P(Ui, MyViewsScript, ::testing::ValuesIn(scripts()), [](const auto& info) {
  std::string n = fs::path(info.param).stem().string();
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

// After the full English script: what reached the database and the outbox is what the child chose.
TEST(MyViewsUi, FullFormReachesTheOutbox) {
  const fs::path script = fs::path(WAYMARK_UI_SCRIPTS) / "myviews_full_en.wms";
  const fs::path out = fs::path(WAYMARK_TEST_OUT) / "myviews" / "myviews_full_en";
  fs::remove_all(out);
  ASSERT_EQ(run_kiosk((out / "data").string(), script.string(), (out / "shots").string(), "1280x800"), 0)
      << "see " << (out / "shots" / "kiosk.stderr").string();
  auto opened = open_device((out / "data").string());
  ASSERT_TRUE(opened.db) << opened.error;
  auto items = outbox_for_child(*opened.db, "1001", "myviews");
  ASSERT_EQ(items.size(), 1u);
  const auto body = nlohmann::json::parse(items[0].body);
  std::map<std::string, nlohmann::json> a;
  for (const auto& x : body["answers"]) a[x["q"].get<std::string>()] = x;
  EXPECT_EQ(a["feeling"]["value"], 4);
  EXPECT_EQ(a["going_well"]["value"], "I did well in maths");
  EXPECT_EQ(a["live_with"]["value"], "family");
  EXPECT_EQ(a["want_to_do"]["value"], nlohmann::json::array({"college", "job"}));
  EXPECT_EQ(a["health"]["value"], "yes");
  EXPECT_TRUE(a["money"]["skipped"].get<bool>());
  EXPECT_EQ(a["proud_of"]["value"], "My art");
  EXPECT_EQ(a["take_part"]["value"], "whole");
  EXPECT_EQ(a["who_there"]["value"]["picked"], nlohmann::json::array({"Sam Patel"}));
  EXPECT_EQ(a["who_there"]["value"]["added"], nlohmann::json::array({"Nan"}));
  EXPECT_TRUE(outbox_for_child(*opened.db, "1002", "myviews").empty());
}

// The checker must see a loss: tamper with the database behind a real run's log.
TEST(MyViewsKill, CheckerSeesALoss) {
  soak::KillOptions opt;
  opt.kiosk_bin = WAYMARK_KIOSK_BIN;
  opt.work_dir = (fs::path(WAYMARK_TEST_OUT) / "myviews" / "kill-checker").string();
  fs::remove_all(opt.work_dir);
  opt.kills = 4;
  opt.workers = 1;
  soak::KillStats st = soak::run_myviews_kills(opt);
  ASSERT_TRUE(st.problems.empty()) << st.problems.front();
  ASSERT_GT(st.answers_shown_saved, 0);
  const std::string data = opt.work_dir + "/w0-set0";
  soak::CheckResult c = soak::check_shown_saved(data, data + "/shown-saved.log");
  EXPECT_EQ(c.lost, 0);
  {
    auto opened = open_device(data);
    ASSERT_TRUE(opened.db);
    Stmt s(*opened.db, "UPDATE answers SET value = :v WHERE question_id = 'going_well'");
    s.bind(":v", "\"ar\"").run();  // the last keystrokes "lost"
  }
  c = soak::check_shown_saved(data, data + "/shown-saved.log");
  EXPECT_GT(c.lost, 0);
}

// At least 200 SIGKILLs at random moments while a child types; nothing shown as saved may be lost.
TEST(MyViewsKill, TwoHundredKillsLoseNothing) {
  soak::KillOptions opt;
  opt.kiosk_bin = WAYMARK_KIOSK_BIN;
  opt.work_dir = (fs::path(WAYMARK_TEST_OUT) / "myviews" / "kill").string();
  fs::remove_all(opt.work_dir);
  opt.kills = 200;
  opt.seed = 20261123;
  const soak::KillStats st = soak::run_myviews_kills(opt);
  for (const auto& p : st.problems) ADD_FAILURE() << p;
  EXPECT_GE(st.kills, 200);
  EXPECT_EQ(st.lost, 0);
  EXPECT_GT(st.answers_shown_saved, 200) << "too few kills landed while typing to mean anything";
  std::printf("kills=%d answers_shown_saved=%d lost=%d (runs %d, finished %d, data sets %d)\n", st.kills,
              st.answers_shown_saved, st.lost, st.runs, st.finished_ok, st.data_sets);
}
