// A transferred child's unsent words follow them as unsent words (issue 14), over real HTTPS on loopback with a
// kiosk at each establishment: the My Views Cerys had started and the goal she was typing on the Brookfield kiosk
// reach the Hollins kiosk as her draft and the text in her goal box, never sent for her and never shown to her
// worker; once she sends them at Hollins the gateway holds nothing of them. Moved there and back (and there
// again) before anything was delivered, she has one draft of each everywhere. A draft for a child the kiosk may
// not speak for is refused like any other upload, and a released child's are let go.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/i18n/i18n.h"
#include "core/messaging/outbox.h"
#include "core/myviews/myviews.h"
#include "core/plan/plan_answers.h"
#include "core/sync/wire.h"
#include "gateway/store/admin.h"
#include "gateway/store/transfers.h"
#include "gateway/store/web_children.h"
#include "gateway/store/worker_api.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

int64_t count(Db& db, const std::string& sql) {
  Stmt s(db, sql);
  s.step();
  return s.i64(0);
}

struct Kiosk : TestDevice {
  Kiosk(const std::string& tag, const std::string& wing) : TestDevice(tag) {
    Txn t(*db);
    meta_set(*db, "wing", wing);
    t.commit();
    (void)form_install_dir(*db, assets_dir() + "/forms", clock.now_s());  // as the kiosk does when My Views opens
  }
  EnrolResult enrol_on(TestGateway& g, const std::string& wing) {
    return enrol_device(*db, g.url(), g.pin(), g.code(wing), "test", clock);
  }
  // Her unsent My Views here (there is at most one per meeting).
  std::vector<Response> drafts(const std::string& child) {
    std::vector<Response> out;
    for (Response& r : myviews_all(*db, child))
      if (!r.sent) out.push_back(std::move(r));
    return out;
  }
  std::string goal(const std::string& child) { return plan::load_goal_draft(*db, child, plan::Pathway::Ete); }
};

// A kiosk's sync in a child process, killed after `delay_us` (mid-upload, mid-feed, mid-removal).
void sync_killed_after(const std::string& dir, int delay_us) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    DeviceOpenResult r = open_device(dir);
    SystemClock clock;
    for (int i = 0; i < 50; i++) sync_once(*r.db, clock);
    _exit(0);
  }
  std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
}

// She starts her My Views for her next meeting (two answers) and types a goal, at `at`; nothing is sent.
int64_t start_views(Db& db, const std::string& child, const std::string& going_well, int64_t at) {
  const auto m = meeting_next(db, child, at);
  if (!m) return 0;
  std::string err;
  const auto r = myviews_open_for_meeting(db, child, m->id, kDefaultFormId, at, &err);
  if (!r || !myviews_set_answer(db, child, r->id, "feeling", 4, at).ok ||
      !myviews_set_answer(db, child, r->id, "going_well", going_well, at).ok)
    return 0;
  return r->id;
}

// Everything a worker (or anyone but the child) can be shown of her, as text.
std::string what_workers_see(TestGateway& gw, int64_t worker, const std::string& child) {
  auto db = gw.db();
  std::string all = gateway::api_worker_inbox(*db, worker, gw.now()).dump();
  for (const auto& c : gateway::conversation(*db, worker, child)) all += c.text;
  for (const char* kind : {"myviews", "plan_answer", "enquiry", "message", "draft"})
    for (const auto& r : gateway::child_records(*db, child, kind)) all += r.body.dump();
  Stmt s(*db, "SELECT body || receipt FROM records WHERE child = :c");
  s.bind(":c", child);
  while (s.step()) all += s.text(0);
  Stmt a(*db, "SELECT detail FROM audit");
  while (a.step()) all += a.text(0);
  return all;
}

}  // namespace

