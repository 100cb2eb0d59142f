// tests/web/worker_pages_test.cpp: what issue 15 asked of the worker's pages besides the plan, over real HTTPS:
// release areas by name, the security review's "who looked at what" (keyboard-reachable, in words, repeated
// looks counted once, in the store).
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>

#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

void add_pat(Gw& gw) {
  auto d = gw.db();
  gateway::add_security_staff(*d, "Pat Jones", "pat.jones@brookfield.example", "test", wall_ms());
  const std::string code = gateway::issue_password_code(*d, "pat.jones@brookfield.example", "test", wall_ms());
  ASSERT_EQ(gateway::set_password_with_code(*d, "pat.jones@brookfield.example", code, "pat-security-password", "127.0.0.1", wall_ms()), "");
}

TEST(WorkerPages, ReleaseAreasAreNamedNeverCoded) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  for (const std::string p : {"/children", "/children/1001", "/children/1001/views", "/children/1001/interests", "/children/1001/meetings"}) {
    auto r = b.get(p);
    ASSERT_EQ(r->status, 200) << p;
    EXPECT_NE(r->body.find("Leeds"), std::string::npos) << p;
    EXPECT_EQ(r->body.find("E08000035"), std::string::npos) << p;
  }
}

TEST(WorkerPages, SecurityReviewSaysWhatWasLookedAtInWordsAndCountsRepeatsOnce) {
  Gw gw(wall_ms());
  add_pat(gw);
  {  // a row the view log wrote before it kept words: a meeting by its id
    auto d = gw.db();
    Stmt s(*d, "INSERT INTO web_views(at, actor, child, what) VALUES(:at, 'worker 1 (Sam Taylor)', '1001', :w)");
    s.bind(":at", gw.now() - 3600'000).bind(":w", "meeting " + gw.seeded.meeting_1001).run();
  }
  Browser w(gw);
  ASSERT_EQ(w.sign_in(sam, kSamPassword)->status, 303);
  const std::string meeting = "/children/1001/meetings/" + gw.seeded.meeting_1001;
  for (int i = 0; i < 4; i++) ASSERT_EQ(w.get(meeting)->status, 200);  // four reloads: one look
  w.get("/children/1001/views/" + gw.seeded.views_1001_new);
  const auto looks = [&] {
    return gw.count("SELECT count(*) FROM web_views WHERE child = '1001' AND ref = '" + gw.seeded.meeting_1001 + "'");
  };
  EXPECT_EQ(looks(), 1);
  gw.offset += gateway::kRepeatLookMs - 1000;
  w.get(meeting);
  EXPECT_EQ(looks(), 1);
  gw.offset += 2000;  // more than five minutes after the look that was written: a new look
  w.get(meeting);
  EXPECT_EQ(looks(), 2);

  Browser s(gw);
  ASSERT_EQ(s.sign_in("pat.jones@brookfield.example", "pat-security-password")->status, 303);
  for (const std::string p : {"/security", "/security/children/1001"}) {
    auto r = s.get(p);
    ASSERT_EQ(r->status, 200) << p;
    const std::string& h = r->body;
    // Every table that may scroll sideways is a named region the keyboard can reach (axe: scrollable-region-focusable).
    const std::regex wrap("<div class=\"table-wrap\"([^>]*)>");
    int wraps = 0;
    for (auto it = std::sregex_iterator(h.begin(), h.end(), wrap); it != std::sregex_iterator(); ++it, ++wraps) {
      const std::string attrs = (*it)[1];
      EXPECT_NE(attrs.find("tabindex=\"0\""), std::string::npos) << p << attrs;
      EXPECT_NE(attrs.find("role=\"region\""), std::string::npos) << p << attrs;
      EXPECT_NE(attrs.find("aria-label=\""), std::string::npos) << p << attrs;
    }
    EXPECT_GE(wraps, 2) << p;
    // What was looked at, in words; never an id.
    EXPECT_NE(h.find("Meeting: Pre-release meeting, "), std::string::npos) << p;
    EXPECT_NE(h.find("My Views for the Review meeting"), std::string::npos) << p;
    EXPECT_EQ(h.find(gw.seeded.meeting_1001), std::string::npos) << p;
    EXPECT_EQ(h.find(gw.seeded.views_1001_new), std::string::npos) << p;
    EXPECT_FALSE(std::regex_search(h, std::regex("<td>[^<]*[0-9a-f]{32}[^<]*</td>"))) << p;
  }
  EXPECT_NE(s.get("/security")->body.find("<td>Alex (1001)</td>"), std::string::npos);
}

}  // namespace
