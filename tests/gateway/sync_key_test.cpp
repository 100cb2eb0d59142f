// The device's sync key sealed with its pepper (core/sync/device_key.h, docs/operating.md "The sync key on a
// device"), over real HTTPS with a demo gateway: enrolment stores it sealed, sync works with the pepper and says
// plainly why it cannot without it (never enrolling again by itself), a copied folder cannot sign a request, a
// plain key from before is sealed without a new enrolment, and `waymarkctl doctor` says whether it is sealed.
#include <gtest/gtest.h>

#include "core/accounts/pin_seal.h"
#include "core/storage/meta_keys.h"
#include "core/sync/device_key.h"
#include "core/sync/gateway_probe.h"
#include "tests/common/folder_scan.h"
#include "tests/gateway/fixture.h"

using namespace waymark;
using namespace waymark::testing;
using waymark::test::folder_bytes;
using waymark::test::holds_key;

namespace {

const std::string kCtl = WAYMARK_CTL_BIN;

// A device whose pepper is a file outside its data folder (a TPM-sealed credential on a real device).
struct PepperedDevice : TestDevice {
  std::string pepper_dir = temp_dir("pepper");
  std::string pepper = pepper_dir + "/waymark-pin-pepper";
  std::unique_ptr<PinSeal> seal;
  explicit PepperedDevice(const std::string& tag) : TestDevice(tag) {
    EXPECT_EQ(create_pin_pepper_file(pepper, dir), "");
    seal = std::move(find_pin_pepper(pepper, dir).seal);
  }
  ~PepperedDevice() {
    std::error_code ec;
    fs::remove_all(pepper_dir, ec);
  }
  EnrolResult enrol_sealed(TestGateway& g, const std::string& code) {
    return enrol_device(*db, g.url(), g.pin(), code, "test", clock, true, seal.get());
  }
  SyncReport sync_with(const PinSeal* s) {
    SyncOptions o;
    o.pin_seal = s;
    return sync_once(*db, clock, o);
  }
  std::string key() { return read_device_key(*db, seal.get()).secret_key; }
};

json doctor_line(const std::string& dir, const std::string& check, const std::string& env = "") {
  Ran r = run(env + " " + kCtl + " doctor --json --data " + dir);
  json j = json::parse(r.out, nullptr, false);
  if (j.is_object() && j.contains("checks"))
    for (const json& l : j["checks"])
      if (l["check"] == check) return l;
  return json{{"level", "absent"}, {"what", r.out}};
}

}  // namespace

TEST(SyncKey, SealedAtEnrolmentSyncsWithThePepperAndACopiedFolderCannot) {
  TestGateway gw(demo_gateway_copy("gw-synckey"));
  PepperedDevice dev("synckey");
  ASSERT_TRUE(dev.enrol_sealed(gw, gw.code()).ok);
  EXPECT_TRUE(PinSeal::is_sealed(meta_get(*dev.db, kMetaSyncDeviceKey)));
  const std::string key = dev.key();
  ASSERT_EQ(key.size(), 64u);
  const SyncReport ok = dev.sync_with(dev.seal.get());
  EXPECT_TRUE(ok.ok) << ok.error;
  EXPECT_FALSE(holds_key(folder_bytes(dev.dir), key)) << "no key bytes anywhere in the data folder";

  // The kiosk started without its pepper: sync says why, and nothing about the enrolment changes.
  const std::string device_id = meta_get(*dev.db, kMetaDeviceId);
  const std::string stored = meta_get(*dev.db, kMetaSyncDeviceKey);
  const SyncReport none = dev.sync_with(nullptr);
  EXPECT_FALSE(none.ok);
  EXPECT_NE(none.error.find("pepper is missing"), std::string::npos) << none.error;
  EXPECT_EQ(meta_get(*dev.db, kMetaDeviceId), device_id);
  EXPECT_EQ(meta_get(*dev.db, kMetaSyncDeviceKey), stored) << "not enrolled again, not changed";
  EXPECT_EQ(probe_gateway(*dev.db).link, GatewayLink::KeySealed);
  EXPECT_EQ(probe_gateway(*dev.db, probe_http_options(), dev.seal.get()).link, GatewayLink::Ok);

  // A copy of the folder, with no pepper or a guessed one, cannot sign a request.
  dev.db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
  const std::string copy = temp_dir("synckey-copy");
  for (const auto& e : fs::directory_iterator(dev.dir)) fs::copy(e.path(), fs::path(copy) / e.path().filename(), fs::copy_options::recursive);
  EXPECT_FALSE(holds_key(folder_bytes(copy), key));
  auto r = open_device(copy);
  ASSERT_TRUE(r.db) << r.error;
  auto guess = PinSeal::random();
  for (const PinSeal* s : {static_cast<const PinSeal*>(nullptr), static_cast<const PinSeal*>(guess.get())}) {
    SyncOptions o;
    o.pin_seal = s;
    const SyncReport stolen = sync_once(*r.db, dev.clock, o);
    EXPECT_FALSE(stolen.ok);
    EXPECT_TRUE(read_device_key(*r.db, s).secret_key.empty());
  }
  fs::remove_all(copy);

  // Enrolling again without the pepper is refused before the one-time code is spent; with it, the code works.
  const std::string code = gw.code();
  const EnrolResult plain = enrol_device(*dev.db, gw.url(), gw.pin(), code, "test", dev.clock, true, nullptr);
  EXPECT_FALSE(plain.ok);
  EXPECT_NE(plain.error.find("sealed"), std::string::npos) << plain.error;
  EXPECT_TRUE(dev.enrol_sealed(gw, code).ok) << "the code was not spent by the refusal";
  EXPECT_TRUE(dev.sync_with(dev.seal.get()).ok);
}

