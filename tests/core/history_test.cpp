// core/messaging/history: what a transferred child wrote on another establishment's kiosks, as the feed's
// `history` changes bring it: stored once, already sent, never in the outbox; shown where the child's own show
// (the conversation, My Views, their list); refused when it does not fit. And core/sync/departures for a child
// who is signed in when they leave: kept until signed out, what they were writing sent first.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/messaging/history.h"
#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"
#include "core/sync/departures.h"
#include "core/sync/feed.h"
#include "core/sync/wire.h"

using namespace waymark;
using nlohmann::json;

namespace {

std::string id_of(char c) { return std::string(32, c); }

struct HistoryTest : ::testing::Test {
  Db db{":memory:"};
  SyncReport rep;
  void SetUp() override {
    db.exec("PRAGMA foreign_keys=ON;");
    migrate(db, device_migrations());
    apply("child", json(wire::RosterChild{wire::kWireVersion, "1002", "Cerys", "$argon2id$fake", "cy", "Ash",
                                          std::nullopt, std::nullopt, std::nullopt, true}));
    db.exec("INSERT INTO contacts(child, worker_id, name, org, allowed) VALUES('1002', 3, 'Rhian Evans', 'Cardiff YOS', 1);"
            "INSERT INTO inbox(id, child, worker_id, text, sent_at, server_seq) VALUES('w1', '1002', 3, 'Shwmae', 150, 1);");
  }
  void apply(const std::string& kind, const json& data) {
    Txn t(db);
    sync::apply_change(db, json{{"seq", 1}, {"kind", kind}, {"data", data}}, "Ash", 1000, rep);
    t.commit();
  }
  void history(const std::string& id, const std::string& kind, const json& body, int64_t at, const std::string& state = "sent",
               const std::string& child = "1002") {
    apply("history", json(wire::HistoryRecord{wire::kWireVersion, id, kind, child, body.dump(), at, state, at}));
  }
  int64_t n(const std::string& sql) {
    Stmt s(db, sql);
    s.step();
    return s.i64(0);
  }
  std::vector<std::string> thread() {
    std::vector<std::string> out;
    for (const ConversationItem& c : conversation(db, "1002", 3)) out.push_back((c.from_child ? "C:" : "W:") + c.text + "/" + c.state);
    return out;
  }
};

json message(const std::string& text) { return json{{"v", 1}, {"to", 3}, {"text", text}}; }

}  // namespace

TEST_F(HistoryTest, MessagesJoinTheConversationOnceInTimeOrderAndNeverGoUp) {
  history(id_of('a'), "message", message("Helo"), 100);
  history(id_of('b'), "message", message("Diolch"), 200, "read");
  history(id_of('a'), "message", message("Helo"), 100);            // the same change again
  history(id_of('b'), "message", message("Diolch"), 200, "sent");  // a late, older state
  EXPECT_EQ(thread(), (std::vector<std::string>{"C:Helo/sent", "W:Shwmae/", "C:Diolch/read"}));
  EXPECT_EQ(n("SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(rep.history, 4);
  // A message written here afterwards sits in its place by time, and only it goes up.
  ASSERT_EQ(send_message(db, "1002", 3, "Wela i ti", 300).status, SendStatus::Ok);
  EXPECT_EQ(thread().back(), "C:Wela i ti/waiting");
  EXPECT_EQ(outbox_pending(db, 100).size(), 1u);
  // The gateway sends this kiosk's own record back to it (a child who was transferred): its outbox row stands.
  const std::string own = outbox_pending(db, 1)[0].id;
  history(own, "message", message("Wela i ti"), 300, "read");
  EXPECT_EQ(n("SELECT count(*) FROM history"), 2);
  EXPECT_EQ(thread().size(), 4u);
}

TEST_F(HistoryTest, WhatDoesNotFitIsSkippedAndChangesNothing) {
  history("not-an-id", "message", message("x"), 1);
  history(id_of('c'), "message", json{{"v", 1}, {"to", 3}, {"text", ""}}, 1);           // an empty message
  history(id_of('d'), "message", json{{"v", 1}, {"to", 3}, {"text", "x"}, {"cc", 4}}, 1); // a key it lacks
  history(id_of('e'), "plan", json{{"v", 1}}, 1);                                          // not an upload kind
  history(id_of('f'), "message", message("x"), 1, "sent", "1001");                         // a child not here
  history(id_of('1'), "myviews",
          json{{"v", 1}, {"form", "myviews-default"}, {"form_version", 1}, {"child", "1001"}, {"lang", "en"},
               {"meeting", {{"id", 1}, {"type", "review"}, {"starts_at", 5}}}, {"started_at", 1}, {"finalized_at", 2},
               {"answers", json::array()}},
          1);  // another child's My Views in the record of this one
  apply("history", json{{"v", 1}, {"id", id_of('2')}, {"kind", "message"}, {"child", "1002"}, {"body", "{"},
                        {"created_at", 1}, {"state", "sent"}});
  apply("history", json{{"v", 1}, {"id", id_of('3')}, {"kind", "message"}, {"child", "1002"}, {"body", message("x").dump()},
                        {"created_at", 1}, {"state", "waiting"}});  // never sent: not history
  EXPECT_EQ(n("SELECT count(*) FROM history"), 0);
  EXPECT_EQ(rep.history, 0);
}

TEST_F(HistoryTest, ASignedInChildIsKeptUntilSignedOutAndWhatTheyWereWritingGoesFirst) {
  history(id_of('a'), "message", message("Helo"), 100);
  save_draft(db, "1002", 3, "Rydw i'n symud", 150);
  apply("child_left", json(wire::ChildLeft{wire::kWireVersion, "1002"}));
  EXPECT_TRUE(sync::departing(db, "1002"));
  auto signed_in = [](const std::string& c) { return c == "1002"; };
  EXPECT_TRUE(sync::remove_departed_children(db, 200, signed_in).empty());
  EXPECT_EQ(n("SELECT count(*) FROM message_drafts"), 1);

  // The kiosk signs her out: her draft becomes a message, which must go up before she is removed.
  EXPECT_EQ(sync::send_departing_drafts(db, "1002", 210), 1);
  EXPECT_EQ(n("SELECT count(*) FROM message_drafts"), 0);
  EXPECT_TRUE(sync::remove_departed_children(db, 220).empty());
  {
    Txn t(db);
    outbox_advance(db, outbox_pending(db, 1)[0].id, "sent", 230);
    t.commit();
  }
  db.exec("INSERT INTO meta(key, value) VALUES('sync_resend_after', '999') ON CONFLICT(key) DO UPDATE SET value = excluded.value;");
  EXPECT_EQ(sync::remove_departed_children(db, 240), std::vector<std::string>{"1002"});
  EXPECT_EQ(n("SELECT count(*) FROM history"), 0);
  EXPECT_FALSE(sync::departing(db, "1002"));
}
