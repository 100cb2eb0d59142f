#include <gtest/gtest.h>

#include "core/accounts/accounts.h"
#include "core/ops/demo.h"
#include "core/storage/device_store.h"
#include "core/base/secrets.h"
#include "tests/core/test_dirs.h"

using namespace waymark;
using waymark::test::TempDir;

TEST(Secrets, Argon2idHashesVerifyAndSalt) {
  const std::string h1 = hash_secret("1357");
  const std::string h2 = hash_secret("1357");
  EXPECT_EQ(h1.rfind("$argon2id$", 0), 0u) << h1;
  EXPECT_NE(h1, h2) << "each hash has its own salt";
  EXPECT_TRUE(verify_secret(h1, "1357"));
  EXPECT_FALSE(verify_secret(h1, "1358"));
  EXPECT_FALSE(verify_secret("not a hash", "1357"));
  EXPECT_EQ(random_id().size(), 32u);
  EXPECT_NE(random_id(), random_id());
}

class AccountsTest : public ::testing::Test {
protected:
  void SetUp() override {
    auto r = open_device(dir.path());
    ASSERT_TRUE(r.db) << r.error;
    db = std::move(r.db);
    seed_demo(*db, clock);
  }
  TempDir dir;
  ManualClock clock;
  std::unique_ptr<Db> db;
};

TEST_F(AccountsTest, DemoChildrenAndStaff) {
  Accounts acc(*db, clock);
  auto alex = acc.child("1001");
  ASSERT_TRUE(alex);
  EXPECT_EQ(alex->first_name, "Alex");
  EXPECT_EQ(alex->lang, "en");
  EXPECT_EQ(alex->release_la, std::optional<std::string>(kLeedsCode));
  auto cerys = acc.child("1002");
  ASSERT_TRUE(cerys);
  EXPECT_EQ(cerys->lang, "cy");
  auto officer = acc.staff("9002");
  ASSERT_TRUE(officer);
  EXPECT_TRUE(officer->can_exit_kiosk());
  EXPECT_FALSE(acc.staff("9001")->can_exit_kiosk());
  EXPECT_FALSE(seed_demo(*db, clock)) << "seeding twice does nothing";
}

TEST_F(AccountsTest, PinsAreNeverStoredInClear) {
  Stmt s(*db, "SELECT pin_hash FROM children WHERE number = '1001'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.text(0).find("1357"), std::string::npos);
  EXPECT_EQ(s.text(0).rfind("$argon2id$", 0), 0u);
}

TEST_F(AccountsTest, RightAndWrongPin) {
  Accounts acc(*db, clock);
  auto ok = acc.sign_in_child("1001", "1357");
  EXPECT_EQ(ok.result.status, SignInStatus::Ok);
  ASSERT_TRUE(ok.child);
  EXPECT_EQ(ok.child->first_name, "Alex");
  auto bad = acc.sign_in_child("1001", "0000");
  EXPECT_EQ(bad.result.status, SignInStatus::WrongPin);
  EXPECT_EQ(bad.result.attempts_left, 4);
  EXPECT_FALSE(bad.child);
  // the other child's PIN is not this child's
  EXPECT_EQ(acc.sign_in_child("1001", "2468").result.status, SignInStatus::WrongPin);
}

TEST_F(AccountsTest, UnknownNumberLooksLikeAWrongPin) {
  Accounts acc(*db, clock);
  auto r = acc.sign_in_child("5555", "1357");
  EXPECT_EQ(r.result.status, SignInStatus::WrongPin);
  EXPECT_EQ(r.result.attempts_left, 4);
}

TEST_F(AccountsTest, FiveWrongPinsLockForFifteenMinutesAcrossRestarts) {
  {
    Accounts acc(*db, clock);
    for (int i = 0; i < 4; i++) EXPECT_EQ(acc.sign_in_child("1001", "0000").result.status, SignInStatus::WrongPin);
    auto fifth = acc.sign_in_child("1001", "0000");
    EXPECT_EQ(fifth.result.status, SignInStatus::Locked);
    EXPECT_EQ(fifth.result.locked_until_s, clock.now_s() + 15 * 60);
  }
  // "restart": close and reopen the database
  db.reset();
  auto r = open_device(dir.path());
  db = std::move(r.db);
  Accounts acc(*db, clock);
  EXPECT_EQ(acc.sign_in_child("1001", "1357").result.status, SignInStatus::Locked) << "the right PIN is refused while locked";
  EXPECT_EQ(acc.sign_in_child("1002", "2468").result.status, SignInStatus::Ok) << "other children are not locked";
  clock.advance_ms(14 * 60 * 1000);
  EXPECT_EQ(acc.sign_in_child("1001", "1357").result.status, SignInStatus::Locked);
  clock.advance_ms(61 * 1000);
  EXPECT_EQ(acc.sign_in_child("1001", "1357").result.status, SignInStatus::Ok);
  // a success clears the count
  EXPECT_EQ(acc.sign_in_child("1001", "0000").result.attempts_left, 4);
}

TEST_F(AccountsTest, StaffLockoutIsSeparateFromChildren) {
  Accounts acc(*db, clock);
  for (int i = 0; i < 5; i++) acc.sign_in_staff("9002", "0000");
  EXPECT_EQ(acc.sign_in_staff("9002", "7531").result.status, SignInStatus::Locked);
  EXPECT_EQ(acc.sign_in_staff("9001", "8642").result.status, SignInStatus::Ok);
}

TEST(AccountsValidation, NumbersAndPins) {
  EXPECT_TRUE(Accounts::valid_pin("1357"));
  EXPECT_TRUE(Accounts::valid_pin("12345678"));
  EXPECT_FALSE(Accounts::valid_pin("123"));
  EXPECT_FALSE(Accounts::valid_pin("123456789"));
  EXPECT_FALSE(Accounts::valid_pin("12a4"));
  EXPECT_TRUE(Accounts::valid_number("1001"));
  EXPECT_FALSE(Accounts::valid_number(""));
  EXPECT_FALSE(Accounts::valid_number("10 1"));
}
