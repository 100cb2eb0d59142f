// tests/web/plan_test.cpp: "My plan" in the web inbox over real HTTPS: the allocation, session and CSRF rules on
// the plan's pages, a pathway and the day out written and sent to the wing, bad input refused with each
// problem beside its field and nothing typed lost, the shared-screen safety check, the child's answers (one
// about an older version), and what became of an enquiry.
#include <gtest/gtest.h>
#include <httplib.h>

#include "core/plan/plan.h"
#include "core/sync/wire.h"
#include "gateway/store/plan_demo.h"
#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

httplib::Params accommodation(const std::string& csrf, const std::string& base) {
  return {{"csrf", csrf},
          {"base", base},
          {"count", "1"},
          {"arrangement", "being_arranged"},
          {"now", "Sam and Leeds Housing team are looking for a place for you."},
          {"goal", "I will live with my aunt in Leeds."},
          {"a0-id", ""},
          {"a0-what", "Find a supported lodgings place in Leeds"},
          {"a0-owner", "Leeds Housing team"},
          {"a0-due-day", "20"},
          {"a0-due-month", "11"},
          {"a0-due-year", "2099"},
          {"a0-state", "doing"}};
}

void set(httplib::Params& p, const std::string& k, const std::string& v) {
  p.erase(k);
  p.emplace(k, v);
}

// The demo gateway starts with Alex's plan at version 2 (the demo kiosk's).
int64_t versions(Gw& gw) { return gw.count("SELECT count(*) FROM plan_versions WHERE child = '1001'"); }
std::string base(Gw& gw) { return std::to_string(versions(gw)); }

TEST(WebPlan, PlanPagesKeepTheSessionCsrfAndAllocationRules) {
  Gw gw;
  Browser anon(gw);
  for (const std::string p : {"/children/1001/plan", "/children/1001/plan/ete", "/children/1001/plan/day-out", "/children/1001/plan/versions"}) {
    auto r = anon.get(p);
    EXPECT_EQ(r->status, 303) << p;
    EXPECT_EQ(r->get_header_value("Location"), "/sign-in") << p;
  }
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string csrf = b.csrf();
  const int64_t feed = gw.count("SELECT count(*) FROM changes"), versions_before = gw.count("SELECT count(*) FROM plan_versions");
  // Cerys is not Sam's: not found, audited, nothing saved.
  for (const std::string p : {"/children/1002/plan", "/children/1002/plan/ete", "/children/1002/plan/day-out"}) EXPECT_EQ(b.get(p)->status, 404) << p;
  EXPECT_EQ(b.post("/children/1002/plan/accommodation", accommodation(csrf, "0"))->status, 404);
  EXPECT_EQ(b.post("/children/1002/plan/day-out", {{"csrf", csrf}, {"base", "0"}, {"date-day", "1"}, {"date-month", "1"}, {"date-year", "2099"}})->status, 404);
  EXPECT_EQ(b.post("/children/1002/interests/" + gw.seeded.enquiry_1001, {{"csrf", csrf}})->status, 404);
  EXPECT_GE(gw.count("SELECT count(*) FROM audit WHERE action = 'web.denied' AND detail LIKE '%/children/1002/plan%'"), 4);
  // No token, or another session's: refused and audited.
  EXPECT_EQ(b.post("/children/1001/plan/accommodation", accommodation("", "0"))->status, 403);
  EXPECT_EQ(b.post("/children/1001/plan/accommodation", accommodation("not-the-token", "0"))->status, 403);
  EXPECT_GE(gw.count("SELECT count(*) FROM audit WHERE action = 'web.csrf_refused'"), 2);
  // A word that is not a pathway.
  EXPECT_EQ(b.get("/children/1001/plan/housing")->status, 404);
  EXPECT_EQ(b.post("/children/1001/plan/housing", accommodation(csrf, base(gw)))->status, 404);
  EXPECT_EQ(gw.count("SELECT count(*) FROM plan_versions"), versions_before);
  EXPECT_EQ(gw.count("SELECT count(*) FROM changes"), feed);
}

