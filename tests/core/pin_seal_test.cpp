// The device's PIN pepper (core/accounts/pin_seal.h): a copied data folder (the database without the pepper)
// cannot verify one PIN; hashes stored before the pepper existed are sealed without anyone losing sign-in;
// a pepper inside the data folder is refused. The cost of guessing is printed by tests/bench/bench_pins.cpp.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/accounts/accounts.h"
#include "core/accounts/pin_seal.h"
#include "core/base/secrets.h"
#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "core/storage/meta_keys.h"
#include "core/sync/feed.h"
#include "core/sync/wire.h"
#include "tests/common/folder_scan.h"
#include "tests/core/test_dirs.h"

using namespace waymark;
using nlohmann::json;
using waymark::test::TempDir;
using waymark::test::folder_bytes;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> stored_hashes(Db& db) {
  std::vector<std::string> out;
  Stmt s(db, "SELECT pin_hash FROM children UNION ALL SELECT pin_hash FROM staff");
  while (s.step()) out.push_back(s.text(0));
  return out;
}

class PinSealTest : public ::testing::Test {
protected:
  void SetUp() override {
    auto r = open_device(data.path());
    ASSERT_TRUE(r.db) << r.error;
    db = std::move(r.db);
  }
  TempDir data, keys;
  ManualClock clock;
  std::unique_ptr<Db> db;
};

}  // namespace

TEST(PinSeal, SealsAndOpensOnlyWithItsOwnPepper) {
  auto a = PinSeal::random(), b = PinSeal::random();
  const std::string h = hash_pin("1357");
  const std::string sealed = a->seal(h);
  EXPECT_TRUE(PinSeal::is_sealed(sealed));
  EXPECT_EQ(sealed.find("$argon2id$"), std::string::npos) << "nothing of the Argon2id string shows";
  EXPECT_EQ(PinSeal::key_id_of(sealed), a->key_id());
  EXPECT_NE(a->seal(h), sealed) << "a fresh nonce each time";
  ASSERT_TRUE(a->open(sealed));
  EXPECT_EQ(*a->open(sealed), h);
  EXPECT_FALSE(b->open(sealed)) << "another device's pepper opens nothing";
  std::string tampered = sealed;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(a->open(tampered)) << "the box is authenticated";
  EXPECT_FALSE(a->open("$wmseal1$" + a->key_id() + "$!!"));
  EXPECT_FALSE(a->open(h));
}

TEST(PinSeal, PinHashesAreStrongerThanPasswordsAndUpgradeOnlyWeakerOnes) {
  const std::string pin = hash_pin("1357");
  EXPECT_NE(pin.find("m=65536,t=3"), std::string::npos) << pin;
  EXPECT_TRUE(verify_secret(pin, "1357"));
  EXPECT_FALSE(pin_hash_is_weaker(pin));
  EXPECT_TRUE(pin_hash_is_weaker(hash_secret("1357"))) << "19 MiB, 2 passes: the old PIN setting";
  char strong[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(strong, "1357", 4, 4, 128u << 20, crypto_pwhash_ALG_ARGON2ID13), 0);
  EXPECT_FALSE(pin_hash_is_weaker(strong)) << "never lowered";
}

TEST_F(PinSealTest, ACopiedFolderWithoutThePepperCannotVerifyAPin) {
  auto seal = PinSeal::random();
  seed_demo(*db, clock, seal.get());
  for (const std::string& h : stored_hashes(*db)) {
    EXPECT_TRUE(PinSeal::is_sealed(h)) << h;
    EXPECT_EQ(h.find("$argon2id$"), std::string::npos);
  }
  Accounts with(*db, clock, seal.get());
  EXPECT_EQ(with.sign_in_child("1001", "1357").result.status, SignInStatus::Ok);
  EXPECT_EQ(with.sign_in_staff("9002", "7531").result.status, SignInStatus::Ok);

  // The attacker's copy: the files of the folder, opened elsewhere, with no pepper or a guessed one.
  db.reset();
  TempDir copy;
  for (const auto& e : fs::directory_iterator(data.path()))
    fs::copy(e.path(), fs::path(copy.path()) / e.path().filename(), fs::copy_options::recursive);
  auto r = open_device(copy.path());
  ASSERT_TRUE(r.db) << r.error;
  auto guess = PinSeal::random();
  for (const PinSeal* s : {static_cast<const PinSeal*>(nullptr), static_cast<const PinSeal*>(guess.get())}) {
    Accounts copied(*r.db, clock, s, LockoutPolicy{1000, 1});
    EXPECT_EQ(copied.sign_in_child("1001", "1357").result.status, SignInStatus::WrongPin) << "the right PIN fails";
    EXPECT_EQ(copied.sign_in_staff("9002", "7531").result.status, SignInStatus::WrongPin);
  }
  // Nor can the stored value be fed to Argon2id directly: there is no Argon2id string in it to test guesses on.
  for (const std::string& h : stored_hashes(*r.db)) {
    EXPECT_FALSE(verify_secret(h, "1357"));
    EXPECT_EQ(h.find("$argon2id$"), std::string::npos);
  }
  EXPECT_EQ(folder_bytes(copy.path()).find("$argon2id$"), std::string::npos) << "no plain hash anywhere in the files";
}

