// tests/web/settings_test.cpp: a worker's email settings page (/settings) over real HTTPS: it shows the choice,
// saves it with the session's CSRF token only, refuses a bad hour with plain words, and every change is audited.
#include <gtest/gtest.h>

#include "tests/web/web_client.h"

#include "gateway/mail/notices.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

TEST(WebSettings, AWorkerChoosesHowToHearAndTheChoiceIsAudited) {
  Gw gw;
  Browser b(gw);
  EXPECT_EQ(b.get("/settings")->status, 303);  // signed out: to sign-in
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  auto page = b.get("/settings");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("value=\"each\" checked"), std::string::npos);  // the default: as things come
  EXPECT_NE(page->body.find("never has a child's name, number or words"), std::string::npos);
  EXPECT_NE(page->body.find("has not set up email yet"), std::string::npos);
  EXPECT_NE(page->body.find("<a href=\"/settings\">Email settings</a>"), std::string::npos);
  const std::string csrf = Browser::csrf_in(page->body);
  // Without the session's token nothing changes, and the refusal is audited.
  auto r = b.post("/settings", {{"csrf", "not-the-token"}, {"mode", "none"}, {"hour", "7"}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(gw.count("SELECT count(*) FROM mail_prefs"), 0);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'web.csrf_refused'"), 1);
  // A bad hour or mode: plain words, nothing saved.
  r = b.post("/settings", {{"csrf", csrf}, {"mode", "daily"}, {"hour", "24"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("Choose an hour from 00:00 to 23:00"), std::string::npos);
  r = b.post("/settings", {{"csrf", csrf}, {"mode", "sometimes"}, {"hour", "7"}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("Choose how often"), std::string::npos);
  EXPECT_EQ(gw.count("SELECT count(*) FROM mail_prefs"), 0);
  // Daily at 07:00.
  r = b.post("/settings", {{"csrf", csrf}, {"mode", "daily"}, {"hour", "7"}});
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location"), "/settings?saved=1");
  {
    auto d = gw.db();
    const auto p = gateway::mail_prefs(*d, gw.seeded.sam);
    EXPECT_EQ(p.mode, gateway::MailMode::Daily);
    EXPECT_EQ(p.hour, 7);
    EXPECT_EQ(gateway::mail_prefs(*d, gw.seeded.rhian).mode, gateway::MailMode::Each);  // only Sam's
  }
  page = b.get("/settings?saved=1");
  EXPECT_NE(page->body.find("value=\"daily\" checked"), std::string::npos);
  EXPECT_NE(page->body.find("<option value=\"7\" selected>07:00</option>"), std::string::npos);
  EXPECT_NE(page->body.find("Saved."), std::string::npos);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'mail.prefs' AND actor LIKE 'worker %' AND detail = 'daily at 7:00'"), 1);
}

}  // namespace