TEST(WebPlan, APathwayIsSavedAsANewVersionAndReachesTheWing) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string csrf = b.csrf();
  const int64_t v0 = versions(gw);
  auto r = b.post("/children/1001/plan/accommodation", accommodation(csrf, base(gw)));
  ASSERT_EQ(r->status, 303) << r->body;
  EXPECT_EQ(r->get_header_value("Location"), "/children/1001/plan?saved=1#accommodation");
  EXPECT_EQ(versions(gw), v0 + 1);
  {  // the wing's feed has the whole plan, as the kiosk reads it
    auto d = gw.db();
    Stmt s(*d, "SELECT payload, wing FROM changes WHERE kind = 'plan' ORDER BY server_seq DESC LIMIT 1");
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.text(1), "Oak");
    const auto ch = wire::parse_text<wire::PlanChange>(s.text(0));
    ASSERT_TRUE(ch) << ch.error;
    EXPECT_EQ(ch->child, "1001");
    EXPECT_EQ(ch->plan.version, v0 + 1);
    EXPECT_EQ(ch->plan.saved_by, "Sam Taylor");
    const plan::PathwayPlan& acc = ch->plan.at(plan::Pathway::Accommodation);
    ASSERT_EQ(acc.actions.size(), 1u);
    EXPECT_EQ(acc.actions[0].id, "a3");  // a new action never takes the id of one taken out (the demo's a1, a2)
    EXPECT_EQ(acc.actions[0].due, "2099-11-20");
    EXPECT_EQ(acc.actions[0].history.size(), 1u);
    EXPECT_EQ(ch->plan.arrangement.state, plan::ArrangementState::BeingArranged);
  }
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'plan.save' AND actor LIKE 'worker%Sam Taylor%'"), v0 + 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM plan_action_history WHERE child = '1001' AND state = 'removed'"), 2);
  auto page = b.get("/children/1001/plan?saved=1");
  EXPECT_NE(page->body.find("Saved as version " + std::to_string(v0 + 1)), std::string::npos);
  EXPECT_NE(page->body.find("Leeds Housing team"), std::string::npos);
  EXPECT_NE(page->body.find("Being arranged"), std::string::npos);
  // The action is done now, with a note: version 2, a step in its history, a row in plan_action_history.
  httplib::Params next = accommodation(csrf, base(gw));
  set(next, "a0-id", "a3");
  set(next, "a0-state", "done");
  next.emplace("a0-note", "A room at Beech House from January");
  set(next, "count", "2");
  ASSERT_EQ(b.post("/children/1001/plan/accommodation", next)->status, 303);
  EXPECT_EQ(versions(gw), v0 + 2);
  EXPECT_EQ(gw.count("SELECT count(*) FROM plan_action_history WHERE child = '1001' AND action_id = 'a3'"), 2);
  EXPECT_EQ(gw.count("SELECT count(*) FROM plan_versions WHERE version = " + std::to_string(v0 + 2) + " AND body LIKE '%A room at Beech House%'"), 1);
  // Every version stays readable.
  EXPECT_NE(b.get("/children/1001/plan/versions")->body.find("Edited Accommodation"), std::string::npos);
  auto v1 = b.get("/children/1001/plan/versions/" + std::to_string(v0 + 1));
  ASSERT_EQ(v1->status, 200);
  EXPECT_NE(v1->body.find("Doing"), std::string::npos);
  EXPECT_EQ(b.get("/children/1001/plan/versions/9")->status, 404);
}

TEST(WebPlan, ABadPathwayIsRefusedWithEachProblemBesideItsFieldAndNothingTypedLost) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const int64_t v0 = versions(gw);
  httplib::Params bad = accommodation(b.csrf(), base(gw));
  const std::string long_goal(250, 'x');
  set(bad, "goal", long_goal);
  set(bad, "a0-due-day", "31");
  set(bad, "a0-due-month", "2");
  set(bad, "a0-owner", "");
  set(bad, "arrangement", "agreed");
  auto r = b.post("/children/1001/plan/accommodation", bad);
  ASSERT_EQ(r->status, 400);
  for (const char* words : {"The goal is 250 characters long. It can be up to 200.", "must be a real date", "Say who will do it",
                            "Choose the kind of place that is agreed", "Enter the date it was agreed"})
    EXPECT_NE(r->body.find(words), std::string::npos) << words;
  for (const char* id : {"id=\"goal-error\"", "id=\"a0-due-error\"", "id=\"a0-owner-error\"", "id=\"kind-error\"", "href=\"#a0-owner\""})
    EXPECT_NE(r->body.find(id), std::string::npos) << id;
  EXPECT_NE(r->body.find(long_goal), std::string::npos);                                // what was typed is still there
  EXPECT_NE(r->body.find("Find a supported lodgings place in Leeds"), std::string::npos);
  EXPECT_NE(r->body.find("value=\"31\""), std::string::npos);
  EXPECT_EQ(versions(gw), v0);
  // The day out: a date that is not a date, and a time on a 12-hour clock.
  auto d = b.post("/children/1001/plan/day-out", {{"csrf", b.csrf()}, {"base", base(gw)}, {"date-day", "30"}, {"date-month", "2"}, {"date-year", "2099"},
                                                  {"time-hour", "9pm"}, {"time-minute", "30"}, {"who_meets", "Your aunt"}});
  ASSERT_EQ(d->status, 400);
  EXPECT_NE(d->body.find("The day they get out must be a real date"), std::string::npos);
  EXPECT_NE(d->body.find("the hour is a number from 0 to 23"), std::string::npos);
  EXPECT_NE(d->body.find("value=\"Your aunt\""), std::string::npos);
  EXPECT_EQ(versions(gw), v0);
}

