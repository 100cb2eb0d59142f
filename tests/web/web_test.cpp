// tests/web/web_test.cpp: the web inbox's rules over real HTTPS on 127.0.0.1. The client verifies the
// gateway's own self-signed certificate (and host name 127.0.0.1), sends cookies by hand and never follows
// redirects, so every answer is seen as the server gave it.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <tuple>
#include <vector>

#include "core/base/text.h"
#include "core/sync/wire.h"
#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;
using gateway::GatewayServer;

namespace {

TEST(WebInbox, NoPageWithoutASession) {
  Gw gw;
  Browser b(gw);
  for (const std::string& p : std::vector<std::string>{"/", "/children", "/children/1001", "/children/1001/views", "/children/1001/views/" + gw.seeded.views_1001_new,
                              "/children/1001/interests", "/children/1001/meetings", "/children/1001/meetings/" + gw.seeded.meeting_1001,
                              "/security", "/security/children/1001"}) {
    auto r = b.get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->status, 303) << p;
    EXPECT_EQ(r->get_header_value("Location"), "/sign-in") << p;
    EXPECT_EQ(r->body.find("Alex"), std::string::npos) << p;
  }
  const int64_t before = gw.count("SELECT count(*) FROM worker_messages");
  auto r = b.post("/children/1001/reply", {{"text", "hello"}, {"csrf", "x"}});
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM worker_messages"), before);
  // A made-up cookie is no session either.
  b.jar["__Host-wm_session"] = "made-up-token-made-up-token-made-up-token";
  r = b.get("/children");
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/sign-in?expired=1");
}

TEST(WebInbox, SignInSetsAStrictSecureCookieAndPagesCarrySecurityHeaders) {
  Gw gw;
  Browser b(gw);
  auto r = b.sign_in(sam, kSamPassword);
  ASSERT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/children");
  std::string cookie;
  for (auto it = r->headers.lower_bound("Set-Cookie"); it != r->headers.upper_bound("Set-Cookie"); ++it)
    if (it->second.rfind("__Host-wm_session=", 0) == 0) cookie = it->second;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  auto page = b.get("/children");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store");
  // No external assets: nothing in the page points off the gateway.
  EXPECT_EQ(page->body.find("http://"), std::string::npos);
  EXPECT_EQ(page->body.find("https://"), std::string::npos);
  EXPECT_EQ(page->body.find("style="), std::string::npos);  // the CSP would block inline styles
}

