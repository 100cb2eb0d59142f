// A kiosk's connection kept from round to round (core/sync/round.h, SyncLink): rounds on one link keep
// working when the gateway has closed the kept connection as idle, and when the gateway restarted between them.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

TEST(SyncLink, RoundsOnOneLinkSurviveTheGatewayClosingTheConnectionAndRestarting) {
  TestGateway gw(demo_gateway_copy("link"));
  TestDevice dev("link-k");
  ASSERT_TRUE(dev.enrol(gw).ok);
  SyncLink link;
  SyncOptions so;
  so.link = &link;
  so.http.reuse_idle_s = 60;  // past the gateway's 5 s idle timeout: the kiosk must find the connection closed
  ASSERT_TRUE(sync_once(*dev.db, dev.clock, so).ok);
  const SyncReport again = sync_once(*dev.db, dev.clock, so);  // at once: on the kept connection
  EXPECT_TRUE(again.ok) << again.error;
  std::this_thread::sleep_for(std::chrono::milliseconds(5600));
  const SyncReport after_idle = sync_once(*dev.db, dev.clock, so);
  EXPECT_TRUE(after_idle.ok) << after_idle.error;
  const int port = gw.port;
  gw.stop();
  gw.start(port);
  const SyncReport after_restart = sync_once(*dev.db, dev.clock, so);
  EXPECT_TRUE(after_restart.ok) << after_restart.error;
}
