// tests/web/board_web_test.cpp: the management board's report over real HTTPS: a board member signs in with
// the one sign-in, sees figures and never a child; cannot open any child page, worker route or the security
// review; a worker cannot open /board; a scope the member does not have is "not found" and audited; a member
// who sees every establishment narrows the report (and its CSV) to one, and an establishment-scoped member asking
// for another gets exactly the answer an unknown code gets (audited as scope.refused); a bad period or code is
// refused in plain words.
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
void add_member(Gw& gw, const std::string& email, const std::string& scope) {
  auto d = gw.db();
  gateway::add_board_member(*d, "Board Member", email, scope, "test", gw.now());
  const std::string code = gateway::issue_password_code(*d, email, "test", gw.now());
  ASSERT_EQ(gateway::set_password_with_code(*d, email, code, kBoardPassword, "127.0.0.1", gw.now()), "");
}

void add_board(Gw& gw) {
  ASSERT_TRUE(gateway::seed_board_demo(*gw.db(), gw.now()));
  for (auto [email, scope] : {std::pair{"ann.all@board.example", "all"}, std::pair{"lee.leeds@board.example", "yot:Leeds YOT"},
                              std::pair{"bea.bkf@board.example", "establishment:BRK"}})
    add_member(gw, email, scope);
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
                               std::string("/board?yot=Nowhere")}) {
    auto r = leeds.get(p);
    EXPECT_EQ(r->status, 404) << p;
    EXPECT_NE(r->body.find("Not found"), std::string::npos) << p;
  }
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'web.denied'"), denied + 3);
  // An establishment that is not on this gateway: said plainly, nothing audited (a mistyped code is no attempt).
  auto xyz = leeds.get("/board?establishment=XYZ");
  EXPECT_EQ(xyz->status, 404);
  EXPECT_NE(xyz->body.find("There is no establishment XYZ in the figures you can see."), std::string::npos);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action IN ('web.denied', 'scope.refused')"),
            gw.count("SELECT count(*) FROM audit WHERE action = 'web.denied'"));
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
  add_member(gw, "hana.hol@board.example", "establishment:HOL");
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

// A member who sees every establishment picks one with the form's plain select (a GET, no script): the page,
// its heading, the page's header and the CSV it links to are about that establishment only, and the audit says
// which. "All establishments" is the same report as before.
TEST(BoardReportWeb, AMemberWhoSeesEveryEstablishmentNarrowsTheReportToOne) {
  Gw gw;
  add_board(gw);
  const std::string brk = ">Brookfield YOI (demo), BRK<", hol = ">Hollins Secure Children&#39;s Home (demo), HOL<";
  Browser all(gw);
  ASSERT_EQ(all.sign_in("ann.all@board.example", kBoardPassword)->status, 303);
  const auto every = all.get("/board");
  ASSERT_EQ(every->status, 200);
  EXPECT_NE(every->body.find("<label for=\"establishment\">Establishment</label><select id=\"establishment\" name=\"establishment\">"
                             "<option value=\"\">All establishments</option><option value=\"BRK\">Brookfield YOI (demo), BRK</option>"
                             "<option value=\"HOL\">Hollins Secure Children&#39;s Home (demo), HOL</option></select>"),
            std::string::npos)
      << every->body;
  EXPECT_EQ(every->body.find("<script"), std::string::npos);

  // The figures, after the form (whose select names every establishment).
  const auto tables = [](const std::string& body) { return body.substr(std::min(body.find("<table"), body.size())); };
  const std::string q = "?from=2026-03-01&to=2027-02-28&by=establishment&establishment=HOL";
  const auto one = all.get("/board" + q);
  ASSERT_EQ(one->status, 200);
  EXPECT_NE(tables(one->body).find(hol), std::string::npos);
  EXPECT_EQ(tables(one->body).find(brk), std::string::npos);
  EXPECT_NE(one->body.find("Waymark · Hollins Secure Children&#39;s Home (demo)"), std::string::npos);  // the header
  EXPECT_EQ(one->body.find("2 establishments"), std::string::npos);
  EXPECT_NE(one->body.find("<option value=\"HOL\" selected>"), std::string::npos);
  EXPECT_NE(one->body.find("href=\"/board.csv?from=2026-03-01&amp;to=2027-02-28&amp;by=establishment&amp;establishment=HOL\""),
            std::string::npos)
      << one->body;
  expect_no_child(gw, one->body, "/board" + q);
  // The same figures as a member whose scope is that establishment.
  add_member(gw, "hana.hol@board.example", "establishment:HOL");
  Browser hana(gw);
  ASSERT_EQ(hana.sign_in("hana.hol@board.example", kBoardPassword)->status, 303);
  const auto own = hana.get("/board?from=2026-03-01&to=2027-02-28&by=establishment");
  EXPECT_EQ(tables(one->body), tables(own->body));

  const auto csv = all.get("/board.csv" + q);
  ASSERT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("board-report-HOL-2026-03-01-to-2027-02-28.csv"), std::string::npos);
  EXPECT_NE(csv->body.find("Hollins Secure Children's Home (demo), HOL"), std::string::npos);
  EXPECT_EQ(csv->body.find("Brookfield"), std::string::npos);
  expect_no_child(gw, csv->body, "/board.csv" + q);
  const auto whole = all.get("/board.csv?from=2026-03-01&to=2027-02-28&by=establishment");
  EXPECT_NE(whole->body.find("Brookfield YOI (demo), BRK"), std::string::npos);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action IN ('board.report', 'board.csv') AND actor LIKE 'board %' "
                     "AND detail = '2026-03-01..2027-02-28 HOL'"),
            2);

  // A YOT-scoped member may narrow too: their YOT's children in that establishment (Jay, Leeds YOT, at Hollins).
  Browser leeds(gw);
  ASSERT_EQ(leeds.sign_in("lee.leeds@board.example", kBoardPassword)->status, 303);
  const auto leeds_hol = leeds.get("/board" + q);
  ASSERT_EQ(leeds_hol->status, 200);
  EXPECT_NE(tables(leeds_hol->body).find(hol), std::string::npos);
  EXPECT_EQ(tables(leeds_hol->body).find(brk), std::string::npos);
  EXPECT_NE(leeds_hol->body.find("Leeds YOT"), std::string::npos);
}