TEST(WebInbox, SignInFormNeedsItsOwnToken) {
  Gw gw;
  Browser b(gw);
  // A cross-site form post carries no pre-sign-in cookie and no token.
  auto r = b.post("/sign-in", {{"email", sam}, {"password", kSamPassword}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(b.jar.count("__Host-wm_session"), 0u);
}

TEST(WebInbox, WorkerSeesOnlyAllocatedChildren) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  auto list = b.get("/children");
  EXPECT_NE(list->body.find("Alex"), std::string::npos);
  EXPECT_EQ(list->body.find("Cerys"), std::string::npos);
  // Guessing Rhian's child's number, or a record id of that child, under every page.
  const Seeded& s = gw.seeded;
  for (const std::string& p : std::vector<std::string>{"/children/1002", "/children/1002/views", "/children/1002/views/" + s.views_1002, "/children/1002/interests",
                              "/children/1002/meetings", "/children/1002/meetings/" + s.meeting_1002, "/children/9999",
                              // Alex's URL with Cerys's record or meeting id
                              "/children/1001/views/" + s.views_1002, "/children/1001/meetings/" + s.meeting_1002,
                              // a message id is not a My Views id
                              "/children/1001/views/" + s.msg_1001}) {
    auto r = b.get(p);
    EXPECT_EQ(r->status, 404) << p;
    EXPECT_EQ(r->body.find("Cerys"), std::string::npos) << p;
    EXPECT_EQ(r->body.find("private goal"), std::string::npos) << p;
    EXPECT_EQ(r->body.find("Helo Rhian"), std::string::npos) << p;
  }
  EXPECT_GE(gw.count("SELECT count(*) FROM audit WHERE action = 'web.denied'"), 8);
  // Revoking the contact takes the child away at once.
  {
    auto d = gw.db();
    gateway::set_contact(*d, "1001", s.sam, false, "test", wall_ms());
  }
  EXPECT_EQ(b.get("/children/1001")->status, 404);
  EXPECT_EQ(b.get("/children")->body.find("Alex"), std::string::npos);
}

TEST(WebInbox, ReplyAndScheduleRefusedForAnotherWorkersChildEvenWithAValidToken) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string csrf = b.csrf();
  ASSERT_FALSE(csrf.empty());
  const int64_t msgs = gw.count("SELECT count(*) FROM worker_messages");
  const int64_t feed = gw.count("SELECT count(*) FROM changes");
  EXPECT_EQ(b.post("/children/1002/reply", {{"csrf", csrf}, {"text", "hi"}})->status, 404);
  EXPECT_EQ(b.post("/children/1002/read", {{"csrf", csrf}})->status, 404);
  const httplib::Params meeting{{"csrf", csrf}, {"kind", "review"}, {"date-day", "2"}, {"date-month", "1"}, {"date-year", "2099"}, {"time-hour", "10"}, {"time-minute", "00"},
                                {"mode", "in_person"}, {"place", "Room 1"}, {"with", "Sam"}};
  EXPECT_EQ(b.post("/children/1002/meetings", meeting)->status, 404);
  EXPECT_EQ(b.post("/children/1002/meetings/" + gw.seeded.meeting_1002, meeting)->status, 404);
  EXPECT_EQ(b.post("/children/1002/meetings/" + gw.seeded.meeting_1002 + "/cancel", {{"csrf", csrf}})->status, 404);
  // Tampering: Alex's URL with Cerys's meeting id.
  EXPECT_EQ(b.post("/children/1001/meetings/" + gw.seeded.meeting_1002, meeting)->status, 404);
  EXPECT_EQ(b.post("/children/1001/meetings/" + gw.seeded.meeting_1002 + "/cancel", {{"csrf", csrf}})->status, 404);
  EXPECT_EQ(gw.count("SELECT count(*) FROM worker_messages"), msgs);
  EXPECT_EQ(gw.count("SELECT count(*) FROM changes"), feed);
  EXPECT_EQ(gw.count("SELECT count(*) FROM meetings WHERE child = '1002' AND (cancelled = 1 OR date = '2099-01-02')"), 0);
  EXPECT_EQ(gw.count("SELECT count(*) FROM records WHERE child = '1002' AND read_at IS NOT NULL"), 0);
  // Extra form fields naming another child change nothing: the child comes from the allocated URL.
  auto r = b.post("/children/1001/reply", {{"csrf", csrf}, {"text", "See you Tuesday"}, {"child", "1002"}});
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM worker_messages WHERE child = '1002'"), 0);
  EXPECT_EQ(gw.count("SELECT count(*) FROM worker_messages WHERE child = '1001' AND text = 'See you Tuesday'"), 1);
  httplib::Params m2 = meeting;
  m2.emplace("child", "1002");
  EXPECT_EQ(b.post("/children/1001/meetings", m2)->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM meetings WHERE child = '1001' AND date = '2099-01-02'"), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM meetings WHERE child = '1002' AND date = '2099-01-02'"), 0);
}

