// Done-when, end to end: demo child 1001 sends a message from the real kiosk (headless, scripted taps on the
// on-screen keyboard); it reaches the gateway exactly once; Sam Taylor reads it and replies; the kiosk shows
// the message as read and the reply in the conversation.
#include <gtest/gtest.h>
#include <httplib.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {
// The shared runner (tests/gateway/fixture.h), answering with the exit code and handing back the output.
int run_out(const std::string& cmd, std::string* out = nullptr) {
  const Ran r = run(cmd);
  if (out) *out = r.out;
  return r.code;
}
int kiosk_script(const std::string& dir, const std::string& script, std::string* out) {
  const std::string path = dir + "/test.wms";
  std::ofstream(path) << script;
  return run_out("SDL_AUDIODRIVER=dummy " + std::string(WAYMARK_KIOSK_BIN) + " --data " + dir + " --headless --script " + path +
                 " --shots " + dir + "/shots --size 1280x800",
             out);
}
const char* kSignIn = "type 1001\ntap #signin.next\ntype 1357\ntap #signin.submit\ntap #home.messages\n";
}  // namespace

TEST(KioskEndToEnd, ChildSendsWorkerRepliesKioskShowsRead) {
  TestGateway gw(demo_gateway_copy("e2e"));
  const std::string dev = temp_dir("e2e-dev");
  ASSERT_EQ(run_out(std::string(WAYMARK_CTL_BIN) + " demo-seed --data " + dev), 0);
  ASSERT_EQ(run_out(std::string(WAYMARK_CTL_BIN) + " enrol --data " + dev + " --gateway " + gw.url() + " --pin " + gw.pin() +
                " --code " + gw.code()),
            0);
  std::string out;
  ASSERT_EQ(kiosk_script(dev, std::string(kSignIn) +
                                  "tap #messages.contact\ntap #messages.compose\ntype Hi Sam\n"
                                  "tap #messages.send\nexpect Hi Sam\n",
                         &out),
            0)
      << out;
  // Whether the kiosk's own thread sent it already or this round does, it arrives once.
  ASSERT_EQ(run_out(std::string(WAYMARK_CTL_BIN) + " sync --data " + dev, &out), 0) << out;
  ASSERT_EQ(run_out(std::string(WAYMARK_CTL_BIN) + " sync --data " + dev, &out), 0) << out;
  {
    auto db = gw.db();
    Stmt s(*db, "SELECT count(*), max(id) FROM records WHERE kind = 'message' AND child = '1001'");
    ASSERT_TRUE(s.step());
    ASSERT_EQ(s.i64(0), 1);
    const std::string id = s.text(1);
    httplib::SSLClient cli("127.0.0.1", gw.port);
    cli.enable_server_certificate_verification(false);
    auto login = cli.Post("/v1/worker/session", json{{"email", "sam.taylor@leeds-yot.example"}, {"password", "demo-sam-2468"}}.dump(),
                          "application/json");
    ASSERT_TRUE(login && login->status == 200);
    const httplib::Headers auth{{"Authorization", "Bearer " + json::parse(login->body)["token"].get<std::string>()}};
    auto inbox = cli.Get("/v1/worker/inbox", auth);
    ASSERT_TRUE(inbox && inbox->status == 200);
    EXPECT_EQ(json::parse(inbox->body)["messages"][0]["text"], "Hi Sam");
    ASSERT_EQ(cli.Post("/v1/worker/read", auth, json{{"ids", {id}}}.dump(), "application/json")->status, 200);
    ASSERT_EQ(cli.Post("/v1/worker/send", auth, json{{"child", "1001"}, {"text", "Yes. See you on Tuesday."}}.dump(), "application/json")->status, 200);
  }
  ASSERT_EQ(run_out(std::string(WAYMARK_CTL_BIN) + " sync --data " + dev, &out), 0) << out;
  EXPECT_NE(out.find("1 messages"), std::string::npos) << out;
  ASSERT_EQ(kiosk_script(dev, std::string(kSignIn) +
                                  "expect 1 new\ntap #messages.contact\nexpect Yes. See you on Tuesday.\n"
                                  "expect Read\nexpect Last checked for new messages\nshot e2e-conversation\n",
                         &out),
            0)
      << out;
}
