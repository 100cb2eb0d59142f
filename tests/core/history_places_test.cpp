// core/messaging/history as My Views and "I'm interested" show it: an enquiry that followed a transferred child
// is on their list with its state; a My Views becomes a sent response for their meeting of the same type and time
// (waiting until its form is installed), whose state follows the worker's receipts, and which "change my
// answers" replaces by its id. (Kept apart from history_test.cpp: myviews.h and messaging.h each have a SendResult.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/catalogue/catalogue.h"
#include "core/i18n/i18n.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/myviews/forms.h"
#include "core/myviews/myviews.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"
#include "core/sync/feed.h"
#include "core/sync/wire.h"

using namespace waymark;
using nlohmann::json;

namespace {

std::string id_of(char c) { return std::string(32, c); }

struct HistoryPlacesTest : ::testing::Test {
  Db db{":memory:"};
  SyncReport rep;
  void SetUp() override {
    migrate(db, device_migrations());
    apply("child", json(wire::RosterChild{wire::kWireVersion, "1002", "Cerys", "$argon2id$fake", "cy", "Ash",
                                          std::nullopt, std::nullopt, std::nullopt, true}));
  }
  void apply(const std::string& kind, const json& data) {
    Txn t(db);
    sync::apply_change(db, json{{"seq", 1}, {"kind", kind}, {"data", data}}, "Ash", 1000, rep);
    t.commit();
  }
  void history(const std::string& id, const std::string& kind, const json& body, int64_t at, const std::string& state = "sent") {
    apply("history", json(wire::HistoryRecord{wire::kWireVersion, id, kind, "1002", body.dump(), at, state, at}));
  }
  int64_t n(const std::string& sql) {
    Stmt s(db, sql);
    s.step();
    return s.i64(0);
  }
};

}  // namespace

TEST_F(HistoryPlacesTest, AnEnquiryIsOnTheirListAndAMyViewsIsSentForTheSameMeeting) {
  const json enquiry{{"v", 1}, {"listing_id", "L-brick"}, {"kind", "course"}, {"title", "Bricklaying"}, {"provider", "College"},
                     {"place", ""}, {"la_code", ""}, {"start_date", ""}, {"duration", ""}, {"asked_at", 120}};
  history(id_of('e'), "enquiry", enquiry, 120, "delivered");
  EXPECT_EQ(enquiry_state(db, "1002", "L-brick"), "delivered");
  EXPECT_EQ(n("SELECT count(*) FROM saved_listings WHERE child = '1002' AND listing_id = 'L-brick'"), 1);

  apply("meeting", json(wire::MeetingChange{wire::kWireVersion, "m-1", "1002", "review", "2027-03-10", "10:00", "Room 1",
                                            "Rhian Evans", false}));
  int64_t starts = 0, meeting = 0;
  {
    Stmt s(db, "SELECT id, starts_at FROM meetings WHERE source_id = 'm-1'");
    ASSERT_TRUE(s.step());
    meeting = s.i64(0);
    starts = s.i64(1);
  }
  const json views{{"v", 1}, {"kind", "myviews"}, {"form", kDefaultFormId}, {"form_version", 1}, {"child", "1002"},
                   {"lang", "cy"}, {"meeting", {{"id", 99}, {"type", "review"}, {"starts_at", starts}}},
                   {"started_at", 100}, {"finalized_at", 130}, {"supersedes", nullptr},
                   {"answers", json::array({json{{"q", "feeling"}, {"title", "Sut"}, {"value", 4}, {"skipped", false}, {"text", "4"}},
                                            json{{"q", "money"}, {"title", "Arian"}, {"value", nullptr}, {"skipped", true}, {"text", ""}}})}};
  history(id_of('d'), "myviews", views, 130);  // the form is not installed yet: it waits
  EXPECT_TRUE(myviews_all(db, "1002").empty());
  EXPECT_EQ(n("SELECT count(*) FROM history WHERE placed = 0"), 1);

  (void)form_install_dir(db, assets_dir() + "/forms", 140);
  EXPECT_EQ(place_waiting_history(db), 1);
  EXPECT_EQ(place_waiting_history(db), 0);
  history(id_of('d'), "myviews", views, 130, "read");
  const auto all = myviews_all(db, "1002");
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].sent);
  EXPECT_EQ(all[0].meeting_id, meeting);
  EXPECT_EQ(all[0].answers.at("feeling").value, 4);
  EXPECT_TRUE(all[0].answers.at("money").skipped);
  EXPECT_EQ(myviews_state(db, "1002", meeting), ViewsState::Read);
  // "Change my answers" replaces the one she sent elsewhere, by its id.
  std::string err;
  const auto draft = myviews_supersede(db, "1002", all[0].id, 200, &err);
  ASSERT_TRUE(draft) << err;
  const auto sent = myviews_send(db, "1002", draft->id, "cy", 210);
  ASSERT_TRUE(sent.ok) << sent.error;
  EXPECT_EQ(json::parse(outbox_get(db, sent.outbox_id)->body)["supersedes"], id_of('d'));
}
