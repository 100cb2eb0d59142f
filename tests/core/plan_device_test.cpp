// "My plan" on the device (core/plan/device_plan.h, plan_answers.h, the feed in core/sync/feed.cpp): migration 51
// keeps every outbox record and reference, a plan is replaced whole and only by a newer version, a bad plan change
// leaves the old plan, what changed since the last look, enquiry states, and answers in the outbox (an answer to
// a replaced version still goes, marked with its version).
#include <gtest/gtest.h>

#include <vector>

#include "core/messaging/outbox.h"
#include "core/plan/device_plan.h"
#include "core/plan/plan_answers.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"
#include "core/sync/feed.h"
#include "core/sync/wire.h"

using namespace waymark;
using nlohmann::json;

namespace {

std::vector<Migration> up_to(int version) {
  std::vector<Migration> out;
  for (const Migration& m : device_migrations())
    if (m.version <= version) out.push_back(m);
  return out;
}

json plan_change(const std::string& child, int64_t version, const std::string& goal) {
  return json{{"seq", 10 + version},
              {"kind", "plan"},
              {"data", json{{"v", 1},
                            {"child", child},
                            {"plan", json{{"version", version},
                                          {"saved_by", "Sam Taylor"},
                                          {"saved_at", 1795000000},
                                          {"pathways", json{{"accommodation", json{{"goal", goal}}}}},
                                          {"day_out", json{{"date", "2027-05-10"}}}}}}}};
}

struct PlanDeviceTest : ::testing::Test {
  Db db{":memory:"};
  SyncReport rep;
  void SetUp() override {
    migrate(db, device_migrations());
    db.exec("INSERT INTO children(number, first_name, pin_hash, lang, wing, active) VALUES('1001', 'Alex', 'x', 'en', 'Oak', 1)");
  }
  void apply(const json& change) {
    Txn t(db);
    sync::apply_change(db, change, "Oak", 1795000000, rep);
    t.commit();
  }
};

}  // namespace

TEST(PlanMigration, RebuildsTheOutboxKeepingEveryRecordAndReference) {
  Db db(":memory:");
  migrate(db, up_to(50));
  db.exec("INSERT INTO children(number, first_name, pin_hash, lang, wing, active) VALUES('1001', 'Alex', 'x', 'en', 'Oak', 1)");
  std::string id;
  {
    Txn t(db);
    id = outbox_add(db, "enquiry", "1001", "{\"listing_id\":\"L-1\"}", 100);
    Stmt e(db, "INSERT INTO enquiries(child, listing_id, outbox_id, at) VALUES('1001', 'L-1', :o, 100)");
    e.bind(":o", id).run();
    outbox_advance(db, id, "sent", 120);
    t.commit();
  }
  EXPECT_THROW(
      {
        Txn t(db);
        outbox_add(db, "plan_answer", "1001", "{}", 130);
      },
      DbError)
      << "before 51 the outbox refuses the new kind";
  // Up to 54: from 56 on, an enquiry may name a record that followed a transferred child (core/messaging/history.h),
  // so `enquiries` no longer refers to the outbox, and this check of 51's rebuild would prove nothing.
  std::vector<Migration> upto54;
  for (const Migration& m : device_migrations())
    if (m.version <= 54) upto54.push_back(m);
  EXPECT_EQ(migrate(db, upto54), 54);
  const auto kept = outbox_get(db, id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->state, "sent");
  EXPECT_EQ(kept->seq, 1);
  EXPECT_EQ(db.pragma_text("foreign_keys"), "1") << "foreign keys are back on after the migration";
  EXPECT_EQ(db.integrity_check(), "ok");
  {
    Txn t(db);
    EXPECT_FALSE(outbox_add(db, "plan_answer", "1001", "{}", 140).empty());
    EXPECT_THROW(db.exec("UPDATE outbox SET body = 'x'"), DbError) << "records stay immutable";
    EXPECT_THROW(db.exec("DELETE FROM outbox"), DbError) << "the enquiry still refers to its record";
  }
  // the next seq continues after the kept records
  Txn t(db);
  const auto added = outbox_get(db, outbox_add(db, "message", "1001", "{}", 150));
  EXPECT_EQ(added->seq, 2);
}

TEST_F(PlanDeviceTest, APlanIsReplacedWholeAndOnlyByANewerVersion) {
  EXPECT_FALSE(plan::load_plan(db, "1001"));
  apply(plan_change("1001", 2, "I will live with my aunt."));
  EXPECT_EQ(rep.plans, 1);
  auto p = plan::load_plan(db, "1001");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->version, 2);
  EXPECT_EQ(p->at(plan::Pathway::Accommodation).goal, "I will live with my aunt.");
  apply(plan_change("1001", 1, "An older version arriving late"));
  apply(plan_change("1001", 2, "The same version again"));
  EXPECT_EQ(rep.plans, 1);
  EXPECT_EQ(plan::load_plan(db, "1001")->at(plan::Pathway::Accommodation).goal, "I will live with my aunt.");
  // a newer version with a bad part is refused whole: the kiosk keeps the plan it had, never half of the new one
  json bad = plan_change("1001", 3, "Half a plan");
  bad["data"]["plan"]["pathways"]["housing"] = json::object();
  apply(bad);
  bad = plan_change("1001", 3, "Half a plan");
  bad["data"]["plan"]["day_out"]["date"] = "2027-02-30";
  apply(bad);
  EXPECT_EQ(plan::load_plan(db, "1001")->version, 2);
  // a child this device does not know
  apply(plan_change("9999", 1, "Somebody else"));
  EXPECT_FALSE(plan::load_plan(db, "9999"));
  apply(plan_change("1001", 3, "I will live in supported lodgings."));
  EXPECT_EQ(plan::load_plan(db, "1001")->version, 3);
}

