#include "kiosk/platform/cpu_renderer.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace waymark::platform {

namespace {
uint32_t bits(float f) {
  uint32_t u = 0;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

uint64_t hash_vertex(uint64_t h, const RasterVertex& v) {
  h = hash_mix(h, (uint64_t{bits(v.x)} << 32) | bits(v.y));
  h = hash_mix(h, (uint64_t{bits(v.u)} << 32) | bits(v.v));
  return hash_mix(h, v.col);
}

uint64_t hash_prim(const CpuRenderer::Prim& p, const std::vector<RasterVertex>& poly_vs) {
  uint64_t h = hash_mix(p.quad ? 1 : 2 + static_cast<uint64_t>(p.poly_n), reinterpret_cast<uintptr_t>(p.tex));
  h = hash_mix(h, (uint64_t{static_cast<uint32_t>(p.clip.x0)} << 32) | static_cast<uint32_t>(p.clip.y0));
  h = hash_mix(h, (uint64_t{static_cast<uint32_t>(p.clip.x1)} << 32) | static_cast<uint32_t>(p.clip.y1));
  for (int i = 0; i < (p.quad ? 2 : 3); i++) h = hash_vertex(h, p.v[i]);
  for (int i = 0; i < p.poly_n; i++) h = hash_vertex(h, poly_vs[static_cast<size_t>(p.poly + i)]);
  return h;
}

// How many triangles from idx[e] on make a fan of one colour and one texel: (a, b, c), (a, c, d), ... as
// ImGui's AddConvexPolyFilled emits a filled rounded rect or circle.
unsigned fan_length(const RasterVertex* vs, const ImDrawIdx* idx, unsigned e, unsigned count) {
  const RasterVertex& a = vs[idx[e]];
  auto same = [&](const RasterVertex& v) { return v.col == a.col && v.u == a.u && v.v == a.v; };
  if (!same(vs[idx[e + 1]]) || !same(vs[idx[e + 2]])) return 0;
  unsigned n = 1;
  while (e + 3 * n + 2 < count && idx[e + 3 * n] == idx[e] && idx[e + 3 * n + 1] == idx[e + 3 * n - 1] &&
         same(vs[idx[e + 3 * n + 2]]))
    n++;
  return n;
}

uint32_t argb_opaque(uint32_t imgui_col) {
  return 0xFF000000u | ((imgui_col & 0xFFu) << 16) | (imgui_col & 0xFF00u) | ((imgui_col >> 16) & 0xFFu);
}

// Two triangles that tile an axis-aligned rect (sharing its diagonal), of one colour, with texture
// coordinates that map linearly: ImGui's PrimRect and PrimRectUV, which are most of a frame. Fills q.v[0..1].
bool as_rect(const RasterVertex* vs, const int* t0, const int* t1, CpuRenderer::Prim& q) {
  int shared = 0, extra = -1;
  for (int i = 0; i < 3; i++) {
    const bool in0 = t1[i] == t0[0] || t1[i] == t0[1] || t1[i] == t0[2];
    shared += in0 ? 1 : 0;
    if (!in0) extra = t1[i];
  }
  if (shared != 2 || extra < 0) return false;
  const int ids[4] = {t0[0], t0[1], t0[2], extra};
  float x0 = vs[ids[0]].x, x1 = x0, y0 = vs[ids[0]].y, y1 = y0;
  for (const int id : ids) {
    x0 = std::min(x0, vs[id].x), x1 = std::max(x1, vs[id].x);
    y0 = std::min(y0, vs[id].y), y1 = std::max(y1, vs[id].y);
  }
  if (!(x0 < x1 && y0 < y1)) return false;
  const RasterVertex* corner[4] = {};  // tl, tr, bl, br
  for (const int id : ids) {
    const RasterVertex& v = vs[id];
    if ((v.x != x0 && v.x != x1) || (v.y != y0 && v.y != y1) || v.col != vs[ids[0]].col) return false;
    corner[(v.x == x1 ? 1 : 0) + (v.y == y1 ? 2 : 0)] = &v;
  }
  if (!corner[0] || !corner[1] || !corner[2] || !corner[3]) return false;
  // the shared edge must be a diagonal, or the two triangles overlap instead of tiling the rect
  int in_t0_and_t1[2] = {-1, -1}, n = 0;
  for (int i = 0; i < 3; i++)
    if (n < 2 && (t0[i] == t1[0] || t0[i] == t1[1] || t0[i] == t1[2])) in_t0_and_t1[n++] = t0[i];
  if (n != 2) return false;  // a degenerate pair (a triangle naming a vertex twice)
  const RasterVertex* s0 = &vs[in_t0_and_t1[0]];
  const RasterVertex* s1 = &vs[in_t0_and_t1[1]];
  const bool diagonal = (s0 == corner[0] && s1 == corner[3]) || (s0 == corner[3] && s1 == corner[0]) ||
                        (s0 == corner[1] && s1 == corner[2]) || (s0 == corner[2] && s1 == corner[1]);
  if (!diagonal) return false;
  const RasterVertex &tl = *corner[0], &tr = *corner[1], &bl = *corner[2], &br = *corner[3];
  if (tr.u != br.u || tr.v != tl.v || bl.u != tl.u || bl.v != br.v) return false;
  q.quad = true;
  q.v[0] = tl;
  q.v[1] = br;
  return true;
}
}  // namespace

void CpuRenderer::set_font_atlas(const unsigned char* alpha, int w, int h) {
  font_.w = w;
  font_.h = h;
  font_.a.assign(alpha, alpha + static_cast<size_t>(w) * static_cast<size_t>(h));
  full_ = true;
}

// Turns the draw lists into prims, in draw order, pairing triangles into rects where they tile one.
void CpuRenderer::collect(const ImDrawData* dd) {
  prims_.clear();
  poly_vs_.clear();
  const PixelRect screen{0, 0, fb_.w, fb_.h};
  const ImVec2 off = dd->DisplayPos, scale = dd->FramebufferScale;
  std::vector<RasterVertex> vs;
  for (int n = 0; n < dd->CmdListsCount; n++) {
    const ImDrawList* list = dd->CmdLists[n];
    vs.resize(static_cast<size_t>(list->VtxBuffer.Size));
    for (int i = 0; i < list->VtxBuffer.Size; i++) {
      const ImDrawVert& v = list->VtxBuffer[i];
      vs[static_cast<size_t>(i)] = {(v.pos.x - off.x) * scale.x, (v.pos.y - off.y) * scale.y, v.uv.x, v.uv.y, v.col};
    }
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      // as SDL_RenderSetClipRect gets it from the SDL_Renderer backend: truncated origin and size
      const float cx = (cmd.ClipRect.x - off.x) * scale.x, cy = (cmd.ClipRect.y - off.y) * scale.y;
      const float cw = (cmd.ClipRect.z - off.x) * scale.x - cx, ch = (cmd.ClipRect.w - off.y) * scale.y - cy;
      if (cw <= 0 || ch <= 0) continue;
      auto to_int = [](float f) { return static_cast<int>(std::clamp(f, -1e7f, 1e7f)); };
      const PixelRect clip =
          PixelRect{to_int(cx), to_int(cy), to_int(cx) + to_int(cw), to_int(cy) + to_int(ch)}.intersect(screen);
      if (clip.empty()) continue;
      const AlphaTexture* tex = cmd.GetTexID() == font_texture_id() ? &font_ : nullptr;
      const RasterVertex* base = vs.data() + cmd.VtxOffset;
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      auto push = [&](Prim& p) {
        p.clip = clip;
        p.tex = tex;
        const int k = p.quad ? 2 : 3;
        float x0 = p.v[0].x, x1 = x0, y0 = p.v[0].y, y1 = y0;
        for (int i = 1; i < k; i++) {
          x0 = std::min(x0, p.v[i].x), x1 = std::max(x1, p.v[i].x);
          y0 = std::min(y0, p.v[i].y), y1 = std::max(y1, p.v[i].y);
        }
        for (int i = 0; i < p.poly_n; i++) {
          const RasterVertex& v = poly_vs_[static_cast<size_t>(p.poly + i)];
          x0 = std::min(x0, v.x), x1 = std::max(x1, v.x), y0 = std::min(y0, v.y), y1 = std::max(y1, v.y);
        }
        p.box = pixel_bounds(x0, y0, x1, y1).intersect(clip);
        if (!p.box.empty()) prims_.push_back(p);
      };
      int pending[3] = {-1, -1, -1};
      for (unsigned e = 0; e + 2 < cmd.ElemCount; e += 3) {
        const int t[3] = {idx[e], idx[e + 1], idx[e + 2]};
        Prim p;
        if (const unsigned fan = fan_length(base, idx, e, cmd.ElemCount); fan >= 3) {
          if (pending[0] >= 0) {
            Prim tri;
            for (int i = 0; i < 3; i++) tri.v[i] = base[pending[i]];
            push(tri);
            pending[0] = -1;
          }
          p.v[0] = p.v[1] = p.v[2] = base[t[0]];
          p.poly = static_cast<int>(poly_vs_.size());
          p.poly_n = static_cast<int>(fan) + 2;
          poly_vs_.push_back(base[t[0]]);
          for (unsigned k = 0; k < fan; k++) poly_vs_.push_back(base[idx[e + 3 * k + 1]]);
          poly_vs_.push_back(base[idx[e + 3 * fan - 1]]);
          push(p);
          e += 3 * (fan - 1);
          continue;
        }
        if (pending[0] >= 0 && as_rect(base, pending, t, p)) {
          push(p);
          pending[0] = -1;
          continue;
        }
        if (pending[0] >= 0) {
          Prim tri;
          for (int i = 0; i < 3; i++) tri.v[i] = base[pending[i]];
          push(tri);
        }
        std::copy(t, t + 3, pending);
      }
      if (pending[0] >= 0) {
        Prim tri;
        for (int i = 0; i < 3; i++) tri.v[i] = base[pending[i]];
        push(tri);
      }
    }
  }
}