// A member scoped to one establishment has no choice to make and cannot ask for another: the answer is exactly
// the one a code that is no establishment gets (so it says nothing about which exist), and the attempt is
// audited (scope.refused), page or CSV. A code that cannot be one is refused in plain words; nothing is read.
TEST(BoardReportWeb, AnotherEstablishmentIsAnsweredLikeAnUnknownCodeAndAudited) {
  Gw gw;
  add_board(gw);
  Browser bea(gw);
  ASSERT_EQ(bea.sign_in("bea.bkf@board.example", kBoardPassword)->status, 303);
  const auto own = bea.get("/board");
  ASSERT_EQ(own->status, 200);
  EXPECT_EQ(own->body.find("name=\"establishment\""), std::string::npos);  // nothing to choose
  EXPECT_EQ(own->body.find("Hollins"), std::string::npos);
  EXPECT_EQ(bea.get("/board?establishment=BRK")->status, 200);

  const int64_t reports = gw.count("SELECT count(*) FROM audit WHERE action IN ('board.report', 'board.csv')");
  const auto other = bea.get("/board?establishment=HOL"), unknown = bea.get("/board?establishment=ZZZ");
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(unknown->status, 404);
  std::string masked = other->body;
  for (size_t at = masked.find("HOL"); at != std::string::npos; at = masked.find("HOL", at)) masked.replace(at, 3, "ZZZ");
  EXPECT_EQ(masked, unknown->body);
  EXPECT_NE(other->body.find("There is no establishment HOL in the figures you can see. Choose one from the list."), std::string::npos);
  EXPECT_EQ(other->body.find("Hollins"), std::string::npos);
  EXPECT_NE(other->body.find("Waymark · Brookfield YOI (demo)</a>"), std::string::npos);  // the header: still their own
  // The same for a member of the other establishment: the header never names the one asked for.
  add_member(gw, "hana.hol@board.example", "establishment:HOL");
  Browser hana(gw);
  ASSERT_EQ(hana.sign_in("hana.hol@board.example", kBoardPassword)->status, 303);
  const auto brk = hana.get("/board?establishment=BRK");
  EXPECT_EQ(brk->status, 404);
  EXPECT_EQ(brk->body.find("Brookfield"), std::string::npos) << brk->body;
  const auto other_csv = bea.get("/board.csv?establishment=HOL"), unknown_csv = bea.get("/board.csv?establishment=ZZZ");
  EXPECT_EQ(other_csv->status, 404);
  EXPECT_EQ(unknown_csv->status, 404);
  EXPECT_EQ(other_csv->get_header_value("Content-Type"), unknown_csv->get_header_value("Content-Type"));
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'scope.refused' AND actor LIKE 'board %' AND detail LIKE '%establishment HOL%'"), 2);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'scope.refused' AND detail LIKE '%ZZZ%'"), 0);

  for (const std::string& bad : {std::string("brk"), std::string("B"), std::string("BRK%3Cb%3E"), std::string("ABCDEFGHIJKLM")}) {
    const auto r = bea.get("/board?establishment=" + bad);
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_NE(r->body.find("An establishment code is 2 to 12 capital letters and digits, like BRK."), std::string::npos) << bad;
    EXPECT_EQ(r->body.find("<b>"), std::string::npos) << bad;
  }
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action IN ('board.report', 'board.csv')"), reports);
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
