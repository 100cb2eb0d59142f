// The widgets' share of accessibility, on a real ImGui context without a window: the read-aloud script,
// read-when-I-tap, text that does not fit, and the font choices (three sizes, the dyslexia font).
#include <gtest/gtest.h>

#include "core/i18n/i18n.h"
#include "kiosk/ui/widgets.h"

using namespace waymark;

namespace {

struct ImGuiFixture : ::testing::Test {
  ui::Fonts fonts;
  Strings strings;
  ui::Palette pal = ui::standard_palette();
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    std::string err;
    ASSERT_TRUE(strings.load(std::string(WAYMARK_SOURCE_ASSETS) + "/strings", &err)) << err;
    ASSERT_TRUE(fonts.build(WAYMARK_SOURCE_ASSETS, 1080, ui::FontChoice{}, &err)) << err;
  }
  void TearDown() override { ImGui::DestroyContext(); }
  // one frame: draw() inside a full-screen window
  template <class F>
  void frame(ui::Ui& u, F draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    u.begin_frame(pal, "en", io.DeltaTime, 0, false);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration);
    draw();
    ImGui::End();
    ImGui::Render();
  }
};

TEST_F(ImGuiFixture, ReadScriptIsHeadingsThenMainTextAsSentences) {
  ui::Ui u(fonts, strings);
  frame(u, [&] {
    u.text_main_at(ImVec2(10, 200), "Find a course");
    u.text_heading_at(ImVec2(10, 100), "Courses and jobs");
    u.text_at(ImVec2(10, 300), "not read");
    u.read_main("What do you want to do?");
  });
  EXPECT_EQ(u.read_script_text(), "Courses and jobs. Find a course. What do you want to do?");
  frame(u, [] {});
  EXPECT_EQ(u.read_script_text(), "") << "each frame starts a new script";
  frame(u, [&] {
    u.read_main("Behind");
    u.begin_overlay();
    u.read_heading("Still there?");
  });
  EXPECT_EQ(u.read_script_text(), "Still there?") << "an overlay reads only its own words";
}

// A Welsh screen showing a listing that has no Welsh: the words come in runs of one language, in reading order,
// so each run gets its own voice; joined, they are the same words as read_script_text().
TEST_F(ImGuiFixture, ReadScriptPartsKeepEachRunInItsOwnLanguage) {
  ui::Ui u(fonts, strings);
  frame(u, [&] {
    u.read_heading("Clwb neu chwaraeon");
    u.read_heading("Youth music project", "en");
    u.read_main("Pa mor hir:");
    u.read_main("10 wythnos", "cy");
    u.read_main("Beth fyddet ti'n ei wneud:");
    u.read_main("Write lyrics and make beats", "en");
    u.read_main("In a studio.", "en");
  });
  const auto parts = u.read_script_parts("cy");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].lang, "cy");
  EXPECT_EQ(parts[0].text, "Clwb neu chwaraeon.");
  EXPECT_EQ(parts[1].lang, "en");
  EXPECT_EQ(parts[1].text, "Youth music project.");
  EXPECT_EQ(parts[2].lang, "cy");
  EXPECT_EQ(parts[2].text, "Pa mor hir: 10 wythnos. Beth fyddet ti'n ei wneud:");
  EXPECT_EQ(parts[3].lang, "en");
  EXPECT_EQ(parts[3].text, "Write lyrics and make beats. In a studio.");
  // on an English screen the same lines with no language of their own are English: fewer, longer runs
  const auto en = u.read_script_parts("en");
  ASSERT_EQ(en.size(), 3u);
  EXPECT_EQ(en[0].lang, "en");
  EXPECT_EQ(en[0].text, "Clwb neu chwaraeon. Youth music project. Pa mor hir:");
  EXPECT_EQ(en[1].lang, "cy");
  EXPECT_EQ(en[1].text, "10 wythnos.");
}

TEST_F(ImGuiFixture, TappedOptionIsReadOnlyWhenAskedAndNeverForSilentKeys) {
  ui::Ui u(fonts, strings);
  ImGuiIO& io = ImGui::GetIO();
  auto tap = [&](const ui::ButtonOpts& o) {
    io.MousePos = ImVec2(150, 150);
    io.MouseDown[0] = false;
    frame(u, [&] { u.button_at("Big###settings.size.1", ImVec2(100, 100), ImVec2(300, 100), o); });
    io.MouseDown[0] = true;
    frame(u, [&] { u.button_at("Big###settings.size.1", ImVec2(100, 100), ImVec2(300, 100), o); });
    io.MouseDown[0] = false;
    bool clicked = false;
    frame(u, [&] { clicked = u.button_at("Big###settings.size.1", ImVec2(100, 100), ImVec2(300, 100), o); });
    EXPECT_TRUE(clicked);
    return u.take_tap_speech();
  };
  ui::ButtonOpts o;
  EXPECT_EQ(tap(o), "") << "read-when-I-tap is off";
  u.set_read_on_tap(true);
  EXPECT_EQ(tap(o), "Big");
  o.speak = "Text size: Big";
  EXPECT_EQ(tap(o), "Text size: Big");
  o.silent = true;
  EXPECT_EQ(tap(o), "");
}

TEST_F(ImGuiFixture, TextThatDoesNotFitIsRecordedAsCut) {
  ui::Ui u(fonts, strings);
  frame(u, [&] {
    u.text_at(ImVec2(10, 10), "Fits");
    u.text_at(ImVec2(1880, 500), "Past the right edge of the screen");
    u.button_at("Abcdefghijklmnopqrstuvwxyz###x.narrow", ImVec2(10, 600), ImVec2(120, 80));
  });
  ASSERT_EQ(u.record().cut.size(), 2u);
  EXPECT_EQ(u.record().cut[0].text, "Past the right edge of the screen");
  EXPECT_EQ(u.record().cut[1].text, "Abcdefghijklmnopqrstuvwxyz");
  for (const auto& t : u.record().texts) EXPECT_NE(t.text, "Past the right edge of the screen") << "cut text is not visible";
}

TEST_F(ImGuiFixture, ThreeTextSizesAndTheDyslexiaFont) {
  std::string err;
  for (int size = 0; size < 3; size++) {
    const float scale = size == 0 ? 1.0f : size == 1 ? 1.25f : 1.5f;
    ASSERT_TRUE(fonts.build(WAYMARK_SOURCE_ASSETS, 1080, ui::FontChoice{"dyslexic", scale}, &err)) << err;
    EXPECT_FLOAT_EQ(fonts.em(), std::round(36 * scale));
    EXPECT_GE(fonts.px(ui::FontRole::Title), std::round(fonts.em() * 2)) << "the dyslexia font is drawn bigger";
  }
  // the dyslexia font's letters take more room than the standard font's (OpenDyslexic is wide)
  ui::Ui u(fonts, strings);
  const float dys = u.measure("Waymark", ui::FontRole::Body).x;
  ASSERT_TRUE(fonts.build(WAYMARK_SOURCE_ASSETS, 1080, ui::FontChoice{"standard", 1.5f}, &err)) << err;
  EXPECT_FLOAT_EQ(fonts.px(ui::FontRole::Title), std::round(fonts.em() * 2));
  EXPECT_GT(dys, u.measure("Waymark", ui::FontRole::Body).x);
}

}  // namespace
