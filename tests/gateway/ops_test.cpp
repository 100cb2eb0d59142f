// /healthz and /metrics (issue 14): over real HTTPS on loopback, what a load balancer and a monitoring system
// see, who may ask, and that no child's data is in either answer.
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>
#include <thread>

#include "core/messaging/outbox.h"
#include "gateway/net/ops_routes.h"
#include "gateway/ops/metrics.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;
using gateway::AddressRange;

namespace {

std::unique_ptr<httplib::SSLClient> client(const TestGateway& gw) {
  auto cli = std::make_unique<httplib::SSLClient>("127.0.0.1", gw.port);
  cli->set_ca_cert_path(gateway::cert_path(gw.dir).c_str());
  cli->enable_server_certificate_verification(true);
  return cli;
}

// The value of one sample line ("name{labels} value") in a Prometheus text answer; -1 when absent.
double sample(const std::string& text, const std::string& series) {
  const auto at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

}  // namespace

TEST(OpsAddresses, NetworksAndAddressesParseAndMatch) {
  EXPECT_TRUE(AddressRange::parse("10.0.0.0/8").contains("10.200.3.4"));
  EXPECT_FALSE(AddressRange::parse("10.0.0.0/8").contains("11.0.0.1"));
  EXPECT_TRUE(AddressRange::parse("192.168.1.0/25").contains("192.168.1.127"));
  EXPECT_FALSE(AddressRange::parse("192.168.1.0/25").contains("192.168.1.128"));
  EXPECT_TRUE(AddressRange::parse("10.1.2.3").contains("10.1.2.3"));
  EXPECT_FALSE(AddressRange::parse("10.1.2.3").contains("10.1.2.4"));
  EXPECT_TRUE(AddressRange::parse("10.0.0.0/8").contains("::ffff:10.9.9.9"));  // a v4 client on a v6 socket
  EXPECT_TRUE(AddressRange::parse("2001:db8::/32").contains("2001:db8:1::5"));
  EXPECT_FALSE(AddressRange::parse("2001:db8::/32").contains("2001:db9::5"));
  EXPECT_FALSE(AddressRange::parse("::1").contains("127.0.0.1"));
  EXPECT_TRUE(AddressRange::parse("0.0.0.0/0").contains("203.0.113.9"));
  EXPECT_FALSE(AddressRange::parse("0.0.0.0/0").contains("not an address"));
  for (const char* bad : {"", "10.0.0.0/33", "10.0.0/8", "::1/129", "10.0.0.0/", "10.0.0.0/-1", "host.example", "10.0.0.0/8x"})
    EXPECT_THROW(AddressRange::parse(bad), std::invalid_argument) << bad;
}

TEST(OpsRoutes, EveryRouteHasAFixedNameAndNoPathBecomesALabel) {
  EXPECT_EQ(gateway::route_name("/v1/up"), "up");
  EXPECT_EQ(gateway::route_name("/v1/down"), "down");
  EXPECT_EQ(gateway::route_name("/v1/packs/" + std::string(64, 'a')), "pack");
  EXPECT_EQ(gateway::route_name("/v1/anything-else"), "other");
  EXPECT_EQ(gateway::route_name("/children/1001/messages"), "web");
  EXPECT_EQ(gateway::route_name("/healthz"), "healthz");
  for (std::string_view name : {"up", "down", "pack", "web", "other", "healthz", "metrics", "stylesheet"})
    EXPECT_NE(std::find(gateway::NodeMetrics::kRoutes.begin(), gateway::NodeMetrics::kRoutes.end(), name),
              gateway::NodeMetrics::kRoutes.end()) << name;
}

TEST(OpsHttps, HealthzAnswersOkAndMetricsCountSyncWithoutAnyChildData) {
  TestGateway gw(demo_gateway_copy("ops"));
  auto cli_ptr = client(gw);
  httplib::SSLClient& cli = *cli_ptr;
  auto h = cli.Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(h->body, "ok\n");
  EXPECT_EQ(h->get_header_value("Cache-Control"), "no-store");  // the same headers as every answer

  auto before = cli.Get("/metrics");
  ASSERT_TRUE(before && before->status == 200);
  const double rounds0 = std::max(0.0, sample(before->body, "waymark_sync_rounds_total"));
  const double msgs0 = std::max(0.0, sample(before->body, "waymark_records_accepted_total{kind=\"message\"}"));

  TestDevice dev("ops-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  {
    Txn t(*dev.db);
    outbox_add(*dev.db, "message", "1001", json{{"to", 1}, {"text", "Alex wrote this"}}.dump(), wall_ms() / 1000);
    t.commit();
  }
  ASSERT_TRUE(dev.sync().ok);
  ASSERT_TRUE(cli.Post("/v1/hello", "{}", "application/json"));  // refused: no device headers

  auto after = cli.Get("/metrics");
  ASSERT_TRUE(after && after->status == 200);
  const std::string& m = after->body;
  EXPECT_EQ(after->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_GE(sample(m, "waymark_sync_rounds_total"), rounds0 + 1);
  EXPECT_EQ(sample(m, "waymark_records_accepted_total{kind=\"message\"}"), msgs0 + 1);
  EXPECT_GE(sample(m, "waymark_refusals_total{reason=\"unknown_device\"}"), 1);
  EXPECT_GE(sample(m, "waymark_http_request_duration_seconds_count{route=\"up\"}"), 1);
  EXPECT_GE(sample(m, "waymark_http_requests_total{route=\"healthz\",code=\"2xx\"}"), 1);
  EXPECT_EQ(sample(m, "waymark_database_up"), 1);
  EXPECT_EQ(sample(m, "waymark_devices"), 1);
  EXPECT_EQ(sample(m, "waymark_records_unread"), 1);
  EXPECT_GT(sample(m, "waymark_feed_head_seq"), 0);
  // Every line is a comment or a well-formed sample, and nothing names a child, a worker or a device.
  const std::regex line(R"(^(# (HELP|TYPE) .*|waymark_[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? [0-9.e+-]+)$)");
  std::istringstream in(m);
  for (std::string l; std::getline(in, l);) EXPECT_TRUE(std::regex_match(l, line)) << l;
  // Values are numbers (checked above), and a latency like 0.01001 may hold "1001": look at names, labels and
  // comments only.
  std::string words;
  std::istringstream again(m);
  for (std::string l; std::getline(again, l);) words += (l[0] == '#' ? l : l.substr(0, l.rfind(' '))) + "\n";
  for (const std::string& secret : std::vector<std::string>{"1001", "1002", "Alex", "Cerys", "Sam", "wrote", meta_get(*dev.db, "device_id")})
    EXPECT_EQ(words.find(secret), std::string::npos) << secret;
}

TEST(OpsHttps, OnlyTheNetworksItAllowsMayAsk) {
  const std::string dir = demo_gateway_copy("ops-allow");
  gateway::ServerOptions o;
  o.data_dir = dir;
  o.ops_allow = {"10.0.0.0/8"};  // the monitoring network; this test asks from 127.0.0.1
  gateway::GatewayServer srv(o);
  srv.start();
  httplib::SSLClient cli("127.0.0.1", srv.port());
  cli.enable_server_certificate_verification(false);
  for (const char* path : {"/healthz", "/metrics"}) {
    auto r = cli.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;  // the same answer as a path that does not exist
    EXPECT_EQ(r->body.find("waymark_"), std::string::npos);
  }
  o.ops_allow = {"not-a-network"};
  EXPECT_THROW(gateway::GatewayServer(o).start(), std::invalid_argument);
}

TEST(OpsHttp, HealthzSays503WhenTheDatabaseDoesNotAnswer) {
  // The routes alone on a plain loopback server, with a database that fails as an unreachable one would.
  httplib::Server srv;
  bool database_down = false;
  gateway::OpsOptions opt{gateway::loopback_ranges(), [] { return int64_t{0}; },
                          [&database_down](const std::function<void(Db&)>& fn) {
                            if (database_down) throw DbError(10, "disk I/O error");
                            const std::string dir = temp_dir("ops-db");
                            use_test_database(dir);
                            auto db = gateway::open_gateway(dir, true);
                            fn(*db);
                          }};
  gateway::register_ops_routes(srv, opt);
  const int port = srv.bind_to_any_port("127.0.0.1");
  std::thread t([&] { srv.listen_after_bind(); });
  httplib::Client cli("127.0.0.1", port);
  EXPECT_EQ(cli.Get("/healthz")->status, 200);
  database_down = true;
  EXPECT_EQ(cli.Get("/healthz")->status, 503);
  auto m = cli.Get("/metrics");
  EXPECT_EQ(m->status, 200);
  EXPECT_EQ(sample(m->body, "waymark_database_up"), 0);
  database_down = false;
  EXPECT_EQ(cli.Get("/healthz")->status, 200);  // back when the database is
  srv.stop();
  t.join();
}
