// tests/web/board_web_test.cpp: the management board's report over real HTTPS: a board member signs in with
// the one sign-in, sees figures and never a child; cannot open any child page, worker route or the security
// review; a worker cannot open /board; a scope the member does not have is "not found" and audited; a bad
// period is refused in plain words.
#include <gtest/gtest.h>
#include <httplib.h>

#include "gateway/store/board_accounts.h"
#include "gateway/store/board_demo.h"
#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

const char* const kBoardPassword = "board-member-password-1";

// The web demo plus a year of fictional released children, the establishment code BRK and three board members:
// all, yot:Leeds YOT, establishment:BRK.
void add_board(Gw& gw) {
  auto d = gw.db();
  ASSERT_TRUE(gateway::seed_board_demo(*d, gw.now()));
  for (auto [email, scope] : {std::pair{"ann.all@board.example", "all"}, std::pair{"lee.leeds@board.example", "yot:Leeds YOT"},
                              std::pair{"bea.bkf@board.example", "establishment:BRK"}}) {
    gateway::add_board_member(*d, "Board Member", email, scope, "test", gw.now());
    const std::string code = gateway::issue_password_code(*d, email, "test", gw.now());
    ASSERT_EQ(gateway::set_password_with_code(*d, email, code, kBoardPassword, "127.0.0.1", gw.now()), "");
  }
}

// Nothing that names or numbers a child: the demo's and the history's first names, their numbers, record ids.
void expect_no_child(Gw& gw, const std::string& body, const std::string& where) {
  auto d = gw.db();
  Stmt s(*d, "SELECT number, first_name FROM children");
  while (s.step()) {
    const std::string number = s.text(0), name = s.text(1);
    // A number may occur inside a figure ("2001" is no child there), so look for it as a whole value.
    for (const std::string& around : {std::string(">%<"), std::string(",%\n"), std::string("/%"), std::string(" % ")}) {
      std::string needle = around;
      needle.replace(needle.find('%'), 1, number);
      EXPECT_EQ(body.find(needle), std::string::npos) << where << ": number " << number;
    }
    EXPECT_EQ(body.find(name), std::string::npos) << where << ": name " << name;
  }
  Stmt r(*d, "SELECT id FROM records");
  while (r.step()) EXPECT_EQ(body.find(r.text(0)), std::string::npos) << where << ": record id";
  for (const char* words : {"can we talk about college", "Demo message", "Demo reply", "Bricklaying", "/children/"})
    EXPECT_EQ(body.find(words), std::string::npos) << where << ": " << words;
}

TEST(BoardReportWeb, BoardMemberSeesFiguresOnly) {
  Gw gw;
  add_board(gw);
  Browser b(gw);
  auto in = b.sign_in("ann.all@board.example", kBoardPassword);
  ASSERT_EQ(in->status, 303);
  EXPECT_EQ(in->get_header_value("Location"), "/board");
  auto page = b.get("/board");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<h1>Board report</h1>"), std::string::npos);
  EXPECT_NE(page->body.find("Small numbers are not shown"), std::string::npos);
  EXPECT_NE(page->body.find("fewer than 5"), std::string::npos);
  EXPECT_NE(page->body.find("<svg class=\"chart\""), std::string::npos);
  EXPECT_EQ(page->body.find("<script"), std::string::npos);
  EXPECT_NE(page->body.find("1 Oct 2026 to Thu 31 Dec 2026"), std::string::npos);  // the last full quarter before 1 Mar 2027
  expect_no_child(gw, page->body, "/board");
  auto by_yot = b.get("/board?from=2026-03-01&to=2027-02-28&by=yot");
  ASSERT_EQ(by_yot->status, 200);
  EXPECT_NE(by_yot->body.find("Leeds YOT"), std::string::npos);
  expect_no_child(gw, by_yot->body, "/board by YOT");
  auto csv = b.get("/board.csv?from=2026-03-01&to=2027-02-28&by=yot");
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("board-report-2026-03-01-to-2027-02-28.csv"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("section,row,figure,value\n", 0), 0u);
  EXPECT_NE(csv->body.find("release,Leeds YOT,Released,"), std::string::npos);
  expect_no_child(gw, csv->body, "/board.csv");
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action IN ('board.report', 'board.csv') AND actor LIKE 'board %'"), 3);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'web.sign_in' AND actor LIKE 'board %'"), 1);
}

