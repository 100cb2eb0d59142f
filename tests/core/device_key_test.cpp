// The device's sync key sealed with the pepper (core/sync/device_key.h): a copied data folder holds no usable key
// bytes, a device from before (migration 54, a plain key) is sealed at the kiosk's start with the file rebuilt, and
// a missing or wrong pepper is a state with plain words, never a crash. Over HTTPS: tests/gateway/sync_key_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/accounts/pin_seal.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"
#include "core/storage/migrations.h"
#include "core/sync/device_key.h"
#include "core/sync/sync_proto.h"
#include "tests/common/folder_scan.h"
#include "tests/core/test_dirs.h"

using namespace waymark;
using waymark::test::TempDir;
using waymark::test::folder_bytes;
using waymark::test::holds_key;
namespace fs = std::filesystem;

namespace {

// A data folder as the build before migration 55 left it: schema 54, the key stored plain by enrolment.
std::string old_device_with_plain_key(const std::string& dir) {
  const std::string key = sync::make_device_keys().secret_key;
  Db db(device_db_path(dir));
  std::vector<Migration> upto54;
  for (const Migration& m : device_migrations())
    if (m.version <= 54) upto54.push_back(m);
  migrate(db, upto54);
  Txn t(db);
  meta_set(db, kMetaDeviceId, std::string(32, 'a'));
  meta_set(db, kMetaSyncDeviceKey, sync::base64_encode(key));
  t.commit();
  db.exec("PRAGMA wal_checkpoint(TRUNCATE);");
  return key;
}

void copy_folder(const std::string& from, const std::string& to) {
  for (const auto& e : fs::directory_iterator(from))
    fs::copy(e.path(), fs::path(to) / e.path().filename(), fs::copy_options::recursive);
}

}  // namespace

TEST(DeviceKey, APlainKeyFromBeforeIsSealedAtStartAndACopiedFolderHoldsNoUsableKey) {
  TempDir data;
  const std::string key = old_device_with_plain_key(data.path());
  ASSERT_TRUE(holds_key(folder_bytes(data.path()), key)) << "the old build's file holds the key plain";

  auto seal = PinSeal::random();
  {
    auto r = open_device(data.path());  // migrates 54 -> 55
    ASSERT_TRUE(r.db) << r.error;
    EXPECT_EQ(r.db->user_version(), device_migrations().back().version);
    DeviceKeyRead before = read_device_key(*r.db, seal.get());
    EXPECT_EQ(before.state, DeviceKeyState::Plain);
    EXPECT_EQ(before.secret_key, key) << "nothing is lost on the way: the same key, so no enrolment again";

    EXPECT_TRUE(seal_device_key(*r.db, *seal, 0));
    EXPECT_TRUE(PinSeal::is_sealed(meta_get(*r.db, kMetaSyncDeviceKey)));
    DeviceKeyRead after = read_device_key(*r.db, seal.get());
    EXPECT_EQ(after.state, DeviceKeyState::Sealed);
    EXPECT_EQ(after.secret_key, key);
    EXPECT_FALSE(seal_device_key(*r.db, *seal, 0)) << "a second start has nothing to do";
    EXPECT_EQ(meta_get(*r.db, kMetaPinRebuildPending), "") << "the rebuild finished";
  }
  EXPECT_FALSE(holds_key(folder_bytes(data.path()), key)) << "no plain copy in a freed page or the WAL";

  // The attacker's copy of the folder, without the pepper or with a guessed one: no key bytes come out.
  TempDir copy;
  copy_folder(data.path(), copy.path());
  EXPECT_FALSE(holds_key(folder_bytes(copy.path()), key));
  auto r = open_device(copy.path());
  ASSERT_TRUE(r.db) << r.error;
  DeviceKeyRead none = read_device_key(*r.db, nullptr);
  EXPECT_EQ(none.state, DeviceKeyState::SealedNoPepper);
  EXPECT_TRUE(none.secret_key.empty());
  EXPECT_NE(none.error.find("pepper is missing"), std::string::npos) << none.error;
  auto guess = PinSeal::random();
  DeviceKeyRead wrong = read_device_key(*r.db, guess.get());
  EXPECT_EQ(wrong.state, DeviceKeyState::OtherPepper);
  EXPECT_TRUE(wrong.secret_key.empty());
  EXPECT_NE(wrong.error.find("another pepper"), std::string::npos) << wrong.error;
}

TEST(DeviceKey, OnceSealedNoPlainKeyIsWrittenOverIt) {
  TempDir data;
  auto r = open_device(data.path());
  ASSERT_TRUE(r.db) << r.error;
  auto seal = PinSeal::random();
  const std::string key = sync::make_device_keys().secret_key;
  {
    Txn t(*r.db);
    store_device_key(*r.db, key, seal.get());
    t.commit();
  }
  EXPECT_EQ(read_device_key(*r.db, seal.get()).secret_key, key);
  {
    Txn t(*r.db);
    EXPECT_THROW(meta_set(*r.db, kMetaSyncDeviceKey, sync::base64_encode(key)), DbError) << "migration 55's trigger";
  }
  // A new sealed key (enrolment again with the pepper, perhaps a new one) is allowed.
  auto fresh = PinSeal::random();
  const std::string key2 = sync::make_device_keys().secret_key;
  Txn t(*r.db);
  store_device_key(*r.db, key2, fresh.get());
  t.commit();
  EXPECT_EQ(read_device_key(*r.db, fresh.get()).secret_key, key2);
  EXPECT_EQ(read_device_key(*r.db, seal.get()).state, DeviceKeyState::OtherPepper);
}

TEST(DeviceKey, DamagedOrAbsentKeysAreStatesNotCrashes) {
  TempDir data;
  auto r = open_device(data.path());
  ASSERT_TRUE(r.db) << r.error;
  auto seal = PinSeal::random();
  EXPECT_EQ(read_device_key(*r.db, seal.get()).state, DeviceKeyState::None);
  EXPECT_FALSE(seal_device_key(*r.db, *seal, 0)) << "nothing to seal before enrolment";
  {
    Txn t(*r.db);
    meta_set(*r.db, kMetaSyncDeviceKey, "not base64 at all");
    t.commit();
  }
  EXPECT_EQ(read_device_key(*r.db, seal.get()).state, DeviceKeyState::Damaged);
  EXPECT_FALSE(seal_device_key(*r.db, *seal, 0)) << "a damaged key is left for IT, not sealed";
  {
    Txn t(*r.db);
    meta_set(*r.db, kMetaSyncDeviceKey, "$wmseal1$" + seal->key_id() + "$AAAA");
    t.commit();
  }
  const DeviceKeyRead k = read_device_key(*r.db, seal.get());
  EXPECT_EQ(k.state, DeviceKeyState::Damaged);
  EXPECT_NE(k.error.find("damaged"), std::string::npos);
}
