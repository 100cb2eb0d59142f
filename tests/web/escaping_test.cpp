// tests/web/escaping_test.cpp: every page, over real HTTPS, with attacker-chosen text in every place a page
// shows something it did not write itself: the child's name, wing and release area, a message, a listing title
// and every enquiry field, a meeting's kind, place and invitees, a My Views answer (title, text, value, an
// unknown key), the worker's name and organisation, the establishment's name and the view log. The strings go
// straight into the database, so no upload check stands between them and the page: only the HTML builder does.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>

#include "core/base/dates.h"
#include "core/base/secrets.h"
#include "gateway/store/admin.h"
#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

// Breaks out of element content, an attribute value in either quote, and starts an entity.
const std::string kAttack = R"(<script>alert("x")</script><img src=x onerror='y'>&amp;)";
const std::string kEscaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;y&#39;&gt;&amp;amp;";

// Stores a record as if a device had sent it before any upload check existed.
std::string insert_record(Db& db, const std::string& device, const std::string& kind, const std::string& child, const json& body,
                          std::optional<int64_t> worker, int64_t now_ms) {
  static int64_t seq = 100000;
  const std::string id = random_id();
  Stmt s(db,
         "INSERT INTO records(id, device_id, device_seq, kind, child, body, created_at, status, received_at, receipt, worker_id) "
         "VALUES(:id, :d, :s, :k, :c, :b, :ca, 'accepted', :now, '{}', :w)");
  s.bind(":id", id).bind(":d", device).bind(":s", ++seq).bind(":k", kind).bind(":c", child).bind(":b", body.dump());
  s.bind(":ca", now_ms / 1000).bind(":now", now_ms);
  if (worker) s.bind(":w", *worker);
  else s.bind_null(":w");
  s.run();
  return id;
}

struct Hostile {
  std::string views_id, meeting_id;
};

Hostile plant(Gw& gw) {
  auto db = gw.db();
  const int64_t now = gw.now();
  Hostile h;
  Stmt(*db, "UPDATE children SET first_name = :a, wing = 'Oak', release_la = :a WHERE number = '1001'").bind(":a", kAttack).run();
  Stmt(*db, "UPDATE workers SET name = :a, org = :a WHERE id = :w").bind(":a", kAttack).bind(":w", gw.seeded.sam).run();
  gateway::set_gateway_meta(*db, "establishment", kAttack);
  insert_record(*db, gw.seeded.kiosk_id, "message", "1001", json{{"to", gw.seeded.sam}, {"text", kAttack}}, gw.seeded.sam, now);
  json listing = enquiry_body(now / 1000);
  for (const char* k : {"title", "title_cy", "kind", "provider", "place", "la_name", "la_code", "start_date", "duration", "listing_id"})
    listing[k] = kAttack;
  listing[kAttack] = kAttack;  // an unknown key is shown too, as a label
  insert_record(*db, gw.seeded.kiosk_id, "enquiry", "1001", listing, std::nullopt, now);
  insert_record(*db, gw.seeded.kiosk_id, "enquiry", "1001",
                json{{"v", 1}, {"kind", "question"}, {"about", {{"title", kAttack}}}, {"question", kAttack}, {"asked_at", now / 1000}},
                std::nullopt, now);
  json views = myviews_body("1001", "", now / 1000 + 86400, kAttack);
  views["answers"].push_back(json{{"q", kAttack}, {"title", kAttack}, {"value", json::array({kAttack, json{{kAttack, kAttack}}})}});
  views["answers"].push_back(json{{"q", "x"}, {"question", kAttack}, {"answer", kAttack}});
  views["meeting"]["type"] = kAttack;
  views[kAttack] = json{{"nested", kAttack}};
  h.views_id = insert_record(*db, gw.seeded.kiosk_id, "myviews", "1001", views, std::nullopt, now);
  h.meeting_id = "abcdef0123456789";
  const std::string tomorrow = format_date(add_days(local_date(now / 1000), 1));
  Stmt(*db, "INSERT INTO meetings(id, child, kind, date, time, place, with_whom) VALUES(:id, '1001', :a, :d, '10:00', :a, :a)")
      .bind(":id", h.meeting_id)
      .bind(":a", kAttack)
      .bind(":d", tomorrow)
      .run();
  gateway::log_view(*db, gateway::Principal{gateway::PrincipalKind::Worker, gw.seeded.sam, kAttack, "x@example", kAttack}, "1001", kAttack, now);
  return h;
}