TEST(WebPlan, WordsThatLookLikeAnAddressOrNumberAreHeldUntilTheWorkerSaysTheyAreSafe) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const int64_t v0 = versions(gw);
  httplib::Params p = accommodation(b.csrf(), base(gw));
  set(p, "goal", "I will live at 12 Acacia Avenue with my aunt.");
  set(p, "now", "Call Leeds Housing on 0113 496 0000.");
  auto r = b.post("/children/1001/plan/accommodation", p);
  ASSERT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("This looks like a street address"), std::string::npos);
  EXPECT_NE(r->body.find("This looks like a phone number"), std::string::npos);
  EXPECT_NE(r->body.find("write &#39;with your aunt in Leeds&#39;, not the address"), std::string::npos);
  EXPECT_NE(r->body.find("name=\"confirm-safety\""), std::string::npos);
  EXPECT_EQ(versions(gw), v0);
  // An owner by name and role is not a warning: actions are owned by people.
  p.emplace("confirm-safety", "1");
  EXPECT_EQ(b.post("/children/1001/plan/accommodation", p)->status, 303);
  EXPECT_EQ(versions(gw), v0 + 1);
}

TEST(WebPlan, ASaveOverANewerVersionIsHeldBackWithTheWordsKept) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const int64_t v0 = versions(gw);
  httplib::Params stale = accommodation(b.csrf(), base(gw));  // opened before the next version was saved
  ASSERT_EQ(b.post("/children/1001/plan/accommodation", accommodation(b.csrf(), base(gw)))->status, 303);
  set(stale, "goal", "I will live near my gran.");
  auto r = b.post("/children/1001/plan/accommodation", stale);
  ASSERT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("saved a newer version of the plan (version " + std::to_string(v0 + 1) + " by Sam Taylor)"), std::string::npos);
  EXPECT_NE(r->body.find("I will live near my gran."), std::string::npos);
  EXPECT_NE(r->body.find("name=\"base\" value=\"" + std::to_string(v0 + 1) + "\""), std::string::npos);  // saving again goes through
  EXPECT_EQ(versions(gw), v0 + 1);
}

TEST(WebPlan, TheDayOutIsSavedAndEmptyingItTakesItOut) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  auto form = b.get("/children/1001/plan/day-out");
  ASSERT_EQ(form->status, 200);
  EXPECT_EQ(form->body.find("type=\"date\""), std::string::npos);
  auto r = b.post("/children/1001/plan/day-out",
                  {{"csrf", b.csrf()}, {"base", base(gw)}, {"date-day", "15"}, {"date-month", "Jan"}, {"date-year", "2099"}, {"time-hour", "9"},
                   {"time-minute", "30"}, {"who_meets", "Sam, your YOT worker"}, {"meet_where", "At the gate"}, {"where_first", "Leeds YOT office"},
                   {"first_who", "Sam"}, {"first_where", "Leeds YOT office"}, {"first-date-day", "15"}, {"first-date-month", "1"},
                   {"first-date-year", "2099"}, {"first-time-hour", "11"}, {"first-time-minute", "00"}, {"bring", "Your ID letter\r\n\r\nYour discharge grant\r\n"}});
  ASSERT_EQ(r->status, 303) << r->body;
  {
    auto d = gw.db();
    Stmt s(*d, "SELECT body FROM plan_versions WHERE child = '1001' ORDER BY version DESC LIMIT 1");
    ASSERT_TRUE(s.step());
    const auto p = plan::parse_plan_text(s.text(0));
    ASSERT_TRUE(p.ok()) << p.error;
    ASSERT_TRUE(p.plan->day_out);
    EXPECT_EQ(p.plan->day_out->date, "2099-01-15");
    EXPECT_EQ(p.plan->day_out->time, "09:30");
    EXPECT_EQ(p.plan->day_out->first.time, "11:00");
    EXPECT_EQ(p.plan->day_out->bring, (std::vector<std::string>{"Your ID letter", "Your discharge grant"}));
  }
  EXPECT_NE(b.get("/children/1001/plan")->body.find("Your discharge grant"), std::string::npos);
  ASSERT_EQ(b.post("/children/1001/plan/day-out", {{"csrf", b.csrf()}, {"base", base(gw)}})->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM plan_versions WHERE version = " + base(gw) + " AND body NOT LIKE '%day_out%'"), 1);
}

