// core/sync/carried_drafts: a transferred child's unsent My Views and goals leave the old kiosk as "draft" outbox
// records (when the feed says they left, and again at the end of a signed-in turn), and a `draft` change puts them
// back on the new kiosk as drafts: the newest per meeting or pathway wins, a response sent since wins, one whose
// meeting is not there yet waits, and nothing is ever sent for the child.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/i18n/i18n.h"
#include "core/messaging/outbox.h"
#include "core/myviews/myviews.h"
#include "core/plan/plan_answers.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"
#include "core/sync/carried_drafts.h"
#include "core/sync/departures.h"
#include "core/sync/feed.h"
#include "core/sync/wire.h"

using namespace waymark;
using nlohmann::json;

namespace {

struct CarriedDraftsTest : ::testing::Test {
  Db db{":memory:"};
  SyncReport rep;
  void SetUp() override {
    migrate(db, device_migrations());
    (void)form_install_dir(db, assets_dir() + "/forms", 10);
    apply("child", json(wire::RosterChild{wire::kWireVersion, "1002", "Cerys", "$argon2id$fake", "cy", "Oak",
                                          std::nullopt, std::nullopt, std::nullopt, true}));
    meeting("m-1");
  }
  void apply(const std::string& kind, const json& data) {
    Txn t(db);
    sync::apply_change(db, json{{"seq", 1}, {"kind", kind}, {"data", data}}, "Oak", 100, rep);
    t.commit();
  }
  void meeting(const std::string& id, const std::string& date = "2026-12-10") {
    apply("meeting", json(wire::MeetingChange{wire::kWireVersion, id, "1002", "review", date, "10:30", "Oak", "Rhian", false}));
  }
  int64_t meeting_id(const std::string& source) {
    Stmt s(db, "SELECT id FROM meetings WHERE source_id = :s");
    s.bind(":s", source);
    return s.step() ? s.i64(0) : 0;
  }
  std::vector<wire::DraftBody> carried() {
    std::vector<wire::DraftBody> out;
    for (const OutboxItem& o : outbox_for_child(db, "1002", "draft")) out.push_back(*wire::parse_text<wire::DraftBody>(o.body));
    return out;
  }
  wire::DraftBody views(int64_t updated_at, const std::string& going_well, const std::string& meeting = "m-1") {
    wire::DraftBody d;
    d.child = "1002";
    d.what = "myviews";
    d.updated_at = updated_at;
    d.meeting = meeting;
    d.meeting_type = "review";
    d.form = kDefaultFormId;
    d.form_version = 1;
    d.current_q = "going_well";
    d.answers = {{"feeling", 4, false}, {"going_well", going_well, false}};
    return d;
  }
  std::vector<Response> drafts() {
    std::vector<Response> out;
    for (Response& r : myviews_all(db, "1002"))
      if (!r.sent) out.push_back(std::move(r));
    return out;
  }
};

}  // namespace

TEST_F(CarriedDraftsTest, LeavingPutsHerUnsentWordsInTheOutboxAndAgainAfterASignedInTurn) {
  std::string err;
  const auto r = myviews_open_for_meeting(db, "1002", meeting_id("m-1"), kDefaultFormId, 40, &err);
  ASSERT_TRUE(r) << err;
  ASSERT_TRUE(myviews_set_answer(db, "1002", r->id, "going_well", "Celf", 50).ok);
  plan::save_goal_draft(db, "1002", plan::Pathway::Family, "Ffonio Mam", 60);
  apply("child_left", json(wire::ChildLeft{wire::kWireVersion, "1002"}));
  auto up = carried();
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[0].what, "myviews");
  EXPECT_EQ(up[0].meeting, "m-1");
  EXPECT_EQ(up[0].updated_at, 50);
  EXPECT_EQ(up[1].text, "Ffonio Mam");
  EXPECT_TRUE(outbox_for_child(db, "1002", "myviews").empty());  // never sent for her
  EXPECT_TRUE(outbox_for_child(db, "1002", "plan_answer").empty());
  EXPECT_TRUE(sync::remove_departed_children(db, 200).empty());  // they go up first
  apply("child_left", json(wire::ChildLeft{wire::kWireVersion, "1002"}));  // the same change again adds nothing
  EXPECT_EQ(carried().size(), 2u);

  // Signed in when the change came: what she typed since goes too, when her turn ends.
  plan::save_goal_draft(db, "1002", plan::Pathway::Family, "Ffonio Mam bob dydd", 70);
  sync::send_departing_drafts(db, "1002", 80);
  up = carried();
  ASSERT_EQ(up.size(), 4u);
  EXPECT_EQ(up[3].text, "Ffonio Mam bob dydd");
  EXPECT_EQ(up[3].updated_at, 70);
}

