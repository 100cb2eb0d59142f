// tests/kiosk/transfer_ui_test.cpp: transfers (issue 14) as a child sees them on the real waymark-kiosk, headless.
// The data folder is prepared the way a sync leaves it (the feed's own apply, core/sync/feed.h), then a script
// from tests/ui/transfer/ is played; screenshots land in <build>/test-output/ui-transfer/ (look at them).
//  - on the new establishment's kiosk: Cerys's own messages, which followed her, beside her worker's reply;
//  - on the old one, signed in when she is marked as leaving: what she was writing is sent and she is signed
//    out with a kind word in her language (and Alex in his), nothing of hers on screen.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/base/clock.h"
#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
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

TEST(TransferUi, HerOwnMessagesShowOnTheNewKioskBesideTheWorkersReply) {
  const std::string data = demo_dir("transfer-ui/history");
  int64_t outbox_before = 0;
  {
    auto opened = open_device(data);
    ASSERT_TRUE(opened.db) << opened.error;
    Db& db = *opened.db;
    const int64_t now = wall_now_ms() / 1000;
    Txn t(db);
    auto mine = [&](char c, const std::string& text, int64_t at, const std::string& state) {
      apply(db, "history", json(wire::HistoryRecord{wire::kWireVersion, std::string(32, c), "message", "1002",
                                                   json{{"v", 1}, {"to", 2}, {"text", text}}.dump(), at, state, at}), now);
    };
    mine('a', "Helo Rhian, dw i wedi symud", now - 3600, "read");
    apply(db, "message", json(wire::WorkerMessage{wire::kWireVersion, "w-1", "1002", "Shwmae Cerys, croeso", 2, now - 1800}), now);
    mine('b', "Diolch am dy help", now - 600, "delivered");
    t.commit();
    outbox_before = outbox_backlog(db).total;  // the demo's own
  }
  const RunResult r = play(data, "history_messages.wms", std::string(WAYMARK_TEST_OUT) + "/ui-transfer/history");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto opened = open_device(data);
  ASSERT_TRUE(opened.db) << opened.error;
  EXPECT_EQ(outbox_backlog(*opened.db).total, outbox_before);  // shown, never put in the outbox
  EXPECT_EQ(outbox_for_child(*opened.db, "1002", "message").size(), 0u);
}

TEST(TransferUi, SignedInWhenMovedWhatTheyWroteIsSentAndTheyAreSignedOutKindly) {
  const std::string data = demo_dir("transfer-ui/moved");
  {
    auto opened = open_device(data);
    ASSERT_TRUE(opened.db) << opened.error;
    Db& db = *opened.db;
    const int64_t now = wall_now_ms() / 1000;
    save_draft(db, "1002", 2, "Rydw i'n symud yfory", now);
    Txn t(db);
    for (const char* child : {"1002", "1001"}) apply(db, "child_left", json(wire::ChildLeft{wire::kWireVersion, child}), now);
    t.commit();
  }
  const RunResult r = play(data, "signed_in_when_moved.wms", std::string(WAYMARK_TEST_OUT) + "/ui-transfer/moved");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto opened = open_device(data);
  ASSERT_TRUE(opened.db) << opened.error;
  const auto sent = outbox_for_child(*opened.db, "1002", "message");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(json::parse(sent[0].body)["text"], "Rydw i'n symud yfory");
  EXPECT_EQ(load_draft(*opened.db, "1002", 2), "");
}