TEST(WebInbox, EveryFormNeedsTheSessionsCsrfToken) {
  Gw gw;
  Browser rhian(gw);
  ASSERT_EQ(rhian.sign_in("rhian.evans@cardiff-yos.example", kRhianPassword)->status, 303);
  const std::string other = rhian.csrf();
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string mine = b.csrf();
  ASSERT_NE(mine, other);
  const int64_t msgs = gw.count("SELECT count(*) FROM worker_messages");
  for (const std::string& tok : std::vector<std::string>{std::string(), other, mine.substr(1), std::string("x")}) {
    EXPECT_EQ(b.post("/children/1001/reply", {{"csrf", tok}, {"text", "hello"}})->status, 403);
    EXPECT_EQ(b.post("/children/1001/read", {{"csrf", tok}})->status, 403);
    EXPECT_EQ(b.post("/children/1001/meetings", {{"csrf", tok}, {"kind", "review"}, {"date-day", "2"}, {"date-month", "1"}, {"date-year", "2099"}, {"time-hour", "10"}, {"time-minute", "00"},
                                                  {"place", "Room"}, {"with", "Sam"}})->status, 403);
    EXPECT_EQ(b.post("/children/1001/meetings/" + gw.seeded.meeting_1001 + "/cancel", {{"csrf", tok}})->status, 403);
    EXPECT_EQ(b.post("/sign-out", {{"csrf", tok}})->status, 403);
  }
  EXPECT_EQ(gw.count("SELECT count(*) FROM worker_messages"), msgs);
  EXPECT_EQ(gw.count("SELECT count(*) FROM meetings WHERE cancelled = 1"), 0);
  EXPECT_EQ(b.get("/children")->status, 200);  // still signed in: sign-out needed the token too
  // The token in the query string does not count either.
  EXPECT_EQ(b.post("/children/1001/reply?csrf=" + mine, {{"text", "hello"}})->status, 403);
  EXPECT_EQ(b.post("/children/1001/reply", {{"csrf", mine}, {"text", "hello"}})->status, 303);
}

TEST(WebInbox, SessionsEndWhenIdleAtEightHoursAndOnSignOut) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  gw.offset += 29 * 60'000;
  EXPECT_EQ(b.get("/children")->status, 200);  // use keeps it alive
  gw.offset += 31 * 60'000;
  auto r = b.get("/children");
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/sign-in?expired=1");

  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  for (int i = 0; i < 23; i++) {  // busy all day: 23 x 20 min = 7 h 40 min
    gw.offset += 20 * 60'000;
    ASSERT_EQ(b.get("/children")->status, 200) << i;
  }
  gw.offset += 21 * 60'000;  // past 8 hours
  EXPECT_EQ(b.get("/children")->status, 303);

  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string token = b.jar["__Host-wm_session"];
  auto out = b.post("/sign-out", {{"csrf", b.csrf()}});
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(b.jar.count("__Host-wm_session"), 0u);
  b.jar["__Host-wm_session"] = token;  // the old cookie, kept by an attacker
  EXPECT_EQ(b.get("/children")->status, 303);
}

TEST(WebInbox, ReadingAndMarkingReadSendReceiptsToTheKiosk) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  auto list = b.get("/children");
  EXPECT_NE(list->body.find("1 new message"), std::string::npos);
  const std::string id = gw.seeded.msg_1001;
  EXPECT_EQ(gw.count("SELECT count(*) FROM changes WHERE kind = 'receipt' AND payload LIKE '%" + id + "%\"delivered\"%'"), 1);
  auto page = b.get("/children/1001");
  EXPECT_NE(page->body.find("can we talk about college"), std::string::npos);
  EXPECT_NE(page->body.find(">New<"), std::string::npos);
  auto r = b.post("/children/1001/read", {{"csrf", Browser::csrf_in(page->body)}});
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM changes WHERE kind = 'receipt' AND device_id = '" + gw.seeded.kiosk_id +
                     "' AND payload LIKE '%" + id + "%\"read\"%'"),
            1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM records WHERE id = '" + id + "' AND read_at IS NOT NULL"), 1);
  EXPECT_EQ(b.get("/children/1001")->body.find(">New<"), std::string::npos);
}

