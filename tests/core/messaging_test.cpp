// core/messaging: approved contacts only, 1 to 1,000 characters, the message and its outbox record together.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/storage/db.h"
#include "core/messaging/messaging.h"
#include "core/storage/migrations.h"
#include "core/messaging/outbox.h"
#include "core/base/text.h"

using namespace waymark;

namespace {
struct MessagingTest : ::testing::Test {
  Db db{":memory:"};
  void SetUp() override {
    migrate(db, device_migrations());
    db.exec("INSERT INTO contacts(child, worker_id, name, org, allowed) VALUES('1001', 1, 'Sam Taylor', 'Leeds YOT', 1),"
            "('1001', 2, 'Old Worker', 'Somewhere', 0), ('1002', 3, 'Rhian Evans', 'Cardiff YOS', 1)");
  }
};
}  // namespace

TEST_F(MessagingTest, OnlyApprovedContactsAreListed) {
  auto c = approved_contacts(db, "1001");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].name, "Sam Taylor");
  EXPECT_TRUE(approved_contacts(db, "9999").empty());
}

TEST_F(MessagingTest, SendValidatesAndQueues) {
  EXPECT_EQ(send_message(db, "1001", 2, "hi", 10).status, SendStatus::NotAllowed);
  EXPECT_EQ(send_message(db, "1001", 3, "hi", 10).status, SendStatus::NotAllowed) << "another child's contact";
  EXPECT_EQ(send_message(db, "1001", 1, "   \n ", 10).status, SendStatus::Empty);
  EXPECT_EQ(send_message(db, "1001", 1, std::string(1001, 'a'), 10).status, SendStatus::TooLong);
  std::string welsh;
  for (int i = 0; i < 1000; i++) welsh += "\xC5\xB5";  // 1,000 letters w-circumflex: characters, not bytes
  SendResult ok = send_message(db, "1001", 1, welsh, 10);
  ASSERT_EQ(ok.status, SendStatus::Ok);
  auto item = outbox_get(db, ok.id);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->kind, "message");
  EXPECT_EQ(item->state, "waiting");
  auto body = nlohmann::json::parse(item->body);
  EXPECT_EQ(body["to"], 1);
  EXPECT_EQ(utf8_length(body["text"].get<std::string>()), 1000u);
}

TEST_F(MessagingTest, ConversationMergesBothDirectionsOldestFirst) {
  ASSERT_EQ(send_message(db, "1001", 1, "first", 100).status, SendStatus::Ok);
  db.exec("INSERT INTO inbox(id, child, worker_id, text, sent_at, server_seq) VALUES('r1', '1001', 1, 'reply', 200, 5),"
          "('r2', '1001', 3, 'not this one', 150, 6)");
  ASSERT_EQ(send_message(db, "1001", 1, "third", 300).status, SendStatus::Ok);
  auto c = conversation(db, "1001", 1);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].text, "first");
  EXPECT_FALSE(c[1].from_child);
  EXPECT_EQ(c[2].text, "third");
  EXPECT_EQ(approved_contacts(db, "1001")[0].unread, 1);
  mark_seen(db, "1001", 1, 400);
  EXPECT_EQ(approved_contacts(db, "1001")[0].unread, 0);
}
