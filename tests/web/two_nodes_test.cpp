// Two gateway nodes on one database (issue 14: stateless nodes): a session made through one node is good on
// the other, signing out on one ends it on both, and failed sign-ins are counted in one place whichever node
// they reach. On SQLite the nodes share the file, in the _pg entries one PostgreSQL database.
#include <gtest/gtest.h>

#include "tests/web/web_client.h"

using namespace waymark;
using namespace waymark::webtest;

namespace {

// A second node: another server process's worth of connections on the same database and folder.
std::unique_ptr<gateway::GatewayServer> second_node(Gw& gw) {
  gateway::ServerOptions o;
  o.data_dir = gw.dir;
  o.threads = 2;
  o.now_ms = [&gw] { return gw.now(); };
  auto node = std::make_unique<gateway::GatewayServer>(o);
  node->start();
  return node;
}

}  // namespace

TEST(TwoNodes, SessionsAndSignInFailuresAreTheSameOnEveryNode) {
  Gw gw;
  auto node2 = second_node(gw);
  Browser one(gw);
  std::swap(gw.srv, node2);  // a browser whose requests reach the second node
  Browser two(gw);
  std::swap(gw.srv, node2);
  ASSERT_NE(gw.srv->port(), node2->port());

  ASSERT_EQ(one.sign_in("sam.taylor@leeds-yot.example", kSamPassword)->status, 303);
  two.jar = one.jar;  // the load balancer sends the same browser to the other node
  auto page = two.get("/children");
  ASSERT_EQ(page->status, 200) << "a session made on node one is good on node two";
  EXPECT_NE(page->body.find("Alex"), std::string::npos);
  ASSERT_EQ(two.post("/sign-out", {{"csrf", two.csrf()}})->status, 303);
  EXPECT_EQ(one.get("/children")->status, 303) << "signed out on node two is signed out on node one";

  Browser stranger_one(gw);
  std::swap(gw.srv, node2);
  Browser stranger_two(gw);
  std::swap(gw.srv, node2);
  EXPECT_NE(stranger_one.sign_in("rhian.evans@cardiff-yos.example", "wrong password 1")->status, 303);
  EXPECT_NE(stranger_two.sign_in("rhian.evans@cardiff-yos.example", "wrong password 2")->status, 303);
  EXPECT_EQ(gw.count("SELECT coalesce(sum(failures), 0) FROM sign_in_failures WHERE email = 'rhian.evans@cardiff-yos.example'"), 2)
      << "both nodes count into one row";
}
