// My plan end to end over real HTTPS on loopback (issue 15): the worker's saved plan reaches the kiosk of the
// child's wing at the next sync, whole; the child's answers go back through the outbox and reach the worker,
// one about a replaced version marked with its version; an application's state reaches the kiosk.
#include <gtest/gtest.h>

#include "core/plan/device_plan.h"
#include "core/plan/plan_answers.h"
#include "gateway/store/applications.h"
#include "gateway/store/plan_store.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

TEST(PlanSync, TheWorkersPlanReachesTheKioskAndTheChildsAnswersReachTheWorker) {
  TestGateway gw(demo_gateway_copy("plan-sync"));
  TestDevice dev("plan-sync-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  ASSERT_TRUE(dev.sync().ok);

  // The demo plans (Alex's in English, Cerys's in Welsh words) are on the kiosk as the gateway holds them.
  int64_t seeded = 0;
  {
    auto db = gw.db();
    const auto alex = gateway::current_plan(*db, "1001");
    ASSERT_TRUE(alex);
    seeded = alex->version;
    ASSERT_TRUE(gateway::current_plan(*db, "1002"));
  }
  auto on_kiosk = plan::load_plan(*dev.db, "1001");
  ASSERT_TRUE(on_kiosk);
  EXPECT_EQ(on_kiosk->version, seeded);
  ASSERT_TRUE(plan::load_plan(*dev.db, "1002"));

  // Sam writes a new goal for health: a new version, on the kiosk after the next sync, whole.
  {
    auto db = gw.db();
    plan::Plan p = *gateway::current_plan(*db, "1001");
    p.at(plan::Pathway::Health).goal = "I will see the doctor about my sleep every month.";
    gateway::save_plan(*db, "1001", p, {"Sam Taylor", "worker 1 (Sam Taylor)"}, "health goal", gw.now());
  }
  ASSERT_TRUE(dev.sync().ok);
  on_kiosk = plan::load_plan(*dev.db, "1001");
  ASSERT_TRUE(on_kiosk);
  EXPECT_EQ(on_kiosk->version, seeded + 1);
  EXPECT_EQ(on_kiosk->at(plan::Pathway::Health).goal, "I will see the doctor about my sleep every month.");
  EXPECT_EQ(on_kiosk->saved_by, "Sam Taylor");

  // Alex answers the new version, and (from a screen he opened before the sync) the version before it.
  const int64_t now_s = gw.now() / 1000;
  const auto talk = plan::send_answer(*dev.db, "1001", plan::Pathway::Health, plan::Answer::Talk, "", seeded + 1, "en", now_s);
  const auto goal = plan::send_answer(*dev.db, "1001", plan::Pathway::Accommodation, plan::Answer::OwnGoal,
                                      "I want to live near my little brother.", seeded, "en", now_s);
  ASSERT_EQ(talk.status, plan::AnswerStatus::Ok);
  ASSERT_EQ(goal.status, plan::AnswerStatus::Ok);
  ASSERT_TRUE(dev.sync().ok);
  {
    auto db = gw.db();
    const auto answers = gateway::plan_answers(*db, "1001");
    ASSERT_EQ(answers.size(), 2u);
    int older = 0;
    for (const auto& a : answers) {
      if (a.answer.plan_version == seeded) {
        ++older;
        EXPECT_EQ(a.answer.answer, "own_goal");
        EXPECT_EQ(a.answer.text, "I want to live near my little brother.");
      } else {
        EXPECT_EQ(a.answer.plan_version, seeded + 1);
        EXPECT_EQ(a.answer.pathway, "health");
      }
    }
    EXPECT_EQ(older, 1);  // the answer about the replaced version still reached the worker, with its version
  }
  for (const auto& a : plan::answers_for(*dev.db, "1001")) EXPECT_NE(a.state, "waiting") << a.id;
  ASSERT_TRUE(dev.sync().ok);  // nothing is sent twice
  {
    auto db = gw.db();
    EXPECT_EQ(gateway::plan_answers(*db, "1001").size(), 2u);
  }

  // The worker says an application went in: the kiosk shows the state.
  {
    auto db = gw.db();
    gateway::ApplicationRow row;
    row.child = "1001";
    row.listing_id = "plan-sync-listing";
    row.title = "Bricklaying level 1";
    row.provider = "Leeds College of Building";
    row.state = "interview";
    row.on_date = "2027-03-15";
    gateway::set_application(*db, row, "worker 1 (Sam Taylor)", gw.now());
  }
  ASSERT_TRUE(dev.sync().ok);
  const auto app = plan::application_for(*dev.db, "1001", "plan-sync-listing");
  ASSERT_TRUE(app);
  EXPECT_EQ(app->state, plan::ApplicationState::Interview);
  EXPECT_EQ(app->interview_on, "2027-03-15");
}
