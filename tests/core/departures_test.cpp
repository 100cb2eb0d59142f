// core/sync/departures: a child transferred away (the feed's `child_left`) leaves the kiosk only once nothing of
// theirs waits to go up; then every row of theirs goes, and no other child's; a child who comes back stays.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

struct DeparturesTest : ::testing::Test {
  Db db{":memory:"};
  SyncReport rep;
  void SetUp() override {
    migrate(db, device_migrations());
    for (const char* n : {"1001", "1002"}) child(n, "Oak");
    db.exec("INSERT INTO contacts(child, worker_id, name, org, allowed) VALUES('1001', 1, 'Sam Taylor', 'Leeds YOT', 1),"
            "('1002', 3, 'Rhian Evans', 'Cardiff YOS', 1);"
            "INSERT INTO inbox(id, child, worker_id, text, sent_at, server_seq) VALUES('w1', '1002', 3, 'Helo', 1, 1),"
            "('w2', '1001', 1, 'Hi', 1, 2);");
  }
  void apply(const std::string& kind, const json& data) {
    Txn t(db);
    sync::apply_change(db, json{{"seq", 1}, {"kind", kind}, {"data", data}}, "Oak", 100, rep);
    t.commit();
  }
  void child(const std::string& number, const std::string& wing, bool active = true) {
    apply("child", json(wire::RosterChild{wire::kWireVersion, number, "Child" + number, "$argon2id$fake", "en", wing,
                                          std::nullopt, std::nullopt, std::nullopt, active}));
  }
  int64_t n(const std::string& sql) {
    Stmt s(db, sql);
    s.step();
    return s.i64(0);
  }
};

}  // namespace

TEST_F(DeparturesTest, AChildLeavesOnlyAfterWhatWaitedWentUp) {
  const auto sent = send_message(db, "1002", 3, "Diolch", 50);
  ASSERT_EQ(sent.status, SendStatus::Ok);
  child("1002", "Ash", false);
  apply("child_left", json(wire::ChildLeft{wire::kWireVersion, "1002"}));
  EXPECT_TRUE(sync::remove_departed_children(db, 200).empty());  // her message has not gone up yet
  EXPECT_EQ(n("SELECT count(*) FROM inbox WHERE child = '1002'"), 1);
  {
    Txn t(db);
    outbox_advance(db, sent.id, "sent", 201);
    t.commit();
  }
  db.exec("INSERT INTO meta(key, value) VALUES('sync_resend_after', '999') ON CONFLICT(key) DO UPDATE SET value = excluded.value;");
  EXPECT_EQ(sync::remove_departed_children(db, 202), std::vector<std::string>{"1002"});
  for (const char* t : {"children WHERE number = '1002'", "outbox WHERE child = '1002'", "inbox WHERE child = '1002'",
                        "contacts WHERE child = '1002'", "departures", "audit WHERE detail LIKE '%1002%'"})
    EXPECT_EQ(n(std::string("SELECT count(*) FROM ") + t), 0) << t;
  EXPECT_EQ(n("SELECT count(*) FROM children WHERE number = '1001'"), 1);
  EXPECT_EQ(n("SELECT count(*) FROM inbox WHERE child = '1001'"), 1);
  EXPECT_EQ(n("PRAGMA secure_delete"), 1);
}

TEST_F(DeparturesTest, AChildWhoComesBackBeforeLeavingStays) {
  apply("child_left", json(wire::ChildLeft{wire::kWireVersion, "1002"}));
  child("1002", "Oak");
  EXPECT_TRUE(sync::remove_departed_children(db, 300).empty());
  EXPECT_EQ(n("SELECT count(*) FROM children WHERE number = '1002' AND active = 1"), 1);
  apply("child_left", json(wire::ChildLeft{wire::kWireVersion, "9999"}));  // never here: nothing to note
  EXPECT_EQ(n("SELECT count(*) FROM departures"), 0);
}
