// A transferred child's own history follows them (issue 14), over real HTTPS on loopback with two kiosks at two
// establishments: Cerys writes to Rhian, sends a My Views and says "I'm interested" on the Brookfield kiosk; she
// is moved to Hollins while one message still waits there; the Hollins kiosk then shows her messages in time
// order with Rhian's replies (and which Rhian has read), her sent My Views and her enquiry, without ever putting
// them in its outbox; the Brookfield kiosk, killed again and again mid-sync, sends what waited, which follows
// her too. Moved back, nothing doubles on either kiosk or on the gateway.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "core/catalogue/catalogue.h"
#include "core/i18n/i18n.h"
#include "core/messaging/history.h"
#include "core/messaging/outbox.h"
#include "core/myviews/myviews.h"
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
  // What the child's conversation with the worker holds here, oldest first: "C:" for theirs (own_records, which
  // core/messaging's conversation() reads), "W:" for the worker's; with `states`, each of theirs "/" its state.
  // (messaging.h is not included here: it and myviews.h both name a SendResult; history_test covers conversation.)
  std::vector<std::string> thread(const std::string& child, int64_t worker, bool states = false) {
    std::vector<std::pair<int64_t, std::string>> all;
    for (const OutboxItem& o : own_records(*db, child, "message")) {
      const auto b = wire::parse_text<wire::MessageBody>(o.body);
      if (b && b->to == worker) all.emplace_back(o.created_at, "C:" + b->text + (states ? "/" + o.state : ""));
    }
    Stmt s(*db, "SELECT sent_at, text FROM inbox WHERE child = :c AND worker_id = :w");
    s.bind(":c", child).bind(":w", worker);
    while (s.step()) all.emplace_back(s.i64(0), "W:" + s.text(1));
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& [at, line] : all) out.push_back(std::move(line));
    return out;
  }
};

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

// A message as send_message writes it (messaging.h is not included here: it and myviews.h both name a SendResult).
std::string say(Db& db, const std::string& child, int64_t worker, const std::string& text, int64_t now_s) {
  wire::MessageBody b;
  b.to = worker;
  b.text = text;
  Txn t(db);
  const std::string id = outbox_add(db, "message", child, wire::body_text(b), now_s);
  t.commit();
  return id;
}

// "I'm interested" as express_interest writes it (the test kiosk has no content pack to pick a listing from).
std::string ask_about(Db& db, const std::string& child, const std::string& listing_id, int64_t now_s) {
  wire::ListingEnquiry e;
  e.listing_id = listing_id;
  e.kind = "course";
  e.title = "Bricklaying";
  e.provider = "Cardiff and Vale College";
  e.asked_at = now_s;
  Txn t(db);
  const std::string id = outbox_add(db, "enquiry", child, wire::body_text(e), now_s);
  Stmt i(db, "INSERT INTO enquiries(child, listing_id, outbox_id, at) VALUES(:c, :l, :o, :at)");
  i.bind(":c", child).bind(":l", listing_id).bind(":o", id).bind(":at", now_s).run();
  t.commit();
  return id;
}

std::string send_views(Db& db, const std::string& child, int64_t now_s) {
  const auto m = meeting_next(db, child, now_s);
  if (!m) return {};
  std::string err;
  const auto r = myviews_open_for_meeting(db, child, m->id, kDefaultFormId, now_s, &err);
  if (!r || !myviews_set_answer(db, child, r->id, "feeling", 4, now_s).ok ||
      !myviews_set_answer(db, child, r->id, "going_well", "Bricklaying class", now_s).ok)
    return {};
  return myviews_send(db, child, r->id, "en", now_s).outbox_id;
}

}  // namespace

