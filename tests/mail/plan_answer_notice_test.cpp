// A child's answers to "My plan" in the worker's JSON inbox (/v1/worker/inbox, gateway/store/worker_api.h):
// listed for the child's allowed contacts only, and once read there (POST /v1/worker/read) no notice email counts
// them, as with messages; an answer the worker has not read is still told of.
#include "tests/mail/mail_fixture.h"

#include "core/sync/wire.h"
#include "gateway/store/plan_store.h"
#include "gateway/store/worker_api.h"

using namespace waymark;
using namespace waymark::mailtest;

namespace {

const int64_t kT0 = at("2027-03-01", "09:00");  // a Monday, GMT

json answer_body(int64_t version, const std::string& pathway, const std::string& answer, const std::string& text) {
  return json(wire::PlanAnswer{wire::kWireVersion, pathway, answer, text, version, kT0 / 1000, "en"});
}

const json* by_id(const json& list, const std::string& id) {
  for (const json& a : list)
    if (a["id"] == id) return &a;
  return nullptr;
}

}  // namespace

TEST(WorkerInboxPlanAnswers, ListedForContactsAndOnceReadNotCountedInANotice) {
  Sink sink;
  MailGateway g(kT0);
  g.relay(sink, kT0);
  FakeKiosk k(*g.db);
  const int64_t version = gateway::current_plan(*g.db, "1001")->version;
  const std::string talk = k.up(*g.db, "plan_answer", "1001", answer_body(version, "health", "talk", ""), kT0);
  const std::string goal = k.up(*g.db, "plan_answer", "1001",
                                answer_body(version, "accommodation", "own_goal", "Near my brother."), kT0);

  const json inbox = gateway::api_worker_inbox(*g.db, g.sam, kT0 + 1000);
  ASSERT_TRUE(inbox.contains("plan_answers")) << inbox.dump();
  const json* a = by_id(inbox["plan_answers"], goal);
  ASSERT_NE(a, nullptr) << inbox.dump();
  EXPECT_EQ((*a)["child"], "1001");
  EXPECT_EQ((*a)["first_name"], "Alex");
  EXPECT_EQ((*a)["pathway"], "accommodation");
  EXPECT_EQ((*a)["answer"], "own_goal");
  EXPECT_EQ((*a)["text"], "Near my brother.");
  EXPECT_EQ((*a)["plan_version"], version);
  EXPECT_EQ((*a)["read"], false);
  EXPECT_NE(by_id(inbox["plan_answers"], talk), nullptr);
  EXPECT_TRUE(gateway::api_worker_inbox(*g.db, g.rhian, kT0 + 1000)["plan_answers"].empty()) << "Alex is not Rhian's";
  EXPECT_EQ(gateway::api_worker_read(*g.db, g.rhian, json{{"ids", {goal}}}, kT0 + 2000)["marked"], 0);

  // Sam reads one in his app before any email went: the notice email tells only of the other.
  EXPECT_EQ(gateway::api_worker_read(*g.db, g.sam, json{{"ids", {goal}}}, kT0 + 2000)["marked"], 1);
  EXPECT_EQ((*by_id(gateway::api_worker_inbox(*g.db, g.sam, kT0 + 3000)["plan_answers"], goal))["read"], true);
  const auto r = g.flush(kT0 + 4000);
  EXPECT_EQ(r.sent, 1);
  const auto got = sink.messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(header(got[0], "Subject"), "You have 1 new thing in Waymark") << "the read answer is not counted";
  EXPECT_EQ(got[0].find("Near my brother"), std::string::npos) << "no child data in an email";
}