void CpuRenderer::draw(const PixelRect& area, uint32_t bg_argb) {
  fb_.fill(area, bg_argb);
  for (const Prim& p : prims_) {
    const PixelRect clip = p.clip.intersect(area);
    if (p.box.intersect(area).empty()) continue;
    if (p.poly_n > 0) {
      fill_convex(fb_, clip, p.tex, poly_vs_.data() + p.poly, p.poly_n);
    } else if (!p.quad) {
      fill_triangle(fb_, clip, p.tex, p.v[0], p.v[1], p.v[2]);
    } else if (!p.tex || (p.v[0].u == p.v[1].u && p.v[0].v == p.v[1].v)) {
      uint32_t col = p.v[0].col;
      if (p.tex) {  // ImGui's solid shapes sample the atlas's white texel; keep its coverage all the same
        const unsigned ta = p.tex->at(std::clamp(static_cast<int>(p.v[0].u * static_cast<float>(p.tex->w)), 0, p.tex->w - 1),
                                      std::clamp(static_cast<int>(p.v[0].v * static_cast<float>(p.tex->h)), 0, p.tex->h - 1));
        col = (col & 0x00FFFFFFu) | (((col >> 24) * ta / 255) << 24);
      }
      fill_rect(fb_, clip, p.v[0].x, p.v[0].y, p.v[1].x, p.v[1].y, col);
    } else {
      blit_rect(fb_, clip, *p.tex, p.v[0], p.v[1]);
    }
  }
}

void CpuRenderer::render(const ImDrawData* dd, uint32_t bg) {
  damage_.clear();
  redrawn_ = 0;
  if (!dd || dd->DisplaySize.x <= 0 || dd->DisplaySize.y <= 0) return;
  const int w = static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x);
  const int h = static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y);
  if (w != fb_.w || h != fb_.h) {
    fb_.resize(w, h);
    full_ = true;
  }
  if (bg != last_bg_) full_ = true;
  last_bg_ = bg;
  collect(dd);
  history_.begin();
  for (const Prim& p : prims_) history_.add(hash_prim(p, poly_vs_), p.box);
  damage_ = history_.finish(PixelRect{0, 0, w, h}, full_ || !track_);
  full_ = false;
  const uint32_t bg_argb = argb_opaque(bg);
  for (const PixelRect& r : damage_) {
    draw(r, bg_argb);
    redrawn_ += r.area();
  }
}

}  // namespace waymark::platform
