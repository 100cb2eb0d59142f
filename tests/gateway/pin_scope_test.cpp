// Children's PIN hashes reach only the devices where the child can sign in, and are sealed there with the
// device's pepper (docs/operating.md, "Children's PINs on a device"); over real HTTPS with a demo gateway.
#include <gtest/gtest.h>

#include "core/accounts/accounts.h"
#include "core/accounts/pin_seal.h"
#include "core/sync/wire.h"
#include "gateway/store/admin.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;

namespace {

// A device on `wing` whose pepper lives outside its data folder (a TPM credential on a real device).
struct SealedDevice : TestDevice {
  std::unique_ptr<PinSeal> seal = PinSeal::random();
  explicit SealedDevice(const std::string& tag, const std::string& wing = "Oak") : TestDevice(tag) {
    Txn t(*db);
    meta_set(*db, "wing", wing);
    t.commit();
  }
  EnrolResult enrol_on(TestGateway& g, const std::string& wing) {
    return enrol_device(*db, g.url(), g.pin(), g.code(wing), "test", clock);
  }
  SyncReport sync_sealed() {
    SyncOptions o;
    o.pin_seal = seal.get();
    return sync_once(*db, clock, o);
  }
  std::string hash_of(const std::string& number) {
    Stmt s(*db, "SELECT pin_hash FROM children WHERE number = :n");
    s.bind(":n", number);
    return s.step() ? s.text(0) : "(absent)";
  }
  SignInStatus sign_in(const std::string& number, const std::string& pin) {
    ManualClock mc(wall_ms());
    return Accounts(*db, mc, seal.get()).sign_in_child(number, pin).result.status;
  }
};

// Every roster change the gateway's feed holds for `wing`, newest last.
std::vector<json> roster_changes_for(TestGateway& g, const std::string& wing) {
  auto db = g.db();
  std::vector<json> out;
  Stmt s(*db, "SELECT payload FROM changes WHERE kind = 'child' AND wing = :w ORDER BY server_seq");
  s.bind(":w", wing);
  while (s.step()) out.push_back(json::parse(s.text(0)));
  return out;
}

}  // namespace

TEST(PinScope, HashesAreSealedOnTheDeviceAndFollowTheChildToTheirNewWing) {
  TestGateway gw(demo_gateway_copy("gw-pins"));
  SealedDevice oak("oak");
  ASSERT_TRUE(oak.enrol_on(gw, "Oak").ok);
  ASSERT_TRUE(oak.sync_sealed().ok);
  EXPECT_TRUE(PinSeal::is_sealed(oak.hash_of("1001"))) << oak.hash_of("1001");
  EXPECT_EQ(oak.sign_in("1001", "1357"), SignInStatus::Ok);
  {
    ManualClock mc(wall_ms());
    EXPECT_EQ(Accounts(*oak.db, mc).sign_in_child("1002", "2468").result.status, SignInStatus::WrongPin)
        << "the database without the pepper verifies nothing";
  }

  // Alex moves to Elm (same PIN); Cerys is released.
  {
    auto db = gw.db();
    gateway::ChildRow alex = *gateway::get_child(*db, "1001");
    alex.wing = "Elm";
    gateway::put_child(*db, alex, std::nullopt, "test", gw.now());
    gateway::ChildRow cerys = *gateway::get_child(*db, "1002");
    cerys.active = false;
    gateway::put_child(*db, cerys, std::nullopt, "test", gw.now());
  }
  // What the gateway wrote for Oak after the move carries no hash of either child.
  const std::vector<json> oak_feed = roster_changes_for(gw, "Oak");
  ASSERT_GE(oak_feed.size(), 2u);
  for (size_t i = oak_feed.size() - 2; i < oak_feed.size(); i++)
    EXPECT_EQ(oak_feed[i]["pin_hash"], wire::kNoPinHash) << oak_feed[i].dump();

  ASSERT_TRUE(oak.sync_sealed().ok);
  EXPECT_EQ(oak.hash_of("1001"), "") << "a child who left the wing leaves no hash behind";
  EXPECT_EQ(oak.hash_of("1002"), "") << "nor does a released child";
  EXPECT_EQ(oak.sign_in("1001", "1357"), SignInStatus::WrongPin);

  // On Elm, Alex signs in with the same PIN.
  SealedDevice elm("elm", "Elm");
  ASSERT_TRUE(elm.enrol_on(gw, "Elm").ok);
  ASSERT_TRUE(elm.sync_sealed().ok);
  EXPECT_EQ(elm.sign_in("1001", "1357"), SignInStatus::Ok);
  EXPECT_TRUE(PinSeal::is_sealed(elm.hash_of("1001")));
  EXPECT_NE(elm.seal->key_id(), oak.seal->key_id()) << "each device its own pepper";
  EXPECT_EQ(elm.hash_of("1002"), "(absent)") << "an Oak child never reaches Elm";
}

TEST(PinScope, TheGatewayHashesChildPinsWithThePinSetting) {
  TestGateway gw(demo_gateway_copy("gw-pin-cost"));
  auto db = gw.db();
  gateway::ChildRow c{"2002", "Rhys", "2010-03-04", "Oak", "", "", "cy"};
  gateway::put_child(*db, c, std::string("4826"), "test", gw.now());
  Stmt s(*db, "SELECT pin_hash FROM children WHERE number = '2002'");
  ASSERT_TRUE(s.step());
  EXPECT_NE(s.text(0).find("m=65536,t=3"), std::string::npos) << s.text(0);
}
