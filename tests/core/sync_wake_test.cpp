// tests/core/sync_wake_test.cpp: an outbox write wakes sync from one place (outbox_add asks, the connection's
// commit listener answers after the transaction commits), so an "I'm interested" does not wait for the timer.
#include <gtest/gtest.h>

#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
#include "tests/core/catalogue_fixture.h"

using namespace waymark;
using namespace waymark::test;

TEST_F(CatalogueDb, AnEnquiryWakesSyncOnceItsTransactionCommits) {
  int wakes = 0;
  bool in_txn_at_wake = true;
  db->set_commit_listener([&] {
    wakes++;
    in_txn_at_wake = false;
    Stmt s(*db, "SELECT count(*) FROM outbox");  // what the sync thread will read is already committed
    s.step();
    EXPECT_GE(s.i64(0), 1);
  });
  put(make("a", kLeeds, "2026-03-10"));
  EXPECT_EQ(wakes, 0) << "writing a listing adds nothing to the outbox";
  const EnquiryResult e = express_interest(*db, "1001", "a", CivilDate{2026, 1, 5}, 1000);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(wakes, 1);
  EXPECT_FALSE(in_txn_at_wake);
  express_interest(*db, "1001", "a", CivilDate{2026, 1, 5}, 1001);
  EXPECT_EQ(wakes, 1) << "asked before: nothing new in the outbox, no wake";
  {
    Txn t(*db);
    outbox_add(*db, "enquiry", "1001", "{}", 1002);
  }  // rolled back
  EXPECT_EQ(wakes, 1) << "a rolled-back outbox write wakes nothing";
  {
    Txn t(*db);
    t.commit();
  }
  EXPECT_EQ(wakes, 1) << "the rolled-back request is forgotten, not carried to the next commit";
  {
    Txn t(*db);
    outbox_add(*db, "message", "1001", "{}", 1003);
    outbox_add(*db, "message", "1001", "{}", 1004);
    t.commit();
  }
  EXPECT_EQ(wakes, 2) << "one wake per transaction";
  db->set_commit_listener(nullptr);
  {
    Txn t(*db);
    outbox_add(*db, "message", "1001", "{}", 1005);
    t.commit();
  }
  EXPECT_EQ(wakes, 2) << "unhooked";
}
