// tests/web/estate_web_test.cpp: many establishments on one gateway, in the web inbox (issue 14), over real HTTPS:
// a YOT worker sees every child allocated to them, in any establishment, each named with its establishment;
// security staff review only their own establishment's children (another's is "not found", and audited).
#include <gtest/gtest.h>

#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

TEST(EstateWeb, AWorkerSeesTheirChildrenInEveryEstablishmentNamedWithIt) {
  Gw gw;
  Browser b(gw);
  ASSERT_EQ(b.sign_in(sam, kSamPassword)->status, 303);
  const auto r = b.get("/children");
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("Alex"), std::string::npos);
  EXPECT_NE(r->body.find("Jay"), std::string::npos);
  EXPECT_NE(r->body.find("Brookfield YOI (demo)"), std::string::npos);
  EXPECT_NE(r->body.find("Hollins Secure Children&#39;s Home (demo)"), std::string::npos) << r->body;
  EXPECT_EQ(r->body.find("Cerys"), std::string::npos);  // Rhian's, not Sam's
  const auto jay = b.get("/children/1003");
  ASSERT_TRUE(jay);
  EXPECT_EQ(jay->status, 200);
  EXPECT_NE(jay->body.find("Hollins"), std::string::npos);
}

TEST(EstateWeb, SecurityStaffReviewOnlyTheirOwnEstablishment) {
  Gw gw;
  {
    auto d = gw.db();
    gateway::add_security_staff(*d, "Pat Jones", "pat.jones@brookfield.example", "test", wall_ms(), "BRK");
    const std::string code = gateway::issue_password_code(*d, "pat.jones@brookfield.example", "test", wall_ms());
    ASSERT_EQ(gateway::set_password_with_code(*d, "pat.jones@brookfield.example", code, "pat-security-password", "127.0.0.1", wall_ms()), "");
  }
  {  // Sam looks at Jay (Hollins): Brookfield's reviewer must not see that look either
    Browser worker(gw);
    ASSERT_EQ(worker.sign_in(sam, kSamPassword)->status, 303);
    ASSERT_EQ(worker.get("/children/1003")->status, 200);
  }
  Browser s(gw);
  ASSERT_EQ(s.sign_in("pat.jones@brookfield.example", "pat-security-password")->status, 303);
  const auto list = s.get("/security");
  ASSERT_TRUE(list);
  // Names as the roster writes them (">Jay<"), so a random token in the page cannot match.
  EXPECT_NE(list->body.find(">Alex<"), std::string::npos);
  EXPECT_EQ(list->body.find(">Jay<"), std::string::npos);
  EXPECT_EQ(list->body.find(">1003<"), std::string::npos) << "a look at another establishment's child";
  EXPECT_EQ(s.get("/security/children/1001")->status, 200);
  const auto other = s.get("/security/children/1003"), unknown = s.get("/security/children/9999");
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(other->status, unknown->status);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'scope.refused' AND detail LIKE '%1003%'"), 1);
  EXPECT_EQ(gw.count("SELECT count(*) FROM audit WHERE action = 'messages.review' AND detail LIKE '%1003%'"), 0);
}
