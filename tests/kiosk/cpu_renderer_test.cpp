// tests/kiosk/cpu_renderer_test.cpp: the CPU renderer's parts (issue 17): damage tracking redraws a small rect
// when one widget changes and nothing when nothing did, with the same pixels as drawing the frame whole; the
// rect fast path covers what its triangles would; damage rects merge into a few. The whole renderer against
// SDL's software renderer, on every screen of the tour, is in cpu_renderer_tour_test.cpp.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdio>
#include <functional>
#include <string>

#include "kiosk/platform/cpu_raster.h"
#include "kiosk/platform/cpu_renderer.h"
#include "kiosk/platform/frame_damage.h"

using namespace waymark::platform;

namespace {
constexpr int kW = 800, kH = 600;

class CpuRendererTest : public ::testing::Test {
protected:
  void SetUp() override {
    previous_ = ImGui::GetCurrentContext();
    ctx_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(kW, kH);
    io.DeltaTime = 1.0f / 60;
    io.Fonts->AddFontDefault();
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&px, &w, &h);
    r_.set_font_atlas(px, w, h);
    io.Fonts->SetTexID(r_.font_texture_id());
    ImGui::GetStyle().FrameRounding = 6.0f;  // rounded corners: the triangle path
  }
  void TearDown() override {
    ImGui::DestroyContext(ctx_);
    ImGui::SetCurrentContext(previous_);
  }
  // One frame of a small screen: a title, a countdown, buttons, a panel.
  void frame(int countdown) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::Text("Courses near you");
    ImGui::Button("Back");
    ImGui::SameLine();
    ImGui::Button("Read to me");
    for (int i = 0; i < 8; i++) ImGui::Button(("Listing " + std::to_string(i)).c_str(), ImVec2(300, 30));
    ImGui::Text("Signing out in %d seconds", countdown);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(500, 100), ImVec2(700, 300), IM_COL32(40, 90, 160, 200), 12.0f);
    ImGui::End();
    ImGui::Render();
    r_.render(ImGui::GetDrawData(), IM_COL32(245, 242, 235, 255));
  }

  ImGuiContext* previous_ = nullptr;
  ImGuiContext* ctx_ = nullptr;
  CpuRenderer r_;
};
}  // namespace

TEST_F(CpuRendererTest, OneChangedWidgetRedrawsASmallRectWithTheSamePixelsAsAWholeFrame) {
  for (int i = 0; i < 3; i++) frame(30);  // ImGui settles its layout over the first frames
  EXPECT_EQ(r_.pixels_redrawn(), 0) << "nothing changed, nothing is drawn";
  frame(29);
  const int64_t redrawn = r_.pixels_redrawn();
  std::printf("countdown 30 -> 29: %lld of %d pixels redrawn in %zu rects\n", static_cast<long long>(redrawn),
              kW * kH, r_.damage().size());
  EXPECT_GT(redrawn, 0);
  EXPECT_LT(redrawn, kW * kH / 100) << "a changed line of text costs under 1% of the screen";
  const std::vector<uint32_t> partial = r_.framebuffer().px;
  r_.invalidate();
  frame(29);
  EXPECT_EQ(r_.pixels_redrawn(), int64_t{kW} * kH);
  EXPECT_TRUE(partial == r_.framebuffer().px) << "drawing only the damage gives the whole frame's pixels";
}

TEST_F(CpuRendererTest, ABackgroundChangeRedrawsTheScreen) {
  frame(30);
  frame(30);
  ImGui::NewFrame();
  ImGui::Render();
  r_.render(ImGui::GetDrawData(), IM_COL32(0, 0, 0, 255));
  EXPECT_EQ(r_.pixels_redrawn(), int64_t{kW} * kH);
}

TEST(CpuRaster, RectFastPathCoversWhatItsTwoTrianglesWould) {
  Framebuffer a, b;
  a.resize(64, 64);
  b.resize(64, 64);
  const PixelRect clip{0, 0, 64, 64};
  const uint32_t col = IM_COL32(200, 30, 60, 180);
  fill_rect(a, clip, 5, 7, 40, 33, col);
  const RasterVertex tl{5, 7, 0, 0, col}, tr{40, 7, 0, 0, col}, br{40, 33, 0, 0, col}, bl{5, 33, 0, 0, col};
  fill_triangle(b, clip, nullptr, tl, tr, br);
  fill_triangle(b, clip, nullptr, tl, br, bl);  // the shared diagonal is drawn once (top-left rule)
  EXPECT_TRUE(a.px == b.px);
}

TEST(CpuRaster, ClipRectIsHonoured) {
  Framebuffer fb;
  fb.resize(32, 32);
  fill_rect(fb, PixelRect{8, 8, 16, 16}, 0, 0, 32, 32, IM_COL32(255, 0, 0, 255));
  EXPECT_EQ(fb.px[0], 0xFF000000u);
  EXPECT_EQ(fb.px[8 * 32 + 8], 0xFFFF0000u);
  EXPECT_EQ(fb.px[16 * 32 + 16], 0xFF000000u);
}

TEST(FrameDamage, BoxesMergeIntoAFewRects) {
  const PixelRect screen{0, 0, 1000, 1000};
  std::vector<PixelRect> boxes;
  for (int i = 0; i < 40; i++) boxes.push_back({i * 20, 10, i * 20 + 15, 30});  // a line of glyphs
  boxes.push_back({500, 900, 520, 920});                                           // a caret far away
  const std::vector<PixelRect> out = merge_rects(boxes, screen, 4);
  ASSERT_LE(out.size(), 4u);
  int64_t area = 0;
  for (const PixelRect& r : out) area += r.area();
  EXPECT_LT(area, 800 * 20 + 400 + 1000) << "merging does not swallow the screen";
  for (const PixelRect& b : boxes) {
    bool inside = false;
    for (const PixelRect& r : out) inside = inside || r.intersect(b) == b;
    EXPECT_TRUE(inside);
  }
}
