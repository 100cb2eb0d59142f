// kiosk/platform/cpu_raster.h: the CPU renderer's pixel work: a 32-bit ARGB8888 framebuffer, an 8-bit alpha
// texture (the font atlas), and the four ways Dear ImGui's triangles are filled: solid axis-aligned rects,
// textured axis-aligned rects (glyphs), convex fans of one colour (filled rounded rects, circles) and general
// triangles (icons, lines, anti-aliased fringes).
//
// Coverage follows SDL's software renderer, which drew every headless frame before this one, so the kiosk's
// screens keep their pixels: vertices snap to whole pixels (truncated); a triangle covers the pixels whose
// centres are inside it, with the top-left rule on shared edges; a rect quad covers its truncated origin and
// size. Every colour is computed from the pixel's absolute position only, so drawing a frame in pieces
// (damage rects) gives the same pixels as drawing it whole. Blending is straight alpha, as
// SDL_BLENDMODE_BLEND on SDL's software renderer: d = s*a/255 + d*(255-a)/255 per channel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace waymark::platform {

// Half-open: [x0, x1) x [y0, y1).
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
  int64_t area() const { return empty() ? 0 : int64_t{x1 - x0} * (y1 - y0); }
  PixelRect intersect(const PixelRect& o) const;
  PixelRect unite(const PixelRect& o) const;  // bounding box of both (an empty one adds nothing)
  bool operator==(const PixelRect&) const = default;
};

struct Framebuffer {
  int w = 0, h = 0;
  std::vector<uint32_t> px;  // ARGB8888, row-major, pitch w
  void resize(int width, int height);
  void fill(const PixelRect& r, uint32_t argb);
};

// Coverage only: the font atlas is white glyphs with alpha, so 8 bits a texel carry all of it (a quarter of
// the RGBA32 atlas SDL_Renderer needs).
struct AlphaTexture {
  int w = 0, h = 0;
  std::vector<uint8_t> a;
  uint8_t at(int x, int y) const { return a[static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)]; }
};

// A vertex as the rasterizer sees it: position in pixels, texture coordinates 0..1, straight-alpha colour in
// ImGui's packing (R in the low byte, A in the high byte).
struct RasterVertex {
  float x, y, u, v;
  uint32_t col;
};

// All clip to `clip` (already inside the framebuffer). tex may be null: untextured.
void fill_rect(Framebuffer& fb, const PixelRect& clip, float x0, float y0, float x1, float y1, uint32_t col);
void blit_rect(Framebuffer& fb, const PixelRect& clip, const AlphaTexture& tex, const RasterVertex& tl,
               const RasterVertex& br);
void fill_triangle(Framebuffer& fb, const PixelRect& clip, const AlphaTexture* tex, const RasterVertex& a,
                   const RasterVertex& b, const RasterVertex& c);

// A convex polygon of one colour (ImGui's filled rounded rects and circles, which it emits as a triangle fan
// from the first vertex): the pixels the fan's triangles would cover, found per row from the two edges that
// cross it instead of every triangle's three. Falls back to the fan's triangles when snapping to whole
// pixels left the outline not convex.
void fill_convex(Framebuffer& fb, const PixelRect& clip, const AlphaTexture* tex, const RasterVertex* vs, int n);

// The pixels a shape with this float bounding box may touch (one pixel of margin), before clipping.
PixelRect pixel_bounds(float x0, float y0, float x1, float y1);

}  // namespace waymark::platform