TEST(WebInbox, ReplyKeepsTheKioskLimitsAndWhatWasTyped) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string csrf = b.csrf();
  const std::string too_long(1001, 'a');
  auto r = b.post("/children/1001/reply", {{"csrf", csrf}, {"text", too_long}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("1001 characters"), std::string::npos);
  EXPECT_NE(r->body.find(too_long), std::string::npos);  // nothing typed is lost
  EXPECT_EQ(b.post("/children/1001/reply", {{"csrf", csrf}, {"text", "   \r\n"}})->status, 400);
  // Exactly 1,000 characters (multi-byte letters count as one), CRLF from the browser stored as LF.
  std::string ok = "Diolch\r\nSee you soon ";
  while (utf8_length(ok) < 1000) ok += "\xC5\xB5";  // ŵ
  EXPECT_EQ(b.post("/children/1001/reply", {{"csrf", csrf}, {"text", ok}})->status, 303);
  auto d = gw.db();
  Stmt s(*d, "SELECT text FROM worker_messages WHERE child = '1001'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(utf8_length(s.text(0)), 999u);  // the CR is gone
  EXPECT_EQ(s.text(0).find('\r'), std::string::npos);
  // It is in the wing's feed for the kiosk.
  EXPECT_EQ(gw.count("SELECT count(*) FROM changes WHERE kind = 'message' AND wing = 'Oak'"), 1);
  // Markup in a child's words is shown as text.
  {
    FakeKiosk k(*d);
    k.up(*d, "message", "1001", json{{"to", gw.seeded.sam}, {"text", "<script>alert(1)</script>"}}, wall_ms());
  }
  auto page = b.get("/children/1001");
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);
  EXPECT_NE(page->body.find("&lt;script&gt;"), std::string::npos);
}

// A child who read the catalogue in Welsh: "Interested in" shows the Welsh title they saw beside the English one.
TEST(WebInbox, InterestedInShowsTheWelshTitleTheChildSaw) {
  Gw gw;
  Browser rhian(gw);
  ASSERT_EQ(rhian.sign_in("rhian.evans@cardiff-yos.example", kRhianPassword)->status, 303);
  auto i = rhian.get("/children/1002/interests");
  ASSERT_EQ(i->status, 200);
  EXPECT_NE(i->body.find("<h3>Bricklaying Level 1</h3>"), std::string::npos);
  EXPECT_NE(i->body.find("<dt>Title in Welsh (what the child read)</dt><dd>Gosod brics (lefel 1)</dd>"), std::string::npos)
      << i->body;
  EXPECT_NE(i->body.find("Welsh"), std::string::npos);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  EXPECT_EQ(b.get("/children/1001/interests")->body.find("Title in Welsh"), std::string::npos) << "English: none";
}

// "Where will I live?" on the kiosk is a question to the worker, not a listing: it shows as the question it is.
TEST(WebInbox, AQuestionToTheWorkerShowsAsAQuestionNotAListing) {
  Gw gw;
  {
    auto db = gw.db();
    FakeKiosk k(*db);
    wire::WorkerQuestion q;
    q.topic = wire::kTopicReleaseArea;
    q.question = "I do not know where I will live when I get out. Can you help me find out?";
    q.asked_at = wall_ms() / 1000;
    k.up(*db, "enquiry", "1001", json(q), wall_ms());
  }
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  auto i = b.get("/children/1001/interests");
  ASSERT_EQ(i->status, 200);
  EXPECT_NE(i->body.find("<h3>Where will I live?</h3>"), std::string::npos) << i->body;
  EXPECT_NE(i->body.find("<dt>Question</dt><dd>I do not know where I will live when I get out."), std::string::npos);
  EXPECT_EQ(i->body.find("A listing"), std::string::npos);
  EXPECT_EQ(i->body.find("<dt>Topic</dt>"), std::string::npos);
  EXPECT_EQ(i->body.find("<dt>V</dt>"), std::string::npos) << "the version field is not shown to the worker";
  EXPECT_NE(i->body.find("<h3>Bricklaying Level 1</h3>"), std::string::npos) << "listings still show as before";
}