TEST(WebPlan, TheChildsAnswersReachTheWorkerEvenAboutAnOlderVersion) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  ASSERT_EQ(b.post("/children/1001/plan/accommodation", accommodation(b.csrf(), base(gw)))->status, 303);
  std::string talk;
  {
    auto d = gw.db();
    FakeKiosk k(*d);
    const int64_t now_s = gw.now() / 1000;
    talk = k.up(*d, "plan_answer", "1001",
                json{{"v", 1}, {"pathway", "accommodation"}, {"answer", "talk"}, {"text", ""}, {"plan_version", 1}, {"answered_at", now_s}, {"lang", "en"}},
                gw.now());
    k.up(*d, "plan_answer", "1001",
         json{{"v", 1}, {"pathway", "ete"}, {"answer", "own_goal"}, {"text", "Dw i eisiau gweithio mewn caffi."}, {"plan_version", 2},
              {"answered_at", now_s}, {"lang", "cy"}},
         gw.now());
    // A body with a key the contract does not have is refused, whole.
    const json bad{{"records", json::array({json{{"id", random_id()}, {"seq", 3}, {"kind", "plan_answer"}, {"child", "1001"}, {"created_at", now_s},
                                                 {"body", json{{"v", 1}, {"pathway", "accommodation"}, {"answer", "agree"}, {"text", ""},
                                                               {"plan_version", 2}, {"answered_at", now_s}, {"lang", "en"}, {"extra", 1}}.dump()}}})}};
    const json rec = gateway::api_up(*d, gateway::Device{k.id, "Oak"}, bad, gw.now());
    EXPECT_EQ(rec["receipts"][0]["status"], "refused");
    EXPECT_EQ(rec["receipts"][0]["reason"], "bad_body");
  }
  auto list = b.get("/children");
  EXPECT_NE(list->body.find("2 new answers to the plan"), std::string::npos);
  auto page = b.get("/children/1001/plan");
  const std::string& h = page->body;
  EXPECT_NE(h.find("Accommodation: I want to talk about this <span class=\"badge\">New</span>"), std::string::npos);
  EXPECT_NE(h.find("About an older version"), std::string::npos);
  EXPECT_NE(h.find("/children/1001/plan/versions/1"), std::string::npos);
  EXPECT_NE(h.find("Dw i eisiau gweithio mewn caffi."), std::string::npos);
  EXPECT_NE(h.find("lang=\"cy\""), std::string::npos);
  // Opened: the kiosk gets "read", and the inbox no longer counts them as new.
  EXPECT_EQ(gw.count("SELECT count(*) FROM changes WHERE kind = 'receipt' AND payload LIKE '%" + talk + "%\"read\"%'"), 1);
  EXPECT_EQ(b.get("/children")->body.find("new answers to the plan"), std::string::npos);
  EXPECT_EQ(b.get("/children/1001/plan")->body.find("<span class=\"badge\">New</span>"), std::string::npos);
}

