// tests/kiosk/myviews_ui_test.cpp: My Views checks beyond what ui_scripts_test plays on its own: what the
// full English script leaves in the outbox, resuming in a new process after a restart, and the kill test.
// (tests/ui/scripts/myviews_*.wms are also played by ui_scripts_test.cpp; their screenshots, every question
// type in English and Welsh, land in build/test-output/ui/myviews_full_en/ and .../myviews_full_cy/.)
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "core/storage/device_store.h"
#include "core/myviews/myviews.h"
#include "core/messaging/outbox.h"
#include "tests/kiosk/test_util.h"
#include "tests/soak/myviews_kill.h"

namespace fs = std::filesystem;
using namespace waymark;
using namespace waymark::test;

namespace {
RunResult play(const std::string& data, const std::string& script, const std::string& shots, const std::string& size) {
  return run({WAYMARK_KIOSK_BIN, "--data", data, "--headless", "--script", script, "--shots", shots, "--size", size}, 300,
             {"SDL_AUDIODRIVER=dummy"});
}
}  // namespace

// After the full English script: what reached the database and the outbox is what the child chose.
TEST(MyViewsUi, FullFormReachesTheOutbox) {
  const std::string data = demo_dir("myviews/outbox");
  const RunResult r = play(data, std::string(WAYMARK_UI_SCRIPTS) + "/myviews_full_en.wms", data + "/../outbox-shots", "1280x800");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto opened = open_device(data);
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
  EXPECT_EQ(a["who_there"]["value"]["picked"], nlohmann::json::array({"Sam Taylor"}));
  EXPECT_EQ(a["who_there"]["value"]["added"], nlohmann::json::array({"Nan"}));
  EXPECT_TRUE(outbox_for_child(*opened.db, "1002", "myviews").empty());
}

// Called away mid-sentence (idle sign-out), then the kiosk restarts: a new process resumes at the same
// question with the text there, sends, and a change after sending replaces the first response.
TEST(MyViewsUi, ResumeAfterRestartThenChangeAfterSend) {
  const std::string data = demo_dir("myviews/restart");
  RunResult r = play(data, std::string(WAYMARK_UI_SCRIPTS) + "/myviews_resume.wms", data + "/../shots1", "1024x640");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = play(data, std::string(WAYMARK_UI_SCRIPTS) + "/../myviews/resume_after_restart.wms", data + "/../shots2", "1024x640");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto opened = open_device(data);
  ASSERT_TRUE(opened.db) << opened.error;
  auto items = outbox_for_child(*opened.db, "1001", "myviews");
  ASSERT_EQ(items.size(), 2u);
  const auto first = nlohmann::json::parse(items[0].body), second = nlohmann::json::parse(items[1].body);
  EXPECT_EQ(first["supersedes"], nullptr);
  EXPECT_EQ(second["supersedes"], items[0].id);
  EXPECT_EQ(first["answers"][0]["value"], 3);
  EXPECT_EQ(second["answers"][0]["value"], 5);
  EXPECT_EQ(second["answers"][1]["value"], "Going well at the gym");
}

// The checker must see a loss: tamper with the database behind a real run's log.
TEST(MyViewsKill, CheckerSeesALoss) {
  soak::KillOptions opt;
  opt.kiosk_bin = WAYMARK_KIOSK_BIN;
  opt.work_dir = fresh_dir("myviews/kill-checker");
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
  opt.work_dir = fresh_dir("myviews/kill");
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