TEST(WebInbox, MyViewsShowsAnswersAndWhichVersionReplacesWhich) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  auto list = b.get("/children/1001/views");
  EXPECT_NE(list->body.find("Replaces an earlier version"), std::string::npos);
  EXPECT_NE(list->body.find("Replaced by a newer version"), std::string::npos);
  auto v = b.get("/children/1001/views/" + gw.seeded.views_1001_new);
  ASSERT_EQ(v->status, 200);
  EXPECT_NE(v->body.find("<dt>What do you want to do after you leave?</dt><dd>Bricklaying at college</dd>"), std::string::npos);
  EXPECT_NE(v->body.find("Chose not to answer"), std::string::npos);
  EXPECT_NE(v->body.find("This replaces an earlier version"), std::string::npos);
  auto old = b.get("/children/1001/views/" + gw.seeded.views_1001_old);
  EXPECT_NE(old->body.find("A newer version replaces this one"), std::string::npos);
  auto i = b.get("/children/1001/interests");
  EXPECT_NE(i->body.find("Bricklaying Level 1"), std::string::npos);
  EXPECT_NE(i->body.find("Leeds City College"), std::string::npos);
  // Every look is in the view log, in words (the two versions of My Views are two looks), and looking again
  // within a few minutes is the same look.
  EXPECT_EQ(gw.count("SELECT count(*) FROM web_views WHERE child = '1001' AND actor LIKE 'worker%Sam Taylor%'"), 4);
  b.get("/children/1001/views");
  b.get("/children/1001/interests");
  EXPECT_EQ(gw.count("SELECT count(*) FROM web_views WHERE child = '1001' AND actor LIKE 'worker%Sam Taylor%'"), 4);
  EXPECT_EQ(gw.count("SELECT count(*) FROM web_views WHERE what LIKE 'My Views for the Review meeting, %, sent %'"), 2);
  // Opening a My Views response sends its kiosk one "read" receipt (the child sees "read by your worker"),
  // however often it is opened again; the enquiries seen on "Interested in" are read too.
  const auto read_receipts = [&](const std::string& rid) {
    return gw.count("SELECT count(*) FROM changes WHERE kind = 'receipt' AND device_id = '" + gw.seeded.kiosk_id +
                    "' AND payload LIKE '%" + rid + "%\"read\"%'");
  };
  EXPECT_EQ(read_receipts(gw.seeded.views_1001_new), 1);
  EXPECT_EQ(read_receipts(gw.seeded.views_1001_old), 1);
  b.get("/children/1001/views/" + gw.seeded.views_1001_new);
  EXPECT_EQ(read_receipts(gw.seeded.views_1001_new), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM records WHERE kind = 'enquiry' AND child = '1001' AND read_at IS NULL"), 0);
  EXPECT_GE(gw.count("SELECT count(*) FROM records WHERE kind = 'enquiry' AND child = '1001'"), 1);
}

