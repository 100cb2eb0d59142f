#include <gtest/gtest.h>

#include "core/accounts/session.h"

using namespace waymark;

TEST(Idle, PhasesAndCountdown) {
  IdleTracker t;  // 90 s, 20 s countdown
  t.touch(0);
  EXPECT_EQ(t.phase(0), IdlePhase::Active);
  EXPECT_EQ(t.phase(69'999), IdlePhase::Active);
  EXPECT_EQ(t.phase(70'000), IdlePhase::Warning);
  EXPECT_EQ(t.seconds_left(70'000), 20);
  EXPECT_EQ(t.seconds_left(70'001), 20);
  EXPECT_EQ(t.seconds_left(89'001), 1);
  EXPECT_EQ(t.phase(89'999), IdlePhase::Warning);
  EXPECT_EQ(t.phase(90'000), IdlePhase::Expired);
}

TEST(Idle, ATouchRestartsTheTimer) {
  IdleTracker t;
  t.touch(0);
  t.touch(80'000);
  EXPECT_EQ(t.phase(100'000), IdlePhase::Active);
  EXPECT_EQ(t.phase(170'000), IdlePhase::Expired);
}

TEST(Idle, SleepsUntilTheNextVisibleChange) {
  IdleTracker t;
  t.touch(0);
  EXPECT_EQ(t.ms_until_next_change(0), 70'000) << "nothing changes on screen until the countdown starts";
  EXPECT_EQ(t.ms_until_next_change(70'000), 1000);
  EXPECT_EQ(t.ms_until_next_change(70'400), 600);
  EXPECT_EQ(t.ms_until_next_change(95'000), 0);
}

TEST(Idle, CustomPolicy) {
  IdleTracker t(IdlePolicy{30'000, 10'000});
  t.touch(1000);
  EXPECT_EQ(t.phase(21'000), IdlePhase::Warning);
  EXPECT_EQ(t.phase(31'000), IdlePhase::Expired);
}