TEST_F(PinSealTest, HashesStoredBeforeThePepperAreSealedAndEveryoneStillSignsIn) {
  seed_demo(*db, clock);  // a device from before the pepper: plain hashes, the old 19 MiB setting for one child
  {
    Txn t(*db);
    Stmt s(*db, "UPDATE children SET pin_hash = :h WHERE number = '1002'");
    s.bind(":h", hash_secret("2468")).run();
    t.commit();
  }
  EXPECT_NE(folder_bytes(data.path()).find("$argon2id$"), std::string::npos);
  auto seal = PinSeal::random();
  Accounts acc(*db, clock, seal.get());
  EXPECT_EQ(acc.pin_hash_census().plain, 4);
  const PinHashTidy t = acc.tidy_pin_hashes();
  EXPECT_EQ(t.sealed, 4);
  EXPECT_TRUE(t.compacted);
  const PinHashCensus c = acc.pin_hash_census();
  EXPECT_EQ(c.plain, 0);
  EXPECT_EQ(c.sealed, 4);
  EXPECT_EQ(folder_bytes(data.path()).find("$argon2id$"), std::string::npos) << "no old copy in a freed page or the WAL";
  EXPECT_EQ(acc.tidy_pin_hashes().sealed, 0) << "a second start has nothing to do";

  EXPECT_EQ(acc.sign_in_child("1001", "1357").result.status, SignInStatus::Ok);
  EXPECT_EQ(acc.sign_in_child("1002", "2468").result.status, SignInStatus::Ok);
  EXPECT_EQ(acc.sign_in_staff("9001", "8642").result.status, SignInStatus::Ok);
  EXPECT_EQ(acc.sign_in_staff("9002", "7531").result.status, SignInStatus::Ok);
  // 1002's sign-in re-made the weak hash with the PIN setting, still sealed.
  Stmt s(*db, "SELECT pin_hash FROM children WHERE number = '1002'");
  ASSERT_TRUE(s.step());
  ASSERT_TRUE(seal->open(s.text(0)));
  EXPECT_FALSE(pin_hash_is_weaker(*seal->open(s.text(0))));
  EXPECT_EQ(acc.sign_in_child("1002", "2468").result.status, SignInStatus::Ok);
  EXPECT_EQ(acc.sign_in_child("1002", "1111").result.status, SignInStatus::WrongPin);
}

TEST_F(PinSealTest, OnlyChildrenWhoCanSignInHereKeepAHash) {
  auto seal = PinSeal::random();
  Txn t(*db);
  SyncReport rep;
  auto child = [&](const std::string& n, const std::string& wing, bool active) {
    wire::RosterChild c{wire::kWireVersion, n, "Sam", hash_pin("4826"), "en", wing, {}, {}, {}, active};
    sync::apply_change(*db, json{{"seq", 1}, {"kind", "child"}, {"data", c}}, "Oak", 0, rep, seal.get());
  };
  child("3001", "Oak", true);
  child("3002", "Elm", true);   // another wing's child (an old gateway still sent it)
  child("3003", "Oak", false);  // released
  t.commit();
  Stmt s(*db, "SELECT number, pin_hash, active FROM children ORDER BY number");
  std::map<std::string, std::string> hash;
  while (s.step()) hash[s.text(0)] = s.text(1);
  EXPECT_TRUE(PinSeal::is_sealed(hash["3001"]));
  EXPECT_EQ(hash["3002"], "");
  EXPECT_EQ(hash["3003"], "");
  Accounts acc(*db, clock, seal.get());
  EXPECT_EQ(acc.sign_in_child("3001", "4826").result.status, SignInStatus::Ok);
  EXPECT_EQ(acc.sign_in_child("3002", "4826").result.status, SignInStatus::WrongPin);

  // A device from before this change kept them: the tidy at start removes them.
  Txn u(*db);
  db->exec("UPDATE children SET pin_hash = '$argon2id$v=19$m=19456,t=2,p=1$x$y' WHERE number <> '3001';");
  u.commit();
  EXPECT_EQ(acc.tidy_pin_hashes().cleared, 2);
  Stmt left(*db, "SELECT count(*) FROM children WHERE pin_hash <> ''");
  ASSERT_TRUE(left.step());
  EXPECT_EQ(left.i64(0), 1);
}