TEST(WebInbox, MeetingsCanBeBookedMovedAndCancelledAndReachTheFeed) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const std::string csrf = b.csrf();
  httplib::Params m{{"csrf", csrf}, {"kind", "pre_release"}, {"date-day", "4"}, {"date-month", "March"}, {"date-year", "2099"}, {"time-hour", "14"}, {"time-minute", "30"},
                    {"mode", "video"}, {"place", "Teams"}, {"with", "Sam Taylor (YOT), Mum"}};
  EXPECT_EQ(b.post("/children/1001/meetings", m)->status, 303);
  std::string id;
  {
    auto d = gw.db();
    Stmt s(*d, "SELECT id, place FROM meetings WHERE child = '1001' AND date = '2099-03-04'");
    ASSERT_TRUE(s.step());
    id = s.text(0);
    EXPECT_EQ(s.text(1), "Video call: Teams");
  }
  m.erase("date-day");
  m.emplace("date-day", "05");
  EXPECT_EQ(b.post("/children/1001/meetings/" + id, m)->status, 303);
  EXPECT_EQ(b.post("/children/1001/meetings/" + id + "/cancel", {{"csrf", csrf}})->status, 303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM meetings WHERE id = '" + id + "' AND date = '2099-03-05' AND cancelled = 1"), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM changes WHERE kind = 'meeting' AND wing = 'Oak' AND payload LIKE '%" + id + "%'"), 3);
  // Bad input: a clear list of problems, nothing stored.
  auto bad = b.post("/children/1001/meetings", {{"csrf", csrf}, {"kind", "party"}, {"date-day", "1"}, {"date-month", "1"}, {"date-year", "2020"},
                                                 {"time-hour", "25"}, {"time-minute", "00"}, {"mode", "in_person"}, {"place", "http://x.example"},
                                                 {"with", ""}});
  EXPECT_EQ(bad->status, 400);
  for (const char* e : {"type of meeting", "in the past", "the hour is a number from 0 to 23", "Leave links out", "who is invited"})
    EXPECT_NE(bad->body.find(e), std::string::npos) << e;
  EXPECT_EQ(gw.count("SELECT count(*) FROM meetings WHERE child = '1001' AND date = '2020-01-01'"), 0);
  // Each problem is beside its field (and linked from the summary), and everything typed is still there.
  EXPECT_NE(bad->body.find("<a href=\"#time-hour\">"), std::string::npos);
  EXPECT_NE(bad->body.find("id=\"time-error\""), std::string::npos);
  EXPECT_NE(bad->body.find("id=\"place-error\""), std::string::npos);
  EXPECT_NE(bad->body.find("name=\"time-hour\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" spellcheck=\"false\" maxlength=\"8\" value=\"25\""),
            std::string::npos);
  EXPECT_NE(bad->body.find("value=\"http://x.example\""), std::string::npos);
  EXPECT_EQ(bad->body.find("type=\"date\""), std::string::npos);  // nothing left to the browser's language
  EXPECT_EQ(bad->body.find("type=\"time\""), std::string::npos);
  // Dates that are not dates, each said beside the box that is wrong.
  const std::vector<std::tuple<std::string, std::string, std::string, std::string>> dates = {
      {"31", "2", "2099", "must be a real date"}, {"", "3", "2099", "must include a day"}, {"4", "Smarch", "2099", "the month is 1 to 12"},
      {"4", "3", "99", "4 numbers"}, {"", "", "", "Enter the date of the meeting"}};
  for (const auto& [d, mo, y, words] : dates) {
    auto r = b.post("/children/1001/meetings", {{"csrf", csrf}, {"kind", "review"}, {"date-day", d}, {"date-month", mo}, {"date-year", y},
                                                {"time-hour", "9"}, {"time-minute", "5"}, {"mode", "video"}, {"with", "Sam"}});
    EXPECT_EQ(r->status, 400) << words;
    EXPECT_NE(r->body.find(words), std::string::npos) << words;
  }
  // A month by name and a one-digit hour are fine.
  EXPECT_EQ(b.post("/children/1001/meetings", {{"csrf", csrf}, {"kind", "review"}, {"date-day", "7"}, {"date-month", "dec"}, {"date-year", "2099"},
                                               {"time-hour", "9"}, {"time-minute", "5"}, {"mode", "video"}, {"with", "Sam"}})
                ->status,
            303);
  EXPECT_EQ(gw.count("SELECT count(*) FROM meetings WHERE child = '1001' AND date = '2099-12-07' AND time = '09:05'"), 1);
}