// The page answered 200, carries the attack only escaped, and never as markup.
void expect_escaped(const httplib::Result& r, const std::string& path) {
  ASSERT_TRUE(r) << path;
  ASSERT_EQ(r->status, 200) << path << "\n" << r->body;
  EXPECT_EQ(r->body.find("<script"), std::string::npos) << path;
  EXPECT_EQ(r->body.find("<img"), std::string::npos) << path;
  EXPECT_EQ(r->body.find("onerror='"), std::string::npos) << path;
  EXPECT_EQ(r->body.find("alert(\""), std::string::npos) << path;
  EXPECT_NE(r->body.find(kEscaped), std::string::npos) << path;
  if (const char* dir = std::getenv("WAYMARK_WEB_SNAPSHOT_DIR")) {  // to compare pages before and after a change
    std::string name = path;
    for (char& ch : name)
      if (ch == '/') ch = '_';
    std::ofstream(std::string(dir) + "/" + name + ".html") << r->body;
  }
}

TEST(WebEscaping, AttackerChosenTextIsEscapedOnEveryPage) {
  Gw gw;
  const Hostile h = plant(gw);
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  for (const std::string& p :
       {std::string("/children"), std::string("/children/1001"), std::string("/children/1001/views"), "/children/1001/views/" + h.views_id,
        std::string("/children/1001/interests"), std::string("/children/1001/meetings"), "/children/1001/meetings/" + h.meeting_id})
    expect_escaped(b.get(p), p);
  // A refused reply shows the draft and the error again, in the page.
  auto r = b.post("/children/1001/reply", {{"csrf", b.csrf()}, {"text", kAttack + std::string(1200, 'x')}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->body.find("<script"), std::string::npos);
  EXPECT_NE(r->body.find(kEscaped), std::string::npos);
  // A refused meeting form shows what was typed again.
  r = b.post("/children/1001/meetings", {{"csrf", b.csrf()}, {"kind", kAttack}, {"date", kAttack}, {"time", ""}, {"place", kAttack}, {"with", kAttack}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(r->body.find("<script"), std::string::npos);
  EXPECT_NE(r->body.find(kEscaped), std::string::npos);
}

TEST(WebEscaping, SignInFormsShowTypedTextEscaped) {
  Gw gw;
  Browser b(gw);
  auto r = b.post("/sign-in", {{"csrf", Browser::csrf_in(b.get("/sign-in")->body)}, {"email", kAttack}, {"password", "x"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.find("<script"), std::string::npos);
  EXPECT_NE(r->body.find(kEscaped), std::string::npos);
  r = b.post("/password", {{"csrf", Browser::csrf_in(b.get("/password")->body)}, {"email", kAttack}, {"code", kAttack},
                           {"password", "a-long-password-1"}, {"password2", "a-long-password-1"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.find("<script"), std::string::npos);
  EXPECT_NE(r->body.find(kEscaped), std::string::npos);
}

TEST(WebEscaping, SecurityReviewShowsAttackerTextEscaped) {
  Gw gw;
  plant(gw);
  {
    auto d = gw.db();
    Stmt(*d, "UPDATE children SET wing = :a WHERE number = '1002'").bind(":a", kAttack).run();
    gateway::add_security_staff(*d, "Pat Jones", "pat.jones@brookfield.example", "test", wall_ms());
    const std::string code = gateway::issue_password_code(*d, "pat.jones@brookfield.example", "test", wall_ms());
    ASSERT_EQ(gateway::set_password_with_code(*d, "pat.jones@brookfield.example", code, "pat-security-password", "127.0.0.1", wall_ms()), "");
  }
  Browser s(gw);
  ASSERT_EQ(s.sign_in("pat.jones@brookfield.example", "pat-security-password")->status, 303);
  for (const std::string p : {"/security", "/security/children/1001"}) expect_escaped(s.get(p), p);
}

}  // namespace
