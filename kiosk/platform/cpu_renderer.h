// kiosk/platform/cpu_renderer.h: draws Dear ImGui 1.86 draw lists on the CPU into a 32-bit ARGB8888
// framebuffer, for devices with no trustworthy GPU (issue 17). ImGui's output is mostly axis-aligned quads
// (glyphs) and fans (rounded panels), so quads are filled as spans, fans as one convex outline, and only the
// rest goes through the triangle rasterizer (cpu_raster.h). Each frame redraws only the rects whose pixels may have changed since the last frame drawn
// (frame_damage.h): a blinking caret or a countdown costs a small rect, not a screen. The platform presents
// those rects (SDL_UpdateWindowSurfaceRects) or reads the framebuffer for screenshots.
#pragma once

#include <cstdint>
#include <vector>

#include "kiosk/platform/cpu_raster.h"
#include "kiosk/platform/frame_damage.h"

struct ImDrawData;

namespace waymark::platform {

class CpuRenderer {
public:
  // The font atlas's coverage (ImGui's GetTexDataAsAlpha8). The next frame is drawn whole.
  void set_font_atlas(const unsigned char* alpha, int w, int h);
  // What ImGui should carry as the atlas's ImTextureID.
  void* font_texture_id() { return &font_; }

  // Draws dd over a background of colour bg (ImGui's packing, IM_COL32), only where it changed.
  void render(const ImDrawData* dd, uint32_t bg);
  // Off: every frame is drawn whole (the reference the damage test compares against).
  void set_damage_tracking(bool on) { track_ = on; }
  void invalidate() { full_ = true; }

  const Framebuffer& framebuffer() const { return fb_; }
  const std::vector<PixelRect>& damage() const { return damage_; }  // what the last render redrew
  int64_t pixels_redrawn() const { return redrawn_; }

  // One thing to fill: a triangle, an axis-aligned rect quad (v[0] top-left, v[1] bottom-right), or a convex
  // fan of one colour (poly_n > 0: its outline is poly_n vertices from poly_vs_[poly]).
  struct Prim {
    bool quad = false;
    RasterVertex v[3];
    int poly = 0, poly_n = 0;
    PixelRect clip;  // the command's clip rect, inside the screen
    PixelRect box;   // the pixels it may touch, inside clip
    const AlphaTexture* tex = nullptr;
  };

private:
  void collect(const ImDrawData* dd);
  void draw(const PixelRect& area, uint32_t bg_argb);

  Framebuffer fb_;
  AlphaTexture font_;
  FrameDamage history_;
  std::vector<Prim> prims_;
  std::vector<RasterVertex> poly_vs_;
  std::vector<PixelRect> damage_;
  int64_t redrawn_ = 0;
  uint32_t last_bg_ = 0;
  bool full_ = true, track_ = true;
};

}  // namespace waymark::platform
