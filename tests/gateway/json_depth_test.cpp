// Issue 13: JSON nested 32,000 deep (which overflows the stack of nlohmann's recursive parser in a sanitizer
// build) is a plain refusal everywhere JSON comes from outside: a device's or worker's request to the real
// gateway over HTTPS, a record body inside an upload, and a hostile gateway's answers to the kiosk.
#include <gtest/gtest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "core/base/json_limits.h"
#include "core/sync/gateway_probe.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

std::string deep_array(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST(JsonDepth, TheGatewayRefusesADeepRequestAndKeepsAnswering) {
  TestGateway gw(demo_gateway_copy("deep"));
  HttpClient http(*parse_gateway_url(gw.url()), gw.pin());
  for (const std::string& body : {deep_array(32'000), "{\"code\":" + deep_array(32'000) + "}",
                                  "{\"a\":" + std::string(100'000, '{')}) {
    const HttpResult r = http.post("/v1/enrol", body, {});
    EXPECT_EQ(r.status, 400) << r.error;
    EXPECT_NE(r.body.find("nested too deeply"), std::string::npos) << r.body;
  }
  // A record whose body (a JSON text inside the request) is deep is refused on its own, as a bad body.
  TestDevice dev("deep-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  const json rec{{"id", "0123456789abcdef0123456789abcdef"}, {"seq", 1}, {"kind", "message"}, {"child", "1001"},
                 {"created_at", wall_ms() / 1000}, {"body", deep_array(32'000)}};
  const HttpResult up = signed_post(*dev.db, gw.url(), gw.pin(), "/v1/up", json{{"records", json::array({rec})}});
  ASSERT_EQ(up.status, 200) << up.body;
  const json receipts = json::parse(up.body).at("receipts");
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].value("status", ""), "refused") << receipts.dump();
  EXPECT_EQ(receipts[0].value("reason", ""), "bad_body") << receipts.dump();
  // and the gateway is still there
  EXPECT_TRUE(dev.sync().ok);
}

// A hostile (or broken) gateway answering the kiosk with deep JSON: each step fails with plain words.
TEST(JsonDepth, TheKioskRefusesADeepAnswerFromAGateway) {
  const std::string dir = temp_dir("hostile-gw");
  gateway::make_self_signed(dir + "/key.pem", dir + "/cert.pem", "hostile", {});
  httplib::SSLServer srv((dir + "/cert.pem").c_str(), (dir + "/key.pem").c_str());
  const std::string deep = deep_array(32'000);
  std::atomic<bool> enrolled_answer{false};
  srv.Post("/v1/enrol", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(enrolled_answer ? R"({"device_id":"0123456789abcdef0123456789abcdef","wing":"Oak","epoch":"e1"})"
                                    : "{\"device_id\":" + deep + "}",
                    "application/json");
  });
  for (const char* path : {"/v1/up", "/v1/down", "/v1/hello"})
    srv.Post(path, [&](const httplib::Request&, httplib::Response& res) { res.set_content(deep, "application/json"); });
  const int port = srv.bind_to_any_port("127.0.0.1");
  std::thread t([&] { srv.listen_after_bind(); });
  while (!srv.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const std::string url = "https://127.0.0.1:" + std::to_string(port);
  const std::string pin = gateway::cert_pin(dir + "/cert.pem");

  TestDevice dev("hostile-dev");
  EnrolResult e = enrol_device(*dev.db, url, pin, "ABCD-EFGH", "t", dev.clock);
  EXPECT_FALSE(e.ok);
  EXPECT_FALSE(e.error.empty());
  enrolled_answer = true;
  e = enrol_device(*dev.db, url, pin, "ABCD-EFGH", "t", dev.clock);
  ASSERT_TRUE(e.ok) << e.error;
  const SyncReport r = dev.sync();
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("not JSON"), std::string::npos) << r.error;
  const GatewayProbe p = probe_gateway(*dev.db);
  EXPECT_NE(p.link, GatewayLink::Ok);
  EXPECT_FALSE(p.error.empty());
  srv.stop();
  t.join();
}
