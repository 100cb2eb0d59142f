// The device's standing with its gateway, as IT sees it: `waymarkctl doctor` (POST /v1/hello) and
// `waymarkctl decommission` (POST /v1/leave), the real binary against a real gateway over HTTPS on loopback.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>

#include "core/sync/gateway_probe.h"
#include "core/messaging/outbox.h"
#include "core/base/secrets.h"
#include "core/ops/provisioning.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

const std::string kCtl = WAYMARK_CTL_BIN;

struct Doctor {
  int code = -1;
  std::string text;
  json lines;
  json line(const std::string& check) const {
    for (const json& l : lines)
      if (l["check"] == check) return l;
    return json();
  }
};
Doctor doctor(const std::string& dir) {
  Doctor d;
  Ran r = run(kCtl + " doctor --json --data " + dir);
  d.code = r.code;
  d.text = r.out;
  json j = json::parse(r.out, nullptr, false);
  if (j.is_object() && j.contains("checks")) d.lines = j["checks"];
  return d;
}

// An enrolled, synced device folder, closed so waymarkctl can use it.
std::string enrolled_device(TestGateway& gw, const std::string& tag, std::string* device_id = nullptr) {
  TestDevice dev(tag);
  EXPECT_TRUE(dev.enrol(gw).ok);
  EXPECT_TRUE(dev.sync().ok);
  if (device_id) *device_id = meta_get(*dev.db, kMetaDeviceId);
  return dev.dir;
}

int count_audit(TestGateway& gw, const std::string& action) {
  auto db = gw.db();
  Stmt s(*db, "SELECT count(*) FROM audit WHERE action = :a");
  s.bind(":a", action);
  s.step();
  return s.i32(0);
}

bool gateway_revoked(TestGateway& gw, const std::string& id) {
  auto db = gw.db();
  for (const auto& d : gateway::list_devices(*db))
    if (d.id == id) return d.revoked;
  return false;
}

}  // namespace