TEST_F(CarriedDraftsTest, ArrivingTheNewestWinsASentResponseWinsAndOneWithoutItsMeetingWaits) {
  apply("draft", json(views(100, "Celf")));
  EXPECT_EQ(rep.drafts, 1);
  ASSERT_EQ(drafts().size(), 1u);
  EXPECT_EQ(drafts()[0].answers.at("going_well").value, "Celf");
  EXPECT_EQ(drafts()[0].current_q, "going_well");
  apply("draft", json(views(90, "Older")));  // late and older: nothing
  apply("draft", json(views(100, "Same time")));
  EXPECT_EQ(drafts()[0].answers.at("going_well").value, "Celf");
  apply("draft", json(views(120, "Celf a cherddoriaeth")));  // newer: replaces, still one draft
  ASSERT_EQ(drafts().size(), 1u);
  EXPECT_EQ(drafts()[0].answers.at("going_well").value, "Celf a cherddoriaeth");
  EXPECT_TRUE(outbox_for_child(db, "1002", "myviews").empty());

  // She sends it here; a copy older than her sending, arriving late, does not bring a draft back.
  ASSERT_TRUE(myviews_send(db, "1002", drafts()[0].id, "cy", 130).ok);
  apply("draft", json(views(125, "Hen")));
  EXPECT_TRUE(drafts().empty());

  // One for a meeting not here yet waits, and is put back once the meeting comes.
  apply("draft", json(views(140, "Aros", "m-2")));
  EXPECT_TRUE(drafts().empty());
  meeting("m-2", "2026-12-17");
  EXPECT_EQ(sync::place_waiting_drafts(db), 1);
  ASSERT_EQ(drafts().size(), 1u);
  EXPECT_EQ(drafts()[0].meeting_id, meeting_id("m-2"));
  EXPECT_EQ(sync::place_waiting_drafts(db), 0);
}

TEST_F(CarriedDraftsTest, AGoalComesBackInItsBoxUnlessANewerOneIsHereOrSheSentOneSince) {
  wire::DraftBody g;
  g.child = "1002";
  g.what = "plan_goal";
  g.pathway = "family";
  g.text = "Ffonio Mam";
  g.updated_at = 100;
  apply("draft", json(g));
  EXPECT_EQ(plan::load_goal_draft(db, "1002", plan::Pathway::Family), "Ffonio Mam");
  plan::save_goal_draft(db, "1002", plan::Pathway::Family, "Ffonio Mam a Dad", 110);
  apply("draft", json(g));  // older than what she typed here
  EXPECT_EQ(plan::load_goal_draft(db, "1002", plan::Pathway::Family), "Ffonio Mam a Dad");
  ASSERT_EQ(plan::send_answer(db, "1002", plan::Pathway::Family, plan::Answer::OwnGoal, "Ffonio Mam a Dad", 1, "cy", 120).status,
            plan::AnswerStatus::Ok);
  g.updated_at = 115;
  apply("draft", json(g));  // typed before she sent her goal: used up
  EXPECT_EQ(plan::load_goal_draft(db, "1002", plan::Pathway::Family), "");
  // A child who is not here, or is leaving, gets nothing.
  g.child = "1009";
  g.updated_at = 200;
  apply("draft", json(g));
  EXPECT_EQ(rep.drafts, 3);  // the three for her, each applied (kept or already outdone); none for 1009
}
