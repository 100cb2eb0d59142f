// tests/kiosk/transfer_drafts_ui_test.cpp: a transferred child's unsent words (issue 14) as she sees them on the
// new establishment's real waymark-kiosk, headless: the `draft` changes are applied to a demo data folder as a
// sync applies them (core/sync/feed.h), then tests/ui/transfer/carried_drafts.wms is played; screenshots land in
// <build>/test-output/ui-transfer/drafts/ (look at them). (Apart from transfer_ui_test.cpp: messaging.h, which
// that one needs, and myviews.h both name a SendResult.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/clock.h"
#include "core/messaging/outbox.h"
#include "core/myviews/myviews.h"
#include "core/plan/plan_answers.h"
#include "core/storage/device_store.h"
#include "core/sync/feed.h"
#include "core/sync/wire.h"
#include "tests/kiosk/test_util.h"

using namespace waymark;
using namespace waymark::test;
using nlohmann::json;

namespace {

RunResult play(const std::string& data, const std::string& script, const std::string& shots) {
  return run({WAYMARK_KIOSK_BIN, "--data", data, "--headless", "--script",
              std::string(WAYMARK_UI_SCRIPTS) + "/../transfer/" + script, "--shots", shots, "--size", "1280x800"},
             300, {"SDL_AUDIODRIVER=dummy"});
}

void apply(Db& db, const std::string& kind, const json& data, int64_t now_s) {
  SyncReport rep;
  sync::apply_change(db, json{{"seq", 1}, {"kind", kind}, {"data", data}}, "Oak", now_s, rep);
}

}  // namespace

TEST(TransferUi, HerUnsentMyViewsAndGoalOpenOnTheNewKioskAsHerDrafts) {
  const std::string data = demo_dir("transfer-ui/drafts");
  const int64_t now = wall_now_ms() / 1000;
  {
    auto opened = open_device(data);
    ASSERT_TRUE(opened.db) << opened.error;
    Db& db = *opened.db;
    wire::DraftBody views;
    views.child = "1002";
    views.what = "myviews";
    views.updated_at = now - 7200;
    views.meeting = "de300000000000000000000000100201";  // her pre-release meeting, by the gateway's id
    views.meeting_type = "pre_release";
    views.form = kDefaultFormId;
    views.form_version = 1;
    views.current_q = "going_well";
    views.answers = {{"feeling", 4, false}, {"going_well", "Dw i'n dda mewn celf", false}, {"no_such_question", "x", false}};
    wire::DraftBody goal;
    goal.child = "1002";
    goal.what = "plan_goal";
    goal.updated_at = now - 7000;
    goal.pathway = "family";
    goal.text = "Bydda i'n ffonio Mam bob dydd";
    Txn t(db);
    apply(db, "draft", json(views), now);
    apply(db, "draft", json(goal), now);
    t.commit();
  }
  const RunResult r = play(data, "carried_drafts.wms", std::string(WAYMARK_TEST_OUT) + "/ui-transfer/drafts");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto opened = open_device(data);
  ASSERT_TRUE(opened.db) << opened.error;
  const auto all = myviews_all(*opened.db, "1002");
  ASSERT_EQ(all.size(), 1u);  // one draft, never sent for her
  EXPECT_FALSE(all[0].sent);
  EXPECT_EQ(all[0].answers.count("no_such_question"), 0u);  // only answers the form here has
  EXPECT_EQ(plan::load_goal_draft(*opened.db, "1002", plan::Pathway::Family), "Bydda i'n ffonio Mam bob dydd");
  EXPECT_EQ(outbox_for_child(*opened.db, "1002", "myviews").size(), 0u);
  EXPECT_EQ(outbox_for_child(*opened.db, "1002", "plan_answer").size(), 0u);
}