TEST_F(PinSealTest, APepperIsFoundOutsideTheFolderAndRefusedInsideIt) {
  const std::string outside = keys.path() + "/pepper";
  EXPECT_EQ(create_pin_pepper_file(outside, data.path()), "");
  EXPECT_NE(create_pin_pepper_file(outside, data.path()), "") << "never overwrites a pepper";
  struct stat st {};
  ASSERT_EQ(::stat(outside.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  PinPepperLookup a = find_pin_pepper(outside, data.path());
  ASSERT_TRUE(a.seal) << a.error;
  PinPepperLookup again = find_pin_pepper(outside, data.path());
  EXPECT_EQ(again.seal->key_id(), a.seal->key_id()) << "the same file, the same key";

  EXPECT_NE(create_pin_pepper_file(data.path() + "/pepper", data.path()), "");
  fs::copy_file(outside, data.path() + "/pepper");
  PinPepperLookup in = find_pin_pepper(data.path() + "/sub/../pepper", data.path());
  EXPECT_FALSE(in.seal);
  EXPECT_NE(in.error.find("inside the data folder"), std::string::npos) << in.error;

  ::setenv(kPinPepperEnv, outside.c_str(), 1);
  PinPepperLookup env = find_pin_pepper({}, data.path());
  ::unsetenv(kPinPepperEnv);
  ASSERT_TRUE(env.seal) << env.error;
  EXPECT_EQ(env.source, outside);

  const std::string open_to_all = keys.path() + "/loose";
  ASSERT_EQ(create_pin_pepper_file(open_to_all, data.path()), "");
  ::chmod(open_to_all.c_str(), 0644);
  EXPECT_NE(find_pin_pepper(open_to_all, data.path()).error.find("readable by other users"), std::string::npos);
  const std::string short_file = keys.path() + "/short";
  { std::ofstream(short_file) << "0123"; }
  ::chmod(short_file.c_str(), 0600);
  EXPECT_NE(find_pin_pepper(short_file, data.path()).error.find("not 32 bytes"), std::string::npos);
  const std::string hex = keys.path() + "/hex";
  { std::ofstream(hex) << std::string(64, 'a') << "\n"; }
  ::chmod(hex.c_str(), 0600);
  EXPECT_TRUE(find_pin_pepper(hex, data.path()).seal) << "64 hex digits are accepted too";
  EXPECT_FALSE(find_pin_pepper({}, data.path()).seal) << "none named, none found";
}

TEST_F(PinSealTest, ANewPepperDropsTheOldSealsAndReadsTheRosterAgain) {
  auto old_seal = PinSeal::random(), new_seal = PinSeal::random();
  seed_demo(*db, clock, old_seal.get());
  {
    Txn t(*db);
    meta_set(*db, kMetaSyncCursor, "42");
    t.commit();
  }
  Accounts acc(*db, clock, new_seal.get());
  EXPECT_EQ(acc.pin_hash_census().other_pepper, 4);
  const PinHashTidy t = acc.tidy_pin_hashes();
  EXPECT_EQ(t.reread, 2) << "both children: the gateway sends their hashes again";
  EXPECT_EQ(meta_get(*db, kMetaSyncCursor), "0");
  const PinHashCensus c = acc.pin_hash_census();
  EXPECT_EQ(c.other_pepper, 2) << "staff PINs must be set again (waymarkctl staff reset-pin); doctor says so";
  EXPECT_EQ(acc.sign_in_staff("9001", "8642").result.status, SignInStatus::WrongPin);
}
