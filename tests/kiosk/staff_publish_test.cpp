// tests/kiosk/staff_publish_test.cpp: staff mode's Publish (kiosk/staff/staff_publish.h) on a demo data folder:
// an approver with a curator key makes the next pack version, written under DATA/published-packs, that verifies
// against the key's public half and installs on a device that trusts it; a second publish goes up again; no key,
// a bad key file or no approver role makes no pack and says why.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/accounts/accounts.h"
#include "core/base/clock.h"
#include "core/catalogue/curation.h"
#include "core/base/dates.h"
#include "core/storage/device_store.h"
#include "core/catalogue/pack.h"
#include "kiosk/staff/staff_publish.h"
#include "tests/kiosk/test_util.h"

using namespace waymark;
using namespace waymark::kiosk;
using namespace waymark::test;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

StaffProfile approver() {
  StaffProfile s;
  s.number = "9002";
  s.name = "Dan";
  s.roles = {Role::WingOfficer, Role::Approver};
  return s;
}

TEST(StaffPublish, ApproverWithKeyMakesTheNextVerifiedPack) {
  const std::string data = demo_dir("staff-publish/data");  // the demo pack is installed
  const std::string keys = fresh_dir("staff-publish/keys");
  PublicKey pub;
  SecretKey sec;
  generate_keypair("Office curator", pub, sec);
  const std::string key_path = write_file(keys, "curator.key", secret_key_file(sec));

  auto opened = open_device(data);
  ASSERT_TRUE(opened.db) << opened.error;
  Db& db = *opened.db;
  const int64_t now = waymark::wall_now_s();
  const CivilDate today = local_date(now);
  const auto before = installed_pack(db);
  ASSERT_TRUE(before);
  const int64_t approved = listings_count(db, "approved");
  ASSERT_GT(approved, 0);

  const StaffPublishResult r = staff_publish(db, key_path, data, approver(), today, now);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.pack.version, before->version + 1);
  EXPECT_EQ(r.pack.pack_id, before->pack_id);
  EXPECT_EQ(fs::path(r.path).parent_path(), fs::path(published_packs_dir(data)));
  EXPECT_FALSE(fs::exists(r.path + ".part"));

  // the file on disk verifies against the key's public half and carries every showable approved listing
  VerifyOptions vo;
  vo.today = today;
  const PackCheck check = verify_pack_file(r.path, {pub}, vo);
  ASSERT_TRUE(check.ok()) << check.reason;
  EXPECT_EQ(check.manifest.version, before->version + 1);
  EXPECT_EQ(check.manifest.key_id, pub.key_id());
  EXPECT_GT(r.pack.listings, 0);
  EXPECT_LE(r.pack.listings, approved);
  // tampered by one byte: refused
  std::string bytes = slurp(r.path);
  bytes[bytes.size() - 3] ^= 1;
  EXPECT_FALSE(verify_pack(bytes, {pub}, vo).ok());

  // publishing again without installing still goes up (versions only go up)
  const StaffPublishResult r2 = staff_publish(db, key_path, data, approver(), today, now + 60);
  ASSERT_TRUE(r2.ok) << r2.error;
  EXPECT_EQ(r2.pack.version, before->version + 2);
  EXPECT_NE(r2.path, r.path);

  // a device that trusts the key installs it
  const std::string device = demo_dir("staff-publish/device");
  auto dev = open_device(device);
  ASSERT_TRUE(dev.db) << dev.error;
  trust_key(*dev.db, pub, now);
  const InstallResult inst = install_pack(*dev.db, slurp(r2.path), today, now, "test");
  ASSERT_TRUE(inst.check.ok()) << inst.check.reason;
  EXPECT_EQ(inst.listings, r2.pack.listings);
}

TEST(StaffPublish, NoKeyBadKeyOrNoRoleMakesNoPack) {
  const std::string data = demo_dir("staff-publish/refused");
  const std::string keys = fresh_dir("staff-publish/refused-keys");
  auto opened = open_device(data);
  ASSERT_TRUE(opened.db) << opened.error;
  const int64_t now = waymark::wall_now_s();
  const CivilDate today = local_date(now);

  StaffPublishResult r = staff_publish(*opened.db, "", data, approver(), today, now);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("office PC"), std::string::npos) << r.error;

  r = staff_publish(*opened.db, keys + "/missing.key", data, approver(), today, now);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot be read"), std::string::npos) << r.error;

  PublicKey pub;
  SecretKey sec;
  generate_keypair("Office curator", pub, sec);
  const std::string pub_as_key = write_file(keys, "wrong.key", public_key_file(pub));  // the public half by mistake
  r = staff_publish(*opened.db, pub_as_key, data, approver(), today, now);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("is not a secret key"), std::string::npos) << r.error;

  StaffProfile editor;
  editor.number = "9001";
  editor.roles = {Role::Education};
  const std::string good = write_file(keys, "good.key", secret_key_file(sec));
  r = staff_publish(*opened.db, good, data, editor, today, now);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("approver"), std::string::npos) << r.error;
  EXPECT_FALSE(fs::exists(published_packs_dir(data)));
}

TEST(StaffPublish, AFlaggedApprovedRowRefusesTheWholePack) {
  const std::string data = demo_dir("staff-publish/flagged");
  const std::string keys = fresh_dir("staff-publish/flagged-keys");
  PublicKey pub;
  SecretKey sec;
  generate_keypair("Office curator", pub, sec);
  const std::string key_path = write_file(keys, "curator.key", secret_key_file(sec));
  auto opened = open_device(data);
  ASSERT_TRUE(opened.db) << opened.error;
  Db& db = *opened.db;
  const int64_t now = waymark::wall_now_s();
  const CivilDate today = local_date(now);
  // an approved row changed behind the curation rules (as a hand-edited database would be)
  auto rows = listings_all(db, "approved");
  ASSERT_FALSE(rows.empty());
  Listing l = rows.front();
  for (const Listing& x : rows)
    if (listing_showable(x, today)) l = x;
  l.summary = "Ring Sam on 0113 496 0000 to book a place on this course.";
  {
    Txn txn(db);
    listing_put(db, l);
    txn.commit();
  }
  const StaffPublishResult r = staff_publish(db, key_path, data, approver(), today, now);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("phone number"), std::string::npos) << r.error;
  EXPECT_FALSE(fs::exists(published_packs_dir(data)));
}

}  // namespace
