#include <gtest/gtest.h>

#include <stdexcept>

#include "core/accounts/accounts.h"
#include "core/accounts/child_settings.h"
#include "core/base/clock.h"
#include "core/storage/db.h"
#include "core/storage/migrations.h"

namespace waymark {
namespace {

struct Fixture : ::testing::Test {
  Db db{":memory:"};
  ManualClock clock;
  void SetUp() override {
    migrate(db, device_migrations());
    Accounts acc(db, clock);
    ChildProfile c;
    c.number = "1001";
    c.first_name = "Alex";
    acc.put_child(c, "1357");
  }
};

TEST_F(Fixture, DefaultsWhenNothingWasChanged) {
  const ChildSettings s = load_child_settings(db, "1001");
  EXPECT_EQ(s, ChildSettings{});
  EXPECT_EQ(s.text_size, 0);
  EXPECT_EQ(s.font, "standard");
}

TEST_F(Fixture, SavedSettingsComeBackAndUpdate) {
  ChildSettings s;
  s.text_size = 2;
  s.font = "dyslexic";
  s.high_contrast = true;
  s.calm = true;
  s.read_on_tap = true;
  s.speech_rate = 0;
  save_child_settings(db, "1001", s, clock.now_s());
  EXPECT_EQ(load_child_settings(db, "1001"), s);
  s.text_size = 1;
  s.high_contrast = false;
  save_child_settings(db, "1001", s, clock.now_s());
  EXPECT_EQ(load_child_settings(db, "1001"), s);
  // a child's settings survive their profile being updated by provisioning
  Accounts acc(db, clock);
  ChildProfile c = *acc.child("1001");
  c.first_name = "Alexander";
  acc.put_child(c, "1357");
  EXPECT_EQ(load_child_settings(db, "1001"), s);
}

TEST_F(Fixture, OutOfRangeIsRefusedAndUnknownChildrenAreRefused) {
  ChildSettings s;
  s.text_size = 3;
  EXPECT_THROW(save_child_settings(db, "1001", s, 0), std::invalid_argument);
  s = ChildSettings{};
  s.font = "comic";
  EXPECT_THROW(save_child_settings(db, "1001", s, 0), std::invalid_argument);
  EXPECT_THROW(save_child_settings(db, "9999", ChildSettings{}, 0), DbError);  // no such child
  EXPECT_EQ(load_child_settings(db, "1001"), ChildSettings{});
}

TEST(ChildSettingsMaps, ScalesAndSpeeds) {
  EXPECT_FLOAT_EQ(text_scale_for(0), 1.0f);
  EXPECT_FLOAT_EQ(text_scale_for(1), 1.25f);
  EXPECT_FLOAT_EQ(text_scale_for(2), 1.5f);
  EXPECT_FLOAT_EQ(text_scale_for(9), 1.5f);
  EXPECT_LT(speech_words_per_minute(0), speech_words_per_minute(1));
  EXPECT_LT(speech_words_per_minute(1), speech_words_per_minute(2));
}

}  // namespace
}  // namespace waymark