TEST(CarriedDrafts, HerUnsentMyViewsAndGoalReachTheNewKioskAsDraftsAndGoWhenSent) {
  TestGateway gw(demo_gateway_copy("drafts"));
  Kiosk brk("drafts-brk", "Oak"), hol("drafts-hol", "Ash");
  ASSERT_TRUE(brk.enrol_on(gw, "Oak").ok);
  ASSERT_TRUE(hol.enrol_on(gw, "Ash").ok);
  ASSERT_TRUE(brk.sync().ok);
  ASSERT_TRUE(hol.sync().ok);
  int64_t rhian = 0;
  {
    auto db = gw.db();
    rhian = gateway::worker_by_email(*db, "rhian.evans@cardiff-yos.example")->id;
  }
  const int64_t t0 = gw.now() / 1000;
  ASSERT_NE(start_views(*brk.db, "1002", "Bricklaying at college", t0 - 300), 0);
  plan::save_goal_draft(*brk.db, "1002", plan::Pathway::Ete, "Get my CSCS card", t0 - 200);
  ASSERT_TRUE(brk.sync().ok);
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts"), 0);  // nothing leaves while she is here
    gateway::transfer_child(*db, {"1002", "HOL", "", ""}, "admin:test", gw.now());
  }

  // Brookfield: the move noted, her drafts go up before she is removed, however often its sync is killed.
  ASSERT_TRUE(brk.sync().ok);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM outbox WHERE child = '1002' AND kind = 'draft'"), 2);
  for (int delay : {2000, 8000, 20000, 50000}) sync_killed_after(brk.dir, delay);
  ASSERT_TRUE(brk.sync().ok);
  ASSERT_TRUE(brk.sync().ok);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM children WHERE number = '1002'"), 0);
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts WHERE child = '1002'"), 2);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM records WHERE child = '1002' AND kind = 'draft' AND status = 'accepted'"), 2);
  }
  for (const char* words : {"Bricklaying at college", "CSCS"})
    EXPECT_EQ(what_workers_see(gw, rhian, "1002").find(words), std::string::npos) << words;

  // Hollins: her draft for the same meeting, where she left it, and her goal in the goal box; nothing to send.
  const SyncReport arrived = hol.sync();
  ASSERT_TRUE(arrived.ok) << arrived.error;
  EXPECT_EQ(arrived.drafts, 2);
  auto here = hol.drafts("1002");
  ASSERT_EQ(here.size(), 1u);
  EXPECT_EQ(here[0].answers.at("going_well").value, "Bricklaying at college");
  EXPECT_EQ(here[0].answers.at("feeling").value, 4);
  EXPECT_EQ(here[0].updated_at, t0 - 300);
  EXPECT_EQ(myviews_state(*hol.db, "1002", here[0].meeting_id), ViewsState::Started);
  EXPECT_EQ(hol.goal("1002"), "Get my CSCS card");
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM outbox"), 0);
  ASSERT_TRUE(hol.sync().ok);  // the same changes again change nothing
  EXPECT_EQ(hol.drafts("1002").size(), 1u);

  // She carries on and sends both at Hollins: the gateway lets go of each, and of the feed changes that carried it.
  for (const auto& f : {form_latest(*hol.db, kDefaultFormId)})
    for (const std::string& q : myviews_missing(*f, *myviews_get(*hol.db, "1002", here[0].id)))
      ASSERT_TRUE(myviews_set_answer(*hol.db, "1002", here[0].id, q, q == "feeling" ? json(3) : json("Ok"), t0).ok) << q;
  ASSERT_TRUE(myviews_send(*hol.db, "1002", here[0].id, "cy", t0 + 1).ok);
  ASSERT_TRUE(hol.sync().ok);
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts WHERE child = '1002' AND what = 'myviews'"), 0);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts WHERE child = '1002' AND what = 'plan_goal'"), 1);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM changes WHERE kind = 'draft' AND payload LIKE '%Bricklaying%'"), 0);
  }
  ASSERT_EQ(plan::send_answer(*hol.db, "1002", plan::Pathway::Ete, plan::Answer::OwnGoal, hol.goal("1002"), 1, "cy", t0 + 2).status,
            plan::AnswerStatus::Ok);
  ASSERT_TRUE(hol.sync().ok);
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts"), 0);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM changes WHERE kind = 'draft' AND payload LIKE '%CSCS%'"), 0);
  }
}