TEST(TransferHistory, HerOwnMessagesMyViewsAndEnquiriesFollowHerOnceAndNeverGoUpAgain) {
  TestGateway gw(demo_gateway_copy("history"));
  Kiosk brk("history-brk", "Oak"), hol("history-hol", "Ash");
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

  // On the Brookfield kiosk: a message, Rhian's reply, another message; a My Views; an "I'm interested".
  ASSERT_FALSE(say(*brk.db, "1002", rhian, "Helo Rhian", t0 - 600).empty());
  ASSERT_TRUE(brk.sync().ok);
  {
    auto db = gw.db();
    // Rhian answers between her two messages
    gateway::api_worker_send(*db, rhian, json{{"child", "1002"}, {"text", "Shwmae Cerys"}}, gw.now() - 300'000);
  }
  ASSERT_FALSE(say(*brk.db, "1002", rhian, "Diolch", t0 - 120).empty());
  const std::string views = send_views(*brk.db, "1002", t0 - 60);
  ASSERT_FALSE(views.empty());
  const std::string asked = ask_about(*brk.db, "1002", "L-brick", t0 - 30);
  ASSERT_TRUE(brk.sync().ok);
  {
    auto db = gw.db();
    const json read = gateway::api_worker_read(*db, rhian, json{{"ids", json::array({outbox_for_child(*brk.db, "1002", "message")[0].id})}}, gw.now());
    EXPECT_EQ(read["marked"], 1);
  }
  // One more message, still waiting on the Brookfield kiosk when she is moved.
  ASSERT_FALSE(say(*brk.db, "1002", rhian, "Wela i ti", t0 + 60).empty());
  int64_t records_before = 0;
  {
    auto db = gw.db();
    records_before = count(*db, "SELECT count(*) FROM records WHERE child = '1002'");
    gateway::transfer_child(*db, {"1002", "HOL", "", ""}, "admin:test", gw.now());
  }

  // Hollins, at its next sync: her side of the conversation beside Rhian's, in time order.
  const SyncReport first = hol.sync();
  ASSERT_TRUE(first.ok) << first.error;
  EXPECT_EQ(first.history, 4);  // two messages, the My Views, the enquiry
  EXPECT_EQ(hol.thread("1002", rhian), (std::vector<std::string>{"C:Helo Rhian", "W:Shwmae Cerys", "C:Diolch"}));
  EXPECT_EQ(hol.thread("1002", rhian, true).front(), "C:Helo Rhian/read");  // Rhian read it at Brookfield
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM outbox"), 0);  // never hers to send again

  // Brookfield, killed again and again in the middle of its syncs, sends what waited; it follows her.
  for (int delay : {2000, 8000, 20000, 50000, 120000}) sync_killed_after(brk.dir, delay);
  ASSERT_TRUE(brk.sync().ok);
  ASSERT_TRUE(brk.sync().ok);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM children WHERE number = '1002'"), 0);
  ASSERT_TRUE(hol.sync().ok);
  ASSERT_TRUE(hol.sync().ok);  // the same changes again change nothing
  EXPECT_EQ(hol.thread("1002", rhian),
            (std::vector<std::string>{"C:Helo Rhian", "W:Shwmae Cerys", "C:Diolch", "C:Wela i ti"}));

  // Her My Views is a sent response for her meeting here, with her answers; her enquiry is on her list.
  const auto responses = myviews_all(*hol.db, "1002");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_TRUE(responses[0].sent);
  EXPECT_EQ(responses[0].outbox_id, views);
  EXPECT_EQ(responses[0].answers.at("going_well").value, "Bricklaying class");
  EXPECT_EQ(myviews_state(*hol.db, "1002", responses[0].meeting_id), ViewsState::Sent);
  EXPECT_EQ(enquiry_state(*hol.db, "1002", "L-brick"), "sent");
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM outbox"), 0);

  // Rhian reads the rest at her desk: Hollins shows it read.
  {
    auto db = gw.db();
    gateway::api_worker_inbox(*db, rhian, gw.now());
    std::vector<std::string> ids;
    for (const auto& c : gateway::conversation(*db, rhian, "1002"))
      if (c.from_child) ids.push_back(c.id);
    gateway::api_worker_read(*db, rhian, json{{"ids", ids}}, gw.now());
    EXPECT_TRUE(gateway::mark_record_opened(*db, views, gw.now()));
  }
  ASSERT_TRUE(hol.sync().ok);
  for (const std::string& line : hol.thread("1002", rhian, true))
    if (line.rfind("C:", 0) == 0) EXPECT_EQ(line.substr(line.rfind('/')), "/read") << line;
  EXPECT_EQ(myviews_state(*hol.db, "1002", responses[0].meeting_id), ViewsState::Read);

  // She writes at Hollins, then is moved back: one thread on the Brookfield kiosk, nothing twice anywhere.
  ASSERT_FALSE(say(*hol.db, "1002", rhian, "Rydw i'n ol", t0 + 120).empty());
  ASSERT_TRUE(hol.sync().ok);
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM records WHERE child = '1002'"), records_before + 2);
    gateway::transfer_child(*db, {"1002", "BRK", "", ""}, "admin:test", gw.now());
  }
  ASSERT_TRUE(brk.sync().ok);
  ASSERT_TRUE(hol.sync().ok);
  ASSERT_TRUE(brk.sync().ok);
  EXPECT_EQ(brk.thread("1002", rhian),
            (std::vector<std::string>{"C:Helo Rhian", "W:Shwmae Cerys", "C:Diolch", "C:Wela i ti", "C:Rydw i'n ol"}));
  EXPECT_EQ(myviews_all(*brk.db, "1002").size(), 1u);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM outbox WHERE child = '1002'"), 0);
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM children WHERE number = '1002'"), 0);  // Hollins removed her
  {
    auto db = gw.db();
    EXPECT_EQ(count(*db, "SELECT count(*) FROM records WHERE child = '1002'"), records_before + 2);
    std::map<std::string, int> seen;
    for (const auto& c : gateway::conversation(*db, rhian, "1002")) seen[c.id]++;
    for (const auto& [id, n] : seen) EXPECT_EQ(n, 1) << id;
    EXPECT_EQ(seen.size(), 4u + 1u);  // her four messages and Rhian's reply
  }
}

// Only the wing the child is on gets their history: the old wing's kiosks and another establishment's never do.
TEST(TransferHistory, OnlyTheChildsNewWingReceivesIt) {
  TestGateway gw(demo_gateway_copy("history-scope"));
  Kiosk brk("history-scope-brk", "Oak"), hol("history-scope-hol", "Ash");
  ASSERT_TRUE(brk.enrol_on(gw, "Oak").ok);
  ASSERT_TRUE(hol.enrol_on(gw, "Ash").ok);
  ASSERT_TRUE(brk.sync().ok);
  int64_t sam = 0;
  {
    auto db = gw.db();
    sam = gateway::worker_by_email(*db, "sam.taylor@leeds-yot.example")->id;
  }
  ASSERT_FALSE(say(*brk.db, "1001", sam, "Hi Sam", gw.now() / 1000).empty());
  ASSERT_TRUE(brk.sync().ok);
  {
    auto db = gw.db();
    gateway::transfer_child(*db, {"1002", "HOL", "", ""}, "admin:test", gw.now());  // Cerys, not Alex
    EXPECT_EQ(count(*db, "SELECT count(*) FROM changes WHERE kind = 'history' AND payload LIKE '%\"1001\"%'"), 0);
  }
  ASSERT_TRUE(brk.sync().ok);
  ASSERT_TRUE(hol.sync().ok);
  EXPECT_EQ(count(*hol.db, "SELECT count(*) FROM history WHERE child <> '1002'"), 0);
  EXPECT_EQ(count(*brk.db, "SELECT count(*) FROM history"), 0);
}
