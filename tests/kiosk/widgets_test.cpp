#include <gtest/gtest.h>

#include <sstream>

#include "kiosk/driver/script.h"
#include "kiosk/ui/inertia.h"
#include "kiosk/ui/widgets.h"

using namespace waymark;

TEST(Inertia, TapIsNotADrag) {
  ui::Inertia in;
  in.press(100, 0.0);
  EXPECT_FALSE(in.move(105, 0.05, 14));
  EXPECT_FALSE(in.dragging);
  in.release(0.1);
  EXPECT_FALSE(in.step(0.016f, 1000, false));
  EXPECT_EQ(in.offset, 0.0f);
}

TEST(Inertia, DragScrollsAndFlingDecays) {
  ui::Inertia in;
  in.press(800, 0.0);
  double t = 0;
  float y = 800;
  bool became = false;
  for (int i = 0; i < 10; i++) {
    t += 0.016;
    y -= 40;
    if (in.move(y, t, 14)) became = true;
  }
  EXPECT_TRUE(became);
  EXPECT_NEAR(in.offset, 400, 0.01);
  in.release(t);
  EXPECT_GT(in.velocity, 1000);
  float last = in.offset;
  int frames = 0;
  while (in.step(0.016f, 5000, false) && frames < 1000) {
    EXPECT_GT(in.offset, last);
    last = in.offset;
    frames++;
  }
  EXPECT_GT(frames, 5) << "a fling glides on";
  EXPECT_LT(frames, 200) << "and stops by itself";
}

TEST(Inertia, ClampsAndCalmModeStopsAtOnce) {
  ui::Inertia in;
  in.offset = 50;
  in.velocity = -5000;
  in.step(0.1f, 1000, false);
  EXPECT_EQ(in.offset, 0.0f);
  EXPECT_EQ(in.velocity, 0.0f);
  in.velocity = 3000;
  EXPECT_FALSE(in.step(0.016f, 1000, true));
  EXPECT_EQ(in.offset, 0.0f);
}

TEST(Inertia, RestingFingerBeforeLiftDoesNotFling) {
  ui::Inertia in;
  in.press(500, 0);
  in.move(300, 0.05, 14);
  in.release(0.5);
  EXPECT_EQ(in.velocity, 0.0f);
}

TEST(Labels, SplitsWordsAndStableId) {
  std::string w, id;
  ui::split_label("Sign in###signin.submit", w, id);
  EXPECT_EQ(w, "Sign in");
  EXPECT_EQ(id, "signin.submit");
  ui::split_label("Plain", w, id);
  EXPECT_EQ(w, "Plain");
  EXPECT_EQ(id, "");
}

TEST(Script, ParsesCommandsAndRejectsErrors) {
  std::istringstream ok("# comment\n\ntap #signin.next\ntap Sign in\ntype 1001\nkey ctrl+alt+delete\nswipe 1 2 3 4 100\n"
                        "wait 50\nidle 90\nexpect Hi Alex\nexpect-not Hi\nshot home\ntap-at 10 20\n");
  auto ps = kiosk::parse_script(ok);
  ASSERT_TRUE(ps.error.empty()) << ps.error;
  ASSERT_EQ(ps.lines.size(), 11u);
  EXPECT_EQ(ps.lines[0].number, 3);
  EXPECT_EQ(ps.lines[1].rest, "Sign in");
  EXPECT_EQ(ps.lines[7].rest, "Hi Alex");
  for (const char* bad : {"dance\n", "tap\n", "wait soon\n", "idle -3\n", "key ctrl+banana\n", "swipe 1 2 3\n",
                          "shot ../../etc/x\n", "tap-at 1\n"}) {
    std::istringstream in(bad);
    EXPECT_FALSE(kiosk::parse_script(in).error.empty()) << bad;
  }
}

TEST(Script, KeyChords) {
  SDL_Keycode k;
  Uint16 m;
  std::vector<SDL_Keycode> mk;
  ASSERT_TRUE(kiosk::parse_chord("alt+f4", k, m, mk));
  EXPECT_EQ(k, SDLK_F4);
  EXPECT_TRUE(m & KMOD_LALT);
  ASSERT_TRUE(kiosk::parse_chord("ctrl+alt+delete", k, m, mk));
  EXPECT_EQ(k, SDLK_DELETE);
  EXPECT_EQ(mk.size(), 2u);
  ASSERT_TRUE(kiosk::parse_chord("super", k, m, mk));
  EXPECT_EQ(k, SDLK_LGUI);
  ASSERT_TRUE(kiosk::parse_chord("ctrl+alt+f12", k, m, mk));
  EXPECT_EQ(k, SDLK_F12);
  EXPECT_FALSE(kiosk::parse_chord("ctrl+", k, m, mk));
  EXPECT_FALSE(kiosk::parse_chord("f13", k, m, mk));
}
