// The gateway when its PostgreSQL is not there (issue 14, "Bad input and faults"): at start the command says
// so and exits non-zero; while serving, requests get 503, nothing is half-written, and the node answers again
// once the database is back, without a restart.
#include <gtest/gtest.h>
#include <httplib.h>

#include "core/messaging/messaging.h"
#include "core/messaging/outbox.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

const std::string kGw = WAYMARK_GATEWAY_BIN;

int healthz(const TestGateway& gw) {
  httplib::SSLClient cli("127.0.0.1", gw.port);
  cli.set_ca_cert_path(gateway::cert_path(gw.dir).c_str());
  cli.enable_server_certificate_verification(true);
  auto r = cli.Get("/healthz");
  return r ? r->status : -1;
}

// Cuts the gateway's database off: no new connections, and every open one ended (what a server restart or a
// failover does to a node).
void set_database_reachable(const std::string& dir, bool reachable) {
  const std::string name = detail::pg_database_of(dir);
  auto admin = gateway::open_postgres(test_pg_server());
  admin->exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + (reachable ? "true" : "false"));
  if (!reachable) admin->exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
}

}  // namespace

TEST(PgOutage, AnUnreachableDatabaseAtStartIsNamedAndTheCommandFails) {
  const std::string dir = temp_dir("pg-none");
  for (const char* cmd : {" workers list", " serve --listen 127.0.0.1:0"}) {
    const Ran r = run(kGw + cmd + " --data " + dir + " --db postgresql://127.0.0.1:1/waymark");
    EXPECT_EQ(r.code, 1) << cmd << ": " << r.out;
    EXPECT_NE(r.out.find("cannot reach the PostgreSQL database postgresql://"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(":1/waymark"), std::string::npos) << r.out;
  }
  const Ran bad = run(kGw + " workers list --data " + dir + " --db /tmp/x.db");
  EXPECT_EQ(bad.code, 2) << bad.out;
}

TEST(PgOutage, WhileServingRequestsGet503NothingHalfWrittenAndTheNodeRecovers) {
  if (!testing_on_postgres()) GTEST_SKIP() << "PostgreSQL only (the _pg ctest entries)";
  TestGateway gw(demo_gateway_copy("pg-outage"));
  TestDevice dev("pg-outage-dev");
  ASSERT_TRUE(dev.enrol(gw).ok);
  ASSERT_TRUE(dev.sync().ok);
  EXPECT_EQ(healthz(gw), 200);

  set_database_reachable(gw.dir, false);
  const std::string id = send_message(*dev.db, "1001", 1, "sent while the database was down", wall_ms() / 1000).id;
  EXPECT_FALSE(dev.sync().ok);
  EXPECT_EQ(healthz(gw), 503);
  EXPECT_EQ(healthz(gw), 503) << "still down: no connection can be made";
  EXPECT_EQ(outbox_get(*dev.db, id)->state, "waiting") << "the kiosk keeps what the gateway could not take";

  set_database_reachable(gw.dir, true);
  EXPECT_EQ(healthz(gw), 200) << "the node reconnects by itself";
  const SyncReport r = dev.sync();
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(outbox_get(*dev.db, id)->state, "sent");
  auto db = gw.db();
  Stmt s(*db, "SELECT count(*) FROM records WHERE id = :id");
  s.bind(":id", id);
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.i64(0), 1) << "stored once";
}