TEST(BoardReportWeb, BoardMemberCannotOpenAChildOrAWorkerOrSecurityPage) {
  Gw gw;
  add_board(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in("ann.all@board.example", kBoardPassword)->status, 303);
  for (const std::string& p : std::vector<std::string>{"/children", "/children/1001", "/children/1001/views",
                                                      "/children/1001/views/" + gw.seeded.views_1001_new, "/children/1001/interests",
                                                      "/children/1001/meetings", "/children/1001/meetings/" + gw.seeded.meeting_1001,
                                                      "/children/4001", "/security", "/security/children/1001"}) {
    auto r = b.get(p);
    ASSERT_TRUE(r) << p;
    EXPECT_EQ(r->status, 403) << p;
    expect_no_child(gw, r->body, p);
  }
  const std::string csrf = Browser::csrf_in(b.get("/board")->body);
  const int64_t before = gw.count("SELECT count(*) FROM worker_messages");
  EXPECT_EQ(b.post("/children/1001/reply", {{"csrf", csrf}, {"text", "hello"}})->status, 403);
  EXPECT_EQ(gw.count("SELECT count(*) FROM worker_messages"), before);
  // Nor the worker API: a board member's password gives no bearer token.
  httplib::SSLClient api("127.0.0.1", gw.srv->port());
  api.set_ca_cert_path(gateway::cert_path(gw.dir).c_str());
  auto r = api.Post("/v1/worker/session", R"({"email":"ann.all@board.example","password":"board-member-password-1"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

TEST(BoardReportWeb, WorkerAndSecurityCannotOpenTheReport) {
  Gw gw;
  add_board(gw);
  Browser w(gw);
  ASSERT_EQ(w.sign_in(sam, kSamPassword)->status, 303);
  EXPECT_EQ(w.get("/board")->status, 403);
  EXPECT_EQ(w.get("/board.csv")->status, 403);
  Browser anon(gw);
  EXPECT_EQ(anon.get("/board")->status, 303);
  EXPECT_EQ(anon.get("/board.csv")->get_header_value("Location"), "/sign-in");
}

TEST(BoardReportWeb, AScopeTheMemberDoesNotHaveIsNotFoundAndAudited) {
  Gw gw;
  add_board(gw);
  Browser leeds(gw);
  ASSERT_EQ(leeds.sign_in("lee.leeds@board.example", kBoardPassword)->status, 303);
  auto own = leeds.get("/board?by=yot");
  ASSERT_EQ(own->status, 200);
  EXPECT_NE(own->body.find("Leeds YOT"), std::string::npos);
  EXPECT_EQ(own->body.find("Cardiff YOS"), std::string::npos);  // not even in the form
  const int64_t denied = gw.count("SELECT count(*) FROM audit WHERE action = 'web.denied'");
  for (const std::string& p : {std::string("/board?yot=Cardiff%20YOS"), std::string("/board.csv?yot=Cardiff%20YOS"),
                               std::string("/board?establishment=XYZ"), std::string("/board?yot=Nowhere")}) {
    auto r = leeds.get(p);
    EXPECT_EQ(r->status, 404) << p;
    EXPECT_NE(r->body.find("Not found"), std::string::npos) << p;
  }
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'web.denied'"), denied + 4);
  EXPECT_EQ(leeds.get("/board?yot=Leeds%20YOT&establishment=BRK")->status, 200);

  Browser bkf(gw);
  ASSERT_EQ(bkf.sign_in("bea.bkf@board.example", kBoardPassword)->status, 303);
  EXPECT_EQ(bkf.get("/board?yot=Cardiff%20YOS")->status, 200);  // every YOT in the establishment
  EXPECT_EQ(bkf.get("/board?establishment=OTHER")->status, 404);
}

// Two establishments on the gateway (the demo's Brookfield and Hollins): the report by establishment has a row
// for each, named; an establishment scope sees only its own establishment's row, with the same rule.
TEST(BoardReportWeb, EveryEstablishmentHasARowAndAnEstablishmentScopeSeesOnlyItsOwn) {
  Gw gw;
  add_board(gw);
  {
    auto d = gw.db();
    gateway::add_board_member(*d, "Board Member", "hana.hol@board.example", "establishment:HOL", "test", gw.now());
    const std::string code = gateway::issue_password_code(*d, "hana.hol@board.example", "test", gw.now());
    ASSERT_EQ(gateway::set_password_with_code(*d, "hana.hol@board.example", code, kBoardPassword, "127.0.0.1", gw.now()), "");
  }
  const std::string brk = ">Brookfield YOI (demo), BRK<", hol = ">Hollins Secure Children&#39;s Home (demo), HOL<";
  const std::string q = "/board?from=2026-03-01&to=2027-02-28&by=establishment";
  Browser all(gw), bea(gw), hana(gw);
  ASSERT_EQ(all.sign_in("ann.all@board.example", kBoardPassword)->status, 303);
  ASSERT_EQ(bea.sign_in("bea.bkf@board.example", kBoardPassword)->status, 303);
  ASSERT_EQ(hana.sign_in("hana.hol@board.example", kBoardPassword)->status, 303);
  const auto a = all.get(q), b = bea.get(q), h = hana.get(q);
  ASSERT_EQ(a->status, 200);
  EXPECT_NE(a->body.find(brk), std::string::npos) << a->body;
  EXPECT_NE(a->body.find(hol), std::string::npos);
  EXPECT_NE(a->body.find("2 establishments"), std::string::npos);
  EXPECT_NE(a->body.find("fewer than 5"), std::string::npos);  // Hollins has one child: suppressed as always
  EXPECT_NE(b->body.find(brk), std::string::npos);
  EXPECT_EQ(b->body.find(hol), std::string::npos);
  EXPECT_NE(h->body.find(hol), std::string::npos);
  EXPECT_EQ(h->body.find("Brookfield"), std::string::npos);
  for (const auto* r : {&a, &b, &h}) expect_no_child(gw, (*r)->body, q);
  EXPECT_EQ(hana.get("/board?establishment=BRK")->status, 404);
  EXPECT_EQ(hana.get("/board?establishment=HOL")->status, 200);
  const auto csv = all.get("/board.csv?from=2026-03-01&to=2027-02-28&by=establishment");
  EXPECT_NE(csv->body.find("Hollins Secure Children's Home (demo), HOL"), std::string::npos) << csv->body;
}

TEST(BoardReportWeb, ABadPeriodIsRefusedInPlainWords) {
  Gw gw;
  add_board(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in("ann.all@board.example", kBoardPassword)->status, 303);
  auto back = b.get("/board?from=2026-07-01&to=2026-06-30");
  EXPECT_EQ(back->status, 400);
  EXPECT_NE(back->body.find("The period ends before it starts."), std::string::npos);
  auto long_one = b.get("/board.csv?from=2020-01-01&to=2026-06-30");
  EXPECT_EQ(long_one->status, 400);
  EXPECT_NE(long_one->body.find("longer than five years"), std::string::npos);
  EXPECT_EQ(b.get("/board?from=yesterday&to=2026-06-30")->status, 400);
  EXPECT_EQ(b.get("/board?by=child")->status, 404);
}

TEST(BoardReportWeb, BoardSignInFollowsTheSameRules) {
  Gw gw;
  add_board(gw);
  Browser b(gw);
  for (int i = 0; i < 3; i++) EXPECT_EQ(b.sign_in("ann.all@board.example", "wrong-password-here")->status, 401);
  auto r = b.sign_in("ann.all@board.example", kBoardPassword);  // the fourth try must wait, right or not
  EXPECT_EQ(r->status, 429);
  EXPECT_FALSE(r->get_header_value("Retry-After").empty());
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'web.sign_in_throttled' AND detail LIKE 'ann.all@board.example%'"), 1);
}

}  // namespace