TEST(SyncKey, APlainKeyFromBeforeIsSealedAndTheDeviceKeepsSyncing) {
  TestGateway gw(demo_gateway_copy("gw-synckey-up"));
  PepperedDevice dev("synckey-up");
  ASSERT_TRUE(dev.enrol(gw).ok);  // no pepper: a device from before, its key stored plain
  ASSERT_TRUE(dev.sync().ok);
  dev.db->exec("PRAGMA wal_checkpoint(TRUNCATE);");
  const std::string key = read_device_key(*dev.db, nullptr).secret_key;
  ASSERT_EQ(key.size(), 64u);
  ASSERT_TRUE(holds_key(folder_bytes(dev.dir), key));

  EXPECT_TRUE(seal_device_key(*dev.db, *dev.seal, 0));  // what the kiosk does at its start
  EXPECT_FALSE(holds_key(folder_bytes(dev.dir), key)) << "the file was rebuilt: no plain copy in free pages";
  EXPECT_EQ(dev.key(), key) << "the same key: no enrolment again";
  const SyncReport s = dev.sync_with(dev.seal.get());
  EXPECT_TRUE(s.ok) << s.error;
}

TEST(SyncKey, DoctorSaysWhetherTheKeyIsSealed) {
  TestGateway gw(demo_gateway_copy("gw-synckey-doc"));
  {
    PepperedDevice plain("synckey-doc-plain");
    ASSERT_TRUE(plain.enrol(gw).ok);
    json l = doctor_line(plain.dir, "sync key");
    EXPECT_EQ(l["level"], "warning") << l;
    EXPECT_NE(l["what"].get<std::string>().find("stored unsealed"), std::string::npos) << l;
  }
  PepperedDevice dev("synckey-doc");
  ASSERT_TRUE(dev.enrol_sealed(gw, gw.code()).ok);
  dev.db.reset();
  const std::string with = "WAYMARK_PIN_PEPPER_FILE=" + dev.pepper;
  json ok = doctor_line(dev.dir, "sync key", with);
  EXPECT_EQ(ok["level"], "ok") << ok;
  EXPECT_NE(ok["what"].get<std::string>().find("sealed with the pepper"), std::string::npos) << ok;
  EXPECT_EQ(doctor_line(dev.dir, "gateway", with)["level"], "ok");

  json missing = doctor_line(dev.dir, "sync key", "env -u WAYMARK_PIN_PEPPER_FILE -u CREDENTIALS_DIRECTORY");
  EXPECT_EQ(missing["level"], "warning") << missing;
  EXPECT_NE(missing["what"].get<std::string>().find("no pepper"), std::string::npos) << missing;
  EXPECT_EQ(doctor_line(dev.dir, "gateway", "env -u WAYMARK_PIN_PEPPER_FILE")["level"], "skipped");

  const std::string other = dev.pepper_dir + "/other";
  ASSERT_EQ(create_pin_pepper_file(other, dev.dir), "");
  json wrong = doctor_line(dev.dir, "sync key", "WAYMARK_PIN_PEPPER_FILE=" + other);
  EXPECT_EQ(wrong["level"], "failed") << wrong;
  EXPECT_NE(wrong["what"].get<std::string>().find("another pepper"), std::string::npos) << wrong;
}