TEST(WebInbox, PasswordsAreSetWithOneTimeCodesOnly) {
  Gw gw;
  std::string code;
  {
    auto d = gw.db();
    code = gateway::issue_password_code(*d, sam, "test", wall_ms());
  }
  Browser b(gw);
  auto page = b.get("/password");
  const std::string tok = Browser::csrf_in(page->body);
  auto wrong = b.post("/password", {{"csrf", tok}, {"email", "rhian.evans@cardiff-yos.example"}, {"code", code},
                                    {"password", "a-brand-new-password"}, {"password2", "a-brand-new-password"}});
  EXPECT_EQ(wrong->status, 400);  // a code only works for its own account
  auto shortpw = b.post("/password", {{"csrf", tok}, {"email", sam}, {"code", code}, {"password", "short"}, {"password2", "short"}});
  EXPECT_EQ(shortpw->status, 400);
  auto ok = b.post("/password", {{"csrf", tok}, {"email", sam}, {"code", code}, {"password", "a-brand-new-password"},
                                 {"password2", "a-brand-new-password"}});
  EXPECT_EQ(ok->status, 303);
  auto again = b.post("/password", {{"csrf", tok}, {"email", sam}, {"code", code}, {"password", "another-new-password"},
                                    {"password2", "another-new-password"}});
  EXPECT_EQ(again->status, 400);  // used once
  EXPECT_EQ(b.sign_in(sam, kSamPassword)->status, 401);
  EXPECT_EQ(b.sign_in(sam, "a-brand-new-password")->status, 303);
  // Codes expire.
  {
    auto d = gw.db();
    code = gateway::issue_password_code(*d, sam, "test", wall_ms());
  }
  gw.offset += gateway::kPasswordCodeMs + 1000;
  EXPECT_EQ(b.post("/password", {{"csrf", tok}, {"email", sam}, {"code", code}, {"password", "a-third-password-x"},
                                 {"password2", "a-third-password-x"}})->status,
            400);
}

TEST(WebInbox, AllowedEmailDomainsAreEnforcedAtSignIn) {
  Gw gw;
  {
    auto d = gw.db();
    gateway::set_allowed_domains(*d, {"cardiff-yos.example"}, "test", wall_ms());
    EXPECT_THROW(gateway::issue_password_code(*d, sam, "test", wall_ms()), std::invalid_argument);
  }
  Browser b(gw);
  EXPECT_EQ(b.sign_in(sam, kSamPassword)->status, 401);
  Browser r(gw);
  EXPECT_EQ(r.sign_in("rhian.evans@cardiff-yos.example", kRhianPassword)->status, 303);
}

TEST(WebInbox, SecurityStaffReviewIsReadOnlySeparateAndAudited) {
  Gw gw;
  {
    auto d = gw.db();
    gateway::add_security_staff(*d, "Pat Jones", "pat.jones@brookfield.example", "test", wall_ms());
    const std::string code = gateway::issue_password_code(*d, "pat.jones@brookfield.example", "test", wall_ms());
    ASSERT_EQ(gateway::set_password_with_code(*d, "pat.jones@brookfield.example", code, "pat-security-password", "127.0.0.1", wall_ms()), "");
  }
  Browser w(gw);
  ASSERT_EQ(w.sign_in(sam, kSamPassword)->status, 303);
  w.get("/children/1001");
  EXPECT_EQ(w.get("/security")->status, 403);
  EXPECT_EQ(w.get("/security/children/1002")->status, 403);

  Browser s(gw);
  auto in = s.sign_in("pat.jones@brookfield.example", "pat-security-password");
  EXPECT_EQ(in->get_header_value("Location"), "/security");
  EXPECT_EQ(s.get("/children")->status, 403);
  EXPECT_EQ(s.get("/children/1001")->status, 403);
  auto page = s.get("/security/children/1001");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("can we talk about college"), std::string::npos);
  EXPECT_NE(page->body.find("worker " + std::to_string(gw.seeded.sam) + " (Sam Taylor)"), std::string::npos);  // who looked
  EXPECT_EQ(page->body.find("<form method=\"post\" action=\"/children"), std::string::npos);                    // read-only
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'messages.review' AND actor LIKE 'security%Pat Jones%'"), 1);
  // The view log cannot be edited.
  auto d = gw.db();
  EXPECT_THROW(d->exec("DELETE FROM web_views"), DbError);
}

}  // namespace