TEST(CarriedDrafts, ThereAndBackBeforeAnythingWasDeliveredLeavesExactlyOneDraftOfEach) {
  TestGateway gw(demo_gateway_copy("drafts-aba"));
  Kiosk brk("drafts-aba-brk", "Oak"), hol("drafts-aba-hol", "Ash");
  ASSERT_TRUE(brk.enrol_on(gw, "Oak").ok);
  ASSERT_TRUE(hol.enrol_on(gw, "Ash").ok);
  ASSERT_TRUE(brk.sync().ok);
  ASSERT_TRUE(hol.sync().ok);
  const int64_t t0 = gw.now() / 1000;
  ASSERT_NE(start_views(*brk.db, "1002", "Football on Fridays", t0 - 300), 0);
  plan::save_goal_draft(*brk.db, "1002", plan::Pathway::Ete, "Finish my maths", t0 - 200);
  {
    auto db = gw.db();
    gateway::transfer_child(*db, {"1002", "HOL", "", ""}, "admin:test", gw.now());
    gateway::transfer_child(*db, {"1002", "BRK", "", ""}, "admin:test", gw.now());  // back before either kiosk synced
  }
  for (int i = 0; i < 3; i++) {
    ASSERT_TRUE(brk.sync().ok);
    ASSERT_TRUE(hol.sync().ok);
  }
  EXPECT_EQ(brk.drafts("1002").size(), 1u);
  EXPECT_EQ(brk.drafts("1002")[0].answers.at("going_well").value, "Football on Fridays");
  EXPECT_EQ(brk.goal("1002"), "Finish my maths");
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM children WHERE number = '1002'"), 0);
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM responses"), 0);

  // There again: Hollins gets the one draft of each; Brookfield's copies, sent up once more, are not newer.
  int64_t draft_changes = 0;
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts WHERE child = '1002'"), 2);
    gateway::transfer_child(*db, {"1002", "HOL", "", ""}, "admin:test", gw.now());
    draft_changes = count(*db, "SELECT count(*) FROM changes WHERE kind = 'draft'");
  }
  for (int i = 0; i < 3; i++) {
    ASSERT_TRUE(brk.sync().ok);
    ASSERT_TRUE(hol.sync().ok);
  }
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM children WHERE number = '1002'"), 0);
  ASSERT_EQ(hol.drafts("1002").size(), 1u);
  EXPECT_EQ(hol.drafts("1002")[0].answers.at("going_well").value, "Football on Fridays");
  EXPECT_EQ(hol.goal("1002"), "Finish my maths");
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM outbox"), 0);
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts WHERE child = '1002'"), 2);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM changes WHERE kind = 'draft'"), draft_changes);  // nothing sent twice
  }
}

TEST(CarriedDrafts, ADraftForAChildTheKioskMayNotSpeakForIsRefusedAndAReleasedChildsAreLetGo) {
  TestGateway gw(demo_gateway_copy("drafts-scope"));
  Kiosk brk("drafts-scope-brk", "Oak"), hol("drafts-scope-hol", "Ash");
  ASSERT_TRUE(brk.enrol_on(gw, "Oak").ok);
  ASSERT_TRUE(hol.enrol_on(gw, "Ash").ok);
  ASSERT_TRUE(hol.sync().ok);
  wire::DraftBody goal;
  goal.child = "1001";  // Alex, at Brookfield, never moved
  goal.what = "plan_goal";
  goal.updated_at = gw.now() / 1000;
  goal.pathway = "ete";
  goal.text = "Get a job";
  auto up = [&](Kiosk& k, const std::string& id, int64_t seq, const std::string& child, const std::string& body) {
    const json req{{"records", json::array({json{{"id", id}, {"seq", seq}, {"kind", "draft"}, {"child", child},
                                                 {"created_at", goal.updated_at}, {"body", body}}})}};
    const HttpResult r = signed_post(*k.db, gw.url(), gw.pin(), "/v1/up", req);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["receipts"][0];
  };
  // From Hollins, for a child of Brookfield: the same refusal as an unknown child.
  EXPECT_EQ(up(hol, std::string(32, 'a'), 1, "1001", wire::body_text(goal))["reason"], "not_on_wing");
  // From Brookfield, a body that is not a draft's, or another child's words under Alex's number.
  json extra = json(goal);
  extra["worker_note"] = "x";
  EXPECT_EQ(up(brk, std::string(32, 'b'), 1, "1001", extra.dump())["reason"], "bad_body");
  wire::DraftBody other = goal;
  other.child = "1002";
  EXPECT_EQ(up(brk, std::string(32, 'c'), 2, "1001", wire::body_text(other))["reason"], "bad_body");
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts"), 0);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM records WHERE body LIKE '%Get a job%'"), 0);  // refused words not kept
  }
  // Accepted from his own wing (a kiosk holds what it is given for its own child), then he is released.
  EXPECT_EQ(up(brk, std::string(32, 'd'), 3, "1001", wire::body_text(goal))["status"], "accepted");
  EXPECT_EQ(up(brk, std::string(32, 'd'), 3, "1001", wire::body_text(goal))["status"], "accepted");  // a retry
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts WHERE child = '1001'"), 1);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM changes WHERE kind = 'draft'"), 1);
    gateway::ChildRow alex = *gateway::get_child(*db, "1001");
    alex.active = false;
    gateway::put_child(*db, alex, std::nullopt, "admin:test", gw.now());
    EXPECT_EQ(count(*db, "SELECT count(*) FROM carried_drafts"), 0);
    EXPECT_EQ(count(*db, "SELECT count(*) FROM changes WHERE payload LIKE '%Get a job%'"), 0);
  }
}