TEST(WebPlan, WhatBecameOfAnEnquiryIsSetWithItsHistoryAndReachesTheWing) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string url = "/children/1001/interests/" + gw.seeded.enquiry_1001, e = "e" + gw.seeded.enquiry_1001 + "-";
  auto form = b.get("/children/1001/interests");
  EXPECT_NE(form->body.find("name=\"" + e + "state\" value=\"application_sent\""), std::string::npos);
  auto no_date = b.post(url, {{"csrf", b.csrf()}, {e + "state", "interview"}});
  ASSERT_EQ(no_date->status, 400);
  EXPECT_NE(no_date->body.find("Enter the date of the interview"), std::string::npos);
  auto no_reason = b.post(url, {{"csrf", b.csrf()}, {e + "state", "not_this_time"}});
  ASSERT_EQ(no_reason->status, 400);
  EXPECT_NE(no_reason->body.find("Write a kind reason"), std::string::npos);
  EXPECT_EQ(gw.count("SELECT count(*) FROM enquiry_states WHERE listing_id = 'L-bricklaying-l1'"), 0);
  ASSERT_EQ(b.post(url, {{"csrf", b.csrf()}, {e + "state", "application_sent"}})->status, 303);
  ASSERT_EQ(b.post(url, {{"csrf", b.csrf()}, {e + "state", "interview"}, {e + "on-day", "4"}, {e + "on-month", "3"}, {e + "on-year", "2099"}})->status, 303);
  ASSERT_EQ(b.post(url, {{"csrf", b.csrf()}, {e + "state", "place_confirmed"}})->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM enquiry_states WHERE child = '1001' AND listing_id = 'L-bricklaying-l1'"), 3);
  {
    auto d = gw.db();
    Stmt s(*d, "SELECT payload FROM changes WHERE kind = 'application' AND wing = 'Oak' AND payload LIKE '%L-bricklaying-l1%' ORDER BY server_seq");
    std::vector<std::string> states;
    while (s.step()) {
      const auto a = wire::parse_text<wire::ApplicationChange>(s.text(0));
      ASSERT_TRUE(a) << a.error;
      EXPECT_EQ(a->enquiry, gw.seeded.enquiry_1001);
      states.push_back(a->state + (a->interview_on.empty() ? "" : " " + a->interview_on));
    }
    EXPECT_EQ(states, (std::vector<std::string>{"application_sent", "interview 2099-03-04", "place_confirmed"}));
  }
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'application.set' AND detail LIKE '%L-bricklaying-l1%'"), 3);
  auto page = b.get("/children/1001/interests");
  EXPECT_NE(page->body.find("Place confirmed</span>"), std::string::npos);
  EXPECT_NE(page->body.find("Interview on Wed 4 Mar 2099"), std::string::npos);  // the history
  // A confirmed place shows in the plan's education, training and employment pathway.
  auto plan = b.get("/children/1001/plan");
  EXPECT_NE(plan->body.find("Bricklaying Level 1, Leeds City College: <span class=\"badge ok\">Place confirmed</span>"), std::string::npos);
}

// `waymark-gateway demo-seed` seeds the enquiry behind the demo's "application sent", so Sam sees its card on
// Alex's "Interested in" as the demo kiosk shows it: opened, at that state, with the form set to it. Once only.
TEST(WebPlan, TheDemosEnquiryCardIsAtApplicationSent) {
  Gw gw;
  ASSERT_TRUE(gateway::seed_demo_enquiry(*gw.db(), gw.now()));
  EXPECT_FALSE(gateway::seed_demo_enquiry(*gw.db(), gw.now()));
  EXPECT_EQ(gw.count("SELECT count(*) FROM records WHERE kind = 'enquiry' AND child = '1001' AND body LIKE '%wakefield-007%'"), 1);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const auto page = b.get("/children/1001/interests");
  ASSERT_EQ(page->status, 200);
  const std::string& h = page->body;
  EXPECT_NE(h.find("<h3>Apprentice: adult care worker <span class=\"badge grey\">Application sent</span></h3>"), std::string::npos) << h;
  EXPECT_NE(h.find("<dd>Fernvale Support Services</dd>"), std::string::npos);
  EXPECT_NE(h.find("value=\"application_sent\" checked"), std::string::npos);
}

TEST(WebPlan, TheDemoHasAlexsPlanWithALateActionAndCerysPlanInWelsh) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  auto alex = b.get("/children/1001/plan");
  ASSERT_EQ(alex->status, 200);
  const std::string& h = alex->body;
  EXPECT_NE(h.find("Version 2, saved by Sam Taylor"), std::string::npos);  // as on the demo kiosk
  EXPECT_NE(h.find("Being arranged"), std::string::npos);
  EXPECT_NE(h.find("Find a supported lodgings place in Leeds</strong> <span class=\"badge grey\">Doing</span> <span class=\"badge warn\">Late</span>"),
            std::string::npos);
  EXPECT_NE(h.find("Apprentice: adult care worker, Fernvale Support Services: <span class=\"badge grey\">Application sent</span>"), std::string::npos);
  EXPECT_NE(h.find("The day Alex gets out"), std::string::npos);
  EXPECT_NE(h.find("At the main gate"), std::string::npos);
  Browser r(gw);
  ASSERT_EQ(r.sign_in("rhian.evans@cardiff-yos.example", kRhianPassword)->status, 303);
  auto cerys = r.get("/children/1002/plan");
  ASSERT_EQ(cerys->status, 200);
  EXPECT_NE(cerys->body.find("Bydda i&#39;n byw gyda Mam-gu yng Nghaerdydd."), std::string::npos);
  EXPECT_NE(cerys->body.find("Agreed: With family"), std::string::npos);
}

}  // namespace