TEST_F(PlanDeviceTest, WhatChangedSinceTheChildLastLooked) {
  EXPECT_FALSE(plan::changes_since_seen(db, "1001").have_plan);
  apply(plan_change("1001", 1, "I will live with my aunt."));
  auto c = plan::changes_since_seen(db, "1001");
  EXPECT_TRUE(c.have_plan);
  EXPECT_TRUE(c.never_looked);
  plan::mark_plan_seen(db, "1001", 100);
  c = plan::changes_since_seen(db, "1001");
  EXPECT_FALSE(c.any());
  json next = plan_change("1001", 2, "I will live in supported lodgings.");
  next["data"]["plan"]["day_out"]["time"] = "09:30";
  next["data"]["plan"]["pathways"]["money"] = json{{"goal", "I will open a bank account."}};
  apply(next);
  c = plan::changes_since_seen(db, "1001");
  EXPECT_FALSE(c.never_looked);
  ASSERT_EQ(c.pathways.size(), 2u);
  EXPECT_EQ(c.pathways[0], plan::Pathway::Accommodation);
  EXPECT_EQ(c.pathways[1], plan::Pathway::Money);
  EXPECT_TRUE(c.day_out);
}

TEST_F(PlanDeviceTest, EnquiryStatesArriveAndUpdate) {
  json ch = {{"seq", 5},
             {"kind", "application"},
             {"data", json{{"v", 1}, {"child", "1001"}, {"listing_id", "L-7"}, {"title", "Apprentice: adult care worker"},
                           {"state", "application_sent"}, {"updated_at", 100}}}};
  apply(ch);
  auto a = plan::application_for(db, "1001", "L-7");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->state, plan::ApplicationState::ApplicationSent);
  ch["data"]["state"] = "interview";
  ch["data"]["interview_on"] = "2027-03-10";
  ch["data"]["updated_at"] = 200;
  apply(ch);
  a = plan::application_for(db, "1001", "L-7");
  EXPECT_EQ(a->state, plan::ApplicationState::Interview);
  EXPECT_EQ(a->interview_on, "2027-03-10");
  ch["data"]["state"] = "hired";  // refused by the wire type: skipped, the state stays
  apply(ch);
  EXPECT_EQ(plan::application_for(db, "1001", "L-7")->state, plan::ApplicationState::Interview);
  EXPECT_EQ(plan::applications_for(db, "1001").size(), 1u);
  EXPECT_EQ(rep.applications, 2);
}

TEST_F(PlanDeviceTest, AnswersGoThroughTheOutboxMarkedWithTheirVersion) {
  apply(plan_change("1001", 1, "I will live with my aunt."));
  auto r = plan::send_answer(db, "1001", plan::Pathway::Accommodation, plan::Answer::Agree, {}, 1, "en", 500);
  ASSERT_EQ(r.status, plan::AnswerStatus::Ok);
  EXPECT_EQ(plan::send_answer(db, "1001", plan::Pathway::Money, plan::Answer::OwnGoal, "   ", 1, "en", 501).status,
            plan::AnswerStatus::Empty);
  EXPECT_EQ(plan::send_answer(db, "1001", plan::Pathway::Money, plan::Answer::OwnGoal, std::string(201, 'x'), 1, "en", 501).status,
            plan::AnswerStatus::TooLong);
  // the own goal is saved as it is typed, and the draft goes when it is sent
  plan::save_goal_draft(db, "1001", plan::Pathway::Money, "I will save", 502);
  EXPECT_EQ(plan::load_goal_draft(db, "1001", plan::Pathway::Money), "I will save");
  // the worker saves version 2 while the child is still typing: the answer about version 1 still goes
  apply(plan_change("1001", 2, "I will live in supported lodgings."));
  const auto goal = plan::send_answer(db, "1001", plan::Pathway::Money, plan::Answer::OwnGoal, "I will save every week", 1, "cy", 503);
  ASSERT_EQ(goal.status, plan::AnswerStatus::Ok);
  EXPECT_EQ(plan::load_goal_draft(db, "1001", plan::Pathway::Money), "");
  const auto item = outbox_get(db, goal.id);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->kind, "plan_answer");
  EXPECT_EQ(item->state, "waiting");
  const auto body = wire::parse_text<wire::PlanAnswer>(item->body);
  ASSERT_TRUE(body.ok()) << body.error;
  EXPECT_EQ(body->plan_version, 1);
  EXPECT_EQ(body->answer, "own_goal");
  EXPECT_EQ(body->text, "I will save every week");
  EXPECT_EQ(body->lang, "cy");
  EXPECT_EQ(outbox_pending(db, 10).size(), 2u);
  // a receipt from the worker moves it on, like a message
  apply(json{{"seq", 50}, {"kind", "receipt"}, {"data", json{{"id", r.id}, {"state", "read"}, {"at", 600}}}});
  const auto answers = plan::answers_for(db, "1001");
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].answer, plan::Answer::OwnGoal) << "newest first";
  EXPECT_EQ(answers[1].state, "read");
  EXPECT_EQ(answers[1].plan_version, 1);
}