TEST(DoctorGateway, ReachableWithThePinnedKeyAndTheProbeChangesNothing) {
  TestGateway gw(demo_gateway_copy("std-ok"));
  std::string id;
  const std::string dir = enrolled_device(gw, "std-ok-dev", &id);
  const int audit_before = [&] {
    auto db = gw.db();
    Stmt s(*db, "SELECT count(*) FROM audit");
    s.step();
    return s.i32(0);
  }();
  gw.offset_ms = 70'000;  // past the once-a-minute last_seen write /v1/down would make
  const Doctor d = doctor(dir);
  ASSERT_FALSE(d.lines.empty()) << d.text;
  EXPECT_EQ(d.line("gateway")["level"], "ok") << d.text;
  EXPECT_NE(d.line("gateway")["what"].get<std::string>().find("reachable at " + gw.url() + " with the pinned key"), std::string::npos)
      << d.text;
  EXPECT_NE(d.line("gateway")["what"].get<std::string>().find("active on wing Oak"), std::string::npos) << d.text;
  EXPECT_EQ(d.line("gateway clock")["level"], "ok") << d.text;
  // side-effect free: no audit line, no last_seen write
  auto db = gw.db();
  Stmt s(*db, "SELECT count(*) FROM audit");
  s.step();
  EXPECT_EQ(s.i32(0), audit_before);
  for (const auto& dv : gateway::list_devices(*db))
    if (dv.id == id) EXPECT_LT(dv.last_seen, gw.now() - 60'000);
}

TEST(DoctorGateway, AnotherServerWithAnotherKeyIsAPinMismatch) {
  TestGateway gw(demo_gateway_copy("std-pin"));
  const std::string dir = enrolled_device(gw, "std-pin-dev");
  // A second, valid gateway with its own key: what a machine in the middle would present.
  const std::string other_dir = temp_dir("std-pin-other");
  use_test_database(other_dir);
  {
    auto db = gateway::open_gateway(other_dir, true);
    gateway::gateway_init(*db, "Elsewhere", wall_ms());
    gateway::make_self_signed(gateway::key_path(other_dir), gateway::cert_path(other_dir), "not the gateway", {});
  }
  TestGateway other(other_dir);
  ASSERT_NE(other.pin(), gw.pin());
  {
    Db db(device_db_path(dir));
    Txn t(db);
    meta_set(db, kMetaGatewayUrl, other.url());
    t.commit();
  }
  const Doctor d = doctor(dir);
  EXPECT_EQ(d.code, 1) << d.text;
  EXPECT_EQ(d.line("gateway")["level"], "failed") << d.text;
  EXPECT_NE(d.line("gateway")["what"].get<std::string>().find("pin mismatch"), std::string::npos) << d.text;
  EXPECT_NE(d.line("gateway")["what"].get<std::string>().find("someone is in the middle"), std::string::npos) << d.text;
  EXPECT_TRUE(d.line("gateway clock").is_null()) << "a server without the pinned key gives no time to trust";
}

TEST(DoctorGateway, GatewayStoppedIsUnreachableAndDoctorDoesNotHang) {
  TestGateway gw(demo_gateway_copy("std-down"));
  const std::string dir = enrolled_device(gw, "std-down-dev");
  gw.stop();
  const auto t0 = std::chrono::steady_clock::now();
  const Doctor d = doctor(dir);
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(took, std::chrono::seconds(8));
  EXPECT_EQ(d.code, 1) << d.text;
  EXPECT_EQ(d.line("gateway")["level"], "failed") << d.text;
  EXPECT_NE(d.line("gateway")["what"].get<std::string>().find("unreachable"), std::string::npos) << d.text;
  EXPECT_NE(d.line("gateway")["todo"].get<std::string>().find("systemctl status waymark-gateway"), std::string::npos) << d.text;
}

TEST(DoctorGateway, RevokedAndUnknownDevicesFail) {
  TestGateway gw(demo_gateway_copy("std-rev"));
  std::string id;
  const std::string dir = enrolled_device(gw, "std-rev-dev", &id);
  {
    auto db = gw.db();
    gateway::revoke_device(*db, id, "test", gw.now());
  }
  Doctor d = doctor(dir);
  EXPECT_EQ(d.code, 1) << d.text;
  EXPECT_EQ(d.line("gateway")["level"], "failed") << d.text;
  EXPECT_NE(d.line("gateway")["what"].get<std::string>().find("has revoked device " + id), std::string::npos) << d.text;
  EXPECT_EQ(d.line("gateway clock")["level"], "ok") << "a refusal over the pinned connection still carries the time";
  {
    Db db(device_db_path(dir));
    Txn t(db);
    meta_set(db, kMetaDeviceId, random_id());
    t.commit();
  }
  d = doctor(dir);
  EXPECT_EQ(d.line("gateway")["level"], "failed") << d.text;
  EXPECT_NE(d.line("gateway")["what"].get<std::string>().find("does not know device"), std::string::npos) << d.text;
}

TEST(DoctorGateway, ClockAgainstTheGatewaysTime) {
  TestGateway gw(demo_gateway_copy("std-clock"));
  const std::string dir = enrolled_device(gw, "std-clock-dev");
  gw.offset_ms = 3 * 60'000;  // the gateway is 3 minutes ahead: this device is behind
  Doctor d = doctor(dir);
  EXPECT_EQ(d.line("gateway")["level"], "ok") << d.text;
  EXPECT_EQ(d.line("gateway clock")["level"], "warning") << d.text;
  EXPECT_NE(d.line("gateway clock")["what"].get<std::string>().find("behind the gateway's"), std::string::npos) << d.text;
  gw.offset_ms = -20 * 60'000;  // far out, and outside the signature window: the probe retries on the gateway's time
  d = doctor(dir);
  EXPECT_EQ(d.code, 1) << d.text;
  EXPECT_EQ(d.line("gateway")["level"], "ok") << d.text;
  EXPECT_EQ(d.line("gateway clock")["level"], "failed") << d.text;
  EXPECT_NE(d.line("gateway clock")["what"].get<std::string>().find("minutes ahead of the gateway's"), std::string::npos) << d.text;
  EXPECT_FALSE(d.line("gateway clock")["todo"].get<std::string>().empty());
}

TEST(DecommissionGateway, TheGatewayRevokesTheDeviceAndACopyCannotSync) {
  TestGateway gw(demo_gateway_copy("std-dec"));
  std::string id;
  const std::string dir = enrolled_device(gw, "std-dec-dev", &id);
  const std::string copy = temp_dir("std-dec-copy");
  fs::copy(dir, copy, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  Ran r = run(kCtl + " decommission --yes --data " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("has revoked device " + id), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(gateway_revoked(gw, id));
  EXPECT_EQ(count_audit(gw, "device.decommission"), 1);
  // A copy of the device taken before (its key included) is refused from now on.
  DeviceOpenResult o = open_device(copy);
  ASSERT_TRUE(o.db);
  SystemClock clock;
  SyncReport s = sync_once(*o.db, clock);
  EXPECT_FALSE(s.ok);
  EXPECT_EQ(s.refusal, "revoked_device") << s.summary();
  // Asking again is answered the same way and audited once.
  LeaveResult again = leave_gateway(*o.db, "second time");
  EXPECT_TRUE(again.ok) << again.error;
  EXPECT_TRUE(again.already);
  EXPECT_EQ(count_audit(gw, "device.decommission"), 1);
  GatewayProbe p = probe_gateway(*o.db);
  EXPECT_EQ(p.link, GatewayLink::Revoked) << p.error;
}

TEST(DecommissionGateway, UnreachableGatewayRefusesAndRemovesNothing) {
  TestGateway gw(demo_gateway_copy("std-dec-down"));
  std::string id;
  const std::string dir = enrolled_device(gw, "std-dec-down-dev", &id);
  gw.stop();
  Ran r = run(kCtl + " decommission --yes --data " + dir);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("could not tell the gateway"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cannot be reached"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--offline"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("waymark-gateway devices revoke --data DIR --device " + id), std::string::npos) << r.out;
  ASSERT_TRUE(fs::exists(device_db_path(dir)));
  {
    Db db(device_db_path(dir));
    Stmt s(db, "SELECT count(*) FROM children");
    s.step();
    EXPECT_EQ(s.i32(0), 2) << "nothing removed";
    EXPECT_EQ(meta_get(db, kMetaDeviceId), id);
  }
  gw.start();
  EXPECT_FALSE(gateway_revoked(gw, id));
}

TEST(DecommissionGateway, RecordsWaitingAreRefusedBeforeTheGatewayIsAsked) {
  TestGateway gw(demo_gateway_copy("std-dec-wait"));
  std::string id;
  const std::string dir = enrolled_device(gw, "std-dec-wait-dev", &id);
  {
    Db db(device_db_path(dir));
    Txn t(db);
    outbox_add(db, "myviews", "1001", "{\"text\":\"my words\"}", wall_ms() / 1000);
    t.commit();
  }
  Ran r = run(kCtl + " decommission --yes --data " + dir);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("have not reached the gateway"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(device_db_path(dir)));
  EXPECT_FALSE(gateway_revoked(gw, id)) << "the device stays usable so the records can still leave";
}
